"""A week's round opened, reminded and closed: by the timetable (surveys.schedule) or by hand in
the admin. Each step happens once, however often it is asked for."""

import secrets

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Area

from .models import Delivery, Invitation, Respondent, Round, SurveySettings
from .tasks import deliver


class RoundError(Exception):
    """A round that cannot be opened, with a message for säkerhetsenheten."""


def _round_for(agreement, year, week, now, by):
    """The week's round, made by the timetable if it has none; locked for this transaction."""
    lookup = {"agreement": agreement, "year": year, "week": week}
    existing = Round.objects.select_for_update().filter(**lookup).first()
    if existing is not None:
        return existing
    timetable = SurveySettings.current()
    closes_at = timetable.closes_at(year, week)
    if closes_at <= now:
        raise RoundError(
            _("The round of week %(week)s, %(year)s would already have closed.")
            % {"week": week, "year": year}
        )
    # Opened early by hand: it is open from now.
    made = Round(**lookup, opens_at=min(timetable.opens_at(year, week), now), closes_at=closes_at)
    if by is not None:
        made._history_user = by
    try:
        with transaction.atomic():
            made.save()
    except IntegrityError:  # made a moment ago by another process
        pass
    return Round.objects.select_for_update().get(**lookup)


@transaction.atomic
def open_round(agreement, year, week, now=None, by=None):
    """Open the week's round of `agreement` (the one in force that ISO year) and invite every
    active respondent of its municipality to answer about the areas in use they cover; one
    invitation e-mail each.
    A round already opened is returned as it is."""
    now = now or timezone.now()
    round_ = _round_for(agreement, year, week, now, by)
    if round_.opened_at is not None:
        return round_
    in_use = Prefetch("areas", queryset=Area.objects.filter(is_active=True), to_attr="in_use")
    respondents = Respondent.objects.filter(is_active=True, municipality=agreement.municipality_id)
    respondents = respondents.prefetch_related(in_use)
    deliveries = []
    for respondent in respondents:
        if not respondent.in_use:
            continue
        invitation = Invitation.objects.create(
            round=round_, respondent=respondent, key=secrets.token_urlsafe(24)
        )
        invitation.areas.set(respondent.in_use)
        deliveries.append(
            Delivery(kind=Delivery.Kind.INVITATION, invitation=invitation, to=respondent.email)
        )
    round_.opened_at = now
    round_.invited_count = len(deliveries)
    if by is not None:
        round_._history_user = by
    round_.save()
    deliver(Delivery.objects.bulk_create(deliveries))
    return round_


@transaction.atomic
def send_reminders(round_, now=None):
    """Remind those invited who have not answered, once per round and only while it is open.
    Returns how many were reminded."""
    now = now or timezone.now()
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.reminded_at is not None or not round_.is_open(now):
        return 0
    waiting = round_.invitations.filter(answered_at__isnull=True, respondent__isnull=False)
    deliveries = Delivery.objects.bulk_create(
        Delivery(kind=Delivery.Kind.REMINDER, invitation=invitation, to=invitation.respondent.email)
        for invitation in waiting.select_related("respondent")
    )
    round_.reminded_at = now
    round_.save()
    deliver(deliveries)
    return len(deliveries)


@transaction.atomic
def close_round(round_, now=None, by=None):
    """Close the round: no more answers, and the count of those who answered is kept."""
    now = now or timezone.now()
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.closed_at is None:
        round_.closed_at = now
        round_.answered_count = round_.invitations.filter(answered_at__isnull=False).count()
        if by is not None:
            round_._history_user = by
        round_.save()
    return round_
