"""PDF through Chromium's own print engine, driven by Playwright; a presented report's PDF is
printed once and kept with it (store_pdf).

Chromium draws the report exactly as the browser page does (plotly charts included), prints A4
with a footer (the document's title, which names the version, and "page x of y"), and writes a
tagged PDF for screen readers, with bookmarks made from its headings. It reads the page and its
static files from disk, offline, so rendering needs no running web server and no network.

The contents' page numbers take a second print. Chromium cannot compute CSS target-counter(),
and a page number is only known once the page is laid out: so the page is printed once, the page
of every heading read back from the PDF's own bookmarks (the very headings the contents link
to), the numbers written into the contents in the tab, and the page printed again. The numbers
go into boxes of a fixed width that the first print already reserved, so filling them in moves
no heading; the bookmarks are read once more to make sure, and should a heading have moved
after all, the numbers are filled in again (at most twice). The tab keeps the drawn charts
between the prints, so the second costs the printing only.

One Chromium with one tab serves the whole process while PDFs are being asked for. Launching
a browser per PDF cost one to two seconds, and a tab that has run plotly.js before runs it
again without compiling its 4.8 MB anew (V8 keeps the compiled code in the tab's renderer
process): another second. Each report is a new navigation, so it gets a new document and a new
JavaScript global; only the compiled library carries over from one report to the next.
"""

import atexit
import io
import queue
import re
import threading
from concurrent.futures import Future, wait
from contextlib import suppress
from pathlib import Path
from tempfile import NamedTemporaryFile

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from .models import AnnualReport
from .presentation import report_context

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Footer templates take no stylesheet of the page: inline styles, and a font size of their own.
FOOTER = (
    '<div style="font-size:8pt;width:100%;box-sizing:border-box;padding:0 16mm;display:flex;'
    'gap:8mm;justify-content:space-between;font-family:sans-serif;color:#212529">'
    '<span class="title"></span><span style="white-space:nowrap">{page}</span></div>'
)
MARGIN = {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
# A4's 210 mm less the side margins, at CSS's 96 px to the inch.
PAPER_VIEWPORT = {"width": round((210 - 32) / 25.4 * 96), "height": 1000}
CHARTS_READY = "document.documentElement.dataset.chartsReady === '1'"
HAS_CONTENTS = "document.querySelector('[data-contents-for]') !== null"
# Each entry of the contents gets the page of its heading's bookmark: the first bookmark after
# the previous entry's that bears the heading's text. Says whether any number changed.
FILL_CONTENTS = """bookmarks => {
  const text = node => node.textContent.replace(/\\s+/g, " ").trim();
  let next = 0, changed = false;
  for (const entry of document.querySelectorAll("[data-contents-for]")) {
    const heading = document.getElementById(entry.dataset.contentsFor);
    const found = bookmarks.findIndex((b, i) => i >= next && heading && b[0] === text(heading));
    const page = found < 0 ? "" : String(bookmarks[found][1]);
    if (found >= 0) next = found + 1;
    if (entry.textContent !== page) { entry.textContent = page; changed = true; }
  }
  return changed;
}"""
# An idle Chromium holds some 700 MB after a large report; it is closed after this many
# seconds without a PDF, and the next one launches it again (a second or two more).
IDLE_SECONDS = 600


class PdfUnavailable(Exception):
    """The PDF engine is missing or failed; the message says so in the user's language."""


def static_file(name):
    """The file on disk behind a static file's name (its URL after STATIC_URL), or None."""
    found = finders.find(name)
    if found:
        return Path(found)
    if staticfiles_storage.exists(name):
        return Path(staticfiles_storage.path(name))
    return None


def on_disk(html):
    """The page with its stylesheets and scripts pointing at the files on disk."""
    # Only <link> and <script>: a link in the text must never print a path on the server.
    static = re.escape(settings.STATIC_URL)
    tag = re.compile(rf'(<(?:link|script)\b[^>]*?\b(?:href|src)="){static}([^"?#]+)"')

    def file_link(match):
        file = static_file(match[2])
        return f'{match[1]}{file.resolve().as_uri()}"' if file else match[0]

    return tag.sub(file_link, html)


def render_pdf(html):
    """Print a complete HTML page (static URLs relative to the site root) to PDF bytes."""
    try:
        from playwright.sync_api import Error
    except ImportError as error:
        raise PdfUnavailable(_("The PDF engine (Playwright) is not installed.")) from error
    chromium = settings.CHROMIUM_PATH
    if not Path(chromium).exists():
        raise PdfUnavailable(_("The PDF engine (Chromium) is not installed on the server."))
    # Built here: the printer's thread does not share the request's language.
    page = _("Page %(page)s of %(pages)s") % {
        "page": '<span class="pageNumber"></span>',
        "pages": '<span class="totalPages"></span>',
    }
    footer = FOOTER.format(page=page)
    try:
        return on_printer_thread(printer.print, html, chromium, footer).result()
    except Error as error:
        raise PdfUnavailable(
            _("The PDF could not be made: %(error)s") % {"error": error}
        ) from error


def document_html(request, report):
    """The report as the HTML page its PDF is printed from."""
    return render_to_string("reports/report_document.html", report_context(report))


def document_pdf(request, report):
    return render_pdf(document_html(request, report))


def store_pdf(request, report):
    """Print a presented report once, in Swedish, and keep the file with it."""
    with translation.override("sv"):
        data = document_pdf(request, report)
    name = f"{report.agreement.slug}-{report.year}-v{report.version}.pdf"
    report.pdf.save(name, ContentFile(data), save=False)
    AnnualReport.objects.filter(pk=report.pk).update(pdf=report.pdf.name)


def bookmark_pages(data):
    """[[title, page number from 1]] of every bookmark in the PDF, in reading order."""
    reader = PdfReader(io.BytesIO(data))
    pages = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                title = " ".join(item.title.split())
                pages.append([title, reader.get_destination_page_number(item) + 1])

    walk(reader.outline)
    return pages


class Printer:
    """Chromium and the tab that prints; used only from the printer's thread."""

    def __init__(self):
        self.playwright = self.browser = self.page = self.chromium = None

    def print(self, html, chromium, footer):
        from playwright.sync_api import Error
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        reused = self.page is not None and self.chromium == chromium
        if not reused:
            self.open(chromium)
        try:
            return self.print_page(html, footer)
        except Error as error:
            self.close()
            # A browser or tab that died while idle (killed, out of memory) shows only when
            # used: one fresh try. A report that timed out would only time out again.
            if not reused or isinstance(error, PlaywrightTimeout):
                raise
        self.open(chromium)
        return self.print_page(html, footer)

    def print_page(self, html, footer):
        # A file, not a routed URL: routing would send plotly.js (1.2 MB) through Playwright's
        # driver for every report (0.4-0.8 s), while Chromium reads a file in no time.
        with NamedTemporaryFile("w", encoding="utf-8", suffix=".html") as file:
            file.write(on_disk(html))
            file.flush()
            self.page.goto(Path(file.name).as_uri(), wait_until="load")
            self.page.wait_for_function(CHARTS_READY, timeout=20_000)
            data = self.print_once(footer)
            if self.page.evaluate(HAS_CONTENTS):
                for _attempt in range(2):
                    if not self.page.evaluate(FILL_CONTENTS, bookmark_pages(data)):
                        break
                    data = self.print_once(footer)
            return data

    def print_once(self, footer):
        return self.page.pdf(
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=footer,
            margin=MARGIN,
            tagged=True,
            outline=True,
        )

    def open(self, chromium):
        from playwright.sync_api import sync_playwright

        self.close()
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_FLAGS
        )
        self.chromium = chromium
        # Offline: a link the page should not have fails instead of reaching the network.
        # As wide as the paper's text, so the charts are drawn to the width they print at.
        self.page = self.browser.new_page(offline=True, viewport=PAPER_VIEWPORT)

    def close(self):
        # Quietly: the browser or Playwright's driver may be gone already.
        with suppress(Exception):
            if self.browser:
                self.browser.close()
        with suppress(Exception):
            if self.playwright:
                self.playwright.stop()
        self.playwright = self.browser = self.page = self.chromium = None


printer = Printer()
_jobs = queue.SimpleQueue()
_thread = None
_thread_lock = threading.Lock()


def on_printer_thread(function, *args):
    """Run function(*args) on the printer's thread; returns a Future of its result.

    Playwright's sync API refuses a thread that already runs an event loop (an ASGI worker, a
    test driving a browser), and its objects belong to the thread that made them: so one
    thread of its own, which also lines concurrent requests up for the one tab.
    """
    job = Future()
    _jobs.put((job, function, args))
    _start_thread()
    return job


def _start_thread():
    global _thread
    with _thread_lock:
        if _thread is None or not _thread.is_alive():
            # A daemon, so an idle printer never holds the process open; atexit closes Chromium.
            _thread = threading.Thread(target=_work, name="pdf-printer", daemon=True)
            _thread.start()


def _work():
    while True:
        try:
            job, function, args = _jobs.get(timeout=IDLE_SECONDS)
        except queue.Empty:
            printer.close()
            continue
        if job.set_running_or_notify_cancel():
            try:
                job.set_result(function(*args))
            except BaseException as error:
                job.set_exception(error)


@atexit.register
def _close_at_exit():
    # Daemon threads still run while atexit does; they stop only after it.
    if _thread is not None and _thread.is_alive():
        wait([on_printer_thread(printer.close)], timeout=10)
