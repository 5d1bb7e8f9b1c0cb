"""Each role logs in with the browser and lands on an accessible start page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in


@pytest.mark.parametrize("user_fixture", ["security_user", "police_user"])
def test_staff_log_in_and_see_the_start_page(request, page, seed_agreement, user_fixture):
    user = request.getfixturevalue(user_fixture)
    log_in(page, user.username)
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Välkommen, {user.get_full_name()}"
    )
    expect(page.get_by_text("Samverkansöverenskommelse 2019 - 2022")).to_be_visible()
    assert_accessible(page)


def test_reader_logs_in_and_lands_on_the_reports(page, reader_user, seed_agreement):
    log_in(page, reader_user.username)
    assert page.get_by_role("heading", level=1).inner_text() == "Årsrapporter"
    assert_accessible(page)


def test_wrong_password_is_told_in_swedish(page, security_user):
    log_in(page, security_user.username, password="fel")
    assert page.get_by_role("alert").inner_text().startswith("Användarnamnet och lösenordet")
    assert_accessible(page)


def test_skip_link_is_the_first_stop_for_the_keyboard(page, security_user, seed_agreement):
    log_in(page, security_user.username)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_staff_pages_are_accessible(page, police_user, seed_agreement):
    log_in(page, police_user.username)
    page.get_by_role("link", name="Överenskommelsen: mål, problembild och medborgarlöften").click()
    expect(page.get_by_role("heading", name="Övergripande effektmål")).to_be_visible()
    assert_accessible(page)
    page.goto("/")
    page.get_by_role("link", name="Åtgärder och deras uppföljning").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Åtgärder"
    assert_accessible(page)
    page.goto("/tillganglighet/")
    assert_accessible(page)


def test_admin_has_no_serious_accessibility_problems(page, security_user, seed_agreement):
    log_in(page, security_user.username)
    for path in (
        "/admin/",
        "/admin/agreements/agreement/",
        "/admin/agreements/agreement/1/change/",
        "/admin/measures/measure/add/",
    ):
        page.goto(path)
        assert_accessible(page, impacts={"serious", "critical"})
