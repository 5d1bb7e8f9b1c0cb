"""The annual report's meetings section carries the year's survey: each round's response rate,
the year's, and the weeks ended without a round; a presented report keeps them as presented."""

import datetime

import pytest
from django.utils import timezone

from reports.content import build_content
from reports.figures import figure_rows
from reports.models import AnnualReport
from surveys.figures import year_survey_figures
from surveys.models import Round
from tests.conftest import present_to_the_board
from tests.meetings.conftest import est  # noqa: F401
from tests.reports.conftest import fake_pdf  # noqa: F401
from tests.surveys.test_meeting_prefill import survey_round

URL = "/rapporter/trelleborg-2019-2022/2021/"
CELL = ("Hamnen", "Skadegörelse")


@pytest.fixture
def rounds(seed_agreement, est):  # noqa: F811
    """2021: week 10 answered by 3 of 4, week 11 by 5 of 10 (its raw answers since deleted),
    week 12 with nobody invited, week 13 never opened."""
    week_ten = survey_round(seed_agreement, 2021, 10, {CELL: [1, 2, 2]}, invited=4)
    survey_round(
        seed_agreement,
        2021,
        11,
        purged_at=timezone.now(),
        invited_count=10,
        answered_count=5,
    )
    survey_round(seed_agreement, 2021, 12)
    survey_round(seed_agreement, 2021, 13, {CELL: [3, 3, 3]}, opened_at=None)
    return week_ten


def test_the_years_figures_count_each_round_and_the_weeks_without(seed_agreement, rounds):
    figures = year_survey_figures(seed_agreement, 2021, datetime.date(2021, 4, 7))  # week 14
    assert [(r.week, response.invited, response.answered) for r, response in figures.rounds] == [
        (10, 4, 3),
        (11, 10, 5),
        (12, 0, 0),
    ]
    assert [response.percent for _round, response in figures.rounds] == [75, 50, None]
    assert (figures.response.invited, figures.response.answered) == (14, 8)
    assert figures.response.percent == 57  # all answers over all invited, not a mean of rates
    assert figures.weeks_ended == 13
    assert figures.weeks_without_round == [*range(1, 10), 13]  # 13 never opened


def test_the_report_shows_the_rates_and_the_weeks_without_a_round(security_client, rounds):
    html = security_client.get(URL).text
    assert "Veckoenkät" in html
    assert "Enkätomgångar 2021: svarsfrekvens per omgång" in html
    assert '<th scope="row">10</th><td>3 / 4</td><td>75 %</td>' in html
    assert '<th scope="row">12</th><td>0 / 0</td><td>–</td>' in html
    assert '<th scope="row">Hela året</th><td>8 / 14</td><td>57 %</td>' in html
    assert "49 av de 52 veckor som har gått hade ingen enkät:\nvecka 1–9, 13–52." in html


def test_the_pdf_carries_the_survey_figures(security_client, rounds, fake_pdf):  # noqa: F811
    security_client.get(URL + "rapport.pdf")
    (printed,) = fake_pdf
    assert '<th scope="row">Hela året</th><td>8 / 14</td><td>57 %</td>' in printed


def test_a_year_without_rounds_says_so(security_client, seed_agreement):
    html = security_client.get(URL).text
    assert "Ingen enkät gjordes 2021." in html
    assert "52 av de 52 veckor som har gått hade ingen enkät:\nvecka 1–52." in html


def test_the_downloads_carry_the_rates(seed_agreement, rounds):
    rows = figure_rows(build_content(seed_agreement, 2021))
    assert ("Veckomöten", "Svarsfrekvens i procent, enkäten vecka 10", "2021", "", 75, "") in rows
    assert ("Veckomöten", "Svarsfrekvens i procent, alla enkätomgångar", "2021", "", 57, "") in rows
    assert ("Veckomöten", "Veckor utan enkät", "2021", "", 49, "") in rows


def test_a_presented_report_keeps_the_figures_after_a_round_changes(
    security_client, security_user, seed_agreement, rounds
):
    report = AnnualReport.objects.create(agreement=seed_agreement, year=2021)
    present_to_the_board(report, security_user)
    rounds.invitations.filter(answered_at__isnull=True).update(answered_at=rounds.closes_at)
    Round.objects.filter(year=2021, week=12).delete()

    html = security_client.get(URL).text
    assert '<th scope="row">10</th><td>3 / 4</td><td>75 %</td>' in html
    assert '<th scope="row">12</th><td>0 / 0</td><td>–</td>' in html
    assert "Veckomöten · Svarsfrekvens i procent, enkäten vecka 10 · 2021: 75 → 100" in html
    assert "Veckomöten · Veckor utan enkät · 2021: 49 → 50" in html
    live = build_content(seed_agreement, 2021)["meetings"]["survey"]
    assert live["rounds"][0]["percent"] == 100


def test_a_report_presented_before_the_survey_still_reads(security_client, seed_agreement):
    content = build_content(seed_agreement, 2021)
    del content["meetings"]["survey"]
    AnnualReport.objects.create(
        agreement=seed_agreement,
        year=2021,
        status=AnnualReport.Status.PRESENTED,
        presented_on=datetime.date(2022, 4, 5),
        presented_to="Kommunstyrelsen",
        snapshot={"content": content, "texts": {}, "goals_json": "{}"},
    )
    response = security_client.get(URL)
    assert response.status_code == 200
    assert "Veckomöten (Tryggare Trelleborg)" in response.text
    article = response.text[response.text.index('<article class="report">') :]
    assert "Veckoenkät" not in article  # the menu above still links to the survey
