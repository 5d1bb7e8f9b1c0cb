"""Coverage-guided fuzzing of the import's file readers: CSV, XLSX and Kolada JSON.

    python tests/fuzz/fuzz_readers.py -max_total_time=300 /tmp/corpus tests/fuzz/corpus/readers

The first byte picks the reader and whether the rest is the file itself or the makings of a
well-formed one (a workbook of fuzzed cells, a Kolada answer of fuzzed entries), so that the
fuzzer gets past the archive and the JSON syntax. The property: `read_file` never raises, and
gives rows of strings or problems whose text names a row or an entry.
"""

import io
import json
import os
import re
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ["DJANGO_SETTINGS_MODULE"] = "trelleborg_samverkan.settings"
os.environ["DEBUG"] = "1"
os.environ["DATABASE_URL"] = "sqlite:///:memory:"

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402
from openpyxl.utils.exceptions import IllegalCharacterError  # noqa: E402

from tests.tables import make_tables_from_the_models  # noqa: E402

with atheris.instrument_imports(include=["indicators"]):
    from indicators import reading
    from indicators.models import Indicator

NAMES_A_PLACE = re.compile(r"(Rad|Post) \d+[,:] ")
KINDS = ["raw.csv", "raw.xlsx", "built.xlsx", "raw.json", "built.json"]


def seed_database():
    """The seed agreement, and a Kolada KPI linked to an indicator, so that Kolada entries
    get past the first checks."""
    make_tables_from_the_models()
    call_command("loaddata", "trelleborg-2019-2022", verbosity=0)
    Indicator.objects.filter(code="brott-bostadsinbrott").update(kolada_kpi="N12345")


def fuzzed_cell(data):
    kind = data.ConsumeIntInRange(0, 3)
    if kind == 0:
        return data.ConsumeUnicodeNoSurrogates(data.ConsumeIntInRange(0, 40))
    if kind == 1:
        return data.ConsumeInt(8)
    if kind == 2:
        return data.ConsumeFloat()
    return None


def built_workbook(data):
    book = openpyxl.Workbook()
    sheet = book.active
    try:
        for _row in range(data.ConsumeIntInRange(0, 8)):
            sheet.append([fuzzed_cell(data) for _column in range(data.ConsumeIntInRange(0, 8))])
    except IllegalCharacterError:  # control characters, which no workbook holds
        return b""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def built_answer(data):
    def item():
        return {
            "gender": data.PickValueInList(["T", "K", "M", "", "X"]),
            "value": fuzzed_cell(data),
            "status": "",
        }

    blocks = [
        {
            "kpi": data.PickValueInList(["N12345", "N00000", "", 7]),
            "municipality": data.PickValueInList(["1287", "1280", "", None]),
            "period": fuzzed_cell(data),
            "values": [item() for _ in range(data.ConsumeIntInRange(0, 4))],
        }
        for _ in range(data.ConsumeIntInRange(0, 4))
    ]
    answer = {"values": blocks, "next_page": data.ConsumeBool() or None}
    return json.dumps(answer, allow_nan=True).encode()


def check(upload):
    assert isinstance(upload, reading.Upload)
    for row in upload.rows:
        assert isinstance(row["row"], int) and row["row"] >= 1, row
        assert all(isinstance(v, str) for k, v in row.items() if k not in ("row", "in_json")), row
    for problem in upload.problems:
        assert isinstance(problem, reading.Problem), problem
        assert NAMES_A_PLACE.match(str(problem)), str(problem)
    assert all(isinstance(note, str) for note in upload.notes), upload.notes


def TestOneInput(data: bytes):  # noqa: N802 (atheris's name)
    if not data:
        return
    kind = KINDS[data[0] % len(KINDS)]
    content = data[1:]
    provider = atheris.FuzzedDataProvider(content)
    if kind == "built.xlsx":
        content = built_workbook(provider)
    elif kind == "built.json":
        content = built_answer(provider)
    check(reading.read_file(kind, content))


def main():
    seed_database()
    translation.activate("sv")
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
