"""Two factors for local accounts: setting up the app, the code after the password, recovery
codes, REQUIRE_2FA for staff, and the administrator's reset."""

import re
import time

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.models import LoginSession
from tests.conftest import PASSWORD


def code(device, steps_later=0):
    """What the user's app shows now, or that many 30-second steps later."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_later * device.step
    return f"{totp.token():06d}"


def logged_in(username):
    client = Client()
    response = client.post("/logga-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def enrolled(user):
    """A user whose app is set up (as through the page), and their recovery codes."""
    device = TOTPDevice.objects.create(user=user, name=two_factor.APP_DEVICE_NAME, confirmed=True)
    return device, two_factor.new_recovery_codes(user)


def test_setting_up_the_app_shows_the_key_checks_a_code_and_shows_recovery_codes_once(
    settings, security_user
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the right code straight after a wrong one
    client = logged_in("sakerhet")
    page = client.get("/konto/tvastegsverifiering/").text
    assert "Ställ in tvåstegsverifiering" in page
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=security_user, confirmed=False)
    secret = re.search(r'id="secret-key">([A-Z2-7 ]+)<', page).group(1)
    assert len(secret.replace(" ", "")) == 32

    wrong = client.post("/konto/tvastegsverifiering/", {"code": "000000"})
    assert "Koden stämmer inte" in wrong.text
    device.refresh_from_db()
    assert not device.confirmed

    done = client.post("/konto/tvastegsverifiering/", {"code": code(device)}, follow=True)
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.text)
    assert len(shown) == 10
    assert sorted(shown) == sorted(
        StaticToken.objects.filter(device__user=security_user).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed
    # Shown once: the page does not show them again.
    assert client.get("/konto/tvastegsverifiering/reservkoder/").status_code == 302
    assert "Du har 10 reservkoder kvar." in client.get("/konto/tvastegsverifiering/").text


def test_after_the_password_the_app_code_is_asked_before_anything_else(settings, security_user):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device, _ = enrolled(security_user)
    client = logged_in("sakerhet")
    for url in ("/", "/indikatorer/", "/admin/", "/konto/tvastegsverifiering/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/logga-in/kod/?next="), url
    page = client.get("/logga-in/kod/?next=/indikatorer/").text
    assert "Din kod" in page
    assert "Indikatorer" not in page  # no menu to pages a half-done login cannot reach

    wrong = client.post("/logga-in/kod/", {"code": "123456", "next": "/indikatorer/"})
    assert "Koden är fel eller redan använd." in wrong.text
    assert client.get("/indikatorer/").status_code == 302

    right = client.post("/logga-in/kod/", {"code": code(device), "next": "/indikatorer/"})
    assert right.url == "/indikatorer/"
    assert client.get("/indikatorer/").status_code == 200


def test_a_code_once_used_does_not_open_a_second_login(security_user):
    device, _ = enrolled(security_user)
    used = code(device)
    first, second = logged_in("sakerhet"), logged_in("sakerhet")
    assert first.post("/logga-in/kod/", {"code": used}).status_code == 302
    refused = second.post("/logga-in/kod/", {"code": used})
    assert "Koden är fel eller redan använd." in refused.text
    assert second.get("/").status_code == 302


def test_a_recovery_code_lets_in_once_and_says_how_many_are_left(security_user):
    _, codes = enrolled(security_user)
    client = logged_in("sakerhet")
    typed = f"{codes[0][:4].upper()}-{codes[0][4:]}"  # as people copy it
    response = client.post("/logga-in/kod/", {"code": typed}, follow=True)
    assert "Du använde en reservkod; 9 finns kvar." in response.text
    again = logged_in("sakerhet").post("/logga-in/kod/", {"code": codes[0]})
    assert "Koden är fel eller redan använd." in again.text


def test_wrong_codes_are_slowed_down(security_user):
    device, _ = enrolled(security_user)
    client = logged_in("sakerhet")
    client.post("/logga-in/kod/", {"code": "111111"})
    refused = client.post("/logga-in/kod/", {"code": code(device)})
    assert "För många felaktiga koder. Försök igen efter" in refused.text
    assert client.get("/").status_code == 302


def test_the_code_page_sends_only_to_this_site(security_user):
    device, _ = enrolled(security_user)
    client = logged_in("sakerhet")
    response = client.post(
        "/logga-in/kod/", {"code": code(device), "next": "https://evil.example/"}
    )
    assert response.url == "/"


@pytest.mark.parametrize("username", ["sakerhet", "kommunpolis"])
def test_required_staff_must_set_up_two_factors_before_anything_else(
    settings, security_user, police_user, username
):
    settings.REQUIRE_2FA = True
    client = logged_in(username)
    response = client.get("/indikatorer/")
    assert response.url == "/konto/tvastegsverifiering/?next=%2Findikatorer%2F"
    page = client.get(response.url).text
    assert "Din roll kräver tvåstegsverifiering" in page
    device = TOTPDevice.objects.get(user__username=username)
    sent = {"code": code(device), "next": "/indikatorer/"}
    codes_page = client.get(client.post("/konto/tvastegsverifiering/", sent).url).text
    assert 'href="/indikatorer/"' in codes_page
    assert client.get("/indikatorer/").status_code == 200


def test_a_reader_is_not_required_and_may_turn_them_off(settings, reader_user, security_user):
    settings.REQUIRE_2FA = True
    client = logged_in("lasare")
    assert client.get("/rapporter/").status_code == 200
    device, _ = enrolled(reader_user)
    client = logged_in("lasare")
    client.post("/logga-in/kod/", {"code": code(device)})
    response = client.post("/konto/tvastegsverifiering/stang-av/", follow=True)
    assert "Tvåstegsverifiering är avstängd för ditt konto." in response.text
    assert not two_factor.has_second_factor(reader_user)
    # Staff whose role requires them cannot.
    device, _ = enrolled(security_user)
    staff = logged_in("sakerhet")
    staff.post("/logga-in/kod/", {"code": code(device)})
    assert staff.post("/konto/tvastegsverifiering/stang-av/").status_code == 403
    assert two_factor.has_second_factor(security_user)


def test_new_recovery_codes_replace_the_old_ones(security_user):
    device, old = enrolled(security_user)
    client = logged_in("sakerhet")
    client.post("/logga-in/kod/", {"code": code(device)})
    shown = client.get(client.post("/konto/tvastegsverifiering/nya-reservkoder/").url).text
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown)
    assert len(new) == 10 and not set(new) & set(old)
    refused = logged_in("sakerhet").post("/logga-in/kod/", {"code": old[1]})
    assert "Koden är fel eller redan använd." in refused.text


def test_half_logged_in_user_may_log_out(security_user):
    enrolled(security_user)
    client = logged_in("sakerhet")
    assert client.post("/logga-ut/").url == "/logga-in/"
    assert client.get("/logga-in/kod/").status_code == 302


def test_the_administrator_resets_two_factors_and_it_is_logged(admin_client, security_user):
    from django.contrib.admin.models import LogEntry

    enrolled(security_user)
    response = admin_client.post(
        "/admin/auth/user/",
        {"action": "reset_two_factor", "_selected_action": [security_user.pk]},
        follow=True,
    )
    assert "Tvåstegsverifiering är återställd för 1 användare" in response.text
    assert not two_factor.has_second_factor(security_user)
    assert LogEntry.objects.filter(object_id=str(security_user.pk)).exists()


def test_the_device_admin_pages_that_show_secret_keys_are_not_served(admin_client):
    assert admin_client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert admin_client.get("/admin/otp_static/staticdevice/").status_code == 404


def test_turning_two_factors_on_ends_the_logins_that_began_without(security_user):
    laptop, phone = logged_in("sakerhet"), logged_in("sakerhet")
    laptop.get("/konto/tvastegsverifiering/")
    device = TOTPDevice.objects.get(user=security_user)
    laptop.post("/konto/tvastegsverifiering/", {"code": code(device)})
    assert laptop.get("/indikatorer/").status_code == 200
    assert phone.get("/indikatorer/").url.startswith("/logga-in/?")


def test_after_a_reset_a_half_done_login_goes_on_with_the_password(security_user):
    enrolled(security_user)
    client = logged_in("sakerhet")
    assert client.get("/").url.startswith("/logga-in/kod/")
    two_factor.turn_off(security_user)  # the administrator, meanwhile
    assert client.get("/logga-in/kod/?next=/indikatorer/").url == "/indikatorer/"
    assert client.get("/indikatorer/").status_code == 200


def test_a_code_pasted_with_invisible_characters_or_full_width_digits_is_read(security_user):
    device, _ = enrolled(security_user)
    typed = code(device)
    disguised = "\u200b" + "".join(chr(ord(digit) + 0xFEE0) for digit in typed[:3]) + typed[3:]
    client = logged_in("sakerhet")
    assert client.post("/logga-in/kod/", {"code": disguised}).url == "/"
    assert client.get("/indikatorer/").status_code == 200


def test_report_pages_public_to_visitors_still_ask_staff_for_the_code(
    settings, seed_agreement, security_user
):
    settings.REPORTS_PUBLIC = True
    enrolled(security_user)
    client = logged_in("sakerhet")
    report = "/rapporter/trelleborg-2019-2022/2021/"
    for url in (report, f"{report}mal.json"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/logga-in/kod/"), url


def test_the_session_key_is_new_once_the_code_is_given(security_user):
    device, _ = enrolled(security_user)
    client = logged_in("sakerhet")
    before = client.session.session_key
    client.post("/logga-in/kod/", {"code": code(device)})
    after = client.session.session_key
    assert after != before
    assert LoginSession.objects.get(user=security_user).session_key == after
