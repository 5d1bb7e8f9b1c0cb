"""The writers' page for assessing goals in words, and the report that shows the assessments."""

import pytest

from agreements.models import EffectGoal
from indicators.models import GoalAssessment
from reports.models import AnnualReport
from tests.assessing import assess, worded_goal

REPORT = "/rapporter/trelleborg-2019-2022/2021/"
PAGE = REPORT + "bedomningar/"
PRESENT = {"presented_on": "2022-04-05", "presented_to": "KS", "case_number": "KS 2022/77"}


@pytest.fixture
def goal(demo_agreement):
    return worded_goal(demo_agreement)


@pytest.fixture
def burglary(demo_agreement):
    return EffectGoal.objects.get(agreement=demo_agreement, short_title="Bostadsinbrott")


def opened(client):
    """The page's forms as a browser would post them back unchanged."""
    data = {}
    for _result, form in client.get(PAGE).context["rows"]:
        for name in form.fields:
            value = form.initial.get(name)
            data[form.add_prefix(name)] = "" if value is None else value
    return data


def changed(data, goal, **fields):
    return {**data, **{f"goal-{goal.pk}-{name}": value for name, value in fields.items()}}


@pytest.mark.parametrize(
    ("role", "signs_as"),
    [("security_client", "Säkerhetsenheten"), ("police_client", "Kommunpolis")],
)
def test_writers_assess_a_goal_and_sign_with_their_role(request, goal, role, signs_as):
    client = request.getfixturevalue(role)
    data = changed(opened(client), goal, status="met", justification="Inga scener setts.")
    response = client.post(PAGE, data)
    assert response.status_code == 302 and response.url == REPORT
    assessment = GoalAssessment.objects.get(goal=goal, year=2021)
    assert (assessment.status, assessment.justification) == ("met", "Inga scener setts.")
    assert assessment.assessed_as == signs_as
    assert assessment.history.get().history_user.username in ("sakerhet", "kommunpolis")


def test_readers_may_neither_open_nor_post(reader_client, goal):
    assert reader_client.get(PAGE).status_code == 403
    assert reader_client.post(PAGE, {f"goal-{goal.pk}-status": "met"}).status_code == 403
    assert not GoalAssessment.objects.exists()


def test_a_status_without_justification_is_refused_by_name(security_client, goal, burglary):
    data = changed(opened(security_client), goal, status="not_met", justification=" ")
    data = changed(data, burglary, status="met", justification="Bra.")
    response = security_client.post(PAGE, data)
    assert response.status_code == 200
    assert "Skriv varför målet bedöms så." in response.text
    assert not GoalAssessment.objects.exists()  # nor the other goal's: nothing half-saved


def test_a_page_opened_before_another_writers_save_is_refused(
    security_client, police_client, goal, burglary
):
    stale = opened(police_client)
    first = changed(opened(security_client), goal, status="met", justification="Säkerhetens.")
    assert security_client.post(PAGE, first).status_code == 302
    late = changed(stale, goal, status="not_met", justification="Polisens.")
    late = changed(late, burglary, status="met", justification="Polisens andra.")
    response = police_client.post(PAGE, late)
    assert response.status_code == 200
    assert "Någon annan sparade en bedömning medan du skrev" in response.text
    assert "Polisens." in response.text and "Säkerhetens." in response.text
    assert GoalAssessment.objects.get().justification == "Säkerhetens."
    # The refused page now carries the saved revision: saving again overwrites knowingly.
    again = {key: response.context["rows"][0][1].data[key] for key in late}
    assert police_client.post(PAGE, again).status_code == 302
    assert GoalAssessment.objects.get(goal=goal).justification == "Polisens."


def test_emptying_an_assessment_removes_it(security_client, goal):
    assess(goal)
    data = changed(opened(security_client), goal, status="", justification="")
    assert security_client.post(PAGE, data).status_code == 302
    assert not GoalAssessment.objects.exists()


def test_report_shows_an_assessment_as_an_assessment(security_client, goal, burglary):
    assess(goal)
    assess(burglary, status="partly_met", justification="Nästan under 100.")
    text = security_client.get(REPORT).text
    assert (
        "Bedömning: uppnått</span> – Inga drogscener har setts. (Säkerhetsenheten, 2021-11-30)"
        in text
    )
    section = text[text.index(">Bostadsinbrott</h2>") :]
    section = section[: section.index("</section>")]
    assert "Ej uppnått" in section  # computed from the figures
    assert "Bedömning: delvis uppnått</span> – Nästan under 100." in section
    worded = text[text.index(">Inga öppna drogscener</h2>") :]
    assert "Kan inte mätas" not in worded[: worded.index("</section>")]  # no figures, no computed


def test_report_and_edit_page_link_to_the_page(security_client, police_client, demo_agreement):
    assert f'href="{PAGE}"' in security_client.get(REPORT).text
    assert f'href="{PAGE}"' in police_client.get(REPORT + "redigera/").text


def test_presented_report_keeps_what_was_assessed_when_presented(
    security_client, goal, burglary, fake_pdf
):
    assess(goal, justification="Före presentationen.")
    assert security_client.post(REPORT + "presentera/", PRESENT).status_code == 302
    GoalAssessment.objects.filter(goal=goal).update(justification="Efter presentationen.")
    assess(burglary, justification="Också efter.")
    text = security_client.get(REPORT).text
    pdf_html = fake_pdf[-1]
    goals = {g["title"]: g for g in security_client.get(REPORT + "mal.json").json()["goals"]}
    for shown in (text, pdf_html):
        assert "Före presentationen." in shown
        assert "Efter presentationen." not in shown and "Också efter." not in shown
    assert goals["Inga öppna drogscener"]["assessment"]["justification"] == "Före presentationen."
    assert goals["Bostadsinbrott"]["assessment"] is None
    assert "Bostadsinbrott: bedömning" in text  # the live data has changed since: listed
    assert AnnualReport.objects.get().is_presented
    assert "behåller bedömningarna den presenterades med" in security_client.get(PAGE).text
