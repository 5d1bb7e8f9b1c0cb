"""Fixtures for the indicators: the seed agreement with its example values."""

import pytest

from indicators import demo as indicators_demo


@pytest.fixture
def demo_values(seed_agreement):
    indicators_demo.create(seed_agreement)
    return seed_agreement
