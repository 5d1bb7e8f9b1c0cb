"""Goals assessed in words: the model's rules, and the evaluation that carries them."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from agreements.models import EffectGoal
from indicators.evaluation import Status, evaluate_goals
from indicators.models import AssessedStatus, GoalAssessment
from tests.assessing import assess, worded_goal

URL = "/rapporter/trelleborg-2019-2022/2021/mal.json"


def messages_of(assessment):
    with pytest.raises(ValidationError) as caught:
        assessment.full_clean()
    return caught.value.message_dict


def test_a_year_outside_the_agreement_is_refused(seed_agreement):
    goal = worded_goal(seed_agreement)
    assessment = GoalAssessment(goal=goal, year=2023, status="met", justification="Bra år.")
    assert messages_of(assessment)["year"] == [
        "2023 ligger utanför överenskommelsens period 2019–2022."
    ]


@pytest.mark.parametrize("justification", ["", "   "])
def test_an_assessment_needs_a_justification(seed_agreement, justification):
    goal = worded_goal(seed_agreement)
    assessment = GoalAssessment(goal=goal, year=2021, status="met", justification=justification)
    assert messages_of(assessment)["justification"] == ["Skriv varför målet bedöms så."]


def test_one_assessment_per_goal_and_year(seed_agreement):
    goal = worded_goal(seed_agreement)
    assess(goal)
    again = GoalAssessment(goal=goal, year=2021, status="not_met", justification="Nej.")
    assert messages_of(again)["__all__"] == ["Målet är redan bedömt för det året."]
    GoalAssessment(goal=goal, year=2022, status="met", justification="Ja.").full_clean()


def test_no_personal_number_in_a_justification(seed_agreement):
    goal = worded_goal(seed_agreement)
    assessment = GoalAssessment(
        goal=goal, year=2021, status="met", justification="Gäller 121212-1212."
    )
    assert "offentliga rapporten" in messages_of(assessment)["justification"][0]


def test_assessed_statuses_are_the_evaluations_and_partly_met():
    assert set(AssessedStatus.values) - set(Status.values) == {"partly_met"}
    assert Status.PENDING not in AssessedStatus.values  # an assessment is made, not awaited


def test_every_assessment_change_is_kept(seed_agreement):
    assessment = assess(worded_goal(seed_agreement))
    assessment.status = "partly_met"
    assessment.save()
    assert [h.status for h in assessment.history.order_by("history_date")] == [
        "met",
        "partly_met",
    ]


def test_evaluation_carries_the_assessment_beside_the_computed_status(demo_values):
    goal = worded_goal(demo_values)
    burglary = EffectGoal.objects.get(agreement=demo_values, short_title="Bostadsinbrott")
    assess(goal)
    assess(burglary, status="partly_met", justification="Nästan under 100.")
    results = {r.goal.short_title: r for r in evaluate_goals(demo_values, 2021)}
    assert results["Inga öppna drogscener"].assessment.status == "met"
    assert results["Bostadsinbrott"].status == Status.NOT_MET  # computed, unchanged
    assert results["Bostadsinbrott"].assessment.status == "partly_met"
    assert results["Skadegörelsebrott"].assessment is None
    assert not any(r.assessment for r in evaluate_goals(demo_values, 2020))


def test_command_and_mal_json_carry_the_assessment(demo_values, reader_client):
    goal = worded_goal(demo_values)
    burglary = EffectGoal.objects.get(agreement=demo_values, short_title="Bostadsinbrott")
    assess(goal)
    assess(burglary, status="partly_met", justification="Nästan under 100.")
    out = StringIO()
    args = ["--agreement", "trelleborg-2019-2022", "--year", "2021", "--format", "json"]
    call_command("evaluate_goals", *args, stdout=out)
    printed = json.loads(out.getvalue())
    assert reader_client.get(URL).json() == printed
    goals = {g["title"]: g for g in printed["goals"]}
    assert goals["Inga öppna drogscener"]["assessment"] == {
        "status": "met",
        "status_label": "Uppnått",
        "justification": "Inga drogscener har setts.",
        "assessed_by": "Säkerhetsenheten",
        "assessed_on": "2021-11-30",
    }
    both = goals["Bostadsinbrott"]
    assert both["status"] == "not_met" and both["targets"]
    assert both["assessment"]["status"] == "partly_met"
    assert goals["Skadegörelsebrott"]["assessment"] is None


def test_command_table_shows_the_assessment(demo_values):
    assess(worded_goal(demo_values), justification="Inga scener.")
    out = StringIO()
    call_command(
        "evaluate_goals", "--agreement", "trelleborg-2019-2022", "--year", "2021", stdout=out
    )
    assert "Bedömning: Uppnått – Inga scener. (Säkerhetsenheten, 2021-11-30)" in out.getvalue()
