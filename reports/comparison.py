"""Comparisons between municipalities: for an indicator and group, a municipality beside every
other with figures for the same periods (a neighbour, the county, the country), counts also per
1,000 inhabitants.

In the report, for each indicator and group its goals read, from the agreement's first year to
the report's; part of the report's content, so a presented report keeps the comparison it was
presented with. Indicator values are published statistics (Brå, Kolada, the surveys' reports):
a comparison shows them whichever municipality keeps them.
"""

from indicators.evaluation import number
from indicators.horizon import visible
from indicators.models import Unit, Value
from municipalities.models import Population

from .goals import axis_title

PER = 1000
COUNTRY_AND_COUNTIES = "00"  # the first two digits of their codes
KOLADA = "Kolada"  # how a value's note names Kolada (kolada.py), which asks for attribution


def comparison_section(agreement, year, inputs):
    """A comparison per indicator the goals read with figures of more than one municipality,
    in two queries: for the first group the targets read (everyone, where they read it)."""
    groups_read = {}  # indicator id: (indicator, {group}), in the goals' order
    for goal in inputs.goals:
        for target in goal.targets.all():
            entry = groups_read.setdefault(target.indicator_id, (target.indicator, set()))
            entry[1].update(target.groups.all())
    if not groups_read:
        return []
    read = {}
    for indicator_id, (indicator, groups) in groups_read.items():
        group = min(groups, key=lambda g: (g.order, g.code))
        read[(indicator_id, group.pk)] = (indicator, title(indicator, group, len(groups) > 1))
    values = Value.objects.filter(
        indicator__in=[indicator for indicator, _groups in groups_read.values()],
        group__in=[group_id for _indicator_id, group_id in read],
        period__year__gte=agreement.start_year,
    )
    values = [value for value in loaded(values) if visible(value.period, year)]
    return build_comparisons(read, values, agreement.municipality_id)


def title(indicator, group, name_the_group):
    name = indicator.short_name or indicator.name
    return f"{name} ({group.name})" if name_the_group else name


def loaded(values):
    """Values as `build_comparisons` reads them."""
    return values.select_related("municipality", "period").order_by("period__year", "period__label")


def build_comparisons(read, values, own_id):
    """The comparisons of `values` (loaded with municipality and period, oldest first) for the
    (indicator id, group id) pairs `read` maps to (indicator, title), in its order, where more
    than one municipality has figures; `own_id`'s first and marked. One query, for the
    inhabitants."""
    figures = {}  # (indicator id, group id): {municipality: {period label: value}}
    periods = {}  # (indicator id, group id): [period label], oldest first
    for value in values:
        key = (value.indicator_id, value.group_id)
        if key not in read:
            continue
        figures.setdefault(key, {}).setdefault(value.municipality, {})[value.period.label] = value
        if value.period.label not in periods.setdefault(key, []):
            periods[key].append(value.period.label)
    compared = {key: found for key, found in figures.items() if len(found) > 1}
    inhabitants = _inhabitants(compared)
    return [
        _comparison(own_id, *read[key], periods[key], compared[key], inhabitants)
        for key in read
        if key in compared
    ]


def _inhabitants(compared):
    """{(municipality id, year): inhabitants} for the municipalities compared."""
    municipalities = {m.pk for found in compared.values() for m in found}
    if not municipalities:
        return {}
    rows = Population.objects.filter(municipality__in=municipalities)
    return {(row.municipality_id, row.year): row.inhabitants for row in rows}


def per_1000(count, inhabitants):
    return round(float(count) * PER / inhabitants, 2)


def _order(own_id):
    """The own municipality first, then the other municipalities, then the counties and the
    country."""

    def key(municipality):
        wider = municipality.code.startswith(COUNTRY_AND_COUNTIES)
        return (municipality.pk != own_id, wider, municipality.name)

    return key


def _comparison(own_id, indicator, title, labels, found, inhabitants):
    counts = indicator.unit == Unit.COUNT
    rows, from_kolada = [], False
    for municipality in sorted(found, key=_order(own_id)):
        by_label = found[municipality]
        figures = []
        for label in labels:
            value = by_label.get(label)
            people = value and inhabitants.get((municipality.pk, value.period.year))
            from_kolada = from_kolada or bool(value and KOLADA in value.note)
            figures.append(
                {
                    "value": number(value.value) if value else None,
                    "per_1000": per_1000(value.value, people) if counts and people else None,
                }
            )
        rows.append(
            {
                "municipality": municipality.name,
                "own": municipality.pk == own_id,
                "figures": figures,
            }
        )
    return {
        "title": title,
        "axis": axis_title(indicator),
        "per_1000": any(f["per_1000"] is not None for row in rows for f in row["figures"]),
        "periods": labels,
        "rows": rows,
        "kolada": from_kolada,
    }
