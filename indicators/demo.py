"""Example values for the seed agreement's indicators, 2016–2022.

The figures are invented (flagged `is_demo`) and chosen so that `evaluate_goals` shows every
kind of result: for 2021 burglaries sit exactly at the limit of 100 (not met) and one traffic
index at exactly 2.00 (met); the youth survey's 2021 wave stands in for 2020; 2022's crime
figures are still preliminary.

The only real figures are the police area's published total index, which belongs to none of
the agreement's indicators and is stored under its own code with its source.
"""

from decimal import Decimal

from .models import DataSource, Group, Indicator, Period, Unit, Value, ValueStatus

YEARS = range(2016, 2023)
DEMO_NOTE = "Påhittat exempelvärde"
# indicator code → group code → one figure per year 2016–2022 (calendar-year sources)
YEARLY = {
    "tm-fortkorning": {"alla": ["2.40", "2.30", "2.25", "2.10", "1.98", "2.35", "2.20"]},
    "tm-buskorning": {"alla": ["2.10", "2.05", "1.90", "1.85", "1.80", "1.95", "1.70"]},
    "tm-trafikregler": {"alla": ["2.20", "2.15", "2.05", "2.02", "1.90", "2.00", "1.95"]},
    "tm-otrygghet": {"alla": ["27.0", "26.5", "26.1", "25.8", "24.9", "24.2", "24.6"]},
    "brott-bostadsinbrott": {"alla": ["131", "124", "118", "112", "87", "100", "95"]},
    "brott-skadegorelse": {"alla": ["236", "228", "221", "207", "214", "188", "179"]},
}
PRELIMINARY_YEAR = 2022
CRIME_INDICATORS = {"brott-bostadsinbrott", "brott-skadegorelse"}
# indicator code → group code → (wave 2016, wave 2021) with the number of answers
WAVES = {
    "fhe-tobak": {"ak6": ("2.0", "1.5"), "ak9": ("14.0", "9.5"), "gy2": ("27.0", "21.0")},
    "fhe-alkohol": {"ak6": ("3.0", "2.5"), "ak9": ("30.0", "24.0"), "gy2": ("62.0", "63.5")},
    "fhe-narkotika": {"ak9": ("4.0", "3.5"), "gy2": ("12.0", "10.5")},
    "fhe-otrygghet": {"ak6": ("12.0", "10.5"), "ak9": ("15.0", "14.0"), "gy2": ("17.0", "18.5")},
}
ANSWERS = {"ak6": 410, "ak9": 380, "gy2": 290}
# Polisens trygghetsmätning, total index for lokalpolisområde Trelleborg (Svedala, Trelleborg
# and Vellinge together) as published by the police; see the project's domain notes.
POLICE_AREA_TOTALS = {
    2016: "1.84",
    2017: "1.66",
    2018: "1.63",
    2019: "1.78",
    2020: "1.69",
    2021: "1.53",
}
POLICE_AREA_NOTE = "Publicerat av Polisen: totalindex för lokalpolisområde Trelleborg"


def create(agreement):
    groups = {group.code: group for group in Group.objects.all()}
    indicators = {i.code: i for i in Indicator.objects.select_related("source")}
    for code, by_group in YEARLY.items():
        indicator = indicators[code]
        periods = {p.year: p for p in Period.objects.filter(source=indicator.source)}
        for group_code, figures in by_group.items():
            for year, figure in zip(YEARS, figures, strict=True):
                preliminary = code in CRIME_INDICATORS and year == PRELIMINARY_YEAR
                where = (agreement.municipality, periods[year], groups[group_code])
                _store(indicator, *where, figure, preliminary)
    for code, by_group in WAVES.items():
        indicator = indicators[code]
        waves = Period.objects.filter(source=indicator.source, label__in=["2016", "2021"])
        waves = list(waves.order_by("year"))
        for group_code, figures in by_group.items():
            for wave, figure in zip(waves, figures, strict=True):
                group = groups[group_code]
                where = (agreement.municipality, wave, group)
                _store(indicator, *where, figure, sample_size=ANSWERS[group_code])
    _police_area_totals(agreement.municipality, groups["alla"])


def _store(indicator, municipality, period, group, figure, preliminary=False, sample_size=None):
    Value.objects.update_or_create(
        indicator=indicator,
        municipality=municipality,
        period=period,
        group=group,
        defaults={
            "value": Decimal(figure),
            "status": ValueStatus.PRELIMINARY if preliminary else ValueStatus.FINAL,
            "sample_size": sample_size,
            "note": DEMO_NOTE,
            "is_demo": True,
        },
    )


def _police_area_totals(municipality, everyone):
    """Kept with the agreement's municipality's values: the police publish it for the area."""
    source = DataSource.objects.get(name="Polisens trygghetsmätning")
    indicator, _ = Indicator.objects.update_or_create(
        code="tm-totalindex-lpo",
        defaults={
            "name": "Totalindex, lokalpolisområde Trelleborg (index 0–6)",
            "short_name": "Totalindex för lokalpolisområdet",
            "source": source,
            "unit": Unit.INDEX,
            "scale_min": Decimal(0),
            "scale_max": Decimal(6),
        },
    )
    indicator.groups.set([everyone])
    periods = {p.year: p for p in Period.objects.filter(source=source)}
    for year, figure in POLICE_AREA_TOTALS.items():
        Value.objects.update_or_create(
            indicator=indicator,
            municipality=municipality,
            period=periods[year],
            group=everyone,
            defaults={"value": Decimal(figure), "note": POLICE_AREA_NOTE, "is_demo": False},
        )
