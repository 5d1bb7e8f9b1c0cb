"""The start page: for staff, what this year's report lacks and where this week's EST stands."""

import pytest
from django.utils import timezone

from agreements.models import Agreement, ProblemPicture
from meetings.isoweeks import current_week, meeting_day
from meetings.models import Meeting, NoMeetingReason, WeekWithoutMeeting
from tests.places import trelleborg

YEAR = timezone.localdate().year
WEEK_YEAR, WEEK = current_week(timezone.localdate())


@pytest.fixture
def in_force(db):
    return Agreement.objects.create(
        title="Överenskommelse i kraft",
        slug="i-kraft",
        municipality=trelleborg(),
        start_year=YEAR - 1,
        end_year=YEAR + 2,
    )


def this_weeks_meeting(agreement, **fields):
    return Meeting.objects.create(
        agreement=agreement, year=WEEK_YEAR, week=WEEK, date=meeting_day(WEEK_YEAR, WEEK), **fields
    )


def test_readers_land_on_the_report_list(reader_client, in_force):
    response = reader_client.get("/")
    assert response.status_code == 302 and response.url == "/rapporter/"


@pytest.mark.parametrize("client_name", ["security_client", "police_client"])
def test_staff_see_what_this_years_report_lacks(request, in_force, client_name):
    page = request.getfixturevalue(client_name).get("/").text
    assert f"Det som saknas i rapporten för {YEAR}" in page
    assert f"Ingen gemensam problembild för {YEAR}" in page
    assert f'href="/rapporter/i-kraft/{YEAR}/uppfoljning/"' in page


def test_what_is_filled_in_leaves_the_list(security_client, in_force):
    ProblemPicture.objects.create(agreement=in_force, year=YEAR, summary="Bilden")
    assert "Ingen gemensam problembild" not in security_client.get("/").text


def test_without_an_agreement_in_force_the_page_says_so(security_client, seed_agreement):
    page = security_client.get("/").text
    assert f"Ingen överenskommelse gäller {YEAR}, så det finns inget år att följa upp." in page


def test_a_week_without_a_logged_meeting_says_so_and_links_to_the_form(security_client, in_force):
    page = security_client.get("/").text
    assert f"EST den här veckan (vecka {WEEK})" in page
    assert "Inget möte är loggat än." in page
    assert f'href="/moten/{WEEK_YEAR}/vecka/{WEEK}/nytt-mote/"' in page
    assert "Ingen sammanfattning är skickad." in page


def test_a_logged_meeting_whose_summary_is_not_sent(security_client, in_force):
    meeting = this_weeks_meeting(in_force)
    page = security_client.get("/").text
    assert "Mötet är loggat:" in page and f'href="{meeting.get_absolute_url()}"' in page
    assert "Sammanfattningen är inte skickad än:" in page


def test_a_logged_meeting_whose_summary_went_out(security_client, in_force):
    this_weeks_meeting(in_force, summary_sent_at=timezone.now())
    page = security_client.get("/").text
    assert "Sammanfattningen är skickad." in page
    assert "inte skickad" not in page


def test_a_week_recorded_without_a_meeting(security_client, in_force):
    WeekWithoutMeeting.objects.create(
        agreement=in_force, year=WEEK_YEAR, week=WEEK, reason=NoMeetingReason.choices[0][0]
    )
    assert "Registrerad som vecka utan möte:" in security_client.get("/").text


def test_the_start_page_has_a_fixed_query_count(
    security_client, in_force, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        page = security_client.get("/").text
    assert f"Det som saknas i rapporten för {YEAR}" in page
