"""The short name (slug) an agreement gets from its municipality and period."""

import re

from django.utils.text import slugify

# "Trelleborgs kommun" is the genitive of Trelleborg; "Hofors kommun" is not a genitive. Names
# ending in these keep their s (edit the proposed slug for any other such name).
KEEPS_ITS_S = ("fors", "grums")
GENITIVE_S = re.compile(r"(?<=[^aeiouyåäös])s$")


def municipality_stem(municipality):
    """The place's own name: "Trelleborgs kommun" → "Trelleborg", "Malmö stad" → "Malmö"."""
    name = re.sub(r"\s+(kommun|stad)$", "", municipality.strip(), flags=re.IGNORECASE)
    if name != municipality.strip() and not name.lower().endswith(KEEPS_ITS_S):
        name = GENITIVE_S.sub("", name)
    return name


def agreement_slug(municipality, start_year, end_year):
    """E.g. "trelleborg-2023-2026"; å, ä and ö become a, a and o."""
    return slugify(f"{municipality_stem(municipality)} {start_year} {end_year}")
