"""A year followed up in the browser, without the admin: säkerhetsenheten writes the problem
picture, the citizen promises and the report's texts, kommunpolisen follows up a measure, and
the follow-up page ends with nothing missing. Every page passes axe at phone and desktop width."""

from playwright.sync_api import expect

from agreements.models import CitizenPromise, ProblemPicture
from indicators import demo as indicators_demo
from measures.models import Measure, MeasureUpdate
from tests.browser.conftest import assert_accessible, log_in

FOLLOW_UP = "/rapporter/trelleborg-2019-2022/2021/uppfoljning/"


def save(page):
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()


def test_a_year_followed_up_through_its_own_pages(page, seed_agreement, security_user, police_user):
    indicators_demo.create(seed_agreement)  # the figures; everything else is entered below
    measure = Measure.objects.create(
        agreement=seed_agreement, title="Trafikkontroller vid skolor", responsible="polis"
    )

    log_in(page, security_user.username)
    page.get_by_role("link", name="2021").first.click()  # the follow-up of the year
    assert page.url.endswith(FOLLOW_UP)
    assert_accessible(page)

    page.get_by_role("link", name="Ingen gemensam problembild för 2021").click()
    assert_accessible(page)
    page.get_by_label("Problembild").fill("Oro för trafiken kring skolorna.")
    page.get_by_label("Källor").fill("Trygghetsmätningen 2021")
    save(page)
    expect(page.get_by_text("Problembilden är sparad.")).to_be_visible()

    page.get_by_role("link", name="Inga medborgarlöften för 2021").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Medborgarlöfte 2021")
    page.locator("#id_points-0-text").fill("Fler trafikkontroller vid skolorna")
    page.locator("#id_points-0-status").select_option(label="Pågår")
    save(page)
    expect(page.get_by_text("Medborgarlöftena är sparade.")).to_be_visible()

    page.get_by_role("link", name="Rapportens text ”Sammanfattning” är tom").click()
    page.get_by_label("Sammanfattning").fill("Ett år med fler trafikkontroller.")
    page.get_by_label("Analys").fill("Kontrollerna gav effekt.")
    page.get_by_label("Förslag").fill("Fortsätt.")
    save(page)
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, police_user.username)
    page.goto(FOLLOW_UP)
    page.get_by_role("link", name="Trafikkontroller vid skolor: ingen uppföljning för 2021").click()
    assert_accessible(page)
    page.get_by_label("Status").select_option(label="Genomförd")
    page.get_by_label("Kommentar").fill("Tolv kontroller.")
    save(page)
    expect(page.get_by_text("Inget saknas")).to_be_visible()
    assert_accessible(page)

    assert ProblemPicture.objects.get(year=2021).history.get().history_user == security_user
    assert CitizenPromise.objects.get(year=2021).points.get().status == "ongoing"
    assert MeasureUpdate.objects.get(measure=measure).history.get().history_user == police_user
