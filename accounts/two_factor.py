"""Two factors for local accounts: after the password, a code from an authenticator app (TOTP) or
one of ten recovery codes (django-otp's devices). A user who has set one up gives a code at every
login; with REQUIRE_2FA on, säkerhetsenheten and kommunpolis must set one up before anything else.
A login through the municipality's identity provider brings its own second factor."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .session_lifetime import kind_of

RECOVERY_CODES = 10
APP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "recovery"
HAS_SECOND_FACTOR = "has_second_factor"
OIDC_BACKEND = "accounts.oidc.Backend"


def second_factor_exempt(view):
    """A view a login that still owes its code may reach besides the one it must go to:
    logging out, the language, the accessibility statement, signing in anew, and the survey's
    personal links (which do not use the login). Being public is not enough: a report page
    public to visitors shows drafts to staff."""
    view.second_factor_exempt = True
    return view


def has_second_factor(user):
    return any(devices_for_user(user, confirmed=True))


def required(request):
    return settings.REQUIRE_2FA and kind_of(request) == "staff"


def signed_in_elsewhere(request):
    """A login through the identity provider: the provider asked for the second factor."""
    return request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND


def note_second_factor(request, user=None):
    """Whether the user has set up two factors, kept in the session at login and whenever it
    changes, so no request asks the database."""
    request.session[HAS_SECOND_FACTOR] = has_second_factor(user or request.user)


def mark_login(sender, request, user, **kwargs):
    """At login (signal user_logged_in)."""
    if request is not None:
        note_second_factor(request, user)


def still_needed(request):
    """Where an authenticated but unverified login must go first, or None."""
    if request.user.is_verified() or signed_in_elsewhere(request):
        return None
    if HAS_SECOND_FACTOR not in request.session:
        note_second_factor(request)
    if request.session[HAS_SECOND_FACTOR]:
        return "second_factor"
    if required(request):
        return "two_factor"
    return None


def app_device(user):
    """The user's authenticator app: confirmed, or waiting for its first code."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name=APP_DEVICE_NAME, defaults={"confirmed": False}
    )
    return device


def new_recovery_codes(user):
    """Ten fresh recovery codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def turn_off(user):
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).delete()


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        exempt = getattr(view_func, "second_factor_exempt", False)
        if exempt or not request.user.is_authenticated:
            return None
        where = still_needed(request)
        if where is None or request.resolver_match.view_name == where:
            return None
        return redirect(f"{reverse(where)}?{urlencode({'next': request.get_full_path()})}")
