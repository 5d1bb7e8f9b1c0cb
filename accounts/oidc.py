"""Signing in through the municipality's identity provider (OpenID Connect, mozilla-django-oidc):
the ID token is checked beyond its signature and nonce (issuer, audience, lifetime), the user is
found by the provider's subject or created, and their roles follow the provider's groups or roles
through OIDC_ROLE_MAP at every sign-in. A refusal says why in SignInRefused."""

import logging
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from municipalities.models import Municipality

from .models import ExternalIdentity, RoleGrant
from .roles import MUNICIPAL_POLICE, READER, ROLES, SECURITY_UNIT

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
        role, where = role_map[value]
        role = ROLE_ALIASES.get(role.lower(), role)
        if role not in ROLES:
            log.warning("OIDC_ROLE_MAP names an unknown role %r for %r", role, value)
            continue
        grants.add((role, None if where == EVERY_MUNICIPALITY else where))
    return sorted(grants, key=lambda grant: (grant[0], grant[1] or ""))


@transaction.atomic
def grant_roles(user, grants):
    """The user holds exactly these roles afterwards (the provider decides)."""
    codes = {code for _, code in grants if code}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    wanted = set()
    for role, code in grants:
        if code and code not in municipalities:
            log.warning("OIDC_ROLE_MAP names municipality %r, which is not entered", code)
            continue
        wanted.add((role, municipalities[code].pk if code else None))
    held = {(g.role, g.municipality_id): g for g in user.role_grants.all()}
    for key in held.keys() - wanted:
        held[key].delete()
    for role, municipality_id in wanted - held.keys():
        RoleGrant.objects.create(user=user, role=role, municipality_id=municipality_id)
    return bool(wanted)


def username_for(claims):
    """A readable username not yet taken: the provider's, else the e-mail's, else the subject."""
    wanted = (claims.get("preferred_username") or claims.get("email") or claims["sub"])[:140]
    users = get_user_model().objects
    name, number = wanted, 1
    while users.filter(username__iexact=name).exists():
        number += 1
        name = f"{wanted}-{number}"
    return name


class Backend(OIDCAuthenticationBackend):
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
        return {**super().get_userinfo(access_token, id_token, payload), **payload}

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        grants = roles_from_claims(claims, settings.OIDC_ROLE_CLAIM, settings.OIDC_ROLE_MAP)
        if not grants:
            raise SignInRefused("no_role", claims.get("sub", ""))
        with transaction.atomic():
            identity = (
                ExternalIdentity.objects.select_related("user")
                .filter(issuer=settings.OIDC_ISSUER, subject=payload["sub"])
                .first()
            )
            if identity is None:
                user = get_user_model().objects.create_user(username_for(claims))
                identity = ExternalIdentity(user=user, issuer=settings.OIDC_ISSUER)
                identity.subject = payload["sub"]
            user = identity.user
            user.first_name = claims.get("given_name", user.first_name)[:150]
            user.last_name = claims.get("family_name", user.last_name)[:150]
            user.email = claims.get("email", user.email)[:254]
            user.save()
            identity.save()
            if not grant_roles(user, grants):
                raise SignInRefused("no_role", claims.get("sub", ""))
        return user
