"""A kommunpolis whose role requires two factors sets them up by keyboard at the first login,
and gives the app's code at the next; every page of it is accessible at every width."""

import re
from base64 import b32encode

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.accounts.test_two_factor import code
from tests.browser.conftest import assert_accessible, log_in


def test_staff_sets_up_two_factors_by_keyboard_then_gives_the_code(
    page, settings, police_user, seed_agreement
):
    settings.REQUIRE_2FA = True
    log_in(page, police_user.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ställ in tvåstegsverifiering")
    expect(page.get_by_role("img", name=re.compile("QR-kod"))).to_be_visible()
    expect(page.get_by_role("navigation", name="Huvudmeny")).to_have_count(0)
    assert_accessible(page)

    # The key as shown, typed into an app by hand, gives the code.
    secret = page.locator("#secret-key").inner_text().replace(" ", "")
    device = TOTPDevice.objects.get(user=police_user)
    assert secret == b32encode(device.bin_key).decode()
    page.get_by_label("Kod").focus()
    page.keyboard.type(code(device))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dina reservkoder")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="Jag har sparat koderna, fortsätt").click()
    expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_visible()

    page.get_by_role("button", name="Logga ut").click()
    log_in(page, police_user.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Din kod")
    assert_accessible(page)
    page.get_by_label("Kod").fill(code(device, steps_later=1))
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_visible()
    page.goto("/konto/")
    expect(page.get_by_text("På: efter lösenordet anger du en kod")).to_be_visible()
