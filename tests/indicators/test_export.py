"""The indicator export opens in a spreadsheet without running formulas, and imports unchanged."""

import csv
import io
from decimal import Decimal

import pytest

from indicators.models import Indicator, Value

from .test_import import run_command, snapshot, upload
from .test_spreadsheet import FORMULAS

NOTES = [*FORMULAS, "'citat", "'=1"]


def noted_values():
    """The crime values that get the notes, in the export's order."""
    crimes = ["brott-bostadsinbrott", "brott-skadegorelse"]
    values = Value.objects.filter(indicator__code__in=crimes)
    return values.order_by("indicator__code", "period__year")[: len(NOTES)]


@pytest.fixture
def formula_notes(demo_values):
    """Formula-like notes on some values, and a negative figure where the scale allows one."""
    for value, note in zip(noted_values(), NOTES, strict=True):
        value.note = note
        value.save()
    store_negative_figure()
    return snapshot()


def store_negative_figure():
    """-3.5 for 2021 on an indicator whose scale then allows figures below zero."""
    Indicator.objects.filter(code="tm-otrygghet").update(scale_min=None)
    Value.objects.filter(indicator__code="tm-otrygghet", period__label="2021").update(
        value=Decimal("-3.5")
    )


def exported_rows(client):
    content = client.get("/indikatorer/export.csv").content
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    text = content.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_export_writes_formula_text_behind_an_apostrophe(police_client, formula_notes):
    notes = [row["note"] for row in exported_rows(police_client)][: len(NOTES)]
    assert notes == ["'" + note for note in FORMULAS] + ["'citat", "''=1"]


def test_export_keeps_negative_figures_as_numbers(police_client, formula_notes):
    rows = exported_rows(police_client)
    (row,) = [r for r in rows if r["indicator"] == "tm-otrygghet" and r["period"] == "2021"]
    assert row["value"] == "-3,5"


def test_exported_formula_notes_import_unchanged(tmp_path, police_client, formula_notes):
    content = police_client.get("/indikatorer/export.csv").content
    output = run_command(tmp_path, "export.csv", content)
    assert f"0 att lägga till, 0 att ändra, {Value.objects.count()} oförändrade." in output
    assert snapshot() == formula_notes


def test_browser_import_of_an_export_restores_the_notes_exactly(security_client, formula_notes):
    content = security_client.get("/indikatorer/export.csv").content
    Value.objects.filter(pk__in=[value.pk for value in noted_values()]).update(note="ändrad")
    response = upload(security_client, "export.csv", content)
    preview = response.context["preview"]
    assert (len(preview.added), len(preview.changed), preview.problems) == (0, len(NOTES), [])
    security_client.post("/indikatorer/import/bekrafta/", {"fingerprint": preview.fingerprint()})
    assert [value.note for value in noted_values()] == NOTES
