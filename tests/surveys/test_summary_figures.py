"""Friday's summary, on its page and by e-mail, carries the week's survey beside the agreed
picture: the response rate, and per area the cells the survey rated above none."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from meetings.models import DistributionRecipient, Level
from surveys.models import CellTally, Round
from tests.meetings.conftest import est, make_meeting  # noqa: F401
from tests.places import trelleborg
from tests.surveys.test_meeting_prefill import survey_round

N, L, E, H = Level.NONE, Level.LOW, Level.ELEVATED, Level.HIGH


@pytest.fixture
def week_eleven(seed_agreement, make_meeting):  # noqa: F811
    return make_meeting(
        seed_agreement,
        2021,
        11,
        levels={("Hamnen", "Skadegörelse"): H, ("Anderslöv", "Buskörning"): L},
    )


@pytest.fixture
def survey(week_eleven):
    return survey_round(
        week_eleven.agreement,
        2021,
        11,
        {
            ("Hamnen", "Skadegörelse"): [L, L, H],
            ("Smygehamn", "Nedskräpning"): [E, E, N, None],
            ("Anderslöv", "Buskörning"): [H, H],  # too few to say anything
            ("Hamnen", "Klotter"): [N, N, L],  # typically none
        },
        invited=8,
    )


def summary_page(client, meeting):
    return client.get(reverse("meetings:summary", args=[meeting.pk])).text


def survey_rows(html):
    """(area, factor, typical, highest, answers, agreed) per row of the survey's table."""
    table = html[html.index('id="summary-survey-caption"') :].split("</table>")[0]
    rows = re.findall(r"<tr>\s*(.*?)\s*</tr>", table, re.S)[1:]
    return [
        tuple(
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        )
        for row in rows
    ]


def test_the_summary_page_sets_the_survey_beside_the_agreed_picture(
    police_client, week_eleven, survey
):
    html = summary_page(police_client, week_eleven)
    assert "Veckans enkät" in html
    assert "4 av 8 inbjudna svarade (50 %)." in html
    assert survey_rows(html) == [
        ("Hamnen", "Skadegörelse", "Låg", "Hög", "3", "Hög"),
        ("Smygehamn", "Nedskräpning", "Förhöjd", "Förhöjd", "3", "Inget"),
    ]


def test_the_emailed_summary_carries_the_survey(
    police_client, week_eleven, survey, django_capture_on_commit_callbacks
):
    DistributionRecipient.objects.create(
        municipality=trelleborg(), name="Säkerhetsenheten", email="sak@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):  # the background task sends it
        police_client.post(reverse("meetings:summary_send", args=[week_eleven.pk]))
    (message,) = mail.outbox
    assert "Veckans enkät\n4 av 8 inbjudna svarade (50 %)." in message.body
    assert (
        "- Hamnen, Skadegörelse: typiskt Låg, högst Hög, 3 svar – överenskommen nivå Hög"
        in message.body
    )
    assert "- Smygehamn, Nedskräpning: typiskt Förhöjd, högst Förhöjd, 3 svar" in message.body
    assert "Anderslöv, Buskörning: typiskt" not in message.body


def test_a_survey_that_raised_nothing_says_so(police_client, week_eleven):
    survey_round(week_eleven.agreement, 2021, 11, {("Hamnen", "Klotter"): [N, N, N]})
    html = summary_page(police_client, week_eleven)
    assert "3 av 3 inbjudna svarade (100 %)." in html
    assert "Enkäten bedömde inget område och ingen faktor över nivån Inget" in html
    assert 'id="summary-survey-caption"' not in html


def test_a_week_without_a_round_says_so(
    police_client, week_eleven, django_capture_on_commit_callbacks
):
    DistributionRecipient.objects.create(
        municipality=trelleborg(), name="Säkerhetsenheten", email="sak@example.org"
    )
    assert "Ingen enkät har gjorts den här veckan." in summary_page(police_client, week_eleven)
    with django_capture_on_commit_callbacks(execute=True):
        police_client.post(reverse("meetings:summary_send", args=[week_eleven.pk]))
    assert "Veckans enkät\nIngen enkät har gjorts den här veckan." in mail.outbox[0].body


def test_a_purged_round_keeps_its_figures_in_the_summary(police_client, week_eleven, survey):
    Round.objects.filter(pk=survey.pk).update(
        purged_at=survey.closes_at, invited_count=8, answered_count=4
    )
    cell = week_eleven.entries.get(area__name="Hamnen", factor__name="Skadegörelse")
    CellTally.objects.create(round=survey, area=cell.area, factor=cell.factor, low=2, high=1)
    survey.invitations.all().delete()  # who answered what is gone
    html = summary_page(police_client, week_eleven)
    assert "4 av 8 inbjudna svarade (50 %)." in html
    assert survey_rows(html) == [("Hamnen", "Skadegörelse", "Låg", "Hög", "3", "Hög")]
