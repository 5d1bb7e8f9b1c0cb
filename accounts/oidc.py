"""Signing in through the municipality's identity provider (OpenID Connect, mozilla-django-oidc):
the ID token is checked beyond its signature and nonce (issuer, audience, lifetime), the user is
found by the provider's subject or created, and their roles follow the provider's groups or roles
through OIDC_ROLE_MAP at every sign-in. A refusal says why in SignInRefused."""

import logging
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.http import urlencode
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from municipalities.models import Municipality

from .models import ExternalIdentity, RoleGrant
from .roles import MUNICIPAL_POLICE, READER, ROLES, SECURITY_UNIT
from .signing_out import end_every_session

log = logging.getLogger(__name__)

EVERY_MUNICIPALITY = "*"
# The role names as ASCII, for identity providers that keep their settings so.
ROLE_ALIASES = {
    "sakerhetsenheten": SECURITY_UNIT,
    "kommunpolis": MUNICIPAL_POLICE,
    "lasare": READER,
}


class SignInRefused(Exception):
    """The provider's answer does not let this person in; `reason` says which rule refused."""

    def __init__(self, reason, detail=""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def check_id_token(claims, *, issuer, client_id, now, skew):
    """The ID token's claims that mozilla-django-oidc does not check (OpenID Connect Core
    3.1.3.7): it was issued by our provider, to us, and is still valid."""
    if claims.get("iss") != issuer:
        raise SignInRefused("issuer", str(claims.get("iss")))
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if client_id not in audiences:
        raise SignInRefused("audience", str(audience))
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise SignInRefused("audience", f"azp {claims.get('azp')}")
    expires = claims.get("exp")
    if not isinstance(expires, int | float) or expires + skew < now:
        raise SignInRefused("expired", str(expires))
    issued = claims.get("iat")
    if not isinstance(issued, int | float) or issued - skew > now:
        raise SignInRefused("expired", f"issued in the future: {issued}")


def mistake_in(value, target):
    """What is wrong with one entry of OIDC_ROLE_MAP, or "": it maps to a known role and to
    "*" or a municipality code (a blank code must never come to mean everywhere)."""
    parts_ok = isinstance(target, list | tuple) and len(target) == 2
    if not parts_ok or not all(isinstance(part, str) and part.strip() for part in target):
        return f'{value!r}: needs [role, municipality code or "*"], not {target!r}'
    if ROLE_ALIASES.get(target[0].lower(), target[0]) not in ROLES:
        return f"{value!r}: {target[0]!r} is no role ({', '.join(ROLES)})"
    return ""


def check_role_map(role_map):
    """OIDC_ROLE_MAP's mistakes, in words (a system check reports them)."""
    if not isinstance(role_map, dict):
        return ["OIDC_ROLE_MAP must be a JSON object of value → [role, municipality code]."]
    return [m for value, target in role_map.items() if (m := mistake_in(value, target))]


def roles_from_claims(claims, claim, role_map):
    """The (role, municipality code or None for every one) pairs the user's claim values map
    to. The claim is a list of values or one value."""
    values = claims.get(claim) or []
    if isinstance(values, str):
        values = [values]
    grants = set()
    for value in values:
        if not isinstance(value, str) or value not in role_map:
            continue
        if mistake_in(value, role_map[value]):
            log.warning("OIDC_ROLE_MAP: %s", mistake_in(value, role_map[value]))
            continue
        role, where = role_map[value]
        role = ROLE_ALIASES.get(role.lower(), role)
        grants.add((role, None if where == EVERY_MUNICIPALITY else where))
    return sorted(grants, key=lambda grant: (grant[0], grant[1] or ""))


def resolve(grants):
    """(role, municipality id or None) for each grant whose municipality is entered."""
    codes = {code for _, code in grants if code is not None}
    ids = dict(Municipality.objects.filter(code__in=codes).values_list("code", "pk"))
    for _, code in grants:
        if code is not None and code not in ids:
            log.warning("OIDC_ROLE_MAP names municipality %r, which is not entered", code)
    return {(role, ids.get(code)) for role, code in grants if code is None or code in ids}


def grant_roles(user, wanted):
    """The user holds exactly these (role, municipality id) afterwards: the provider decides."""
    held = {(g.role, g.municipality_id): g for g in user.role_grants.all()}
    for key in held.keys() - wanted:
        held[key].delete()
    for role, municipality_id in wanted - held.keys():
        RoleGrant.objects.create(user=user, role=role, municipality_id=municipality_id)


def username_for(claims):
    """A readable username not yet taken: the provider's, else the e-mail's, else the subject."""
    wanted = (claims.get("preferred_username") or claims.get("email") or claims["sub"])[:140]
    users = get_user_model().objects
    name, number = wanted, 1
    while users.filter(username__iexact=name).exists():
        number += 1
        name = f"{wanted}-{number}"
    return name


def provider_logout_url(request):
    """Where the browser ends its session at the provider after a single sign-on (OpenID
    Connect RP-Initiated Logout), coming back to the login page; "" when there is none."""
    id_token = request.session.get("oidc_id_token")
    if not (settings.OIDC_ENABLED and settings.OIDC_OP_LOGOUT_ENDPOINT and id_token):
        return ""
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
        }
    )
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}"


class Backend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        # Only the callback's sign-in, never a password form that happens to carry a code.
        if "nonce" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def verify_token(self, token, **kwargs):
        claims = super().verify_token(token, **kwargs)
        check_id_token(
            claims,
            issuer=settings.OIDC_ISSUER,
            client_id=self.OIDC_RP_CLIENT_ID,
            now=time.time(),
            skew=settings.OIDC_CLOCK_SKEW_SECONDS,
        )
        return claims

    def get_userinfo(self, access_token, id_token, payload):
        # The ID token's claims, with the userinfo endpoint's where the provider has one.
        if not self.OIDC_OP_USER_ENDPOINT:
            return dict(payload)
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload["sub"]:  # Core 5.3.2: else it is someone else's
            raise SignInRefused("invalid", "userinfo is about another subject")
        return {**userinfo, **payload}

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        mapped = roles_from_claims(claims, settings.OIDC_ROLE_CLAIM, settings.OIDC_ROLE_MAP)
        wanted = resolve(mapped)
        known = ExternalIdentity.objects.filter(issuer=settings.OIDC_ISSUER, subject=claims["sub"])
        identity = known.select_related("user").first()
        if not wanted:
            if identity is not None:  # the provider took their roles away: so do we, now
                grant_roles(identity.user, set())
                end_every_session(identity.user)
            raise SignInRefused("no_role", claims["sub"])
        try:
            with transaction.atomic():
                return self.sign_in(identity, claims, wanted)
        except IntegrityError:
            # The same person's first sign-in twice at once (a double click): the other won.
            identity = known.select_related("user").first()
            if identity is None:
                raise SignInRefused("invalid", "could not create the user") from None
            with transaction.atomic():
                return self.sign_in(identity, claims, wanted)

    def sign_in(self, identity, claims, wanted):
        if identity is None:
            user = get_user_model().objects.create_user(username_for(claims))
            identity = ExternalIdentity(
                user=user, issuer=settings.OIDC_ISSUER, subject=claims["sub"]
            )
        user = identity.user
        user.first_name = (claims.get("given_name") or user.first_name)[:150]
        user.last_name = (claims.get("family_name") or user.last_name)[:150]
        user.email = (claims.get("email") or user.email)[:254]
        user.save()
        identity.save()
        grant_roles(user, wanted)
        return user
