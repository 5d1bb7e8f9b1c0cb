"""A round's figures where the meeting log and the annual report show them: the meeting form
starts from them, the Friday summary sets them beside the agreed picture, and the report counts
the year's rounds. Aggregates only: a cell with too few answers shows no level.

A round that never opened was not held: it proposes nothing and counts in no response rate.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.isoweeks import weeks_ended
from meetings.models import Area, Factor, Level

from .models import Round
from .tallies import Tally, round_tallies
from .thursday import with_response_counts


@dataclass(frozen=True)
class Response:
    invited: int
    answered: int

    @property
    def rate(self):
        """Answered / invited, 0–1; None when nobody was invited."""
        return self.answered / self.invited if self.invited else None

    @property
    def percent(self):
        return None if self.rate is None else round(100 * self.rate)


def held_rounds(agreement):
    """The agreement's rounds that opened, each with its invited and answered counts."""
    opened = Round.objects.filter(agreement=agreement, opened_at__isnull=False)
    return with_response_counts(opened).order_by("year", "week")


def response_of(round):
    """Who was invited and who answered: counted from the invitations while they are kept, from
    the counts the round keeps once its raw answers are deleted."""
    if round.purged_at is not None:
        return Response(round.invited_count, round.answered_count)
    return Response(round.invited, round.answered)


@dataclass(frozen=True)
class RoundFigures:
    round: Round
    response: Response
    tallies: dict  # {(area id, factor id): Tally}

    def tally(self, key):
        return self.tallies.get(key, Tally())


def round_figures(agreement, year, week):
    """The figures of the agreement's round of that ISO week, or None if it held none. Three
    queries, however many answered."""
    found = held_rounds(agreement).filter(year=year, week=week).first()
    if found is None:
        return None
    return RoundFigures(found, response_of(found), round_tallies([found]).get(found.pk, {}))


def describe(tally):
    """What the survey said about a cell, in words."""
    if tally.too_few:
        return _("Too few survey answers")
    text = ngettext(
        "Survey: typically %(typical)s, highest %(highest)s, %(count)s answer",
        "Survey: typically %(typical)s, highest %(highest)s, %(count)s answers",
        tally.answered,
    )
    return text % {
        "typical": Level(tally.typical).label,
        "highest": Level(tally.highest).label,
        "count": tally.answered,
    }


def survey_sources(figures, keys):
    """{key: what the survey said} for an agreed picture, shown beside it as information."""
    return {key: describe(figures.tally(key)) for key in keys} if figures else {}


@dataclass(frozen=True)
class StartingCell:
    level: int
    note: str
    source: str  # where the level came from, in words


def starting_picture(figures, previous, keys):
    """Where a new meeting's picture starts, {key: StartingCell}: the survey's typical level
    where the cell has enough answers, otherwise the level of the meeting before (`previous`,
    or None). Notes come from the meeting before: the survey has none per cell."""
    before = previous.picture() if previous is not None else {}
    cells = {}
    for key in keys:
        entry = before.get(key)
        level, note = (entry.level, entry.note) if entry else (Level.NONE, "")
        tally = figures.tally(key) if figures else None
        if tally is not None and not tally.too_few:
            level, source = tally.typical, describe(tally)
        else:
            source = fallback_source(tally, previous)
        cells[key] = StartingCell(level, note, source)
    return cells


def fallback_source(tally, previous):
    """Why a cell starts from the meeting before: too few answers, or no round that week."""
    if previous is None:
        if tally is None:
            return _("No survey round and no earlier meeting")
        return _("Too few survey answers – no earlier meeting")
    week = {"week": previous.week}
    if tally is None:
        return _("From the meeting before (week %(week)s)") % week
    return _("Too few survey answers – from the meeting before (week %(week)s)") % week


@dataclass(frozen=True)
class RaisedCell:
    area: Area
    factor: Factor
    tally: Tally
    agreed: Level | None  # the meeting's level for the cell, None if its picture has none

    @property
    def typical_label(self):
        return Level(self.tally.typical).label

    @property
    def highest_label(self):
        return Level(self.tally.highest).label

    @property
    def agreed_label(self):
        return None if self.agreed is None else Level(self.agreed).label


def raised_cells(figures, agreed):
    """The cells the survey rated above none (with enough answers), by area and factor, each
    beside the level the meeting agreed ({key: level})."""
    keys = [key for key, t in figures.tallies.items() if not t.too_few and t.typical > Level.NONE]
    areas = Area.objects.in_bulk({area_id for area_id, _factor_id in keys})
    factors = Factor.objects.in_bulk({factor_id for _area_id, factor_id in keys})
    cells = [
        RaisedCell(areas[a], factors[f], figures.tallies[(a, f)], agreed.get((a, f)))
        for a, f in keys
    ]
    return sorted(cells, key=lambda c: (c.area.order, c.area.name, c.factor.order, c.factor.name))


@dataclass(frozen=True)
class YearSurveyFigures:
    year: int
    weeks_ended: int
    rounds: list  # [(Round, Response)], by week
    weeks_without_round: list  # week numbers, of the weeks ended

    @property
    def response(self):
        """The year's rate: everyone who answered over everyone invited, all rounds together."""
        return Response(
            sum(r.invited for _round, r in self.rounds),
            sum(r.answered for _round, r in self.rounds),
        )


def year_survey_figures(agreement, year, today):
    """Each round of the agreement's ISO year `year`, and the weeks ended by `today` without
    one. One query."""
    rounds = [(r, response_of(r)) for r in held_rounds(agreement).filter(year=year)]
    ended = weeks_ended(year, today)
    held = {r.week for r, _response in rounds}
    without = [week for week in range(1, ended + 1) if week not in held]
    return YearSurveyFigures(year, ended, rounds, without)


def week_ranges(weeks):
    """[[first, last]] of runs of consecutive weeks: 1, 2, 3, 7 gives [[1, 3], [7, 7]]."""
    ranges = []
    for week in weeks:
        if ranges and ranges[-1][1] == week - 1:
            ranges[-1][1] = week
        else:
            ranges.append([week, week])
    return ranges
