"""Cells a spreadsheet would run as formulas are written as text, and read back as they were."""

import io
from decimal import Decimal

import openpyxl
import pytest

from indicators.spreadsheet import append_xlsx_row, csv_cell, original_text

# OWASP's CSV injection examples, one for each character a spreadsheet starts a formula with.
HYPERLINK = '=HYPERLINK("http://example.com/","klicka")'
FORMULAS = [HYPERLINK, "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_text_gets_an_apostrophe_in_csv_and_reads_back(text):
    assert csv_cell(text) == "'" + text
    assert original_text(csv_cell(text)) == text


@pytest.mark.parametrize("text", ["'citat", "'", "vanlig text", "", "2021", "a=b"])
def test_other_text_is_written_and_read_as_it_is(text):
    assert csv_cell(text) == text
    assert original_text(text) == text


@pytest.mark.parametrize("text", ["'=1", "''-tagg"])
def test_apostrophes_before_formula_text_survive_the_round_trip(text):
    assert csv_cell(text) == "'" + text
    assert original_text(csv_cell(text)) == text


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (-3, "-3"),
        (-3.5, "-3,5"),
        (Decimal("-3.50"), "-3,5"),
        (0, "0"),
        (12.5, "12,5"),
        (0.1, "0,1"),
    ],
)
def test_numbers_are_written_with_a_decimal_comma_and_no_apostrophe(number, text):
    assert csv_cell(number) == text


def test_missing_numbers_stay_empty():
    assert csv_cell(None) is None


def test_xlsx_text_cells_are_strings_and_numbers_numeric():
    book = openpyxl.Workbook()
    texts = [*FORMULAS, "#NAME?", "'citat"]
    append_xlsx_row(book.active, [*texts, -3.5, -2])
    out = io.BytesIO()
    book.save(out)
    cells = next(openpyxl.load_workbook(io.BytesIO(out.getvalue())).active.iter_rows())
    # XML reads a carriage return in text as a line feed.
    assert [cell.value for cell in cells] == [t.replace("\r", "\n") for t in texts] + [-3.5, -2]
    assert [cell.data_type for cell in cells[:8]] == ["s"] * 8
    assert [cell.quotePrefix for cell in cells[:8]] == [True] * 6 + [False, False]
    assert [cell.data_type for cell in cells[8:10]] == ["n", "n"]
