"""With REPORTS_PUBLIC a presented report is rendered once for anonymous visitors and then
served stored: no view, no query, the same page and the same headers."""

import re
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.cache.backends import locmem
from django.test import Client

from reports import middleware
from reports.models import AnnualReport
from tests.conftest import heading, present_to_the_board

URL = "/rapporter/trelleborg-2019-2022/2021/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


@pytest.fixture
def public(settings, security_user, demo_agreement, fake_pdf):
    settings.REPORTS_PUBLIC = True
    report = AnnualReport.objects.create(agreement=demo_agreement, year=2021, summary="Kort.")
    present_to_the_board(report, security_user)
    return report


def without_tokens(response):
    return TOKEN.sub("", response.text)


def test_second_anonymous_visit_runs_no_view_and_no_query(
    client, public, django_assert_num_queries
):
    first = client.get(URL)
    assert first.status_code == 200 and first.templates
    with django_assert_num_queries(0):
        second = client.get(URL)
    assert second.status_code == 200
    assert second.templates == []  # no template rendered: the view did not run
    assert without_tokens(second) == without_tokens(first)
    assert heading(second) == "Årlig uppföljningsrapport 2021"


def test_stored_page_carries_the_same_headers(client, public):
    first = client.get(URL)
    second = client.get(URL)
    assert dict(second.items()) == dict(first.items())
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Content-Type",
        "Content-Language",
        "Vary",
    ):
        assert second[header], header
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]


def test_each_visitor_gets_a_working_language_form(public):
    Client().get(URL)  # stores the page
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(URL)
    assert page.templates == []
    assert django_settings.CSRF_COOKIE_NAME in page.cookies  # a secret of the visitor's own
    token = TOKEN.search(page.text)[1]
    switched = visitor.post("/sprak/", {"language": "en", "csrfmiddlewaretoken": token})
    assert switched.status_code == 302
    english = visitor.get(URL)
    assert english.templates  # another language: rendered, then stored for it
    assert heading(english) == "Annual follow-up report 2021"
    stored = visitor.get(URL)
    assert stored.templates == [] and heading(stored) == "Annual follow-up report 2021"


def test_the_anonymous_page_says_nothing_about_the_live_data(client, public):
    text = client.get(URL).text
    assert "Presenterad 5 april 2022 för Kommunstyrelsen" in text
    assert "livedata" not in text.lower() and "Utkast" not in text


def test_a_logged_in_user_never_gets_the_anonymous_page(client, security_client, public):
    client.get(URL)
    response = security_client.get(URL)
    assert response.templates
    assert "Logga ut" in response.text
    assert "Livedata har inte ändrats sedan rapporten presenterades." in response.text


def test_a_draft_is_never_stored_for_an_anonymous_visitor(client, settings, demo_agreement):
    settings.REPORTS_PUBLIC = True
    AnnualReport.objects.create(agreement=demo_agreement, year=2021, summary="Hemligt utkast.")
    for _ in range(2):
        response = client.get(URL)
        assert response.status_code == 302
        assert response.url == f"/logga-in/?next={URL}"


def test_a_new_version_reaches_anonymous_visitors_once_the_stored_page_expires(
    client, security_client, public, monkeypatch
):
    assert client.get(URL).status_code == 200
    security_client.post(URL + "ny-version/")
    stored = client.get(URL)  # within PUBLIC_SECONDS: the presented version, as stored
    assert "Presenterad 5 april 2022" in stored.text and "Utkast" not in stored.text
    later = middleware.PUBLIC_SECONDS + 1 + locmem.time.time()
    monkeypatch.setattr(locmem, "time", SimpleNamespace(time=lambda: later))
    response = client.get(URL)
    assert response.status_code == 302  # the newest version is a draft now
    assert client.get(URL + "v1/").status_code == 200


def test_without_reports_public_the_visitor_is_sent_to_login(client, settings, public):
    assert client.get(URL).status_code == 200  # stored
    settings.REPORTS_PUBLIC = False
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"/logga-in/?next={URL}"


def test_a_query_string_is_not_served_stored(client, public):
    client.get(URL)
    assert client.get(URL + "?utskrift=1").templates
