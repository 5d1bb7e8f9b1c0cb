"""A large synthetic installation for the benchmark: three agreements of four years, their
indicators, goals, measures and weekly meetings, at `scale` times the size issue 6 names.

Every row is made with bulk_create (no history rows: nobody edited them). Names start with
"syntetisk", so `is_throwaway` can tell a benchmark database from one holding real data.
"""

import random
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

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
from meetings.models import Action, ActionStatus, Area, Factor, Meeting, SituationEntry

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


def scaled(count, scale):
    return max(1, round(count * scale))


def is_throwaway():
    """True when the database holds nothing but what `build` makes (or nothing at all)."""
    real_agreements = Agreement.objects.exclude(slug__startswith=PREFIX).exists()
    real_indicators = Indicator.objects.exclude(code__startswith=PREFIX).exists()
    real_users = get_user_model().objects.exclude(username=BENCH_USER).exists()
    return not (real_agreements or real_indicators or real_users)


def build(scale=1.0, seed=6):
    """Make the installation on the current database, which should be empty. Returns the
    agreements, newest first."""
    rng = random.Random(seed)
    bench_user()
    agreements = [make_agreement(number, year) for number, year in enumerate(FIRST_YEARS, 1)]
    # At least one goal of two targets per agreement, however small the scale.
    count = max(len(FIRST_YEARS) * TARGETS_PER_GOAL, scaled(INDICATORS, scale))
    indicators = make_indicators(count, rng)
    per_agreement = max(1, len(indicators) // len(agreements))
    for number, agreement in enumerate(agreements):
        mine = indicators[number * per_agreement : (number + 1) * per_agreement]
        make_effect_goals(agreement, mine, rng)
        make_yearly_records(agreement)
        make_measures(agreement, scaled(MEASURES / len(agreements), scale), rng)
    make_meetings(agreements, scaled(MEETINGS / len(agreements), scale), rng)
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


def make_agreement(number, first_year):
    agreement = Agreement.objects.create(
        title=f"Syntetisk överenskommelse {number}",
        slug=f"{PREFIX}-{number}",
        municipality="Syntetiska kommun",
        municipality_code="9999",
        police_area="Syntetiska lokalpolisområde",
        start_year=first_year,
        end_year=first_year + 3,
    )
    Party.objects.bulk_create(
        [
            Party(agreement=agreement, kind=Party.Kind.MUNICIPALITY, name="Syntetiska kommun"),
            Party(agreement=agreement, kind=Party.Kind.POLICE, name="Syntetiska polisen"),
        ]
    )
    FocusArea.objects.bulk_create(
        FocusArea(agreement=agreement, title=f"Fokusområde {order}", order=order)
        for order in range(1, 4)
    )
    return agreement


def make_indicators(count, rng):
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
    Value.objects.bulk_create(
        Value(indicator=i, period=p, group=g, value=Decimal(rng.randint(500, 9500)) / 100)
        for i in indicators
        for p in periods
        for g in groups
    )
    return indicators


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


def make_meetings(agreements, per_agreement, rng):
    """`per_agreement` meetings spread evenly over each agreement's years, each with a full
    situation picture and its actions."""
    areas = Area.objects.bulk_create(
        Area(name=f"Syntetiskt område {n}", order=n) for n in range(1, DIMENSIONS + 1)
    )
    factors = Factor.objects.bulk_create(
        Factor(name=f"Syntetisk faktor {n}", order=n) for n in range(1, DIMENSIONS + 1)
    )
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
