"""Files from Swedish Excel, and Kolada's JSON answer, read into plain rows.

Excel writes CSV with semicolons or commas, a decimal comma or point, in UTF-8 with or without
BOM or in Windows-1252; or the file is an XLSX workbook. A row is a dict of strings keyed by
column name, with its row number: what the import checks, and what the browser import keeps
in the session between preview and confirmation. A file that cannot be read gives problems
naming row and column instead.

A file made to cost more than it looks (a zip bomb, a sheet or line of a million columns) is
refused by cheap checks before any parser sees it, and rows are read as a stream that stops
at the row limit, so that a refusal takes well under a second and little memory.
"""

import gc
import io
import itertools
import operator
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field

import openpyxl
import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import kolada

COLUMNS = ["indicator", "period", "group", "value", "status", "note", "municipality"]
REQUIRED = COLUMNS[:4]
MAX_ROWS = 5000
MAX_BLANK_ROWS = MAX_ROWS
MAX_COLUMNS = 100
# A workbook as its zip directory declares it, checked before anything is unpacked. A sheet
# of MAX_ROWS rows with long notes unpacks to about 3.5 MB, at a ratio well under 100 to 1.
MAX_UNPACKED = 4 * 1024**2
MAX_MEMBERS = 100
MAX_RATIO = 100
# MAX_ROWS rows of six columns are 30,000 cells; formatting may add empty ones. openpyxl
# parses 50,000 in about half a second.
MAX_CELLS = 50_000
XLSX_MAGIC = b"PK\x03\x04"
CSV_CHUNK_ROWS = 2000
# A well-formed multi-byte UTF-8 sequence: in a file that is not all UTF-8, a sign of a mix.
UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


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


@contextmanager
def collector_paused():
    """Python's cycle collector held off while a file's rows are made and checked. They are
    dicts, tuples and lines without cycles, and every few hundred of them would otherwise start
    a pass over the young objects, and now and then over every object of the process: for a
    large file, more time than making them."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def read_file(name, content, max_rows=None):
    """The file's rows as dicts of strings, or the problems that stop it being read. The row
    limit (MAX_ROWS unless given) keeps a browser import's preview small; the benchmark reads
    larger files."""
    with collector_paused():
        return _read_file(name, content, max_rows)


def _read_file(name, content, max_rows):
    lower = name.lower()
    if lower.endswith(".json") or content.lstrip()[:1] == b"{":
        rows, problems, notes = kolada.read_answer(content)
        return Upload(rows, [Problem(*problem) for problem in problems], notes)
    if lower.endswith(".xls"):
        return Upload(problems=[Problem(1, "", _("old .xls files cannot be read; save as .xlsx."))])
    if lower.endswith(".xlsx") or content.startswith(XLSX_MAGIC):
        records = _xlsx_records(content)
    else:
        records = _csv_records(content)
    try:
        return _table_rows(records, max_rows or MAX_ROWS)
    except Refused as refused:
        return Upload(problems=[refused.problem])


class Refused(Exception):
    """A file refused as a whole, before or while its rows are read."""

    def __init__(self, problem):
        super().__init__(str(problem))
        self.problem = problem


def _xlsx_records(content):
    """The first sheet's rows as lists of strings, streamed: a row at a time, at most
    MAX_COLUMNS + 1 cells wide, after the archive and the sheet's dimension are checked."""
    _check_archive(content)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl and zipfile raise many kinds for a damaged file
        raise Refused(_unreadable_workbook()) from None
    try:
        sheet = book.worksheets[0]
        if (sheet.max_column or 0) > MAX_COLUMNS:
            raise Refused(_too_wide(sheet.max_column))
        for record in sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True):
            yield [_cell_text(cell) for cell in record]
    except Refused:
        raise
    except Exception:
        raise Refused(_unreadable_workbook()) from None
    finally:
        book.close()


def _check_archive(content):
    """Refuse a workbook by what its zip directory declares, before anything is unpacked
    (zipfile never unpacks a member past its declared size), then by its cells."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except Exception:
        raise Refused(_unreadable_workbook()) from None
    unpacked = sum(member.file_size for member in members)
    packed = max(sum(member.compress_size for member in members), 1)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * packed:
        message = _(
            "the workbook unpacks to %(size)s MB, %(ratio)s times its size: more than a file "
            "of values needs (at most %(max)s MB). Save only the sheet with the values, or "
            "save it as CSV."
        )
        where = {
            "size": f"{unpacked / 1024**2:.1f}".replace(".", ","),
            "ratio": unpacked // packed,
            "max": MAX_UNPACKED // 1024**2,
        }
        raise Refused(Problem(1, "", message % where))
    _check_cells(archive, members)


def _check_cells(archive, members):
    """Refuse sheets of more cells than openpyxl parses in about a second, counted in their
    XML: openpyxl parses a row's every cell before the import sees how wide the row is."""
    try:
        cells = sum(
            _cell_count(archive.read(member))
            for member in members
            if member.filename.startswith("xl/worksheets/")
        )
    except Exception:
        raise Refused(_unreadable_workbook()) from None
    if cells > MAX_CELLS:
        message = _(
            "the workbook has %(count)s cells, more than a file of values needs (at most "
            "%(max)s). Save only the rows and columns with values, or save it as CSV."
        )
        raise Refused(Problem(1, "", message % {"count": cells, "max": MAX_CELLS}))


def _cell_count(xml):
    return xml.count(b"<c ") + xml.count(b"<c>") + xml.count(b"<c/>")


def _cell_text(cell):
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # 2021.0 is the year 2021, as pandas read it
    return str(cell)


def _unreadable_workbook():
    return Problem(1, "", _("the file cannot be read as an Excel workbook (.xlsx)."))


def _too_wide(columns):
    message = _("the first row has %(count)s columns; a file may have at most %(max)s.")
    return Problem(1, "", message % {"count": columns, "max": MAX_COLUMNS})


def _csv_records(content):
    """The file's lines as lists of strings, each as wide as the first row plus one, so a row
    with a field too many is ours to report; pandas reads them a chunk at a time."""
    if not content.strip():
        raise Refused(_empty_file())
    text = _decode(content).removeprefix("\ufeff")  # a second BOM, from a file saved twice
    end = text.find("\n")
    header = text if end < 0 else text[:end]
    separator = _separator(header)
    width = header.count(separator) + 1
    if width > MAX_COLUMNS:  # before pandas makes a column of each
        raise Refused(_too_wide(width))
    try:  # pandas reads the first chunk at once, the rest as they are asked for
        chunks = pd.read_csv(
            io.StringIO(text),
            sep=separator,
            header=None,
            names=range(width + 1),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            chunksize=CSV_CHUNK_ROWS,
        )
        for chunk in chunks:
            yield from chunk.to_numpy().tolist()
    except pd.errors.ParserError as error:
        raise Refused(_parser_problem(str(error), text)) from None


def _parser_problem(error, text):
    wide = re.search(r"Expected \d+ fields in line (\d+)", error)
    if wide:
        return Problem(int(wide.group(1)), "", _too_many_fields())
    # Otherwise an open quotation mark swallowed the rest.
    found = re.search(r"row (\d+)", error)
    row = int(found.group(1)) + 1 if found else text.count("\n") + 1
    return Problem(row, "", _("a quotation mark is never closed."))


def _too_many_fields():
    return _(
        "the row has more fields than the first row. With comma as separator, put "
        "decimal numbers in quotation marks, or separate with semicolons."
    )


def _decode(content):
    """The text of a CSV file in UTF-8 (with or without BOM) or Windows-1252, but not a mix."""
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    bad = content.find(b"\x00")  # UTF-16, or not text at all
    if bad >= 0:
        raise Refused(_encoding_problem(content, bad, _NEITHER))
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.start
    if UTF8_SEQUENCE.search(content):  # a row pasted from a Windows-1252 file, or the reverse
        raise Refused(_encoding_problem(content, bad, _MIXED))
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as error:
        raise Refused(_encoding_problem(content, error.start, _NEITHER)) from None


_NEITHER = gettext_lazy(
    "the file is neither UTF-8 nor Windows-1252 (byte 0x%(byte)02X). Save it from Excel as "
    "“CSV UTF-8” or “CSV (semicolon separated)”."
)
_MIXED = gettext_lazy(
    "the file mixes UTF-8 and Windows-1252: this byte (0x%(byte)02X) is not UTF-8, but the "
    "file has UTF-8 letters before or after it. Save it again from Excel as “CSV UTF-8”."
)


def _encoding_problem(content, position, message):
    """Where the first unreadable byte sits, by row and column."""
    line_start = content.rfind(b"\n", 0, position) + 1
    header = content.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    separator = _separator(header)
    index = content[line_start:position].count(separator.encode())
    names = [cell.strip().lower() for cell in header.split(separator)]
    column = names[index] if index < len(names) and names[index].isascii() else str(index + 1)
    row = content.count(b"\n", 0, position) + 1
    return Problem(row, column, str(message) % {"byte": content[position]})


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
    """Rows keyed by the first row's column names, read one record at a time, up to
    `max_rows` rows with values and MAX_BLANK_ROWS empty ones."""
    records = enumerate(records, start=1)
    header = [cell.strip() for cell in next(records, (1, []))[1]]
    while header and not header[-1]:
        header.pop()
    if not header and _all_blank(records):
        return Upload(problems=[_empty_file()])
    if len(header) > MAX_COLUMNS:
        raise Refused(_too_wide(len(header)))
    columns, problems = _header(header)
    if problems:
        return Upload(problems=problems)
    keys, take = ("row", *columns.values()), operator.itemgetter(*columns)
    # A value past the first row's last name, or under a column it leaves unnamed, is a
    # row too wide.
    width = len(header)
    unnamed = [index for index in range(width) if index not in columns]
    upload, blank = Upload(), 0
    strip = str.strip
    for number, record in records:
        record = list(map(strip, record))  # row by row: fewer lists alive at once
        if not any(record):
            blank += 1
            if blank > MAX_BLANK_ROWS:
                message = _("the file has more than %(max)s empty rows; remove them.")
                upload.problems.append(Problem(number, "", message % {"max": MAX_BLANK_ROWS}))
                break
            continue
        if len(upload.rows) == max_rows:
            message = _("the file has more than %(max)s rows; split it.") % {"max": max_rows}
            upload.problems.append(Problem(number, "", message))
            break
        if len(record) < width:
            record += [""] * (width - len(record))
        if any(record[width:]) or (unnamed and any(record[index] for index in unnamed)):
            upload.problems.append(Problem(number, "", _too_many_fields()))
        upload.rows.append(dict(zip(keys, (number, *take(record)), strict=True)))
    if not upload.rows:
        upload.problems.append(Problem(2, "", _("the file has no rows with values.")))
    return upload


def _all_blank(records):
    blank_rows = itertools.islice(records, MAX_BLANK_ROWS)
    return not any(cell.strip() for _number, record in blank_rows for cell in record)
