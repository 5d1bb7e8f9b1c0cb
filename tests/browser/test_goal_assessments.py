"""Kommunpolisen assesses a goal in words; the report and its PDF show it as an assessment."""

from playwright.sync_api import expect

from agreements import demo as agreements_demo
from indicators import demo as indicators_demo
from tests.assessing import worded_goal
from tests.browser.conftest import assert_accessible, log_in
from tests.browser.test_reports import download, pdf_text

URL = "/rapporter/trelleborg-2019-2022/2021/"


def test_assess_a_goal_by_keyboard_and_read_it_in_the_report(
    page, seed_agreement, police_user, tmp_path
):
    agreements_demo.create(seed_agreement)
    indicators_demo.create(seed_agreement)
    worded_goal(seed_agreement)
    log_in(page, police_user.username)
    page.goto(URL)
    page.get_by_role("link", name="Bedöm målen").click()
    assert_accessible(page)
    goal = page.get_by_role("group", name="Inga öppna drogscener")
    status = goal.get_by_label("Bedömning")
    status.focus()
    status.select_option(label="Delvis uppnått")
    page.keyboard.press("Tab")  # on to the justification
    page.keyboard.type("Inga öppna scener, men fler larm om langning.")
    page.get_by_role("button", name="Spara bedömningarna").click()
    page.wait_for_url("**" + URL)
    expect(page.get_by_text("Bedömningarna sparades.")).to_be_visible()
    assert_accessible(page)
    shown = "Bedömning: delvis uppnått – Inga öppna scener, men fler larm om langning."
    expect(page.get_by_text(shown, exact=False).first).to_be_visible()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(URL + "bedomningar/")
        page.screenshot(path=tmp_path / f"bedomningar-{width}.png", full_page=True)
    page.goto(URL)
    text = " ".join(pdf_text(download(page, "Ladda ner PDF")).split())
    assert shown + " (Kommunpolis," in text
