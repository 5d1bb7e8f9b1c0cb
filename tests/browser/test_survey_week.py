"""Kommunpolisen opens Thursday's view of the week's survey by keyboard alone, at phone, tablet
and desktop width, and every page passes axe."""

import pytest
from playwright.sync_api import expect

from meetings.models import Area, Level
from tests.browser.conftest import assert_accessible, log_in
from tests.surveys.week_data import (  # noqa: F401
    current_agreement,
    est,
    make_respondents,
    make_round,
    respond,
)

L, E, H = Level.LOW, Level.ELEVATED, Level.HIGH


@pytest.fixture
def three_weeks(current_agreement, est):  # noqa: F811
    """Weeks 10–12 of the agreement's first year, each answered by four respondents about
    Hamnen (the whole grid); Smygehamn by four in week 10, then by two (too few for a level)."""
    areas, factors = est
    hamnen, smygehamn = Area.objects.get(name="Hamnen"), Area.objects.get(name="Smygehamn")
    people = make_respondents(4)
    for week, level in [(10, L), (11, E), (12, H)]:
        survey_round = make_round(current_agreement, current_agreement.start_year, week)
        for n, person in enumerate(people):
            levels = {(hamnen, f): level for f in factors}
            if n < 2 or week == 10:
                levels |= {(smygehamn, f): L for f in factors}
            respond(survey_round, person, levels, {hamnen: f"Krossade rutor vid kajen {n}"})
    return survey_round


def tab_to(page, locator, presses=80):
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    handle = locator.element_handle()
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("(el) => document.activeElement === el", handle):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_police_read_thursdays_view_by_keyboard(page, police_user, three_weeks):
    year = three_weeks.year
    log_in(page, police_user.username)
    tab_to(
        page,
        page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Veckoenkät"),
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/enkat/")
    assert page.get_by_role("heading", level=1).inner_text() == "Veckoenkät"
    assert_accessible(page)

    tab_to(page, page.get_by_role("link", name=f"Vecka 12, {year}"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/enkat/{year}/vecka/12/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Enkät vecka 12, {year}"
    expect(page.get_by_text("Svarsfrekvens: 100 % (4 av 4 svarade).")).to_be_visible()
    assert_accessible(page)

    # The areas' links lead to each area's tables; the figures table scrolls by keyboard.
    tab_to(page, page.get_by_role("link", name="Smygehamn", exact=True))
    page.keyboard.press("Enter")
    page.wait_for_url("**#area-*")
    smygehamn = page.get_by_role("region", name="Smygehamn: typisk nivå de senaste 3 omgångarna")
    assert smygehamn.get_by_role("row", name="Klotter").inner_text().split("\t")[1:] == [
        "Låg",
        "färre än 3 svar",
        "färre än 3 svar",
    ]
    # Smygehamn and the six areas nobody answered about this week.
    assert page.get_by_text("Färre än 3 svar på varje faktor den här veckan.").count() == 7

    page.set_viewport_size({"width": 390, "height": 844})
    hamnen = page.get_by_role("region", name="Hamnen: svar per faktor")
    tab_to(page, page.get_by_role("link", name="Hamnen", exact=True))
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("(el) => document.activeElement === el", hamnen.element_handle())
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    # Scrolling may be smooth: wait for it to move rather than read it at once.
    page.wait_for_function("(el) => el.scrollLeft > 0", arg=hamnen.element_handle())
    skadegorelse = hamnen.get_by_role("row", name="Skadegörelse")
    assert "upp från Förhöjd" in skadegorelse.inner_text()
    assert "stigande" in skadegorelse.inner_text()
    trend = page.get_by_role("table", name="Hamnen: typisk nivå de senaste 3 omgångarna")
    assert trend.get_by_role("row", name="Skadegörelse").inner_text().split("\t")[1:] == [
        "Låg",
        "Förhöjd",
        "Hög",
    ]
    expect(page.get_by_text("Krossade rutor vid kajen 0")).to_be_visible()
    assert_accessible(page)


def test_security_unit_reads_who_answered_what(page, security_user, three_weeks):
    log_in(page, security_user.username)
    page.goto(f"/enkat/{three_weeks.year}/vecka/12/")
    tab_to(page, page.get_by_role("link", name="Vem svarade vad"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/svar/")
    respondents = page.get_by_role("table", name="Inbjudna svarande")
    expect(respondents.get_by_role("row", name="Person 1")).to_be_visible()
    levels = page.get_by_role("table", name="Nivåer från Person 1")
    assert levels.get_by_role("row", name="Hamnen").inner_text().split("\t")[1] == "Hög"
    assert_accessible(page)
