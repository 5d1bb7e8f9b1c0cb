"""Every session a user logged in with is noted, so that "log out everywhere" (a stolen laptop,
a forgotten shared computer) can end them all, whichever worker or cache holds them."""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from .models import LoginSession


def note_login(sender, request, user, **kwargs):
    """At login (signal user_logged_in); notes of sessions long expired go."""
    expired = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    LoginSession.objects.filter(user=user, started__lt=expired).delete()
    if request is not None and request.session.session_key:
        LoginSession.objects.get_or_create(user=user, session_key=request.session.session_key)


def end_every_session(user):
    """End each of the user's sessions; returns how many were noted."""
    return end_other_sessions(user, keep=None)


def end_other_sessions(user, keep):
    """End each of the user's sessions but the one with the key `keep`; returns how many."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    others = LoginSession.objects.filter(user=user).exclude(session_key=keep)
    noted = list(others.values_list("session_key", flat=True))
    for key in noted:
        store(session_key=key).delete()
    others.delete()
    return len(noted)


def renew_key(request):
    """A new session key once the second factor is given: a key planted in the browser before
    (session fixation) is worth nothing after."""
    old = request.session.session_key
    request.session.cycle_key()
    LoginSession.objects.filter(session_key=old).update(session_key=request.session.session_key)
