"""How long a login lasts: a limit on idle time and one on the whole session, shorter for staff
(who read police intelligence) than for readers (settings SESSION_IDLE_MINUTES and
SESSION_MAX_HOURS). Each session remembers when it began and when it was last used; a request
past either limit is logged out and sent to the login page with a message that says why."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from .roles import EVERYWHERE, STAFF_ROLES, user_roles

STARTED, SEEN = "session_started", "session_seen"
# The last use is written at most once a minute, not with every request.
SEEN_EVERY_SECONDS = 60


def mark_start(sender, request, user, **kwargs):
    """At login (signal user_logged_in): the session begins now."""
    request.session[STARTED] = request.session[SEEN] = int(time.time())


def kind_of(request):
    """ "staff" for a user who holds a staff role anywhere, else "reader"."""
    where = user_roles(request).municipality_ids(*STAFF_ROLES)
    return "staff" if where is EVERYWHERE or where else "reader"


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = self.ended(request, int(time.time()))
            if reason:
                logout(request)
                messages.info(request, reason)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    def ended(self, request, now):
        """Why the session has ended, or "" while it lasts (its last use noted)."""
        session = request.session
        started, seen = session.setdefault(STARTED, now), session.get(SEEN, now)
        kind = kind_of(request)
        idle = settings.SESSION_IDLE_MINUTES[kind]
        if now - seen > idle * 60:
            return _("You were logged out after %(minutes)s minutes without activity.") % {
                "minutes": idle
            }
        longest = settings.SESSION_MAX_HOURS[kind]
        if now - started > longest * 3600:
            return _("You were logged out: a login lasts at most %(hours)s hours.") % {
                "hours": longest
            }
        if now - seen >= SEEN_EVERY_SECONDS or SEEN not in session:
            session[SEEN] = now
        return ""
