"""The seed agreement's goals, evaluated on the demo data by the command and the endpoint."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import EffectGoal
from indicators import demo as indicators_demo
from indicators.evaluation import Status, evaluate_goals
from indicators.models import Group, Indicator, Period, Rule, Target, Value

URL = "/rapporter/trelleborg-2019-2022/{year}/mal.json"
EXPECTED = {
    2021: {
        "Trafiken i trygghetsmätningen": Status.NOT_MET,  # speeding 2.35; rule-breaking exactly 2
        "Tobaksbruk bland unga": Status.MET,
        "Alkoholkonsumtion bland unga": Status.NOT_MET,  # gymnasiet år 2 went up
        "Narkotika bland unga": Status.MET,
        "Bostadsinbrott": Status.NOT_MET,  # exactly 100
        "Skadegörelsebrott": Status.MET,
        "Otrygghet": Status.NOT_MET,
    },
    2020: {
        "Trafiken i trygghetsmätningen": Status.MET,
        "Tobaksbruk bland unga": Status.MET,
        "Alkoholkonsumtion bland unga": Status.NOT_MET,
        "Narkotika bland unga": Status.MET,
        "Bostadsinbrott": Status.MET,
        "Skadegörelsebrott": Status.NOT_MET,
        "Otrygghet": Status.NOT_MEASURABLE,  # no youth survey wave during 2019–2020
    },
}


def command_output(*args):
    out = StringIO()
    call_command("evaluate_goals", "--agreement", "trelleborg-2019-2022", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_demo_data_gives_the_statuses_the_agreement_implies(demo_values, year):
    results = evaluate_goals(demo_values, year)
    assert {r.goal.short_title: r.status for r in results} == EXPECTED[year]


def test_command_json_is_the_endpoint_json(demo_values, reader_client):
    printed = json.loads(command_output("--year", "2021", "--format", "json"))
    response = reader_client.get(URL.format(year=2021))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == printed


def test_json_shape_names_figures_rule_and_substitution(demo_values, police_client):
    report = police_client.get(URL.format(year=2021)).json()
    assert (report["agreement"], report["year"]) == ("trelleborg-2019-2022", 2021)
    goals = {goal["title"]: goal for goal in report["goals"]}
    burglary = goals["Bostadsinbrott"]
    assert burglary["status"] == "not_met"
    assert burglary["targets"] == [
        {
            "indicator": "brott-bostadsinbrott",
            "group": "alla",
            "period": "2021",
            "value": 100,
            "reference": 100,
            "rule": "below",
            "status": "not_met",
            "explanation": "Bostadsinbrott 2021: 100, målet var färre än 100 – ej uppnått",
            "year": 2021,
            "reference_period": None,
            "preliminary": False,
            "substitution": None,
        }
    ]
    tobacco = goals["Tobaksbruk bland unga"]["targets"]
    assert [t["group"] for t in tobacco] == ["ak6", "ak9", "gy2"]
    assert {(t["year"], t["period"], t["reference_period"]) for t in tobacco} == {
        (2020, "2021", "2016")
    }
    assert all("Våg 2021" in t["substitution"] for t in tobacco)


def test_preliminary_figures_are_flagged_in_the_json(demo_values, security_client):
    goals = security_client.get(URL.format(year=2022)).json()["goals"]
    burglary = next(g for g in goals if g["title"] == "Bostadsinbrott")["targets"][0]
    assert (burglary["value"], burglary["status"], burglary["preliminary"]) == (95, "met", True)
    assert "(preliminära siffror)" in burglary["explanation"]


def test_table_is_readable_swedish(demo_values):
    table = command_output("--year", "2021")
    assert "Bostadsinbrott – Ej uppnått" in table
    assert "Bostadsinbrott 2021: 100, målet var färre än 100 – ej uppnått" in table
    assert "Indikator" in table and "Status" in table
    assert "Våg 2021 (fältarbete 18 januari–21 februari 2021) står för 2020" in table


def test_command_refuses_unknown_agreement_and_years_outside_it(seed_agreement):
    with pytest.raises(CommandError, match="Det finns ingen överenskommelse"):
        call_command("evaluate_goals", "--agreement", "finns-inte", "--year", "2021")
    with pytest.raises(CommandError, match="2030 ligger utanför"):
        command_output("--year", "2030")


def test_endpoint_404s_for_unknown_agreement_or_year(reader_client, seed_agreement):
    assert reader_client.get("/rapporter/finns-inte/2021/mal.json").status_code == 404
    assert reader_client.get(URL.format(year=2030)).status_code == 404


def test_user_without_role_is_refused(client, make_user, seed_agreement):
    client.force_login(make_user("utan-roll"))
    assert client.get(URL.format(year=2021)).status_code == 403


def add_many_values(agreement):
    """Forty more years of every indicator: the evaluation must not query more for them."""
    groups = list(Group.objects.all())
    home = agreement.municipality
    for indicator in Indicator.objects.prefetch_related("groups"):
        for year in range(1970, 2010):
            period, _ = Period.objects.get_or_create(
                source=indicator.source, label=f"extra-{year}", defaults={"year": year}
            )
            Value.objects.bulk_create(
                Value(indicator=indicator, municipality=home, period=period, group=group, value=1)
                for group in groups
                if group in indicator.groups.all()
            )


def test_evaluating_all_goals_takes_a_fixed_number_of_queries(demo_values):
    with CaptureQueriesContext(connection) as few:
        evaluate_goals(demo_values, 2021)
    add_many_values(demo_values)
    assert Value.objects.count() > 700
    with CaptureQueriesContext(connection) as many:
        evaluate_goals(demo_values, 2021)
    assert len(many) == len(few) == 6  # five for the figures, one for the writers' assessments


def test_endpoint_query_count_does_not_grow(demo_values, reader_client):
    with CaptureQueriesContext(connection) as few:
        reader_client.get(URL.format(year=2021))
    add_many_values(demo_values)
    with CaptureQueriesContext(connection) as many:
        reader_client.get(URL.format(year=2021))
    assert len(many) == len(few)


def test_fixture_carries_the_indicator_codes(seed_agreement):
    codes = {
        code: sorted(Group.objects.filter(indicators__code=code).values_list("code", flat=True))
        for code in Indicator.objects.values_list("code", flat=True)
    }
    grades = ["ak6", "ak9", "gy2"]
    assert codes == {
        "tm-fortkorning": ["alla"],
        "tm-buskorning": ["alla"],
        "tm-trafikregler": ["alla"],
        "tm-otrygghet": ["alla"],
        "fhe-tobak": grades,
        "fhe-alkohol": grades,
        "fhe-narkotika": ["ak9", "gy2"],
        "fhe-otrygghet": grades,
        "brott-bostadsinbrott": ["alla"],
        "brott-skadegorelse": ["alla"],
    }


def targets_of(title):
    goal = EffectGoal.objects.get(short_title=title)
    return list(goal.targets.select_related("indicator").prefetch_related("groups"))


def test_fixture_reads_the_traffic_goal_as_three_indexes_of_at_most_two(seed_agreement):
    targets = targets_of("Trafiken i trygghetsmätningen")
    assert [t.indicator.code for t in targets] == [
        "tm-fortkorning",
        "tm-buskorning",
        "tm-trafikregler",
    ]
    assert {(t.rule, t.threshold, t.round_to_whole) for t in targets} == {(Rule.AT_MOST, 2, False)}
    assert {(t.first_year, t.last_year) for t in targets} == {(2019, 2022)}


@pytest.mark.parametrize(
    ("title", "code", "groups"),
    [
        ("Tobaksbruk bland unga", "fhe-tobak", ["ak6", "ak9", "gy2"]),
        ("Alkoholkonsumtion bland unga", "fhe-alkohol", ["ak6", "ak9", "gy2"]),
        ("Narkotika bland unga", "fhe-narkotika", ["ak9", "gy2"]),
    ],
)
def test_fixture_reads_the_youth_goals_with_the_2021_wave_for_2020(
    seed_agreement, title, code, groups
):
    (target,) = targets_of(title)
    assert target.indicator.code == code
    assert [g.code for g in target.groups.all()] == groups
    assert target.rule == Rule.DECREASE_FROM_BASELINE
    assert (target.first_year, target.last_year) == (2020, 2020)
    assert (target.baseline_period.label, target.baseline_period.kind) == ("2016", "wave")
    wave = target.substitute_period
    assert (target.substitute_year, wave.label, wave.kind) == (2020, "2021", "wave")
    assert (str(wave.fieldwork_start), str(wave.fieldwork_end)) == ("2021-01-18", "2021-02-21")
    assert "pandemin" in target.substitution_reason
    assert "genomför Folkhälsoenkät Barn och Unga år 2020" in target.condition


@pytest.mark.parametrize(
    ("title", "code", "limit"),
    [
        ("Bostadsinbrott", "brott-bostadsinbrott", 100),
        ("Skadegörelsebrott", "brott-skadegorelse", 200),
    ],
)
def test_fixture_reads_crime_goals_as_below_a_limit_every_year(seed_agreement, title, code, limit):
    (target,) = targets_of(title)
    assert (target.indicator.code, target.rule, target.threshold) == (code, Rule.BELOW, limit)
    assert (target.first_year, target.last_year) == (2019, 2022)


def test_fixture_reads_unsafety_as_a_decrease_on_both_surveys(seed_agreement):
    targets = targets_of("Otrygghet")
    assert [(t.indicator.code, t.rule) for t in targets] == [
        ("tm-otrygghet", Rule.DECREASE_OVER_PERIOD),
        ("fhe-otrygghet", Rule.DECREASE_OVER_PERIOD),
    ]
    assert [g.code for g in targets[1].groups.all()] == ["ak6", "ak9", "gy2"]


def test_fixture_targets_pass_model_validation(seed_agreement):
    for target in Target.objects.all():
        target.full_clean()


def test_demo_is_idempotent_and_marked(demo_values):
    count = Value.objects.count()
    indicators_demo.create(demo_values)
    assert Value.objects.count() == count
    demo = Value.objects.filter(is_demo=True)
    assert demo.count() == count - len(indicators_demo.POLICE_AREA_TOTALS)
    real = Value.objects.filter(is_demo=False).select_related("indicator")
    assert {v.indicator.code for v in real} == {"tm-totalindex-lpo"}
    assert all("Polisen" in v.note for v in real)
