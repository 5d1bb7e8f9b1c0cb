from django.shortcuts import get_object_or_404, render

from accounts.roles import STAFF_ROLES, role_required
from agreements.models import Agreement

from .models import Measure


@role_required(*STAFF_ROLES)
def measure_list(request, slug):
    """The agreement's measures with every yearly follow-up, newest first."""
    agreement = get_object_or_404(Agreement, slug=slug)
    measures = (
        Measure.objects.filter(agreement=agreement)
        .select_related("focus_area", "production_goal")
        .prefetch_related("updates")
    )
    return render(
        request, "measures/measure_list.html", {"agreement": agreement, "measures": measures}
    )
