"""The meeting log's rules: one regular meeting a week, open actions carried forward until
closed, the personal data guard on every free-text field, and idempotent demo data."""

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from meetings import demo
from meetings.models import (
    Action,
    ActionFollowUp,
    ActionStatus,
    FollowUpOutcome,
    Meeting,
    SituationEntry,
    WeekWithoutMeeting,
)
from meetings.personnummer import validate_no_personal_number

# The text fields of the meeting log nobody types free text into, and why.
NOT_FREE_TEXT = {
    "reason": "a choice",
    "responsible": "a choice",
    "status": "a choice",
    "outcome": "a choice",
    "history_type": "a choice",
    # An address the summary is sent to, checked by the e-mail validator; not part of the log.
    "email": "an e-mail address",
    # Written by the history machinery; no form of the app or the admin offers it.
    "history_change_reason": "not in any form",
}


def test_every_free_text_field_refuses_personal_numbers():
    checked = 0
    for model in apps.get_app_config("meetings").get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, models.CharField | models.TextField):
                continue
            why = NOT_FREE_TEXT.get(field.name)
            if why == "a choice":
                assert field.choices, (model, field.name)
            elif why is None:
                assert validate_no_personal_number in field.validators, (model, field.name)
                checked += 1
    # Seven models and their historical copies.
    assert checked >= 28


def test_one_regular_meeting_per_week(seed_agreement):
    Meeting.objects.create(agreement=seed_agreement, year=2021, week=10, date=date(2021, 3, 11))
    second = Meeting(agreement=seed_agreement, year=2021, week=10, date=date(2021, 3, 12))
    with pytest.raises(ValidationError, match="ett andra möte är ett extramöte"):
        second.full_clean()
    second.is_extra = True
    second.full_clean()


def test_meeting_date_must_be_in_its_week_and_the_agreement(seed_agreement):
    meeting = Meeting(agreement=seed_agreement, year=2021, week=10, date=date(2021, 3, 18))
    with pytest.raises(ValidationError, match="vecka 10 år 2021"):
        meeting.full_clean()
    late = Meeting(agreement=seed_agreement, year=2023, week=2, date=date(2023, 1, 12))
    with pytest.raises(ValidationError, match="utanför överenskommelsens period"):
        late.full_clean()
    no_week = Meeting(agreement=seed_agreement, year=2021, week=53, date=date(2021, 12, 30))
    with pytest.raises(ValidationError, match="har ingen vecka 53"):
        no_week.full_clean()


def test_a_meeting_needs_a_party(seed_agreement):
    meeting = Meeting(
        agreement=seed_agreement,
        year=2021,
        week=10,
        date=date(2021, 3, 11),
        municipality_present=False,
        police_present=False,
    )
    with pytest.raises(ValidationError, match="Minst en part"):
        meeting.full_clean()


def test_week_without_meeting_cannot_have_a_meeting(seed_agreement):
    Meeting.objects.create(agreement=seed_agreement, year=2021, week=10, date=date(2021, 3, 11))
    record = WeekWithoutMeeting(agreement=seed_agreement, year=2021, week=10, reason="holiday")
    with pytest.raises(ValidationError, match="Ett möte är redan loggat den här veckan."):
        record.full_clean()


@pytest.fixture
def three_weeks(seed_agreement, make_meeting):
    return [make_meeting(seed_agreement, 2021, week) for week in (10, 11, 12)]


def follow_up(action, meeting, outcome):
    ActionFollowUp.objects.create(action=action, meeting=meeting, outcome=outcome)
    action.refresh_status()


def test_open_actions_are_carried_until_closed(three_weeks):
    first, second, third = three_weeks
    action = Action.objects.create(meeting=first, what="Laga lampan", responsible="kommun")
    assert list(Action.open_at(first)) == []  # not before it was decided
    assert list(Action.open_at(first, after=True)) == [action]
    assert list(Action.open_at(second)) == [action]
    follow_up(action, second, FollowUpOutcome.CONTINUED)
    assert action.status == ActionStatus.OPEN
    assert list(Action.open_at(third)) == [action]
    follow_up(action, third, FollowUpOutcome.DONE)
    assert action.status == ActionStatus.DONE
    # Seen from week 11 the action was still open; after week 12 it is closed.
    assert list(Action.open_at(second, after=True)) == [action]
    assert list(Action.open_at(third, after=True)) == []
    later = Meeting(agreement=first.agreement, year=2021, week=13, date=date(2021, 4, 1))
    assert list(Action.open_at(later)) == []


def test_status_follows_the_latest_follow_up(three_weeks):
    first, second, third = three_weeks
    action = Action.objects.create(meeting=first, what="Klotter", responsible="kommun")
    follow_up(action, third, FollowUpOutcome.DROPPED)
    follow_up(action, second, FollowUpOutcome.CONTINUED)  # an older meeting edited later
    assert action.status == ActionStatus.DROPPED


def test_set_picture_only_writes_changes(three_weeks):
    meeting = three_weeks[0]
    before = SituationEntry.history.count()
    cells = {(e.area_id, e.factor_id): (e.level, e.note) for e in meeting.entries.all()}
    key = next(iter(cells))
    cells[key] = (2, "Fler rapporter")
    meeting.set_picture(cells)
    assert SituationEntry.history.count() == before + 1


def test_previous_meeting(three_weeks):
    first, second, _ = three_weeks
    assert second.previous() == first
    assert first.previous() is None


def test_demo_year_is_idempotent(seed_agreement):
    demo.create(seed_agreement)
    counts = (Meeting.objects.count(), Action.objects.count(), ActionFollowUp.objects.count())
    demo.create(seed_agreement)
    assert (Meeting.objects.count(), Action.objects.count(), ActionFollowUp.objects.count()) == (
        counts
    )
    assert counts[0] > 45
    assert all(Meeting.objects.values_list("is_demo", flat=True))
    assert WeekWithoutMeeting.objects.filter(year=2021, reason="holiday").count() == 4
    assert Meeting.objects.filter(police_present=False).exists()
    assert Action.objects.filter(status=ActionStatus.OPEN).exists()
