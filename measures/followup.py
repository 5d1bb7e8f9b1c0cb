"""How the production goals and measures stood in a year: the figures the annual report shows."""

from django.db.models import Prefetch

from agreements.models import ProductionGoal

from .models import Measure, MeasureUpdate


def production_goal_results(agreement, measures):
    """Each production goal with the count its measures achieved, from `measures_in_year`.

    `reached` is None when no measure reported a count, so "not followed up" is never shown as
    "not reached".
    """
    counts = {}
    for measure in measures:
        if measure.update and measure.update.achieved_count is not None:
            counts.setdefault(measure.production_goal_id, []).append(measure.update.achieved_count)
    results = []
    for goal in ProductionGoal.objects.filter(agreement=agreement).select_related("focus_area"):
        achieved = sum(counts[goal.pk]) if goal.pk in counts else None
        reached = None
        if achieved is not None and goal.yearly_target is not None:
            reached = achieved >= goal.yearly_target
        results.append({"goal": goal, "achieved": achieved, "reached": reached})
    return results


def measures_in_year(agreement, year):
    """The agreement's measures, each with its follow-up for `year` (or None) as `update`."""
    measures = (
        Measure.objects.filter(agreement=agreement)
        .select_related("focus_area", "production_goal")
        .prefetch_related(
            Prefetch("updates", queryset=MeasureUpdate.objects.filter(year=year), to_attr="found")
        )
    )
    measures = list(measures)
    for measure in measures:
        measure.update = measure.found[0] if measure.found else None
    return measures
