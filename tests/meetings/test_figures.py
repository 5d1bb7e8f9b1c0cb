"""The year's figures the annual report shows, and that they cost the same few queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.figures import meeting_figures
from meetings.models import Action, ActionStatus, Level, WeekWithoutMeeting

AFTER_2021 = date(2022, 3, 1)


@pytest.fixture
def year_2021(seed_agreement, make_meeting):
    """Weeks 1–4: week 2 police absent, week 3 an extra meeting, week 5 on holiday."""
    meetings = [
        make_meeting(seed_agreement, 2021, 1, levels={("Hamnen", "Klotter"): Level.LOW}),
        make_meeting(
            seed_agreement,
            2021,
            2,
            police_present=False,
            levels={("Hamnen", "Klotter"): Level.HIGH},
        ),
        make_meeting(seed_agreement, 2021, 3),
        make_meeting(seed_agreement, 2021, 3, is_extra=True, date=date(2021, 1, 22)),
        make_meeting(seed_agreement, 2021, 4),
    ]
    WeekWithoutMeeting.objects.create(
        agreement=seed_agreement, year=2021, week=5, reason="holiday", comment="Sportlov"
    )
    for status in (ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.DONE, ActionStatus.DROPPED):
        Action.objects.create(
            meeting=meetings[0], what="Åtgärd", responsible="polis", status=status
        )
    return meetings


def test_meetings_and_weeks_without(seed_agreement, year_2021):
    figures = meeting_figures(seed_agreement, 2021, today=AFTER_2021)
    assert figures.meetings_held == 5
    assert figures.extra_meetings == 1
    assert figures.weeks_ended == 52
    missed = figures.weeks_without_meeting
    assert [m.week for m in missed] == list(range(5, 53))
    assert (missed[0].reason_label, missed[0].comment) == ("Semester", "Sportlov")
    assert missed[1].reason is None  # week 6: nobody said why


def test_attendance_rate_per_party(seed_agreement, year_2021):
    municipality, police = meeting_figures(seed_agreement, 2021, today=AFTER_2021).attendance
    assert (municipality.label, municipality.present, municipality.rate) == ("Kommun", 5, 1.0)
    assert (police.label, police.present, police.rate) == ("Polis", 4, 0.8)


def test_actions_decided_done_open(seed_agreement, year_2021):
    figures = meeting_figures(seed_agreement, 2021, today=AFTER_2021)
    assert (figures.actions_decided, figures.actions_done) == (4, 2)
    assert (figures.actions_dropped, figures.actions_open) == (1, 1)


def test_levels_per_week_and_month_take_the_highest(seed_agreement, year_2021):
    figures = meeting_figures(seed_agreement, 2021, today=AFTER_2021)
    hamnen = next(a for a in figures.areas if a.name == "Hamnen")
    klotter = next(f for f in figures.factors if f.name == "Klotter")
    assert figures.levels_by_week[(hamnen.pk, klotter.pk)] == {1: 1, 2: 3, 3: 0, 4: 0}
    assert figures.levels_by_month[(hamnen.pk, klotter.pk)] == {1: Level.HIGH}
    ((area, factor, months),) = figures.month_rows()
    assert (area, factor, months[0], months[1]) == (hamnen, klotter, Level.HIGH, None)


def test_weeks_of_the_current_year_count_once_ended(seed_agreement, year_2021):
    figures = meeting_figures(seed_agreement, 2021, today=date(2021, 2, 3))  # Wednesday, week 5
    assert figures.weeks_ended == 4
    assert figures.weeks_without_meeting == []


def test_a_year_without_meetings(seed_agreement, est):
    figures = meeting_figures(seed_agreement, 2020, today=AFTER_2021)
    assert figures.meetings_held == 0
    assert figures.attendance[0].rate is None
    assert len(figures.weeks_without_meeting) == 53  # 2020 had 53 ISO weeks


def test_figures_take_a_fixed_number_of_queries(seed_agreement, year_2021, make_meeting):
    with CaptureQueriesContext(connection) as few:
        meeting_figures(seed_agreement, 2021, today=AFTER_2021)
    for week in range(6, 30):
        meeting = make_meeting(seed_agreement, 2021, week, levels={("Skegrie", "Inbrott"): 2})
        Action.objects.create(meeting=meeting, what="Mer", responsible="kommun")
    with CaptureQueriesContext(connection) as many:
        figures = meeting_figures(seed_agreement, 2021, today=AFTER_2021)
    assert figures.meetings_held == 29
    assert len(many) == len(few) == 7


def test_figures_page_query_count_does_not_grow(police_client, year_2021, make_meeting):
    with CaptureQueriesContext(connection) as few:
        police_client.get("/moten/2021/siffror/")
    agreement = year_2021[0].agreement
    for week in range(6, 30):
        make_meeting(agreement, 2021, week, levels={("Skegrie", "Inbrott"): Level.HIGH})
    with CaptureQueriesContext(connection) as many:
        response = police_client.get("/moten/2021/siffror/")
    assert "Inbrott" in response.text
    assert len(many) == len(few)


def test_figures_page_shows_the_year(police_client, year_2021):
    text = police_client.get("/moten/2021/siffror/").text
    assert "Mötesstatistik 2021" in text
    assert "80 %" in text  # the police's attendance
    assert "Sportlov" in text
