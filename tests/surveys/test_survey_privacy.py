"""Answers are about places, and who gave them is for säkerhetsenheten only: every survey page
per role, and Thursday's view shows no respondent's name or e-mail to anyone."""

import pytest

from meetings.models import Level
from surveys.models import Respondent
from tests.surveys.week_data import (  # noqa: F401
    area,
    current_agreement,
    est,
    factor,
    make_respondents,
    make_round,
    respond,
)

pytestmark = pytest.mark.usefixtures("est")

INDEX, WEEK, RESPONSES = "/enkat/", "/enkat/2022/vecka/10/", "/enkat/2022/vecka/10/svar/"
# What each role gets from each staff page of the survey (the answering page is public).
EXPECTED = {
    "security_client": {INDEX: 200, WEEK: 200, RESPONSES: 200},
    "police_client": {INDEX: 200, WEEK: 200, RESPONSES: 403},
    "reader_client": {INDEX: 403, WEEK: 403, RESPONSES: 403},
}
CASES = [(role, url, status) for role, urls in EXPECTED.items() for url, status in urls.items()]


@pytest.fixture
def week_ten(seed_agreement):
    survey_round = make_round(seed_agreement, 2022, 10)
    cell = (area("Hamnen"), factor("Skadegörelse"))
    for person in make_respondents(4, "Svarande"):
        respond(survey_round, person, {cell: Level.LOW}, {cell[0]: "Lugnt vid färjeläget"})
    return survey_round


@pytest.mark.parametrize(("role", "url", "status"), CASES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_each_role_gets_what_it_may_see(request, week_ten, role, url, status, method):
    client = request.getfixturevalue(role)
    response = getattr(client, method)(url)
    assert response.status_code == status
    if status == 403:
        assert "Svarande 1" not in response.text


@pytest.mark.parametrize("url", [INDEX, WEEK, RESPONSES])
def test_anonymous_users_are_sent_to_log_in(client, week_ten, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/logga-in/")


def test_a_reader_is_refused_even_a_week_without_a_round(reader_client, week_ten):
    assert reader_client.get("/enkat/2022/vecka/11/").status_code == 403
    assert reader_client.get("/enkat/2022/vecka/11/svar/").status_code == 403


@pytest.mark.parametrize("role", ["security_client", "police_client"])
def test_thursdays_view_names_no_respondent(request, week_ten, role):
    page = request.getfixturevalue(role).get(WEEK).text
    assert "Lugnt vid färjeläget" in page  # the observations are there, without their authors
    for person in Respondent.objects.all():
        assert person.name not in page
        assert person.email not in page
        assert person.unit not in page


@pytest.mark.parametrize("role", ["security_client", "police_client"])
def test_the_list_of_rounds_names_no_respondent(request, current_agreement, role):  # noqa: F811
    survey_round = make_round(current_agreement, current_agreement.start_year, 10)
    for person in make_respondents(3, "Svarande"):
        respond(survey_round, person, {(area("Hamnen"), factor("Klotter")): Level.HIGH})
    page = request.getfixturevalue(role).get(INDEX).text
    assert "100 % (3 av 3 svarade)" in page
    assert "Svarande" not in page


def test_the_security_unit_sees_who_answered_what(security_client, week_ten):
    page = security_client.get(RESPONSES).text
    for person in Respondent.objects.all():
        assert person.name in page
