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
    store = import_module(settings.SESSION_ENGINE).SessionStore
    noted = list(LoginSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in noted:
        store(session_key=key).delete()
    LoginSession.objects.filter(user=user).delete()
    return len(noted)
