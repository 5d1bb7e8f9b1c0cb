"""The survey's pages for staff: the rounds of the agreement in force, Thursday's view of a week
(aggregates only, for säkerhetsenheten and kommunpolisen) and who answered what (säkerhetsenheten
only: answers are about places, but who gave them is not for everyone)."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import SECURITY_UNIT, STAFF_ROLES, role_required, user_roles
from agreements.models import Agreement
from meetings.models import Area, Factor

from ..models import Answer, Invitation, Round, SurveySettings
from ..tallies import LEVELS, MIN_ANSWERS
from ..thursday import OPEN, next_round, status, week_figures, with_response_counts

staff_only = role_required(*STAFF_ROLES)


def _round(request, year, week):
    """The week's round under the agreement in force that (ISO) year in the user's current
    municipality, with its counts."""
    agreement = Agreement.in_force(year, user_roles(request).current)
    if agreement is None:
        raise Http404(_("No agreement covers %(year)s.") % {"year": year})
    rounds = with_response_counts(Round.objects.filter(agreement=agreement))
    return get_object_or_404(rounds.select_related("agreement"), year=year, week=week)


@staff_only
def index(request):
    """The rounds of the agreement in force this year, newest first."""
    now = timezone.now()
    year = timezone.localdate().isocalendar().year
    agreement = Agreement.in_force(year, user_roles(request).current)
    rounds = with_response_counts(agreement.rounds.all()) if agreement else Round.objects.none()
    rounds = list(rounds.order_by("-year", "-week"))  # an annotated query drops Meta.ordering
    for survey_round in rounds:
        survey_round.status = status(survey_round, now)
    return render(request, "surveys/round_list.html", {"agreement": agreement, "rounds": rounds})


@staff_only
def week_view(request, year, week):
    survey_round = _round(request, year, week)
    context = {
        "round": survey_round,
        "status": status(survey_round, timezone.now()),
        "figures": week_figures(survey_round),
        "next_round": next_round(survey_round),
        "levels": LEVELS,
        "min_answers": MIN_ANSWERS,
    }
    return render(request, "surveys/week.html", context)


@dataclass(frozen=True)
class Response:
    invitation: Invitation
    rows: list  # (area, [Answer or None per factor]) for each area answered
    observations: list  # (area, text)


def _responses(survey_round):
    """Each invitation of the round with its answers laid out per area and factor. Five
    queries whatever the round holds."""
    invitations = (
        Invitation.objects.filter(round=survey_round)
        .select_related("respondent")
        .prefetch_related(
            "areas",
            Prefetch("answers", queryset=Answer.objects.order_by()),
            "observations",
        )
        .order_by("respondent__name", "pk")
    )
    areas = {a.pk: a for a in Area.objects.all()}
    factors = list(
        Factor.objects.filter(
            Q(is_active=True) | Q(answer__invitation__round=survey_round)
        ).distinct()
    )
    responses = []
    for invitation in invitations:
        answers = {(a.area_id, a.factor_id): a for a in invitation.answers.all()}
        answered_areas = sorted({areas[a] for a, _f in answers}, key=lambda a: (a.order, a.name))
        rows = [(a, [answers.get((a.pk, f.pk)) for f in factors]) for a in answered_areas]
        observations = sorted(
            ((areas[o.area_id], o.text) for o in invitation.observations.all()),
            key=lambda pair: (pair[0].order, pair[0].name),
        )
        responses.append(Response(invitation, rows, observations))
    return factors, responses


@role_required(SECURITY_UNIT)
def responses(request, year, week):
    survey_round = _round(request, year, week)
    factors, shown = ([], []) if survey_round.purged_at else _responses(survey_round)
    context = {
        "round": survey_round,
        "is_open": status(survey_round, timezone.now()) == OPEN,
        "factors": factors,
        "responses": shown,
        "retention_days": SurveySettings.current().retention_days,
    }
    return render(request, "surveys/responses.html", context)
