"""Presenting freezes a report; later data changes are listed, never shown in it."""

import io

import pytest
from pypdf import PdfReader

from indicators.models import Value
from measures.models import MeasureUpdate
from reports.models import AnnualReport
from reports.pdf import PdfUnavailable
from tests.meetings.conftest import admin_page_data, form_values

from .conftest import text_pdf

URL = "/rapporter/trelleborg-2019-2022/2021/"
PRESENT = {
    "presented_on": "2022-04-05",
    "presented_to": "Kommunstyrelsen",
    "case_number": "KS 2022/77",
}


@pytest.fixture
def presented(security_client, demo_agreement, fake_pdf):
    security_client.post(
        URL + "redigera/",
        {"summary": "Året i korthet.", "analysis": "", "proposals": "", "revision": 0},
    )
    response = security_client.post(URL + "presentera/", PRESENT)
    assert response.status_code == 302
    return AnnualReport.objects.get(agreement=demo_agreement, year=2021)


def test_presenting_freezes_texts_figures_and_pdf(presented, security_user, fake_pdf):
    assert presented.is_presented
    assert presented.presented_by == security_user
    assert presented.snapshot["texts"]["summary"] == "Året i korthet."
    assert presented.pdf.name.endswith(".pdf")
    assert len(fake_pdf) == 1  # printed once, at approval


def test_changed_data_leaves_the_presented_report_as_it_was(security_client, presented, fake_pdf):
    before = security_client.get(URL)
    csv_before = security_client.get(URL + "siffror.csv").content
    pdf_before = security_client.get(URL + "rapport.pdf").content
    update = MeasureUpdate.objects.get(measure__title="Samtal om droger i skolan", year=2021)
    update.achieved_count = 3
    update.save()

    after = security_client.get(URL)
    assert "9 genomförda" in after.text and "3 genomförda" not in after.text
    assert "Livedata har ändrats sedan rapporten presenterades." in after.text
    assert "Samtal om droger i skolan · 2021: 9 (Pågår) → 3 (Pågår)" in after.text
    assert security_client.get(URL + "siffror.csv").content == csv_before
    assert security_client.get(URL + "rapport.pdf").content == pdf_before
    assert "Livedata har inte ändrats" in before.text
    assert len(fake_pdf) == 1  # served from storage, never printed again


def engine_down(html):
    raise PdfUnavailable("Chromium saknas")


@pytest.mark.parametrize(
    "printer_at_presenting", [text_pdf, engine_down], ids=["printed then", "printed later"]
)
def test_the_presented_pdf_holds_the_frozen_figures_after_the_data_changed(
    security_client, demo_agreement, monkeypatch, settings, tmp_path, printer_at_presenting
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("reports.pdf.render_pdf", printer_at_presenting)
    assert security_client.post(URL + "presentera/", PRESENT).status_code == 302
    stored = AnnualReport.objects.get(year=2021).pdf
    assert bool(stored) == (printer_at_presenting is text_pdf)  # or made at the first download
    monkeypatch.setattr("reports.pdf.render_pdf", text_pdf)
    MeasureUpdate.objects.filter(measure__title="Samtal om droger i skolan", year=2021).update(
        achieved_count=3
    )
    Value.objects.filter(indicator__code="brott-bostadsinbrott", period__label="2021").update(
        value=55
    )

    response = security_client.get(URL + "rapport.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Presenterad 5 april 2022 för Kommunstyrelsen, diarienummer KS 2022/77." in text
    assert "Pågår, 9 genomförda" in text and "Pågår, 3 genomförda" not in text
    assert "Bostadsinbrott 2021: 100, målet var färre än 100 – ej uppnått" in text
    assert "Bostadsinbrott 2021: 55" not in text


def test_presented_report_cannot_be_edited(security_client, presented):
    assert security_client.get(URL + "redigera/").status_code == 403
    assert security_client.post(URL + "presentera/", PRESENT).status_code == 403


def test_new_version_starts_from_live_data_and_keeps_the_old(security_client, presented):
    response = security_client.post(URL + "ny-version/")
    assert response.status_code == 302
    draft = AnnualReport.objects.get(year=2021, version=2)
    assert draft.status == AnnualReport.Status.DRAFT
    assert draft.summary == "Året i korthet."
    assert security_client.get(URL + "v1/").status_code == 200
    assert "Presenterad" in security_client.get(URL + "v1/").text
    assert "Utkast" in security_client.get(URL).text


def test_police_drafts_but_cannot_present(police_client, demo_agreement):
    response = police_client.post(
        URL + "redigera/",
        {"summary": "Polisens text", "analysis": "", "proposals": "", "revision": 0},
    )
    assert response.status_code == 302
    assert police_client.get(URL + "presentera/").status_code == 403
    assert AnnualReport.objects.get(year=2021).summary == "Polisens text"


def test_presenting_needs_date_body_and_case_number(security_client, demo_agreement):
    response = security_client.post(URL + "presentera/", {"presented_on": "inte ett datum"})
    assert response.status_code == 200
    assert "Fyll i ett giltigt datum." in response.text
    assert "Detta fält måste fyllas i." in response.text
    assert not AnnualReport.objects.filter(status="presented").exists()


def test_second_writer_is_told_of_the_first_writers_save(
    security_client, police_client, demo_agreement
):
    security_client.post(
        URL + "redigera/", {"summary": "Första", "analysis": "", "proposals": "", "revision": 0}
    )
    opened_at = AnnualReport.objects.get(year=2021).revision
    security_client.post(
        URL + "redigera/",
        {"summary": "Säkerhetsenhetens", "analysis": "", "proposals": "", "revision": opened_at},
    )
    response = police_client.post(
        URL + "redigera/",
        {"summary": "Polisens", "analysis": "", "proposals": "", "revision": opened_at},
    )
    assert response.status_code == 200
    assert "Någon annan har sparat rapporten" in response.text
    assert "Polisens" in response.text and "Säkerhetsenhetens" in response.text
    assert AnnualReport.objects.get(year=2021).summary == "Säkerhetsenhetens"


def test_a_text_form_opened_before_an_admin_save_is_refused(
    security_client, police_client, demo_agreement
):
    security_client.post(
        URL + "redigera/", {"summary": "Första", "analysis": "", "proposals": "", "revision": 0}
    )
    stale = police_client.get(URL + "redigera/").context["form"]
    report = AnnualReport.objects.get(year=2021)
    admin_url = f"/admin/reports/annualreport/{report.pk}/change/"
    in_admin = admin_page_data(security_client.get(admin_url))
    in_admin["summary"] = "Ändrad i admin"
    assert security_client.post(admin_url, in_admin).status_code == 302

    response = police_client.post(URL + "redigera/", {**form_values(stale), "summary": "Polisens"})

    assert "Någon annan har sparat rapporten" in response.text
    assert AnnualReport.objects.get(year=2021).summary == "Ändrad i admin"


def test_missing_pdf_engine_gives_a_clear_message(security_client, demo_agreement, settings):
    settings.CHROMIUM_PATH = "/finns/inte/chromium"
    response = security_client.get(URL + "rapport.pdf")
    assert response.status_code == 503
    assert "PDF-motorn (Chromium) är inte installerad på servern." in response.text


def test_figures_download_as_csv_and_excel(security_client, demo_agreement):
    csv = security_client.get(URL + "siffror.csv")
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Avsnitt;Ämne;Period;Grupp;Värde;Status"
    assert "Samtal om droger i skolan;2021;;9;Pågår" in text
    xlsx = security_client.get(URL + "siffror.xlsx")
    assert xlsx.content[:2] == b"PK"
    assert security_client.get(URL + "siffror.doc").status_code == 404


def test_repeat_views_of_a_presented_report_do_not_rebuild_the_live_data(
    security_client, presented, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        security_client.get(URL)
    with django_assert_max_num_queries(len(first) // 2):
        response = security_client.get(URL)
    assert "Livedata har inte ändrats" in response.text


def test_presented_body_is_rendered_once(security_client, presented, monkeypatch):
    from reports import presentation

    security_client.get(URL)
    monkeypatch.setattr(presentation, "charts_for", lambda content: [])  # would drop the charts
    assert 'id="chart-goal-1-data"' in security_client.get(URL).text
