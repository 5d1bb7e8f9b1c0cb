"""Every effect goal of the seed, with the status the agreement's words give the demo data."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from accounts.roles import READER
from agreements.models import Agreement
from indicators.models import Value

URL = "/rapporter/trelleborg-2019-2022/2021/"
PRESENT = {
    "presented_on": "2022-04-05",
    "presented_to": "Kommunstyrelsen",
    "case_number": "KS 2022/77",
}


def test_2021_report_shows_every_goal_with_its_status(security_client, demo_agreement):
    live = json.loads(security_client.get(URL + "mal.json").content)
    text = security_client.get(URL).text
    assert len(live["goals"]) == 7
    labels = {
        "met": "Uppnått",
        "not_met": "Ej uppnått",
        "not_measurable": "Kan inte mätas",
        "pending": "Inväntar utfall",
    }
    for number, goal in enumerate(live["goals"], 1):
        section = text[text.index(f'id="goal-{number}">{goal["title"]}</h2>') :]
        section = section[: section.index("</section>")]
        assert f'<span class="badge status-{goal["status"]}"' in section
        assert labels[goal["status"]] in section
        assert f'id="chart-goal-{number}-data"' in section
        for target in goal["targets"]:
            # The wave standing in for the year is said once per goal, not in each explanation.
            explanation = target["explanation"].removesuffix(f". {target['substitution']}")
            assert f"<li>{explanation}</li>" in section
    burglary = next(goal for goal in live["goals"] if goal["title"] == "Bostadsinbrott")
    assert burglary["status"] == "not_met"
    assert "Bostadsinbrott 2021: 100, målet var färre än 100 – ej uppnått" in text


def test_substituted_wave_is_said_in_the_data_notes(security_client, demo_agreement):
    text = security_client.get(URL).text
    notes = text[text.index('id="sources-heading"') :]
    assert "står för 2020" in notes
    assert "Folkhälsoenkät Barn och Unga" in notes


@pytest.fixture
def presented(security_client, demo_agreement, fake_pdf):
    assert security_client.post(URL + "presentera/", PRESENT).status_code == 302


def test_presented_goal_json_stays_byte_for_byte(security_client, presented):
    before = security_client.get(URL + "mal.json").content
    value = Value.objects.get(indicator__code="brott-bostadsinbrott", period__label="2021")
    value.value = 90
    value.save()
    assert security_client.get(URL + "mal.json").content == before
    assert b'"status": "not_met"' in before
    page = security_client.get(URL).text
    assert "Bostadsinbrott 2021: 100, målet var färre än 100 – ej uppnått" in page
    assert "100 (Ej uppnått) → 90 (Uppnått)" in page  # listed as changed since presented


def test_reader_reads_goal_json_of_a_draft_year(reader_client, demo_agreement):
    response = reader_client.get(URL + "mal.json")
    assert response.status_code == 200
    assert json.loads(response.content)["agreement"] == "trelleborg-2019-2022"


@pytest.fixture
def draft_agreement(seed_agreement):
    seed_agreement.status = Agreement.Status.DRAFT
    seed_agreement.save()
    return seed_agreement


def test_goal_json_of_an_agreement_in_draft_is_for_those_who_read_drafts(
    draft_agreement, reader_client, security_client, make_user
):
    granted = make_user("utkastlasare", READER)
    granted.user_permissions.add(Permission.objects.get(codename="view_draft_report"))
    granted_client = Client()
    granted_client.force_login(granted)

    assert reader_client.get(URL + "mal.json").status_code == 403
    assert reader_client.get(URL).status_code == 403  # as on the report page
    assert security_client.get(URL + "mal.json").status_code == 200
    response = granted_client.get(URL + "mal.json")
    assert response.status_code == 200
    assert json.loads(response.content)["agreement"] == "trelleborg-2019-2022"
