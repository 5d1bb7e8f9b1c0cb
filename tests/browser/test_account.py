"""A reader reaches their account from the menu by keyboard, changes the password there, and
the pages are accessible."""

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, assert_accessible, log_in

NEW = "ett-nytt-långt-lösenord-2026"


def test_a_reader_changes_the_password_from_the_account_page(page, reader_user, seed_agreement):
    log_in(page, reader_user.username)
    page.get_by_role("link", name=reader_user.get_full_name()).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ditt konto")
    expect(page.get_by_text("Läsare, alla kommuner")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Byt ditt lösenord").click()
    for field, text in (("old_password", PASSWORD), ("new_password1", NEW), ("new_password2", NEW)):
        page.locator(f"#id_{field}").fill(text)
    assert_accessible(page)
    page.get_by_role("button", name="Spara det nya lösenordet").click()
    expect(page.get_by_text("Ditt lösenord är bytt")).to_be_visible()
    reader_user.refresh_from_db()
    assert reader_user.check_password(NEW)
