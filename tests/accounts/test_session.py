"""A login ends after a while without activity and after a working day (staff) or a day
(readers) at most, and logging out ends it at once."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX, SessionStore
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.session_lifetime import SEEN, STARTED
from tests.conftest import PASSWORD


def test_the_cookie_lives_as_long_as_the_longest_login(security_user):
    client = Client()
    response = client.post("/logga-in/", {"username": "sakerhet", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 24 * 3600  # a reader's day; staff's end sooner
    assert cookie["httponly"]


def logged_in(username):
    client = Client()
    client.post("/logga-in/", {"username": username, "password": PASSWORD})
    return client


def age(client, **seconds_ago):
    """Move the session's start or last use back in time."""
    session = client.session
    for key, seconds in seconds_ago.items():
        session[{"started": STARTED, "seen": SEEN}[key]] = int(time.time()) - seconds
    session.save()


@pytest.mark.parametrize(
    ("username", "idle_minutes", "still_in"),
    [("sakerhet", 29, True), ("sakerhet", 31, False), ("lasare", 31, True), ("lasare", 121, False)],
)
def test_a_login_ends_after_its_idle_time_staff_sooner(
    security_user, reader_user, username, idle_minutes, still_in
):
    client = logged_in(username)
    age(client, seen=idle_minutes * 60)
    response = client.get("/rapporter/", follow=True)
    if still_in:
        assert response.redirect_chain == []
    else:
        assert response.redirect_chain[0][0] == "/logga-in/?next=/rapporter/"
        limit = 30 if username == "sakerhet" else 120
        assert f"Du har loggats ut efter {limit} minuter utan aktivitet." in response.text
        assert client.get("/rapporter/").status_code == 302  # logged out for good


def test_a_staff_login_ends_after_a_working_day_however_busy(security_user):
    client = logged_in("sakerhet")
    age(client, started=10 * 3600 + 60, seen=10)
    response = client.get("/indikatorer/", follow=True)
    assert "Du har loggats ut: en inloggning varar som längst 10 timmar." in response.text


def test_the_last_use_is_written_once_a_minute_not_per_request(security_user):
    client = logged_in("sakerhet")
    age(client, seen=30)
    before = client.session[SEEN]
    client.get("/indikatorer/")
    assert client.session[SEEN] == before
    age(client, seen=90)
    client.get("/indikatorer/")
    assert client.session[SEEN] >= int(time.time()) - 5


def test_logout_ends_the_session(security_user):
    client = Client()
    client.post("/logga-in/", {"username": "sakerhet", "password": PASSWORD})
    assert client.get("/indikatorer/").status_code == 200
    client.post("/logga-ut/")
    assert client.get("/indikatorer/").status_code == 302


def test_sessions_are_read_from_a_cache_every_worker_shares(security_user):
    client = Client()
    client.post("/logga-in/", {"username": "sakerhet", "password": PASSWORD})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    # Another worker's view of the same cache: its own backend instance, nothing in memory.
    other_worker = FileBasedCache(settings.CACHES["sessions"]["LOCATION"], {})
    with CaptureQueriesContext(connection) as queries:
        assert SessionStore(key).get("_auth_user_id") == str(security_user.pk)
    assert not any("django_session" in query["sql"] for query in queries)
    assert other_worker.get(KEY_PREFIX + key) is not None
    client.post("/logga-ut/")
    assert other_worker.get(KEY_PREFIX + key) is None  # logged out in every worker at once
