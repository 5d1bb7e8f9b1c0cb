"""A login lasts a working day, and logging out ends it at once."""

from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX, SessionStore
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

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
