"""An invented year of weekly EST meetings (2021 and the start of 2022), flagged `is_demo`, so that
the meeting log, the figures and the heat map mean something on a new install.

The content is drawn from a seeded random generator: running it again gives the same meetings.
"""

import random
from datetime import timedelta

from django.core.management import call_command

from agreements.models import Agreement, Responsible

from .isoweeks import meeting_day
from .models import (
    Action,
    ActionFollowUp,
    Area,
    DistributionRecipient,
    Factor,
    FollowUpOutcome,
    Level,
    Meeting,
    NoMeetingReason,
    WeekWithoutMeeting,
)

AREAS_FIXTURE = "est-trelleborg"
# (year, first week, last week) of the demo meetings.
PERIODS = [(2021, 1, 52), (2022, 1, 10)]
NO_MEETING = {
    (2021, 13): (NoMeetingReason.PUBLIC_HOLIDAY, "Skärtorsdagen"),
    **{(2021, week): (NoMeetingReason.HOLIDAY, "Sommaruppehåll") for week in range(28, 32)},
    (2021, 52): (NoMeetingReason.PUBLIC_HOLIDAY, "Julhelgen"),
    (2022, 1): (NoMeetingReason.PUBLIC_HOLIDAY, "Trettondedag jul"),
}
UNRECORDED = {(2021, 19)}  # a week nobody explained, as happens
POLICE_ABSENT = {(2021, 9), (2021, 22), (2021, 40)}
EXTRA = {(2021, 17): "Extra möte på valborgsmässoaftons morgon."}

# (area, factor, months) that run high in season: the picture the summers and autumns bring.
SEASONS = [
    ("Hamnen", "Ungdomar som samlas", {5, 6, 7, 8}),
    ("Smygehamn", "Nedskräpning", {6, 7, 8}),
    ("Smygehamn", "Ungdomar som samlas", {6, 7, 8}),
    ("Anderslöv", "Buskörning", {4, 5, 6, 8, 9}),
    ("Skegrie", "Buskörning", {5, 6, 8}),
    ("Trelleborg centrum", "Narkotika", {2, 3, 4, 9, 10, 11}),
    ("Trelleborg centrum", "Otrygga platser", {1, 2, 10, 11, 12}),
    ("Östra Trelleborg", "Inbrott", {10, 11, 12}),
    ("Västra Trelleborg", "Klotter", {3, 4, 9}),
    ("Trelleborg centrum", "Anlagda bränder", {4, 12}),
]

# (action, area, responsible, unit)
ACTIONS = [
    (
        "Trygghetsvärdar på plats fredag och lördag kväll",
        "Trelleborg centrum",
        Responsible.JOINT,
        "Trygghetsvärdarna och områdespolisen",
    ),
    ("Trafikkontroll av mopeder på kvällstid", "Anderslöv", Responsible.POLICE, "Trafikpolisen"),
    (
        "Laga belysningen i gångtunneln",
        "Östra Trelleborg",
        Responsible.MUNICIPALITY,
        "Gatu- och parkavdelningen",
    ),
    (
        "Sanera klotter på skolans fasad",
        "Västra Trelleborg",
        Responsible.MUNICIPALITY,
        "Fastighetsavdelningen",
    ),
    (
        "Extra tömning av papperskorgar vid stranden",
        "Smygehamn",
        Responsible.MUNICIPALITY,
        "Gatu- och parkavdelningen",
    ),
    (
        "Fältgruppen besöker samlingsplatsen fredag kväll",
        "Hamnen",
        Responsible.MUNICIPALITY,
        "Fältgruppen",
    ),
    (
        "Utred behovet av kamerabevakning vid stationen",
        "Trelleborg centrum",
        Responsible.JOINT,
        "Säkerhetsenheten",
    ),
    ("Farthinder på infarten", "Skegrie", Responsible.MUNICIPALITY, "Trafikenheten"),
    ("Patrull vid skolgården kvällstid", "Klagstorp", Responsible.POLICE, "Områdespolisen"),
    (
        "Informera villaägare om inbrotten via grannsamverkan",
        "Östra Trelleborg",
        Responsible.JOINT,
        "Grannsamverkan och kommunpolisen",
    ),
    (
        "Röj buskage längs gångvägen",
        "Västra Trelleborg",
        Responsible.MUNICIPALITY,
        "Gatu- och parkavdelningen",
    ),
    (
        "Förstärkt närvaro kring valborg",
        "Trelleborg centrum",
        Responsible.JOINT,
        "Trygghetsvärdarna och polisen",
    ),
]
FOLLOW_UP_COMMENTS = {
    FollowUpOutcome.CONTINUED: "Pågår, tas upp igen nästa vecka.",
    FollowUpOutcome.DONE: "Genomfört.",
    FollowUpOutcome.DROPPED: "Behovet finns inte längre enligt lägesbilden.",
}
RECIPIENTS = [
    ("Säkerhetsenheten (demo)", "Trelleborgs kommun", "sakerhetsenheten@example.org"),
    ("Lokalpolisområde Trelleborg (demo)", "Polisen", "lpo-trelleborg@example.org"),
]


def create(agreement: Agreement):
    if not Area.objects.exists():
        call_command("loaddata", AREAS_FIXTURE, verbosity=0)
    areas = {a.name: a for a in Area.objects.filter(is_active=True)}
    factors = {f.name: f for f in Factor.objects.filter(is_active=True)}
    rng = random.Random(2021)
    levels = {(a.pk, f.pk): Level.NONE for a in areas.values() for f in factors.values()}
    previous = None
    for year, first, last in PERIODS:
        for week in range(first, last + 1):
            if (year, week) in NO_MEETING:
                reason, comment = NO_MEETING[(year, week)]
                WeekWithoutMeeting.objects.update_or_create(
                    agreement=agreement,
                    year=year,
                    week=week,
                    defaults={"reason": reason, "comment": comment, "is_demo": True},
                )
                continue
            if (year, week) in UNRECORDED:
                continue
            day = meeting_day(year, week)
            _drift(levels, rng, areas, factors, day.month)
            meeting = _meeting(agreement, year, week, day, levels, areas, factors)
            _follow_up(previous, meeting, rng)
            # The latest meeting leaves work open, as a real log always has.
            latest = (year, week) == (PERIODS[-1][0], PERIODS[-1][2])
            _decide(meeting, rng, areas, levels, count=2 if latest else None)
            previous = meeting
            if (year, week) in EXTRA:
                extra = _meeting(
                    agreement,
                    year,
                    week,
                    day + timedelta(days=1),
                    levels,
                    areas,
                    factors,
                    is_extra=True,
                    notes=EXTRA[(year, week)],
                )
                _decide(extra, rng, areas, levels, force="Förstärkt närvaro kring valborg")
    for name, organisation, email in RECIPIENTS:
        DistributionRecipient.objects.update_or_create(
            email=email,
            defaults={
                "municipality": agreement.municipality,
                "name": name,
                "organisation": organisation,
                "is_demo": True,
            },
        )


def _drift(levels, rng, areas, factors, month):
    """Move a few cells a step towards their seasonal level, and let a few wander."""
    season = {
        (areas[a].pk, factors[f].pk)
        for a, f, months in SEASONS
        if month in months and a in areas and f in factors
    }
    for key, level in levels.items():
        target = Level.ELEVATED if key in season else Level.NONE
        if level != target and rng.random() < 0.5:
            levels[key] = level + (1 if target > level else -1)
        elif rng.random() < 0.01:
            levels[key] = min(Level.HIGH, level + 1)


def _meeting(agreement, year, week, day, levels, areas, factors, is_extra=False, notes=""):
    police = (year, week) not in POLICE_ABSENT or is_extra
    raised = [
        f"{area} ({factor.lower()})"
        for area, a in areas.items()
        for factor, f in factors.items()
        if levels[(a.pk, f.pk)] >= Level.ELEVATED
    ]
    summary = ("Förhöjt läge: " + ", ".join(raised) + ".") if raised else "Lugnt i alla områden."
    if not police:
        summary += " Polisen deltog inte; polisens bild inhämtades i efterhand."
    meeting, _ = Meeting.objects.update_or_create(
        agreement=agreement,
        year=year,
        week=week,
        is_extra=is_extra,
        defaults={
            "date": day,
            "convened_by": "Säkerhetsenheten",
            "municipality_present": True,
            "police_present": police,
            "units": "Säkerhetsenheten, trygghetsvärdar"
            + (", kommunpolis, områdespolis" if police else ""),
            "summary": summary,
            "notes": notes,
            "is_demo": True,
        },
    )
    notes_by_level = {
        Level.HIGH: "Flera rapporter i veckan.",
        Level.ELEVATED: "Rapporter i enkäten.",
    }
    meeting.set_picture(
        {key: (level, notes_by_level.get(level, "")) for key, level in levels.items()}
    )
    return meeting


def _decide(meeting, rng, areas, levels, force=None, count=None):
    """Decide an action or two where the picture is worst."""
    hot = {
        a
        for a, area in areas.items()
        for key, level in levels.items()
        if key[0] == area.pk and level >= Level.ELEVATED
    }
    choices = [a for a in ACTIONS if a[1] in hot] or ACTIONS
    count = min(len(choices), count or rng.choice([0, 1, 1, 2]))
    picked = [a for a in ACTIONS if a[0] == force] or rng.sample(choices, k=count)
    decided = []
    for what, area, responsible, unit in picked:
        Action.objects.update_or_create(
            meeting=meeting,
            what=what,
            defaults={
                "area": areas.get(area),
                "responsible": responsible,
                "unit": unit,
                "due_date": meeting.date + timedelta(weeks=rng.choice([1, 2, 4])),
            },
        )
        decided.append(what)
    if decided:
        meeting.decisions = "Beslut: " + "; ".join(decided) + "."
        meeting.save(update_fields=["decisions"])


def _follow_up(previous, meeting, rng):
    """Follow up every action open after the meeting before: most get done within weeks."""
    if previous is None:
        return
    for action in Action.open_at(meeting):
        outcome = rng.choices(
            [FollowUpOutcome.CONTINUED, FollowUpOutcome.DONE, FollowUpOutcome.DROPPED],
            weights=[4, 5, 1],
        )[0]
        ActionFollowUp.objects.update_or_create(
            action=action,
            meeting=meeting,
            defaults={"outcome": outcome, "comment": FOLLOW_UP_COMMENTS[outcome]},
        )
        action.refresh_status()
