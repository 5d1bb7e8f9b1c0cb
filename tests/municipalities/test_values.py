"""Values belong to a municipality: each municipality's security unit sees and keeps its own,
and the figures of areas without an agreement here (the county, the country) are everyone's to
compare with; goals are evaluated on their agreement's municipality alone."""

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import Indicator, Value
from municipalities.models import Municipality

GRID = "/indikatorer/brott-bostadsinbrott/"


def csv(*rows):
    lines = ["indicator;period;group;value;status;note;municipality", *rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def upload(client, content, name="varden.csv"):
    return client.post("/indikatorer/import/", {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def skane(db):
    return Municipality.objects.create(code="0012", name="Region Skåne")


def store_burglaries(municipality, figure, year="2021"):
    burglaries = Indicator.objects.get(code="brott-bostadsinbrott")
    return Value.objects.create(
        indicator=burglaries,
        municipality=municipality,
        period=burglaries.source.periods.get(label=year),
        group=burglaries.groups.get(),
        value=Decimal(figure),
    )


def burglaries_of(municipality):
    values = Value.objects.filter(indicator__code="brott-bostadsinbrott", municipality=municipality)
    return {value.period.label: value.value for value in values}


def test_the_grid_shows_and_keeps_ones_own_municipalitys_values(
    svedala_security, installation, svedala_agreement
):
    page = svedala_security.get(GRID).text
    assert "Värden för Svedala kommun" in page and "Spara värdena" in page
    assert "Påhittat exempelvärde" not in page  # Trelleborg's demo figures
    indicator = Indicator.objects.get(code="brott-bostadsinbrott")
    period = indicator.source.periods.get(label="2021")
    group = indicator.groups.get()
    statuses = {f"status-{p.pk}": "final" for p in indicator.source.periods.all()}
    response = svedala_security.post(GRID, {**statuses, f"value-{period.pk}-{group.pk}": "42"})
    assert response.status_code == 302 and response.url.endswith("?kommun=1263")
    assert burglaries_of(svedala_agreement.municipality) == {"2021": Decimal(42)}
    assert burglaries_of(installation.municipality)["2021"] == Decimal(100)  # untouched


def test_another_municipalitys_grid_is_not_found(svedala_security, installation):
    assert svedala_security.get(GRID + "?kommun=1287").status_code == 404
    assert svedala_security.post(GRID + "?kommun=1287", {}).status_code == 404
    assert svedala_security.get(GRID + "?kommun=１２８７").status_code == 404  # full-width digits


def test_a_comparison_area_is_read_by_all_and_kept_by_any_security_unit(
    svedala_security, police_of_both, skane
):
    page = svedala_security.get(GRID + "?kommun=0012").text
    assert "Värden för Region Skåne" in page and "Spara värdena" in page
    # Kommunpolisen reads every municipality's figures but keeps none.
    page = police_of_both.get(GRID + "?kommun=0012").text
    assert "Värden för Region Skåne" in page and "Spara värdena" not in page
    choices = police_of_both.get(GRID).text
    assert "Trelleborgs kommun</option>" in choices and "Svedala kommun</option>" in choices


def test_an_import_writes_to_the_named_municipality_or_ones_own(
    svedala_security, installation, svedala_agreement, skane
):
    content = csv(
        "brott-bostadsinbrott;2021;alla;40;;;",
        "brott-bostadsinbrott;2021;alla;9,5;;;0012",
    )
    preview = upload(svedala_security, content)
    assert "Svedala kommun" in preview.text and "Region Skåne" in preview.text
    fingerprint = preview.context["preview"].fingerprint()
    svedala_security.post("/indikatorer/import/bekrafta/", {"fingerprint": fingerprint})
    assert burglaries_of(svedala_agreement.municipality) == {"2021": Decimal(40)}
    assert burglaries_of(skane) == {"2021": Decimal("9.5")}
    assert burglaries_of(installation.municipality)["2021"] == Decimal(100)


def test_an_import_for_a_municipality_one_does_not_keep_writes_nothing(
    svedala_security, installation
):
    before = Value.objects.count()
    response = upload(svedala_security, csv("brott-bostadsinbrott;2021;alla;1;;;1287"))
    assert (
        "Rad 2, kolumn municipality: du för inte in värdena för Trelleborgs kommun."
        in response.text
    )
    response = upload(svedala_security, csv("brott-bostadsinbrott;2021;alla;1;;;9998"))
    assert "det finns ingen kommun med koden ”9998”; lägg till den först." in response.text
    assert Value.objects.count() == before


def test_a_kolada_answer_goes_to_each_municipality_it_names(
    svedala_security, svedala_agreement, skane
):
    Indicator.objects.filter(code="brott-bostadsinbrott").update(kolada_kpi="N07403")
    blocks = [
        {
            "kpi": "N07403",
            "municipality": code,
            "period": 2021,
            "values": [{"gender": "T", "value": value}],
        }
        for code, value in (("1263", 31), ("0012", 7.5))
    ]
    content = json.dumps({"values": blocks}).encode()
    preview = upload(svedala_security, content, "kolada.json").context["preview"]
    assert preview.ok
    assert sorted((line.municipality.code, line.value) for line in preview.added) == [
        ("0012", Decimal("7.5")),
        ("1263", Decimal(31)),
    ]


def test_the_export_holds_only_what_the_user_may_read(svedala_security, installation, skane):
    store_burglaries(skane, "7.5")
    text = svedala_security.get("/indikatorer/export.csv").content.decode("utf-8-sig")
    assert "brott-bostadsinbrott;2021;alla;7,5;slutlig;;0012" in text
    assert ";1287" not in text


def test_the_admin_lists_only_ones_own_values(svedala_security, installation):
    listed = svedala_security.get("/admin/indicators/value/")
    assert listed.status_code == 200 and "Påhittat exempelvärde" not in listed.text
    theirs = Value.objects.filter(municipality=installation.municipality).first()
    response = svedala_security.get(f"/admin/indicators/value/{theirs.pk}/change/")
    assert response.status_code in (302, 403, 404)


def test_goals_are_evaluated_on_the_agreements_municipality_alone(
    security_client, installation, svedala_agreement
):
    """Svedala's 2021 burglaries far below the limit do not meet Trelleborg's goal."""
    store_burglaries(svedala_agreement.municipality, 1)
    goals = security_client.get("/rapporter/trelleborg-2019-2022/2021/mal.json").json()["goals"]
    [target] = [
        t for goal in goals for t in goal["targets"] if t["indicator"] == "brott-bostadsinbrott"
    ]
    assert (target["value"], target["status"]) == (100, "not_met")


def test_a_reader_of_figures_cannot_post_them(police_of_both, skane):
    before = Value.objects.count()
    response = police_of_both.post(GRID + "?kommun=0012", {})
    assert response.status_code == 403 and Value.objects.count() == before
