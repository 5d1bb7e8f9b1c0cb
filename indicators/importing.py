"""Values in and out as files: CSV or XLSX from Swedish Excel, and Kolada's JSON answer.

An import runs in three steps. `read_file` turns the upload into plain rows (dicts of strings,
which the browser import keeps in the session between preview and confirmation). `preview_rows`
checks every row against the database and sorts it into added, changed and unchanged rows, or
problems naming row and column. `apply` writes a preview without problems, all or nothing.
"""

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from . import kolada
from .models import Group, Indicator, Period, Value, ValueStatus, plain_decimal

COLUMNS = ["indicator", "period", "group", "value", "status", "note"]
REQUIRED = COLUMNS[:4]
# The file's own words for a value's status, the same whatever the interface language.
STATUS_WORDS = {ValueStatus.PRELIMINARY: "preliminär", ValueStatus.FINAL: "slutlig"}
MAX_ROWS = 5000
MAX_NOTE = Value._meta.get_field("note").max_length
XLSX_MAGIC = b"PK\x03\x04"
NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")
LARGEST = Decimal(10) ** 10


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


def read_file(name, content):
    """The file's rows as dicts of strings, or the problems that stop it being read."""
    lower = name.lower()
    if lower.endswith(".json") or content.lstrip()[:1] == b"{":
        rows, problems, notes = kolada.read_answer(content)
        return Upload(rows, [Problem(*problem) for problem in problems], notes)
    if lower.endswith(".xls"):
        return Upload(problems=[Problem(1, "", _("old .xls files cannot be read; save as .xlsx."))])
    if lower.endswith(".xlsx") or content.startswith(XLSX_MAGIC):
        frame, problems = _read_xlsx(content)
    else:
        frame, problems = _read_csv(content)
    return Upload(problems=problems) if problems else _table_rows(frame)


def _read_xlsx(content):
    try:
        frame = pd.read_excel(
            io.BytesIO(content), header=None, dtype=str, keep_default_na=False, engine="openpyxl"
        )
    except Exception:  # openpyxl and zipfile raise many kinds for a damaged file
        return None, [Problem(1, "", _("the file cannot be read as an Excel workbook (.xlsx)."))]
    return frame, []


def _read_csv(content):
    if not content.strip():
        return None, [_empty_file()]
    text, problem = _decode(content)
    if problem:
        return None, [problem]
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
            engine="python",
        )
    except pd.errors.ParserError as error:
        found = re.search(r"(?:line|row) (\d+)", str(error))
        row = int(found.group(1)) if found else len(lines)
        return None, [Problem(row, "", _("a quotation mark is never closed."))]
    return frame, []


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


def _table_rows(frame):
    records = [[str(cell).strip() for cell in record] for record in frame.fillna("").values]
    if not any(any(record) for record in records):
        return Upload(problems=[_empty_file()])
    columns, problems = _header(records[0])
    if problems:
        return Upload(problems=problems)
    upload = Upload()
    for number, record in enumerate(records[1:], start=2):
        if not any(record):
            continue
        if len(upload.rows) == MAX_ROWS:
            message = _("the file has more than %(max)s rows; split it.") % {"max": MAX_ROWS}
            upload.problems.append(Problem(number, "", message))
            break
        if any(cell for index, cell in enumerate(record) if index not in columns):
            message = _(
                "the row has more fields than the first row. With comma as separator, put "
                "decimal numbers in quotation marks, or separate with semicolons."
            )
            upload.problems.append(Problem(number, "", message))
        upload.rows.append({"row": number, **{name: record[i] for i, name in columns.items()}})
    if not upload.rows:
        upload.problems.append(Problem(2, "", _("the file has no rows with values.")))
    return upload


def parse_number(text):
    """A figure written the Swedish way or the English way: 1,5 or 1.5, 1 234 or 1234."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if not NUMBER.fullmatch(cleaned):
        if not text:
            raise ValidationError(_("the value is missing."))
        raise ValidationError(_("“%(text)s” is not a number.") % {"text": text})
    number = Decimal(cleaned.replace(",", "."))
    if number.as_tuple().exponent < -2:
        raise ValidationError(_("“%(text)s” has more than two decimals.") % {"text": text})
    if abs(number) >= LARGEST:
        raise ValidationError(_("“%(text)s” is too large.") % {"text": text})
    return number


@dataclass
class Line:
    """One row of the file, checked, and what it does to the database."""

    row: int
    indicator: Indicator
    period: Period
    group: Group
    value: Decimal
    status: str | None  # None: the file says nothing; keep what is stored
    note: str | None
    existing: Value | None

    @property
    def new_status(self):
        if self.status is not None:
            return self.status
        return self.existing.status if self.existing else ValueStatus.FINAL

    @property
    def new_note(self):
        if self.note is not None:
            return self.note
        return self.existing.note if self.existing else ""

    @property
    def is_change(self):
        old = self.existing
        return (old.value, old.status, old.note) != (self.value, self.new_status, self.new_note)

    def key(self):
        return (self.indicator.code, self.period.label, self.group.code)

    # What the preview shows.
    @property
    def value_text(self):
        return self.indicator.format_value(self.value)

    @property
    def old_value_text(self):
        return self.indicator.format_value(self.existing.value)

    @property
    def status_text(self):
        return ValueStatus(self.new_status).label


@dataclass
class Preview:
    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems

    def fingerprint(self):
        """Changes if anything the confirmation would write differs from what was shown."""
        writes = [
            (line.key(), str(line.value), line.new_status, line.new_note, bool(line.existing))
            for line in self.added + self.changed
        ]
        return hashlib.sha256(repr(writes).encode()).hexdigest()


class _Catalogue:
    """The indicators, groups, periods and stored values a file may name, loaded at once."""

    def __init__(self, rows):
        codes = {row.get("indicator", "") for row in rows}
        self.indicators = {
            i.code: i for i in Indicator.objects.filter(code__in=codes).prefetch_related("groups")
        }
        self.groups = {group.code: group for group in Group.objects.all()}
        sources = {indicator.source_id for indicator in self.indicators.values()}
        self.periods = {
            (p.source_id, p.label): p for p in Period.objects.filter(source__in=sources)
        }
        self.values = {
            (v.indicator_id, v.period_id, v.group_id): v
            for v in Value.objects.filter(indicator__in=self.indicators.values())
        }


def preview_rows(rows, notes=()):
    """Check every row against the database and say what importing it would do."""
    catalogue = _Catalogue(rows)
    preview = Preview(notes=list(notes))
    first_row = {}
    for row in rows:
        line, problems = _check_row(row, catalogue)
        preview.problems += problems
        if line is None:
            continue
        if line.key() in first_row:
            message = _("the columns indicator, period and group repeat row %(row)s.")
            preview.problems.append(_problem(row, "", message % {"row": first_row[line.key()]}))
            continue
        first_row[line.key()] = line.row
        if line.existing is None:
            preview.added.append(line)
        elif line.is_change:
            preview.changed.append(line)
        else:
            preview.unchanged.append(line)
    return preview


def _problem(row, column, message):
    in_json = row.get("in_json", False)
    where = kolada.FIELDS.get(column, column) if in_json else column
    return Problem(row["row"], where, message, in_json)


def _check_row(row, catalogue):
    problems = []

    def check(column, checker):
        try:
            return checker(row.get(column, ""), catalogue, row)
        except ValidationError as error:
            problems.extend(_problem(row, column, message) for message in error.messages)

    indicator = check("indicator", _check_indicator)
    group = check("group", _check_group)
    period = check("period", _check_period)
    value = check("value", _check_value)
    status = check("status", _check_status) if "status" in row else None
    note = check("note", _check_note) if "note" in row else None
    if problems or None in (indicator, group, period, value):
        return None, problems
    existing = catalogue.values.get((indicator.pk, period.pk, group.pk))
    return Line(row["row"], indicator, period, group, value, status, note, existing), []


def _check_indicator(code, catalogue, row):
    if not code:
        raise ValidationError(_("the indicator is missing."))
    if code not in catalogue.indicators:
        raise ValidationError(_("there is no indicator “%(code)s”.") % {"code": code})
    return catalogue.indicators[code]


def _check_group(code, catalogue, row):
    group = catalogue.groups.get(code)
    if group is None:
        raise ValidationError(_("there is no group “%(code)s”.") % {"code": code})
    indicator = catalogue.indicators.get(row.get("indicator", ""))
    if indicator is not None:
        groups = indicator.groups.all()
        if group not in groups:
            message = _("%(indicator)s is not broken down by “%(code)s” (only %(groups)s).")
            raise ValidationError(
                message
                % {
                    "indicator": indicator.code,
                    "code": code,
                    "groups": ", ".join(g.code for g in groups),
                }
            )
    return group


def _check_period(label, catalogue, row):
    indicator = catalogue.indicators.get(row.get("indicator", ""))
    if indicator is None:
        return None  # reported under indicator
    period = catalogue.periods.get((indicator.source_id, label))
    if period is None:
        labels = [p.label for p in catalogue.periods.values() if p.source_id == indicator.source_id]
        message = _("%(source)s has no period “%(label)s” (periods: %(labels)s).")
        raise ValidationError(
            message
            % {"source": indicator.source, "label": label, "labels": ", ".join(labels) or "–"}
        )
    return period


def _check_value(text, catalogue, row):
    number = parse_number(text)
    indicator = catalogue.indicators.get(row.get("indicator", ""))
    if indicator is not None:
        indicator.check_value(number)
    return number


def _check_status(word, catalogue, row):
    for status, known in STATUS_WORDS.items():
        if word.lower() == known:
            return status
    if not word:
        return ValueStatus.FINAL
    raise ValidationError(
        _("“%(word)s” is not a status; write preliminär or slutlig.") % {"word": word}
    )


def _check_note(note, catalogue, row):
    if len(note) > MAX_NOTE:
        raise ValidationError(_("the note is longer than %(max)s characters.") % {"max": MAX_NOTE})
    return note


@transaction.atomic
def apply(preview, user):
    """Write a checked preview: new values and changes, with history, all or nothing."""
    if not preview.ok:
        raise ValueError("A preview with problems cannot be applied.")
    added = [
        Value(
            indicator=line.indicator,
            period=line.period,
            group=line.group,
            value=line.value,
            status=line.new_status,
            note=line.new_note,
            entered_by=user,
        )
        for line in preview.added
    ]
    bulk_create_with_history(added, Value, default_user=user)
    changed = []
    for line in preview.changed:
        value = line.existing
        value.value, value.status, value.note = line.value, line.new_status, line.new_note
        value.entered_by, value.updated = user, timezone.now()
        changed.append(value)
    fields = ["value", "status", "note", "entered_by", "updated"]
    bulk_update_with_history(changed, Value, fields, default_user=user)
    return len(added), len(changed)


def csv_number(number):
    """A stored figure as Swedish Excel writes it: 2.00 as 2, 8.10 as 8,1."""
    return str(plain_decimal(number)).replace(".", ",")


def export_csv(values):
    """Values in the import format (semicolons, decimal comma), so a file makes the round trip."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for value in values:
        writer.writerow(
            [
                value.indicator.code,
                value.period.label,
                value.group.code,
                csv_number(value.value),
                STATUS_WORDS[value.status],
                value.note,
            ]
        )
    return out.getvalue()
