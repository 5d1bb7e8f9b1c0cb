"""Raw answers are kept for SurveySettings.retention_days after a round closes, then deleted:
the round keeps its figures (CellTally) and its counts, not who answered what."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Answer, Delivery, Invitation, Observation, Round, SurveySettings
from .tallies import store_tallies


def expired_rounds(now):
    """The rounds closed longer ago than the retention period whose answers are still kept. A
    round the close job never marked closed counts from its close time."""
    cutoff = now - timedelta(days=SurveySettings.current().retention_days)
    closed = Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, closes_at__lt=cutoff)
    return Round.objects.filter(closed, purged_at__isnull=True)


def purge_expired(now=None):
    """Delete the raw answers of every expired round, one transaction per round, and return
    the rounds purged."""
    now = now or timezone.now()
    purged = []
    for pk in expired_rounds(now).order_by("year", "week").values_list("pk", flat=True):
        with transaction.atomic():
            # Locked and checked again: two runs at once purge a round only once.
            survey_round = (
                Round.objects.select_for_update().filter(pk=pk, purged_at__isnull=True).first()
            )
            if survey_round is not None:
                purge(survey_round, now)
                purged.append(survey_round)
    return purged


def purge(survey_round, now):
    store_tallies(survey_round)
    invitations = Invitation.objects.filter(round=survey_round)
    survey_round.invited_count = invitations.count()
    survey_round.answered_count = invitations.filter(answered_at__isnull=False).count()
    Answer.objects.filter(invitation__round=survey_round).delete()
    Observation.objects.filter(invitation__round=survey_round).delete()
    Invitation.areas.through.objects.filter(invitation__round=survey_round).delete()
    invitations.update(respondent=None)
    # The outbox names who was asked too: its e-mails of the round go with the answers.
    Delivery.objects.filter(invitation__round=survey_round).delete()
    survey_round.purged_at = now
    survey_round.save(update_fields=["invited_count", "answered_count", "purged_at"])
