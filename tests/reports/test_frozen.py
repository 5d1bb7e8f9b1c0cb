"""A presented report never changes, whatever writes to it: the model refuses, and so does the
database (a trigger), for the ORM, querysets and raw SQL alike. Its PDF is stored once."""

import datetime
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, ProtectedError

from agreements.models import Agreement
from reports.freezing import present
from reports.models import AnnualReport
from tests.conftest import present_to_the_board

REFUSED = "En presenterad rapport ändras aldrig och tas aldrig bort"


@pytest.fixture
def draft(seed_agreement):
    return AnnualReport.objects.create(agreement=seed_agreement, year=2021, summary="Utkast")


@pytest.fixture
def presented(draft, security_user):
    present_to_the_board(draft, security_user)
    return AnnualReport.objects.get(pk=draft.pk)


def refused_by_the_database(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_presenting_a_draft_freezes_it(presented, security_user):
    assert presented.is_presented
    assert presented.presented_by == security_user
    assert presented.snapshot["texts"]["summary"] == "Utkast"


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ({"presented_to": ""}, "behöver ett datum och uppgift om vem den presenterades för"),
        ({"case_number": "KS 2022/" + "7" * 60}, "som mest 60 tecken"),
    ],
    ids=["no body", "case number too long"],
)
def test_presenting_is_validated_before_anything_is_frozen(draft, security_user, wrong, message):
    board = {"presented_on": "2022-04-05", "presented_to": "Kommunstyrelsen"}
    with pytest.raises(ValidationError, match=message):
        present(draft, user=security_user, **{**board, "case_number": "KS 2022/77", **wrong})
    stored = AnnualReport.objects.get(pk=draft.pk)
    assert (stored.status, stored.snapshot, stored.presented_by) == ("draft", None, None)


def test_saving_a_presented_report_is_refused(presented):
    presented.status = AnnualReport.Status.DRAFT
    presented.summary = "Omskriven"
    with pytest.raises(ValidationError, match=REFUSED):
        presented.save()
    assert AnnualReport.objects.get(pk=presented.pk).summary == "Utkast"


def test_a_copy_read_before_presenting_cannot_overwrite_it(draft, presented):
    draft.summary = "Omskriven"
    draft.status = AnnualReport.Status.DRAFT
    with pytest.raises(ValidationError, match=REFUSED):
        draft.save()
    assert AnnualReport.objects.get(pk=presented.pk).is_presented


def test_a_presented_report_does_not_validate_for_change(presented):
    with pytest.raises(ValidationError, match=REFUSED):
        presented.full_clean()


def test_deleting_a_presented_report_is_refused(presented):
    with pytest.raises(ValidationError, match=REFUSED):
        presented.delete()
    refused_by_the_database(AnnualReport.objects.filter(pk=presented.pk).delete)
    assert AnnualReport.objects.filter(pk=presented.pk).exists()


def test_a_draft_may_still_be_deleted(draft):
    draft.delete()
    assert not AnnualReport.objects.exists()


@pytest.fixture
def changes(presented, seed_agreement, police_user):
    """A new value for every column of the presented report but its PDF."""
    other = Agreement.objects.get(pk=seed_agreement.pk)
    other.pk, other.slug = None, "en-annan"
    other.save()
    return {
        "id": F("id") + 1000,
        "agreement": other,
        "year": 2022,
        "version": 7,
        "status": AnnualReport.Status.DRAFT,
        "summary": "Omskriven",
        "analysis": "Ny analys",
        "proposals": "Nya förslag",
        "presented_on": datetime.date(2023, 1, 1),
        "presented_to": "Någon annan",
        "case_number": "KS 2099/1",
        "presented_by": police_user,
        "snapshot": {"content": {}, "texts": {}},
        "revision": 99,
    }


def test_changes_cover_every_column_but_the_pdf(changes):
    columns = {field.name for field in AnnualReport._meta.concrete_fields}
    assert set(changes) == columns - {"pdf"}


def test_no_column_of_a_presented_report_can_be_updated(presented, changes):
    reports = AnnualReport.objects.filter(pk=presented.pk)
    for field, value in changes.items():
        refused_by_the_database(partial(reports.update, **{field: value}))
    assert AnnualReport.objects.get(pk=presented.pk).snapshot == presented.snapshot


def test_raw_sql_cannot_turn_a_presented_report_back_into_a_draft(presented):
    def turn_back():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE reports_annualreport SET status = 'draft', snapshot = NULL WHERE id = %s",
                [presented.pk],
            )

    refused_by_the_database(turn_back)
    assert AnnualReport.objects.get(pk=presented.pk).is_presented


def test_raw_sql_cannot_delete_a_presented_report(presented):
    def delete():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM reports_annualreport WHERE id = %s", [presented.pk])

    refused_by_the_database(delete)
    assert AnnualReport.objects.filter(pk=presented.pk).exists()


def test_the_pdf_is_stored_once_and_then_kept(presented):
    reports = AnnualReport.objects.filter(pk=presented.pk)
    reports.update(pdf="reports/trelleborg-2021-v1.pdf")
    refused_by_the_database(lambda: reports.update(pdf="reports/annan.pdf"))
    refused_by_the_database(lambda: reports.update(pdf=""))
    assert reports.get().pdf.name == "reports/trelleborg-2021-v1.pdf"


def test_the_presenter_cannot_be_deleted(presented, security_user):
    with pytest.raises(ProtectedError):
        security_user.delete()
