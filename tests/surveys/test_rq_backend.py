"""With TASKS_BACKEND=rq the survey's e-mails wait in Redis and an RQ worker sends them: the
same delivery path as the database backend, for installations with more than one server."""

import os
import subprocess
import sys

import pytest
import redis
from django.conf import settings

REDIS_URL = "redis://127.0.0.1:6379/7"  # a database of its own, emptied first

QUEUE_A_SUMMARY = """
from django.core.management import call_command
from django.db import transaction
from agreements.models import Agreement
from meetings.models import DistributionRecipient, Meeting
from surveys.tasks import queue_summary
from tests.tables import make_tables_from_the_models
make_tables_from_the_models()
call_command("loaddata", "trelleborg-2019-2022", verbosity=0)
meeting = Meeting.objects.create(
    agreement=Agreement.objects.get(), year=2021, week=10, date="2021-03-11"
)
DistributionRecipient.objects.create(
    municipality=meeting.agreement.municipality, name="Polisen", email="lpo@example.org"
)
with transaction.atomic():
    queue_summary(meeting)
"""
STATUSES = """
from surveys.models import Delivery
print(list(Delivery.objects.values_list("status", flat=True)))
"""


def manage(*args, env):
    finished = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


def test_an_rq_worker_sends_what_the_app_queued(tmp_path):
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379 (CI starts it)")
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "TASKS_BACKEND": "rq",
        "REDIS_URL": REDIS_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    manage("shell", "-c", QUEUE_A_SUMMARY, env=env)
    assert manage("shell", "-c", STATUSES, env=env).strip().endswith("['queued']")
    assert redis.Redis.from_url(REDIS_URL).llen("rq:queue:default") == 1

    sent = manage("rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default", env=env)
    assert "To: lpo@example.org" in sent
    assert "Tryggare Trelleborg: sammanfattning av vecka 10, 2021" in sent
    assert manage("shell", "-c", STATUSES, env=env).strip().endswith("['sent']")
