"""Importing values, all or nothing, and exporting them in the same format.

`preview_rows` checks the rows `reading.read_file` gives against the database and sorts them
into added, changed and unchanged rows, or problems naming row and column. A row is a value of
the municipality its municipality column names (SCB's code), or of the import's own when the
column is blank or absent; the `Scope` says which municipalities the importer keeps. A calendar
year that a source has no period for yet, from 1990 to this year, becomes a new period; survey
waves are entered by hand with their fieldwork dates. `apply` writes a preview without
problems, its new periods included, in one transaction.
"""

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agreements.models import Agreement
from maintenance.dataversion import data_changed
from municipalities.models import Municipality

from . import kolada, writing
from .models import ConfirmedImport, Group, Indicator, Period, Value, ValueStatus
from .models.catalogue import FIRST_SERIES_YEAR
from .reading import COLUMNS, Problem, collector_paused
from .spreadsheet import QUOTE, csv_text, original_text

# The file's own words for a value's status, the same whatever the interface language.
STATUS_WORDS = {ValueStatus.PRELIMINARY: "preliminär", ValueStatus.FINAL: "slutlig"}
WORD_STATUSES = {word: status for status, word in STATUS_WORDS.items()}
MAX_NOTE = Value._meta.get_field("note").max_length
NUMBER = re.compile(r"[+-]?\d+(?:[.,](\d+))?")  # group 1: the decimals
LARGEST = Decimal(10) ** 10
# How long a confirmation waits for another writer's lock before it asks to try again: what
# SQLite's default busy timeout gives, set on PostgreSQL too, where the default is for ever.
LOCK_TIMEOUT_SECONDS = 5


def parse_number(text):
    """A figure written the Swedish way or the English way: 1,5 or 1.5, 1 234 or 1234."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").removesuffix("%")
    match = NUMBER.fullmatch(cleaned)
    if not match:
        if not text:
            raise ValidationError(_("the value is missing."))
        raise ValidationError(_("“%(text)s” is not a number.") % {"text": text})
    if len(match.group(1) or "") > 2:
        raise ValidationError(_("“%(text)s” has more than two decimals.") % {"text": text})
    number = Decimal(cleaned.replace(",", "."))
    if abs(number) >= LARGEST:
        raise ValidationError(_("“%(text)s” is too large.") % {"text": text})
    return number


@dataclass(frozen=True)
class Scope:
    """Whose values an import writes: `home`'s where a row names no municipality, and those of
    the municipalities `allowed` (their ids; None: every one) where it names one."""

    home: Municipality | None
    allowed: frozenset | None = None

    @classmethod
    def everywhere(cls, home_code=None):
        """For the command line: every municipality, with the one `home_code` names (else the
        first agreement's) for rows that name none."""
        if home_code:
            return cls(Municipality.objects.filter(code=home_code).first())
        first = Agreement.objects.order_by("pk").select_related("municipality").first()
        return cls(first.municipality if first else Municipality.objects.order_by("pk").first())


@dataclass(slots=True)  # a large import makes one per row
class Line:
    """One row of the file, checked, and what it does to the database."""

    row: int
    indicator: Indicator
    municipality: Municipality
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
        return (self.indicator.code, self.municipality.code, self.period.label, self.group.code)

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
    new_periods: list = field(default_factory=list)  # unsaved, created by `apply`
    revision: int | None = None  # the newest history row of the file's indicators

    @property
    def ok(self):
        return not self.problems

    def fingerprint(self):
        """Changes if anything the confirmation would write differs from what was shown, and
        with any write to the file's indicators since: the same file imported again after a
        change or a deletion is a new import, not one already done."""
        writes = [
            (line.key(), str(line.value), line.new_status, line.new_note, bool(line.existing))
            for line in self.added + self.changed
        ]
        periods = [(period.source_id, period.label) for period in self.new_periods]
        return hashlib.sha256(repr((self.revision, writes, periods)).encode()).hexdigest()


class _Catalogue:
    """The indicators, groups, municipalities, periods and stored values a file may name,
    loaded at once."""

    def __init__(self, rows, scope):
        codes = {row.get("indicator", "") for row in rows}
        self.home = scope.home
        self.municipalities = {m.code: m for m in Municipality.objects.exclude(code="")}
        self.allowed = scope.allowed
        # What a row's municipality cell gives when every check passes: blank is the home.
        self.writable = {
            code: m
            for code, m in self.municipalities.items()
            if scope.allowed is None or m.pk in scope.allowed
        }
        if scope.home is not None:
            self.writable[""] = scope.home
        named = {self.writable.get(row.get("municipality", "")) for row in rows} - {None}
        indicators = Indicator.objects.filter(code__in=codes).select_related("source")
        self.indicators = {i.code: i for i in indicators.prefetch_related("groups")}
        self.groups = {group.code: group for group in Group.objects.all()}
        # A set per indicator: asking the prefetched relation builds a queryset on every row.
        self.group_codes = {
            code: {group.code for group in indicator.groups.all()}
            for code, indicator in self.indicators.items()
        }
        sources = {indicator.source_id for indicator in self.indicators.values()}
        self.periods = {
            (p.source_id, p.label): p for p in Period.objects.filter(source__in=sources)
        }
        self.new_periods = {}  # (source id, label): an unsaved period the file's rows share
        self.this_year = timezone.localdate().year
        self.values = {
            (v.indicator_id, v.municipality_id, v.period_id, v.group_id): v
            for v in Value.objects.filter(
                indicator__in=self.indicators.values(), municipality__in=named
            )
        }
        self.revision = Value.history.filter(indicator__in=self.indicators.values()).aggregate(
            newest=Max("history_id")
        )["newest"]
        # What a row that passes every check needs, by indicator code: the indicator, its
        # groups by code, its source's periods by label, and whether it has a scale.
        periods = {source: {} for source in sources}
        for (source, label), period in self.periods.items():
            periods[source][label] = period
        self.known = {
            code: (
                indicator,
                {
                    group: self.groups[group]
                    for group in self.group_codes[code]
                    if group in self.groups
                },
                periods[indicator.source_id],
                indicator.scale_min is not None or indicator.scale_max is not None,
            )
            for code, indicator in self.indicators.items()
            if code
        }


def preview_upload(upload, scope=None):
    """What importing a read file would do, or the problems that stopped its reading."""
    if upload.problems:
        return Preview(problems=upload.problems, notes=upload.notes)
    return preview_rows(upload.rows, upload.notes, scope)


def preview_rows(rows, notes=(), scope=None):
    """Check every row against the database and say what importing it would do, within
    `scope` (by default every municipality, the first agreement's for rows naming none)."""
    with collector_paused():
        return _preview_rows(rows, notes, scope or Scope.everywhere())


def _preview_rows(rows, notes, scope):
    rows = [row if row.get("in_json") else _original_cells(row) for row in rows]
    catalogue = _Catalogue(rows, scope)
    preview = Preview(notes=list(notes), revision=catalogue.revision)
    added, changed, unchanged = preview.added, preview.changed, preview.unchanged
    numbers = {}  # a file repeats its figures: each text is read once
    first_row = {}
    for row in rows:
        line = _good_line(row, catalogue, numbers)
        if line is None:  # a problem, or a new period: the full check says which
            line, problems = _check_row(row, catalogue)
            preview.problems += problems
            if line is None:
                continue
        key = (line.indicator.code, line.municipality.pk, line.period.label, line.group.code)
        if key in first_row:
            message = _("the columns indicator, municipality, period and group repeat row %(row)s.")
            preview.problems.append(_problem(row, "", message % {"row": first_row[key]}))
            continue
        first_row[key] = line.row
        if line.existing is None:
            added.append(line)
        elif line.is_change:
            changed.append(line)
        else:
            unchanged.append(line)
    preview.new_periods = list(catalogue.new_periods.values())
    return preview


def _original_cells(row):
    """A spreadsheet row with the apostrophes the export puts before formula-like text
    taken off, so that an exported file imports unchanged."""
    for column in COLUMNS:  # most rows have none: looking costs a third of copying
        cell = row.get(column)
        if cell and cell[0] == QUOTE:
            break
    else:
        return row
    return {key: original_text(cell) if key in COLUMNS else cell for key, cell in row.items()}


def _good_line(row, catalogue, numbers):
    """The row's line if every check passes on what the catalogue holds, else None.

    A large file's common case, in a few lookups. `_check_row` gives the same line, and for
    any other row says what is wrong, or makes the new period, in the same words.
    """
    known = catalogue.known.get(row.get("indicator"))
    if known is None:
        return None
    indicator, groups, periods, scaled = known
    group = groups.get(row.get("group"))
    municipality = catalogue.writable.get(row.get("municipality", ""))
    if group is None or municipality is None:
        return None
    label = row.get("period", "")
    period = periods.get(label) or catalogue.new_periods.get((indicator.source_id, label))
    if period is None:
        return None
    text = row.get("value", "")
    value = numbers.get(text)
    try:
        if value is None:
            value = numbers[text] = parse_number(text)
        if scaled:
            indicator.check_value(value)
    except ValidationError:
        return None
    status = note = None
    if "status" in row:
        word = row["status"]
        status = WORD_STATUSES.get(word.lower())
        if status is None:
            if word:
                return None
            status = ValueStatus.FINAL
    if "note" in row:
        note = row["note"]
        if len(note) > MAX_NOTE:
            return None
    values = catalogue.values
    existing = values.get((indicator.id, municipality.id, period.id, group.id)) if values else None
    return Line(row["row"], indicator, municipality, period, group, value, status, note, existing)


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
    municipality = check("municipality", _check_municipality)
    group = check("group", _check_group)
    period = check("period", _check_period)
    value = check("value", _check_value)
    status = check("status", _check_status) if "status" in row else None
    note = check("note", _check_note) if "note" in row else None
    # A part is None only with a problem. (`None in parts` would call Model.__eq__ on each.)
    if problems:
        return None, problems
    existing = catalogue.values.get((indicator.pk, municipality.pk, period.pk, group.pk))
    line = Line(row["row"], indicator, municipality, period, group, value, status, note, existing)
    return line, []


def _check_indicator(code, catalogue, row):
    if not code:
        raise ValidationError(_("the indicator is missing."))
    if code not in catalogue.indicators:
        raise ValidationError(_("there is no indicator “%(code)s”.") % {"code": code})
    return catalogue.indicators[code]


def _check_municipality(code, catalogue, row):
    if not code:
        if catalogue.home is None:
            raise ValidationError(_("the municipality is missing (there is none to default to)."))
        return catalogue.home
    municipality = catalogue.municipalities.get(code)
    if municipality is None:
        message = _("there is no municipality with the code “%(code)s”; add it first.")
        raise ValidationError(message % {"code": code})
    if code not in catalogue.writable:
        message = _("you do not keep the values of %(municipality)s.")
        raise ValidationError(message % {"municipality": municipality})
    return municipality


def _check_group(code, catalogue, row):
    group = catalogue.groups.get(code)
    if group is None:
        raise ValidationError(_("there is no group “%(code)s”.") % {"code": code})
    indicator = catalogue.indicators.get(row.get("indicator", ""))
    if indicator is not None and code not in catalogue.group_codes[indicator.code]:
        message = _("%(indicator)s is not broken down by “%(code)s” (only %(groups)s).")
        raise ValidationError(
            message
            % {
                "indicator": indicator.code,
                "code": code,
                "groups": ", ".join(g.code for g in indicator.groups.all()),
            }
        )
    return group


def _check_period(label, catalogue, row):
    indicator = catalogue.indicators.get(row.get("indicator", ""))
    if indicator is None:
        return None  # reported under indicator
    source = indicator.source
    period = catalogue.periods.get((source.pk, label)) or catalogue.new_periods.get(
        (source.pk, label)
    )
    if period is not None:
        return period
    known = [p for p in catalogue.periods.values() if p.source_id == source.pk]
    if not label.isdigit() or len(label) != 4 or not counts_calendar_years(source, known):
        message = _("%(source)s has no period “%(label)s” (periods: %(labels)s).")
        if source.is_survey:
            message += " " + _("A survey wave is entered with its fieldwork dates first.")
        labels = ", ".join(p.label for p in known) or "–"
        raise ValidationError(message % {"source": source, "label": label, "labels": labels})
    year = int(label)
    if not FIRST_SERIES_YEAR <= year <= catalogue.this_year:
        raise ValidationError(
            _("%(year)s cannot be imported: values go from %(first)s to %(this)s.")
            % {"year": year, "first": FIRST_SERIES_YEAR, "this": catalogue.this_year}
        )
    period = Period(source=source, label=label, year=year, kind=Period.Kind.YEAR)
    catalogue.new_periods[(source.pk, label)] = period
    return period


def counts_calendar_years(source, periods):
    """Whether a new year of `source` may be made on import: its periods are calendar years,
    or it has none yet and is no survey (a survey's waves carry dates a file does not give)."""
    if any(period.kind == Period.Kind.WAVE for period in periods):
        return False
    return bool(periods) or not source.is_survey


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
    """Write a checked preview: new values and changes, with history, all or nothing.

    Not through bulk_create and bulk_update, which prepare every field of every object in
    Python: `writing` sends only what differs between the lines, and copies the history inside
    the database.
    """
    if not preview.ok:
        raise ValueError("A preview with problems cannot be applied.")
    with collector_paused():
        return _apply(preview, user)


def _apply(preview, user):
    data_changed()  # the SQL below sends no signals
    now = timezone.now()  # one moment for the whole import, in the values and their history
    if preview.new_periods:  # one statement for them all, and one for their history
        bulk_create_with_history(preview.new_periods, Period, default_user=user, default_date=now)
    final = ValueStatus.FINAL
    added = writing.insert_values(
        [  # new_status and new_note of lines without a stored value
            (line.indicator.id, line.period.id, line.group.id, line.value)
            + (final if line.status is None else line.status, line.note or "", line.municipality.id)
            for line in preview.added
        ],
        user,
        now,
    )
    changed = writing.update_values(
        [
            (line.existing.id, line.value, line.new_status, line.new_note)
            for line in preview.changed
        ],
        user,
        now,
    )
    return added, changed


class AlreadyConfirmed(Exception):
    """The preview was confirmed before, by this or another request."""


@transaction.atomic
def confirm(preview, user, name):
    """Apply a preview shown in the browser, once: the confirmation claims the preview's
    fingerprint in the same transaction, and a second claim, waiting on the first if they run
    at once, fails on the unique fingerprint and writes nothing."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = {round(LOCK_TIMEOUT_SECONDS * 1000)}")
    try:
        with transaction.atomic():
            ConfirmedImport.objects.create(
                fingerprint=preview.fingerprint(), name=name[:255], confirmed_by=user
            )
    except IntegrityError:
        raise AlreadyConfirmed from None
    return apply(preview, user)


def already_confirmed(fingerprint):
    return ConfirmedImport.objects.filter(fingerprint=fingerprint).first()


def database_busy(error):
    """Whether an OperationalError says only that another writer holds a lock, so that the
    same confirmation may succeed in a moment."""
    code = getattr(error.__cause__, "pgcode", None)
    if code is not None:
        return code in {"55P03", "40P01"}  # lock_not_available, deadlock_detected
    return "database is locked" in str(error) or "database table is locked" in str(error)


def export_csv(values):
    """Values in the import format (semicolons, decimal comma, BOM), so a file makes the round
    trip; text that a spreadsheet would run as a formula has an apostrophe in front."""
    rows = (
        [
            value.indicator.code,
            value.period.label,
            value.group.code,
            value.value,
            STATUS_WORDS[value.status],
            value.note,
            value.municipality.code,
        ]
        for value in values
    )
    return csv_text(COLUMNS, rows)
