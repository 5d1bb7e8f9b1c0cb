"""The personal link in an invitation: signed, for one invitation (one respondent in one round),
and carrying only the invitation's random key, so it names nothing that could be guessed."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "surveys.invitation"


class BadLink(Exception):
    """The link was not made by us, or was cut or altered."""


def token(invitation):
    return signing.dumps(invitation.key, salt=SALT, compress=False)


def key_of(value):
    """The invitation key a link carries; BadLink if its signature does not hold."""
    try:
        return signing.loads(value, salt=SALT)
    except signing.BadSignature as error:
        raise BadLink from error


def answer_url(invitation):
    """The absolute personal link, for the e-mails."""
    return settings.SITE_URL.rstrip("/") + reverse("surveys:answer", args=[token(invitation)])
