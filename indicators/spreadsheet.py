"""Cells for the CSV and XLSX files the app writes, safe to open in a spreadsheet.

Excel and LibreOffice run a cell that starts with = + - @, a tab or a carriage return as a
formula (OWASP: CSV injection). In CSV such text gets an apostrophe in front, which the import
takes off again; numbers are left as they are. In XLSX text is a string cell, never a formula,
and formula-like text is marked as text so that editing the cell keeps it text.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _looks_like_formula(text):
    # Apostrophes already in front count too, so that the import's undoing stays exact.
    return text.lstrip(QUOTE).startswith(FORMULA_STARTS)


def csv_cell(value):
    """A value for a CSV cell: text a spreadsheet would run as a formula with an apostrophe
    in front; numbers and other text as they are."""
    if isinstance(value, str) and _looks_like_formula(value):
        return QUOTE + value
    return value


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
