"""The PDF engine for real: one Chromium for the process, each report a fresh page in its tab."""

import asyncio
import io
import os
import re
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import RequestFactory
from pypdf import PdfReader

from reports import pdf
from reports.freezing import report_for
from reports.pdf import document_html
from tests.conftest import present_to_the_board

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def chromium(settings):
    if not Path(settings.CHROMIUM_PATH).exists():
        reason = f"Chromium not found at {settings.CHROMIUM_PATH} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)


def html_page(body):
    # No charts on it, so it says at once that they are drawn.
    return (
        '<!doctype html><html lang="sv" data-charts-ready="1"><head><meta charset="utf-8">'
        f"<title>Rapport</title></head><body>{body}</body></html>"
    )


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_two_reports_in_a_row_each_print_their_own(security_user, demo_agreement):
    # Printing waits for report-charts.js to say the charts are drawn, so both have them.
    request = RequestFactory().get("/")
    request.user = security_user
    report = report_for(demo_agreement, 2021)
    report.summary = "Första utkastet om året i Trelleborg."
    first = pdf.render_pdf(document_html(request, report))
    report.summary = "Andra utkastet, med fler åtgärder."
    second = pdf.render_pdf(document_html(request, report))

    first_text, second_text = pdf_text(first), pdf_text(second)
    assert "Första utkastet om året i Trelleborg." in first_text
    assert "Andra utkastet" not in first_text
    assert "Andra utkastet, med fler åtgärder." in second_text
    assert "Första utkastet" not in second_text
    reader = PdfReader(io.BytesIO(second))
    pages = len(reader.pages)
    assert f"Sida 1 av {pages}" in second_text and f"Sida {pages} av {pages}" in second_text
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged for screen readers
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)  # A4 in mm


def chromium_processes():
    """Chromium's process ids by type, asked on the printer's thread as Playwright requires."""

    def ask():
        session = pdf.printer.browser.new_browser_cdp_session()
        return session.send("SystemInfo.getProcessInfo")["processInfo"]

    pdf.render_pdf(html_page("<p>Start</p>"))  # launched, whatever ran before
    processes = {}
    for process in pdf.on_printer_thread(ask).result():
        processes.setdefault(process["type"], []).append(process["id"])
    return processes


def test_a_browser_that_died_is_launched_again():
    for pid in chromium_processes()["browser"]:
        os.kill(pid, signal.SIGKILL)
    assert "Efter återstarten" in pdf_text(pdf.render_pdf(html_page("<p>Efter återstarten</p>")))


def test_a_tab_that_crashed_is_replaced():
    for pid in chromium_processes()["renderer"]:
        os.kill(pid, signal.SIGKILL)
    assert "Efter kraschen" in pdf_text(pdf.render_pdf(html_page("<p>Efter kraschen</p>")))


def test_prints_for_a_thread_that_runs_an_event_loop():
    async def view():
        return pdf.render_pdf(html_page("<p>Från en asynkron vy</p>"))

    # A thread of its own: this one may already run Playwright's loop for tests/browser.
    with ThreadPoolExecutor(max_workers=1) as executor:
        printed = executor.submit(asyncio.run, view()).result()
    assert "Från en asynkron vy" in pdf_text(printed)


def test_the_page_cannot_reach_the_network():
    requests = []

    class Server(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(204)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        html = html_page(
            f'<img src="{url}/bild.png" alt=""><link rel="stylesheet" href="{url}/s.css">'
        )
        pdf.render_pdf(html)
    finally:
        server.shutdown()
        server.server_close()
    assert requests == []


def test_reports_printed_at_once_from_two_threads_each_get_their_own():
    bodies = ["<p>Rapport från tråd ett</p>", "<p>Rapport från tråd två</p>"]
    with ThreadPoolExecutor(max_workers=2) as executor:
        printed = list(executor.map(lambda body: pdf.render_pdf(html_page(body)), bodies))
    assert "tråd ett" in pdf_text(printed[0]) and "tråd två" not in pdf_text(printed[0])
    assert "tråd två" in pdf_text(printed[1]) and "tråd ett" not in pdf_text(printed[1])


def test_an_idle_printer_closes_chromium_and_launches_it_again_when_asked(monkeypatch):
    pdf.render_pdf(html_page("<p>Före</p>"))
    monkeypatch.setattr(pdf, "IDLE_SECONDS", 0.2)
    pdf.on_printer_thread(lambda: None).result()  # the thread now waits with the short timeout
    time.sleep(1)
    # Asked on the printer's thread, so after it has closed the browser.
    assert pdf.on_printer_thread(lambda: pdf.printer.browser).result() is None
    assert "Efter pausen" in pdf_text(pdf.render_pdf(html_page("<p>Efter pausen</p>")))


def test_stylesheets_and_scripts_are_read_from_disk_but_links_stay_links():
    html = (
        '<link rel="stylesheet" href="/static/css/report.css">'
        '<script src="/static/js/report-charts.js"></script>'
        '<a href="/static/css/report.css">Stilmallen</a>'
    )
    on_disk = pdf.on_disk(html)
    assert f'href="{pdf.static_file("css/report.css").resolve().as_uri()}"' in on_disk
    assert f'src="{pdf.static_file("js/report-charts.js").resolve().as_uri()}"' in on_disk
    assert '<a href="/static/css/report.css">' in on_disk  # no path on the server in the PDF


FOOTER_LINE = re.compile(r"Sida \d+ av \d+")


def page_lines(page):
    """The page's lines of text, whitespace as one space, without the footer's line."""
    lines = (" ".join(line.split()) for line in page.extract_text().splitlines())
    return [line for line in lines if line and not FOOTER_LINE.search(line)]


def bookmarks(reader, depth=None):
    """[(title, page from 1)] of every bookmark in reading order, or of those at one depth
    (0 for the h1, 1 for the sections)."""
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            elif depth in (None, level):
                found.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


@pytest.fixture
def board_pdf(security_user, demo_agreement):
    """The demo's 2021 report as presented to the board: (its HTML, its PDF)."""
    present_to_the_board(report_for(demo_agreement, 2021), security_user)
    report = report_for(demo_agreement, 2021)
    request = RequestFactory().get("/")
    request.user = security_user
    html = document_html(request, report)
    return html, PdfReader(io.BytesIO(pdf.render_pdf(html)))


def test_the_pdf_has_bookmarks_and_contents_whose_page_numbers_hold(board_pdf):
    html, reader = board_pdf
    marks = bookmarks(reader, depth=1)
    titles = [title for title, _page in marks]
    for section in (
        "Innehåll",
        "Måluppfyllelse i korthet",
        "Bostadsinbrott",
        "Produktionsmål och åtgärder",
        "Källor och kommentarer till underlaget",
    ):
        assert section in titles
    contents = page_lines(reader.pages[1])
    assert contents[0] == "Innehåll"
    entries = [re.fullmatch(r"(.+) (\d+)", line).groups() for line in contents[1:]]
    assert [title for title, _page in entries] == titles[titles.index("Innehåll") + 1 :]
    for title, number in entries:
        page = int(number)
        assert 3 <= page <= len(reader.pages)
        assert title in page_lines(reader.pages[page - 1])  # the heading, on that very page
        assert (title, page) in marks


def test_no_page_ends_in_a_heading_or_caption(board_pdf):
    html, reader = board_pdf
    headings = {title for title, _page in bookmarks(reader)}
    captions = {
        " ".join(text.split())
        for text in re.findall(r"<(?:caption|figcaption)[^>]*>(.*?)</", html, re.S)
    }
    assert "Siffror: Bostadsinbrott" in captions
    for number, page in enumerate(reader.pages[2:], 3):  # the cover and contents end as they may
        last = page_lines(page)[-1]
        assert last not in headings | captions, f"page {number} ends in {last!r}"


def test_the_cover_and_every_footer_say_what_was_presented(board_pdf):
    html, reader = board_pdf
    cover = " ".join(page_lines(reader.pages[0]))
    assert "Årlig uppföljningsrapport 2021" in cover
    assert "samverkansöverenskommelse 2019 - 2022" in cover.lower()  # in capitals
    assert "Version 1" in cover
    assert "Presenterad 5 april 2022 för Kommunstyrelsen, diarienummer KS 2022/77." in cover
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        footer = page.extract_text().splitlines()
        assert any(
            f"Sida {number} av {pages}" in line and "version 1" in line for line in footer
        ), f"page {number}"
