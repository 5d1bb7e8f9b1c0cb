"""Files the fuzzer (tests/fuzz/fuzz_readers.py) found to break a reader: each is now read or
refused with a message naming its row."""

import json

import pytest

from indicators import importing, reading
from indicators.models import Indicator

FOUND = {
    "a quotation mark opened in the first row": (
        "a.csv",
        b'indicator;"period;group;value\nx;2021;alla;1\n',
        ["Rad 1: ett citattecken avslutas aldrig."],
    ),
}


def kolada(*values, period=2021):
    block = {"kpi": "N12345", "municipality": "1287", "period": period, "values": list(values)}
    return json.dumps({"values": [block]}).encode()


KOLADA = {
    "values as text": (
        json.dumps({"values": [{"kpi": "N12345", "municipality": "1287", "values": "T"}]}).encode(),
        [],
    ),
    "an entry that is not an object": (kolada(["T", 90]), []),  # left out: it has no gender
    "a value that is a list": (
        kolada({"gender": "T", "value": [[[90]]]}),
        ["Post 1, fält value: värdet saknas."],
    ),
    "a period that is an object": (
        kolada({"gender": "T", "value": 90}, period={"year": 2021}),
        ["Post 1, fält period: Polisanmälda brott har ingen period ”” (perioder:"],
    ),
}


@pytest.mark.parametrize(("content", "problems"), KOLADA.values(), ids=KOLADA)
def test_kolada_fields_of_the_wrong_kind_are_named_not_raised(seed_agreement, content, problems):
    Indicator.objects.filter(code="brott-bostadsinbrott").update(kolada_kpi="N12345")
    preview = importing.preview_upload(reading.read_file("kolada.json", content))
    found = [str(problem) for problem in preview.problems]
    assert len(found) == len(problems)
    for message, expected in zip(found, problems, strict=True):
        assert message.startswith(expected)


@pytest.mark.parametrize(("name", "content", "problems"), FOUND.values(), ids=FOUND)
def test_found_by_fuzzing(db, name, content, problems):
    assert [str(problem) for problem in reading.read_file(name, content).problems] == problems
