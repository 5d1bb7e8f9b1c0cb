"""The measures' follow-up for a year, in the app: every running measure on one page, saved
together, by the roles that own it."""

import pytest

from measures.models import Measure, MeasureStatus, MeasureUpdate
from tests.conftest import REFUSED, data_as_shown, heading

URL = "/overenskommelser/trelleborg-2019-2022/atgarder/2021/uppfoljning/"
PERSONNUMMER = "121212-1212"


@pytest.fixture
def measures(seed_agreement):
    return [
        Measure.objects.create(agreement=seed_agreement, title=title, responsible="polis")
        for title in ("Trafikkontroller vid skolor", "Närvaro i hamnen")
    ]


def prefix(measure):
    return f"atgard-{measure.pk}-"


@pytest.mark.parametrize(
    ("client_name", "status"),
    [("security_client", 200), ("police_client", 200), ("reader_client", 403)],
)
def test_who_may_follow_up_measures(request, measures, client_name, status):
    client = request.getfixturevalue(client_name)
    response = client.get(URL)
    assert response.status_code == status
    if status == 403:
        assert heading(response) == REFUSED
        assert client.post(URL, {}).status_code == 403
    else:
        assert heading(response) == "Åtgärder: uppföljning 2021"
        assert all(measure.title in response.text for measure in measures)
        refused = client.post(URL, {})
        assert "Inget är sparat än: rätta fälten som listas nedan." in refused.text
    assert not MeasureUpdate.objects.exists()


def test_the_police_follow_up_one_measure_and_leave_the_other(police_client, police_user, measures):
    first, second = measures
    data = data_as_shown(police_client.get(URL), "forms")
    data |= {prefix(first) + "status": "done", prefix(first) + "achieved_count": "12"}
    response = police_client.post(URL, data)
    assert response.status_code == 302
    update = MeasureUpdate.objects.get(measure=first, year=2021)
    assert (update.status, update.achieved_count) == (MeasureStatus.DONE, 12)
    assert update.history.get().history_user == police_user
    assert not MeasureUpdate.objects.filter(measure=second).exists()


def test_a_count_without_a_status_is_named_and_nothing_saved(police_client, measures):
    first, second = measures
    data = data_as_shown(police_client.get(URL), "forms")
    data |= {prefix(first) + "status": "done", prefix(second) + "achieved_count": "3"}
    response = police_client.post(URL, data)
    assert response.status_code == 200
    assert "Närvaro i hamnen – Status: Detta fält måste fyllas i." in response.text
    assert not MeasureUpdate.objects.exists()


def test_a_personal_number_in_a_comment_is_refused_naming_the_measure(police_client, measures):
    first, _ = measures
    data = data_as_shown(police_client.get(URL), "forms")
    data |= {prefix(first) + "status": "done", prefix(first) + "comment": PERSONNUMMER}
    response = police_client.post(URL, data)
    assert "Trafikkontroller vid skolor – Kommentar: Ta bort person- eller" in response.text
    assert not MeasureUpdate.objects.exists()


def test_a_follow_up_saved_meanwhile_refuses_the_page(security_client, police_client, measures):
    first, second = measures
    MeasureUpdate.objects.create(measure=first, year=2021, status="ongoing", comment="Start")
    stale = data_as_shown(police_client.get(URL), "forms")
    fresh = data_as_shown(security_client.get(URL), "forms")
    security_client.post(URL, fresh | {prefix(first) + "comment": "Säkerhetsenhetens"})
    stale |= {prefix(first) + "comment": "Polisens", prefix(second) + "status": "planned"}
    response = police_client.post(URL, stale)
    assert "Någon annan sparade detta medan du redigerade" in response.text
    assert MeasureUpdate.objects.get(measure=first).comment == "Säkerhetsenhetens"
    assert not MeasureUpdate.objects.filter(measure=second).exists()  # nothing half-saved
    assert police_client.post(URL, data_as_shown(response, "forms")).status_code == 302
    assert MeasureUpdate.objects.get(measure=first).comment == "Polisens"
    assert MeasureUpdate.objects.filter(measure=second).exists()


def test_the_page_lists_only_measures_running_that_year(security_client, measures):
    first, second = measures
    second.end_date = "2020-06-30"
    second.save()
    response = security_client.get(URL)
    assert first.title in response.text and second.title not in response.text


def test_the_page_has_a_fixed_query_count(
    security_client, seed_agreement, measures, django_assert_max_num_queries
):
    for number in range(20):
        measure = Measure.objects.create(
            agreement=seed_agreement, title=f"Extra {number}", responsible="kommun"
        )
        MeasureUpdate.objects.create(measure=measure, year=2021, status="ongoing")
    with django_assert_max_num_queries(12):
        response = security_client.get(URL)
    assert all(f"Extra {number}" in response.text for number in range(20))
