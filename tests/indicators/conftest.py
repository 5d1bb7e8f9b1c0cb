"""Fixtures for the indicators: the seed agreement with its example values."""

import pytest

from indicators import demo as indicators_demo
from indicators.models import Indicator, Value


@pytest.fixture
def demo_values(seed_agreement):
    indicators_demo.create(seed_agreement)
    return seed_agreement


def snapshot():
    """Every stored value and its history: what a refused file must leave as it was."""
    rows = Value.objects.order_by("pk").values_list("pk", "value", "status", "note", "sample_size")
    return list(rows), Value.history.count()


@pytest.fixture
def stored(demo_values):
    Indicator.objects.filter(code="brott-bostadsinbrott").update(kolada_kpi="N12345")
    return snapshot()
