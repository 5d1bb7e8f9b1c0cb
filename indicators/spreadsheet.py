"""The CSV and XLSX files the app writes, for Swedish Excel and safe to open in a spreadsheet.

A CSV file is UTF-8 with a BOM (without it Excel guesses Windows-1252), its cells separated by
semicolons and its numbers written with a decimal comma, as Swedish Excel reads and writes them.
An XLSX workbook holds numbers as numeric cells, one sheet per part, with a bold, frozen header
row and columns as wide as their content.

Excel and LibreOffice run a cell that starts with = + - @, a tab or a carriage return as a
formula (OWASP: CSV injection). In CSV such text gets an apostrophe in front, which the import
takes off again; numbers are left as they are. In XLSX text is a string cell, never a formula,
and formula-like text is marked as text so that editing the cell keeps it text.
"""

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .models.catalogue import plain_decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
BOM = "\ufeff"
# Column widths in characters: at least a short heading's, at most what fits on a screen.
MIN_WIDTH, MAX_WIDTH = 8, 60


def _looks_like_formula(text):
    # Apostrophes already in front count too, so that the import's undoing stays exact.
    return text.lstrip(QUOTE).startswith(FORMULA_STARTS)


def swedish_number(number):
    """A number as Swedish Excel writes it: 8.10 as 8,1, 2.00 as 2, -3.5 as -3,5."""
    return str(plain_decimal(str(number))).replace(".", ",")  # str: a float's shortest form


def csv_cell(value):
    """A value for a CSV cell: a number with a decimal comma; text a spreadsheet would run as
    a formula with an apostrophe in front; other text as it is."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return swedish_number(value)
    if isinstance(value, str) and _looks_like_formula(value):
        return QUOTE + value
    return value


def csv_text(header, rows):
    """A whole CSV file for Swedish Excel, its BOM included."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(cell) for cell in header])
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def original_text(cell):
    """The text `csv_cell` was given, from the text it wrote."""
    if cell.startswith(QUOTE) and _looks_like_formula(cell):
        return cell[1:]
    return cell


def append_xlsx_row(sheet, values):
    """Append a row to an openpyxl sheet with its text as string cells, never formulas."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl makes "=…" a formula and "#NAME?" an error
            if _looks_like_formula(cell.value):
                cell.quotePrefix = True


def xlsx_bytes(sheets):
    """A workbook of (title, header, rows) sheets, saved: numbers as numeric cells, text as
    string cells, each header row bold and frozen."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title)
        append_xlsx_row(sheet, list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            append_xlsx_row(sheet, list(row))
        sheet.freeze_panes = "A2"
        fit_columns(sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def fit_columns(sheet):
    """Each column as wide as its longest line, within MIN_WIDTH and MAX_WIDTH."""
    for index, column in enumerate(sheet.iter_cols(), start=1):
        texts = [str(cell.value) for cell in column if cell.value is not None]
        lines = [line for text in texts for line in text.splitlines()]
        longest = max((len(line) for line in lines), default=0)
        width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width
