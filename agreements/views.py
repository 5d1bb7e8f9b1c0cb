from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import SECURITY_UNIT, STAFF_ROLES, role_required, user_roles, within_reach
from meetings.forms import error_summary
from municipalities.models import Municipality

from .access import agreement_required
from .editing import invalid, posted, recent_changes, save_checked, saved
from .forms import (
    CitizenPromiseForm,
    NewAgreementForm,
    ProblemPictureForm,
    PromisePointFormSetFactory,
)
from .models import (
    Agreement,
    CitizenPromise,
    EffectGoal,
    ProblemPicture,
    ProductionGoal,
    PromisePoint,
)
from .succession import AlreadyInForce, copy_structure, empty_agreement, proposal, set_in_force

# What the new-agreement form sets on the agreement itself (the source is what it copies).
AGREEMENT_FIELDS = [name for name in NewAgreementForm.Meta.fields if name != "source"]


@role_required(*STAFF_ROLES)
def agreement_list(request):
    """Every agreement of the user's municipalities, drafts and ended ones too, newest first."""
    agreements = within_reach(request, Agreement.objects.all(), *STAFF_ROLES, via="municipality")
    context = {"agreements": agreements.select_related("municipality")}
    return render(request, "agreements/agreement_list.html", context)


@role_required(SECURITY_UNIT)
def agreement_new(request):
    """Start the next agreement: a copy of an earlier one's structure, or empty, as a draft."""
    agreements = within_reach(request, Agreement.objects.all(), SECURITY_UNIT, via="municipality")
    municipalities = within_reach(request, Municipality.objects.all(), SECURITY_UNIT, via="pk")
    chosen = agreements.filter(slug=request.GET.get("fran", "")).first() or agreements.first()
    form = NewAgreementForm(
        request.POST or None,
        initial=proposal(chosen) if chosen else {},
        agreements=agreements,
        municipalities=municipalities,
    )
    if form.is_valid():
        fields = {name: getattr(form.instance, name) for name in AGREEMENT_FIELDS}
        source = form.cleaned_data["source"]
        try:
            agreement = copy_structure(source, **fields) if source else empty_agreement(**fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The draft %(title)s has been created. Revise it, then set it in force.")
                % {"title": agreement.title},
            )
            return redirect(agreement)
    return render(request, "agreements/agreement_new.html", {"form": form})


@require_POST
@agreement_required(SECURITY_UNIT)
def agreement_set_in_force(request, agreement):
    """The revised draft comes into force; the agreements it succeeds end."""
    try:
        ended = set_in_force(agreement)
    except AlreadyInForce:
        messages.error(request, _("Only a draft can be set in force."))
    except ValidationError as error:
        messages.error(
            request,
            _("%(title)s could not be set in force: %(errors)s")
            % {"title": agreement.title, "errors": " ".join(error.messages)},
        )
    else:
        messages.success(request, _("%(title)s is now in force.") % {"title": agreement.title})
        for earlier in ended:
            messages.info(request, _("%(title)s has ended.") % {"title": earlier.title})
    return redirect(agreement)


@agreement_required(*STAFF_ROLES)
def agreement_detail(request, agreement):
    """The agreement as it reads, with the yearly problem pictures and citizen promises."""
    goals = EffectGoal.objects.filter(agreement=agreement).select_related("focus_area")
    context = {
        "agreement": agreement,
        "parties": agreement.parties.all(),
        "commitments": agreement.commitments.all(),
        "focus_areas": agreement.focus_areas.all(),
        "overarching_goals": [g for g in goals if g.is_overarching],
        "focus_goals": [g for g in goals if not g.is_overarching],
        "production_goals": ProductionGoal.objects.filter(agreement=agreement).select_related(
            "focus_area"
        ),
        "problem_pictures": agreement.problempictures.all(),
        "promises": CitizenPromise.objects.filter(agreement=agreement).prefetch_related(
            Prefetch("points")
        ),
    }
    return render(request, "agreements/agreement_detail.html", context)


@agreement_required(SECURITY_UNIT, with_year=True)
def problem_picture_edit(request, agreement, year):
    """The year's joint problem picture, written or revised."""
    picture = ProblemPicture.objects.filter(agreement=agreement, year=year).first()
    picture = picture or ProblemPicture(agreement=agreement, year=year)
    form = ProblemPictureForm(posted(request), instance=picture)
    if request.method == "POST":
        if not form.is_valid():
            invalid(request)
        elif save_checked(request, [form], form.save):
            return saved(request, _("The problem picture has been saved."), agreement, year)
    context = {"agreement": agreement, "year": year, "form": form, "errors": error_summary(form)}
    context["history"] = recent_changes(picture.history.all() if picture.pk else None)
    return render(request, "agreements/problem_picture_form.html", context)


@agreement_required(*STAFF_ROLES, with_year=True)
def promises_edit(request, agreement, year):
    """The year's citizen promises and their follow-up; the police follow them up, säkerhetsenheten
    also writes them."""
    writer = user_roles(request).security_unit
    promise = CitizenPromise.objects.filter(agreement=agreement, year=year).first()
    if promise is None and not writer:
        return render(
            request, "agreements/promises_form.html", {"agreement": agreement, "year": year}
        )
    promise = promise or CitizenPromise(agreement=agreement, year=year)
    data = posted(request)
    form = CitizenPromiseForm(data, instance=promise)
    points = PromisePointFormSetFactory(
        data, instance=promise, prefix="points", follow_up_only=not writer
    )
    if not writer:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST":
        if not all([form.is_valid(), points.is_valid()]):  # a list: both report their errors
            invalid(request)
        elif save_checked(request, [form, *points.forms], lambda: _save_promises(form, points)):
            return saved(request, _("The citizen promises have been saved."), agreement, year)
    context = {
        "agreement": agreement,
        "year": year,
        "form": form,
        "points": points,
        "writer": writer,
        "errors": _promise_errors(form, points),
        "history": recent_changes(
            promise.history.all() if promise.pk else None,
            PromisePoint.history.filter(promise_id=promise.pk) if promise.pk else None,
        ),
    }
    return render(request, "agreements/promises_form.html", context)


def _save_promises(form, points):
    if form.has_changed() or form.instance.pk is None:
        points.instance = form.save()
    points.save()


def _promise_errors(form, points):
    errors = error_summary(form)
    for number, point in enumerate(points, 1):
        errors += error_summary(point, _("Promise %(number)s") % {"number": number})
    errors += [(None, message, None) for message in points.non_form_errors()]
    return errors
