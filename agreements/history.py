"""Change history in words: who changed what and when, each field from its old value to its new.

django-simple-history keeps a row per save; `changes` diffs each row against the one before it
for the same object, and shows values as a page would (a choice's label, Ja/Nej, a related
object's name, a local time). Queries stay fixed however long the history: the rows with their
users, the rows before them, and one lookup per kind of related object.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

SHORT_TEXT = 80  # longer values show as "changed", the full text folded away


@dataclass
class FieldChange:
    label: str
    old: str
    new: str

    @property
    def is_long(self):
        return any(len(text) > SHORT_TEXT or "\n" in text for text in (self.old, self.new))


@dataclass
class Entry:
    date: datetime
    user: str
    kind: str  # simple_history's "+", "~" or "-"
    subject: str = ""
    fields: list = field(default_factory=list)


def changes(history, limit=20, subject=None):
    """The latest `limit` rows of a history queryset as entries, newest first. `subject(row)`
    names the object a row is of, for histories of many objects (select its relations)."""
    pk_name = history.model.instance_type._meta.pk.attname
    previous_row = history.model.objects.filter(
        **{pk_name: OuterRef(pk_name)}, history_id__lt=OuterRef("history_id")
    ).order_by("-history_id")  # in order of saving: two saves may share a timestamp
    rows = list(
        history.select_related("history_user")
        .annotate(previous_id=Subquery(previous_row.values("history_id")[:1]))
        .order_by("-history_date", "-history_id")[:limit]
    )
    previous_ids = [row.previous_id for row in rows if row.previous_id]
    previous = history.model.objects.in_bulk(previous_ids)
    deltas = [
        row.diff_against(previous[row.previous_id], excluded_fields=hidden_fields(row))
        if row.history_type == "~" and row.previous_id in previous
        else None
        for row in rows
    ]
    names = related_names(history.model.instance_type, deltas)
    return [
        Entry(
            date=row.history_date,
            user=user_name(row.history_user),
            kind=row.history_type,
            subject=subject(row) if subject else "",
            fields=[shown_change(row.instance_type, change, names) for change in delta.changes]
            if delta
            else [],
        )
        for row, delta in zip(rows, deltas, strict=True)
    ]


def merged(*entry_lists, limit=20):
    """Entries from several histories in one list, newest first."""
    entries = [entry for entries in entry_lists for entry in entries]
    return sorted(entries, key=lambda entry: entry.date, reverse=True)[:limit]


def hidden_fields(row):
    # Counters such as `revision` are bookkeeping, not something a person changed.
    return [f.name for f in row.instance_type._meta.concrete_fields if not f.editable]


def user_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def related_names(model, deltas):
    """{(field name, pk): name} for the related objects the changes point at, a query per field."""
    wanted = {}
    for delta in deltas:
        for change in delta.changes if delta else []:
            model_field = model._meta.get_field(change.field)
            if isinstance(model_field, models.ForeignKey):
                wanted.setdefault(model_field, set()).update({change.old, change.new} - {None})
    return {
        (model_field.name, pk): str(obj)
        for model_field, pks in wanted.items()
        for pk, obj in model_field.related_model._default_manager.in_bulk(pks).items()
    }


def shown_change(model, change, names):
    model_field = model._meta.get_field(change.field)
    return FieldChange(
        label=str(model_field.verbose_name),
        old=shown(model_field, change.old, names),
        new=shown(model_field, change.new, names),
    )


def shown(model_field, value, names):
    """A value as a page shows it."""
    if value is None or value == "":
        return "–"
    if isinstance(model_field, models.ForeignKey):
        return names.get((model_field.name, value), str(value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "j F Y")
    return formats.localize(value)
