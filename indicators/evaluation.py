"""Whether the agreement's effect goals are met in a year, read to the letter of its words.

The pure part (`evaluate_target`, `roll_up`) works on objects already in memory: a target with
its indicator and periods, the groups it names, the indicator's values (each with its period and
group) and the periods of the indicator's source. It never queries. `load_goal_inputs` loads all
of that for an agreement in a fixed number of queries, whatever the number of values.
"""

import json
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import EffectGoal

from .horizon import stand_ins, visible
from .models import GoalAssessment, Period, Rule, Target, Value, display_number


class Status(models.TextChoices):
    MET = "met", gettext_lazy("Met")
    NOT_MET = "not_met", gettext_lazy("Not met")
    NOT_MEASURABLE = "not_measurable", gettext_lazy("Not measurable")
    PENDING = "pending", gettext_lazy("Pending")


# A goal takes the first of these that any of its targets has; met only if all are met.
ROLL_UP_ORDER = [Status.NOT_MET, Status.NOT_MEASURABLE, Status.PENDING]


def roll_up(statuses):
    statuses = set(statuses)
    if not statuses:
        return Status.NOT_MEASURABLE
    return next((status for status in ROLL_UP_ORDER if status in statuses), Status.MET)


@dataclass(frozen=True)
class Outcome:
    """One target's status for one group, with the figures behind it."""

    target: Target
    group: object
    year: int
    status: Status
    explanation: str
    period: Period | None = None
    value: Decimal | None = None
    reference: Decimal | None = None
    reference_period: Period | None = None
    preliminary: bool = False
    substitution: str = ""


@dataclass(frozen=True)
class GoalOutcome:
    goal: EffectGoal
    status: Status
    outcomes: list
    # The writers' own status for the year, beside the computed one, never folded into it.
    assessment: GoalAssessment | None = None


class _Case:
    """What evaluating one target for one group needs, and how it words the result."""

    def __init__(self, target, group, year, multiple_groups, values, periods, today):
        self.target = target
        self.group = group
        self.report_year = year
        self.year = min(year, target.last_year)
        self.today = today
        self.periods = periods
        self.values = {v.period.label: v for v in values if v.group.code == group.code}
        name = target.indicator.short_name
        self.name = f"{name} ({group.name})" if multiple_groups else name

    def outcome(self, status, sentence, words=None, subject_year=None, **fields):
        """An Outcome whose explanation fills `sentence` with the subject, words and status."""
        text = sentence % {
            "subject": f"{self.name} {subject_year or self.year}",
            "status": status.label.lower(),
            **(words or {}),
        }
        if fields.get("substitution"):
            text = f"{text}. {fields['substitution']}"
        return Outcome(self.target, self.group, self.year, status, text, **fields)

    def figure(self, value):
        return self.target.indicator.format_value(value.value)

    def year_over(self, year):
        return self.today >= date(year + 1, 1, 1)


def evaluate_target(target, groups, year, values, periods, today):
    """The target's outcome for each of its groups in a report on `year`.

    A target whose years are over reports its last year; one whose first year is still ahead
    is pending.
    """
    outcomes = []
    for group in groups:
        case = _Case(target, group, year, len(groups) > 1, values, periods, today)
        if year < target.first_year:
            outcomes.append(_not_started(case))
        elif target.rule == Rule.DECREASE_OVER_PERIOD:
            outcomes.append(_decrease_over_period(case))
        else:
            outcomes.append(_compare_in_year(case))
    return outcomes


def _not_started(case):
    return case.outcome(
        Status.PENDING,
        _("%(subject)s: the target applies from %(first)s – %(status)s"),
        subject_year=case.report_year,
        words={"first": case.target.first_year},
    )


def _period_for(case):
    """The period that measures the target year: a substitute the fixture names, or the
    source's own period for that year."""
    target = case.target
    if target.substitute_year == case.year:
        return target.substitute_period
    return next((p for p in case.periods if p.year == case.year), None)


def _substitution_text(case, period):
    target = case.target
    if period is None or target.substitute_year != case.year:
        return ""
    name = capfirst(str(period))
    if period.fieldwork_text:
        name = f"{name} ({period.fieldwork_text})"
    text = _("%(period)s stands in for %(year)s") % {"period": name, "year": case.year}
    if target.substitution_reason:
        text = f"{text}: {target.substitution_reason}"
    return text


def _waiting(case, period, value):
    """Why the figure cannot be judged yet, or "" when it can."""
    year_over = case.year_over(period.year)
    if not year_over and (period.kind == Period.Kind.YEAR or value is None):
        return _("%(year)s is not over yet") % {"year": period.year}
    expected = period.results_expected
    if value is None and expected and case.today < expected:
        return _("the figures are expected on %(date)s") % {"date": date_format(expected, "j F Y")}
    return ""


def _compare_in_year(case):
    period = _period_for(case)
    substitution = _substitution_text(case, period)
    if period is None:
        if not case.year_over(case.year):
            return case.outcome(
                Status.PENDING,
                _("%(subject)s: %(reason)s – %(status)s"),
                words={"reason": _("%(year)s is not over yet") % {"year": case.year}},
            )
        return _missing(case, _("no measurement for %(year)s") % {"year": case.year}, None, "")
    value = case.values.get(period.label)
    reason = _waiting(case, period, value)
    if reason:
        return case.outcome(
            Status.PENDING,
            _("%(subject)s: %(reason)s – %(status)s"),
            words={"reason": reason},
            period=period,
            value=value.value if value else None,
            preliminary=bool(value and value.is_preliminary),
            substitution=substitution,
        )
    if value is None:
        missing = _("no figure for %(period)s") % {"period": period}
        return _missing(case, missing, period, substitution)
    if case.target.rule == Rule.DECREASE_FROM_BASELINE:
        return _decrease_from_baseline(case, period, value, substitution)
    return _threshold(case, period, value, substitution)


def _missing(case, missing, period, substitution):
    condition = case.target.condition
    if condition:
        sentence = _(
            "%(subject)s: %(missing)s, so the condition is not met (%(condition)s) – %(status)s"
        )
    else:
        sentence = _("%(subject)s: %(missing)s – %(status)s")
    return case.outcome(
        Status.NOT_MEASURABLE,
        sentence,
        words={"missing": missing, "condition": condition},
        period=period,
        substitution=substitution,
    )


def _preliminary(*values):
    flagged = any(value.is_preliminary for value in values)
    return flagged, (_(" (preliminary figures)") if flagged else "")


def _threshold(case, period, value, substitution):
    target = case.target
    compared = value.value
    shown = case.figure(value)
    if target.round_to_whole:
        compared = compared.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        shown = _("%(value)s (rounded to %(rounded)s)") % {
            "value": shown,
            "rounded": display_number(compared),
        }
    if target.rule == Rule.AT_MOST:
        met = compared <= target.threshold
    else:
        met = compared < target.threshold
    preliminary, flag = _preliminary(value)
    return case.outcome(
        Status.MET if met else Status.NOT_MET,
        _("%(subject)s: %(value)s%(flag)s, the target was %(rule)s – %(status)s"),
        words={"value": shown, "flag": flag, "rule": target.describe()},
        period=period,
        value=value.value,
        reference=target.threshold,
        preliminary=preliminary,
        substitution=substitution,
    )


def _decrease_from_baseline(case, period, value, substitution):
    baseline_period = case.target.baseline_period
    baseline = case.values.get(baseline_period.label)
    fields = {"period": period, "value": value.value, "reference_period": baseline_period}
    if baseline is None:
        return case.outcome(
            Status.NOT_MEASURABLE,
            _("%(subject)s: %(value)s, but no figure for the baseline, %(baseline)s – %(status)s"),
            words={"value": case.figure(value), "baseline": baseline_period},
            substitution=substitution,
            **fields,
        )
    return _decrease(case, value, baseline, substitution, fields)


def _decrease(case, value, reference, substitution, fields):
    """Lower than the reference, strictly: an unchanged share is no decrease."""
    preliminary, flag = _preliminary(value, reference)
    return case.outcome(
        Status.MET if value.value < reference.value else Status.NOT_MET,
        _(
            "%(subject)s: %(value)s %(when)s against %(reference)s %(reference_when)s%(flag)s, "
            "the target was a decrease – %(status)s"
        ),
        words={
            "value": case.figure(value),
            "when": _in_period(value.period),
            "reference": case.figure(reference),
            "reference_when": _in_period(reference.period),
            "flag": flag,
        },
        reference=reference.value,
        preliminary=preliminary,
        substitution=substitution,
        **fields,
    )


def _in_period(period):
    if period.kind == Period.Kind.WAVE:
        return _("in wave %(label)s") % {"label": period.label}
    return _("in %(label)s") % {"label": period.label}


def _decrease_over_period(case):
    """The latest figure during the target's years against the last one before them."""
    if not case.year_over(case.year):
        return case.outcome(
            Status.PENDING,
            _("%(subject)s: %(reason)s – %(status)s"),
            words={"reason": _("%(year)s is not over yet") % {"year": case.year}},
        )
    first = case.target.first_year
    dated = sorted(case.values.values(), key=lambda v: (v.period.year, v.period.label))
    before = [v for v in dated if v.period.year < first]
    during = [v for v in dated if first <= v.period.year <= case.year]
    if not during:
        missing = _("no measurement between %(first)s and %(year)s") % {
            "first": first,
            "year": case.year,
        }
        return _missing(case, missing, None, "")
    latest = during[-1]
    if not before:
        missing = _("no measurement before %(first)s to compare with") % {"first": first}
        return _missing(case, missing, latest.period, "")
    reference = before[-1]
    fields = {
        "period": latest.period,
        "value": latest.value,
        "reference_period": reference.period,
    }
    return _decrease(case, latest, reference, "", fields)


@dataclass(frozen=True)
class GoalInputs:
    """An agreement's effect goals with everything evaluating them for a report on `year`
    reads: their indicators' values for the groups the targets name (each with its period and
    group), and the periods of the indicators' sources, all as far as that year's report may
    see them (horizon.py)."""

    goals: list
    values_by_indicator: dict
    periods_by_source: dict
    year: int


def load_goal_inputs(agreement, year):
    """What evaluating the agreement's goals for a report on `year` needs, in five queries."""
    with_figures = Target.objects.select_related(
        "indicator__source", "baseline_period", "substitute_period"
    ).prefetch_related("groups")
    goals = list(
        EffectGoal.objects.filter(agreement=agreement).prefetch_related(
            Prefetch("targets", queryset=with_figures)
        )
    )
    targets = [target for goal in goals for target in goal.targets.all()]
    indicators = {target.indicator for target in targets}
    # Only the groups some target names: an indicator may be broken down by many more.
    groups = {group for target in targets for group in target.groups.all()}
    values_by_indicator = {indicator.pk: [] for indicator in indicators}
    standing_in = stand_ins(targets, year)
    values = Value.objects.filter(
        indicator__in=indicators, group__in=groups, municipality=agreement.municipality_id
    )
    values = values.select_related("period", "group")
    for value in values.order_by():
        if visible(value.period, year, standing_in.get(value.indicator_id, ())):
            values_by_indicator[value.indicator_id].append(value)
    periods_by_source = {}
    sources = {indicator.source_id for indicator in indicators}
    for period in Period.objects.filter(source__in=sources):
        if visible(period, year):
            periods_by_source.setdefault(period.source_id, []).append(period)
    return GoalInputs(goals, values_by_indicator, periods_by_source, year)


def load_assessments(agreement, year):
    """The writers' assessments of the agreement's goals for `year`, by goal id, in one query."""
    assessments = GoalAssessment.objects.filter(goal__agreement=agreement, year=year)
    return {assessment.goal_id: assessment for assessment in assessments}


def evaluate_goals(agreement, year, today=None, inputs=None, assessments=None):
    """Every effect goal of the agreement for a report on `year`; `inputs` and `assessments`
    when the caller has loaded them already (`load_goal_inputs` for the same year,
    `load_assessments`)."""
    today = today or timezone.localdate()
    inputs = inputs or load_goal_inputs(agreement, year)
    if inputs.year != year:
        raise ValueError(f"Inputs loaded for {inputs.year} cannot evaluate {year}.")
    if assessments is None:
        assessments = load_assessments(agreement, year)
    results = []
    for goal in inputs.goals:
        outcomes = []
        for target in goal.targets.all():
            outcomes += evaluate_target(
                target,
                list(target.groups.all()),
                year,
                inputs.values_by_indicator[target.indicator_id],
                inputs.periods_by_source.get(target.indicator.source_id, []),
                today,
            )
        status = roll_up(o.status for o in outcomes)
        results.append(GoalOutcome(goal, status, outcomes, assessments.get(goal.pk)))
    return results


def number(value):
    """A figure as JSON carries it: whole numbers as int, others as float, missing as None."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _label(period):
    return period.label if period else None


def assessment_data(assessment):
    """An assessment as plain data: what the JSON and the report show of it."""
    if assessment is None:
        return None
    return {
        "status": assessment.status,
        "status_label": str(assessment.get_status_display()),
        "justification": assessment.justification,
        "assessed_by": assessment.assessed_as,
        "assessed_on": timezone.localtime(assessment.assessed_at).date().isoformat(),
    }


def goals_report(agreement, year, today=None):
    """The evaluation as plain data: what the JSON endpoint and `evaluate_goals` print."""
    return {
        "agreement": agreement.slug,
        "year": year,
        "goals": [
            {
                "id": result.goal.pk,
                "title": result.goal.short_title,
                "status": result.status.value,
                "assessment": assessment_data(result.assessment),
                "targets": [
                    {
                        "indicator": o.target.indicator.code,
                        "group": o.group.code,
                        "period": _label(o.period),
                        "value": number(o.value),
                        "reference": number(o.reference),
                        "rule": o.target.rule,
                        "status": o.status.value,
                        "explanation": o.explanation,
                        "year": o.year,
                        "reference_period": _label(o.reference_period),
                        "preliminary": o.preliminary,
                        "substitution": o.substitution or None,
                    }
                    for o in result.outcomes
                ],
            }
            for result in evaluate_goals(agreement, year, today)
        ],
    }


def report_json(agreement, year, today=None):
    return json.dumps(goals_report(agreement, year, today), ensure_ascii=False, indent=2)
