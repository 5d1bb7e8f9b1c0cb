"""The issue's "done when": säkerhetsenheten makes 2023–2026 from 2019–2022 in the browser, sets
it in force, follows up 2023 without the admin and presents its report; the 2019–2022 meetings
and reports stay one click away. Every page passes axe, and cuts off no text, at phone, tablet
and desktop width."""

import re

from playwright.sync_api import expect

from agreements.models import Agreement
from indicators.models import GoalAssessment, Value
from measures import demo as measures_demo
from measures.models import MeasureUpdate
from tests.browser.conftest import assert_accessible, log_in

SLUG = "trelleborg-2023-2026"
FOLLOW_UP = f"/rapporter/{SLUG}/2023/uppfoljning/"
# The 2023 values the follow-up lacks: the crime counts and survey questions the targets measure.
VALUES_2023 = (
    "indicator;period;group;value;status\n"
    "brott-bostadsinbrott;2023;alla;88;slutlig\n"
    "brott-skadegorelse;2023;alla;410;slutlig\n"
    "tm-fortkorning;2023;alla;3,1;slutlig\n"
    "tm-buskorning;2023;alla;2,4;slutlig\n"
    "tm-trafikregler;2023;alla;2,9;slutlig\n"
    "tm-otrygghet;2023;alla;1,8;slutlig\n"
)


# Text cut off at the window's right edge (WCAG 1.4.10 reflow); a table may scroll sideways.
CUT_OFF_TEXT = """() => [...document.querySelectorAll("main h1, main h2, main h3, main p")]
    .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1
        || element.scrollWidth > element.clientWidth + 1)
    .map((element) => element.textContent.trim().slice(0, 60))"""


def assert_accessible_and_nothing_cut_off(page):
    def nothing_cut_off(width):
        assert page.evaluate(CUT_OFF_TEXT) == [], f"cut off at {width} px on {page.url}"

    assert_accessible(page, at_each_width=nothing_cut_off)  # fits and passes axe there too


def main_menu(page, name):
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name=name).click()


def save(page, name="Spara"):
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def expect_missing(page, count):
    """The follow-up page, listing `count` things the report still lacks."""
    expect(page).to_have_url(re.compile(f"{FOLLOW_UP}(#.*)?$"))  # a save keeps the link's #
    expect(page.locator("ul.missing-list > li")).to_have_count(count)
    assert_accessible_and_nothing_cut_off(page)


def make_the_successor_and_set_it_in_force(page):
    main_menu(page, "Överenskommelser")
    page.get_by_role("link", name="Ny överenskommelse").click()
    expect(page.get_by_label("Kortnamn")).to_have_value(SLUG)
    expect(page.get_by_label("Utgå från").locator("option:checked")).to_have_text(
        "Samverkansöverenskommelse 2019 - 2022"
    )
    assert_accessible_and_nothing_cut_off(page)
    save(page, "Skapa utkastet")
    expect(page).to_have_url(re.compile(f"/overenskommelser/{SLUG}/$"))
    expect(page.get_by_role("status")).to_contain_text("har skapats")
    assert_accessible_and_nothing_cut_off(page)

    save(page, "Sätt i kraft för 2023–2026")
    in_force = "Samverkansöverenskommelse 2023–2026 är nu i kraft."
    expect(page.get_by_role("status")).to_have_text(in_force)
    expect(page.get_by_role("button", name="Sätt i kraft för 2023–2026")).to_have_count(0)
    assert_accessible_and_nothing_cut_off(page)


def import_the_values(page):
    main_menu(page, "Indikatorer")
    page.get_by_role("link", name="Importera värden från en fil").click()
    assert_accessible_and_nothing_cut_off(page)
    page.get_by_label("Fil", exact=True).set_input_files(
        {"name": "2023.csv", "mimeType": "text/csv", "buffer": VALUES_2023.encode()}
    )
    save(page, "Granska filen")
    expect(page.get_by_role("status")).to_contain_text("6 att lägga till")
    assert_accessible_and_nothing_cut_off(page)
    save(page, "Importera värdena")
    expect(page.get_by_role("status")).to_contain_text("2023.csv importerad: 6 tillagda")


def write_the_problem_picture(page):
    page.get_by_role("link", name="Ingen gemensam problembild för 2023").click()
    assert_accessible_and_nothing_cut_off(page)
    page.get_by_label("Problembild").fill("Fortkörning och skadegörelse i centrum.")
    page.get_by_label("Källor").fill("Polisens trygghetsmätning 2023")
    save(page)
    expect(page.get_by_role("status")).to_contain_text("Problembilden är sparad.")


def write_and_follow_up_the_citizen_promise(page):
    page.get_by_role("link", name="Inga medborgarlöften för 2023").click()
    assert_accessible_and_nothing_cut_off(page)
    page.get_by_label("Titel").fill("Medborgarlöfte 2023")
    page.locator("#id_points-0-text").fill("Fler hastighetskontroller i centrum")
    page.locator("#id_points-0-status").select_option(label="Uppfyllt")
    save(page)
    expect(page.get_by_role("status")).to_contain_text("Medborgarlöftena är sparade.")


def follow_up_a_measure(page):
    page.get_by_role("link", name="Samtal om droger i skolan: ingen uppföljning för 2023").click()
    assert_accessible_and_nothing_cut_off(page)
    measure = page.get_by_role("group", name="Samtal om droger i skolan")
    measure.get_by_label("Status").select_option(label="Genomförd")
    measure.get_by_label("Kommentar").fill("Nio samtal i åk 8.")
    save(page)
    expect(page.get_by_role("status")).to_contain_text("Åtgärdernas uppföljning är sparad.")


def assess_a_goal(page):
    page.get_by_role("link", name="Årsrapport 2023").click()
    page.get_by_role("link", name="Bedöm målen").click()
    assert_accessible_and_nothing_cut_off(page)
    goal = page.get_by_role("group", name="Otrygghet")
    goal.get_by_label("Bedömning").select_option(label="Delvis uppnått")
    goal.get_by_label("Motivering").fill("Färre otrygga, men inte i alla områden.")
    save(page, "Spara bedömningarna")
    expect(page.get_by_role("status")).to_contain_text("Bedömningarna sparades.")


def write_the_report_texts(page):
    page.get_by_role("link", name="Rapportens text ”Sammanfattning” är tom").click()
    assert_accessible_and_nothing_cut_off(page)
    page.get_by_label("Sammanfattning").fill("Första året med den nya överenskommelsen.")
    page.get_by_label("Analys").fill("Brotten minskade.")
    page.get_by_label("Förslag").fill("Fortsätt med kontrollerna.")
    save(page)
    expect(page.get_by_role("status")).to_contain_text("Rapportens texter sparades.")
    page.get_by_role("link", name="Det som saknas i rapporten").click()


def present_the_report(page):
    page.get_by_role("link", name="Årsrapport 2023").click()
    assessed = page.get_by_text("Bedömning: delvis uppnått – Färre otrygga", exact=False)
    expect(assessed.first).to_be_visible()
    assert_accessible_and_nothing_cut_off(page)
    page.get_by_role("link", name="Markera som presenterad").click()
    assert_accessible_and_nothing_cut_off(page)
    page.get_by_label("Presenterad den").fill("2024-04-09")
    page.get_by_label("Diarienummer").fill("KS 2024/31")
    save(page, "Markera som presenterad och frys")
    expect(page.get_by_text("Rapporten är presenterad och fryst.")).to_be_visible()
    expect(page.get_by_text("diarienummer KS 2024/31")).to_be_visible()
    assert_accessible_and_nothing_cut_off(page)


def test_successor_made_followed_up_and_presented_old_years_one_click_away(
    page, seed_agreement, security_user
):
    measures_demo.create(seed_agreement)  # measures still running, so the copy carries them
    log_in(page, security_user.username)
    make_the_successor_and_set_it_in_force(page)

    main_menu(page, "Start")
    page.get_by_role("region", name="Samverkansöverenskommelse 2023–2026").get_by_role(
        "link", name="2023"
    ).first.click()
    # Six values, five measures, the promises, the problem picture and three texts.
    expect_missing(page, 16)

    import_the_values(page)
    page.goto(FOLLOW_UP)
    expect_missing(page, 10)
    write_the_problem_picture(page)
    expect_missing(page, 9)
    write_and_follow_up_the_citizen_promise(page)
    expect_missing(page, 8)
    follow_up_a_measure(page)
    expect_missing(page, 7)
    assess_a_goal(page)
    page.get_by_role("link", name="Det som saknas i rapporten").click()
    write_the_report_texts(page)
    expect_missing(page, 4)  # the measures nobody has followed up yet
    present_the_report(page)

    main_menu(page, "Möten")
    page.get_by_role("navigation", name="År").get_by_role("link", name="2021").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tryggare Trelleborg-möten 2021")
    assert_accessible(page)
    main_menu(page, "Årsrapporter")
    page.get_by_role("link", name="Årsrapport 2021").click()
    expect(page).to_have_url(re.compile("/rapporter/trelleborg-2019-2022/2021/$"))
    assert_accessible(page)

    successor = Agreement.objects.get(slug=SLUG)
    assert successor.status == Agreement.Status.ACTIVE
    assert Value.objects.filter(period__year=2023).count() == 6
    assert MeasureUpdate.objects.get(measure__agreement=successor).history.get().history_user == (
        security_user
    )
    assert GoalAssessment.objects.get(goal__agreement=successor, year=2023).status
