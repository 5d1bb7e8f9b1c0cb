"""Inhabitants per municipality and year from SCB's or Kolada's answer, all or nothing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from municipalities.models import Population
from tests.places import municipality, svedala, trelleborg

SCB = {
    "columns": [
        {"code": "Region", "text": "region", "type": "d"},
        {"code": "Tid", "text": "år", "type": "t"},
        {"code": "BE0101N1", "text": "Folkmängd", "type": "c"},
    ],
    "data": [
        {"key": ["1287", "2021"], "values": ["46050"]},
        {"key": ["12", "2021"], "values": ["1400000"]},
    ],
}


def kolada(*blocks):
    return {"values": list(blocks), "count": len(blocks)}


def block(code, year, total, kpi="N01951"):
    genders = [{"gender": "K", "value": total // 2}, {"gender": "T", "value": total}]
    return {"kpi": kpi, "municipality": code, "period": year, "values": genders}


def run(tmp_path, answer):
    path = tmp_path / "befolkning.json"
    path.write_text(json.dumps(answer) if isinstance(answer, dict) else answer)
    out = StringIO()
    call_command("import_population", str(path), stdout=out)
    return out.getvalue()


def stored():
    return set(Population.objects.values_list("municipality__code", "year", "inhabitants"))


@pytest.fixture
def places(db):
    return trelleborg(), svedala(), municipality("0012", "Region Skåne")


def test_scbs_answer_is_stored_with_the_countys_two_digits_read_as_four(tmp_path, places):
    assert "2 kommunår" in run(tmp_path, SCB)
    assert stored() == {("1287", 2021, 46050), ("0012", 2021, 1400000)}
    assert Population.objects.get(municipality__code="1287").source.startswith("SCB")


def test_koladas_answer_is_stored_from_its_total_and_replaces_a_year(tmp_path, places):
    run(tmp_path, kolada(block("1263", 2021, 22000)))
    run(tmp_path, kolada(block("1263", 2021, 22550), block("1263", 2022, 22880)))
    assert stored() == {("1263", 2021, 22550), ("1263", 2022, 22880)}
    assert Population.objects.filter(year=2021).get().history.count() == 2


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (kolada(block("1263", 2021, 22000), block("1280", 2021, 350000)), "koden 1280"),
        (kolada(block("1263", 2021, 22000, kpi="N07403")), "inte Koladas folkmängd"),
        (kolada(block("1263", "tjugo", 22000)), "är inte ett tal"),
        (kolada(block("1263", 2021, 0)), "utanför det rimliga"),
        ("[1, 2", "inte ett JSON-svar"),
    ],
    ids=["unknown municipality", "another KPI", "year not a number", "no one", "not JSON"],
)
def test_a_bad_answer_stores_nothing(tmp_path, places, answer, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, answer)
    assert stored() == set()
