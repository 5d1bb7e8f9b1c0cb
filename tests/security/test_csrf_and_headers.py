"""CSRF on every form, the production security headers, and no secrets in the repository."""

import re
import subprocess

from django.conf import settings
from django.test import Client

from tests.conftest import PASSWORD
from tests.test_settings import run_manage

CSRF_REFUSED = "CSRF-verifikation misslyckades. Förfrågan avbröts."


def assert_refused_for_csrf_alone(client, url, data):
    """The POST without a token is CSRF's refusal, and the same POST with the token the form
    gives is not refused: the 403 was for the token, not for the user or the data."""
    refused = client.post(url, data)
    assert refused.status_code == 403, url
    assert CSRF_REFUSED in refused.text, url
    client.get(url)  # shows the form, and with it the token's cookie, as for a browser
    token = client.cookies["csrftoken"].value
    assert client.post(url, {**data, "csrfmiddlewaretoken": token}).status_code != 403, url


def test_posts_without_csrf_token_are_refused(security_user, installation):
    client = Client(enforce_csrf_checks=True)
    client.force_login(security_user)
    for url in (
        "/rapporter/trelleborg-2019-2022/2021/redigera/",
        "/indikatorer/import/",
        "/moten/2021/vecka/30/inget-mote/",
        "/admin/measures/measure/add/",
    ):
        assert_refused_for_csrf_alone(client, url, {})
        del client.cookies["csrftoken"]  # the next form starts without one


def test_login_form_needs_csrf_token(security_user):
    login = {"username": security_user.username, "password": PASSWORD}
    client = Client(enforce_csrf_checks=True)
    assert_refused_for_csrf_alone(client, "/logga-in/", login)
    assert "_auth_user_id" in client.session  # logged in once the token came


PROBE = """
from django.test import Client
# A response without a template, so that no collected static files are needed.
r = Client().get("/sprak/", secure=True, HTTP_HOST="samverkan.trelleborg.se")
for name in ("Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options",
             "X-Content-Type-Options", "Referrer-Policy"):
    print(f"{name}: {r.headers.get(name)}")
from django.conf import settings
print("csrf-cookie-secure:", settings.CSRF_COOKIE_SECURE)
print("session-cookie-secure:", settings.SESSION_COOKIE_SECURE)
"""


def test_production_sends_the_security_headers():
    result = run_manage(
        "shell",
        "-c",
        PROBE,
        DEBUG="0",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="samverkan.trelleborg.se",
        DATABASE_URL="sqlite://:memory:",
    )
    assert result.returncode == 0, result.stderr
    lines = [line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line]
    headers = dict(lines)
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-eval" not in csp and "script-src 'self' 'unsafe-inline'" not in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["csrf-cookie-secure"] == "True"
    assert headers["session-cookie-secure"] == "True"


def test_no_secrets_in_the_repository():
    files = subprocess.run(
        ["git", "ls-files"], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout.split()
    secret = re.compile(
        # The development key is no secret: production refuses any key of that prefix.
        r"-----BEGIN [A-Z ]*PRIVATE KEY|AKIA[0-9A-Z]{16}"
        r"|SECRET_KEY\s*=\s*['\"](?!django-insecure)[^'\"]{20,}"
    )
    found = []
    for name in files:
        path = settings.BASE_DIR / name
        if path.suffix in {".mo", ".png", ".pdf", ".xlsx"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [f"{name}: {m.group(0)[:30]}" for m in secret.finditer(text)]
    assert not found
