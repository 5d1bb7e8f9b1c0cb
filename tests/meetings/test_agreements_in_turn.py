"""Agreements follow each other: every agreement's meetings stay reachable, a week belongs to the
agreement in force then, and a new agreement's first meeting does not start from the old one's."""

import pytest

from agreements.models import Agreement
from meetings.models import Factor, Level
from tests.meetings.conftest import page_data
from tests.meetings.test_meeting_form import cell_name
from tests.places import trelleborg


def test_meetings_page_links_the_years_of_every_agreement(police_client, successor_agreement):
    response = police_client.get("/moten/2024/")
    assert response.status_code == 200
    for year in range(2019, 2027):
        assert f'href="/moten/{year}/"' in response.text, year
    newer = response.text.index("Samverkansöverenskommelse 2023–2026")
    assert newer < response.text.index("Samverkansöverenskommelse 2019 - 2022")
    figures = police_client.get("/moten/2025/siffror/").text
    assert 'href="/moten/2021/siffror/"' in figures


def test_old_agreements_weeks_still_work(
    police_client, seed_agreement, successor_agreement, make_meeting
):
    meeting = make_meeting(seed_agreement, 2021, 10)
    year_page = police_client.get("/moten/2021/")
    assert "Samverkansöverenskommelse 2019 - 2022" in year_page.text
    assert meeting.get_absolute_url() in year_page.text
    assert police_client.get("/moten/2021/vecka/11/nytt-mote/").status_code == 200
    assert police_client.get("/moten/2021/vecka/30/inget-mote/").status_code == 200


def test_a_week_belongs_to_the_agreement_in_force_then(police_client, successor_agreement, est):
    police_client.get("/moten/2023/vecka/2/nytt-mote/")  # a GET creates nothing
    response = police_client.get("/moten/2023/vecka/2/inget-mote/")
    assert response.context["record"].agreement == successor_agreement
    assert (
        police_client.get("/moten/2022/vecka/2/inget-mote/").context["record"].agreement.slug
        == "trelleborg-2019-2022"
    )


@pytest.fixture
def with_a_gap(seed_agreement):
    """2019–2022, then nothing in 2023, then 2024–2027."""
    return Agreement.objects.create(
        title="Samverkansöverenskommelse 2024–2027",
        slug="trelleborg-2024-2027",
        municipality=trelleborg(),
        start_year=2024,
        end_year=2027,
    )


@pytest.mark.parametrize(
    "url", ["/moten/2023/", "/moten/2023/vecka/2/nytt-mote/", "/moten/2023/vecka/2/inget-mote/"]
)
def test_a_week_between_two_agreements_says_so(police_client, with_a_gap, url):
    response = police_client.get(url)
    assert response.status_code == 200
    assert "Ingen överenskommelse gällde 2023" in response.text
    assert "Samverkansöverenskommelse 2019 - 2022 upphörde 2022" in response.text
    assert "Samverkansöverenskommelse 2024–2027 börjar 2024" in response.text
    assert 'href="/moten/2022/"' in response.text and 'href="/moten/2024/"' in response.text


def test_nothing_is_logged_between_two_agreements(police_client, with_a_gap, est):
    response = police_client.post("/moten/2023/vecka/2/inget-mote/", {"reason": "holiday"})
    assert "Ingen överenskommelse gällde 2023" in response.text
    assert not with_a_gap.weekwithoutmeetings.exists()


HAMNEN = ("Hamnen", "Skadegörelse")


def test_first_meeting_of_a_new_agreement_starts_afresh(
    police_client, seed_agreement, successor_agreement, make_meeting
):
    make_meeting(seed_agreement, 2022, 52, levels={HAMNEN: Level.HIGH})
    response = police_client.get("/moten/2023/vecka/2/nytt-mote/")
    assert response.status_code == 200
    assert "utgår från mötet" not in response.text
    assert page_data(response)[cell_name(*HAMNEN)] == Level.NONE


def test_later_meetings_of_the_new_agreement_start_from_its_last(
    police_client, seed_agreement, successor_agreement, make_meeting
):
    make_meeting(seed_agreement, 2022, 52, levels={HAMNEN: Level.HIGH})
    make_meeting(successor_agreement, 2023, 1, levels={HAMNEN: Level.LOW})
    response = police_client.get("/moten/2023/vecka/2/nytt-mote/")
    assert "(vecka 1)" in response.text
    assert page_data(response)[cell_name(*HAMNEN)] == Level.LOW


def test_only_areas_and_factors_still_in_use_are_carried_over(
    police_client, seed_agreement, make_meeting
):
    make_meeting(seed_agreement, 2021, 10, levels={HAMNEN: Level.HIGH, ("Hamnen", "Buskörning"): 2})
    Factor.objects.filter(name="Skadegörelse").update(is_active=False)
    data = page_data(police_client.get("/moten/2021/vecka/11/nytt-mote/"))
    assert cell_name(*HAMNEN) not in data
    assert data[cell_name("Hamnen", "Buskörning")] == Level.ELEVATED
