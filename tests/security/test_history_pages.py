"""The admin's history pages are for reading: an old version is shown, never saved back."""

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from simple_history.admin import SimpleHistoryAdmin

from agreements.admin import HistoryAdmin
from indicators.models import Value
from reports.models import AnnualReport
from tests.conftest import present_to_the_board

VALUE_FIELDS = ["indicator", "period", "group", "value", "sample_size", "status", "note"]
REPORT_FIELDS = ["agreement", "year", "version", "summary", "analysis", "proposals"]


def revert_form(obj, fields, **changes):
    """What the old version's page would post: its fields, as a form sends them."""
    data = {**model_to_dict(obj, fields=fields), **changes}
    return {name: "" if value is None else value for name, value in data.items()}


def history_url(obj, version):
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/history/{version.history_id}/"


@pytest.fixture
def a_value(installation):
    return Value.objects.filter(indicator__code="brott-bostadsinbrott").first()


@pytest.fixture
def presented_report(installation, security_user):
    report = AnnualReport.objects.create(agreement=installation, year=2021, summary="Utkast")
    first = report.history.earliest()
    present_to_the_board(report, security_user)
    AnnualReport.objects.filter(pk=report.pk).update(pdf="reports/rapport.pdf")
    return AnnualReport.objects.get(pk=report.pk), first


@pytest.mark.parametrize("role", ["police_client", "security_client"])
def test_posting_an_old_indicator_value_changes_nothing(request, role, a_value):
    client = request.getfixturevalue(role)
    old = a_value.history.earliest()
    versions = a_value.history.count()

    response = client.post(
        history_url(a_value, old), revert_form(a_value, VALUE_FIELDS, value="123456")
    )

    assert response.status_code == 403
    assert Value.objects.get(pk=a_value.pk).value == a_value.value
    assert a_value.history.count() == versions


@pytest.mark.parametrize("role", ["police_client", "security_client"])
def test_posting_the_draft_version_of_a_presented_report_changes_nothing(
    request, role, presented_report
):
    report, draft = presented_report
    client = request.getfixturevalue(role)

    response = client.post(history_url(report, draft), revert_form(report, REPORT_FIELDS))

    assert response.status_code == 403
    kept = AnnualReport.objects.get(pk=report.pk)
    assert kept.is_presented
    assert kept.snapshot == report.snapshot
    assert kept.pdf.name == "reports/rapport.pdf"


def test_old_versions_stay_readable_without_a_revert_button(security_client, a_value):
    a_value.value = 1
    a_value.save()
    old = a_value.history.earliest()

    listing = security_client.get(f"/admin/indicators/value/{a_value.pk}/history/")
    page = security_client.get(history_url(a_value, old))

    assert listing.status_code == 200 and history_url(a_value, old) in listing.text
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert 'name="value"' not in page.text  # shown as text, not as a field to submit


def test_reader_sees_no_history(reader_client, a_value):
    response = reader_client.get(history_url(a_value, a_value.history.earliest()))
    assert response.status_code in (302, 403)


def test_every_admin_with_history_reads_it_only():
    with_history = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]
    assert with_history
    assert all(isinstance(model_admin, HistoryAdmin) for model_admin in with_history)
