"""Invented respondents and the last few weeks' closed rounds, flagged `is_demo`, so that the
survey's pages have answers to show on a new install. Drawn from a seeded random generator, and
made only once: running it again changes nothing."""

import random
import secrets
from datetime import timedelta

from django.utils import timezone

from agreements.models import Agreement
from meetings.models import Area, Factor, Level

from .models import Answer, Invitation, Observation, Respondent, Round, SurveySettings

# (name, unit, areas covered)
RESPONDENTS = [
    ("Anna Fältare", "Fältgruppen", ["Trelleborg centrum", "Hamnen", "Västra Trelleborg"]),
    ("Bo Vaktmästare", "Fastighetsavdelningen", ["Östra Trelleborg", "Västra Trelleborg"]),
    ("Cecilia Rektor", "Anderslövs skola", ["Anderslöv", "Skegrie"]),
    ("David Parkarbetare", "Gatu- och parkavdelningen", ["Smygehamn", "Klagstorp", "Skegrie"]),
    ("Eva Bibliotekarie", "Stadsbiblioteket", ["Trelleborg centrum"]),
    ("Fredrik Fritidsledare", "Fritidsgården Hamnen", ["Hamnen", "Östra Trelleborg"]),
]
WEEKS = 4  # closed rounds before this week
OBSERVATIONS = [
    "Krossat glas vid busshållplatsen på morgnarna.",
    "Grupp ungdomar samlas vid lekplatsen efter kl. 21.",
    "Belysningen i gångtunneln är fortfarande trasig.",
    "Mopeder kör på gång- och cykelvägen vid skolan.",
    "Nedskräpat vid strandens parkering efter helgen.",
]


def create():
    """Demo rounds in the agreement in force today of the municipality entered first; nothing
    when none is."""
    year, week, _day = timezone.localdate().isocalendar()
    first = Agreement.objects.order_by("pk").first()
    agreement = first and Agreement.in_force(year, first.municipality_id)
    if agreement is None or not Area.objects.exists():
        return
    areas = {area.name: area for area in Area.objects.filter(is_active=True)}
    respondents = [_respondent(row, agreement.municipality, areas) for row in RESPONDENTS]
    factors = list(Factor.objects.filter(is_active=True))
    rng = random.Random(2026)
    monday = timezone.localdate() - timedelta(days=timezone.localdate().isoweekday() - 1)
    for weeks_back in range(WEEKS, 0, -1):
        iso = (monday - timedelta(weeks=weeks_back)).isocalendar()
        if Agreement.in_force(iso.year, agreement.municipality_id) == agreement:
            _round(agreement, iso.year, iso.week, respondents, factors, rng)


def _respondent(row, municipality, areas):
    name, unit, covered = row
    first = name.split()[0].lower()
    respondent, created = Respondent.objects.get_or_create(
        email=f"{first}.demo@example.org",
        municipality=municipality,
        defaults={"name": name, "unit": unit, "is_demo": True},
    )
    if created:
        respondent.areas.set(areas[a] for a in covered if a in areas)
    return respondent


def _round(agreement, year, week, respondents, factors, rng):
    timetable = SurveySettings.current()
    opens, closes = timetable.opens_at(year, week), timetable.closes_at(year, week)
    round_, created = Round.objects.get_or_create(
        agreement=agreement,
        year=year,
        week=week,
        defaults={"opens_at": opens, "closes_at": closes, "is_demo": True},
    )
    if not created:
        return
    answered = 0
    for respondent in respondents:
        invitation = Invitation.objects.create(
            round=round_, respondent=respondent, key=secrets.token_urlsafe(24), sent_at=opens
        )
        covered = list(respondent.areas.all())
        invitation.areas.set(covered)
        if rng.random() < 0.2:  # some never answer
            continue
        answered += 1
        invitation.answered_at = opens + timedelta(hours=rng.randint(1, 40))
        invitation.nothing_to_report = rng.random() < 0.15
        invitation.save()
        if not invitation.nothing_to_report:
            _answer(invitation, covered, factors, rng)
    round_.opened_at = opens
    round_.reminded_at = timetable.reminder_at(year, week)
    round_.closed_at = closes
    round_.invited_count = len(respondents)
    round_.answered_count = answered
    round_.save()


def _answer(invitation, areas, factors, rng):
    # Mostly quiet weeks, now and then something raised, and some "vet ej".
    weights = [60, 25, 10, 3, 12]
    choices = [Level.NONE, Level.LOW, Level.ELEVATED, Level.HIGH, None]
    Answer.objects.bulk_create(
        Answer(
            invitation=invitation,
            area=area,
            factor=factor,
            level=rng.choices(choices, weights)[0],
        )
        for area in areas
        for factor in factors
    )
    if rng.random() < 0.4:
        Observation.objects.create(
            invitation=invitation, area=rng.choice(areas), text=rng.choice(OBSERVATIONS)
        )
