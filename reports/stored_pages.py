"""A rendered page kept for the next request, with the one part that differs per request, the
CSRF token of its forms, left as a placeholder and filled in when it is served.

A logged-in reader's presented report is kept per user, roles and data version: the page shows
who is logged in, the menu of their roles and the changes to the live data since it was
presented, and a presented report changes only through a write (a new version), which moves the
data version. Kept this way, a repeat visit costs the user, role and data-version lookups.
"""

import hashlib
import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from accounts.roles import user_roles

TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = b"\0csrf-token\0"
USER_PAGE_SECONDS = 24 * 3600


def without_token(content):
    return TOKEN.sub(rb"\1" + PLACEHOLDER + rb"\2", content)


def with_token(content, request):
    """The stored content with this request's CSRF token (CSRF middleware must have run)."""
    return content.replace(PLACEHOLDER, get_token(request).encode())


def _user_key(request, data_version):
    user = request.user
    who = [user.pk, user.get_username(), user.get_full_name(), user.is_staff, user.is_superuser]
    # Grants, not the roles of one municipality: the key is made before the report is looked up.
    who += sorted(user_roles(request).grants, key=repr) + [settings.REPORTS_PUBLIC]
    digest = hashlib.sha256(repr(who).encode()).hexdigest()
    return f"samverkan:user-page:{get_language()}:{request.path}:{digest}:{data_version}"


def _keepable(request):
    """A plain GET with no message waiting to be shown (counting them does not use them up)."""
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and not len(get_messages(request))
    )


def stored_for_user(request, data_version):
    """The page this user was last served at this path and data version, or None."""
    if not _keepable(request):
        return None
    content = cache.get(_user_key(request, data_version))
    return None if content is None else HttpResponse(with_token(content, request))


def keep_for_user(request, data_version, response):
    if _keepable(request) and response.status_code == 200:
        key = _user_key(request, data_version)
        cache.set(key, without_token(response.content), USER_PAGE_SECONDS)
