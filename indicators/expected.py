"""Which indicator values an agreement's targets need for a year, and which are not entered."""

from dataclasses import dataclass

from .models import Period, Target, Value


@dataclass(frozen=True)
class MissingValue:
    """An indicator's figure for one period, missing for the groups named."""

    indicator: object
    period_label: str
    groups: list


def _period_measuring(target, year, periods):
    """The period a target reads for `year`: the one standing in for it, or the source's own.

    None when the source has no period for the year and counts in survey waves: a year
    without a wave expects no figure.
    """
    if target.substitute_year == year:
        return target.substitute_period
    own = [period for period in periods if period.year == year]
    if own:
        return own[0]
    if any(period.kind == Period.Kind.WAVE for period in periods):
        return None
    return Period(source=target.indicator.source, label=str(year), year=year)


def missing_values(agreement, year):
    """The figures for `year` that the targets applying that year read and nobody has entered,
    in four queries whatever the number of targets and values."""
    targets = list(
        Target.objects.filter(goal__agreement=agreement, first_year__lte=year, last_year__gte=year)
        .select_related("indicator__source", "substitute_period")
        .prefetch_related("groups")
        .order_by("goal__order", "order")
    )
    sources = {target.indicator.source_id for target in targets}
    periods = {}
    for period in Period.objects.filter(source__in=sources):
        periods.setdefault(period.source_id, []).append(period)
    wanted = {}  # (indicator id, period label) -> (indicator, label, {group id: group})
    for target in targets:
        period = _period_measuring(target, year, periods.get(target.indicator.source_id, []))
        if period is None:
            continue
        key = (target.indicator_id, period.label)
        entry = wanted.setdefault(key, (target.indicator, period.label, {}))
        entry[2].update({group.pk: group for group in target.groups.all()})
    entered = set(
        Value.objects.filter(
            indicator__in={key[0] for key in wanted},
            period__label__in={key[1] for key in wanted},
            municipality=agreement.municipality_id,
        ).values_list("indicator_id", "period__label", "group_id")
    )
    missing = []
    for (indicator_id, label), (indicator, _label, groups) in wanted.items():
        absent = [g for pk, g in groups.items() if (indicator_id, label, pk) not in entered]
        if absent:
            missing.append(MissingValue(indicator, label, absent))
    return missing
