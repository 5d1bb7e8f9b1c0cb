"""The meeting form starts from the week's survey: each cell with enough answers from its typical
level, the others from the meeting before, and every cell says where its level came from. What
the meeting saves is its own decision."""

import re
import secrets

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Area, Factor, Level, Meeting
from surveys.models import Answer, Invitation, Round, SurveySettings

# The meeting fixtures of the meetings tests (areas and factors, make_meeting).
from tests.meetings.conftest import est, make_meeting, page_data  # noqa: F401

N, L, E, H = Level.NONE, Level.LOW, Level.ELEVATED, Level.HIGH
NEW_MEETING = "/moten/2021/vecka/11/nytt-mote/"


def survey_round(agreement, year, week, cells=None, invited=None, **fields):
    """A round of the week that has opened and closed. `cells` gives {(area, factor): [level or
    None, ...]}: the first respondent answers each cell's first level, the second its second...
    `invited` respondents in all (default: as many as answered); the rest did not answer."""
    cells = cells or {}
    timetable = SurveySettings.current()
    opens, closes = timetable.opens_at(year, week), timetable.closes_at(year, week)
    fields = {"opened_at": opens, "closed_at": closes, **fields}
    survey = Round.objects.create(
        agreement=agreement, year=year, week=week, opens_at=opens, closes_at=closes, **fields
    )
    areas = {a.name: a for a in Area.objects.all()}
    factors = {f.name: f for f in Factor.objects.all()}
    answering = max((len(levels) for levels in cells.values()), default=0)
    for number in range(max(answering, invited or 0)):
        invitation = Invitation.objects.create(
            round=survey,
            key=secrets.token_hex(16),
            sent_at=opens,
            answered_at=opens if number < answering else None,
        )
        Answer.objects.bulk_create(
            Answer(
                invitation=invitation,
                area=areas[area],
                factor=factors[factor],
                level=levels[number],
            )
            for (area, factor), levels in cells.items()
            if number < len(levels)
        )
    return survey


def cell_name(area, factor):
    a, f = Area.objects.get(name=area), Factor.objects.get(name=factor)
    return f"picture-level-{a.pk}-{f.pk}"


def source_of(html, area, factor):
    """The text the page says under a cell's level, found through the select's
    aria-describedby, as a screen reader finds it."""
    name = cell_name(area, factor)
    select = re.search(rf'<select name="{name}"[^>]*>', html).group(0)
    described_by = re.search(r'aria-describedby="([^"]+)"', select).group(1)
    return re.search(rf'id="{described_by}">([^<]*)<', html).group(1)


@pytest.fixture
def week_ten(seed_agreement, make_meeting):  # noqa: F811
    return make_meeting(
        seed_agreement,
        2021,
        10,
        levels={("Hamnen", "Skadegörelse"): E, ("Anderslöv", "Buskörning"): L},
    )


@pytest.fixture
def survey_week_eleven(week_ten):
    return survey_round(
        week_ten.agreement,
        2021,
        11,
        {
            ("Hamnen", "Skadegörelse"): [L, L, H, None],  # "vet ej" is no answer
            ("Anderslöv", "Buskörning"): [H, H],  # too few
            ("Smygehamn", "Nedskräpning"): [E, E, N],
        },
        invited=5,
    )


def test_cells_with_enough_answers_start_from_the_surveys_typical_level(
    police_client, survey_week_eleven
):
    response = police_client.get(NEW_MEETING)
    data, html = page_data(response), response.text
    assert data[cell_name("Hamnen", "Skadegörelse")] == L  # the meeting before said Elevated
    assert source_of(html, "Hamnen", "Skadegörelse") == "Enkäten: typiskt Låg, högst Hög, 3 svar"
    assert data[cell_name("Smygehamn", "Nedskräpning")] == E
    assert source_of(html, "Smygehamn", "Nedskräpning") == (
        "Enkäten: typiskt Förhöjd, högst Förhöjd, 3 svar"
    )


def test_cells_with_too_few_answers_start_from_the_meeting_before(
    police_client, survey_week_eleven
):
    response = police_client.get(NEW_MEETING)
    data, html = page_data(response), response.text
    assert data[cell_name("Anderslöv", "Buskörning")] == L  # not the two answers' High
    assert source_of(html, "Anderslöv", "Buskörning") == (
        "För få svar i enkäten – från förra mötet (vecka 10)"
    )
    assert data[cell_name("Hamnen", "Klotter")] == N  # nobody answered
    assert source_of(html, "Hamnen", "Klotter") == (
        "För få svar i enkäten – från förra mötet (vecka 10)"
    )


def test_the_page_says_the_levels_are_a_proposal(police_client, survey_week_eleven):
    html = police_client.get(NEW_MEETING).text
    assert "Enkäten vecka 11: 4 av 5 inbjudna svarade (80 %)." in html
    assert "Nivåerna är ett förslag: mötet beslutar om dem." in html
    assert "Anteckningarna utgår från mötet den 11 mars 2021 (vecka 10)." in html


def test_without_a_round_every_cell_comes_from_the_meeting_before(police_client, week_ten):
    response = police_client.get(NEW_MEETING)
    html = response.text
    assert page_data(response)[cell_name("Hamnen", "Skadegörelse")] == E
    assert source_of(html, "Hamnen", "Skadegörelse") == "Från förra mötet (vecka 10)"
    assert "Ingen enkät har gjorts den här veckan." in html
    assert "utgår från mötet den 11 mars 2021 (vecka 10)" in html


def test_the_first_meeting_with_a_round_but_no_meeting_before(police_client, seed_agreement, est):  # noqa: F811
    survey_round(seed_agreement, 2021, 11, {("Hamnen", "Klotter"): [H, H, E]})
    response = police_client.get(NEW_MEETING)
    assert page_data(response)[cell_name("Hamnen", "Klotter")] == H
    assert source_of(response.text, "Hamnen", "Skadegörelse") == (
        "För få svar i enkäten – inget tidigare möte"
    )


def test_a_round_that_never_opened_proposes_nothing(police_client, week_ten):
    survey_round(
        week_ten.agreement, 2021, 11, {("Hamnen", "Skadegörelse"): [H, H, H]}, opened_at=None
    )
    response = police_client.get(NEW_MEETING)
    assert page_data(response)[cell_name("Hamnen", "Skadegörelse")] == E
    assert source_of(response.text, "Hamnen", "Skadegörelse") == "Från förra mötet (vecka 10)"


def test_the_agreed_level_is_the_meetings_decision(police_client, survey_week_eleven):
    data = page_data(police_client.get(NEW_MEETING))
    data[cell_name("Hamnen", "Skadegörelse")] = H  # the meeting knows better than the survey
    assert police_client.post(NEW_MEETING, data).status_code == 302
    meeting = Meeting.objects.get(year=2021, week=11)
    saved = {(e.area.name, e.factor.name): e.level for e in meeting.entries.select_related()}
    assert saved[("Hamnen", "Skadegörelse")] == H
    assert saved[("Smygehamn", "Nedskräpning")] == E  # the proposal, accepted
    assert saved[("Anderslöv", "Buskörning")] == L

    response = police_client.get(f"/moten/mote/{meeting.pk}/andra/")
    assert page_data(response)[cell_name("Hamnen", "Skadegörelse")] == H  # not the survey's Low
    assert source_of(response.text, "Hamnen", "Skadegörelse") == (
        "Enkäten: typiskt Låg, högst Hög, 3 svar"
    )
    assert source_of(response.text, "Anderslöv", "Buskörning") == "För få svar i enkäten"
    assert "Nivåerna är de som mötet kom överens om." in response.text
    assert "förslag" not in response.text


def test_editing_a_meeting_of_a_week_without_a_round_says_nothing_of_a_survey(
    police_client, week_ten
):
    html = police_client.get(f"/moten/mote/{week_ten.pk}/andra/").text
    assert "Enkäten" not in html
    assert 'aria-describedby="picture-source' not in html


def test_query_count_does_not_grow_with_the_respondents(police_client, week_ten):
    few = survey_round(week_ten.agreement, 2021, 11, {("Hamnen", "Klotter"): [H, H, E]})
    with CaptureQueriesContext(connection) as queries:
        police_client.get(NEW_MEETING)
    few.delete()
    survey_round(
        week_ten.agreement,
        2021,
        11,
        {
            (area.name, factor.name): [H, E, L] * 5
            for area in Area.objects.all()
            for factor in Factor.objects.all()[:4]
        },
        invited=20,
    )
    with CaptureQueriesContext(connection) as more:
        response = police_client.get(NEW_MEETING)
    assert "15 av 20 inbjudna svarade (75 %)" in response.text
    assert len(more) == len(queries), [q["sql"] for q in more]


def test_an_extra_meeting_goes_on_from_the_weeks_decision(police_client, survey_week_eleven):
    data = page_data(police_client.get(NEW_MEETING))
    data[cell_name("Hamnen", "Skadegörelse")] = H
    police_client.post(NEW_MEETING, data)
    response = police_client.get(NEW_MEETING)
    assert response.context["meeting"].is_extra
    assert page_data(response)[cell_name("Hamnen", "Skadegörelse")] == H  # not the survey's Low
    assert source_of(response.text, "Hamnen", "Skadegörelse") == "Från förra mötet (vecka 11)"
    assert "utgår från mötet den 18 mars 2021 (vecka 11)" in response.text
    assert "Det mötet har redan vägt in veckans enkät." in response.text
