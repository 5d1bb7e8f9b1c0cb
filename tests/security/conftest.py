import pytest
from django.core.management import call_command

from agreements import demo as agreements_demo
from indicators import demo as indicators_demo
from measures import demo as measures_demo
from meetings import demo as meetings_demo
from meetings.models import Meeting


@pytest.fixture
def installation(seed_agreement):
    """The seed agreement with every app's demo data, as `setup_demo` leaves it."""
    call_command("loaddata", "est-trelleborg", verbosity=0)
    for create in (
        agreements_demo.create,
        measures_demo.create,
        indicators_demo.create,
        meetings_demo.create,
    ):
        create(seed_agreement)
    return seed_agreement


@pytest.fixture
def a_meeting(installation):
    return Meeting.objects.filter(year=2021).order_by("week").first()
