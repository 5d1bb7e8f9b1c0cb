"""Signing in through the identity provider, the rules without a provider: the ID token's
claims, the role mapping, the user found or created, the login page, local accounts off.
The whole flow against a real provider: tests/browser/test_oidc.py."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import ExternalIdentity, RoleGrant
from accounts.oidc import (
    Backend,
    SignInRefused,
    check_id_token,
    check_role_map,
    grant_roles,
    resolve,
    roles_from_claims,
)
from accounts.roles import MUNICIPAL_POLICE, READER, SECURITY_UNIT

ISSUER = "https://login.example/tenant/v2.0"
NOW = 1_800_000_000
GOOD = {"iss": ISSUER, "aud": "samverkan", "exp": NOW + 300, "iat": NOW - 5, "sub": "abc"}
ROLE_MAP = {
    "sam-sak-1287": ["Säkerhetsenheten", "1287"],
    "sam-polis": ["kommunpolis", "*"],
    "sam-las-1263": ["lasare", "1263"],
    "sam-okand": ["Chef", "1287"],
}


def check(**changes):
    check_id_token({**GOOD, **changes}, issuer=ISSUER, client_id="samverkan", now=NOW, skew=60)


def test_a_token_from_our_provider_for_us_and_in_time_passes():
    check()
    check(aud=["samverkan", "api"], azp="samverkan")
    check(exp=NOW - 30)  # within the allowed clock skew


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"iss": "https://evil.example/"}, "issuer"),
        ({"aud": "annat-system"}, "audience"),
        ({"aud": ["annat-system", "api"]}, "audience"),
        ({"aud": ["samverkan", "api"], "azp": "api"}, "audience"),
        ({"exp": NOW - 61}, "expired"),
        ({"exp": "never"}, "expired"),
        ({"iat": NOW + 3600}, "expired"),
    ],
)
def test_a_token_not_for_us_or_out_of_date_is_refused(changes, reason):
    with pytest.raises(SignInRefused, match=f"^{reason}: ") as refusal:
        check(**changes)
    assert refusal.value.reason == reason


def test_claim_values_map_to_roles_by_name_or_ascii_alias():
    claims = {"roles": ["sam-sak-1287", "sam-polis", "sam-las-1263", "sam-okand", "annat", 7]}
    assert roles_from_claims(claims, "roles", ROLE_MAP) == [
        (MUNICIPAL_POLICE, None),
        (READER, "1263"),
        (SECURITY_UNIT, "1287"),
    ]
    assert roles_from_claims({"groups": "sam-polis"}, "groups", ROLE_MAP) == [
        (MUNICIPAL_POLICE, None)
    ]
    assert roles_from_claims({"roles": ["annat"]}, "roles", ROLE_MAP) == []
    assert roles_from_claims({}, "roles", ROLE_MAP) == []


def test_the_provider_decides_the_roles_at_every_sign_in(seed_agreement, make_user):
    user = make_user("sara")
    RoleGrant.objects.create(user=user, role=READER, municipality=None)
    wanted = resolve([(SECURITY_UNIT, "1287"), (MUNICIPAL_POLICE, "9999")])
    assert wanted == {(SECURITY_UNIT, seed_agreement.municipality_id)}  # 9999 is not entered
    grant_roles(user, wanted)
    assert [(g.role, g.municipality.code) for g in user.role_grants.all()] == [
        (SECURITY_UNIT, "1287")
    ]
    assert user.groups.filter(name=SECURITY_UNIT).exists()
    grant_roles(user, resolve([(MUNICIPAL_POLICE, None)]))
    assert [(g.role, g.municipality) for g in user.role_grants.all()] == [(MUNICIPAL_POLICE, None)]


def test_a_role_map_entry_that_could_mean_everywhere_by_mistake_is_refused():
    bad = {
        "blank": ["Säkerhetsenheten", ""],
        "null": ["Säkerhetsenheten", None],
        "number": ["Säkerhetsenheten", 1287],
        "short": ["Säkerhetsenheten"],
        "unknown role": ["Chef", "1287"],
    }
    mistakes = check_role_map({**ROLE_MAP, **bad})
    assert len(mistakes) == 6  # the five above and ROLE_MAP's own "sam-okand"
    assert any("'blank': needs [role, municipality code or \"*\"]" in m for m in mistakes)
    assert roles_from_claims({"roles": list(bad)}, "roles", bad) == []
    assert check_role_map([]) == [
        "OIDC_ROLE_MAP must be a JSON object of value → [role, municipality code]."
    ]


@pytest.fixture
def oidc_settings(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = ISSUER
    for name in ("AUTHORIZATION", "TOKEN", "JWKS"):
        setattr(settings, f"OIDC_OP_{name}_ENDPOINT", f"{ISSUER}/{name.lower()}")
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "samverkan", "hemligt"
    settings.OIDC_OP_USER_ENDPOINT = ""
    settings.OIDC_ROLE_MAP = ROLE_MAP
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "accounts.oidc.Backend"]
    return settings


def test_a_person_is_found_by_subject_and_kept_up_to_date(oidc_settings, seed_agreement, make_user):
    make_user("sara")  # a local account of the same name is not theirs
    claims = {
        **GOOD,
        "preferred_username": "sara",
        "given_name": "Sara",
        "family_name": "Säker",
        "email": "sara@trelleborg.example",
        "roles": ["sam-sak-1287"],
    }
    user = Backend().get_or_create_user("access", "id", claims)
    assert user.username == "sara-2"
    assert not user.has_usable_password()
    assert (user.get_full_name(), user.email) == ("Sara Säker", "sara@trelleborg.example")
    assert ExternalIdentity.objects.get(user=user).subject == "abc"

    again = Backend().get_or_create_user(
        "access", "id", {**claims, "family_name": "Gift", "roles": ["sam-polis"]}
    )
    assert again == user
    assert again.last_name == "Gift"
    assert [g.role for g in again.role_grants.all()] == [MUNICIPAL_POLICE]


def test_a_person_without_a_mapped_role_is_not_created(oidc_settings, db):
    with pytest.raises(SignInRefused, match="^no_role"):
        Backend().get_or_create_user("access", "id", {**GOOD, "roles": ["annat"]})
    with pytest.raises(SignInRefused, match="^no_role"):
        Backend().get_or_create_user("access", "id", {**GOOD, "roles": ["sam-las-1263"]})
    assert not get_user_model().objects.exists()


def test_the_login_page_offers_the_provider_beside_the_password(oidc_settings, client, db):
    oidc_settings.OIDC_PROVIDER_NAME = "Trelleborgs kommun"
    page = client.get("/logga-in/?next=/indikatorer/").text
    assert 'href="/logga-in/oidc/?next=/indikatorer/"' in page
    assert "Logga in med Trelleborgs kommun" in page
    assert 'name="password"' in page


def test_local_accounts_turned_off_leave_only_the_provider(oidc_settings, client, security_user):
    oidc_settings.LOCAL_LOGIN = False
    page = client.get("/logga-in/").text
    assert "Logga in med ditt kommunkonto" in page
    assert 'name="password"' not in page
    refused = client.post("/logga-in/", {"username": "sakerhet", "password": "x"})
    assert refused.status_code == 403
    assert client.get("/admin/login/?next=/admin/").url == "/logga-in/?next=/admin/"


def test_without_a_provider_its_addresses_are_not_found(client, db):
    assert "Logga in med" not in client.get("/logga-in/").text
    assert client.get("/logga-in/oidc/").status_code == 404
    assert client.get("/logga-in/oidc/svar/?code=x&state=y").status_code == 404


def test_a_reply_with_an_unknown_state_gets_a_clear_page_and_no_session(oidc_settings, client, db):
    response = client.get("/logga-in/oidc/svar/?code=x&state=y")
    assert response.status_code == 400
    assert "Inloggningslänken hade redan använts" in response.text
    assert client.get("/").status_code == 302


def test_when_the_provider_takes_every_role_away_the_user_loses_them_and_is_logged_out(
    oidc_settings, seed_agreement
):
    user = Backend().get_or_create_user("access", "id", {**GOOD, "roles": ["sam-sak-1287"]})
    client = Client()
    client.force_login(user, backend="accounts.oidc.Backend")
    assert client.get("/indikatorer/").status_code == 200
    with pytest.raises(SignInRefused, match="^no_role"):
        Backend().get_or_create_user("access", "id", {**GOOD, "roles": []})
    assert not user.role_grants.exists()
    assert client.get("/indikatorer/").status_code == 302


def test_a_deactivated_user_signed_in_through_the_provider_is_logged_out(oidc_settings, db):
    user = Backend().get_or_create_user("access", "id", {**GOOD, "roles": ["sam-polis"]})
    client = Client()
    client.force_login(user, backend="accounts.oidc.Backend")
    assert client.get("/").status_code == 200
    user.is_active = False
    user.save()
    assert client.get("/").status_code == 302


def test_a_password_form_carrying_a_code_does_not_reach_the_provider(
    oidc_settings, client, security_user, monkeypatch
):
    import requests

    def no_network(*args, **kwargs):
        raise AssertionError("the provider was asked")

    monkeypatch.setattr(requests, "post", no_network)
    response = client.post("/logga-in/?code=a&state=b", {"username": "sakerhet", "password": "x"})
    assert response.status_code == 200
    assert "stämde inte" in response.text


def test_a_cancelled_sign_in_leaves_another_login_alone(oidc_settings, security_client):
    response = security_client.get("/logga-in/oidc/svar/?error=access_denied&state=x")
    assert "Inloggningen avbröts" in response.text
    assert security_client.get("/indikatorer/").status_code == 200
