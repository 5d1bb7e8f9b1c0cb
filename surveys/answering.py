"""Saving an invitation's answers: all of them or none, only while its round is open, and once
per version of the form, so the same page posted twice saves only the first."""

from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from agreements.revisions import StaleEdit
from maintenance.dataversion import data_changed
from meetings.models import Level

from .models import Answer, Invitation, Observation, Round


def _moment(value):
    return formats.date_format(timezone.localtime(value), "l j F Y, H:i")


class Refused(Exception):
    """The round takes no answers now; the message says why, in the respondent's words."""

    def __init__(self, round):
        self.round = round
        super().__init__(self.explain(round))


class RoundClosed(Refused):
    @staticmethod
    def explain(round):
        # Closed by hand before the planned close, or the planned close has passed.
        closed = min(round.closed_at, round.closes_at) if round.closed_at else round.closes_at
        return _(
            "The round for week %(week)s closed %(when)s; the answers can no longer be changed."
        ) % {"week": round.week, "when": _moment(closed)}


class RoundNotOpen(Refused):
    @staticmethod
    def explain(round):
        return _(
            "The round for week %(week)s has not opened yet (planned for %(when)s); "
            "the link works from then on."
        ) % {"week": round.week, "when": _moment(round.opens_at)}


def check_open(round, now=None):
    """RoundClosed or RoundNotOpen unless `round` takes answers at `now`."""
    now = now or timezone.now()
    if round.closed_at is not None or now >= round.closes_at:
        raise RoundClosed(round)
    if round.opened_at is None:
        raise RoundNotOpen(round)


def save_answers(invitation, *, revision, levels, observations, nothing_to_report=False, now=None):
    """Replace the invitation's answers with `levels` ({(area id, factor id): level, None for
    "vet ej"}) and `observations` ({area id: text}; empty ones are left out).

    `revision` is the invitation's revision the form was opened with: if the answers were saved
    since (the same form posted twice, or from a second tab), StaleEdit and nothing is saved.
    RoundClosed or RoundNotOpen, and nothing saved, when the round takes no answers now.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Read afresh: the round may have closed since the form was opened.
        check_open(Round.objects.get(pk=invitation.round_id), now)
        data_changed()  # the bulk writes below send no signals
        # One conditional UPDATE: of two posts at once only one claims the revision; the other
        # waits for its row lock and then finds the revision taken.
        claimed = Invitation.objects.filter(pk=invitation.pk, revision=revision).update(
            revision=F("revision") + 1, answered_at=now, nothing_to_report=nothing_to_report
        )
        if not claimed:
            raise StaleEdit
        invitation.answers.all().delete()
        Answer.objects.bulk_create(
            Answer(invitation=invitation, area_id=area_id, factor_id=factor_id, level=level)
            for (area_id, factor_id), level in levels.items()
        )
        invitation.observations.all().delete()
        Observation.objects.bulk_create(
            Observation(invitation=invitation, area_id=area_id, text=text)
            for area_id, text in observations.items()
            if text
        )
    invitation.revision, invitation.answered_at = revision + 1, now
    invitation.nothing_to_report = nothing_to_report


def report_nothing(invitation, areas, factors, *, revision, now=None):
    """ "Inget att rapportera": the level none for every factor of every area, no observations."""
    levels = {(area.pk, factor.pk): Level.NONE for area in areas for factor in factors}
    save_answers(
        invitation,
        revision=revision,
        levels=levels,
        observations={},
        nothing_to_report=True,
        now=now,
    )
