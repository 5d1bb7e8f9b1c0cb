"""The live report is built once per data version: served from the cache until any write
path changes the data, in this process or another."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import MeasureUpdate

URL = "/rapporter/trelleborg-2019-2022/2021/"
MEASURE = "Samtal om droger i skolan"


def body(text):
    return text[text.index('<article class="report">') : text.index("</article>")]


def achieved(text):
    return "9 genomförda" in text, "3 genomförda" in text


def test_an_unchanged_report_comes_from_the_cache(security_client, demo_agreement):
    with CaptureQueriesContext(connection) as built:
        first = security_client.get(URL).text
    with CaptureQueriesContext(connection) as cached:
        second = security_client.get(URL).text
    assert body(second) == body(first)  # the page around it differs: a new CSRF token
    assert len(cached) <= 8 < len(built)  # the page around the body, and the data version


def test_a_saved_change_is_shown_at_once(security_client, demo_agreement):
    assert achieved(security_client.get(URL).text) == (True, False)
    update = MeasureUpdate.objects.get(measure__title=MEASURE, year=2021)
    update.achieved_count = 3
    update.save()
    assert achieved(security_client.get(URL).text) == (False, True)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a second process cannot reach the test database SQLite keeps in memory",
)
def test_a_change_made_by_another_process_is_shown(
    security_client, demo_agreement, transactional_db
):
    """The default local-memory cache is this process's own: only the data version, read from
    the database, can tell it that another process changed the data."""
    assert achieved(security_client.get(URL).text) == (True, False)
    change = (
        "from measures.models import MeasureUpdate; "
        f"u = MeasureUpdate.objects.get(measure__title={MEASURE!r}, year=2021); "
        "u.achieved_count = 3; u.save()"
    )
    database = connection.settings_dict
    url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**database)
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", change],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DEBUG": "1", "DATABASE_URL": url},
        check=True,
    )
    assert achieved(security_client.get(URL).text) == (False, True)
