"""The timetable's tick: each step of the week at its time in the settings, once, whenever and
however often the tick runs."""

from datetime import time
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from meetings.isoweeks import meeting_day
from meetings.models import DistributionRecipient, Meeting
from surveys.models import Delivery, Round, SurveySettings, Weekday
from surveys.rounds import open_round
from surveys.schedule import run_due
from tests.places import trelleborg

from .roundmaking import WEEK, YEAR, at, three_respondents


@pytest.fixture
def tick(django_capture_on_commit_callbacks):
    """run_due at `now`, with the e-mails it queues sent as the worker would."""

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return run_due(now)

    return run


@pytest.fixture
def people(seed_agreement):
    return three_respondents()


def meeting_of_the_week(agreement):
    return Meeting.objects.create(
        agreement=agreement, year=YEAR, week=WEEK, date=meeting_day(YEAR, WEEK)
    )


def this_week():
    return Round.objects.filter(year=YEAR, week=WEEK).first()


def test_the_round_opens_at_its_time_and_once(people, tick):
    assert tick(at(2, 7, 59)) == []
    assert this_week() is None

    done = tick(at(2, 8))
    assert done == ["opened Enkät vecka 10, 2021 (3 invited)"]
    assert this_week().opened_at == at(2, 8)
    assert len(mail.outbox) == 3

    assert tick(at(2, 8, 1)) == []
    assert tick(at(2, 8, 1)) == []
    assert len(mail.outbox) == 3
    assert Round.objects.count() == 1


def test_the_reminder_goes_at_its_time_and_once(people, tick):
    tick(at(2, 8))
    this_week().invitations.filter(respondent=people[0]).update(answered_at=at(2, 9))
    mail.outbox.clear()

    assert tick(at(3, 11, 59)) == []
    assert tick(at(3, 12)) == ["reminded 2 for Enkät vecka 10, 2021"]
    assert tick(at(3, 12, 1)) == []
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("Påminnelse") for m in mail.outbox)


def test_the_round_closes_at_its_time(people, tick):
    tick(at(2, 8))
    this_week().invitations.filter(respondent=people[1]).update(answered_at=at(3, 9))

    tick(at(4, 7, 59))
    assert this_week().closed_at is None
    assert tick(at(4, 8)) == ["closed Enkät vecka 10, 2021"]
    round_ = this_week()
    assert (round_.closed_at, round_.answered_count) == (at(4, 8), 1)
    assert tick(at(4, 8, 1)) == []
    assert this_week().closed_at == at(4, 8)


def test_a_round_left_open_is_closed_by_a_later_tick(people, tick):
    tick(at(2, 8))
    # The server was down from Tuesday until the next Monday.
    assert tick(at(1, 9, week=WEEK + 1)) == ["closed Enkät vecka 10, 2021"]
    assert this_week().closed_at == at(1, 9, week=WEEK + 1)


def test_a_missed_window_opens_nothing(people, tick):
    assert tick(at(4, 9)) == []
    assert not Round.objects.exists()


def test_with_the_timetable_off_rounds_are_opened_by_hand_but_still_close(
    people, tick, seed_agreement
):
    SurveySettings.objects.create(schedule_active=False)
    assert tick(at(2, 8)) == []
    assert not Round.objects.exists()

    open_round(seed_agreement, YEAR, WEEK, now=at(2, 10))
    assert tick(at(4, 8)) == ["closed Enkät vecka 10, 2021"]


def test_the_timetable_in_the_settings_is_followed(people, tick):
    SurveySettings.objects.create(
        open_weekday=Weekday.MONDAY,
        open_time=time(13, 0),
        close_weekday=Weekday.MONDAY,
        close_time=time(9, 0),  # before the opening: the next Monday
    )
    assert tick(at(1, 12, 59)) == []
    # Missed at Monday's opening: the round still runs, so Tuesday's tick opens it.
    assert tick(at(2, 8)) == ["opened Enkät vecka 10, 2021 (3 invited)"]
    round_ = this_week()
    assert (round_.opens_at, round_.closes_at) == (at(1, 13), at(1, 9, week=WEEK + 1))


def test_the_summary_goes_out_once_at_its_time(people, tick, seed_agreement):
    DistributionRecipient.objects.create(
        municipality=trelleborg(), name="Säkerhetsenheten", email="sak@example.org"
    )
    meeting = meeting_of_the_week(seed_agreement)
    tick(at(4, 8))
    mail.outbox.clear()

    assert tick(at(5, 6, 59)) == []
    assert tick(at(5, 7)) == [f"summary of {meeting} to 1"]
    assert tick(at(5, 7, 1)) == []
    assert [m.subject for m in mail.outbox] == [
        "Tryggare Trelleborg vecka 10, 2021: lägesbild och åtgärder"
    ]
    meeting.refresh_from_db()
    assert meeting.summary_sent_at is not None


def test_a_summary_sent_by_hand_is_not_sent_again(people, tick, seed_agreement):
    DistributionRecipient.objects.create(
        municipality=trelleborg(), name="Säkerhetsenheten", email="sak@example.org"
    )
    meeting_of_the_week(seed_agreement)
    Meeting.objects.update(summary_sent_at=at(4, 15))
    assert tick(at(5, 7)) == []
    assert not Delivery.objects.exists()


def test_no_meeting_no_summary(people, tick):
    DistributionRecipient.objects.create(
        municipality=trelleborg(), name="Säkerhetsenheten", email="sak@example.org"
    )
    assert tick(at(5, 7)) == []


def test_the_command_runs_one_tick(people, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr("surveys.schedule.timezone.now", lambda: at(2, 8))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("est_schedule", stdout=out)
    assert out.getvalue() == "opened Enkät vecka 10, 2021 (3 invited)\n"
    assert len(mail.outbox) == 3


def test_the_tick_deletes_raw_answers_once_their_time_is_up(people, tick):
    tick(at(2, 8))
    tick(at(4, 8))  # closed
    survey_round = this_week()
    assert Delivery.objects.filter(invitation__round=survey_round).count() == 3
    SurveySettings.objects.create(retention_days=7)
    deleted = f"deleted the raw answers of {survey_round}"
    assert deleted not in tick(at(4, 7, week=WEEK + 1))
    assert deleted in tick(at(4, 9, week=WEEK + 1))
    survey_round.refresh_from_db()
    assert survey_round.purged_at == at(4, 9, week=WEEK + 1)
    assert not survey_round.invitations.filter(respondent__isnull=False).exists()
    assert not Delivery.objects.filter(invitation__round=survey_round).exists()
