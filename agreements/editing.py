"""What the year's follow-up pages share: saved all or nothing with the
version check, and the same words for a refused save (agreements and measures use them)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .forms import STALE_FORM
from .history import changes, merged
from .revisions import saved_unless_stale


def save_checked(request, forms, save):
    """Run `save` in one transaction: all saved, or, if anyone saved a row since the page was
    opened, nothing, with the forms kept to save again. True when saved."""
    new = [form.instance for form in forms if form.instance._state.adding]
    if saved_unless_stale(save):
        return True
    messages.error(request, STALE_FORM)
    for instance in new:  # rolled back: still to be created
        instance.pk, instance._state.adding = None, True
    for form in forms:
        form.take_current_revision()
    return False


def posted(request):
    """The posted data, in a copy a refused save may update (see save_checked)."""
    return request.POST.copy() if request.method == "POST" else None


def saved(request, message, agreement, year):
    messages.success(request, message)
    return redirect("reports:follow_up", agreement.slug, year)


def invalid(request):
    messages.error(request, _("Nothing has been saved yet: correct the fields listed below."))


def recent_changes(*histories, count=20):
    """The latest changes of one or more history querysets, newest first, each field's too."""
    return merged(*(changes(h, count) for h in histories if h is not None), limit=count)
