"""PDF through Chromium's own print engine, driven by Playwright.

Chromium draws the report exactly as the browser page does (plotly charts included), prints A4
with page numbers, and writes a tagged PDF for screen readers. Static files are answered from
disk, so rendering needs no running web server and no network.
"""

import mimetypes
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.translation import gettext as _

ORIGIN = "http://samverkan.pdf"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center;font-family:sans-serif">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


class PdfUnavailable(Exception):
    """The PDF engine is missing or failed; the message says so in the user's language."""


def static_file(url_path):
    """The file on disk behind a /static/ URL, or None."""
    name = url_path.removeprefix(settings.STATIC_URL.lstrip("/")).lstrip("/")
    found = finders.find(name)
    if found:
        return Path(found)
    if staticfiles_storage.exists(name):
        return Path(staticfiles_storage.path(name))
    return None


def _answer(route, html):
    path = route.request.url.removeprefix(ORIGIN).split("?")[0].lstrip("/")
    if path == "rapport":
        return route.fulfill(body=html, content_type="text/html; charset=utf-8")
    if path.startswith(settings.STATIC_URL.lstrip("/")):
        file = static_file(path)
        if file:
            content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            return route.fulfill(body=file.read_bytes(), content_type=content_type)
    return route.abort()


def render_pdf(html):
    """Print a complete HTML page (static URLs relative to the site root) to PDF bytes."""
    # Playwright's sync API refuses to run in a thread that already has an event loop (an ASGI
    # worker, or a test driving a browser), so it always gets a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(_print, html).result()


def _print(html):
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        raise PdfUnavailable(_("The PDF engine (Playwright) is not installed.")) from error
    chromium = settings.CHROMIUM_PATH
    if not Path(chromium).exists():
        raise PdfUnavailable(_("The PDF engine (Chromium) is not installed on the server."))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            try:
                page = browser.new_page()
                page.route("**/*", lambda route: _answer(route, html))
                page.goto(f"{ORIGIN}/rapport", wait_until="load")
                page.wait_for_function(
                    "document.documentElement.dataset.chartsReady === '1'", timeout=20_000
                )
                return page.pdf(
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=FOOTER,
                    margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                    tagged=True,
                    outline=True,
                )
            finally:
                browser.close()
    except Error as error:
        raise PdfUnavailable(
            _("The PDF could not be made: %(error)s") % {"error": error}
        ) from error
