"""Files from Swedish Excel, and Kolada's JSON answer, read into plain rows.

Excel writes CSV with semicolons or commas, a decimal comma or point, in UTF-8 with or without
BOM or in Windows-1252; or the file is an XLSX workbook. A row is a dict of strings keyed by
column name, with its row number: what the import checks, and what the browser import keeps
in the session between preview and confirmation. A file that cannot be read gives problems
naming row and column instead.
"""

import io
import operator
import re
from dataclasses import dataclass, field

import pandas as pd
from django.utils.translation import gettext as _

from . import kolada

COLUMNS = ["indicator", "period", "group", "value", "status", "note"]
REQUIRED = COLUMNS[:4]
MAX_ROWS = 5000
XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: a row and column, or a Kolada entry and field."""

    row: int
    column: str
    message: str
    in_json: bool = False

    def __str__(self):
        place = {"row": self.row, "column": self.column}
        if self.in_json:
            where = _("Entry %(row)s, field %(column)s") if self.column else _("Entry %(row)s")
        else:
            where = _("Row %(row)s, column %(column)s") if self.column else _("Row %(row)s")
        return f"{where % place}: {self.message}"


@dataclass
class Upload:
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # entries left out on purpose, said in words


def read_file(name, content, max_rows=None):
    """The file's rows as dicts of strings, or the problems that stop it being read. The row
    limit (MAX_ROWS unless given) keeps a browser import's preview small; the benchmark reads
    larger files."""
    lower = name.lower()
    if lower.endswith(".json") or content.lstrip()[:1] == b"{":
        rows, problems, notes = kolada.read_answer(content)
        return Upload(rows, [Problem(*problem) for problem in problems], notes)
    if lower.endswith(".xls"):
        return Upload(problems=[Problem(1, "", _("old .xls files cannot be read; save as .xlsx."))])
    if lower.endswith(".xlsx") or content.startswith(XLSX_MAGIC):
        records, problems = _read_xlsx(content)
    else:
        records, problems = _read_csv(content)
    return Upload(problems=problems) if problems else _table_rows(records, max_rows or MAX_ROWS)


def _read_xlsx(content):
    try:
        frame = pd.read_excel(
            io.BytesIO(content), header=None, dtype=str, keep_default_na=False, engine="openpyxl"
        )
    except Exception:  # openpyxl and zipfile raise many kinds for a damaged file
        return None, [Problem(1, "", _("the file cannot be read as an Excel workbook (.xlsx)."))]
    return [[str(cell) for cell in record] for record in frame.fillna("").values], []


def _read_csv(content):
    if not content.strip():
        return None, [_empty_file()]
    text, problem = _decode(content)
    if problem:
        return None, [problem]
    text = text.removeprefix("\ufeff")  # a second BOM, from a file saved twice with one
    lines = text.splitlines()
    separator = _separator(lines[0])
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=separator,
            header=None,
            # Wide enough for any row, so a row with too many fields is ours to report.
            names=range(max(line.count(separator) for line in lines) + 1),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
        )
    except pd.errors.ParserError as error:  # an open quotation mark swallows the rest
        found = re.search(r"row (\d+)", str(error))
        row = int(found.group(1)) + 1 if found else len(lines)
        return None, [Problem(row, "", _("a quotation mark is never closed."))]
    return frame.to_numpy().tolist(), []


def _decode(content):
    """The text of a CSV file in UTF-8 (with or without BOM) or Windows-1252."""
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    bad = content.find(b"\x00")  # UTF-16, or not text at all
    if bad < 0:
        try:
            return content.decode("utf-8"), None
        except UnicodeDecodeError:
            pass
        try:
            return content.decode("cp1252"), None
        except UnicodeDecodeError as error:
            bad = error.start
    return None, _encoding_problem(content, bad)


def _encoding_problem(content, position):
    """Where the first unreadable byte sits, by row and column."""
    line_start = content.rfind(b"\n", 0, position) + 1
    header = content.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    separator = _separator(header)
    index = content[line_start:position].count(separator.encode())
    names = [cell.strip().lower() for cell in header.split(separator)]
    column = names[index] if index < len(names) and names[index].isascii() else str(index + 1)
    message = _(
        "the file is neither UTF-8 nor Windows-1252 (byte 0x%(byte)02X). Save it from Excel as "
        "“CSV UTF-8” or “CSV (semicolon separated)”."
    ) % {"byte": content[position]}
    return Problem(content.count(b"\n", 0, position) + 1, column, message)


def _separator(header_line):
    for separator in (";", "\t"):
        if separator in header_line:
            return separator
    return ","


def _empty_file():
    message = _("the file is empty. The first row must name the columns %(columns)s.")
    return Problem(1, "", message % {"columns": ", ".join(REQUIRED)})


def _header(cells):
    """Column index → column name, with a problem for each unknown, double or missing one."""
    columns, problems = {}, []
    for index, cell in enumerate(cells):
        name = cell.lower()
        if not name:
            continue
        if name not in COLUMNS:
            message = _("unknown column. The columns are %(columns)s.")
            problems.append(Problem(1, cell, message % {"columns": ", ".join(COLUMNS)}))
        elif name in columns.values():
            problems.append(Problem(1, cell, _("the column appears twice.")))
        else:
            columns[index] = name
    for name in REQUIRED:
        if name not in columns.values():
            message = _("the column is missing. The first row must name %(columns)s.")
            problems.append(Problem(1, name, message % {"columns": ", ".join(REQUIRED)}))
    return columns, problems


def _table_rows(records, max_rows):
    if not any(cell.strip() for record in records for cell in record):
        return Upload(problems=[_empty_file()])
    header = [cell.strip() for cell in records[0]]
    columns, problems = _header(header)
    if problems:
        return Upload(problems=problems)
    keys, take = ("row", *columns.values()), operator.itemgetter(*columns)
    # Both readers give rows as wide as the widest one, so a row too wide shows as a value
    # under a column the first row leaves unnamed.
    unnamed = [index for index in range(len(header)) if index not in columns]
    upload = Upload()
    for number, record in enumerate(records[1:], start=2):
        record = [cell.strip() for cell in record]  # row by row: fewer lists alive at once
        if not any(record):
            continue
        if len(upload.rows) == max_rows:
            message = _("the file has more than %(max)s rows; split it.") % {"max": max_rows}
            upload.problems.append(Problem(number, "", message))
            break
        if any(record[index] for index in unnamed):
            message = _(
                "the row has more fields than the first row. With comma as separator, put "
                "decimal numbers in quotation marks, or separate with semicolons."
            )
            upload.problems.append(Problem(number, "", message))
        upload.rows.append(dict(zip(keys, (number, *take(record)), strict=True)))
    if not upload.rows:
        upload.problems.append(Problem(2, "", _("the file has no rows with values.")))
    return upload
