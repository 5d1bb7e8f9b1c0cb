"""The indicator pages: who sees what, and säkerhetsenheten's data-entry grid."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Group, Indicator, Period, Value, ValueStatus

GRID = "/indikatorer/{code}/"


def cell(code, label, group):
    return Value.objects.get(indicator__code=code, period__label=label, group__code=group)


def grid_data(response):
    """What the grid form would post back unchanged, as a browser would."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        initial = form[name].value()
        data[name] = "" if initial is None else str(initial).replace(".", ",")
    return data


def field(code, label, group, kind="value"):
    period = Period.objects.get(source__indicators__code=code, label=label)
    return f"{kind}-{period.pk}-{Group.objects.get(code=group).pk}"


def status_field(code, label):
    period = Period.objects.get(source__indicators__code=code, label=label)
    return f"status-{period.pk}"


def test_list_shows_every_indicator_with_its_source(police_client, demo_values):
    response = police_client.get("/indikatorer/")
    assert response.status_code == 200
    assert "brott-bostadsinbrott" in response.text
    assert "Folkhälsoenkät Barn och Unga" in response.text
    assert "Exportera de värden du får se (CSV)" in response.text
    assert "Importera värden från en fil" not in response.text


def test_security_unit_is_offered_the_import(security_client, demo_values):
    assert "Importera värden från en fil" in security_client.get("/indikatorer/").text


@pytest.mark.parametrize("url", ["/indikatorer/", GRID.format(code="fhe-tobak")])
def test_readers_do_not_see_the_indicator_pages(reader_client, demo_values, url):
    assert reader_client.get(url).status_code == 403


def test_unknown_indicator_is_404(security_client, demo_values):
    assert security_client.get(GRID.format(code="finns-inte")).status_code == 404


def test_police_read_the_grid_but_cannot_change_it(police_client, demo_values):
    url = GRID.format(code="fhe-tobak")
    response = police_client.get(url)
    assert response.status_code == 200
    assert "Spara värdena" not in response.text
    assert "9,5" in response.text
    assert "Demo" in response.text
    assert "Våg 2021" in response.text and "fältarbete 18 januari–21 februari 2021" in response.text
    assert police_client.post(url, {}).status_code == 403
    assert cell("fhe-tobak", "2021", "ak9").value == Decimal("9.5")


def test_grid_page_names_source_and_goals(security_client, demo_values):
    response = security_client.get(GRID.format(code="fhe-tobak"))
    assert "Källa: Region Skåne, Folkhälsoenkät Barn och Unga" in response.text
    assert "Tobaksbruk bland unga: en minskning jämfört med våg 2016 (2020)" in response.text
    assert "Tobaksbruk (%), Trelleborgs kommun: perioder nedåt, grupper i kolumner" in response.text


def test_every_cell_of_the_grid_is_labelled_for_screen_readers(security_client, demo_values):
    page = security_client.get(GRID.format(code="fhe-tobak")).text
    inputs = re.findall(r'<(?:input|select)\b[^>]*\bid="(id_[^"]+)"', page)
    labelled = re.findall(r'<label class="visually-hidden" for="([^"]+)">', page)
    assert len(inputs) >= 6 and set(inputs) <= set(labelled)
    assert '">åk 9, våg 2021: värde</label>' in page
    assert '">åk 9, våg 2021: antal svarande</label>' in page


def test_security_unit_enters_a_whole_wave_in_one_go(security_client, security_user, demo_values):
    url = GRID.format(code="fhe-tobak")
    Value.objects.filter(indicator__code="fhe-tobak", period__label="2021").delete()
    data = grid_data(security_client.get(url))
    for group, figure, answers in [("ak6", "1,4", "400"), ("ak9", "9,2", "377"), ("gy2", "20", "")]:
        data[field("fhe-tobak", "2021", group)] = figure
        data[field("fhe-tobak", "2021", group, "n")] = answers
    data[status_field("fhe-tobak", "2021")] = ValueStatus.PRELIMINARY
    response = security_client.post(url, data, follow=True)
    assert "3 värden sparade." in response.text
    entered = Value.objects.filter(indicator__code="fhe-tobak", period__label="2021")
    assert {(v.group.code, v.value, v.sample_size) for v in entered} == {
        ("ak6", Decimal("1.4"), 400),
        ("ak9", Decimal("9.2"), 377),
        ("gy2", Decimal(20), None),
    }
    assert {(v.status, v.entered_by, v.is_demo) for v in entered} == {
        (ValueStatus.PRELIMINARY, security_user, False)
    }


def test_posting_the_grid_unchanged_saves_nothing(security_client, demo_values):
    url = GRID.format(code="fhe-tobak")
    history = Value.history.count()
    response = security_client.post(url, grid_data(security_client.get(url)), follow=True)
    assert "Inget hade ändrats." in response.text
    assert Value.history.count() == history


@pytest.mark.parametrize(
    ("code", "label", "group", "figure", "message"),
    [
        ("tm-fortkorning", "2021", "alla", "7", "7 ligger utanför skalan 0–6."),
        ("fhe-tobak", "2021", "ak9", "140", "140 ligger utanför skalan 0–100."),
        ("brott-bostadsinbrott", "2021", "alla", "-3", "-3 är lägre än det lägsta möjliga"),
    ],
)
def test_grid_refuses_values_outside_the_scale(
    security_client, demo_values, code, label, group, figure, message
):
    url = GRID.format(code=code)
    data = grid_data(security_client.get(url))
    other = next(
        name for name in data if name.startswith("value-") and name != field(code, label, group)
    )
    data[other] = "1"
    data[field(code, label, group)] = figure
    history = Value.history.count()
    response = security_client.post(url, data)
    assert response.status_code == 200
    assert "Värdena sparades inte" in response.text
    assert message in response.text
    assert Value.history.count() == history  # not even the valid cell was saved


def test_grid_refuses_text(security_client, demo_values):
    url = GRID.format(code="brott-bostadsinbrott")
    data = grid_data(security_client.get(url))
    data[field("brott-bostadsinbrott", "2021", "alla")] = "många"
    response = security_client.post(url, data)
    assert "Värdena sparades inte" in response.text
    assert "alla, 2021: värde" in response.text


def test_sample_size_needs_a_value(security_client, demo_values):
    url = GRID.format(code="fhe-tobak")
    data = grid_data(security_client.get(url))
    data[field("fhe-tobak", "2021", "ak9")] = ""
    data[field("fhe-tobak", "2021", "ak9", "n")] = "300"
    response = security_client.post(url, data)
    assert "Fyll i värdet också" in response.text


def test_emptying_a_cell_deletes_its_value(security_client, demo_values):
    url = GRID.format(code="brott-bostadsinbrott")
    data = grid_data(security_client.get(url))
    data[field("brott-bostadsinbrott", "2016", "alla")] = ""
    response = security_client.post(url, data, follow=True)
    assert "1 värde borttaget." in response.text
    assert not Value.objects.filter(
        indicator__code="brott-bostadsinbrott", period__label="2016"
    ).exists()


def test_decimal_point_is_accepted_too(security_client, demo_values):
    url = GRID.format(code="tm-fortkorning")
    data = grid_data(security_client.get(url))
    data[field("tm-fortkorning", "2021", "alla")] = "1.85"
    security_client.post(url, data)
    assert cell("tm-fortkorning", "2021", "alla").value == Decimal("1.85")


def add_periods(source_code, count=30):
    source = Period.objects.filter(source__indicators__code=source_code).first().source
    Period.objects.bulk_create(
        Period(source=source, label=f"extra-{n}", year=1950 + n) for n in range(count)
    )


def test_grid_query_count_does_not_grow(security_client, demo_values):
    url = GRID.format(code="fhe-tobak")
    with CaptureQueriesContext(connection) as few:
        security_client.get(url)
    add_periods("fhe-tobak")
    with CaptureQueriesContext(connection) as many:
        response = security_client.get(url)
    assert "extra-29" in response.text
    assert len(many) == len(few)


def test_list_query_count_does_not_grow(security_client, demo_values):
    with CaptureQueriesContext(connection) as few:
        security_client.get("/indikatorer/")
    add_periods("brott-bostadsinbrott")
    burglaries = Indicator.objects.get(code="brott-bostadsinbrott")
    everyone = Group.objects.get(code="alla")
    Value.objects.bulk_create(
        Value(
            indicator=burglaries,
            municipality=demo_values.municipality,
            period=period,
            group=everyone,
            value=1,
        )
        for period in Period.objects.filter(label__startswith="extra-")
    )
    with CaptureQueriesContext(connection) as many:
        security_client.get("/indikatorer/")
    assert len(many) == len(few)
