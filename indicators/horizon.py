"""Which periods a report on a year may show: that year and the years before it.

The one exception is a survey wave that a target names as standing in for a year the report
has reached (the youth survey's 2021 wave for 2020): it is shown, and the report says so.
Evaluation, charts, tables, downloads and the frozen snapshot all read values through this cut.
"""


def stand_ins(targets, year):
    """{indicator id: {period id}}: the periods targets name as standing in for `year` or an
    earlier year."""
    found = {}
    for target in targets:
        if target.substitute_year is not None and target.substitute_year <= year:
            found.setdefault(target.indicator_id, set()).add(target.substitute_period_id)
    return found


def visible(period, year, standing_in=frozenset()):
    """Whether a report on `year` may show a figure for `period`; `standing_in` holds the ids
    of the periods standing in for a year up to it (see `stand_ins`)."""
    return period.year <= year or period.pk in standing_in
