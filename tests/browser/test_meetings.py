"""Kommunpolisen logs this week's EST meeting in the browser, starting from last week's picture,
and ends on the weekly summary; every page passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Action, ActionStatus, Level, Meeting
from tests.browser.conftest import assert_accessible, log_in

# The meeting fixtures of the meetings tests (areas, an agreement in force, make_meeting).
from tests.meetings.conftest import current_agreement, est, make_meeting  # noqa: F401


@pytest.fixture
def last_week(current_agreement, make_meeting):  # noqa: F811
    iso = (timezone.localdate() - timedelta(weeks=1)).isocalendar()
    meeting = make_meeting(
        current_agreement,
        iso.year,
        iso.week,
        levels={
            ("Hamnen", "Skadegörelse"): Level.ELEVATED,
            ("Anderslöv", "Buskörning"): Level.LOW,
            ("Smygehamn", "Nedskräpning"): Level.LOW,
        },
        units="Säkerhetsenheten, trygghetsvärdar, kommunpolis",
    )
    Action.objects.create(
        meeting=meeting,
        what="Laga belysningen i gångtunneln",
        responsible="kommun",
        unit="Gatu- och parkavdelningen",
    )
    return meeting


def test_police_log_this_weeks_meeting_from_last_weeks_picture(page, police_user, last_week):
    this_week = timezone.localdate().isocalendar()
    log_in(page, police_user.username)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Möten").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Tryggare Trelleborg-möten {this_week.year}"
    )
    assert_accessible(page)

    page.get_by_role("link", name=f"Logga veckans möte (vecka {this_week.week})").click()
    expect(page.get_by_text("utgår från mötet den")).to_be_visible()
    hamnen = page.get_by_label("Hamnen: Skadegörelse", exact=True)
    assert hamnen.input_value() == str(Level.ELEVATED)  # last week's picture
    assert page.get_by_label("Deltagande enheter").input_value().startswith("Säkerhetsenheten")
    assert_accessible(page)

    # Two levels change; the rest of the picture stays as it was.
    hamnen.focus()
    hamnen.select_option(label="Hög")
    page.get_by_label("Hamnen: Skadegörelse, anteckning").fill("Krossade rutor vid terminalen")
    page.get_by_label("Anderslöv: Buskörning", exact=True).select_option(label="Inget")

    earlier = page.get_by_role("group", name="Laga belysningen i gångtunneln")
    earlier.get_by_label("Utfall").select_option(label="Genomförd")
    earlier.get_by_label("Kommentar").fill("Ny armatur uppsatt")

    action = page.get_by_role("group", name="Åtgärd 1")
    action.get_by_label("Åtgärd").fill("Kamerabevakning vid terminalen utreds")
    action.get_by_label("Område").select_option(label="Hamnen")
    action.get_by_label("Ansvarig part").select_option(label="Gemensam")
    action.get_by_label("Ansvarig enhet").fill("Säkerhetsenheten")
    page.get_by_role("textbox", name="Beslut", exact=True).fill("Utred kameror vid terminalen.")
    page.get_by_role("button", name="Spara mötet").click()

    page.wait_for_url("**/moten/mote/*/")
    assert page.get_by_role("status").inner_text() == "Mötet har sparats."
    meeting = Meeting.objects.get(year=this_week.year, week=this_week.week)
    picture = {(e.area.name, e.factor.name): e.level for e in meeting.entries.select_related()}
    assert picture[("Hamnen", "Skadegörelse")] == Level.HIGH
    assert picture[("Anderslöv", "Buskörning")] == Level.NONE
    assert picture[("Smygehamn", "Nedskräpning")] == Level.LOW  # carried over unchanged
    assert last_week.actions.get().status == ActionStatus.DONE
    assert_accessible(page)

    page.get_by_role("link", name="Veckosammanfattning").click()
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith(f"Tryggare Trelleborg: sammanfattning av vecka {this_week.week}")
    )
    row = page.get_by_role("row").filter(has_text="Skadegörelse")
    assert "Hög" in row.inner_text() and "Krossade rutor" in row.inner_text()
    assert page.get_by_text("(upp från Förhöjd)").count() == 1
    expect(
        page.get_by_role("rowheader", name="Kamerabevakning vid terminalen utreds")
    ).to_be_visible()
    # The print button is shown by the page's script once it has run.
    expect(page.get_by_role("button", name="Skriv ut")).to_be_visible()
    assert_accessible(page)


def test_demo_year_pages_are_accessible(page, security_user, seed_agreement):
    from meetings import demo

    demo.create(seed_agreement)
    log_in(page, security_user.username)
    meeting = Meeting.objects.get(year=2021, week=20)
    for path in (
        "/moten/2021/",
        "/moten/2021/siffror/",
        meeting.get_absolute_url(),
        f"/moten/mote/{meeting.pk}/sammanfattning/",
        "/moten/2021/vecka/19/inget-mote/",
    ):
        page.goto(path)
        assert_accessible(page)
    page.goto(f"/moten/mote/{meeting.pk}/andra/")
    forms_before = int(page.locator("#id_actions-TOTAL_FORMS").input_value())
    page.get_by_role("button", name="Lägg till en åtgärd till").click()
    added = page.get_by_role("group", name=f"Åtgärd {forms_before + 1}").get_by_label("Åtgärd")
    assert added.evaluate("element => element === document.activeElement")
    assert_accessible(page)


def focused_label(page):
    return page.evaluate("document.activeElement.labels[0].textContent").strip()


def test_picture_grid_by_keyboard(page, police_user, est, current_agreement):  # noqa: F811
    """One Tab into the 96 cells, arrows between them, a digit sets the level, saved as typed."""
    this_week = timezone.localdate().isocalendar()
    log_in(page, police_user.username)
    page.goto(f"/moten/{this_week.year}/vecka/{this_week.week}/nytt-mote/")
    areas = page.locator(".picture-grid thead th").all_inner_texts()[1:]
    factors = page.locator(".picture-grid tbody th").all_inner_texts()
    assert len(areas) * len(factors) == 96
    expect(page.get_by_text("piltangenterna flyttar mellan rutorna")).to_be_visible()

    # From the last attendance box, Tab reaches the grid's scroll box and then its first cell.
    page.get_by_label("Polisen närvarande").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused_label(page) == f"{areas[0]}: {factors[0]}"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    assert focused_label(page) == f"{areas[1]}: {factors[1]}"
    page.keyboard.press("End")
    assert focused_label(page) == f"{areas[-1]}: {factors[1]}"
    page.keyboard.press("Control+End")
    page.keyboard.press("Home")
    assert focused_label(page) == f"{areas[0]}: {factors[-1]}"

    page.keyboard.press("3")
    cell = page.get_by_label(f"{areas[0]}: {factors[-1]}", exact=True)
    assert cell.input_value() == str(Level.HIGH)
    assert cell.evaluate("select => select.closest('td').classList.contains('changed')")
    page.keyboard.press("Tab")
    assert focused_label(page) == f"{areas[0]}: {factors[-1]}, anteckning"
    page.keyboard.type("Bilbränder")
    page.keyboard.press("Tab")
    assert focused_label(page) == "Gemensam lägesbild"  # out of the grid after the note
    assert_accessible(page)

    # The whole page, from the skip link to the footer, is far from 190 stops for the grid alone.
    page.locator("body").focus()
    stops = 0
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement !== document.body") and stops < 300:
        stops += 1
        page.keyboard.press("Tab")
    assert stops < 50, f"{stops} tab stops on the meeting form"

    page.get_by_role("button", name="Spara mötet").click()
    page.wait_for_url("**/moten/mote/*/")
    entry = Meeting.objects.get().entries.get(area__name=areas[0], factor__name=factors[-1])
    assert (entry.level, entry.note) == (Level.HIGH, "Bilbränder")
