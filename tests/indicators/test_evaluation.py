"""The agreement's words read as rules, on their boundaries.

Everything here is built in memory: the evaluation must not need the database.
"""

from datetime import date
from decimal import Decimal

import pytest

from indicators.evaluation import Status, evaluate_target, roll_up
from indicators.models import (
    DataSource,
    Group,
    Indicator,
    Period,
    Rule,
    Target,
    Unit,
    Value,
    ValueStatus,
)

SOURCE = DataSource(pk=1, name="Källa")
ALLA = Group(code="alla", name="alla")
AK6 = Group(code="ak6", name="åk 6")
AK9 = Group(code="ak9", name="åk 9")
GY2 = Group(code="gy2", name="gymnasiet år 2")
GRADES = [AK6, AK9, GY2]
LATER = date(2026, 1, 1)  # every year of the agreement is long over
BURGLARIES = Indicator(code="brott-bostadsinbrott", short_name="Bostadsinbrott", unit=Unit.COUNT)
SPEEDING = Indicator(code="tm-fortkorning", short_name="Bilar som kör för fort", unit=Unit.INDEX)
TOBACCO = Indicator(code="fhe-tobak", short_name="Tobaksbruk", unit=Unit.PERCENT)
WAVE_2016 = Period(source=SOURCE, label="2016", year=2016, kind=Period.Kind.WAVE)
WAVE_2021 = Period(
    source=SOURCE,
    label="2021",
    year=2021,
    kind=Period.Kind.WAVE,
    fieldwork_start=date(2021, 1, 18),
    fieldwork_end=date(2021, 2, 21),
)
CONDITION = "förutsatt att Region Skåne genomför Folkhälsoenkät Barn och Unga år 2020"


def year(number, **extra):
    return Period(source=SOURCE, label=str(number), year=number, **extra)


def value(period, number, group=ALLA, status=ValueStatus.FINAL):
    return Value(period=period, group=group, value=Decimal(number), status=status)


def threshold_target(indicator, rule, threshold, **extra):
    extra.setdefault("first_year", 2019)
    extra.setdefault("last_year", 2022)
    return Target(indicator=indicator, rule=rule, threshold=Decimal(threshold), **extra)


def youth_target(**extra):
    fields = {
        "indicator": TOBACCO,
        "rule": Rule.DECREASE_FROM_BASELINE,
        "baseline_period": WAVE_2016,
        "first_year": 2020,
        "last_year": 2020,
        "substitute_year": 2020,
        "substitute_period": WAVE_2021,
        "substitution_reason": "Ingen våg 2020 på grund av pandemin.",
        "condition": CONDITION,
    }
    return Target(**{**fields, **extra})


def evaluate(target, values, report_year, groups=(ALLA,), periods=None, today=LATER):
    if periods is None:
        periods = list({id(v.period): v.period for v in values}.values())
    return evaluate_target(target, list(groups), report_year, values, periods, today)


def only(outcomes):
    (outcome,) = outcomes
    return outcome


# "Bostadsinbrotten ska understiga 100 inbrott/år": strictly fewer than 100.
@pytest.mark.parametrize(
    ("count", "status"), [("99", Status.MET), ("100", Status.NOT_MET), ("101", Status.NOT_MET)]
)
def test_burglaries_must_be_fewer_than_100(count, status):
    target = threshold_target(BURGLARIES, Rule.BELOW, "100")
    outcome = only(evaluate(target, [value(year(2021), count)], 2021))
    assert outcome.status == status
    assert outcome.value == Decimal(count)
    assert outcome.reference == Decimal(100)


def test_exactly_100_burglaries_is_explained_as_the_agreement_words_it():
    target = threshold_target(BURGLARIES, Rule.BELOW, "100")
    outcome = only(evaluate(target, [value(year(2021), "100")], 2021))
    assert outcome.explanation == "Bostadsinbrott 2021: 100, målet var färre än 100 – ej uppnått"


# "Ska ligga på högst en tvåa i utfall": an index of at most 2.
@pytest.mark.parametrize(
    ("index", "status"),
    [("1.99", Status.MET), ("2.00", Status.MET), ("2.01", Status.NOT_MET)],
)
def test_index_at_most_two(index, status):
    target = threshold_target(SPEEDING, Rule.AT_MOST, "2")
    assert only(evaluate(target, [value(year(2021), index)], 2021)).status == status


@pytest.mark.parametrize(
    ("index", "status"),
    [("2.01", Status.MET), ("2.49", Status.MET), ("2.50", Status.NOT_MET)],
)
def test_index_rounded_to_a_whole_level_first_when_the_target_says_so(index, status):
    target = threshold_target(SPEEDING, Rule.AT_MOST, "2", round_to_whole=True)
    outcome = only(evaluate(target, [value(year(2021), index)], 2021))
    assert outcome.status == status
    assert "(avrundat till" in outcome.explanation


def test_index_explanation():
    target = threshold_target(SPEEDING, Rule.AT_MOST, "2")
    outcome = only(evaluate(target, [value(year(2021), "2.00")], 2021))
    assert outcome.explanation == "Bilar som kör för fort 2021: 2, målet var högst 2 – uppnått"


def test_missing_figure_is_not_measurable_rather_than_not_met():
    target = threshold_target(BURGLARIES, Rule.BELOW, "100")
    outcome = only(evaluate(target, [value(year(2020), "50")], 2021, periods=[year(2021)]))
    assert outcome.status == Status.NOT_MEASURABLE
    assert outcome.explanation == "Bostadsinbrott 2021: inget värde för 2021 – kan inte mätas"


def test_year_without_any_period_is_not_measurable():
    target = threshold_target(BURGLARIES, Rule.BELOW, "100")
    outcome = only(evaluate(target, [], 2021, periods=[]))
    assert outcome.status == Status.NOT_MEASURABLE
    assert "ingen mätning för 2021" in outcome.explanation


def test_preliminary_figures_are_evaluated_but_flagged():
    target = threshold_target(BURGLARIES, Rule.BELOW, "100")
    figure = value(year(2022), "95", status=ValueStatus.PRELIMINARY)
    outcome = only(evaluate(target, [figure], 2022))
    assert outcome.status == Status.MET
    assert outcome.preliminary
    assert outcome.explanation == (
        "Bostadsinbrott 2022: 95 (preliminära siffror), målet var färre än 100 – uppnått"
    )


def test_final_figures_are_not_flagged():
    target = threshold_target(BURGLARIES, Rule.BELOW, "100")
    assert not only(evaluate(target, [value(year(2022), "95")], 2022)).preliminary


def test_a_year_not_over_is_pending_even_with_a_figure():
    target = threshold_target(BURGLARIES, Rule.BELOW, "100")
    outcome = only(evaluate(target, [value(year(2022), "80")], 2022, today=date(2022, 12, 31)))
    assert outcome.status == Status.PENDING
    assert outcome.value == Decimal(80)
    assert "2022 är inte slut än" in outcome.explanation


def test_figures_not_yet_published_are_pending_until_their_date():
    target = threshold_target(BURGLARIES, Rule.BELOW, "100")
    expected = year(2022, results_expected=date(2023, 3, 15))
    before = only(evaluate(target, [], 2022, periods=[expected], today=date(2023, 3, 14)))
    after = only(evaluate(target, [], 2022, periods=[expected], today=date(2023, 3, 15)))
    assert before.status == Status.PENDING
    assert "siffrorna väntas den 15 mars 2023" in before.explanation
    assert after.status == Status.NOT_MEASURABLE


def test_a_target_not_yet_started_is_pending():
    outcome = evaluate(youth_target(), [], 2019, groups=[AK9], periods=[WAVE_2016, WAVE_2021])
    assert only(outcome).status == Status.PENDING
    assert only(outcome).explanation == "Tobaksbruk 2019: målet gäller från 2020 – inväntar utfall"


def test_a_target_whose_years_are_over_reports_its_last_year():
    target = threshold_target(BURGLARIES, Rule.BELOW, "100", last_year=2020)
    outcome = only(evaluate(target, [value(year(2020), "87"), value(year(2021), "120")], 2022))
    assert (outcome.year, outcome.status, outcome.value) == (2020, Status.MET, Decimal(87))


# "Ett minskat tobaksbruk i åk 6, åk 9 och gymnasiets åk 2 år 2020, jämfört med 2016",
# measured with the 2021 wave since there was none in 2020.
def youth_values(figures_2016, figures_2021):
    values = [value(WAVE_2016, n, group) for group, n in zip(GRADES, figures_2016, strict=True)]
    values += [
        value(WAVE_2021, n, group)
        for group, n in zip(GRADES, figures_2021, strict=True)
        if n is not None
    ]
    return values


def evaluate_youth(values, report_year=2020, **extra):
    periods = [WAVE_2016, WAVE_2021]
    return evaluate(youth_target(), values, report_year, groups=GRADES, periods=periods, **extra)


def test_substituted_wave_measures_the_target_year_and_says_so():
    outcomes = evaluate_youth(youth_values(["2", "14", "27"], ["1.5", "9.5", "21"]))
    assert [o.status for o in outcomes] == [Status.MET] * 3
    ak9 = outcomes[1]
    assert (ak9.year, ak9.period.label, ak9.reference_period.label) == (2020, "2021", "2016")
    assert ak9.substitution == (
        "Våg 2021 (fältarbete 18 januari–21 februari 2021) står för 2020: "
        "Ingen våg 2020 på grund av pandemin."
    )
    assert ak9.explanation == (
        "Tobaksbruk (åk 9) 2020: 9,5 % i våg 2021 jämfört med 14 % i våg 2016, målet var en "
        "minskning – uppnått. " + ak9.substitution
    )


def test_an_unchanged_share_is_no_decrease():
    outcomes = evaluate_youth(youth_values(["2", "14", "27"], ["1.5", "14", "21"]))
    assert [o.status for o in outcomes] == [Status.MET, Status.NOT_MET, Status.MET]
    assert roll_up(o.status for o in outcomes) == Status.NOT_MET


def test_a_group_missing_from_the_substituted_wave_is_not_measurable():
    outcomes = evaluate_youth(youth_values(["2", "14", "27"], ["1.5", None, "21"]))
    assert [o.status for o in outcomes] == [Status.MET, Status.NOT_MEASURABLE, Status.MET]
    assert "inget värde för våg 2021, så villkoret är inte uppfyllt" in outcomes[1].explanation
    assert roll_up(o.status for o in outcomes) == Status.NOT_MEASURABLE


def test_a_group_missing_from_the_baseline_wave_is_not_measurable():
    values = youth_values(["2", "14", "27"], ["1.5", "9.5", "21"])
    values = [v for v in values if not (v.period is WAVE_2016 and v.group is GY2)]
    outcomes = evaluate_youth(values)
    assert outcomes[2].status == Status.NOT_MEASURABLE
    assert "men inget värde för jämförelseperioden våg 2016" in outcomes[2].explanation


def test_missing_wave_fails_the_condition_and_is_not_measurable():
    outcomes = evaluate_youth(youth_values(["2", "14", "27"], [None, None, None]))
    assert {o.status for o in outcomes} == {Status.NOT_MEASURABLE}
    assert CONDITION in outcomes[0].explanation


def test_without_substitution_a_year_with_no_wave_is_not_measurable():
    target = youth_target(substitute_year=None, substitute_period=None)
    values = youth_values(["2", "14", "27"], ["1.5", "9.5", "21"])
    periods = [WAVE_2016, WAVE_2021]
    outcomes = evaluate(target, values, 2020, groups=GRADES, periods=periods)
    assert {o.status for o in outcomes} == {Status.NOT_MEASURABLE}
    assert "ingen mätning för 2020" in outcomes[0].explanation


def test_a_wave_in_the_field_is_pending_until_its_figures_come():
    during = evaluate_youth([], today=date(2021, 3, 1))
    assert {o.status for o in during} == {Status.PENDING}
    published = evaluate_youth(
        youth_values(["2", "14", "27"], ["1.5", "9.5", "21"]), today=date(2021, 9, 1)
    )
    assert {o.status for o in published} == {Status.MET}


def test_preliminary_baseline_flags_the_comparison():
    values = youth_values(["2", "14", "27"], ["1.5", "9.5", "21"])
    values[0] = value(WAVE_2016, "2", AK6, status=ValueStatus.PRELIMINARY)
    outcomes = evaluate_youth(values)
    assert [o.preliminary for o in outcomes] == [True, False, False]
    assert "(preliminära siffror)" in outcomes[0].explanation


# "Antalet människor som känner sig otrygga ska minska": the latest figure during the
# agreement against the last one before it.
UNSAFE = Indicator(code="tm-otrygghet", short_name="Otrygga ute sent en kväll", unit=Unit.PERCENT)


def over_period_target():
    return Target(indicator=UNSAFE, rule=Rule.DECREASE_OVER_PERIOD, first_year=2019, last_year=2022)


@pytest.mark.parametrize(
    ("figures", "report_year", "status", "compared"),
    [
        ({2017: "30", 2018: "26", 2019: "27", 2021: "25"}, 2021, Status.MET, ("25", "26")),
        ({2018: "26", 2019: "24", 2021: "26"}, 2021, Status.NOT_MET, ("26", "26")),
        ({2018: "26", 2019: "24", 2021: "28"}, 2020, Status.MET, ("24", "26")),
        ({2018: "26", 2019: "27", 2020: "25"}, 2022, Status.MET, ("25", "26")),
    ],
)
def test_decrease_over_the_period(figures, report_year, status, compared):
    values = [value(year(y), n) for y, n in figures.items()]
    outcome = only(evaluate(over_period_target(), values, report_year))
    assert outcome.status == status
    assert (outcome.value, outcome.reference) == tuple(Decimal(n) for n in compared)


def test_decrease_over_the_period_explained():
    values = [value(year(2018), "26.1"), value(year(2021), "24.2")]
    outcome = only(evaluate(over_period_target(), values, 2021))
    assert outcome.explanation == (
        "Otrygga ute sent en kväll 2021: 24,2 % år 2021 jämfört med 26,1 % år 2018, "
        "målet var en minskning – uppnått"
    )


def test_decrease_over_the_period_needs_a_figure_before_it():
    outcome = only(evaluate(over_period_target(), [value(year(2020), "20")], 2021))
    assert outcome.status == Status.NOT_MEASURABLE
    assert "ingen mätning före 2019 att jämföra med" in outcome.explanation


def test_decrease_over_the_period_needs_a_figure_during_it():
    outcome = only(evaluate(over_period_target(), [value(year(2018), "20")], 2021))
    assert outcome.status == Status.NOT_MEASURABLE
    assert "ingen mätning mellan 2019 och 2021" in outcome.explanation


def test_decrease_over_the_period_waits_for_the_year_to_end():
    values = [value(year(2018), "26"), value(year(2022), "20")]
    outcome = only(evaluate(over_period_target(), values, 2022, today=date(2022, 11, 1)))
    assert outcome.status == Status.PENDING


ON_THE_LAST_DAY, ON_NEW_YEARS_DAY = date(2022, 12, 31), date(2023, 1, 1)
YEAR_ENDS = {
    "a figure of the year": (
        lambda: threshold_target(BURGLARIES, Rule.AT_MOST, "100"),
        [value(year(2022), "90")],
        Status.MET,
    ),
    "no measurement of the year": (
        lambda: threshold_target(BURGLARIES, Rule.AT_MOST, "100"),
        [],
        Status.NOT_MEASURABLE,
    ),
    "the agreement's period": (
        over_period_target,
        [value(year(2018), "26"), value(year(2022), "20")],
        Status.MET,
    ),
}


@pytest.mark.parametrize(("target", "values", "judged"), YEAR_ENDS.values(), ids=YEAR_ENDS)
def test_a_year_is_over_on_new_years_day_not_on_new_years_eve(target, values, judged):
    on_the_last_day = only(evaluate(target(), values, 2022, today=ON_THE_LAST_DAY))
    assert on_the_last_day.status == Status.PENDING
    assert "2022 är inte slut än" in on_the_last_day.explanation
    assert only(evaluate(target(), values, 2022, today=ON_NEW_YEARS_DAY)).status == judged


@pytest.mark.parametrize(
    ("statuses", "goal"),
    [
        ([Status.MET, Status.MET], Status.MET),
        ([Status.MET, Status.NOT_MET, Status.PENDING], Status.NOT_MET),
        ([Status.MET, Status.NOT_MEASURABLE, Status.PENDING], Status.NOT_MEASURABLE),
        # A target missed is worse news than one that cannot be measured, in either order.
        ([Status.NOT_MEASURABLE, Status.NOT_MET], Status.NOT_MET),
        ([Status.NOT_MET, Status.NOT_MEASURABLE, Status.MET], Status.NOT_MET),
        ([Status.MET, Status.PENDING], Status.PENDING),
        ([], Status.NOT_MEASURABLE),
    ],
)
def test_a_goal_is_met_only_if_every_target_is(statuses, goal):
    assert roll_up(statuses) == goal
