"""Background tasks: each e-mail of the outbox is sent by a worker, never by a page, and a send
that fails is queued again for later (surveys.mail says how long to wait)."""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from meetings.models import DistributionRecipient

from . import mail
from .models import Delivery


def deliver(deliveries):
    """Hand each delivery to the worker once the transaction that saved it has committed, so
    a worker on another connection (RQ's) finds its row."""
    for delivery in deliveries:
        transaction.on_commit(partial(send_delivery.enqueue, delivery.pk))


def queue_summary(meeting):
    """Queue the meeting's summary to everyone on its municipality's distribution list; returns
    how many."""
    recipients = DistributionRecipient.objects.filter(
        is_active=True, municipality=meeting.agreement.municipality_id
    )
    deliveries = Delivery.objects.bulk_create(
        Delivery(kind=Delivery.Kind.SUMMARY, meeting=meeting, to=email)
        for email in recipients.order_by("email").values_list("email", flat=True)
    )
    deliver(deliveries)
    return len(deliveries)


def retry(delivery):
    """Queue a failed delivery again, with a full set of tries."""
    delivery.status = Delivery.Status.QUEUED
    delivery.attempts = 0
    delivery.save(update_fields=["status", "attempts"])
    deliver([delivery])


@task()
def send_delivery(delivery_id):
    with transaction.atomic():
        # Locked and checked, so a delivery queued twice is still sent once.
        delivery = (
            Delivery.objects.select_for_update()
            .filter(pk=delivery_id, status=Delivery.Status.QUEUED)
            .first()
        )
        wait = mail.attempt(delivery) if delivery else None
    if wait is not None:
        later = send_delivery
        # The immediate backend (tests, debugging) cannot wait: it tries again at once.
        if later.get_backend().supports_defer:
            later = later.using(run_after=timezone.now() + wait)
        later.enqueue(delivery_id)
