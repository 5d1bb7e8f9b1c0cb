"""The weekly summary: the week's picture, new and open actions, on a page and by e-mail."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from surveys.figures import raised_cells, round_figures
from surveys.tallies import MIN_ANSWERS

from .models import Action, Level, Meeting, WeekWithoutMeeting


@dataclass
class PictureCell:
    area: object
    factor: object
    level: int
    note: str
    previous_level: int | None

    @property
    def level_label(self):
        return Level(self.level).label

    @property
    def previous_label(self):
        return None if self.previous_level is None else Level(self.previous_level).label

    @property
    def change(self):
        """ "up", "down" or "" against the meeting before."""
        if self.previous_level is None or self.previous_level == self.level:
            return ""
        return "up" if self.level > self.previous_level else "down"


def picture_cells(meeting, previous=None):
    """The meeting's picture as cells, each with the level the meeting before gave it."""
    before = {}
    if previous is not None:
        before = {key: entry.level for key, entry in previous.picture().items()}
    entries = meeting.entries.select_related("area", "factor")
    return [
        PictureCell(e.area, e.factor, e.level, e.note, before.get((e.area_id, e.factor_id)))
        for e in entries
    ]


def picture_grid(cells):
    """(areas, [(factor, [cell per area])]) for a table with a column per area."""
    areas = sorted({c.area for c in cells}, key=lambda a: (a.order, a.name))
    factors = sorted({c.factor for c in cells}, key=lambda f: (f.order, f.name))
    by_key = {(c.area.pk, c.factor.pk): c for c in cells}
    rows = [(f, [by_key.get((a.pk, f.pk)) for a in areas]) for f in factors]
    return areas, rows


def summary_context(meeting: Meeting):
    """What the weekly summary shows: the picture's raised levels by area, the week's survey
    beside it, and the actions."""
    cells = picture_cells(meeting, meeting.previous())
    new_actions = list(meeting.actions.select_related("area"))
    still_open = [a for a in Action.open_at(meeting, after=True) if a.meeting_id != meeting.pk]
    survey = round_figures(meeting.agreement, meeting.year, meeting.week)
    agreed = {(c.area.pk, c.factor.pk): c.level for c in cells}
    return {
        "meeting": meeting,
        "raised": [c for c in cells if c.level > Level.NONE],
        "lowered_to_none": [c for c in cells if c.level == Level.NONE and c.change],
        "survey": survey,
        "survey_raised": raised_cells(survey, agreed) if survey else [],
        "min_answers": MIN_ANSWERS,
        "new_actions": new_actions,
        "open_actions": still_open,
        "follow_ups": list(meeting.follow_ups.select_related("action")),
    }


def summary_subject(meeting):
    return _("Tryggare Trelleborg week %(week)s, %(year)s: situation picture and actions") % {
        "week": meeting.week,
        "year": meeting.year,
    }


def summary_email(meeting, to):
    """The summary as an e-mail to the addresses `to`; surveys.tasks.queue_summary sends it to
    the distribution list in the background."""
    body = render_to_string("meetings/summary_email.txt", summary_context(meeting))
    return EmailMessage(summary_subject(meeting), body, settings.DEFAULT_FROM_EMAIL, to=to)


def note_summary_sent(meeting, since):
    """Record that the summary went out, once per sending begun at `since`."""
    meeting.refresh_from_db(fields=["revision", "summary_sent_at"])
    if meeting.summary_sent_at and meeting.summary_sent_at >= since:
        return
    meeting.summary_sent_at = timezone.now()
    # Noting the e-mail overwrites nobody's text, even if the meeting was saved while it went.
    meeting.save(update_fields=["summary_sent_at"])


@dataclass(frozen=True)
class WeekStatus:
    """Where a week's EST stands: its meetings, or the record of why there was none, and
    whether a summary has gone out."""

    year: int
    week: int
    meetings: list
    without: WeekWithoutMeeting | None

    @property
    def summary_sent(self):
        return any(meeting.summary_sent_at for meeting in self.meetings)


def week_status(agreement, year, week):
    meetings = list(Meeting.objects.filter(agreement=agreement, year=year, week=week))
    without = WeekWithoutMeeting.objects.filter(agreement=agreement, year=year, week=week).first()
    return WeekStatus(year, week, meetings, without)
