"""The two steps of signing in through the identity provider, with a clear page for every way it
can fail: the provider down, a reply replayed or from another browser, a token for another
system or out of date, a person with no role here. None of them leaves a session."""

import logging

import requests
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from josepy.errors import Error as TokenFormatError
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .oidc import SignInRefused

log = logging.getLogger(__name__)

# reason → (status, heading, explanation)
REFUSALS = {
    "no_role": (
        403,
        _("You have no role in Samverkan"),
        _(
            "You signed in, but your account at the login service has no group that gives a "
            "role in Samverkan. Ask whoever looks after Samverkan in your municipality to add "
            "you to the right group, then sign in again."
        ),
    ),
    "provider_down": (
        503,
        _("The login service does not answer"),
        _(
            "The login service could not be reached just now. Try again in a while; if it "
            "goes on, call the municipality's IT support."
        ),
    ),
    "state": (
        400,
        _("The sign-in could not be finished"),
        _(
            "This sign-in link has already been used, or was started in another browser. "
            "Start again from the login page."
        ),
    ),
    "audience": (
        400,
        _("The sign-in could not be confirmed"),
        _("The login service's reply was issued for another system. Start again."),
    ),
    "issuer": (
        400,
        _("The sign-in could not be confirmed"),
        _("The reply came from another login service than the one Samverkan trusts."),
    ),
    "expired": (
        400,
        _("The sign-in could not be confirmed"),
        _(
            "The login service's reply had expired. Check that your computer's clock is right, "
            "and start again."
        ),
    ),
    "invalid": (
        400,
        _("The sign-in could not be confirmed"),
        _("The login service's reply could not be checked. Start again."),
    ),
    "rejected": (
        400,
        _("The sign-in could not be finished"),
        _("The login service did not accept the sign-in; it may have taken too long. Start again."),
    ),
    "cancelled": (
        400,
        _("The sign-in was cancelled"),
        _("The login service cancelled the sign-in. Start again if you want to log in."),
    ),
}


def refused(request, reason):
    status, heading, explanation = REFUSALS[reason]
    context = {"heading": heading, "explanation": explanation}
    return render(request, "accounts/sign_in_refused.html", context, status=status)


def provider_answers():
    try:
        requests.get(settings.OIDC_OP_JWKS_ENDPOINT, timeout=5).raise_for_status()
    except requests.RequestException as error:
        log.warning("OIDC provider unreachable: %s", error)
        return False
    return True


@method_decorator(login_not_required, name="dispatch")
class SignIn(OIDCAuthenticationRequestView):
    """To the provider, with state, nonce and PKCE; first a look that it answers at all."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        if not provider_answers():
            return refused(request, "provider_down")
        return super().dispatch(request, *args, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class Callback(OIDCAuthenticationCallbackView):
    """Back from the provider: the code for tokens, the tokens checked, the user let in."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        state = request.GET.get("state")
        states = request.session.get("oidc_states", {})
        if request.GET.get("error"):
            # Forget the state, but leave any login alone: a link must not log anyone out.
            if states.pop(state, None) is not None:
                request.session.modified = True
            return refused(request, "cancelled")
        if state not in states:
            log.warning("OIDC callback with an unknown or used state")
            return refused(request, "state")
        try:
            return super().dispatch(request, *args, **kwargs)
        except SignInRefused as refusal:
            log.warning("OIDC sign-in refused: %s", refusal)
            return refused(request, refusal.reason)
        except (requests.ConnectionError, requests.Timeout) as error:
            log.warning("OIDC provider unreachable: %s", error)
            return refused(request, "provider_down")
        except requests.RequestException as error:
            log.warning("OIDC token request refused: %s", error)
            return refused(request, "rejected")
        except (SuspiciousOperation, TokenFormatError, KeyError, ValueError) as error:
            log.warning("OIDC reply not valid: %s", error)
            return refused(request, "invalid")

    def login_failure(self):
        return refused(self.request, "invalid")
