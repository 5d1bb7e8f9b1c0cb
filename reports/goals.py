"""The effect goals in the report: each goal's status and explanations from the goal
evaluation, the indicator's figures over the years for the chart, and the data notes."""

from django.utils.translation import gettext as _

from indicators.evaluation import assessment_data, evaluate_goals, load_goal_inputs


def number(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def goal_section(agreement, year):
    """(goals, sources): the goals as plain data, and the sources their figures come from."""
    inputs = load_goal_inputs(agreement)
    results = evaluate_goals(agreement, year, inputs=inputs)
    series = figure_series(inputs.values_by_indicator)
    sources = {}
    goals = []
    for result in results:
        goal = result.goal
        for target in goal.targets.all():
            source = target.indicator.source
            sources[source.pk] = source
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
                    line for target in goal.targets.all() for line in target_lines(target, series)
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
    """{(indicator id, group id): [(period label, value, preliminary)]}, oldest first, from the
    values the goal evaluation loaded."""
    series = {}
    values = [value for values in values_by_indicator.values() for value in values]
    for value in sorted(values, key=lambda v: (v.period.year, v.period.label)):
        key = (value.indicator_id, value.group_id)
        series.setdefault(key, []).append(
            (value.period.label, number(value.value), value.is_preliminary)
        )
    return series


def target_lines(target, series):
    name = target.indicator.short_name or target.indicator.name
    groups = list(target.groups.all())
    return [
        {
            "name": f"{name} ({group.name})" if len(groups) > 1 else name,
            "points": [
                {"period": period, "value": value, "preliminary": preliminary}
                for period, value, preliminary in series.get((target.indicator_id, group.pk), [])
            ],
        }
        for group in groups
    ]


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
