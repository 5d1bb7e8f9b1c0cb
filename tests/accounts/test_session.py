"""A login lasts a working day, and logging out ends it at once."""

from django.conf import settings
from django.test import Client

from tests.conftest import PASSWORD


def test_login_lasts_a_working_day(security_user):
    client = Client()
    response = client.post("/logga-in/", {"username": "sakerhet", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 10 * 3600
    assert cookie["httponly"]


def test_logout_ends_the_session(security_user):
    client = Client()
    client.post("/logga-in/", {"username": "sakerhet", "password": PASSWORD})
    assert client.get("/indikatorer/").status_code == 200
    client.post("/logga-ut/")
    assert client.get("/indikatorer/").status_code == 302
