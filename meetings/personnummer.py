"""Finding Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer) in free text, so that the meeting log never stores one.

A number counts only when its date exists (a coordination number adds 60 to the day) and its
last digit is the Luhn check digit of the nine before it: phone numbers, case numbers, dates
and amounts that merely have ten or twelve digits are left alone.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Six or eight date digits, an optional "-" or "+" (the "+" marks someone over 100), four
# digits; not part of a longer run of digits, nor of an international phone number ("+46...").
PATTERN = re.compile(r"(?<![\d+])(\d{2})?(\d{6})([-+]?)(\d{4})(?!\d)")
COORDINATION_OFFSET = 60
# A phone number written as ten bare digits ("tel 0410733000") can look like a valid number
# of someone born 1900-1909 or 2000-2009; the word before it tells them apart.
PHONE_WORDS = re.compile(r"\b(tel|tfn|telefon|mobil|sms|växel|ring)\w*[\s.:]*$", re.IGNORECASE)


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


def _is_phone(text, start):
    return text[start] == "0" and PHONE_WORDS.search(text[max(0, start - 20) : start])


def find_personal_numbers(text):
    """The personal identity and coordination numbers in `text`, as they were written."""
    found = []
    for match in PATTERN.finditer(text or ""):
        century, yymmdd, separator, serial = match.groups()
        if century and century not in ("18", "19", "20"):
            continue
        if not century and not separator and _is_phone(text, match.start()):
            continue
        if _valid_date(century, yymmdd) and luhn_valid(yymmdd + serial):
            found.append(match.group(0))
    return found


def masked(number):
    """The number with its last four digits hidden, for a message that must not repeat it."""
    return number[:-4] + "****"


def validate_no_personal_number(value):
    """Validator for every free-text field of the meeting log."""
    numbers = find_personal_numbers(value)
    if numbers:
        raise ValidationError(
            _(
                "EST is about places, not people: remove the personal identity or coordination "
                "number (%(number)s). Such numbers never belong in the meeting log."
            ),
            code="personal_number",
            params={"number": masked(numbers[0])},
        )
