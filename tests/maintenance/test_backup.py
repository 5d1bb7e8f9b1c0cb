"""A backup restores into an empty database with the same rows and byte-identical PDFs."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agreements import demo as agreements_demo
from agreements.models import Agreement, CitizenPromise, PromisePoint
from measures import demo as measures_demo
from measures.models import Measure, MeasureUpdate
from reports.freezing import present
from reports.models import AnnualReport
from reports.views import store_pdf

MODELS = [Agreement, CitizenPromise, PromisePoint, Measure, MeasureUpdate, AnnualReport]


@pytest.fixture
def installation(transactional_db, settings, tmp_path, rf, security_user, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("loaddata", "trelleborg-2019-2022", verbosity=0)
    agreement = Agreement.objects.get()
    agreements_demo.create(agreement)
    measures_demo.create(agreement)
    report = AnnualReport.objects.create(agreement=agreement, year=2021, summary="Sammanfattning")
    present(
        report,
        user=security_user,
        presented_on="2022-04-05",
        presented_to="Kommunstyrelsen",
        case_number="KS 2022/77",
    )
    monkeypatch.setattr("reports.views.render_pdf", lambda html: b"%PDF-1.4 report\x00\xff")
    store_pdf(rf.get("/"), report)
    return report


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_backup_restores_into_an_empty_database(installation, tmp_path, settings):
    before = counts()
    snapshot = AnnualReport.objects.get().snapshot
    pdf = (tmp_path / "media" / installation.pdf.name).read_bytes()
    backup = tmp_path / "samverkan.tar.gz"
    call_command("backup", str(backup))

    call_command("flush", interactive=False, verbosity=0)
    (tmp_path / "media" / installation.pdf.name).unlink()
    call_command("restore", str(backup))

    assert counts() == before
    restored = AnnualReport.objects.get()
    assert restored.snapshot == snapshot
    assert restored.presented_by.username == "sakerhet"
    assert restored.pdf.open("rb").read() == pdf
    assert restored.history.count() == installation.history.count()


def test_restore_refuses_a_database_in_use(installation, tmp_path):
    backup = tmp_path / "samverkan.tar.gz"
    call_command("backup", str(backup))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup))


def test_restore_refuses_a_file_that_is_no_backup(transactional_db, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tar file")
    with pytest.raises(CommandError):
        call_command("restore", str(bogus))
