"""Bad input in the admin gets a Swedish message on the field, never a 500."""

from agreements.models import Agreement, CitizenPromise
from measures.models import Measure, MeasureUpdate
from tests.places import trelleborg


def agreement_form(**overrides):
    data = {
        "title": "Samverkansöverenskommelse 2023–2026",
        "slug": "trelleborg-2023-2026",
        "status": "active",
        "municipality": str(trelleborg().pk),
        "start_year": "2023",
        "end_year": "2026",
        "text": "",
    }
    for prefix in ("parties", "commitments", "focus_areas", "effectgoals", "productiongoals"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def test_end_year_before_start_year_is_refused_in_swedish(security_client, seed_agreement):
    response = security_client.post(
        "/admin/agreements/agreement/add/", agreement_form(start_year="2026", end_year="2023")
    )
    assert response.status_code == 200
    assert "Sista året kan inte komma före första året." in response.text
    assert not Agreement.objects.filter(slug="trelleborg-2023-2026").exists()


def test_valid_agreement_is_saved_with_history(security_client, security_user, seed_agreement):
    response = security_client.post("/admin/agreements/agreement/add/", agreement_form())
    assert response.status_code == 302
    created = Agreement.objects.get(slug="trelleborg-2023-2026")
    assert created.history.get().history_user == security_user


def measure_form(agreement, updates):
    data = {
        "agreement": agreement.pk,
        "title": "Hastighetskontroller",
        "responsible": "polis",
        "status": "ongoing",
        "updates-TOTAL_FORMS": str(len(updates)),
        "updates-INITIAL_FORMS": "0",
    }
    for index, (year, status) in enumerate(updates):
        data[f"updates-{index}-year"] = str(year)
        data[f"updates-{index}-status"] = status
    return data


def test_measure_update_outside_the_period_is_refused(security_client, seed_agreement):
    response = security_client.post(
        "/admin/measures/measure/add/",
        measure_form(seed_agreement, [(2021, "ongoing"), (2024, "done")]),
    )
    assert response.status_code == 200
    assert "2024 ligger utanför överenskommelsens period 2019–2022." in response.text
    assert not Measure.objects.exists()
    assert not MeasureUpdate.objects.exists()


def test_two_updates_for_one_year_are_refused(security_client, seed_agreement):
    response = security_client.post(
        "/admin/measures/measure/add/",
        measure_form(seed_agreement, [(2021, "ongoing"), (2021, "done")]),
    )
    assert response.status_code == 200
    assert "2021 förekommer två gånger: en åtgärd har en uppföljning per år." in response.text
    assert not Measure.objects.exists()


def test_measure_ending_before_it_starts_is_refused(security_client, seed_agreement):
    data = measure_form(seed_agreement, [])
    data.update({"start_date": "2021-05-01", "end_date": "2021-01-01"})
    response = security_client.post("/admin/measures/measure/add/", data)
    assert response.status_code == 200
    assert "Slutdatumet kan inte komma före startdatumet." in response.text


def test_second_promise_set_for_a_year_is_refused(security_client, seed_agreement):
    CitizenPromise.objects.create(agreement=seed_agreement, year=2021, title="Löfte 2021")
    response = security_client.post(
        "/admin/agreements/citizenpromise/add/",
        {
            "agreement": seed_agreement.pk,
            "year": "2021",
            "title": "Ett till",
            "points-TOTAL_FORMS": "0",
            "points-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Överenskommelsen har redan medborgarlöften för det året." in response.text
    assert CitizenPromise.objects.count() == 1


def test_promise_year_outside_the_period_is_refused(security_client, seed_agreement):
    response = security_client.post(
        "/admin/agreements/citizenpromise/add/",
        {
            "agreement": seed_agreement.pk,
            "year": "2018",
            "title": "För tidigt",
            "points-TOTAL_FORMS": "0",
            "points-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "2018 ligger utanför överenskommelsens period 2019–2022." in response.text
