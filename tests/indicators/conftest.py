"""Fixtures for the indicators: what a refused import must leave as it was."""

import pytest

from indicators.models import Indicator, Value


def snapshot():
    """Every stored value and its history: what a refused file must leave as it was."""
    rows = Value.objects.order_by("pk").values_list("pk", "value", "status", "note", "sample_size")
    return list(rows), Value.history.count()


@pytest.fixture
def stored(demo_values):
    Indicator.objects.filter(code="brott-bostadsinbrott").update(kolada_kpi="N12345")
    return snapshot()
