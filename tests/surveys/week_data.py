"""Survey rounds made quickly for the tests of Thursday's view, its pages and retention: rows
written straight through the ORM, as opening a round and answering it would leave them."""

import re
import secrets
from datetime import timedelta
from html.parser import HTMLParser

from meetings.models import Area, Factor
from surveys.models import Answer, Invitation, Observation, Respondent, Round, SurveySettings

# The EST areas and factors and an agreement in force this year, from the meetings tests.
from tests.meetings.conftest import current_agreement, est  # noqa: F401
from tests.places import trelleborg


def make_round(agreement, year, week, *, closed=True, **fields):
    """A round that opened on time and, unless `closed=False`, closed on time."""
    timetable = SurveySettings()
    fields.setdefault("opens_at", timetable.opens_at(year, week))
    fields.setdefault("closes_at", timetable.closes_at(year, week))
    fields.setdefault("opened_at", fields["opens_at"])
    if closed:
        fields.setdefault("closed_at", fields["closes_at"])
    return Round.objects.create(agreement=agreement, year=year, week=week, **fields)


def make_respondents(count, prefix="Person"):
    return [
        Respondent.objects.create(
            municipality=trelleborg(),
            name=f"{prefix} {n}",
            email=f"{prefix.lower()}{n}@trelleborg.se",
            unit="Fritid",
        )
        for n in range(1, count + 1)
    ]


def invite(survey_round, respondent, areas=(), **fields):
    invitation = Invitation.objects.create(
        round=survey_round,
        respondent=respondent,
        key=secrets.token_hex(16),
        sent_at=survey_round.opens_at,
        **fields,
    )
    invitation.areas.set(areas)
    return invitation


def respond(survey_round, respondent, levels, observations=None):
    """Invite `respondent` and answer: levels {(area, factor): Level or None for "vet ej"},
    observations {area: text}."""
    observations = observations or {}
    areas = {area for area, _factor in levels} | set(observations)
    answered_at = survey_round.opens_at + timedelta(hours=2)
    invitation = invite(survey_round, respondent, areas, answered_at=answered_at)
    Answer.objects.bulk_create(
        Answer(invitation=invitation, area=area, factor=factor, level=level)
        for (area, factor), level in levels.items()
    )
    Observation.objects.bulk_create(
        Observation(invitation=invitation, area=area, text=text)
        for area, text in observations.items()
    )
    return invitation


def area(name):
    return Area.objects.get(name=name)


def factor(name):
    return Factor.objects.get(name=name)


class _Tables(HTMLParser):
    """Each table of a page as (caption, rows of cell texts)."""

    def __init__(self):
        super().__init__()
        self.tables, self.text = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(["", []])
        elif tag == "tr":
            self.tables[-1][1].append([])
        elif tag in ("caption", "th", "td"):
            self.text = []

    def handle_endtag(self, tag):
        if tag in ("caption", "th", "td") and self.text is not None:
            text = re.sub(r"\s+", " ", "".join(self.text)).strip()
            if tag == "caption":
                self.tables[-1][0] = text
            else:
                self.tables[-1][1][-1].append(text)
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def tables(html):
    """{caption: rows of cell texts} for every table of the page."""
    parser = _Tables()
    parser.feed(html)
    return {caption: rows for caption, rows in parser.tables}


def table_row(html, caption, first_cell):
    """The cells of the row starting with `first_cell` in the table captioned `caption`."""
    [row] = [row for row in tables(html)[caption] if row and row[0] == first_cell]
    return row
