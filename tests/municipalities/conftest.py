import pytest

from accounts.roles import MUNICIPAL_POLICE, SECURITY_UNIT, assign_role
from agreements.models import Agreement, Party
from meetings.models import Meeting
from tests.conftest import _client_for
from tests.places import svedala


@pytest.fixture
def svedala_agreement(installation):
    """Svedala's own agreement beside Trelleborg's (the installation), with a meeting."""
    agreement = Agreement.objects.create(
        title="Svedalas överenskommelse",
        slug="svedala-2019-2022",
        municipality=svedala(),
        start_year=2019,
        end_year=2022,
    )
    Party.objects.create(agreement=agreement, kind=Party.Kind.MUNICIPALITY, name="Svedala kommun")
    Meeting.objects.create(agreement=agreement, year=2021, week=10, date="2021-03-09")
    return agreement


@pytest.fixture
def svedala_security(make_user, svedala_agreement):
    """Säkerhetsenheten of Svedala, and of nowhere else."""
    user = make_user("svedala-sakerhet")
    assign_role(user, SECURITY_UNIT, svedala_agreement.municipality)
    return _client_for(user)


@pytest.fixture
def police_of_both(make_user, installation, svedala_agreement):
    """A kommunpolis holding the role in Trelleborg and in Svedala, one grant each."""
    user = make_user("polis-bada", first_name="Kim", last_name="Båda")
    assign_role(user, MUNICIPAL_POLICE, installation.municipality)
    assign_role(user, MUNICIPAL_POLICE, svedala_agreement.municipality)
    return _client_for(user)
