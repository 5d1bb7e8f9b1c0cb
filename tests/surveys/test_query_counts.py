"""Thursday's view and the answer page ask the database as often with three respondents over
five weeks as with three times that: the benchmark's synthetic survey at two small sizes."""

import random

import pytest
from django.urls import NoReverseMatch, reverse

from maintenance import synthetic
from surveys import links
from surveys.models import Respondent, Round

SIZES = [(3, 5), (9, 15)]  # respondents, weeks
ANSWER_PAGE_QUERIES = 5  # the invitation, its areas, the factors, answers, observations
WEEK_VIEW_QUERIES = 12  # session, user and roles included


@pytest.fixture
def make_survey(db):
    agreements = [synthetic.make_agreement(2, 2015), synthetic.make_agreement(3, 2019)]
    areas, factors = synthetic.make_dimensions()

    def make(respondents, weeks):
        Round.objects.all().delete()
        Respondent.objects.all().delete()
        rng = random.Random(12)
        synthetic.make_survey(agreements, areas[:8], factors, respondents, weeks, rng)
        return synthetic.survey_pages()

    return make


def test_the_answer_page_asks_as_often_however_many_answers(
    make_survey, client, django_assert_max_num_queries
):
    counts = []
    for respondents, weeks in SIZES:
        _closed, invitation = make_survey(respondents, weeks)
        with django_assert_max_num_queries(ANSWER_PAGE_QUERIES) as queries:
            response = client.get(reverse("surveys:answer", args=[links.token(invitation)]))
        assert response.status_code == 200
        assert "Syntetiskt område 8" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]


def week_url(round_):
    try:
        return reverse("surveys:week", args=[round_.year, round_.week])
    except NoReverseMatch:
        pytest.skip("Thursday's view (surveys:week) is not on this branch yet")


@pytest.mark.parametrize("user_client", ["security_client", "police_client"])
def test_thursdays_view_asks_as_often_however_many_rounds_and_answers(
    make_survey, user_client, request, django_assert_max_num_queries
):
    client = request.getfixturevalue(user_client)
    counts = []
    for respondents, weeks in SIZES:
        closed, _invitation = make_survey(respondents, weeks)
        url = week_url(closed)
        client.get(url)  # the session and the user's roles, cached after the first request
        with django_assert_max_num_queries(WEEK_VIEW_QUERIES) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert "Syntetiskt område 8" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]
