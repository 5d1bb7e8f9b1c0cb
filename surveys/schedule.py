"""The round's timetable, run once a minute (`manage.py est_schedule`): whatever is due and not
yet done is done, so a missed minute catches up and a second run changes nothing."""

from datetime import timedelta

from django.utils import timezone

from agreements.models import Agreement
from meetings.models import Meeting

from .models import Delivery, Respondent, Round, SurveySettings
from .retention import purge_expired
from .rounds import close_round, open_round, send_reminders
from .tasks import queue_summary


def reminder_due(timetable, round_):
    due = timetable.reminder_at(round_.year, round_.week)
    # A reminder set before the opening in the week falls in the next week, as the close does.
    if due < timetable.opens_at(round_.year, round_.week):
        due += timedelta(weeks=1)
    return due


def run_due(now=None):
    """Open this ISO week's round in each municipality with respondents, remind and close open
    rounds, and e-mail the week's meeting summaries, each when its time in SurveySettings has
    come. Returns what it did, in words."""
    now = now or timezone.now()
    timetable = SurveySettings.current()
    year, week, _ = timezone.localtime(now).isocalendar()
    # Each municipality's agreement in force this year (the latest started), in one query.
    in_force = {}
    covering = Agreement.objects.in_force().covering(year)
    for agreement in covering.order_by("municipality", "-start_year"):
        in_force.setdefault(agreement.municipality_id, agreement)
    in_force = list(in_force.values())
    asking = set(Respondent.objects.filter(is_active=True).values_list("municipality", flat=True))
    done = []
    if timetable.schedule_active and timetable.opens_at(year, week) <= now < timetable.closes_at(
        year, week
    ):
        opened = Round.objects.filter(year=year, week=week, opened_at__isnull=False)
        opened = set(opened.values_list("agreement", flat=True))
        for agreement in in_force:
            if agreement.municipality_id in asking and agreement.pk not in opened:
                round_ = open_round(agreement, year, week, now)
                done.append(f"opened {round_} ({round_.invited_count} invited)")
    # Every round left open, this week's or an earlier one's.
    for round_ in Round.objects.filter(opened_at__isnull=False, closed_at__isnull=True):
        if now >= round_.closes_at:
            close_round(round_, now)
            done.append(f"closed {round_}")
        elif round_.reminded_at is None and now >= reminder_due(timetable, round_):
            done.append(f"reminded {send_reminders(round_, now)} for {round_}")
    if now >= timetable.summary_at(year, week):
        for agreement in in_force:
            done.extend(_send_summaries(agreement, year, week))
    done.extend(f"deleted the raw answers of {round_}" for round_ in purge_expired(now))
    return done


def _send_summaries(agreement, year, week):
    """The week's meeting summaries not yet sent, nor already on their way."""
    unsent = Meeting.objects.filter(
        agreement=agreement, year=year, week=week, summary_sent_at__isnull=True
    ).exclude(pk__in=Delivery.objects.filter(kind=Delivery.Kind.SUMMARY).values("meeting"))
    return [f"summary of {meeting} to {queue_summary(meeting)}" for meeting in unsent]
