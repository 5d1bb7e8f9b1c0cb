"""The e-mails of the weekly round, and how one attempt to send a Delivery is recorded: the
invitation and reminder with the respondent's personal link, and the meeting's summary."""

import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.summary import note_summary_sent, summary_email

from . import links
from .models import Delivery

# The waits between tries of a send that failed: a mail server that is down for the night still
# gets the invitation out in the morning. After the last, the delivery is marked failed.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=6),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def survey_subject(delivery, closes):
    values = {"week": delivery.invitation.round.week, "close": date_format(closes, "l j F H:i")}
    if delivery.kind == Delivery.Kind.REMINDER:
        return _("Reminder: the safety survey of week %(week)s closes %(close)s") % values
    return _("The safety survey of week %(week)s: please answer by %(close)s") % values


def survey_email(delivery):
    """The invitation or reminder for the delivery's invitation, in Swedish."""
    invitation = delivery.invitation
    round_ = invitation.round
    closes = timezone.localtime(round_.closes_at)
    context = {
        "invitation": invitation,
        "respondent": invitation.respondent,
        "round": round_,
        "closes_at": closes,
        "areas": [area.name for area in invitation.areas.all()],
        "link": links.answer_url(invitation),
    }
    body = render_to_string(f"surveys/email/{delivery.kind}.txt", context)
    subject = survey_subject(delivery, closes)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=[delivery.to])


def email(delivery):
    with translation.override(settings.LANGUAGE_CODE):  # a worker has no visitor's language
        if delivery.kind == Delivery.Kind.SUMMARY:
            return summary_email(delivery.meeting, [delivery.to])
        return survey_email(delivery)


def attempt(delivery):
    """Send the delivery once and record how it went. Returns how long to wait before trying
    again, or None when it went, or has failed too often to try again."""
    delivery.attempts += 1
    now = timezone.now()
    try:
        email(delivery).send()
    except (smtplib.SMTPException, OSError) as error:
        delivery.last_error = f"{type(error).__name__}: {error}"
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = Delivery.Status.FAILED
        delivery.save(update_fields=["attempts", "last_error", "status"])
        if delivery.status == Delivery.Status.FAILED:
            return None
        return RETRY_DELAYS[delivery.attempts - 1]
    delivery.status = Delivery.Status.SENT
    delivery.sent_at = now
    delivery.save(update_fields=["attempts", "status", "sent_at"])
    if delivery.kind == Delivery.Kind.INVITATION:
        delivery.invitation.sent_at = now
        delivery.invitation.save(update_fields=["sent_at"])
    elif delivery.kind == Delivery.Kind.SUMMARY:
        note_summary_sent(delivery.meeting, since=delivery.created_at)
    return None
