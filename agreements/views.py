from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from accounts.roles import STAFF_ROLES, role_required

from .models import Agreement, CitizenPromise, EffectGoal, ProductionGoal


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
