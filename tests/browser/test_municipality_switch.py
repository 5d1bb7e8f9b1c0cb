"""The police area's kommunpolis works in two municipalities and switches between them in the
menu, by keyboard, on a phone as on a desktop."""

from playwright.sync_api import expect

from accounts.roles import MUNICIPAL_POLICE
from agreements.models import Agreement
from tests.browser.conftest import assert_accessible, log_in
from tests.places import svedala


def test_the_kommunpolis_switches_municipality_in_the_menu(page, make_user, seed_agreement):
    Agreement.objects.create(
        title="Svedalas överenskommelse",
        slug="svedala-2019-2022",
        municipality=svedala(),
        start_year=2019,
        end_year=2022,
    )
    make_user("polis", MUNICIPAL_POLICE, first_name="Kim", last_name="Polis")  # every municipality
    log_in(page, "polis")
    page.goto("/moten/2021/")
    main = page.locator("main")
    expect(main).to_contain_text(seed_agreement.title)
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    choice = page.get_by_label("Kommun", exact=True)
    expect(choice).to_have_value(str(seed_agreement.municipality_id))
    choice.select_option(label="Svedala kommun")
    choice.focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Byt kommun")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/moten/2021/")
    expect(main).to_contain_text("Svedalas överenskommelse")
    expect(main).not_to_contain_text(seed_agreement.title)
    expect(page.get_by_label("Kommun", exact=True)).to_have_value(
        str(Agreement.objects.get(slug="svedala-2019-2022").municipality_id)
    )
    assert_accessible(page)
