"""Helpers for the tests of the round's jobs: respondents, and moments of week 10 of 2021 (the
seed agreement's), whose Tuesday is 9 March."""

import re
from datetime import date, datetime

from django.utils import timezone

from meetings.models import Area
from surveys import links
from surveys.models import Respondent
from tests.places import trelleborg

YEAR, WEEK = 2021, 10
LINK = re.compile(r"http://127\.0\.0\.1:8000/enkat/svar/([^/\s]+)/")


def at(weekday, hour, minute=0, week=WEEK):
    """An aware moment of `weekday` (1 = Monday) in week `week` of 2021, Swedish time."""
    day = date.fromisocalendar(YEAR, week, weekday)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def areas(*names, **fields):
    return [Area.objects.get_or_create(name=name, defaults=fields)[0] for name in names]


def respondent(name, *covered, municipality=None, **fields):
    email = name.split()[0].lower() + "@trelleborg.se"
    person = Respondent.objects.create(
        municipality=municipality or trelleborg(), name=name, email=email, **fields
    )
    person.areas.set(covered)
    return person


def three_respondents():
    """Three active respondents over two areas in use, and one who has stopped."""
    centrum, hamnen = areas("Trelleborg centrum", "Hamnen")
    people = [
        respondent("Anna Fält", centrum, hamnen, unit="Fältgruppen"),
        respondent("Bo Park", hamnen),
        respondent("Cilla Skola", centrum),
    ]
    respondent("Dan Slutat", centrum, is_active=False)
    return people


def linked_keys(body):
    """The invitation keys of the personal links in an e-mail's text."""
    return [links.key_of(token) for token in LINK.findall(body)]
