"""Every URL the project serves needs a logged-in user, except a short, explained allowlist."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

# Name → why it may be seen without logging in.
PUBLIC = {
    "login": "the login page itself",
    "admin:login": "the admin's own login page",
    "admin_login": "sends the admin's login to the login page",
    "oidc_authentication_init": "signing in through the identity provider starts here",
    "oidc_authentication_callback": "the identity provider's reply; its state is the key",
    "set_language": "the language choice on the login page",
    "accessibility": "the accessibility statement the law requires to be public",
    "surveys:answer": "the survey's answering page: its signed personal link is the key",
    "surveys:answered": "the thanks after answering, behind the same personal link",
}
LOGIN_PATHS = ("/logga-in/", "/admin/login/")
# Public names that are not found while their feature is not configured (single sign-on).
OFF_UNLESS_CONFIGURED = {"oidc_authentication_init", "oidc_authentication_callback"}

# A sample value for each URL parameter name used in the project.
SAMPLES = {
    "slug": "trelleborg-2019-2022",
    "code": "tm-fortkorning",
    "agreement": "trelleborg-2019-2022",
    "year": 2021,
    "week": 10,
    "version": 1,
    "fmt": "csv",
    "pk": 1,
    "id": 1,
    "object_id": "1",
    "app_label": "agreements",
    "content_type_id": 1,
    "uidb64": "MQ",
    "token": "x",
}


def named_patterns(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern):
            yield entry, f"{namespace}{entry.name}" if entry.name else None, namespace


def sample_url(pattern, name):
    regex = pattern.pattern.regex
    params = set(regex.groupindex)
    try:
        if not params and regex.groups:  # positional groups, as django-simple-history's
            return reverse(name, args=["1"] * regex.groups)
        return reverse(name, kwargs={p: SAMPLES[p] for p in params})
    except (KeyError, NoReverseMatch) as error:
        pytest.fail(f"Add a sample to SAMPLES for the URL {name!r} ({sorted(params)}): {error}")


def all_named_urls():
    urls = []
    for pattern, name, namespace in named_patterns():
        if name is None:
            # The admin's few unnamed redirects lead to its named, login-checked views.
            assert namespace == "admin:", (
                f"Every URL pattern needs a name; {pattern.pattern} has none"
            )
            continue
        urls.append((name, pattern))
    return urls


@pytest.mark.parametrize(("name", "pattern"), all_named_urls(), ids=lambda v: str(v))
def test_anonymous_user_is_sent_to_login(client, installation, name, pattern):
    url = sample_url(pattern, name)
    response = client.get(url)
    if name in PUBLIC:
        # 403: the page refused the sample itself (a personal link we did not sign).
        allowed = (200, 302, 403, 405) + ((404,) if name in OFF_UNLESS_CONFIGURED else ())
        assert response.status_code in allowed, url
        return
    assert response.status_code == 302, f"{url} answered {response.status_code} without login"
    assert response.url.startswith(LOGIN_PATHS), f"{url} redirected to {response.url}"


def test_allowlist_names_only_existing_urls():
    names = {name for name, _ in all_named_urls()}
    assert set(PUBLIC) <= names
