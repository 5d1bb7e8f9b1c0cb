"""The personal data guard: real personal identity and coordination numbers are found,
ordinary numbers are not."""

import pytest
from django.core.exceptions import ValidationError

from meetings.personnummer import find_personal_numbers, luhn_valid, validate_no_personal_number

# Skatteverket's well-known test person, and numbers built with a correct check digit.
VALID = [
    "121212-1212",  # YYMMDD-NNNN
    "1212121212",  # YYMMDDNNNN
    "19121212-1212",  # YYYYMMDD-NNNN
    "191212121212",  # YYYYMMDDNNNN
    "121212+1212",  # someone over 100
    "811218-9876",
    "121272-1219",  # coordination number: day 12 + 60
    "20000229-0005",  # 29 February of a leap year
]


@pytest.mark.parametrize("number", VALID)
def test_valid_numbers_are_found_inside_text(number):
    text = f"Ungdom med nummer {number} sågs vid hamnen."
    assert find_personal_numbers(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "121212-1213",  # wrong check digit
        "811218-9875",  # wrong check digit
        "121232-1212",  # 32 December does not exist
        "121312-1212",  # month 13
        "19000229-1234",  # 1900 was no leap year
        "121292-1212",  # coordination day 32
        "17121212-1212",  # no one alive was born in the 1700s
    ],
)
def test_impossible_numbers_are_not_found(text):
    assert find_personal_numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ring växeln 0410-73 30 00 vid behov.",
        "Mobil 070-123 45 67",
        "+46 410 73 30 00",
        "+46701234567",
        "tel 0410733000",  # ten bare digits that would pass as a number, but a phone number
        "Ärendet KS 2021/123 tas upp i kommunstyrelsen.",
        "Anmälan 5000-K123456-21 gäller skadegörelse.",
        "Mötet hölls 2021-03-11, nästa 20210318.",
        "Skadan kostade 1 250 000 kr (12500000 öre).",
        "Trelleborgs kommun, organisationsnummer 212000-1223.",  # month 20: a company number
        "Vecka 10, 8 personer, kl. 18.30–21.00",
    ],
)
def test_ordinary_numbers_pass(text):
    assert find_personal_numbers(text) == []


def test_luhn_check_digit():
    assert luhn_valid("8112189876")
    assert not luhn_valid("8112189875")


def test_validator_explains_why_and_hides_the_number():
    with pytest.raises(ValidationError) as error:
        validate_no_personal_number("Pojke 121212-1212 vid Stortorget")
    message = error.value.messages[0]
    assert "EST handlar om platser, inte personer" in message
    assert "121212-****" in message
    assert "1212-1212" not in message


def test_validator_accepts_empty_and_ordinary_text():
    validate_no_personal_number("")
    validate_no_personal_number("Klotter på skolan, anmält som 5000-K123456-21.")
