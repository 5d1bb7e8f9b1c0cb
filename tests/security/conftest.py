import pytest

from meetings.models import Meeting


@pytest.fixture
def a_meeting(installation):
    return Meeting.objects.filter(year=2021).order_by("week").first()
