"""How the production goals and measures stood in a year: the figures the annual report shows."""

from django.db.models import Prefetch

from agreements.models import ProductionGoal

from .models import Measure, MeasureUpdate


def production_goal_results(agreement, year):
    """Each production goal with the count its measures achieved in `year`.

    `reached` is None when no measure reported a count, so "not followed up" is never shown as
    "not reached".
    """
    goals = ProductionGoal.objects.filter(agreement=agreement).prefetch_related(
        Prefetch(
            "measures__updates",
            queryset=MeasureUpdate.objects.filter(year=year),
            to_attr="year_updates",
        )
    )
    results = []
    for goal in goals:
        counts = [
            update.achieved_count
            for measure in goal.measures.all()
            for update in measure.year_updates
            if update.achieved_count is not None
        ]
        achieved = sum(counts) if counts else None
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
    for measure in measures:
        measure.update = measure.found[0] if measure.found else None
    return measures
