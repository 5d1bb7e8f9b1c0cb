"""Upload bombs: each is refused with a Swedish message naming its row, and nothing is saved;
the cheap checks refuse the worst before any parser runs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators import reading
from maintenance import bombs

from .conftest import snapshot
from .test_import import upload

REFUSALS = {
    "zip bomb xlsx": "Rad 1: arbetsboken packas upp till 30,0 MB",
    "wide-sheet xlsx": "Rad 1: första raden har 16384 kolumner; en fil får ha högst 100.",
    "wide xlsx without dimension": "Rad 1: första raden har 101 kolumner; en fil får ha högst 100.",
    "one row as large as the limits allow": "Rad 1: arbetsboken har 242868 celler",
    "million-separator csv header": "Rad 1: första raden har 1000004 kolumner",
    "million-separator csv row": "Rad 2: raden har fler fält än första raden.",
    "huge csv": "Rad 5002: filen har fler än 5000 rader; dela upp den.",
    "empty-line csv": "Rad 5003: filen har fler än 5000 tomma rader; ta bort dem.",
    "deep json": "Rad 1: filen är för djupt nästlad för att vara ett svar från Kolada.",
}


@pytest.fixture(scope="module")
def made():
    return {kind: make() for kind, make in bombs.BOMBS.items()}


@pytest.mark.parametrize("kind", REFUSALS)
def test_read_file_refuses_each_bomb(db, made, kind):
    name, content = made[kind]
    problems = [str(problem) for problem in reading.read_file(name, content).problems]
    assert any(problem.startswith(REFUSALS[kind]) for problem in problems), problems


@pytest.mark.parametrize("kind", REFUSALS)
def test_the_import_page_refuses_each_bomb_and_saves_nothing(security_client, stored, made, kind):
    response = upload(security_client, *made[kind])
    assert "Filen kan inte importeras" in response.text
    assert REFUSALS[kind] in response.text
    assert "indicators.pending_import" not in security_client.session
    assert snapshot() == stored


@pytest.mark.parametrize(
    "kind", ["zip bomb xlsx", "wide-sheet xlsx", "million-separator csv header"]
)
def test_the_worst_bombs_are_refused_before_any_parser_runs(db, made, kind, monkeypatch):
    def parser_called(*args, **kwargs):
        raise AssertionError("the file reached the parser")

    monkeypatch.setattr("indicators.reading.pd.read_csv", parser_called)
    monkeypatch.setattr("openpyxl.worksheet._reader.WorkSheetParser.parse", parser_called)
    name, content = made[kind]
    problems = reading.read_file(name, content).problems
    assert [str(problem)[: len(REFUSALS[kind])] for problem in problems] == [REFUSALS[kind]]


def test_a_sheet_is_read_as_a_stream_up_to_the_row_limit(db, monkeypatch):
    monkeypatch.setattr("indicators.reading.MAX_ROWS", 3)
    rows = [bombs.sheet_row(1, bombs.HEADER.split(";"))]
    rows += [bombs.sheet_row(n, bombs.ROW.split(";")) for n in range(2, 2002)]
    read = []
    original = reading._cell_text
    monkeypatch.setattr(
        "indicators.reading._cell_text", lambda cell: read.append(1) or original(cell)
    )
    problems = reading.read_file("lang.xlsx", bombs.workbook(rows)).problems
    assert [str(problem) for problem in problems] == [
        "Rad 5: filen har fler än 3 rader; dela upp den."
    ]
    assert len(read) <= 5 * (reading.MAX_COLUMNS + 1)  # five rows read of 2001


def test_an_upload_larger_than_5_mb_is_refused(security_client, stored):
    big = SimpleUploadedFile("stor.csv", b"x" * (5 * 1024 * 1024 + 1))
    response = security_client.post("/indikatorer/import/", {"file": big})
    assert "Filen är större än 5 MB; dela upp den." in response.text
    assert snapshot() == stored
