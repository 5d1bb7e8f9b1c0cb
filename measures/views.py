from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.roles import STAFF_ROLES
from agreements.access import agreement_required
from agreements.editing import invalid, posted, save_checked, saved
from agreements.history import changes, merged
from meetings.forms import error_summary

from .followup import measures_in_year
from .forms import MeasureFollowUpForm
from .models import Measure, MeasureUpdate


@agreement_required(*STAFF_ROLES)
def measure_list(request, agreement):
    """The agreement's measures with every yearly follow-up, newest first."""
    measures = (
        Measure.objects.filter(agreement=agreement)
        .select_related("focus_area", "production_goal")
        .prefetch_related("updates")
    )
    updates = MeasureUpdate.history.filter(measure__agreement=agreement)
    history = merged(
        changes(Measure.history.filter(agreement_id=agreement.pk), subject=str),
        changes(
            updates.select_related("measure"),
            subject=lambda row: f"{row.measure}, {row.year}",
        ),
    )
    context = {"agreement": agreement, "measures": measures, "history": history}
    return render(request, "measures/measure_list.html", context)


@agreement_required(*STAFF_ROLES, with_year=True)
def follow_up(request, agreement, year):
    """The year's follow-up of every measure running that year, saved all or nothing."""
    data = posted(request)
    forms = []
    for measure in measures_in_year(agreement, year):
        if measure.update or measure.runs_in(year):
            measure.agreement = agreement  # already loaded: validating a year reads it
            update = measure.update or MeasureUpdate(measure=measure, year=year)
            forms.append(MeasureFollowUpForm(data, instance=update, prefix=f"atgard-{measure.pk}"))
    if request.method == "POST":
        if not all([form.is_valid() for form in forms]):  # a list: every form reports
            invalid(request)
        elif save_checked(request, forms, lambda: [f.save() for f in forms if f.has_changed()]):
            return saved(request, _("The measures' follow-up has been saved."), agreement, year)
    errors = []
    for form in forms:
        errors += error_summary(form, form.instance.measure.title)
    context = {"agreement": agreement, "year": year, "forms": forms, "errors": errors}
    return render(request, "measures/follow_up.html", context)
