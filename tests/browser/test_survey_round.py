"""A whole week of EST in the browser: säkerhetsenheten opens the survey round, the invitations
go out, three respondents answer on their phones, the round is closed, Thursday's view shows
the figures, the meeting starts from them and Friday's summary carries them."""

import re
from datetime import time

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import DistributionRecipient, Level, Meeting
from surveys.models import Respondent, SurveySettings, Weekday
from tests.browser.conftest import assert_accessible, log_in
from tests.meetings.conftest import current_agreement, est  # noqa: F401
from tests.places import trelleborg

PHONE = {"width": 390, "height": 844}
LINK_PATH = re.compile(r"https?://[^/\s]+(/enkat/svar/[^/\s]+/)")


@pytest.fixture
def the_week(current_agreement, est):  # noqa: F811
    """Three respondents for Hamnen, a distribution list, and a timetable whose round stays
    open all week, so that opening it by hand works whatever day the test runs."""
    hamnen = next(area for area in est[0] if area.name == "Hamnen")
    for name in ("Anna Fält", "Bo Park", "Cilla Skola"):
        person = Respondent.objects.create(
            municipality=trelleborg(), name=name, email=f"{name.split()[0].lower()}@x.se"
        )
        person.areas.set([hamnen])
    DistributionRecipient.objects.create(
        municipality=trelleborg(), name="Polisen", email="lpo@example.org"
    )
    SurveySettings.objects.create(
        open_weekday=Weekday.MONDAY,
        open_time=time(0, 0),
        close_weekday=Weekday.SUNDAY,
        close_time=time(23, 59),
    )
    return timezone.localdate().isocalendar()[:2]


def answer(browser, live_server, path, levels=None):
    """One respondent on a phone: `levels` {factor: level label} for Hamnen, or (None) the
    one-tap "nothing to report"."""
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    page.goto(path)
    if levels is None:
        page.get_by_role("button", name="Inget att rapportera").click()
    else:
        hamnen = page.get_by_role("region", name="Hamnen")
        for factor, label in levels.items():
            hamnen.get_by_role("group", name=factor).get_by_label(label, exact=True).check()
        page.get_by_role("button", name="Skicka svaren").click()
    page.wait_for_url("**/tack/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tack för dina svar"
    context.close()


def test_a_whole_round_from_opening_to_fridays_summary(
    page, browser, live_server, the_week, security_user
):
    year, week = the_week
    log_in(page, security_user.username)

    # Tuesday: the round is opened (by hand here) and the personal links go out.
    page.goto("/admin/surveys/round/")
    page.get_by_role("button", name="Öppna veckans omgång nu").click()
    expect(page.get_by_text(f"Enkät vecka {week}, {year} är öppen: 3 inbjudna.")).to_be_visible()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anna@x.se",
        "bo@x.se",
        "cilla@x.se",
    ]
    links = [LINK_PATH.search(message.body).group(1) for message in mail.outbox]

    answer(browser, live_server, links[0], {"Skadegörelse": "Hög", "Klotter": "Låg"})
    answer(browser, live_server, links[1], {"Skadegörelse": "Hög"})
    answer(browser, live_server, links[2])  # nothing to report: "Inget" everywhere

    # Thursday morning: the round closes and its figures are read.
    page.goto("/admin/surveys/round/")
    page.get_by_role(
        "checkbox", name=f"Välj detta objekt för en åtgärd - Enkät vecka {week}"
    ).check()
    page.locator("select[name=action]").select_option(label="Stäng omgången nu")
    page.get_by_role("button", name="Utför").click()
    expect(page.get_by_text(f"Enkät vecka {week}, {year} är stängd.")).to_be_visible()

    page.goto(f"/enkat/{year}/vecka/{week}/")
    expect(page.get_by_text("100 % (3 av 3 svarade)").first).to_be_visible()
    hamnen = page.get_by_role("table", name=re.compile("Hamnen"))
    damage = hamnen.get_by_role("row", name=re.compile("^Skadegörelse"))
    assert "Hög" in damage.inner_text()
    assert "färre än 3 svar" in hamnen.get_by_role("row", name=re.compile("^Klotter")).inner_text()
    assert_accessible(page)

    # The meeting starts from the survey where it has enough answers, and says so.
    page.goto(f"/moten/{year}/vecka/{week}/nytt-mote/")
    level = page.get_by_label("Hamnen: Skadegörelse", exact=True)
    assert level.input_value() == str(Level.HIGH)
    source = page.locator(f"#{level.get_attribute('aria-describedby').split()[0]}")
    assert source.inner_text() == "Enkäten: typiskt Hög, högst Hög, 3 svar"
    expect(page.get_by_text("Nivåerna är ett förslag: mötet beslutar om dem.")).to_be_visible()
    page.get_by_role("button", name="Spara mötet").click()
    page.wait_for_url("**/mote/*/")
    meeting = Meeting.objects.get(agreement__slug="i-kraft", year=year, week=week)
    agreed = meeting.entries.get(area__name="Hamnen", factor__name="Skadegörelse")
    assert agreed.level == Level.HIGH

    # Friday: the summary carries the round's figures and goes out to the list.
    page.get_by_role("link", name="Veckosammanfattning").click()
    expect(page.get_by_text("3 av 3 inbjudna svarade (100 %).")).to_be_visible()
    assert_accessible(page)
    mail.outbox.clear()
    page.get_by_role("button", name="Skicka till sändlistan").click()
    expect(
        page.get_by_text("Sammanfattningen är på väg med e-post till 1 mottagare.")
    ).to_be_visible()
    (summary,) = mail.outbox
    assert "3 av 3 inbjudna svarade (100 %)." in summary.body
    assert "Hamnen, Skadegörelse: typiskt Hög, högst Hög, 3 svar" in summary.body
