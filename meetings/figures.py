"""The year's meeting figures for the annual report: meetings held, weeks without one,
attendance per party, actions, and the levels per area and factor for a heat map.

`meeting_figures` runs a fixed number of queries however many meetings the year has.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from agreements.models import Party

from .isoweeks import weeks_ended
from .models import (
    Action,
    ActionStatus,
    Area,
    Factor,
    Level,
    Meeting,
    NoMeetingReason,
    SituationEntry,
    WeekWithoutMeeting,
)

# Which field of a meeting tells that a party was there.
PRESENCE = {Party.Kind.MUNICIPALITY: "municipality_present", Party.Kind.POLICE: "police_present"}


@dataclass
class Attendance:
    party: str  # Party.Kind
    label: str
    present: int
    held: int

    @property
    def rate(self):
        """Share of the meetings the party attended, 0–1; None when no meeting was held."""
        return self.present / self.held if self.held else None


@dataclass
class MissedWeek:
    week: int
    reason: str | None  # NoMeetingReason, None when nobody recorded why
    comment: str = ""

    @property
    def reason_label(self):
        return NoMeetingReason(self.reason).label if self.reason else None


@dataclass
class MeetingFigures:
    year: int
    weeks_ended: int
    meetings_held: int
    extra_meetings: int
    weeks_without_meeting: list[MissedWeek]
    attendance: list[Attendance]
    actions_decided: int
    actions_done: int
    actions_dropped: int
    actions_open: int
    areas: list = field(default_factory=list)
    factors: list = field(default_factory=list)
    # {(area id, factor id): {week or month: highest level recorded then}}
    levels_by_week: dict = field(default_factory=dict)
    levels_by_month: dict = field(default_factory=dict)

    def month_rows(self):
        """[(area, factor, [Level or None per month])] for the pairs that rose above none."""
        rows = []
        for area in self.areas:
            for factor in self.factors:
                months = self.levels_by_month.get((area.pk, factor.pk), {})
                if any(months.values()):
                    rows.append((area, factor, _per_month(months)))
        return rows

    def area_month_rows(self):
        """[(area, [Level or None per month])]: the highest level of any factor in the area."""
        rows = []
        for area in self.areas:
            months = {}
            for factor in self.factors:
                for month, level in self.levels_by_month.get((area.pk, factor.pk), {}).items():
                    months[month] = max(level, months.get(month, level))
            rows.append((area, _per_month(months)))
        return rows


def _per_month(levels):
    return [None if levels.get(m) is None else Level(levels[m]) for m in range(1, 13)]


def meeting_figures(agreement, year, today=None):
    """The figures of `agreement`'s meetings in ISO year `year`, as known on `today`."""
    meetings = Meeting.objects.filter(agreement=agreement, year=year)
    # A year holds some fifty meetings: counted here from one small query.
    held = list(meetings.values("week", "is_extra", *PRESENCE.values()).order_by())
    actions = Action.objects.filter(meeting__in=meetings).aggregate(
        decided=Count("pk"),
        done=Count("pk", filter=Q(status=ActionStatus.DONE)),
        dropped=Count("pk", filter=Q(status=ActionStatus.DROPPED)),
        open=Count("pk", filter=Q(status=ActionStatus.OPEN)),
    )
    ended = weeks_ended(year, today or timezone.localdate())
    entries = SituationEntry.objects.filter(meeting__in=meetings)
    levels_by_week = highest_levels(entries, "meeting__week")
    # The areas and factors the year's pictures name: the keys of the levels already counted.
    area_ids = {area_id for area_id, _factor_id in levels_by_week}
    factor_ids = {factor_id for _area_id, factor_id in levels_by_week}
    return MeetingFigures(
        year=year,
        weeks_ended=ended,
        meetings_held=len(held),
        extra_meetings=sum(row["is_extra"] for row in held),
        weeks_without_meeting=missed_weeks(agreement, year, ended, {row["week"] for row in held}),
        attendance=[
            Attendance(kind, kind.label, sum(row[field] for row in held), len(held))
            for kind, field in PRESENCE.items()
        ],
        actions_decided=actions["decided"],
        actions_done=actions["done"],
        actions_dropped=actions["dropped"],
        actions_open=actions["open"],
        areas=list(Area.objects.filter(pk__in=area_ids)),
        factors=list(Factor.objects.filter(pk__in=factor_ids)),
        levels_by_week=levels_by_week,
        levels_by_month=highest_levels(
            entries.annotate(month=ExtractMonth("meeting__date")), "month"
        ),
    )


def missed_weeks(agreement, year, weeks_ended, held):
    """The weeks that are over and had no meeting (none of the weeks `held`), with the reason
    where one was recorded."""
    reasons = {r.week: r for r in WeekWithoutMeeting.objects.filter(agreement=agreement, year=year)}
    missed = []
    for week in range(1, weeks_ended + 1):
        if week in held:
            continue
        record = reasons.get(week)
        missed.append(
            MissedWeek(week, record.reason if record else None, record.comment if record else "")
        )
    return missed


def highest_levels(entries, period):
    """{(area id, factor id): {period: highest level}}: an extra meeting may raise a week."""
    levels = {}
    rows = entries.values_list("area_id", "factor_id", period).annotate(highest=Max("level"))
    for area_id, factor_id, when, highest in rows.order_by():
        levels.setdefault((area_id, factor_id), {})[when] = highest
    return levels
