"""The next agreement, started from an earlier one's structure.

What is copied, as a draft to revise: parties, commitments, focus areas, effect goals with their
targets (on the same indicators), production goals and the measures still running. What is not:
anything of a year (problem pictures, citizen promises, follow-ups, assessments, meetings), which
belongs to the agreement it was written under.

A target's years move with the period: the 2019–2022 target for 2019–2022 becomes one for
2023–2026, one for 2020 alone becomes one for 2024 (kept inside the new period when it is shorter).
A baseline period moves to the source's last period before the new agreement begins, the last
figure the new period can be compared with (kept as it was when the source has none yet). A
substitution (one wave standing in for a missing year) is dropped: it answered one year's gap.

A draft is set in force once revised. The agreements it succeeds are then marked ended; that is a
label only, as an agreement's weeks, meetings and reports belong to it by its years.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from indicators.models import Period, Rule
from measures.models import MeasureStatus

from .models import Agreement
from .naming import agreement_slug

# A measure carried over to the next agreement: not finished, not called off.
RUNNING = [MeasureStatus.PLANNED, MeasureStatus.ONGOING, MeasureStatus.PAUSED]


def _copy(row, **changes):
    """Save a copy of `row` with `changes` applied, checked as a form would check it."""
    row.pk = None
    row._state.adding = True
    row._prefetched_objects_cache = {}  # else the copy's related managers answer the original's
    for name, value in changes.items():
        setattr(row, name, value)
    try:
        row.full_clean()
    except ValidationError as error:
        message = _("%(kind)s “%(row)s” could not be copied: %(errors)s")
        errors = " ".join(" ".join(messages) for messages in error.message_dict.values())
        raise ValidationError(
            message % {"kind": capfirst(row._meta.verbose_name), "row": row, "errors": errors}
        ) from error
    row.save()
    return row


def next_period(agreement):
    """The years right after `agreement`, as many as it had: 2019–2022 → (2023, 2026)."""
    length = agreement.end_year - agreement.start_year
    return agreement.end_year + 1, agreement.end_year + 1 + length


def proposal(source):
    """What the new-agreement form starts with: the same parties' next period after `source`."""
    start, end = next_period(source)
    return {
        "source": source,
        "title": _("Collaboration agreement %(start)s–%(end)s") % {"start": start, "end": end},
        "municipality": source.municipality,
        "start_year": start,
        "end_year": end,
        "slug": agreement_slug(source.municipality.name, start, end),
    }


def empty_agreement(**fields):
    """A new draft agreement with nothing in it yet."""
    agreement = Agreement(status=Agreement.Status.DRAFT, **fields)
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def copy_structure(source, **fields):
    """A draft agreement with `fields` (title, slug, period...) and the structure of `source`."""
    agreement = empty_agreement(**fields)
    for row in source.parties.all():
        _copy(row, agreement=agreement)
    for row in source.commitments.all():
        _copy(row, agreement=agreement)
    areas = {None: None}
    for area in source.focus_areas.all():
        old_pk = area.pk
        areas[old_pk] = _copy(area, agreement=agreement)
    for goal in source.effectgoals.prefetch_related("targets__groups"):
        targets = list(goal.targets.all())
        new_goal = _copy(goal, agreement=agreement, focus_area=areas[goal.focus_area_id])
        for target in targets:
            _copy_target(target, new_goal, source)
    production_goals = {None: None}
    for goal in source.productiongoals.all():
        old_pk = goal.pk
        production_goals[old_pk] = _copy(
            goal, agreement=agreement, focus_area=areas[goal.focus_area_id]
        )
    for measure in source.measures.filter(status__in=RUNNING):
        ends_before = measure.end_date and measure.end_date.year < agreement.start_year
        _copy(
            measure,
            agreement=agreement,
            focus_area=areas[measure.focus_area_id],
            production_goal=production_goals[measure.production_goal_id],
            end_date=None if ends_before else measure.end_date,
        )
    return agreement


class AlreadyInForce(Exception):
    """Only a draft is set in force."""


@transaction.atomic
def set_in_force(agreement):
    """Put the draft `agreement` in force, checked as a form would check it (period, no
    overlap), and end the municipality's earlier agreements. Returns those it ended."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != Agreement.Status.DRAFT:
        raise AlreadyInForce
    agreement.status = Agreement.Status.ACTIVE
    agreement.full_clean()
    agreement.save()
    ended = list(
        Agreement.objects.filter(municipality=agreement.municipality_id)
        .filter(status=Agreement.Status.ACTIVE, end_year__lt=agreement.start_year)
        .exclude(pk=agreement.pk)
    )
    for earlier in ended:
        earlier.status = Agreement.Status.ENDED
        earlier.save()  # one by one, so each keeps its history
    return ended


def _copy_target(target, goal, source):
    agreement = goal.agreement
    offset = agreement.start_year - source.start_year

    def moved(year):
        return min(max(year + offset, agreement.start_year), agreement.end_year)

    groups = list(target.groups.all())
    baseline = target.baseline_period
    if target.rule == Rule.DECREASE_FROM_BASELINE:
        baseline = _last_period_before(target.indicator.source_id, agreement.start_year) or baseline
    copied = _copy(
        target,
        goal=goal,
        first_year=moved(target.first_year),
        last_year=moved(target.last_year),
        baseline_period=baseline,
        substitute_year=None,
        substitute_period=None,
        substitution_reason="",
    )
    copied.groups.set(groups)


def _last_period_before(source_id, year):
    return Period.objects.filter(source_id=source_id, year__lt=year).order_by("-year").first()
