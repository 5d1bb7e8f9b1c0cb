"""Indicators and their data: where figures come from, what they measure, and the agreement's
targets that read them."""

from .assessments import AssessedStatus, Assessor, GoalAssessment
from .catalogue import (
    DataSource,
    Group,
    Indicator,
    Period,
    SeriesBreak,
    Unit,
    display_number,
    plain_decimal,
)
from .targets import Rule, Target
from .values import ConfirmedImport, Value, ValueStatus

__all__ = [
    "AssessedStatus",
    "Assessor",
    "ConfirmedImport",
    "DataSource",
    "GoalAssessment",
    "Group",
    "Indicator",
    "Period",
    "Rule",
    "SeriesBreak",
    "Target",
    "Unit",
    "Value",
    "ValueStatus",
    "display_number",
    "plain_decimal",
]
