"""The same answer form posted twice, one post after the other or both at once: the first is
saved, the second is refused with a message, and no answer is stored twice or half."""

import threading

import pytest
from django.db import connection
from django.test import Client

from meetings.models import Level
from surveys import answering
from surveys.models import Answer, Observation

from .test_answering import (  # noqa: F401 (fixtures)
    current_agreement,
    est,
    invitation,
    level_field,
    observation_field,
    page_data,
    saved_levels,
    this_round,
    url,
)

STALE = "Dina svar hade redan sparats"


def assert_saved_once(answered, level):
    answered.refresh_from_db()
    assert answered.revision == 1
    assert Answer.objects.filter(invitation=answered).count() == 2 * 12
    assert saved_levels(answered)[("Hamnen", "Skadegörelse")] == level
    assert Observation.objects.filter(invitation=answered).count() == 1


def test_the_same_form_posted_again_is_refused(client, invitation):  # noqa: F811
    data = page_data(client.get(url(invitation)))
    data[level_field("Hamnen", "Skadegörelse")] = str(Level.HIGH)
    data[observation_field("Hamnen")] = "Krossade rutor"
    assert client.post(url(invitation), data).status_code == 302
    data[level_field("Hamnen", "Skadegörelse")] = str(Level.LOW)  # e.g. from a second tab
    response = client.post(url(invitation), data)
    assert response.status_code == 409
    assert STALE in response.text
    assert_saved_once(invitation, Level.HIGH)
    # The page shows what is saved, ready for a deliberate second save.
    form = response.context["form"]
    assert form["revision"].value() == 1
    assert form[level_field("Hamnen", "Skadegörelse")].value() == Level.HIGH
    assert client.post(url(invitation), page_data(response)).status_code == 302


def test_nothing_to_report_from_a_stale_page_is_refused(client, invitation):  # noqa: F811
    data = page_data(client.get(url(invitation)))
    data[level_field("Hamnen", "Skadegörelse")] = str(Level.HIGH)
    data[observation_field("Hamnen")] = "Krossade rutor"
    client.post(url(invitation), data)
    response = client.post(url(invitation), {"nothing": "1", "revision": "0"})
    assert response.status_code == 409
    assert STALE in response.text
    assert_saved_once(invitation, Level.HIGH)
    assert not invitation.nothing_to_report


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the test database is SQLite in memory with a shared cache, where a second writer "
    "fails at once instead of waiting: the two posts cannot overlap",
)
def test_the_same_form_posted_twice_at_once_saves_once(invitation, monkeypatch):  # noqa: F811
    data = page_data(Client().get(url(invitation)))
    data[level_field("Hamnen", "Skadegörelse")] = str(Level.HIGH)
    data[observation_field("Hamnen")] = "Krossade rutor"
    # Both posts find the round open before either claims the revision.
    both_checked = threading.Barrier(2, timeout=10)
    check_open = answering.check_open

    def check_together(round, now=None):
        check_open(round, now)
        both_checked.wait()

    monkeypatch.setattr(answering, "check_open", check_together)
    responses = []

    def post():
        try:
            responses.append(Client().post(url(invitation), data))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(response.status_code for response in responses) == [302, 409]
    assert sum(STALE in response.text for response in responses) == 1
    assert_saved_once(invitation, Level.HIGH)
