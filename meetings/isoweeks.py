"""ISO weeks, the calendar the weekly meeting is counted in."""

from datetime import date, timedelta

MEETING_WEEKDAY = 4  # EST meets on Thursdays


def week_dates(year, week):
    """Monday and Sunday of ISO week `week` of `year`."""
    return date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)


def weeks_in_year(year):
    """52 or 53: the number of ISO weeks in `year` (28 December is always in the last one)."""
    return date(year, 12, 28).isocalendar().week


def meeting_day(year, week):
    """The day a meeting of that week is usually held."""
    return date.fromisocalendar(year, week, MEETING_WEEKDAY)


def weeks_ended(year, today):
    """The weeks of `year` that are over by `today`: a week without a meeting counts only then."""
    last_sunday = today - timedelta(days=today.isoweekday())
    if last_sunday.isocalendar().year > year:
        return weeks_in_year(year)
    if last_sunday.isocalendar().year < year:
        return 0
    return last_sunday.isocalendar().week


def current_week(today):
    iso = today.isocalendar()
    return iso.year, iso.week
