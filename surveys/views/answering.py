"""The answering page a personal link opens: no login, one respondent's answers for one round."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from accounts.two_factor import second_factor_exempt
from agreements.revisions import StaleEdit
from meetings.forms import error_summary
from meetings.models import Factor, Level

from .. import links
from ..answering import Refused, RoundClosed, check_open, report_nothing, save_answers
from ..forms import AnswerForm, RevisionForm
from ..models import Invitation

FORGED = gettext_lazy(
    "This link does not work: it was not made by us, or it was cut short or changed on the "
    "way. Open the link in your e-mail again, whole; if it still does not work, ask "
    "säkerhetsenheten for a new one."
)
NO_INVITATION = gettext_lazy(
    "This link leads to no invitation: it may have been withdrawn. Ask säkerhetsenheten "
    "whether you should answer this week."
)
# Said to the second of two posts of the same form (a double tap, or a second window).
STALE = gettext_lazy(
    "Your answers had already been saved (the form was sent twice, or from another window), "
    "so nothing of this submission was saved. The page now shows the answers that are saved: "
    "change them and send again if anything should be different."
)
# An old round's link is gone for good; a round not yet open is only forbidden for now.
STATUS = {RoundClosed: 410}


def _refused(request, message, status, round=None):
    context = {"message": message, "round": round}
    return render(request, "surveys/answer_refused.html", context, status=status)


def _round_refused(request, refusal):
    return _refused(request, str(refusal), STATUS.get(type(refusal), 403), refusal.round)


def personal_link(view):
    """Call `view(request, invitation, token)` with the invitation the signed personal link
    names; a forged link, or one to no invitation, gets a page that says so."""

    @wraps(view)
    def wrapped(request, token):
        try:
            key = links.key_of(token)
        except links.BadLink:
            return _refused(request, FORGED, 403)
        invitations = Invitation.objects.select_related("round", "respondent")
        invitation = invitations.filter(key=key).first()
        if invitation is None:
            return _refused(request, NO_INVITATION, 404)
        return view(request, invitation, token)

    return second_factor_exempt(login_not_required(wrapped))


def _current_form(invitation, areas, factors):
    """The form as the respondent's saved answers fill it ("vet ej" where none is saved)."""
    answers = invitation.answers.values_list("area_id", "factor_id", "level")
    return AnswerForm(
        initial={"revision": invitation.revision},
        areas=areas,
        factors=factors,
        levels={(area_id, factor_id): level for area_id, factor_id, level in answers},
        observations=dict(invitation.observations.values_list("area_id", "text")),
    )


def _save(posted, invitation, areas, factors):
    revision = posted.cleaned_data["revision"]
    if isinstance(posted, AnswerForm):
        save_answers(
            invitation,
            revision=revision,
            levels=posted.levels(),
            observations=posted.observations(),
        )
    else:
        report_nothing(invitation, areas, factors, revision=revision)


@personal_link
@require_http_methods(["GET", "POST"])
def answer(request, invitation, token):
    """The levels of every factor in use for each area of the invitation, saved all or nothing
    while the round is open; "Inget att rapportera" is a form of its own."""
    try:
        check_open(invitation.round)
    except Refused as refusal:
        return _round_refused(request, refusal)
    areas = list(invitation.areas.all())
    factors = list(Factor.objects.filter(is_active=True))
    form, errors, status = None, [], 200
    if request.method == "POST":
        if "nothing" in request.POST:
            posted = RevisionForm(request.POST)
        else:
            posted = AnswerForm(
                request.POST, areas=areas, factors=factors, levels={}, observations={}
            )
        if posted.is_valid():
            try:
                _save(posted, invitation, areas, factors)
            except Refused as refusal:  # the round closed while the form was open
                return _round_refused(request, refusal)
            except StaleEdit:
                messages.error(request, STALE)
                invitation.refresh_from_db(fields=["revision", "answered_at", "nothing_to_report"])
                status = 409
            else:
                return redirect("surveys:answered", token)
        else:
            messages.error(request, _("Nothing has been saved: correct what is listed below."))
            errors = error_summary(posted)
            form = posted if isinstance(posted, AnswerForm) else None
    context = {
        "invitation": invitation,
        "round": invitation.round,
        "form": form if form is not None else _current_form(invitation, areas, factors),
        "errors": errors,
    }
    return render(request, "surveys/answer.html", context, status=status)


@personal_link
@require_safe
def answered(request, invitation, token):
    """The thanks after saving, with what stood out in the respondent's own answers."""
    if invitation.answered_at is None:
        return redirect("surveys:answer", token)
    reported = (
        invitation.answers.filter(level__gt=Level.NONE)
        .select_related("area", "factor")
        .order_by("area__order", "area__name", "factor__order", "factor__name")
    )
    context = {
        "invitation": invitation,
        "round": invitation.round,
        "reported": reported,
        "observations": invitation.observations.select_related("area").order_by(
            "area__order", "area__name"
        ),
        "is_open": invitation.round.is_open(),
        "token": token,
    }
    return render(request, "surveys/answer_thanks.html", context)
