from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.roles import SECURITY_UNIT, STAFF_ROLES, role_required

from .forms import NewAgreementForm
from .models import Agreement, CitizenPromise, EffectGoal, ProductionGoal
from .succession import copy_structure, empty_agreement, proposal

# What the new-agreement form sets on the agreement itself (the source is what it copies).
AGREEMENT_FIELDS = [name for name in NewAgreementForm.Meta.fields if name != "source"]


@role_required(*STAFF_ROLES)
def agreement_list(request):
    """Every agreement, drafts and ended ones too, newest first."""
    return render(
        request, "agreements/agreement_list.html", {"agreements": Agreement.objects.all()}
    )


@role_required(SECURITY_UNIT)
def agreement_new(request):
    """Start the next agreement: a copy of an earlier one's structure, or empty, as a draft."""
    agreements = Agreement.objects.all()
    chosen = agreements.filter(slug=request.GET.get("fran", "")).first() or agreements.first()
    form = NewAgreementForm(
        request.POST or None, initial=proposal(chosen) if chosen else {}, agreements=agreements
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


@role_required(*STAFF_ROLES)
def agreement_detail(request, slug):
    """The agreement as it reads, with the yearly problem pictures and citizen promises."""
    agreement = get_object_or_404(Agreement, slug=slug)
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
