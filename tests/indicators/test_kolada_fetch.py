"""`manage.py fetch_kolada` on recorded answers of Kolada's API, never the network: pages
followed and merged, failures tried again, an unreachable Kolada said in Swedish, and the
figures of several municipalities imported all or nothing."""

import json
import urllib.error
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators import kolada_fetch
from indicators.models import Indicator, Value
from municipalities.models import Population
from tests.places import municipality, svedala

PAGE_2 = kolada_fetch.API + "data/kpi/N07403/municipality/1263,0012/year/2021?page=2"


def page(*blocks, next_page=None):
    answer = {"count": len(blocks), "values": list(blocks)}
    if next_page:
        answer["next_page"] = next_page
    return json.dumps(answer).encode()


def block(code, total, kpi="N07403", year=2021):
    return {"kpi": kpi, "municipality": code, "period": year, "values": [
        {"gender": "T", "count": 1, "status": "", "value": total},
    ]}  # fmt: skip


class Recorded:
    """Kolada as recorded: an answer per address, or an error to raise, in turn."""

    def __init__(self, answers):
        self.answers, self.asked = answers, []

    def __call__(self, url):
        self.asked.append(url)
        answer = self.answers[url]
        if isinstance(answer, list):
            answer = answer.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.fixture
def places(seed_agreement):
    Indicator.objects.filter(code="brott-bostadsinbrott").update(kolada_kpi="N07403")
    return svedala(), municipality("0012", "Region Skåne")


def recorded(monkeypatch, answers):
    kolada = Recorded(answers)
    monkeypatch.setattr(kolada_fetch, "_get", kolada)
    monkeypatch.setattr(kolada_fetch.time, "sleep", lambda seconds: None)
    return kolada


def first_url(kpi="N07403"):
    return kolada_fetch.data_url([kpi], ["1263", "0012"], [2021])


def fetch(*options):
    out = StringIO()
    call_command(
        "fetch_kolada", "--municipality", "1263", "--municipality", "0012", "--year", "2021",
        *options, stdout=out, stderr=StringIO(),
    )  # fmt: skip
    return out.getvalue()


def burglaries():
    values = Value.objects.filter(indicator__code="brott-bostadsinbrott", period__label="2021")
    return dict(values.values_list("municipality__code", "value"))


def test_pages_are_followed_and_each_municipality_gets_its_figure(monkeypatch, places):
    kolada = recorded(monkeypatch, {
        first_url(): page(block("1263", 44), next_page=PAGE_2),
        PAGE_2: page(block("0012", 2550)),
    })  # fmt: skip
    assert "Importerat: 2 tillagda, 0 ändrade." in fetch()
    assert kolada.asked == [first_url(), PAGE_2]
    assert burglaries() == {"1263": Decimal(44), "0012": Decimal(2550)}
    note = Value.objects.get(municipality__code="1263", indicator__code="brott-bostadsinbrott")
    assert note.note == "Från Kolada (CC BY 4.0)"


def test_a_timeout_and_a_server_error_are_tried_again(monkeypatch, places):
    pauses = []
    kolada = Recorded({first_url(): [
        TimeoutError("timed out"),
        urllib.error.HTTPError(first_url(), 503, "Service Unavailable", {}, None),
        page(block("1263", 44)),
    ]})  # fmt: skip
    answer = kolada_fetch.fetch(first_url(), get=kolada, pause=pauses.append)
    assert answer == {"count": 1, "values": [block("1263", 44)]}
    assert pauses == [2, 4]


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (urllib.error.URLError("Name or service not known"), "Kolada kunde inte nås"),
        (urllib.error.HTTPError("u", 404, "Not Found", {}, None), "Kolada svarade 404"),
    ],
    ids=["offline", "a question Kolada does not know"],
)
def test_an_unreachable_kolada_is_said_in_swedish_and_nothing_changes(
    monkeypatch, places, failure, message
):
    kolada = recorded(monkeypatch, {first_url(): failure})
    before = burglaries()
    with pytest.raises(CommandError, match=message):
        fetch()
    assert burglaries() == before
    assert len(kolada.asked) == (3 if "nås" in message else 1)


def test_a_next_page_outside_kolada_is_not_followed(monkeypatch, places):
    elsewhere = "https://example.com/steal"
    kolada = recorded(monkeypatch, {first_url(): page(block("1263", 44), next_page=elsewhere)})
    with pytest.raises(CommandError, match="pekade utanför Kolada"):
        fetch()
    assert kolada.asked == [first_url()] and "1263" not in burglaries()


def test_an_answer_naming_an_unknown_municipality_imports_nothing(monkeypatch, places):
    recorded(monkeypatch, {first_url(): page(block("1263", 44), block("1280", 3000))})
    with pytest.raises(CommandError, match="Inget importerades"):
        fetch()
    assert "1263" not in burglaries()


def test_the_answer_can_be_saved_for_the_import_page(monkeypatch, places, tmp_path):
    recorded(monkeypatch, {
        first_url(): page(block("1263", 44), next_page=PAGE_2), PAGE_2: page(block("0012", 2550)),
    })  # fmt: skip
    saved = tmp_path / "kolada.json"
    fetch("--save", str(saved))
    assert json.loads(saved.read_text())["count"] == 2
    assert "1263" not in burglaries()


def test_population_is_fetched_into_inhabitants(monkeypatch, places):
    url = first_url("N01951")
    recorded(
        monkeypatch, {url: page(block("1263", 22550, "N01951"), block("0012", 1400000, "N01951"))}
    )
    fetch("--population")
    assert set(Population.objects.values_list("municipality__code", "year", "inhabitants")) == {
        ("1263", 2021, 22550),
        ("0012", 2021, 1400000),
    }
