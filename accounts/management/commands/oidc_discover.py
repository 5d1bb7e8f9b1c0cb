"""Reads an identity provider's discovery document and prints the settings Samverkan needs."""

import requests
from django.core.management.base import BaseCommand, CommandError

SETTINGS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}


class Command(BaseCommand):
    help = "Print the OIDC_* settings for an identity provider, read from its discovery document."

    def add_arguments(self, parser):
        parser.add_argument("issuer", help="e.g. https://login.microsoftonline.com/<tenant>/v2.0")

    def handle(self, issuer, **options):
        url = issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            response = requests.get(url, timeout=10)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise CommandError(f"Could not read {url}: {error}") from error
        if document.get("issuer") != issuer:
            raise CommandError(
                f"The provider calls itself {document.get('issuer')!r}, not {issuer!r}: "
                "use its own spelling as OIDC_ISSUER."
            )
        self.stdout.write(f"OIDC_ISSUER={issuer}")
        for name, key in SETTINGS.items():
            if document.get(key):
                self.stdout.write(f"{name}={document[key]}")
        if "S256" not in document.get("code_challenge_methods_supported", ["S256"]):
            self.stderr.write("The provider does not announce PKCE (S256); Samverkan uses it.")
