"""Playwright driving Debian's Chromium against live_server, with an axe-core check per page.

Without Chromium the browser tests skip with a reason, unless REQUIRE_BROWSER=1 (as in CI).
"""

import os
import shutil

import pytest

from reports.pdf import CHROMIUM_FLAGS  # the flags this machine's Chromium needs
from tests.conftest import DATABASE_TESTS_ONLY, PASSWORD

# Playwright's sync API runs an event loop in the test's thread; the ORM calls our fixtures
# make from that thread are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Phone, tablet and desktop: every page the tests visit must fit each without sideways scrolling.
WIDTHS = (390, 768, 1280)
# axe's verdict is on the markup and styles the templates give, the same whichever database
# holds the data, and its runs are half of the browser tests' time. CI's second pass, on
# PostgreSQL, leaves it to the first, which checks every page the tests visit at every width.
AXE_CHECKS = not DATABASE_TESTS_ONLY

# The element reaching furthest right outside any box that scrolls on its own, as a CSS-like name
# (an absolutely positioned element may escape its scroll box, so it always counts).
WIDEST_ELEMENT_JS = """() => {
  const scrollsOnItsOwn = (el) => {
    if (["absolute", "fixed"].includes(getComputedStyle(el).position)) return false;
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") return true;
    }
    return false;
  };
  let widest = null, right = 0;
  for (const el of document.body.querySelectorAll("*")) {
    const edge = el.getBoundingClientRect().right;
    if (edge > right && !scrollsOnItsOwn(el)) { right = edge; widest = el; }
  }
  if (!widest) return "";
  const classes = [...widest.classList].map((c) => "." + c).join("");
  const text = widest.textContent.trim().replace(/\\s+/g, " ").slice(0, 40);
  return `${widest.tagName.toLowerCase()}${widest.id ? "#" + widest.id : ""}${classes}`
    + ` reaching ${Math.round(right)} px ("${text}")`;
}"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(transactional_db, browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page, impacts=None):
    """axe-core's WCAG 2.1 A/AA violations on the page, optionally only of some impacts.

    axe-core (the copy axe-playwright-python ships) goes into each document once: its 570 KB
    cost a third of a second to send and compile, and the page is checked at every width.
    """
    from axe_playwright_python.base import AXE_SCRIPT

    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": []}
    violations = page.evaluate(
        "(options) => axe.run(document, options).then((results) => results.violations)", options
    )
    if impacts:
        violations = [v for v in violations if v["impact"] in impacts]
    return violations


def assert_fits(page, width):
    """The page is no wider than a viewport of this width: no sideways scrolling.

    Charts redraw for the new width a moment after the resize, so the page gets a little while.
    """
    from playwright.sync_api import TimeoutError

    try:
        page.wait_for_function(
            "(width) => document.documentElement?.scrollWidth <= width", arg=width, timeout=3_000
        )
    except TimeoutError:
        pass  # the assertion below names the widest element
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width, (
        f"{page.url} is {page_width} px wide at {width} px: " + page.evaluate(WIDEST_ELEMENT_JS)
    )


def assert_accessible(page, impacts=None, at_each_width=None):
    """At phone, tablet and desktop width: the page fits, axe finds nothing (AXE_CHECKS) and
    `at_each_width(width)`, a test's own check, passes."""
    # A click that follows a link returns once the new page is committed, before it is parsed:
    # its document may have no element yet.
    page.wait_for_load_state()
    viewport = page.viewport_size
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": viewport["height"]})
            if "/admin/" not in page.url:  # Django's own admin keeps its own layout
                assert_fits(page, width)
            if at_each_width:
                at_each_width(width)
            if not AXE_CHECKS:
                continue
            violations = axe_violations(page, impacts)
            details = "\n".join(
                f"- {v['id']} ({v['impact']}): {v['help']} at "
                + ", ".join(str(node["target"]) for node in v["nodes"][:3])
                for v in violations
            )
            assert not violations, f"axe found on {page.url} at {width} px:\n{details}"
    finally:
        page.set_viewport_size(viewport)


# Pages that look the same whenever a test opens them, already checked in this worker.
_checked_pages = set()


def assert_accessible_once(page):
    """assert_accessible for a page that is the same whenever a test opens it (the login form):
    the first test in each worker to open it checks it, the rest save the three axe runs."""
    if page.url not in _checked_pages:
        assert_accessible(page)
        _checked_pages.add(page.url)


def log_in(page, username, password=PASSWORD):
    page.goto("/logga-in/")
    assert_accessible_once(page)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
