"""The survey in the admin: säkerhetsenheten keeps the timetable and the respondents, opens and
closes rounds by hand and sees the failed e-mails; nobody else gets in."""

import pytest
from django.core import mail
from django.urls import reverse

from surveys.models import Delivery, Respondent, Round, SurveySettings
from surveys.rounds import open_round

from .roundmaking import WEEK, YEAR, at, three_respondents

PAGES = [
    "admin:surveys_surveysettings_changelist",
    "admin:surveys_respondent_changelist",
    "admin:surveys_round_changelist",
    "admin:surveys_delivery_changelist",
]


@pytest.fixture
def jobs(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def round_with_failures(seed_agreement, settings, jobs):
    """Week 10's round, whose invitations the mail server refused every time."""
    settings.EMAIL_BACKEND = "tests.surveys.test_mail.RefusingBackend"
    three_respondents()
    with jobs():
        round_ = open_round(seed_agreement, YEAR, WEEK, now=at(2, 8))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return round_


@pytest.mark.parametrize("page", PAGES)
def test_security_unit_has_the_survey_admin(security_client, page):
    assert security_client.get(reverse(page)).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_police_and_readers_do_not(police_client, reader_client, page):
    assert police_client.get(reverse(page)).status_code == 403
    response = reader_client.get(reverse(page))  # not staff: the admin asks for another login
    assert response.status_code == 302 and response.url.startswith("/admin/login/")


def test_police_cannot_open_a_round(police_client, seed_agreement):
    three_respondents()
    assert police_client.post(reverse("admin:surveys_round_open")).status_code == 403
    assert not Round.objects.exists()


def test_the_settings_are_one_row(security_client):
    settings_row = SurveySettings.objects.create()
    assert security_client.get(reverse("admin:surveys_surveysettings_add")).status_code == 403
    delete = reverse("admin:surveys_surveysettings_delete", args=[settings_row.pk])
    assert security_client.get(delete).status_code == 403
    change = reverse("admin:surveys_surveysettings_change", args=[settings_row.pk])
    response = security_client.post(
        change,
        {
            "schedule_active": "on",
            "open_weekday": 2,
            "open_time": "09:30",
            "reminder_weekday": 3,
            "reminder_time": "12:00",
            "close_weekday": 4,
            "close_time": "08:00",
            "summary_weekday": 5,
            "summary_time": "07:00",
            "retention_days": 730,
        },
    )
    assert response.status_code == 302
    assert SurveySettings.current().opens_at(YEAR, WEEK) == at(2, 9, 30)
    assert SurveySettings.objects.count() == 1


def test_the_first_settings_row_can_be_added(security_client):
    assert security_client.get(reverse("admin:surveys_surveysettings_add")).status_code == 200


def test_respondents_are_kept_with_their_areas_and_history(security_client):
    anna, _bo, _cilla = three_respondents()
    response = security_client.get(reverse("admin:surveys_respondent_changelist") + "?q=fält")
    assert "Anna Fält" in response.text and "Bo Park" not in response.text
    change = security_client.get(reverse("admin:surveys_respondent_change", args=[anna.pk]))
    assert 'class="selectfilter"' in change.text  # the areas in two lists, to move between
    history = security_client.get(reverse("admin:surveys_respondent_history", args=[anna.pk]))
    assert history.status_code == 200
    inactive = security_client.get(
        reverse("admin:surveys_respondent_changelist") + "?is_active__exact=0"
    )
    assert "Dan Slutat" in inactive.text and "Anna Fält" not in inactive.text
    assert Respondent.objects.count() == 4


def test_this_weeks_round_is_opened_by_hand(security_client, seed_agreement, jobs, monkeypatch):
    three_respondents()
    monkeypatch.setattr("django.utils.timezone.now", lambda: at(2, 9))
    with jobs():
        response = security_client.post(reverse("admin:surveys_round_open"), follow=True)
    assert "Enkät vecka 10, 2021 är öppen: 3 inbjudna." in response.text
    round_ = Round.objects.get()
    assert (round_.opened_at, round_.invited_count) == (at(2, 9), 3)
    assert round_.history.first().history_user.username == "sakerhet"
    assert len(mail.outbox) == 3
    assert "Öppna veckans omgång nu" in response.text


def test_opening_too_late_says_why(security_client, seed_agreement, monkeypatch):
    three_respondents()
    monkeypatch.setattr("django.utils.timezone.now", lambda: at(4, 9))
    response = security_client.post(reverse("admin:surveys_round_open"), follow=True)
    assert "Omgången för vecka 10, 2021 skulle redan ha stängt." in response.text
    assert not Round.objects.exists()


def test_a_round_is_closed_by_hand(security_client, seed_agreement):
    three_respondents()
    round_ = open_round(seed_agreement, YEAR, WEEK, now=at(2, 8))
    round_.invitations.filter(respondent__name="Bo Park").update(answered_at=at(2, 9))
    response = security_client.post(
        reverse("admin:surveys_round_changelist"),
        {"action": "close_now", "_selected_action": [round_.pk]},
        follow=True,
    )
    assert "Enkät vecka 10, 2021 är stängd." in response.text
    round_.refresh_from_db()
    assert round_.closed_at is not None and round_.answered_count == 1
    assert "Stängd" in response.text


def test_a_round_shows_who_was_asked_and_who_answered(
    security_client, seed_agreement, django_assert_max_num_queries
):
    three_respondents()
    round_ = open_round(seed_agreement, YEAR, WEEK, now=at(2, 8))
    round_.invitations.filter(respondent__name="Bo Park").update(answered_at=at(2, 9))
    with django_assert_max_num_queries(20):
        response = security_client.get(reverse("admin:surveys_round_change", args=[round_.pk]))
    for name in ("Anna Fält (Fältgruppen)", "Bo Park", "Cilla Skola"):
        assert name in response.text
    assert "Dan Slutat" not in response.text
    assert "9 mars 2021 09:00" in response.text


def test_the_round_list_does_not_grow_in_queries(
    security_client, seed_agreement, django_assert_max_num_queries
):
    for week in range(1, 11):
        open_round(seed_agreement, YEAR, week, now=at(1, 0, week=week))
    with django_assert_max_num_queries(12):
        response = security_client.get(reverse("admin:surveys_round_changelist"))
    assert response.text.count("Öppen") >= 10


def test_failed_sends_are_listed_and_retried(
    security_client, round_with_failures, jobs, django_assert_max_num_queries
):
    url = reverse("admin:surveys_delivery_changelist") + "?status__exact=failed"
    with django_assert_max_num_queries(12):
        response = security_client.get(url)
    assert response.text.count("SMTPServerDisconnected: Connection unexpectedly closed") == 3
    assert "anna@trelleborg.se" in response.text and "Misslyckades" in response.text

    failed = list(Delivery.objects.values_list("pk", flat=True))
    with jobs():
        response = security_client.post(
            url, {"action": "retry_now", "_selected_action": failed}, follow=True
        )
    assert "3 e-brev ligger i kö igen." in response.text
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mail.outbox) == 3
    assert "anna@trelleborg.se" not in security_client.get(url).text


def test_a_delivery_is_read_only(security_client, round_with_failures):
    delivery = Delivery.objects.first()
    change = reverse("admin:surveys_delivery_change", args=[delivery.pk])
    response = security_client.get(change)
    assert "SMTPServerDisconnected" in response.text
    assert 'name="to"' not in response.text
    assert security_client.get(reverse("admin:surveys_delivery_add")).status_code == 403
