"""A logged-in reader's presented report is kept per user and data version: a repeat visit
renders nothing and asks only who the user is and what the data version is."""

import re

import pytest
from django.test import Client

from accounts.roles import READER
from measures.models import MeasureUpdate
from reports.models import AnnualReport
from tests.conftest import heading, present_to_the_board

URL = "/rapporter/trelleborg-2019-2022/2021/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


@pytest.fixture
def presented(security_user, demo_agreement, fake_pdf):
    report = AnnualReport.objects.create(agreement=demo_agreement, year=2021, summary="Kort.")
    present_to_the_board(report, security_user)
    return report


def test_a_repeat_visit_renders_nothing_and_asks_three_queries(
    reader_client, presented, django_assert_max_num_queries
):
    first = reader_client.get(URL)
    assert first.templates
    with django_assert_max_num_queries(3):  # the user, their roles, the data version
        second = reader_client.get(URL)
    assert second.status_code == 200 and second.templates == []
    assert TOKEN.sub("", second.text) == TOKEN.sub("", first.text)
    assert heading(second) == "Årlig uppföljningsrapport 2021"
    assert "Lena Läsare" in second.text


def test_each_user_gets_their_own_name_and_menu(reader_client, security_client, presented):
    reader_client.get(URL)
    page = security_client.get(URL)
    assert "Sara Säker" in page.text and "Lena Läsare" not in page.text
    assert "Överenskommelser" in page.text  # a menu item for staff only
    assert "Överenskommelser" not in reader_client.get(URL).text


def test_a_change_to_the_live_data_shows_at_the_next_visit(reader_client, presented):
    assert "Livedata har inte ändrats" in reader_client.get(URL).text
    update = MeasureUpdate.objects.get(measure__title="Samtal om droger i skolan", year=2021)
    update.achieved_count = 3
    update.save()
    page = reader_client.get(URL)
    assert page.templates  # rendered again
    assert "Samtal om droger i skolan · 2021: 9 (Pågår) → 3 (Pågår)" in page.text


def test_a_new_version_is_shown_at_once(reader_client, security_client, presented):
    reader_client.get(URL)
    security_client.post(URL + "ny-version/")
    assert reader_client.get(URL).status_code == 403  # the newest is a draft, not for readers
    assert "Presenterad 5 april 2022" in reader_client.get(URL + "v1/").text


def test_a_lost_role_is_not_served_from_the_stored_page(reader_client, reader_user, presented):
    assert reader_client.get(URL).status_code == 200
    reader_user.role_grants.filter(role=READER).delete()
    assert reader_client.get(URL).status_code == 403


def test_a_waiting_message_is_shown_not_swallowed(security_client, presented):
    security_client.get(URL)  # stored
    response = security_client.post(URL + "ny-version/", follow=True)
    assert response.templates
    assert response.context["messages"]
    assert "alert" in response.text


def test_the_stored_page_carries_a_working_logout_form(reader_user, presented):
    visitor = Client(enforce_csrf_checks=True)
    visitor.force_login(reader_user)
    visitor.get(URL)
    stored = visitor.get(URL)
    assert stored.templates == []
    token = TOKEN.search(stored.text)[1]
    assert visitor.post("/logga-ut/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert visitor.get(URL).status_code == 302  # logged out: sent to the login page
