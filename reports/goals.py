"""The effect goals in the report: each goal's status and explanations from the goal
evaluation, the indicator's figures over the years for the chart, and the data notes."""

from django.utils.translation import gettext as _

from indicators.evaluation import assessment_data, evaluate_goals, number
from indicators.models import Rule, SeriesBreak, Unit


def goal_section(agreement, year, inputs):
    """(goals, sources): the goals as plain data, and the sources their figures come from;
    `inputs` from `load_goal_inputs` for the same year."""
    results = evaluate_goals(agreement, year, inputs=inputs)
    series = figure_series(inputs.values_by_indicator)
    breaks = breaks_by_indicator(inputs.values_by_indicator)
    sources = {}
    goals = []
    for result in results:
        goal = result.goal
        for target in goal.targets.all():
            source = target.indicator.source
            sources[source.pk] = source
        outcomes = {(o.target.pk, o.group.pk): o for o in result.outcomes}
        goals.append(
            {
                "title": goal.short_title,
                "text": goal.text,
                "measurement": goal.measurement,
                "condition": goal.condition,
                "status": result.status.value,
                "status_label": str(result.status.label),
                "assessment": assessment_data(result.assessment),
                "targets": [outcome_row(outcome) for outcome in result.outcomes],
                "series": [
                    target_line(agreement, target, group, series, breaks, outcomes)
                    for target in goal.targets.all()
                    for group in target.groups.all()
                ],
                "thresholds": threshold_lines(goal.targets.all()),
            }
        )
    return goals, [source_row(source) for source in sources.values()]


def outcome_row(outcome):
    indicator = outcome.target.indicator
    return {
        "indicator": indicator.code,
        "indicator_name": indicator.short_name or indicator.name,
        "group": outcome.group.code,
        "group_name": outcome.group.name,
        "period": outcome.period.label if outcome.period else str(outcome.year),
        "value": number(outcome.value),
        "reference": number(outcome.reference),
        "status": outcome.status.value,
        "status_label": str(outcome.status.label),
        "explanation": outcome.explanation,
        "preliminary": outcome.preliminary,
        "substitution": outcome.substitution,
    }


def figure_series(values_by_indicator):
    """{(indicator id, group id): [value]}, oldest first, from the values the goal evaluation
    loaded (as far as the report's year may see them)."""
    series = {}
    values = [value for values in values_by_indicator.values() for value in values]
    for value in sorted(values, key=lambda v: (v.period.year, v.period.label)):
        series.setdefault((value.indicator_id, value.group_id), []).append(value)
    return series


def breaks_by_indicator(values_by_indicator):
    """{indicator id: [series break]}, earliest first, in one query."""
    breaks = {}
    for series_break in SeriesBreak.objects.filter(indicator__in=values_by_indicator.keys()):
        breaks.setdefault(series_break.indicator_id, []).append(series_break)
    return breaks


def first_charted_year(agreement, target, values):
    """Charts begin with the agreement's years, or earlier with the target's baseline: its
    baseline period, or for a decrease over the period the last figure before its years."""
    start = agreement.start_year
    if target.rule == Rule.DECREASE_FROM_BASELINE:
        start = min(start, target.baseline_period.year)
    if target.rule == Rule.DECREASE_OVER_PERIOD:
        before = [value.period.year for value in values if value.period.year < target.first_year]
        start = min([start, *before[-1:]])
    return start


def target_line(agreement, target, group, series, breaks, outcomes):
    """One target's figures for one group: a point per period from its first charted year,
    the first point after a series break noting the break, a wave standing in for the target
    year saying so."""
    name = target.indicator.short_name or target.indicator.name
    multiple = len(target.groups.all()) > 1
    values = series.get((target.indicator_id, group.pk), [])
    start = first_charted_year(agreement, target, values)
    outcome = outcomes.get((target.pk, group.pk))
    charted = [value for value in values if value.period.year >= start]
    points = []
    for previous, value in zip([None, *charted], charted, strict=False):
        point = {
            "period": value.period.label,
            "value": number(value.value),
            "preliminary": value.is_preliminary,
        }
        series_break = crossed_break(breaks.get(target.indicator_id, []), previous, value)
        if series_break:
            point["break"] = _("Series break from %(year)s: %(note)s") % {
                "year": series_break.year,
                "note": series_break.note,
            }
        if outcome and outcome.substitution and outcome.period == value.period:
            point["stands_in"] = outcome.substitution
        points.append(point)
    return {
        "name": f"{name} ({group.name})" if multiple else name,
        "axis": axis_title(target.indicator),
        "points": points,
    }


def axis_title(indicator):
    """The value axis's title: what the figures count, with the unit (Index 0–6, Andel (%))."""
    if indicator.unit == Unit.INDEX:
        scale = indicator.scale_text
        return _("Index %(scale)s") % {"scale": scale} if scale else _("Index")
    if indicator.unit == Unit.PERCENT:
        return _("Share (%)")
    if indicator.unit == Unit.RATE:
        return _("Number per 1,000 inhabitants")
    return _("Number")


def crossed_break(breaks, previous, value):
    """The series break between two consecutive figures, if they straddle one."""
    if previous is None:
        return None
    return next((b for b in breaks if previous.period.year < b.year <= value.period.year), None)


def threshold_lines(targets):
    lines = {}
    for target in targets:
        if target.threshold is not None:
            lines[number(target.threshold)] = _("Target: %(rule)s") % {"rule": target.describe()}
    return [{"value": value, "label": label} for value, label in lines.items()]


def source_row(source):
    return {
        "name": source.name,
        "publisher": source.publisher,
        "licence": source.licence,
        "attribution": source.attribution,
        "url": source.url,
    }
