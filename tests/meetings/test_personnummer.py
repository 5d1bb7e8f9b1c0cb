"""The personal data guard: real personal identity and coordination numbers are found, in
disguise too; ordinary numbers are not."""

import re

import pytest
from django.core.exceptions import ValidationError

from meetings.personnummer import (
    find_personal_numbers,
    luhn_valid,
    normalised,
    validate_no_personal_number,
)
from tests.meetings.disguises import DISGUISED

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
        # Ten digits that would pass as a personal number, grouped as phone numbers are:
        "Mobil 070-112 34 57",
        "070\N{EN DASH}112 34 57",
        "070 112 34 57",
        "+46 70 112 34 57",
        "0046 70 112 34 57",
        "Växel 08-123 045 66",
        "0410-73 30 00",
        "0410\N{NON-BREAKING HYPHEN}73\N{NO-BREAK SPACE}30\N{NO-BREAK SPACE}00",
        "0410 73 30 00",
        "tel 0410 73 30 00",
        "0410-733000",
        # ... as amounts are, by threes:
        "Budget 1 212 121 212 kr",
        "121 212 121 2 kr",
        "1\N{NARROW NO-BREAK SPACE}212\N{NARROW NO-BREAK SPACE}121\N{NARROW NO-BREAK SPACE}212",
        # ... and postcodes, dates, times and organisation numbers:
        "Stortorget, 231 42 Trelleborg",
        "Mötet 11 mars 2021, nästa 2012-12-12 12:12",
        "Klockan 12.12\N{EN DASH}12.12",
        "Organisationsnummer 212000 1223",
        "Anmälan 5000\N{EN DASH}K123456\N{EN DASH}21",
    ],
)
def test_ordinary_numbers_pass(text):
    assert find_personal_numbers(text) == []


def digits(text):
    return re.sub(r"\D", "", normalised(text)[0])


@pytest.mark.parametrize("variant", DISGUISED)
def test_disguised_numbers_are_found_and_refused(variant):
    assert find_personal_numbers(f"Pojke {variant} sågs vid hamnen.") == [variant]
    with pytest.raises(ValidationError) as error:
        validate_no_personal_number(f"Pojke {variant} sågs vid hamnen.")
    message = error.value.messages[0]
    assert "EST handlar om platser, inte personer" in message
    assert digits(variant)[-10:] not in digits(message)  # the last four are hidden


@pytest.mark.parametrize(
    "variant",
    [
        "121212\N{HANGUL FILLER}-1212",
        "12\N{COMBINING LOW LINE}1212-1212",
        "١٢١٢١٢-١٢١٢",  # Arabic-Indic digits
        "121212\N{IDEOGRAPHIC SPACE}1212",
        "121212\N{WAVE DASH}1212",
    ],
)
def test_other_invisible_characters_and_digits_count_too(variant):
    assert find_personal_numbers(f"Pojke {variant}.") == [variant]


def test_ten_digits_after_a_phone_word_are_a_phone_number():
    # Also how someone born in December 2008 could be written: only the word tells.
    assert find_personal_numbers("08 12 12 12 34") == ["08 12 12 12 34"]
    assert find_personal_numbers("Tel. 08 12 12 12 34") == []
    assert find_personal_numbers("mobil: 0812121234") == []
    assert find_personal_numbers("tel 081212-1234") == ["081212-1234"]  # a dash: not a phone


def test_a_century_that_makes_the_date_impossible_is_read_without_it():
    # 29 February 1900 does not exist, 29 February 2000 does.
    assert find_personal_numbers("Rum 19 000229-0005") == ["000229-0005"]


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


def test_two_digits_that_read_as_a_century_but_make_no_number_are_read_again_as_the_year():
    """Found by the fuzzer: "18 05 89 19 65" is a coordination number of 29 May 2018 (day
    29 + 60); read with 18 as the century it is no date, and the number was missed."""
    text = "kontakt nr 18 05 89 19 65 21 i ärendet"
    assert find_personal_numbers(text) == ["18 05 89 19 65"]
    with pytest.raises(ValidationError, match=r"samordningsnumret \(18 05 89 \*\* \*\*\)"):
        validate_no_personal_number(text)
