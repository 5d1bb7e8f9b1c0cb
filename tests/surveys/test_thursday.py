"""Thursday's figures for a round: spread, highest and typical level per area and factor, the
change since the round before, the four-round trend and the observations, in few queries."""

import pytest

from meetings.models import Area, Factor, Level
from surveys.thursday import CLOSED, NOT_OPENED, OPEN, status, week_figures
from tests.surveys.week_data import area, est, factor, make_respondents, make_round, respond  # noqa: F401

N, L, E, H = Level.NONE, Level.LOW, Level.ELEVATED, Level.HIGH
pytestmark = pytest.mark.usefixtures("est")


def row_of(figures, area_name, factor_name):
    [area_figures] = [a for a in figures.areas if a.area.name == area_name]
    [row] = [r for r in area_figures.rows if r.factor.name == factor_name]
    return row


def answer_week(agreement, week, levels, year=2022, prefix="Person"):
    """A closed round where one respondent per level answered Hamnen: Skadegörelse."""
    survey_round = make_round(agreement, year, week)
    cell = (area("Hamnen"), factor("Skadegörelse"))
    for person, level in zip(make_respondents(len(levels), prefix), levels, strict=True):
        respond(survey_round, person, {cell: level})
    return survey_round


def test_a_cell_counts_each_level_and_dont_know(seed_agreement):
    survey_round = answer_week(seed_agreement, 10, [L, L, E, None, N])
    row = row_of(week_figures(survey_round), "Hamnen", "Skadegörelse")
    assert row.tally.counts == (1, 2, 1, 0)
    assert row.tally.unknown == 1
    assert row.tally.answered == 4
    assert (row.tally.typical, row.tally.highest) == (L, E)


def test_a_cell_with_fewer_than_three_levels_has_none(seed_agreement):
    survey_round = answer_week(seed_agreement, 10, [H, H, None, None])
    row = row_of(week_figures(survey_round), "Hamnen", "Skadegörelse")
    assert row.tally.too_few
    assert (row.tally.typical, row.tally.highest, row.change) == (None, None, None)


def test_unanswered_cells_of_areas_in_use_are_shown_as_too_few(seed_agreement):
    figures = week_figures(answer_week(seed_agreement, 10, [L, L, L]))
    assert len(figures.areas) == 8
    assert all(len(a.rows) == 12 for a in figures.areas)
    row = row_of(figures, "Anderslöv", "Klotter")
    assert row.tally.answered == 0
    assert row.tally.too_few


def test_change_since_the_round_before_and_the_trend_over_four(seed_agreement):
    answer_week(seed_agreement, 6, [H, H, H], prefix="Sex")  # five rounds back: not in the trend
    answer_week(seed_agreement, 7, [L, L, L], prefix="Sju")
    answer_week(seed_agreement, 8, [L, None], prefix="Atta")  # too few: skipped in the trend
    answer_week(seed_agreement, 9, [E, E, L], prefix="Nio")
    survey_round = answer_week(seed_agreement, 11, [H, H, E], prefix="Elva")  # no round in week 10

    figures = week_figures(survey_round)
    assert [r.week for r in figures.trend_rounds] == [7, 8, 9, 11]
    assert figures.previous.week == 9
    row = row_of(figures, "Hamnen", "Skadegörelse")
    assert row.previous.typical == E
    assert row.change == "up"
    assert [cell.typical for _round, cell in row.trend] == [L, None, E, H]
    assert row.direction == "up"


def test_a_level_that_fell_and_one_that_held(seed_agreement):
    answer_week(seed_agreement, 9, [H, H, E], prefix="Nio")
    falling = week_figures(answer_week(seed_agreement, 10, [N, L, L], prefix="Tio"))
    assert row_of(falling, "Hamnen", "Skadegörelse").change == "down"
    held = week_figures(answer_week(seed_agreement, 11, [L, L, H], prefix="Elva"))
    row = row_of(held, "Hamnen", "Skadegörelse")
    assert row.change == "same"
    assert row.direction == "down"  # High three rounds ago, Low now


def test_no_change_when_the_round_before_had_too_few(seed_agreement):
    answer_week(seed_agreement, 9, [H, H], prefix="Nio")
    row = row_of(week_figures(answer_week(seed_agreement, 10, [L, L, L])), "Hamnen", "Skadegörelse")
    assert row.previous.too_few
    assert row.change is None
    assert row.direction is None  # one round with enough answers is no trend


def test_the_first_round_of_an_agreement_starts_afresh(seed_agreement, successor_agreement):
    answer_week(seed_agreement, 52, [H, H, H])
    first = answer_week(successor_agreement, 1, [L, L, L], year=2023, prefix="Ny")
    figures = week_figures(first)
    assert figures.earlier == []
    row = row_of(figures, "Hamnen", "Skadegörelse")
    assert (row.previous, row.change, row.direction) == (None, None, None)


def test_observations_per_area_in_alphabetical_order(seed_agreement):
    hamnen, skadegorelse = area("Hamnen"), factor("Skadegörelse")
    survey_round = make_round(seed_agreement, 2022, 10)
    other = make_round(seed_agreement, 2022, 11)
    anna, bo, cissi = make_respondents(3)
    smygehamn = area("Smygehamn")
    respond(survey_round, anna, {(hamnen, skadegorelse): L}, {hamnen: "Sönderslagen busskur"})
    respond(survey_round, bo, {(hamnen, skadegorelse): L}, {hamnen: "Klotter på kajen"})
    respond(survey_round, cissi, {}, {smygehamn: "Lugnt vid hamnplanen"})
    respond(other, anna, {}, {hamnen: "Annan vecka"})

    observations = {a.area.name: a.observations for a in week_figures(survey_round).areas}
    assert observations["Hamnen"] == ["Klotter på kajen", "Sönderslagen busskur"]
    assert observations["Smygehamn"] == ["Lugnt vid hamnplanen"]
    assert observations["Anderslöv"] == []


def test_an_area_no_longer_in_use_shows_only_when_answered(seed_agreement):
    klagstorp = area("Klagstorp")
    klagstorp.is_active = False
    klagstorp.save()
    survey_round = make_round(seed_agreement, 2022, 10)
    assert "Klagstorp" not in [a.area.name for a in week_figures(survey_round).areas]
    respond(survey_round, make_respondents(1)[0], {(klagstorp, factor("Skadegörelse")): L})
    assert "Klagstorp" in [a.area.name for a in week_figures(survey_round).areas]


def test_status_of_a_round(seed_agreement):
    survey_round = make_round(seed_agreement, 2022, 10, closed=False)
    assert status(survey_round, survey_round.opens_at) == OPEN
    assert status(survey_round, survey_round.closes_at) == CLOSED  # the close job is late
    survey_round.opened_at = None
    assert status(survey_round, survey_round.opens_at) == NOT_OPENED


@pytest.mark.parametrize(("people", "weeks"), [(3, 2), (12, 6)])
def test_the_figures_take_the_same_queries_whatever_the_data(
    seed_agreement, django_assert_num_queries, people, weeks
):
    areas, factors = list(Area.objects.all()), list(Factor.objects.all())
    respondents = make_respondents(people)
    for week in range(1, weeks + 1):
        survey_round = make_round(seed_agreement, 2022, week)
        for person in respondents:
            levels = {(a, f): Level(week % 4) for a in areas[:3] for f in factors}
            respond(survey_round, person, levels, {areas[0]: f"Vecka {week}"})
    with django_assert_num_queries(6):  # rounds before, tallies (2), observations, areas, factors
        figures = week_figures(survey_round)
    assert row_of(figures, areas[0].name, factors[0].name).tally.answered == people
