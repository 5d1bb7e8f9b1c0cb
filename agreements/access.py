"""Who reaches an agreement: a user holding a role in its municipality."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.roles import user_roles

from .models import Agreement


def reachable(request, agreement, *roles):
    """Whether the user holds one of `roles` in the agreement's municipality. The request's
    other role checks (the menu, the page's own) are then about that municipality too."""
    roles_of_user = user_roles(request)
    if not roles_of_user.has_in(agreement.municipality_id, *roles):
        return False
    roles_of_user.current = agreement.municipality_id
    return True


def agreement_required(*roles, with_year=False):
    """For pages addressed by an agreement's short name (and a year of it, `with_year`): call
    `view(request, agreement, ...)` when the user holds one of `roles` in its municipality."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            agreement = get_object_or_404(
                Agreement.objects.select_related("municipality"), slug=slug
            )
            if not reachable(request, agreement, *roles):
                raise PermissionDenied
            if with_year and kwargs["year"] not in agreement.years:
                message = _("%(year)s is not a year of this agreement.")
                raise Http404(message % {"year": kwargs["year"]})
            return view(request, agreement, *args, **kwargs)

        return wrapped

    return decorator
