from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.roles import user_roles
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


@login_not_required
def accessibility(request):
    """The accessibility statement the law requires; public like any such statement."""
    return render(request, "accounts/accessibility.html")
