"""One version check for every write path: a form view, the admin, a command."""

from django.db import transaction
from django.db.models import F


class StaleEdit(Exception):
    """Someone saved the row after this copy of it was read."""


class RevisionChecked:
    """For a model with a `revision` field: every save claims the next revision, and only if
    the stored row still has the revision this copy was read with, so a copy read before
    someone else's save is refused instead of overwriting it.

    A form carries the revision its page was opened with into the instance before saving.
    """

    def claimable(self):
        """The stored row this copy may overwrite."""
        return type(self)._base_manager.filter(pk=self.pk, revision=self.revision)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            # One conditional UPDATE: of two saves at once, only one claims the revision.
            if not self._state.adding and not self.claimable().update(revision=F("revision") + 1):
                raise StaleEdit
            self.revision += 1
            super().save(*args, **kwargs)


def saved_unless_stale(save):
    """Run `save` in one transaction: True when saved; False, with nothing saved, when someone
    saved one of its rows after the page was opened."""
    try:
        with transaction.atomic():
            save()
    except StaleEdit:
        return False
    return True


def carry_revision(form, revision):
    """After a refused save: the form carries the row's stored revision, so that the writer,
    having seen the other save, can save again over it."""
    if not getattr(form.data, "_mutable", True):  # request.POST itself is read-only
        form.data = form.data.copy()
    form.data[form.add_prefix("revision")] = revision
