"""The data version: one number that every write moves on, inside the writing transaction.

Saves through the ORM (pages, the admin, commands) move it by signal before they write, so on
PostgreSQL the version's row is a writing transaction's first lock: writers queue there in one
order and cannot deadlock over it. Deletions move it through the history row each writes (a
delete signal of our own would cost every bulk delete its fast path). Writes that go around
the signals (the import's SQL, bulk creation, a restore, the survey's answers) call
`data_changed()` themselves, first. Moved inside the transaction, the new number becomes
visible to other processes together with the data it stands for, never before or after.
"""

from django.db.models import F
from django.db.models.signals import m2m_changed, pre_save
from simple_history.signals import post_create_historical_record

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


def _history_written(sender, history_instance, **kwargs):
    if history_instance.history_type == "-" and sender._meta.app_label in TRACKED_APPS:
        data_changed()


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("pre_") and instance._meta.app_label in TRACKED_APPS:
        data_changed()


def connect():
    pre_save.connect(_changed, dispatch_uid="maintenance.data_changed.save")
    post_create_historical_record.connect(
        _history_written, dispatch_uid="maintenance.data_changed.delete"
    )
    m2m_changed.connect(_m2m_changed, dispatch_uid="maintenance.data_changed.m2m")
