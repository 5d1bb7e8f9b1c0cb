"""Finding Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer) in free text, so that the meeting log never stores one.

A number counts only when its date exists (a coordination number adds 60 to the day) and its
last digit is the Luhn check digit of the nine before it: phone numbers, case numbers, dates
and amounts that merely have ten or twelve digits are left alone.

The text is normalised first, so that a number in disguise is read as written plainly: Unicode
NFKC (full-width digits become digits), every decimal digit of any script becomes 0-9, format
characters (zero-width space, soft hyphen, word joiner, BOM...), combining marks and the
invisible Hangul fillers are dropped, any run of whitespace is one space, and every dash
(Unicode category Pd, and the minus sign) is "-".

Spaces only count where people put them in a personal number, never anywhere between digits:

- between the date and the four last digits, instead of or around the "-" or "+":
  "121212 1212", "121212 - 1212";
- between the pairs of the date and of the last four: "12 12 12-12 12", "12 12 12 12 12";
- after the century: "19 121212-1212", "19 12 12 12-1212".

A dash only ever separates the date from the last four digits. So phone numbers, which group
their digits after an area code ("070-123 45 67", "0410-73 30 00", "08-123 456 78"), amounts and
postcodes, grouped by threes ("1 212 121 212 kr", "231 42"), and dates ("2021-03-11") never
take the shape of a personal number, even when their digits would pass its checks.

Ten digits in a row, or in pairs with spaces only ("08 12 34 56 78"), are both how the number
of someone born 2000-2009 and how a phone number may be written: a phone word just before them
("tel", "mobil", "ring"...) makes them a phone number; otherwise they are refused. Digits
spaced out one by one are not read as a number.
"""

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

COORDINATION_OFFSET = 60
DATE = r"\d{6}|\d\d \d\d \d\d"
# The date (its century only if it has one of 18, 19 or 20), an optional "-", "+" (someone
# over 100) or space, four digits; not part of a longer run of digits, nor of an international
# phone number ("+46...").
NUMBER = rf"(?P<date>{DATE})(?P<separator> ?[-+] ?| )?(?P<serial>\d{{4}}|\d\d \d\d)(?!\d)"
PATTERN = re.compile(rf"(?<![\d+])(?:(?P<century>1[89]|20) ?)?{NUMBER}", re.ASCII)
# The same without a century, tried where the first two digits read as one made no number:
# "18 05 89 19 65" is 29 May 2018 (a coordination number), not 1805-89-19.
WITHOUT_CENTURY = re.compile(rf"(?P<century>(?!))?{NUMBER}", re.ASCII)  # a century never read
# A phone number written as ten digits ("tel 0410733000") can look like a valid number
# of someone born 1900-1909 or 2000-2009; the word before it tells them apart.
PHONE_WORDS = re.compile(r"\b(tel|tfn|telefon|mobil|sms|växel|ring)\w*[\s.:]*$", re.IGNORECASE)
DASHES = {"\N{MINUS SIGN}"}
DROPPED = {"Cf", "Mn", "Me"}
# Letters that show as nothing at all: the Hangul fillers (NFKC makes U+3164 and U+FFA0 U+1160).
INVISIBLE_LETTERS = {"\N{HANGUL CHOSEONG FILLER}", "\N{HANGUL JUNGSEONG FILLER}"}
DIGITS = "0123456789"


def luhn_valid(digits):
    """True when the last of `digits` is the Luhn check digit of the others."""
    total = 0
    for position, digit in enumerate(int(d) for d in reversed(digits)):
        if position % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def _plain(char):
    """What one character reads as: a digit, " ", "-", itself, or nothing at all."""
    plain = ""
    for part in unicodedata.normalize("NFKC", char):
        category = unicodedata.category(part)
        if category in DROPPED or part in INVISIBLE_LETTERS:
            continue
        if category == "Nd":
            part = str(unicodedata.decimal(part))
        elif part.isspace():
            part = " "
        elif category == "Pd" or part in DASHES:
            part = "-"
        plain += part
    return plain


def normalised(text):
    """(the text as the pattern reads it, the index in `text` of each of its characters)."""
    chars, origins = [], []
    for index, char in enumerate(text):
        for part in _plain(char):
            if part == " " and chars and chars[-1] == " ":
                continue
            chars.append(part)
            origins.append(index)
    return "".join(chars), origins


def _date_exists(year, month, day):
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _valid_date(century, yymmdd):
    yy, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    if day > COORDINATION_OFFSET:
        day -= COORDINATION_OFFSET
    # Without the century, the date is possible if it exists in either of the last two.
    centuries = [int(century)] if century else [19, 20]
    return any(_date_exists(c * 100 + yy, month, day) for c in centuries)


def _is_phone(text, match):
    """Ten digits after a phone word, grouped by spaces at most, are a phone number."""
    separator = match.group("separator") or ""
    start = match.start()
    return (
        not match.group("century")
        and "-" not in separator
        and "+" not in separator
        and text[start] == "0"
        and PHONE_WORDS.search(text[max(0, start - 20) : start])
    )


def _is_personal_number(text, match):
    century = match.group("century")
    yymmdd = match.group("date").replace(" ", "")
    serial = match.group("serial").replace(" ", "")
    return (
        not _is_phone(text, match) and _valid_date(century, yymmdd) and luhn_valid(yymmdd + serial)
    )


def find_personal_numbers(text):
    """The personal identity and coordination numbers in `text`, as they were written."""
    plain, origins = normalised(text or "")
    found, position = [], 0
    while match := PATTERN.search(plain, position):
        number = match if _is_personal_number(plain, match) else None
        if number is None and match.group("century"):
            alone = WITHOUT_CENTURY.match(plain, match.start())
            number = alone if alone and _is_personal_number(plain, alone) else None
        if number is not None:
            found.append(text[origins[number.start()] : origins[number.end() - 1] + 1])
            position = number.end()
        elif match.group("century"):
            # "19 000229-1234": not 1900, but maybe 2000 without the century.
            position = match.start("date")
        else:
            position = match.start() + 1
    return found


def masked(number):
    """The number with its last four digits hidden, for a message that must not repeat it."""
    chars, hidden = list(number), 0
    for index in reversed(range(len(chars))):
        digits = sum(part in DIGITS for part in _plain(chars[index]))
        if digits and hidden < 4:
            chars[index] = "*"
            hidden += digits
    return "".join(chars)


def _refuse_personal_numbers(value, message):
    numbers = find_personal_numbers(value)
    if numbers:
        raise ValidationError(
            message, code="personal_number", params={"number": masked(numbers[0])}
        )


def validate_no_personal_number(value):
    """Validator for every free-text field of the meeting log."""
    _refuse_personal_numbers(
        value,
        _(
            "EST is about places, not people: remove the personal identity or coordination "
            "number (%(number)s). Such numbers never belong in the meeting log."
        ),
    )


def validate_no_personal_number_in_follow_up(value):
    """Validator for the year's follow-up texts: the annual report makes them public."""
    _refuse_personal_numbers(
        value,
        _(
            "Remove the personal identity or coordination number (%(number)s): the follow-up "
            "goes into the annual report, a public document."
        ),
    )
