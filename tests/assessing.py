"""Test helpers for goals assessed in words: a goal no figure decides, and an assessment."""

from datetime import datetime
from zoneinfo import ZoneInfo

from accounts.roles import SECURITY_UNIT
from agreements.models import EffectGoal
from indicators.models import GoalAssessment

ASSESSED_AT = datetime(2021, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def worded_goal(agreement):
    return EffectGoal.objects.create(
        agreement=agreement,
        short_title="Inga öppna drogscener",
        text="Det ska inte finnas några öppna drogscener i offentlig miljö.",
        measurement="Säkerhetsenhetens och polisens bedömning",
        order=99,
    )


def assess(goal, year=2021, status="met", justification="Inga drogscener har setts.", **extra):
    return GoalAssessment.objects.create(
        goal=goal,
        year=year,
        status=status,
        justification=justification,
        assessed_as=extra.pop("assessed_as", SECURITY_UNIT),
        assessed_at=extra.pop("assessed_at", ASSESSED_AT),
        **extra,
    )
