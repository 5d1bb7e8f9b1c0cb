"""Thursday's view of a week's round: how many answered and, per area and factor, what the
answers add up to, how the typical level moved since the round before and over four rounds.
Only counts and the observations' text reach it, never who answered."""

from dataclasses import dataclass

from django.db.models import Count, Q

from meetings.models import Area, Factor

from .models import Observation, Round
from .tallies import Tally, round_tallies

TREND_ROUNDS = 4  # this round and the three before it
NO_ANSWERS = Tally()

NOT_OPENED, OPEN, CLOSED = "not_opened", "open", "closed"


def with_response_counts(rounds):
    """`rounds` (a queryset) with `invited` and `answered` counted from their invitations,
    which stay when the raw answers are deleted, so an open round shows its count so far."""
    return rounds.annotate(
        invited=Count("invitations"),
        answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False)),
    )


def status(survey_round, now):
    if survey_round.is_open(now):
        return OPEN
    if survey_round.opened_at is None and survey_round.closed_at is None:
        return NOT_OPENED
    return CLOSED


def _compare(before, after):
    return "up" if after > before else "down" if after < before else "same"


def _before(survey_round):
    return Q(year__lt=survey_round.year) | Q(year=survey_round.year, week__lt=survey_round.week)


def _after(survey_round):
    return Q(year__gt=survey_round.year) | Q(year=survey_round.year, week__gt=survey_round.week)


def earlier_rounds(survey_round, count):
    """The agreement's `count` rounds before this one, oldest first. An agreement's first round
    starts afresh, as its first meeting does."""
    earlier = Round.objects.filter(_before(survey_round), agreement_id=survey_round.agreement_id)
    return list(earlier.order_by("-year", "-week")[:count])[::-1]


def next_round(survey_round):
    later = Round.objects.filter(_after(survey_round), agreement_id=survey_round.agreement_id)
    return later.order_by("year", "week").first()


@dataclass(frozen=True)
class FactorRow:
    factor: Factor
    tally: Tally
    previous: Tally | None  # the round before's; None when there is no round before
    trend: tuple  # (round, Tally) for each trend round, oldest first, this round last

    @property
    def change(self):
        """ "up", "down" or "same" since the round before; None when it cannot be told."""
        if self.previous is None or self.previous.too_few or self.tally.too_few:
            return None
        return _compare(self.previous.typical, self.tally.typical)

    @property
    def direction(self):
        """Where the typical level went over the trend rounds, first known one to last."""
        known = [cell.typical for _round, cell in self.trend if not cell.too_few]
        return _compare(known[0], known[-1]) if len(known) > 1 else None


@dataclass(frozen=True)
class AreaFigures:
    area: Area
    rows: list
    observations: list  # texts, in alphabetical order: the order tells nothing about who

    @property
    def too_few(self):
        """No factor of the area had enough answers this round."""
        return all(row.tally.too_few for row in self.rows)

    @property
    def has_trend(self):
        return any(not cell.too_few for row in self.rows for _round, cell in row.trend)


@dataclass(frozen=True)
class WeekFigures:
    round: Round
    earlier: list  # the trend's earlier rounds, oldest first
    areas: list

    @property
    def previous(self):
        return self.earlier[-1] if self.earlier else None

    @property
    def trend_rounds(self):
        return [*self.earlier, self.round]


def week_figures(survey_round):
    """Thursday's figures for a round; the same number of queries whatever the data."""
    earlier = earlier_rounds(survey_round, TREND_ROUNDS - 1)
    trend_rounds = [*earlier, survey_round]
    tallies = round_tallies(trend_rounds)
    cells = tallies.get(survey_round.pk, {})
    previous = tallies.get(earlier[-1].pk, {}) if earlier else None
    observations = {}
    texts = Observation.objects.filter(invitation__round=survey_round).order_by("text")
    for area_id, text in texts.values_list("area", "text"):
        observations.setdefault(area_id, []).append(text)
    # The areas and factors in use, and any others this round's answers are about.
    areas = Area.objects.filter(
        Q(is_active=True) | Q(pk__in={a for a, _f in cells} | {*observations})
    )
    factors = list(Factor.objects.filter(Q(is_active=True) | Q(pk__in={f for _a, f in cells})))

    def row(area, factor):
        key = (area.pk, factor.pk)
        return FactorRow(
            factor=factor,
            tally=cells.get(key, NO_ANSWERS),
            previous=None if previous is None else previous.get(key, NO_ANSWERS),
            trend=tuple((r, tallies.get(r.pk, {}).get(key, NO_ANSWERS)) for r in trend_rounds),
        )

    return WeekFigures(
        round=survey_round,
        earlier=earlier,
        areas=[
            AreaFigures(area, [row(area, f) for f in factors], observations.get(area.pk, []))
            for area in areas
        ],
    )
