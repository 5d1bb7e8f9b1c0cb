"""The data version: one number that every write moves on, inside the writing transaction.

Saves and deletes through the ORM (pages, the admin, commands) move it by signal; the writes
that go around the ORM's signals (the import's SQL, bulk creation with history, a restore)
call `data_changed()` themselves. Moved inside the transaction, the new number becomes visible
to other processes at the same moment as the data it stands for, never before or after.

It is moved before the write (pre_save, pre_delete), so that on PostgreSQL the row of the
version is the first lock every writing transaction takes: writers queue there, in one order,
and cannot deadlock over it.
"""

from django.db.models import F
from django.db.models.signals import m2m_changed, pre_delete, pre_save

from .models import DataVersion

# The apps whose rows the reports are built from.
TRACKED_APPS = {"agreements", "measures", "indicators", "meetings", "surveys", "reports"}


def current():
    """(epoch, version): one query."""
    row = DataVersion.objects.values_list("epoch", "version").first()
    return row or (DataVersion.objects.create().epoch, 0)


def key():
    return "{}-{}".format(*current())


def data_changed():
    if not DataVersion.objects.update(version=F("version") + 1):
        DataVersion.objects.create(version=1)  # a new or flushed database


def _changed(sender, **kwargs):
    if sender._meta.app_label in TRACKED_APPS:
        data_changed()


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("pre_") and instance._meta.app_label in TRACKED_APPS:
        data_changed()


def connect():
    pre_save.connect(_changed, dispatch_uid="maintenance.data_changed.save")
    pre_delete.connect(_changed, dispatch_uid="maintenance.data_changed.delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="maintenance.data_changed.m2m")
