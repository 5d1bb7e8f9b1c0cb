"""The meeting pages: who may see them, the year's list, weeks without a meeting, the summary."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Action, DistributionRecipient, Level, Meeting, WeekWithoutMeeting
from tests.conftest import heading
from tests.places import trelleborg
from tests.test_url_walk import all_named_urls, sample_url

MEETING_URLS = [
    (name, pattern) for name, pattern in all_named_urls() if name.startswith("meetings:")
]


@pytest.fixture
def week_ten(seed_agreement, make_meeting):
    return make_meeting(
        seed_agreement, 2021, 10, levels={("Hamnen", "Skadegörelse"): Level.ELEVATED}
    )


def test_every_meeting_page_is_listed():
    assert len(MEETING_URLS) >= 9


@pytest.mark.parametrize(("name", "pattern"), MEETING_URLS, ids=lambda v: str(v))
@pytest.mark.parametrize("method", ["get", "post"])
def test_reader_is_refused_every_meeting_page(reader_client, week_ten, name, pattern, method):
    url = sample_url(pattern, name).replace("/1/", f"/{week_ten.pk}/")
    response = getattr(reader_client, method)(url)
    assert response.status_code == 403
    assert not mail.outbox


@pytest.mark.parametrize("client_fixture", ["police_client", "security_client"])
def test_staff_see_the_pages(request, week_ten, client_fixture):
    client = request.getfixturevalue(client_fixture)
    for url, title in (
        ("/moten/2021/", "Tryggare Trelleborg-möten 2021"),
        ("/moten/2021/siffror/", "Mötesstatistik 2021"),
        (week_ten.get_absolute_url(), "Möte vecka 10, 2021"),
        (f"/moten/mote/{week_ten.pk}/andra/", "Ändra möte vecka 10, 2021"),
        (
            f"/moten/mote/{week_ten.pk}/sammanfattning/",
            "Tryggare Trelleborg: sammanfattning av vecka 10, 2021",
        ),
        ("/moten/2021/vecka/11/nytt-mote/", "Nytt möte vecka 11, 2021"),
        ("/moten/2021/vecka/11/inget-mote/", "Vecka 11, 2021 utan möte"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert heading(response) == title, url


def test_nav_shows_meetings_to_staff_only(client, police_user, reader_user, seed_agreement):
    client.force_login(police_user)
    assert 'href="/moten/"' in client.get("/").text
    client.force_login(reader_user)
    assert 'href="/moten/"' not in client.get("/").text


def test_year_outside_every_agreement_is_404(police_client, seed_agreement):
    assert police_client.get("/moten/2031/").status_code == 404
    assert police_client.get("/moten/2021/vecka/54/nytt-mote/").status_code == 404


def test_year_list_shows_meetings_and_weeks_without(police_client, week_ten):
    WeekWithoutMeeting.objects.create(
        agreement=week_ten.agreement, year=2021, week=29, reason="holiday", comment="Sommar"
    )
    response = police_client.get("/moten/2021/")
    assert "torsdag 11 mars" in response.text
    assert "Inget möte: Semester – Sommar" in response.text
    assert "Inget möte loggat" in response.text  # e.g. week 11: nothing recorded
    assert response.text.count('<tr id="vecka-') == 52


def test_week_without_meeting_is_recorded_and_removed(police_client, seed_agreement, est):
    url = "/moten/2021/vecka/29/inget-mote/"
    response = police_client.post(url, {"reason": "holiday", "comment": "Semester för alla"})
    assert response.status_code == 302
    assert WeekWithoutMeeting.objects.get(week=29).reason == "holiday"
    # Logging a meeting in that week is sent back to the record first.
    assert police_client.get("/moten/2021/vecka/29/nytt-mote/").url == url
    police_client.post(url, {"delete": "1"})
    assert not WeekWithoutMeeting.objects.exists()


def test_week_without_meeting_refuses_a_personal_number(police_client, seed_agreement):
    response = police_client.post(
        "/moten/2021/vecka/29/inget-mote/", {"reason": "other", "comment": "Sjuk 121212-1212"}
    )
    assert response.status_code == 200
    assert "EST handlar om platser, inte personer" in response.text
    assert 'value="Sjuk 121212-1212"' in response.text
    assert not WeekWithoutMeeting.objects.exists()


def test_week_with_a_meeting_cannot_be_recorded_without(police_client, week_ten):
    response = police_client.post("/moten/2021/vecka/10/inget-mote/", {"reason": "holiday"})
    assert "Ett möte är redan loggat den här veckan." in response.text


def test_meeting_list_query_count_does_not_grow(police_client, seed_agreement, make_meeting):
    make_meeting(seed_agreement, 2021, 1)
    with CaptureQueriesContext(connection) as few:
        police_client.get("/moten/2021/")
    for week in range(2, 40):
        meeting = make_meeting(seed_agreement, 2021, week)
        Action.objects.create(meeting=meeting, what=f"Åtgärd {week}", responsible="polis")
    WeekWithoutMeeting.objects.create(
        agreement=seed_agreement, year=2021, week=45, reason="holiday"
    )
    with CaptureQueriesContext(connection) as many:
        response = police_client.get("/moten/2021/")
    assert "1 åtgärd" in response.text
    assert len(many) == len(few), [q["sql"] for q in many]


def test_summary_shows_the_picture_and_actions(police_client, week_ten, make_meeting):
    Action.objects.create(meeting=week_ten, what="Laga staketet", responsible="kommun")
    week_eleven = make_meeting(
        week_ten.agreement, 2021, 11, levels={("Hamnen", "Skadegörelse"): Level.HIGH}
    )
    Action.objects.create(
        meeting=week_eleven, what="Kameror vid terminalen", responsible="gemensam"
    )
    response = police_client.get(reverse("meetings:summary", args=[week_eleven.pk]))
    text = response.text
    assert "sammanfattning av vecka 11, 2021" in text
    assert "Hög" in text and "(upp från Förhöjd)" in text
    assert "Kameror vid terminalen" in text  # new
    assert "Laga staketet" in text  # still open from week 10
    assert "@media print" in police_client.get("/static/css/meetings.css").getvalue().decode()


def test_summary_is_emailed_to_the_distribution_list(
    police_client, week_ten, django_capture_on_commit_callbacks
):
    DistributionRecipient.objects.create(
        municipality=trelleborg(), name="Säkerhetsenheten", email="sak@example.org"
    )
    DistributionRecipient.objects.create(
        municipality=trelleborg(), name="Polisen", email="lpo@example.org"
    )
    DistributionRecipient.objects.create(
        municipality=trelleborg(), name="Slutat", email="old@example.org", is_active=False
    )
    url = reverse("meetings:summary_send", args=[week_ten.pk])
    with django_capture_on_commit_callbacks(execute=True):  # the background task sends it
        response = police_client.post(url, follow=True)
    assert "Sammanfattningen är på väg med e-post till 2 mottagare." in response.text
    assert sorted(m.to[0] for m in mail.outbox) == ["lpo@example.org", "sak@example.org"]
    message = mail.outbox[0]
    assert message.subject == "Tryggare Trelleborg vecka 10, 2021: lägesbild och åtgärder"
    assert "Hamnen, Skadegörelse: Förhöjd" in message.body
    week_ten.refresh_from_db()
    assert week_ten.summary_sent_at is not None


def test_summary_without_recipients_says_so(police_client, week_ten):
    response = police_client.post(reverse("meetings:summary_send", args=[week_ten.pk]), follow=True)
    assert "Sändlistan är tom" in response.text
    assert not mail.outbox


def test_sending_needs_post(police_client, week_ten):
    url = reverse("meetings:summary_send", args=[week_ten.pk])
    assert police_client.get(url).status_code == 405


def test_detail_shows_changes_and_history(police_client, week_ten, make_meeting):
    week_eleven = make_meeting(week_ten.agreement, 2021, 11)
    response = police_client.get(week_eleven.get_absolute_url())
    assert "(ned från Förhöjd)" in response.text
    assert "Ändringshistorik" in response.text


def test_index_goes_to_a_year_with_an_agreement(police_client, seed_agreement):
    response = police_client.get("/moten/")
    assert response.status_code == 302
    assert response.url == "/moten/2022/"  # the seed agreement ended in 2022


def test_extra_meeting_shows_in_the_list(police_client, week_ten, make_meeting):
    make_meeting(week_ten.agreement, 2021, 10, is_extra=True, date=week_ten.date.replace(day=12))
    assert Meeting.objects.filter(week=10).count() == 2
    assert "Extra" in police_client.get("/moten/2021/").text
