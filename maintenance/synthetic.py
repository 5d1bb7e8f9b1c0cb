"""A large synthetic installation for the benchmark: three agreements of four years, their
indicators, goals, measures and weekly meetings, at `scale` times the size issue 6 names, and the
weekly survey's respondents, rounds and answers at `scale` times the size issue 12 names. Two
neighbouring municipalities of the same police area have an agreement each and every
indicator's figures too, and all three their inhabitants, so that the reports compare them.

Every row is made with bulk_create (no history rows: nobody edited them). Names start with
"syntetisk", so `is_throwaway` can tell a benchmark database from one holding real data.
"""

import random
import secrets
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.roles import SECURITY_UNIT, assign_role
from agreements.models import (
    Agreement,
    CitizenPromise,
    EffectGoal,
    FocusArea,
    Party,
    ProblemPicture,
    ProductionGoal,
    PromisePoint,
    Responsible,
)
from indicators.models import DataSource, Group, Indicator, Period, Rule, Target, Unit, Value
from measures.models import Measure, MeasureStatus, MeasureUpdate
from meetings.models import Action, ActionStatus, Area, Factor, Level, Meeting, SituationEntry
from municipalities.models import Municipality, Population
from surveys.models import Answer, Invitation, Observation, Respondent, Round, SurveySettings

PREFIX = "syntetisk"
BENCH_USER = "benchmark"
FIRST_YEARS = [2011, 2015, 2019]  # three agreements of four years each
PERIODS = range(2011, 2023)  # twelve yearly periods of values
GROUPS = 6
INDICATORS = 60
MEETINGS = 600
DIMENSIONS = 12  # areas, and factors
ACTIONS_PER_MEETING = 3
MEASURES = 300
PRODUCTION_GOALS = 5  # per agreement
TARGETS_PER_GOAL = 2
RESPONDENTS = 40
SURVEY_AREAS = 8  # of the DIMENSIONS areas; every factor is asked
SURVEY_WEEKS = 200
# However small the scale: three answers make a cell show a level, and five weeks a trend.
MIN_RESPONDENTS, MIN_WEEKS = 3, 5
EMAIL_DOMAIN = "syntetisk.invalid"
NEIGHBOURS = ["9997", "9998"]  # the police area's other two municipalities


def scaled(count, scale):
    return max(1, round(count * scale))


def is_throwaway():
    """True when the database holds nothing but what `build` makes (or nothing at all)."""
    real_agreements = Agreement.objects.exclude(slug__startswith=PREFIX).exists()
    real_indicators = Indicator.objects.exclude(code__startswith=PREFIX).exists()
    real_users = get_user_model().objects.exclude(username=BENCH_USER).exists()
    real_respondents = Respondent.objects.exclude(email__endswith=f"@{EMAIL_DOMAIN}").exists()
    return not (real_agreements or real_indicators or real_users or real_respondents)


@transaction.atomic  # one commit, not a disk sync per batch of rows
def build(scale=1.0, seed=6):
    """Make the installation on the current database, which should be empty. Returns the
    agreements, newest first."""
    rng = random.Random(seed)
    bench_user()
    agreements = [make_agreement(number, year) for number, year in enumerate(FIRST_YEARS, 1)]
    # At least one goal of two targets per agreement, however small the scale.
    count = max(len(FIRST_YEARS) * TARGETS_PER_GOAL, scaled(INDICATORS, scale))
    indicators = make_indicators(count, agreements[0].municipality, rng)
    make_neighbours(indicators, rng)
    per_agreement = max(1, len(indicators) // len(agreements))
    for number, agreement in enumerate(agreements):
        mine = indicators[number * per_agreement : (number + 1) * per_agreement]
        make_effect_goals(agreement, mine, rng)
        make_yearly_records(agreement)
        make_measures(agreement, scaled(MEASURES / len(agreements), scale), rng)
    areas, factors = make_dimensions()
    make_meetings(agreements, areas, factors, scaled(MEETINGS / len(agreements), scale), rng)
    respondents = max(MIN_RESPONDENTS, scaled(RESPONDENTS, scale))
    weeks = max(MIN_WEEKS, scaled(SURVEY_WEEKS, scale))
    make_survey(agreements, areas[:SURVEY_AREAS], factors, respondents, weeks, rng)
    return agreements[::-1]


def bench_user():
    user, created = get_user_model().objects.get_or_create(
        username=BENCH_USER, defaults={"first_name": "Bänk", "last_name": "Mätare"}
    )
    if created:
        user.set_unusable_password()
        user.save()
        assign_role(user, SECURITY_UNIT)
    return user


def make_agreement(number, first_year, code="9999", name="Syntetiska kommun"):
    agreement = Agreement.objects.create(
        title=f"Syntetisk överenskommelse {number}",
        slug=f"{PREFIX}-{number}",
        municipality=Municipality.objects.get_or_create(
            code=code, defaults={"name": name, "police_area": "Syntetiska lokalpolisområde"}
        )[0],
        start_year=first_year,
        end_year=first_year + 3,
    )
    Party.objects.bulk_create(
        [
            Party(agreement=agreement, kind=Party.Kind.MUNICIPALITY, name=name),
            Party(agreement=agreement, kind=Party.Kind.POLICE, name="Syntetiska polisen"),
        ]
    )
    FocusArea.objects.bulk_create(
        FocusArea(agreement=agreement, title=f"Fokusområde {order}", order=order)
        for order in range(1, 4)
    )
    return agreement


def make_indicators(count, municipality, rng):
    source = DataSource.objects.create(name=f"{PREFIX} källa", publisher="Syntetiska SCB")
    periods = Period.objects.bulk_create(
        Period(source=source, label=str(year), year=year) for year in PERIODS
    )
    groups = Group.objects.bulk_create(
        Group(code=f"{PREFIX}-g{n}", name=f"Grupp {n}", order=n) for n in range(1, GROUPS + 1)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"{PREFIX}-{n:03}",
            name=f"Syntetisk indikator {n}",
            short_name=f"Indikator {n}",
            source=source,
            unit=Unit.PERCENT,
            scale_min=Decimal(0),
            scale_max=Decimal(100),
        )
        for n in range(1, count + 1)
    )
    Indicator.groups.through.objects.bulk_create(
        Indicator.groups.through(indicator=i, group=g) for i in indicators for g in groups
    )
    make_values(indicators, municipality, periods, groups, rng)
    return indicators


def make_values(indicators, municipality, periods, groups, rng):
    Value.objects.bulk_create(
        Value(
            indicator=i,
            municipality=municipality,
            period=p,
            group=g,
            value=Decimal(rng.randint(500, 9500)) / 100,
        )
        for i in indicators
        for p in periods
        for g in groups
    )


def make_neighbours(indicators, rng):
    """Two more municipalities with an agreement each and every indicator's figures; the
    inhabitants of all three in every year."""
    for number, code in enumerate(NEIGHBOURS, len(FIRST_YEARS) + 1):
        make_agreement(number, FIRST_YEARS[-1], code, f"Syntetiska grannkommun {code}")
    municipalities = Municipality.objects.filter(code__in=[*NEIGHBOURS, "9999"])
    Population.objects.bulk_create(
        Population(municipality=m, year=year, inhabitants=rng.randint(20_000, 50_000))
        for m in municipalities
        for year in PERIODS
    )
    periods = list(indicators[0].source.periods.all())
    groups = list(indicators[0].groups.all())
    for municipality in municipalities:
        if municipality.code in NEIGHBOURS:
            make_values(indicators, municipality, periods, groups, rng)


def make_effect_goals(agreement, indicators, rng):
    focus_areas = list(agreement.focus_areas.all())
    pairs = [indicators[n : n + TARGETS_PER_GOAL] for n in range(0, len(indicators), 2)]
    goals = EffectGoal.objects.bulk_create(
        EffectGoal(
            agreement=agreement,
            focus_area=focus_areas[n % len(focus_areas)],
            text=f"Andelen som upplever problem {n} ska minska.",
            short_title=f"Effektmål {n}",
            measurement="Syntetisk enkät",
            order=n,
        )
        for n in range(1, len(pairs) + 1)
    )
    targets = Target.objects.bulk_create(
        Target(
            goal=goal,
            indicator=indicator,
            first_year=agreement.start_year,
            last_year=agreement.end_year,
            rule=Rule.AT_MOST if order % 2 else Rule.BELOW,
            threshold=Decimal(rng.randint(20, 80)),
            order=order,
        )
        for goal, pair in zip(goals, pairs, strict=True)
        for order, indicator in enumerate(pair)
    )
    groups = list(Group.objects.filter(code__startswith=PREFIX)[:2])
    Target.groups.through.objects.bulk_create(
        Target.groups.through(target=t, group=g) for t in targets for g in groups
    )


def make_yearly_records(agreement):
    for year in agreement.years:
        ProblemPicture.objects.create(
            agreement=agreement, year=year, summary=f"Problembilden {year}.", sources="Enkät"
        )
        promise = CitizenPromise.objects.create(
            agreement=agreement, year=year, title=f"Medborgarlöften {year}"
        )
        PromisePoint.objects.bulk_create(
            PromisePoint(promise=promise, text=f"Löfte {n}", order=n) for n in range(1, 6)
        )


def make_measures(agreement, count, rng):
    focus_areas = list(agreement.focus_areas.all())
    goals = ProductionGoal.objects.bulk_create(
        ProductionGoal(
            agreement=agreement,
            focus_area=focus_areas[n % len(focus_areas)],
            text=f"Produktionsmål {n}",
            yearly_target=rng.randint(10, 100),
            unit="insatser",
            order=n,
        )
        for n in range(1, PRODUCTION_GOALS + 1)
    )
    measures = Measure.objects.bulk_create(
        Measure(
            agreement=agreement,
            focus_area=focus_areas[n % len(focus_areas)],
            production_goal=goals[n % len(goals)],
            title=f"Åtgärd {n:03}",
            description="En syntetisk åtgärd.",
            responsible=rng.choice(Responsible.values),
            status=MeasureStatus.ONGOING,
        )
        for n in range(1, count + 1)
    )
    MeasureUpdate.objects.bulk_create(
        MeasureUpdate(
            measure=measure,
            year=year,
            status=rng.choice(MeasureStatus.values),
            comment=f"Uppföljning {year}.",
            achieved_count=rng.randint(0, 30),
        )
        for measure in measures
        for year in agreement.years
    )


def make_dimensions():
    areas = Area.objects.bulk_create(
        Area(name=f"Syntetiskt område {n}", order=n) for n in range(1, DIMENSIONS + 1)
    )
    factors = Factor.objects.bulk_create(
        Factor(name=f"Syntetisk faktor {n}", order=n) for n in range(1, DIMENSIONS + 1)
    )
    return areas, factors


def make_meetings(agreements, areas, factors, per_agreement, rng):
    """`per_agreement` meetings spread evenly over each agreement's years, each with a full
    situation picture and its actions."""
    meetings = Meeting.objects.bulk_create(
        Meeting(
            agreement=agreement,
            year=year,
            week=week,
            date=date.fromisocalendar(year, week, 2),
            units="säkerhetsenheten, kommunpolis",
            summary=f"Lägesbilden vecka {week}.",
            police_present=rng.random() < 0.9,
        )
        for agreement in agreements
        for year in agreement.years
        for week in range(1, max(1, per_agreement // len(agreement.years)) + 1)
    )
    SituationEntry.objects.bulk_create(
        (
            SituationEntry(meeting=m, area=a, factor=f, level=rng.choice((0, 0, 1, 1, 2, 3)))
            for m in meetings
            for a in areas
            for f in factors
        ),
        batch_size=5000,
    )
    Action.objects.bulk_create(
        Action(
            meeting=meeting,
            what=f"Åtgärd {n} efter mötet",
            area=rng.choice(areas),
            responsible=rng.choice(Responsible.values),
            status=rng.choice(ActionStatus.values),
        )
        for meeting in meetings
        for n in range(1, ACTIONS_PER_MEETING + 1)
    )


NOTES = (
    "Nedskräpning vid busshållplatsen.",
    "Klotter på skolans gavel.",
    "Ungdomar samlas vid stationen sent på kvällen.",
    "Trasig belysning på gångvägen mot centrum.",
    "Bränd papperskorg i parken.",
)


def make_survey(agreements, areas, factors, respondents, weeks, rng):
    """`respondents` staff asked for `weeks` weeks up to the newest agreement's end, each round
    in the agreement in force that week. Each respondent covers some of `areas` (the first covers
    them all, for the answer page's benchmark) and answers most weeks. Every round is closed but
    the last, which is open and half answered: the week of a Wednesday. As the calendar lies in
    the past, that round's close is moved to tomorrow, so its links are live."""
    people = make_respondents(respondents, agreements[0].municipality, areas, rng)
    # How much each factor troubles each area as a rule, so that one week resembles the next.
    usual = {(a.pk, f.pk): rng.choice((0, 0, 0, 1, 1, 2, 3)) for a in areas for f in factors}
    timetable = SurveySettings.current()
    calendar = survey_weeks(agreements, weeks)
    rounds = Round.objects.bulk_create(
        make_round(agreement, year, week, timetable, is_open=n == len(calendar))
        for n, (agreement, year, week) in enumerate(calendar, 1)
    )
    for round_ in rounds:
        make_invitations(round_, people, usual, factors, rng)
    Round.objects.bulk_update(rounds, ["invited_count", "answered_count"])


def survey_weeks(agreements, count):
    """The last `count` ISO weeks of the newest agreement, oldest first, each with the
    agreement in force that week."""
    last_day = date(max(a.end_year for a in agreements), 12, 28)  # in the last ISO week
    weeks = []
    for n in range(count):
        year, week, _day = (last_day - timedelta(weeks=n)).isocalendar()
        agreement = next(a for a in agreements if a.start_year <= year <= a.end_year)
        weeks.append((agreement, year, week))
    return weeks[::-1]


def make_respondents(count, municipality, areas, rng):
    """The respondents, each with the areas they cover and how often they answer."""
    people = Respondent.objects.bulk_create(
        Respondent(
            municipality=municipality,
            name=f"Syntetisk svarande {n}",
            email=respondent_email(n),
            unit=f"Förvaltning {n % 5 + 1}",
        )
        for n in range(1, count + 1)
    )
    covers = [areas] + [rng.sample(areas, rng.randint(4, len(areas))) for _ in people[1:]]
    Respondent.areas.through.objects.bulk_create(
        Respondent.areas.through(respondent_id=person.pk, area_id=area.pk)
        for person, mine in zip(people, covers, strict=True)
        for area in mine
    )
    return [
        (person, mine, 1.0 if n == 0 else rng.uniform(0.7, 1.0))
        for n, (person, mine) in enumerate(zip(people, covers, strict=True))
    ]


def make_round(agreement, year, week, timetable, is_open):
    opens, closes = timetable.opens_at(year, week), timetable.closes_at(year, week)
    if is_open:
        closes = max(closes, timezone.now() + timedelta(days=1))
    return Round(
        agreement=agreement,
        year=year,
        week=week,
        opens_at=opens,
        closes_at=closes,
        opened_at=opens,
        reminded_at=None if is_open else timetable.reminder_at(year, week),
        closed_at=None if is_open else closes,
    )


def make_invitations(round_, people, usual, factors, rng):
    """Everyone invited; most answer (half, in the open round), a few with "inget att
    rapportera", the rest a level or "vet ej" for every factor of each area they cover."""
    is_open = round_.closed_at is None
    invited = []
    for n, (person, mine, rate) in enumerate(people):
        answered = n == 0 or rng.random() < (rate / 2 if is_open else rate)
        quiet = answered and n > 0 and rng.random() < 0.05
        invitation = Invitation(
            round=round_,
            respondent=person,
            key=secrets.token_hex(16),
            sent_at=round_.opens_at,
            answered_at=round_.opens_at + timedelta(hours=rng.uniform(1, 40)) if answered else None,
            nothing_to_report=quiet,
            revision=int(answered),
        )
        invited.append((invitation, mine, answered and not quiet))
    Invitation.objects.bulk_create(invitation for invitation, _mine, _rated in invited)
    Invitation.areas.through.objects.bulk_create(
        Invitation.areas.through(invitation_id=invitation.pk, area_id=area.pk)
        for invitation, mine, _rated in invited
        for area in mine
    )
    rated = [(invitation, mine) for invitation, mine, has_levels in invited if has_levels]
    Answer.objects.bulk_create(
        Answer(
            invitation_id=invitation.pk,
            area_id=area.pk,
            factor_id=factor.pk,
            level=answered_level(usual[area.pk, factor.pk], rng),
        )
        for invitation, mine in rated
        for area in mine
        for factor in factors
    )
    Observation.objects.bulk_create(
        Observation(invitation_id=invitation.pk, area_id=area.pk, text=rng.choice(NOTES))
        for invitation, mine in rated
        for area in mine
        if rng.random() < 0.08
    )
    round_.invited_count = len(invited)
    round_.answered_count = sum(
        1 for invitation, _mine, _rated in invited if invitation.answered_at
    )


def answered_level(usual, rng):
    if rng.random() < 0.06:
        return None  # "vet ej"
    return min(Level.HIGH, max(Level.NONE, usual + rng.choice((-1, 0, 0, 0, 0, 1))))


def respondent_email(number):
    return f"svarande{number}@{EMAIL_DOMAIN}"


def survey_pages():
    """The latest closed round (Thursday's view of it) and an invitation of the open round
    from the respondent who covers every area (the answer page's largest form)."""
    closed = Round.objects.filter(closed_at__isnull=False).order_by("-year", "-week").first()
    invitation = (
        Invitation.objects.filter(
            round__closed_at__isnull=True, respondent__email=respondent_email(1)
        )
        .select_related("round")
        .first()
    )
    return closed, invitation
