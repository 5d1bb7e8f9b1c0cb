"""Repeated wrong passwords pause logins for that username from that address, and an address
trying many usernames is paused too, but never the real user elsewhere (django-axes)."""

from django.test import Client

from accounts.throttling import FAILURES_PER_ADDRESS
from tests.conftest import PASSWORD

ATTACKER, OFFICE = "10.0.0.66", "10.0.0.1"


def attempt(client, password, username="sakerhet"):
    return client.post("/logga-in/", {"username": username, "password": password})


def spray(client, count):
    """Wrong passwords for `count` different usernames, none of them tried twice."""
    for number in range(count):
        attempt(client, "fel", f"gissning{number}")


def test_five_failures_lock_the_username_even_for_the_right_password(client, security_user):
    for _ in range(5):
        assert attempt(client, "fel").status_code in (200, 429)
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.text
    assert "_auth_user_id" not in client.session


def test_a_success_before_the_limit_resets_the_count(client, security_user):
    for _ in range(4):
        attempt(client, "fel")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "fel")
    assert attempt(client, PASSWORD).status_code == 302


def test_one_address_trying_many_usernames_is_locked_out(security_user):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    spray(attacker, FAILURES_PER_ADDRESS)
    response = attempt(attacker, PASSWORD)
    assert response.status_code == 429
    assert "från den här adressen" in response.text
    assert "_auth_user_id" not in attacker.session


def test_the_real_user_elsewhere_still_logs_in(security_user):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(5):
        attempt(attacker, "fel")
    spray(attacker, FAILURES_PER_ADDRESS)
    assert attempt(attacker, PASSWORD).status_code == 429
    office = Client(REMOTE_ADDR=OFFICE)
    assert attempt(office, PASSWORD).status_code == 302


def test_an_office_behind_one_address_survives_its_typing_errors(security_user):
    office = Client(REMOTE_ADDR=OFFICE)
    for _ in range(2):
        spray(office, 10)
    assert attempt(office, PASSWORD).status_code == 302


def test_a_login_does_not_clear_the_failures_of_other_usernames(security_user):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    spray(attacker, FAILURES_PER_ADDRESS - 1)
    assert attempt(attacker, PASSWORD).status_code == 302  # an account of the attacker's own
    attacker.logout()
    attempt(attacker, "fel", "ytterligare")
    assert attempt(attacker, PASSWORD).status_code == 429
