"""The production configuration: refuses a missing secret, and passes `check --deploy`."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings


def run_manage(*args, **env):
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the last: browser tests set it
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "key",
    ["django-insecure-local-development-only", "django-insecure-" + "x" * 50, "kort" * 12],
    ids=["the development key", "any insecure key", "a short key"],
)
def test_production_refuses_a_key_that_is_no_secret(key):
    result = run_manage("check", DEBUG="0", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a random value of at least 50 characters" in result.stderr


def test_check_deploy_is_clean():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="samverkan.trelleborg.se",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert [code for code, _ in settings.LANGUAGES] == ["sv", "en"]


def test_redis_cache_is_shared_when_configured():
    script = (
        "from django.core.cache import caches; cache = caches['default']; "
        "cache.set('samverkan-test', 'delad', 5); "
        "print(type(cache).__name__, cache.get('samverkan-test'))"
    )
    result = run_manage("shell", "-c", script, DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/15")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["RedisCache", "delad"]


def test_single_sign_on_names_what_its_configuration_lacks():
    result = run_manage("check", DEBUG="1", OIDC_ISSUER="https://sso.example/realms/t")
    assert result.returncode != 0
    assert "OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION" in result.stderr
    assert "manage.py oidc_discover ISSUER" in result.stderr


def test_local_accounts_cannot_be_turned_off_without_single_sign_on():
    result = run_manage("check", DEBUG="1", LOCAL_LOGIN="0")
    assert result.returncode != 0
    assert "LOCAL_LOGIN=0 needs OIDC_ISSUER: nobody could log in." in result.stderr


PROVIDER = {
    name: "https://sso.example/x"
    for name in (
        "OIDC_ISSUER",
        "OIDC_RP_CLIENT_ID",
        "OIDC_RP_CLIENT_SECRET",
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
    )
}


def test_a_role_map_with_a_blank_municipality_fails_the_check():
    role_map = '{"samverkan-sak": ["Säkerhetsenheten", ""]}'
    result = run_manage("check", DEBUG="1", OIDC_ROLE_MAP=role_map, **PROVIDER)
    assert result.returncode != 0
    assert "(accounts.E001) 'samverkan-sak': needs [role, municipality code" in result.stderr
    broken = run_manage("check", DEBUG="1", OIDC_ROLE_MAP="{nej", **PROVIDER)
    assert "OIDC_ROLE_MAP is not JSON" in broken.stderr


def test_with_local_accounts_off_only_the_provider_authenticates():
    provider = PROVIDER
    code = "from django.conf import settings; print(settings.AUTHENTICATION_BACKENDS)"
    result = run_manage("shell", "-c", code, DEBUG="1", LOCAL_LOGIN="0", **provider)
    assert result.returncode == 0, result.stderr
    assert "['axes.backends.AxesStandaloneBackend', 'accounts.oidc.Backend']" in result.stdout


def test_logging_out_at_the_provider_is_a_form_action_the_policy_allows():
    code = (
        "from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
    )
    logout = {"OIDC_OP_LOGOUT_ENDPOINT": "https://sso.example:8443/realms/t/logout"}
    result = run_manage("shell", "-c", code, DEBUG="1", **PROVIDER, **logout)
    assert result.returncode == 0, result.stderr
    assert "[\"'self'\", 'https://sso.example:8443']" in result.stdout
