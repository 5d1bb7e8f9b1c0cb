"""Each municipality runs its own weekly survey on the shared timetable: its rounds ask its own
respondents, its meetings' summaries go to its own list, and its security unit keeps its own
register in the admin."""

import pytest
from django.core import mail

from agreements.models import Agreement
from meetings.models import DistributionRecipient, Meeting
from surveys.models import Delivery, Invitation, Respondent, Round
from surveys.schedule import run_due
from tests.places import svedala, trelleborg
from tests.surveys.roundmaking import WEEK, YEAR, areas, at, respondent


@pytest.fixture
def two_surveys(svedala_agreement):
    """Trelleborg's agreement and Svedala's of the same years, each with respondents."""
    trelleborgs = Agreement.objects.get(slug="trelleborg-2019-2022")
    [centrum] = areas("Centrum")
    respondent("Anna Fält", centrum)
    respondent("Bo Park", centrum)
    respondent("Sven Svedala", centrum, municipality=svedala())
    return trelleborgs, svedala_agreement


def tick(django_capture_on_commit_callbacks, now):
    with django_capture_on_commit_callbacks(execute=True):
        return run_due(now)


def test_each_municipality_asks_its_own_respondents(
    two_surveys, django_capture_on_commit_callbacks
):
    trelleborgs, svedalas = two_surveys
    done = tick(django_capture_on_commit_callbacks, at(2, 8))
    assert len(done) == 2
    rounds = {r.agreement: r for r in Round.objects.filter(year=YEAR, week=WEEK)}
    assert (rounds[trelleborgs].invited_count, rounds[svedalas].invited_count) == (2, 1)
    asked = Invitation.objects.filter(round=rounds[svedalas]).values_list("respondent__name")
    assert list(asked) == [("Sven Svedala",)]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna@trelleborg.se", "bo@trelleborg.se", "sven@trelleborg.se",
    ]  # fmt: skip


def test_a_municipality_without_respondents_has_no_round(
    two_surveys, django_capture_on_commit_callbacks
):
    Respondent.objects.filter(municipality=svedala()).update(is_active=False)
    tick(django_capture_on_commit_callbacks, at(2, 8))
    assert list(Round.objects.values_list("agreement__slug", flat=True)) == ["trelleborg-2019-2022"]


def test_a_summary_goes_to_its_municipalitys_list_only(
    two_surveys, django_capture_on_commit_callbacks
):
    trelleborgs, svedalas = two_surveys
    DistributionRecipient.objects.create(municipality=svedala(), name="S", email="s@example.org")
    ours = Meeting.objects.get(agreement=svedalas, year=YEAR, week=WEEK)  # the fixture's
    theirs = Meeting.objects.get(agreement=trelleborgs, year=YEAR, week=WEEK)  # the demo's
    tick(django_capture_on_commit_callbacks, at(5, 7))
    sent = Delivery.objects.filter(kind=Delivery.Kind.SUMMARY)
    assert list(sent.filter(meeting=ours).values_list("to", flat=True)) == ["s@example.org"]
    to_theirs = set(sent.filter(meeting=theirs).values_list("to", flat=True))
    assert to_theirs and "s@example.org" not in to_theirs


def test_the_register_and_the_list_are_each_municipalitys_own_in_the_admin(
    svedala_security, two_surveys
):
    page = svedala_security.get("/admin/surveys/respondent/").text
    assert "Sven Svedala" in page and "Anna Fält" not in page
    theirs = Respondent.objects.get(name="Anna Fält")
    response = svedala_security.get(f"/admin/surveys/respondent/{theirs.pk}/change/")
    assert response.status_code in (302, 403, 404)
    form = svedala_security.get("/admin/surveys/respondent/add/").text
    choices = form.split('name="municipality"')[1].split("</select>")[0]
    assert "Svedala kommun" in choices and "Trelleborgs kommun" not in choices
    DistributionRecipient.objects.create(municipality=trelleborg(), name="T", email="t@example.org")
    listed = svedala_security.get("/admin/meetings/distributionrecipient/").text
    assert "t@example.org" not in listed


def test_an_address_is_unique_within_a_municipality_only(svedala_security, two_surveys):
    """Svedala's säkerhetsenhet adds a person Trelleborg asks too, and learns nothing of it."""
    [centrum] = areas("Centrum")
    form = {"name": "Anna Fält", "email": "anna@trelleborg.se", "unit": "", "is_active": "on"}
    form |= {"municipality": svedala().pk, "areas": [centrum.pk]}
    response = svedala_security.post("/admin/surveys/respondent/add/", form)
    assert response.status_code == 302
    assert Respondent.objects.filter(email="anna@trelleborg.se").count() == 2
    again = svedala_security.post("/admin/surveys/respondent/add/", form)
    assert "Kommunen har redan en svarande med den här e-postadressen." in again.text
