"""A respondent answers this week's survey on a phone through their personal link, by keyboard
alone, and finds the answers again when they reopen the link; every page passes axe."""

from playwright.sync_api import expect

from meetings.models import Level
from tests.browser.conftest import assert_accessible

# The answering tests' round and invitation (areas Hamnen and Anderslöv, every factor in use).
from tests.surveys.test_answering import (  # noqa: F401
    current_agreement,
    est,
    invitation,
    saved_levels,
    this_round,
    url,
)

PHONE = {"width": 390, "height": 844}


def test_a_respondent_answers_by_keyboard_on_a_phone(page, invitation):  # noqa: F811
    page.set_viewport_size(PHONE)
    page.goto(url(invitation))
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Veckans enkät, vecka {invitation.round.week}"
    )
    assert page.get_by_role("navigation", name="Huvudmeny").count() == 0
    assert_accessible(page)

    # From the one-tap button, Tab enters Hamnen's first factor at its chosen "Vet ej"; the
    # arrow keys move the choice within the group, Space keeps it.
    page.get_by_role("button", name="Inget att rapportera").focus()
    page.keyboard.press("Tab")
    hamnen = page.get_by_role("region", name="Hamnen")
    threats = hamnen.get_by_role("group", name="Hot och våld")
    assert threats.get_by_label("Vet ej").evaluate("radio => radio === document.activeElement")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Space")
    assert threats.get_by_label("Hög").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert hamnen.get_by_role("group", name="Skadegörelse").get_by_label("Förhöjd").is_checked()

    hamnen.get_by_label("Iakttagelse om Hamnen (frivillig)").focus()
    page.keyboard.type("Krossade rutor vid terminalen")
    page.get_by_role("button", name="Skicka svaren").focus()
    page.keyboard.press("Enter")

    page.wait_for_url("**/tack/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tack för dina svar"
    saved = page.get_by_role("status").inner_text()
    assert saved.startswith(f"Dina svar för vecka {invitation.round.week} sparades")
    reported = page.get_by_role("list").first.inner_text()
    assert "Hamnen: Hot och våld – Hög" in reported
    assert "Hamnen: Skadegörelse – Förhöjd" in reported
    expect(page.get_by_text("Hamnen: Krossade rutor vid terminalen")).to_be_visible()
    levels = saved_levels(invitation)
    assert levels[("Hamnen", "Hot och våld")] == Level.HIGH
    assert levels[("Hamnen", "Skadegörelse")] == Level.ELEVATED
    assert levels[("Anderslöv", "Hot och våld")] is None  # left at "vet ej"
    assert_accessible(page)

    page.get_by_role("link", name="Ändra dina svar").click()
    hamnen = page.get_by_role("region", name="Hamnen")
    assert hamnen.get_by_role("group", name="Hot och våld").get_by_label("Hög").is_checked()
    assert hamnen.get_by_role("group", name="Skadegörelse").get_by_label("Förhöjd").is_checked()
    observation = hamnen.get_by_label("Iakttagelse om Hamnen (frivillig)")
    assert observation.input_value() == "Krossade rutor vid terminalen"
    expect(page.get_by_text("Dina svar från")).to_be_visible()


def test_a_forged_link_gets_a_clear_page(page, invitation):  # noqa: F811
    page.set_viewport_size(PHONE)
    response = page.goto("/enkat/svar/x/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Länken kan inte användas"
    expect(page.get_by_text("Länken fungerar inte")).to_be_visible()
    assert_accessible(page)
