"""Personal identity numbers in disguise, as a careless or crafty user writes them."""

import pytest

FULL_WIDTH = {ord(char): ord(char) + 0xFEE0 for char in "0123456789-"}
# Each disguise writes (century, date, last four) as someone might, on purpose or by pasting.
DISGUISES = {
    "space for the dash": lambda c, d, n: f"{d} {n}",
    "no-break space": lambda c, d, n: f"{d}\N{NO-BREAK SPACE}{n}",
    "narrow no-break space": lambda c, d, n: f"{d}\N{NARROW NO-BREAK SPACE}{n}",
    "en dash with spaces": lambda c, d, n: f"{d} \N{EN DASH} {n}",
    "em dash": lambda c, d, n: f"{d}\N{EM DASH}{n}",
    "minus sign": lambda c, d, n: f"{d}\N{MINUS SIGN}{n}",
    "hyphen": lambda c, d, n: f"{d}\N{HYPHEN}{n}",
    "non-breaking hyphen": lambda c, d, n: f"{c}{d}\N{NON-BREAKING HYPHEN}{n}",
    "pairs": lambda c, d, n: f"{d[:2]} {d[2:4]} {d[4:]}-{n[:2]} {n[2:]}",
    "pairs, no dash": lambda c, d, n: f"{d[:2]} {d[2:4]} {d[4:]} {n[:2]} {n[2:]}",
    "century apart": lambda c, d, n: f"{c} {d}-{n}",
    "full-width digits and dash": lambda c, d, n: f"{d}-{n}".translate(FULL_WIDTH),
    "zero-width space": lambda c, d, n: f"{d}\N{ZERO WIDTH SPACE}-{n}",
    "soft hyphen in the date": lambda c, d, n: f"{d[:4]}\N{SOFT HYPHEN}{d[4:]}-{n}",
    "word joiner between every digit": lambda c, d, n: "\N{WORD JOINER}".join(c + d + n),
    "zero-width joiners and a BOM": lambda c, d, n: (
        f"{d[:3]}\N{ZERO WIDTH NON-JOINER}{d[3:]}\N{ZERO WIDTH JOINER}"
        f"{n[:1]}\N{ZERO WIDTH NO-BREAK SPACE}{n[1:]}"
    ),
}
# Skatteverket's test person, and a coordination number (day 12 + 60).
NUMBERS = [("19", "121212", "1212"), ("20", "121272", "1219")]
# (name, variant) for every number in every disguise.
DISGUISED = [
    pytest.param(disguise(*number), id=f"{number[1]}: {name}")
    for number in NUMBERS
    for name, disguise in DISGUISES.items()
]
