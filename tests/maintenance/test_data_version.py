"""Every write path moves the data version on; a rolled-back one does not."""

import pytest
from django.db import transaction

from agreements.models import Agreement
from indicators import importing, reading
from maintenance import dataversion
from meetings.models import Area, Factor, Level, Meeting
from surveys.models import Respondent
from tests.places import trelleborg


@pytest.fixture
def version(db):
    return lambda: dataversion.current()[1]


def test_a_save_a_delete_and_an_m2m_change_each_move_it(seed_agreement, version):
    before = version()
    area = Area.objects.create(name="Hamnen")
    assert version() > before
    respondent = Respondent.objects.create(
        municipality=trelleborg(), name="Ada", email="ada@example.org"
    )
    before = version()
    respondent.areas.add(area)
    assert version() > before
    before = version()
    respondent.delete()
    assert version() > before


def test_bulk_writes_move_it(seed_agreement, version, security_user):
    meeting = Meeting.objects.create(
        agreement=seed_agreement, year=2021, week=10, date="2021-03-11"
    )
    area, factor = Area.objects.create(name="Centrum"), Factor.objects.create(name="Klotter")
    before = version()
    meeting.set_picture({(area.pk, factor.pk): (Level.HIGH, "")}, user=security_user)
    assert version() > before
    before = version()
    upload = b"indicator;period;group;value\nbrott-bostadsinbrott;2021;alla;12\n"
    preview = importing.preview_upload(reading.read_file("a.csv", upload, 1))
    assert preview.ok
    importing.apply(preview, security_user)
    assert version() > before


def test_a_rolled_back_change_leaves_it(seed_agreement, version):
    before = version()
    with pytest.raises(RuntimeError, match="changed my mind"), transaction.atomic():
        Agreement.objects.update(title="Annan")
        Area.objects.create(name="Hamnen")
        raise RuntimeError("changed my mind")
    assert version() == before


def test_a_flushed_database_starts_a_new_epoch(db):
    epoch = dataversion.current()[0]
    dataversion.DataVersion.objects.all().delete()
    assert dataversion.current()[0] != epoch
