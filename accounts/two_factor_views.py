"""Setting up two factors, giving the code after the password, new recovery codes, turning it
off (rules in two_factor.py)."""

from base64 import b32encode, b64encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .forms import CodeForm, FirstCodeForm
from .signing_out import end_other_sessions, renew_key

SHOWN_CODES = "two_factor_new_codes"


def safe_next(request, default="home"):
    wanted = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return default


def verify(request):
    """After the password: a code from the app or a recovery code."""
    next_url = safe_next(request)
    two_factor.note_second_factor(request)  # an administrator may have reset it since login
    if two_factor.still_needed(request) != "second_factor":
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, refusal = check_code(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            renew_key(request)
            if isinstance(device, TOTPDevice):
                return redirect(next_url)
            left = two_factor.recovery_codes_left(request.user)
            messages.warning(
                request,
                _(
                    "You used a recovery code; %(left)s are left. "
                    "Make new ones on your account page."
                )
                % {"left": left},
            )
            return redirect(next_url)
        form.add_error("code", refusal)
    context = {"form": form, "next": next_url, "halfway": True}
    return render(request, "accounts/second_factor.html", context)


def check_code(user, code):
    """The device that accepts the code, or None and why not. Six digits are the app's, other
    codes recovery codes: a mistyped recovery code does not hold the app back."""
    from_app = code.isdigit() and len(code) == 6
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if isinstance(device, TOTPDevice) != from_app:
                continue
            held_back = slowed_down(device)
            if held_back:
                return None, held_back
            if device.verify_token(code):
                return device, ""
    return None, _("The code is wrong or has already been used.")


def slowed_down(device):
    """Why the device takes no code just now (wrong codes wait longer each time), or ""."""
    allowed, details = device.verify_is_allowed()
    if allowed:
        return ""
    until = timezone.localtime(details["locked_until"])
    return _("Too many wrong codes. Try again after %(time)s.") % {
        "time": time_format(until, "H:i:s")
    }


def manage(request):
    """Set up the authenticator app, or, once it is set up, see how many recovery codes are left."""
    user = request.user
    device = two_factor.app_device(user)
    if device.confirmed:
        context = {
            "codes_left": two_factor.recovery_codes_left(user),
            "required": two_factor.required(request),
        }
        return render(request, "accounts/two_factor.html", context)
    form = FirstCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        held_back = slowed_down(device)
        if not held_back and device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            renew_key(request)
            # Logins that began with the password alone end: from now on each gives a code.
            end_other_sessions(user, request.session.session_key)
            two_factor.note_second_factor(request)
            return show_new_codes(request, safe_next(request, default="account"))
        form.add_error(
            "code",
            held_back or _("The code is wrong. Check the time on your phone and try again."),
        )
    context = {
        "form": form,
        "qr": qr_image(device.config_url),
        "secret": " ".join(b32encode(device.bin_key).decode()[i : i + 4] for i in range(0, 32, 4)),
        "required": two_factor.required(request),
        "halfway": two_factor.still_needed(request) == "two_factor",
        "next": safe_next(request, default=""),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


def qr_image(text):
    svg = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage).to_string()
    return "data:image/svg+xml;base64," + b64encode(svg).decode()


def show_new_codes(request, next_url):
    request.session[SHOWN_CODES] = two_factor.new_recovery_codes(request.user)
    return redirect(f"{reverse('two_factor_codes')}?{urlencode({'next': next_url})}")


@require_POST
def new_codes(request):
    return show_new_codes(request, reverse("two_factor"))


def codes(request):
    """The recovery codes, shown once."""
    shown = request.session.pop(SHOWN_CODES, None)
    if not shown:
        return redirect("two_factor")
    context = {"codes": shown, "next": safe_next(request, default=reverse("account"))}
    return render(request, "accounts/recovery_codes.html", context)


@require_POST
def turn_off(request):
    if two_factor.required(request):
        raise PermissionDenied(_("Your role requires two factors."))
    two_factor.turn_off(request.user)
    two_factor.note_second_factor(request)
    messages.info(request, _("Two factors are turned off for your account."))
    return redirect("account")
