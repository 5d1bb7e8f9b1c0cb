from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.roles import EVERYWHERE, user_roles

from .current import SESSION_KEY
from .models import Municipality


@require_POST
def switch(request):
    """Work in another of the user's municipalities, then back to the page they were on."""
    choice = request.POST.get("municipality", "")
    if not (choice.isascii() and choice.isdigit() and len(choice) < 10):
        raise Http404  # a number or nothing: not a look-alike digit, nor one too large to look up
    municipality = get_object_or_404(Municipality, pk=int(choice))
    allowed = user_roles(request).municipality_ids()
    if allowed is not EVERYWHERE and municipality.pk not in allowed:
        raise PermissionDenied
    request.session[SESSION_KEY] = municipality.pk
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    return redirect(back if safe and back.startswith("/") else "home")
