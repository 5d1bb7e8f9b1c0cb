from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.oidc import provider_logout_url
from accounts.roles import user_roles
from accounts.two_factor import second_factor_exempt
from agreements.models import Agreement
from meetings.isoweeks import current_week
from meetings.summary import week_status
from reports.completeness import missing_for_report


def home(request):
    """The start page: this year's follow-up and this week's EST, then agreement by agreement."""
    roles = user_roles(request)
    if roles.reader and not roles.staff:
        return redirect("reports:list")  # readers come for the reports
    agreements = Agreement.objects.of(roles.current).in_force().select_related("municipality")
    context = {"agreements": agreements}
    if roles.staff:
        context.update(this_year(timezone.localdate(), roles.current))
    return render(request, "accounts/home.html", context)


def this_year(today, municipality_id):
    """The municipality's agreement in force today, what its report on this year lacks, and
    this week's EST."""
    current = Agreement.in_force(today.year, municipality_id)
    if current is None:
        return {"current": None, "year": today.year}
    week_year, week = current_week(today)
    return {
        "current": current,
        "year": today.year,
        "missing": missing_for_report(current, today.year),
        "week": week_status(current, week_year, week),
    }


@second_factor_exempt
@login_not_required
def accessibility(request):
    """The accessibility statement the law requires; public like any such statement."""
    return render(request, "accounts/accessibility.html")


class LoginView(auth_views.LoginView):
    """Django's login form, beside "Log in with …" when the identity provider is set up; the
    form is gone when local accounts are turned off (LOCAL_LOGIN=0)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["local_login"] = settings.LOCAL_LOGIN
        if settings.OIDC_ENABLED:
            context["sign_in_with"] = settings.OIDC_PROVIDER_NAME or _("your municipal account")
        return context

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_LOGIN:
            raise PermissionDenied(_("Log in through the identity provider."))
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Django's logout; after a single sign-on the provider's session ends too, so that the next
    person at a shared computer is asked to sign in rather than let through as the last one."""

    def post(self, request, *args, **kwargs):
        at_provider = provider_logout_url(request)  # read before the session goes
        response = super().post(request, *args, **kwargs)
        return redirect(at_provider) if at_provider else response
