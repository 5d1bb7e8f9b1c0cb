"""Writing an import's values and their history in few statements, all inside the caller's
transaction.

Not through bulk_create and bulk_update: they prepare every field of every object in Python
(bulk_update builds a CASE per field, too), and that was most of a large import's time. Only
what differs between the lines travels: on PostgreSQL by COPY into a temporary table, and one
statement then writes the values and copies them into the history; on SQLite in batches, each a
VALUES list with what the lines share sent once. The history rows are what
django-simple-history's bulk functions write: the value as stored, who, when and how (+ added,
~ changed), no change reason.
"""

import io
from itertools import chain

from django.db import connection
from django.db.models import DecimalField, FloatField, IntegerField

from .models import Value
from .reading import COLUMNS

# SQLite's rows per statement: enough that round trips do not count, few enough that each
# statement stays quick to plan. Its limit on parameters may ask for fewer.
BATCH_ROWS = 1000
CHANGED = ("value", "status", "note")  # what an import changes in a stored value
LINES = "import_line"  # PostgreSQL's temporary table of the lines
COPY_SPECIALS = "\\\t\n\r"  # what COPY's text format escapes
COPY_CHUNK = 1024**2  # characters sent to COPY at a time
NUMBERS = (IntegerField, DecimalField, FloatField)  # the ids too: their text needs no escaping


def insert_values(rows, user, now):
    """Insert `rows` (tuples in the file's COLUMNS order, with ids for the foreign keys) as new
    values with their history; returns how many."""
    if not rows:
        return 0
    own = [Value._meta.get_field(name) for name in COLUMNS]
    new = Value(entered_by=user, updated=now)
    shared = {
        field: field.get_db_prep_save(getattr(new, field.attname), connection)
        for field in Value._meta.concrete_fields
        if field not in own and not field.primary_key
    }
    if connection.vendor == "postgresql":
        return _insert_copied(rows, own, shared, user, now)
    ids = _insert_batches(rows, own, shared)
    _history_batches(ids, "+", user, now)
    return len(ids)


def update_values(rows, user, now):
    """Store `rows` (value id, value, status, note) and their history; returns how many."""
    if not rows:
        return 0
    shared = {
        "entered_by": user.pk if user else None,
        "updated": Value._meta.get_field("updated").get_db_prep_save(now, connection),
    }
    if connection.vendor == "postgresql":
        return _update_copied(rows, shared, user, now)
    rows = sorted(rows)
    _update_batches(rows, shared)
    _history_batches([row[0] for row in rows], "~", user, now)
    return len(rows)


def _quote(name):
    return connection.ops.quote_name(name)


def _column(name):
    return _quote(Value._meta.get_field(name).column)


def _history_columns(history_type, user, now):
    """(the history's copied columns, its stamp columns, the stamp's parameters)."""
    history = Value.history.model
    copied = ", ".join(_quote(field.column) for field in history.tracked_fields)
    stamp = ", ".join(
        _quote(history._meta.get_field(name).column)
        for name in ("history_date", "history_type", "history_user")
    )
    when = history._meta.get_field("history_date").get_db_prep_save(now, connection)
    return copied, stamp, [when, history_type, user.pk if user else None]


# PostgreSQL


def _insert_copied(rows, own, shared, user, now):
    table = _quote(Value._meta.db_table)
    columns = [_quote(field.column) for field in own]
    given = ", ".join([*columns, *(_quote(field.column) for field in shared)])
    insert = (
        f"INSERT INTO {table} ({given}) "
        f"SELECT {', '.join(columns)}, {_placeholders(len(shared))} FROM {LINES} RETURNING *"
    )
    return _write_copied(own, rows, insert, shared.values(), "+", user, now)


def _update_copied(rows, shared, user, now):
    table = _quote(Value._meta.db_table)
    pk = _quote(Value._meta.pk.column)
    fields = [Value._meta.pk, *(Value._meta.get_field(name) for name in CHANGED)]
    assignments = [f"{_column(name)} = line.{_column(name)}" for name in CHANGED]
    assignments += [f"{_column(name)} = %s" for name in shared]
    update = (
        f"UPDATE {table} SET {', '.join(assignments)} "
        f"FROM {LINES} AS line WHERE {table}.{pk} = line.{pk} RETURNING {table}.*"
    )
    return _write_copied(fields, rows, update, shared.values(), "~", user, now)


def _write_copied(fields, rows, write, parameters, history_type, user, now):
    """COPY the lines in, then one statement: `write` (an INSERT or UPDATE returning the values'
    rows) and the history copied from what it returned. Returns how many values."""
    copied, stamp, stamped = _history_columns(history_type, user, now)
    history = _quote(Value.history.model._meta.db_table)
    with connection.cursor() as cursor:
        _copy_lines(cursor, fields, rows)
        cursor.execute(
            f"WITH written AS ({write}) "
            f"INSERT INTO {history} ({copied}, {stamp}) SELECT {copied}, %s, %s, %s FROM written",
            [*parameters, *stamped],
        )
        return cursor.rowcount


def _copy_lines(cursor, fields, rows):
    """COPY `rows` (a tuple per row, an item per field) into a fresh temporary table with the
    values table's types for `fields`; it goes with the transaction (and is dropped first if
    an earlier import of the same transaction left it)."""
    columns = ", ".join(_quote(field.column) for field in fields)
    cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{LINES}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {LINES} ON COMMIT DROP AS "
        f"SELECT {columns} FROM {_quote(Value._meta.db_table)} WITH NO DATA"
    )
    # A column at a time, in C where it can be: a Python call per item was most of the time.
    columns_items = zip(fields, zip(*rows, strict=True), strict=True)
    items = [_copy_column(field, column) for field, column in columns_items]
    text = io.StringIO("\n".join(map("\t".join, zip(*items, strict=True))) + "\n")
    cursor.copy_expert(f"COPY {LINES} ({columns}) FROM STDIN", text, COPY_CHUNK)


def _copy_column(field, items):
    """A column's items in COPY's text format: a number's text as it is, and other text item
    by item only when the column holds a NULL or something COPY escapes."""
    target = field.target_field if field.is_relation else field
    if isinstance(target, NUMBERS) and not field.null:
        return list(map(str, items))
    try:
        joined = "".join(items)  # a TypeError for a None (NULL) or anything not text
    except TypeError:
        return list(map(_copy_text, items))
    if any(special in joined for special in COPY_SPECIALS):
        return list(map(_copy_text, items))
    return items


def _copy_text(item):
    """An item in COPY's text format: NULL as \\N, and its own specials escaped."""
    if item is None:
        return "\\N"
    text = str(item)
    if any(special in text for special in COPY_SPECIALS):
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


# SQLite (3.35 or newer: INSERT ... RETURNING and UPDATE ... FROM)


def _insert_batches(rows, own, shared):
    """Insert in batches and return the new values' ids."""
    table = _quote(Value._meta.db_table)
    columns = ", ".join(_quote(field.column) for field in [*own, *shared])

    def insert(batch):
        sql = (
            f"INSERT INTO {table} ({columns}) "
            f"SELECT *, {_placeholders(len(shared))} FROM ({_values(batch)}) AS line "
            f"RETURNING {_quote(Value._meta.pk.column)}"
        )
        return sql, [*shared.values(), *chain.from_iterable(batch)]

    return [pk for (pk,) in _execute_in_batches(insert, rows, len(own), len(shared))]


def _update_batches(rows, shared):
    table = _quote(Value._meta.db_table)
    pk = f"{table}.{_quote(Value._meta.pk.column)}"
    sources = [f"line.column{n}" for n in range(2, 2 + len(CHANGED))] + ["%s"] * len(shared)
    names = [*CHANGED, *shared]
    assignments = ", ".join(
        f"{_column(name)} = {source}" for name, source in zip(names, sources, strict=True)
    )

    # A batch's range of ids lets the database find its rows through the primary key's index.
    def update(batch):
        sql = (
            f"UPDATE {table} SET {assignments} FROM ({_values(batch)}) AS line "
            f"WHERE {pk} = line.column1 AND {pk} BETWEEN %s AND %s"
        )
        return sql, [*shared.values(), *chain.from_iterable(batch), batch[0][0], batch[-1][0]]

    _execute_in_batches(update, rows, 1 + len(CHANGED), len(shared) + 2)


def _history_batches(ids, history_type, user, now):
    """Copy the values `ids` into their history inside the database."""
    copied, stamp, stamped = _history_columns(history_type, user, now)
    history = _quote(Value.history.model._meta.db_table)
    table, pk = _quote(Value._meta.db_table), _quote(Value._meta.pk.column)

    def copy(batch):  # with the batch's range of ids, as in _update_batches
        sql = (
            f"INSERT INTO {history} ({copied}, {stamp}) "
            f"SELECT {copied}, %s, %s, %s FROM {table} "
            f"WHERE {pk} BETWEEN %s AND %s AND {pk} IN ({_placeholders(len(batch))})"
        )
        return sql, [*stamped, batch[0], batch[-1], *batch]

    _execute_in_batches(copy, sorted(ids), 1, 5)


def _execute_in_batches(statement, items, per_item, fixed):
    """Execute `statement(batch)`, an SQL string and its parameters, for each batch of `items`:
    at most BATCH_ROWS, and with `per_item` parameters apiece and `fixed` more, within SQLite's
    limit on parameters. Returns whatever the statements return."""
    limit = connection.features.max_query_params
    size = BATCH_ROWS if limit is None else min(BATCH_ROWS, (limit - fixed) // per_item)
    returned = []
    with connection.cursor() as cursor:
        for start in range(0, len(items), size):
            cursor.execute(*statement(items[start : start + size]))
            if cursor.description:
                returned += cursor.fetchall()
    return returned


def _values(batch):
    """A VALUES list with a row of placeholders per item; its columns are column1, column2..."""
    row = f"({_placeholders(len(batch[0]))})"
    return "VALUES " + ", ".join([row] * len(batch))


def _placeholders(count):
    return ", ".join(["%s"] * count)
