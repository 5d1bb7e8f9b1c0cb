"""Repeated wrong passwords pause logins for that username (django-axes)."""

from tests.conftest import PASSWORD


def attempt(client, password):
    return client.post("/logga-in/", {"username": "sakerhet", "password": password})


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
