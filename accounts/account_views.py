"""The user's own account: who they are and where they hold which role, their password, and
logging out everywhere."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import PasswordChangeView
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import two_factor
from .signing_out import end_every_session


def account(request):
    grants = request.user.role_grants.select_related("municipality").order_by("role")
    context = {
        "grants": grants,
        "sessions": request.user.login_sessions.count(),
        "two_factor_on": two_factor.has_second_factor(request.user),
        "signed_in_elsewhere": two_factor.signed_in_elsewhere(request),
    }
    return render(request, "accounts/account.html", context)


class PasswordChange(SuccessMessageMixin, PasswordChangeView):
    """Django's own: the old password, the new one twice, its validators; the user's other
    sessions end with the old password, this one goes on."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account")
    success_message = gettext_lazy("Your password is changed; your other logins have ended.")


@require_POST
def log_out_everywhere(request):
    ended = end_every_session(request.user)
    logout(request)
    messages.info(
        request, _("You are logged out everywhere (%(count)s logins).") % {"count": max(ended, 1)}
    )
    return redirect("login")
