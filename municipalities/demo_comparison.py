"""Invented comparison figures (marked demo) so that a new installation's report shows its
"Jämförelse": burglaries and vandalism of Svedala, Vellinge, the county and the country, and
everyone's inhabitants. Indicator values for Trelleborg come from indicators/demo.py."""

from decimal import Decimal

from indicators.models import Indicator, Period, Value

from .models import Municipality, Population

YEARS = range(2016, 2023)
NOTE = "Påhittat jämförelsevärde"
SOURCE = "Påhittat exempel (demo)"
WIDER = [("0012", "Region Skåne"), ("0000", "Riket")]
# code → inhabitants in 2016, and the yearly growth
INHABITANTS = {
    "1287": (43_800, 450),
    "1263": (20_900, 330),
    "1233": (35_400, 280),
    "0012": (1_330_000, 14_000),
    "0000": (9_995_000, 90_000),
}
# indicator code → municipality code → one figure per year 2016–2022
COUNTS = {
    "brott-bostadsinbrott": {
        "1263": [58, 61, 49, 52, 40, 44, 41],
        "1233": [120, 111, 98, 104, 83, 79, 77],
        "0012": [3_900, 3_650, 3_300, 3_150, 2_700, 2_550, 2_480],
        "0000": [22_000, 21_100, 19_500, 18_200, 15_600, 14_900, 14_300],
    },
    "brott-skadegorelse": {
        "1263": [160, 151, 149, 140, 133, 128, 120],
        "1233": [240, 236, 229, 214, 206, 197, 188],
        "0012": [7_900, 7_700, 7_450, 7_200, 6_950, 6_600, 6_450],
        "0000": [58_000, 56_500, 55_000, 53_000, 51_500, 49_800, 48_700],
    },
}


def create():
    for code, name in WIDER:
        Municipality.objects.get_or_create(code=code, defaults={"name": name, "is_demo": True})
    places = {m.code: m for m in Municipality.objects.filter(code__in=INHABITANTS)}
    for code, (first, growth) in INHABITANTS.items():
        for step, year in enumerate(YEARS):
            Population.objects.update_or_create(
                municipality=places[code],
                year=year,
                defaults={"inhabitants": first + step * growth, "source": SOURCE},
            )
    for indicator in Indicator.objects.filter(code__in=COUNTS).select_related("source"):
        periods = {p.year: p for p in Period.objects.filter(source=indicator.source)}
        everyone = indicator.groups.get()
        for code, figures in COUNTS[indicator.code].items():
            for year, figure in zip(YEARS, figures, strict=True):
                Value.objects.update_or_create(
                    indicator=indicator,
                    municipality=places[code],
                    period=periods[year],
                    group=everyone,
                    defaults={"value": Decimal(figure), "note": NOTE, "is_demo": True},
                )
