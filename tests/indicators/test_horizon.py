"""Which periods a report on a year may show: its year and before, and a wave standing in."""

from indicators.evaluation import load_goal_inputs
from indicators.horizon import stand_ins, visible
from indicators.models import Period, Target

WAVE_2016 = Period(pk=15, label="2016", year=2016, kind=Period.Kind.WAVE)
WAVE_2021 = Period(pk=16, label="2021", year=2021, kind=Period.Kind.WAVE)
TOBACCO = Target(indicator_id=5, substitute_year=2020, substitute_period=WAVE_2021)
BURGLARIES = Target(indicator_id=9)


def test_a_report_sees_its_year_and_the_years_before():
    assert visible(Period(pk=1, year=2021), 2021)
    assert visible(Period(pk=2, year=1990), 2021)
    assert not visible(Period(pk=3, year=2022), 2021)


def test_a_wave_standing_in_is_seen_from_the_year_it_stands_in_for():
    assert stand_ins([TOBACCO, BURGLARIES], 2019) == {}
    for year in (2020, 2021):
        standing_in = stand_ins([TOBACCO, BURGLARIES], year)
        assert standing_in == {5: {16}}
        assert visible(WAVE_2021, year, standing_in[5])
    assert not visible(WAVE_2021, 2020)  # for an indicator no target names it for


def test_goal_inputs_hold_only_what_the_year_may_show(demo_values):
    inputs = load_goal_inputs(demo_values, 2020)
    years = {
        v.indicator.code: {v.period.year for v in values}
        for values in inputs.values_by_indicator.values()
        for v in values
    }
    assert years["brott-bostadsinbrott"] == {2016, 2017, 2018, 2019, 2020}
    assert years["fhe-tobak"] == {2016, 2021}  # the wave standing in for 2020
    assert years["fhe-otrygghet"] == {2016}
    assert max(p.year for periods in inputs.periods_by_source.values() for p in periods) == 2020
