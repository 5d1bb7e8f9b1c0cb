"""Fuzz target: the personal data guard (meetings/personnummer.py).

Properties, on any input:
- finding numbers in any text never raises, and a number found is never repeated in full by
  the validator's message;
- a valid number made from the input (a real date, a serial and its Luhn digit), written in a
  random disguise (spaces, no-break spaces, dashes, full-width digits, invisible characters)
  inside random text, is always found, as written.
"""

import calendar
import re
import sys
import unicodedata

import atheris
from harness import setup_django

setup_django("meetings")

from django.core.exceptions import ValidationError  # noqa: E402

from meetings.personnummer import (  # noqa: E402
    find_personal_numbers,
    luhn_valid,
    masked,
    normalised,
    validate_no_personal_number,
)

SPACES = [" ", "\u00a0", "\u202f", "\u2009", "\u3000", "\t", "\n"]
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d"]
INVISIBLE = ["\u200b", "\u00ad", "\u2060", "\u200c", "\u200d", "\ufeff"]
FULL_WIDTH = {ord(char): ord(char) + 0xFEE0 for char in "0123456789+-"}


def digits(text):
    return re.sub(r"\D", "", normalised(text)[0])


def valid_number(fdp):
    """(century, date, serial) of a valid personal or coordination number."""
    year = fdp.ConsumeIntInRange(1890, 2029)
    month = fdp.ConsumeIntInRange(1, 12)
    day = fdp.ConsumeIntInRange(1, calendar.monthrange(year, month)[1])
    day += 60 if fdp.ConsumeBool() else 0
    yymmdd = f"{year % 100:02}{month:02}{day:02}"
    serial = f"{fdp.ConsumeIntInRange(0, 999):03}"
    check = next(d for d in "0123456789" if luhn_valid(yymmdd + serial + d))
    return str(year // 100), yymmdd, serial + check


def pick(fdp, usual, belongs):
    """One of the `usual` characters, or any character that `belongs` to the same kind."""
    if fdp.ConsumeBool():
        return fdp.PickValueInList(usual)
    char = chr(fdp.ConsumeIntInRange(0, sys.maxunicode))
    return char if belongs(char) else usual[0]


def space(fdp):
    return pick(fdp, SPACES, str.isspace)


def dash(fdp):
    return pick(fdp, DASHES, lambda char: unicodedata.category(char) == "Pd")


def invisible(fdp):
    return pick(fdp, INVISIBLE, lambda char: unicodedata.category(char) in ("Cf", "Mn", "Me"))


def separator(fdp):
    """Between the date and the last four: nothing, a dash, a "+", a space, or a spaced dash."""
    kind = fdp.ConsumeIntInRange(0, 4)
    return ["", dash(fdp), "+", space(fdp), f"{space(fdp)}{dash(fdp)}{space(fdp)}"][kind]


def disguised(fdp, century, yymmdd, serial):
    """The number written in a disguise the input picks."""
    if fdp.ConsumeBool():  # in pairs
        yymmdd = space(fdp).join((yymmdd[:2], yymmdd[2:4], yymmdd[4:]))
    if fdp.ConsumeBool():
        serial = f"{serial[:2]}{space(fdp)}{serial[2:]}"
    middle = separator(fdp)
    if middle == "+":
        century = ""  # "+" stands for the century: someone over 100
    elif fdp.ConsumeBool():
        century = ""
    elif fdp.ConsumeBool():
        century += space(fdp)
    text = century + yymmdd + middle + serial
    if fdp.ConsumeBool():
        text = text.translate(FULL_WIDTH)
    chars = list(text)
    for _ in range(fdp.ConsumeIntInRange(0, 4)):
        position = fdp.ConsumeIntInRange(1, len(chars) - 1)
        chars.insert(position, invisible(fdp))
    return "".join(chars)


def check_message_hides(text, numbers):
    try:
        validate_no_personal_number(text)
    except ValidationError as error:
        message = digits(error.messages[0])
        assert numbers, (text, error.messages)
        assert digits(numbers[0])[-10:] not in message, (text, error.messages)
    else:
        assert not numbers, (text, numbers)


def TestOneInput(data):
    fdp = atheris.FuzzedDataProvider(data)
    number = valid_number(fdp)
    variant = disguised(fdp, *number)
    prefix = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 60))
    suffix = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 60))

    for text in (prefix, suffix):
        numbers = find_personal_numbers(text)
        for found in numbers:
            assert digits(found) not in digits(masked(found)), (text, found)
        check_message_hides(text, numbers)

    # " nr " keeps the number apart from digits, a "+" or a phone word at the prefix's end.
    text = f"{prefix} nr {variant} {suffix}"
    numbers = find_personal_numbers(text)
    assert variant in numbers, (text, variant, numbers)
    check_message_hides(text, numbers)


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
