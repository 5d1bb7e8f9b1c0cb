"""Säkerhetsenheten presents the annual report; a reader reads it and downloads the PDF."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from agreements import demo as agreements_demo
from indicators import demo as indicators_demo
from measures import demo as measures_demo
from measures.models import MeasureUpdate
from tests.browser.conftest import assert_accessible, log_in

URL = "/rapporter/trelleborg-2019-2022/2021/"


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def download(page, link_name):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return open(info.value.path(), "rb").read()


def test_present_then_read_and_download_as_reader(page, seed_agreement, security_user, reader_user):
    agreements_demo.create(seed_agreement)
    measures_demo.create(seed_agreement)
    indicators_demo.create(seed_agreement)
    log_in(page, security_user.username)
    page.goto(URL)
    assert_accessible(page)
    page.get_by_role("link", name="Redigera texterna").click()
    page.get_by_label("Sammanfattning").fill("Ett år med fler trafikkontroller.")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Markera som presenterad").click()
    assert_accessible(page)
    page.get_by_label("Presenterad den").fill("2022-04-05")
    page.get_by_label("Diarienummer").fill("KS 2022/77")
    page.get_by_role("button", name="Markera som presenterad och frys").click()
    expect(page.get_by_text("Rapporten är presenterad och fryst.")).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, reader_user.username)
    page.get_by_role("link", name="Årsrapport 2021").click()
    expect(page.get_by_text("diarienummer KS 2022/77")).to_be_visible()
    # plotly draws after the page has loaded; expect() waits for it, a bare count() raced it
    expect(page.locator("html[data-charts-ready='1']")).to_have_count(1)
    assert_accessible(page)
    first = download(page, "Ladda ner PDF")
    text = pdf_text(first)
    assert "Årlig uppföljningsrapport 2021" in text
    assert "Ett år med fler trafikkontroller." in text
    assert "Samtal om droger i skolan" in text
    for status in ("Ej uppnått", "Uppnått"):
        assert status in text
    assert "Bostadsinbrott 2021: 100, målet var färre än 100 – ej uppnått" in " ".join(text.split())

    update = MeasureUpdate.objects.get(measure__title="Samtal om droger i skolan", year=2021)
    update.achieved_count = 1
    update.save()
    page.reload()
    expect(page.get_by_text("Livedata har ändrats sedan rapporten presenterades.")).to_be_visible()
    assert download(page, "Ladda ner PDF") == first
