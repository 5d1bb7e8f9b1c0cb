"""Signing in through a real OpenID provider, started on loopback by the test (panva's certified
oidc-provider under node, tests/oidc_provider/): the authorisation-code flow with PKCE in
Chromium, and each way it can go wrong giving a clear page and no session."""

import copy
import io
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import ExternalIdentity
from accounts.roles import SECURITY_UNIT
from tests.browser.conftest import assert_accessible

PROVIDER_DIR = Path(__file__).resolve().parent.parent / "oidc_provider"
SECRET = "test-client-secret-not-used-anywhere-else"
CALLBACK = "/logga-in/oidc/svar/"
NOT_FINISHED = "Inloggningen gick inte att slutföra"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def provider_process(live_server):
    """The provider, for the whole session; its client's redirect URI is the live server's."""
    if not shutil.which("node"):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but node is not installed (apt-get install nodejs npm)")
        pytest.skip("node is not installed")
    if not (PROVIDER_DIR / "node_modules").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PROVIDER_DIR, check=True)
    port = free_port()
    environment = {
        **os.environ,
        "PORT": str(port),
        "REDIRECT_URI": live_server.url + CALLBACK,
        "POST_LOGOUT_URI": live_server.url + "/logga-in/",
        "CLIENT_SECRET": SECRET,
    }
    process = subprocess.Popen(
        ["node", "provider.mjs"],
        cwd=PROVIDER_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout.readline().strip() == "ready"
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


@pytest.fixture
def provider(provider_process, settings, seed_agreement):
    """The app set up for the provider, through what `oidc_discover` reads from it."""
    issuer = provider_process
    requests.get(f"{issuer}/test/mode/normal", timeout=5).raise_for_status()
    printed = io.StringIO()
    call_command("oidc_discover", issuer, stdout=printed)
    for line in printed.getvalue().splitlines():
        name, value = line.split("=", 1)
        setattr(settings, name, value)
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "samverkan", SECRET
    settings.OIDC_RP_SCOPES = "openid email profile roles"
    settings.OIDC_PROVIDER_NAME = "Trelleborgs kommun"
    settings.OIDC_ROLE_MAP = {
        "samverkan-sakerhetsenheten-1287": ["sakerhetsenheten", "1287"],
        "samverkan-kommunpolis": ["kommunpolis", "*"],
    }
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "accounts.oidc.Backend"]
    # As the settings do with OIDC_OP_LOGOUT_ENDPOINT: logging out goes on to the provider.
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(issuer)
    settings.CONTENT_SECURITY_POLICY = policy
    return issuer


def sign_in_at_provider(page, login):
    """From our login page through the provider's own pages, back to us."""
    # The provider's development pages ask for a web font; this machine has no internet.
    page.route("https://fonts.googleapis.com/**", lambda route: route.abort())
    page.goto("/logga-in/")
    page.get_by_role("link", name="Logga in med Trelleborgs kommun").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("vad-som-helst")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def assert_not_logged_in(page):
    page.goto("/indikatorer/")
    assert urlsplit(page.url).path == "/logga-in/"


def test_staff_signs_in_with_the_code_flow_and_pkce_and_gets_the_mapped_role(page, provider):
    requests_to_provider = []
    page.on("request", lambda request: requests_to_provider.append(request.url))
    page.goto("/logga-in/")
    assert_accessible(page)
    sign_in_at_provider(page, "sara")
    expect(page.get_by_role("link", name="Sara Säker")).to_be_visible()
    expect(page.get_by_role("link", name="Indikatorer")).to_be_visible()

    authorise = next(url for url in requests_to_provider if url.startswith(f"{provider}/auth?"))
    asked = parse_qs(urlsplit(authorise).query)
    assert asked["response_type"] == ["code"]
    assert asked["code_challenge_method"] == ["S256"]
    assert len(asked["code_challenge"][0]) == 43
    identity = ExternalIdentity.objects.select_related("user").get(subject="sara")
    grant = identity.user.role_grants.get()
    assert (grant.role, grant.municipality.code) == (SECURITY_UNIT, "1287")
    assert not identity.user.has_usable_password()


def test_a_replayed_reply_opens_no_session(page, provider, browser, live_server):
    replies = []
    page.on("request", lambda request: CALLBACK in request.url and replies.append(request.url))
    sign_in_at_provider(page, "kim")
    expect(page.get_by_role("link", name="Kim Polis")).to_be_visible()
    assert len(replies) == 1

    # Someone who got hold of the reply's address, in a browser of their own.
    other = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    other.goto(replies[0])
    expect(other.get_by_role("heading", level=1)).to_have_text(NOT_FINISHED)
    expect(other.get_by_text("Inloggningslänken hade redan använts")).to_be_visible()
    assert_accessible(other)
    assert_not_logged_in(other)
    other.context.close()

    # The same browser, logged out, replaying it.
    page.get_by_role("button", name="Logga ut").click()
    page.goto(replies[0])
    expect(page.get_by_role("heading", level=1)).to_have_text(NOT_FINISHED)
    assert_not_logged_in(page)


@pytest.mark.parametrize(
    ("mode", "explanation"),
    [
        ("wrong-audience", "var utfärdat för ett annat system"),
        ("expired", "Svaret från inloggningstjänsten hade gått ut"),
    ],
)
def test_a_token_for_another_system_or_expired_is_refused(page, provider, mode, explanation):
    requests.get(f"{provider}/test/mode/{mode}", timeout=5).raise_for_status()
    sign_in_at_provider(page, "sara")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggningen kunde inte bekräftas")
    expect(page.get_by_text(explanation)).to_be_visible()
    assert_not_logged_in(page)
    assert not ExternalIdentity.objects.exists()


def test_a_person_without_a_role_here_gets_a_clear_page(page, provider):
    sign_in_at_provider(page, "nils")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har ingen roll i Samverkan")
    assert_accessible(page)
    assert_not_logged_in(page)


def test_a_provider_that_is_down_gets_a_clear_page(page, provider, settings):
    closed = f"http://127.0.0.1:{free_port()}"
    # Down during the sign-in: the code cannot be exchanged for tokens.
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{closed}/token"
    sign_in_at_provider(page, "sara")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggningstjänsten svarar inte")
    assert_not_logged_in(page)
    # Down before it: the button says so instead of sending the browser nowhere.
    settings.OIDC_OP_JWKS_ENDPOINT = f"{closed}/jwks"
    page.goto("/logga-in/")
    page.get_by_role("link", name="Logga in med Trelleborgs kommun").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggningstjänsten svarar inte")
    assert_accessible(page)


def test_logging_out_ends_the_providers_session_too(page, provider):
    sign_in_at_provider(page, "kim")
    expect(page.get_by_role("link", name="Kim Polis")).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{provider}/**")
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page).to_have_url(re.compile(r"/logga-in/$"))
    assert_not_logged_in(page)
    # The next person at this computer is asked who they are, not let through as Kim.
    page.goto("/logga-in/")
    page.get_by_role("link", name="Logga in med Trelleborgs kommun").click()
    expect(page.locator("input[name=login]")).to_be_visible()
