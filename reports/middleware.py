"""A presented report for an anonymous visitor (REPORTS_PUBLIC), served as it was rendered:
no view, no session, no query.

The view marks what it rendered for an anonymous visitor (`keep`); on its way out, with every
header the inner middleware added (CSP, frame options, language), the response is stored under
its path and language. A presented report's page then changes only when a new version is started
or the report is removed, so the stored page lives PUBLIC_SECONDS: that reaches every worker
within a minute whatever the cache, without asking the database each time. The anonymous page
shows no notice about the live data, which is not public and changes with every write.

The one thing that differs per visitor is the language form's CSRF token: stored as a
placeholder, it is filled in per request by Django's CSRF middleware itself.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import reverse

from accounts.middleware import chosen_language

from .stored_pages import with_token, without_token

PUBLIC_SECONDS = 60


def keep(request):
    """Store this response for the next anonymous visitors of the same path and language."""
    request.keep_public_report = True


def _key(request):
    return f"samverkan:public-report:{chosen_language(request)}:{request.path}"


def _servable(request):
    return (
        settings.REPORTS_PUBLIC
        and request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and request.path.startswith(reverse("reports:list"))
    )


class PublicReportMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if not _servable(request):
            return self.get_response(request)
        stored = cache.get(_key(request))
        if stored is not None:
            return self.serve(request, *stored)
        response = self.get_response(request)
        if (
            getattr(request, "keep_public_report", False)
            and response.status_code == 200
            and settings.SESSION_COOKIE_NAME not in response.cookies
        ):
            stored = (without_token(response.content), dict(response.items()))
            cache.set(_key(request), stored, PUBLIC_SECONDS)
        return response

    def serve(self, request, content, headers):
        self.csrf.process_request(request)  # the visitor's own CSRF secret, if any
        response = HttpResponse(with_token(content, request), headers=headers)
        return self.csrf.process_response(request, response)  # sets the cookie if it is new
