"""The outbox: every e-mail is a Delivery sent by a background task; a failing mail server is
tried again later and later, then the delivery is marked failed; the database backend's worker
really sends what was queued."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from agreements.models import Agreement
from meetings.isoweeks import meeting_day
from meetings.models import DistributionRecipient, Meeting
from surveys.mail import MAX_ATTEMPTS, RETRY_DELAYS
from surveys.models import Delivery, Invitation
from surveys.rounds import open_round
from surveys.tasks import queue_summary, send_delivery
from tests.places import trelleborg
from tests.test_settings import run_manage

from .roundmaking import WEEK, YEAR, at, linked_keys, three_respondents

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class RefusingBackend(EmailBackend):
    """A mail server that hangs up on every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingOnceBackend(EmailBackend):
    """A mail server that hangs up the first time only."""

    refused = False

    def send_messages(self, messages):
        if not RefusingOnceBackend.refused:
            RefusingOnceBackend.refused = True
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def jobs(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_refused_send_is_tried_again_then_marked_failed(seed_agreement, settings, jobs):
    settings.EMAIL_BACKEND = "tests.surveys.test_mail.RefusingBackend"
    three_respondents()
    with jobs():
        open_round(seed_agreement, YEAR, WEEK, now=at(2, 8))
    assert not mail.outbox
    deliveries = Delivery.objects.all()
    assert len(deliveries) == 3
    for delivery in deliveries:
        assert delivery.status == Delivery.Status.FAILED
        assert delivery.attempts == MAX_ATTEMPTS == 5
        assert delivery.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
        assert delivery.sent_at is None
    assert not Invitation.objects.filter(sent_at__isnull=False).exists()


def test_a_send_that_works_the_second_time_is_sent(seed_agreement, settings, jobs):
    settings.EMAIL_BACKEND = "tests.surveys.test_mail.RefusingOnceBackend"
    RefusingOnceBackend.refused = False
    three_respondents()
    with jobs():
        open_round(seed_agreement, YEAR, WEEK, now=at(2, 8))
    assert len(mail.outbox) == 3
    statuses = sorted(Delivery.objects.values_list("status", "attempts"))
    assert statuses == [("sent", 1), ("sent", 1), ("sent", 2)]


def test_each_try_waits_longer_than_the_last(seed_agreement, settings):
    settings.EMAIL_BACKEND = "tests.surveys.test_mail.RefusingBackend"
    settings.TASKS = DATABASE_TASKS
    three_respondents()
    open_round(seed_agreement, YEAR, WEEK, now=at(2, 8))
    delivery = Delivery.objects.first()
    waits = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        before = timezone.now()
        send_delivery.call(delivery.pk)  # what the worker runs
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
        queued = DBTaskResult.objects.filter(run_after__gt=before).order_by("-enqueued_at")
        if attempt < MAX_ATTEMPTS:
            assert delivery.status == Delivery.Status.QUEUED
            waits.append(queued.first().run_after - before)
            queued.delete()
    assert delivery.status == Delivery.Status.FAILED
    assert not queued.exists()  # the last failure queues nothing
    assert waits == sorted(waits) and len(set(waits)) == len(RETRY_DELAYS)
    for wait, delay in zip(waits, RETRY_DELAYS, strict=True):
        assert delay <= wait < delay + timedelta(seconds=5)


def test_a_delivery_queued_twice_is_sent_once(seed_agreement):
    three_respondents()
    open_round(seed_agreement, YEAR, WEEK, now=at(2, 8))
    delivery = Delivery.objects.first()
    send_delivery.call(delivery.pk)
    send_delivery.call(delivery.pk)
    assert [m.to for m in mail.outbox] == [[delivery.to]]


def test_the_summary_goes_through_the_outbox(seed_agreement, jobs):
    DistributionRecipient.objects.create(
        municipality=trelleborg(), name="Säkerhetsenheten", email="sak@example.org"
    )
    DistributionRecipient.objects.create(
        municipality=trelleborg(), name="Polisen", email="lpo@example.org"
    )
    meeting = Meeting.objects.create(
        agreement=seed_agreement, year=YEAR, week=WEEK, date=meeting_day(YEAR, WEEK)
    )
    with jobs():
        assert queue_summary(meeting) == 2
    assert sorted(d.to for d in Delivery.objects.filter(kind="summary", status="sent")) == [
        "lpo@example.org",
        "sak@example.org",
    ]
    assert [m.to for m in mail.outbox] == [["lpo@example.org"], ["sak@example.org"]]
    meeting.refresh_from_db()
    assert meeting.summary_sent_at is not None
    assert meeting.history.count() == 2  # made, then noted as sent once for both e-mails


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_what_was_queued(settings):
    """No capturing here: the round commits, the jobs wait in the database, and
    `manage.py db_worker` sends them."""
    settings.TASKS = DATABASE_TASKS
    call_command("loaddata", "trelleborg-2019-2022", verbosity=0)
    three_respondents()
    open_round(Agreement.objects.get(slug="trelleborg-2019-2022"), YEAR, WEEK, now=at(2, 8))
    assert not mail.outbox
    assert DBTaskResult.objects.filter(status="READY").count() == 3

    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)

    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3
    assert len(mail.outbox) == 3
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    keys = {key for message in mail.outbox for key in linked_keys(message.body)}
    assert keys == set(Invitation.objects.values_list("key", flat=True))


@pytest.mark.parametrize(
    ("env", "error"),
    [
        ({"TASKS_BACKEND": "celery"}, "TASKS_BACKEND must be one of database, rq, immediate"),
        ({"TASKS_BACKEND": "rq", "REDIS_URL": ""}, "TASKS_BACKEND=rq needs REDIS_URL"),
    ],
)
def test_a_wrong_task_backend_stops_the_start(env, error):
    result = run_manage("check", DEBUG="1", **env)
    assert result.returncode != 0
    assert error in result.stderr


def test_the_database_backend_is_the_default():
    script = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    result = run_manage("shell", "-c", script, DEBUG="1", TASKS_BACKEND="")
    assert result.stdout.strip().endswith("\ndjango_tasks_db.DatabaseBackend")
