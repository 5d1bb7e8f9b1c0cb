"""A backup restores into an empty database with the same rows and byte-identical PDFs."""

import tarfile

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from agreements import demo as agreements_demo
from agreements.models import Agreement, CitizenPromise, PromisePoint
from measures import demo as measures_demo
from measures.models import Measure, MeasureUpdate
from reports.models import AnnualReport
from reports.pdf import store_pdf
from tests.agreements.test_admin_validation import measure_form
from tests.conftest import PASSWORD, present_to_the_board

MODELS = [Agreement, CitizenPromise, PromisePoint, Measure, MeasureUpdate, AnnualReport]


@pytest.fixture
def installation(transactional_db, settings, tmp_path, rf, security_user, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("loaddata", "trelleborg-2019-2022", verbosity=0)
    agreement = Agreement.objects.get()
    agreements_demo.create(agreement)
    measures_demo.create(agreement)
    report = AnnualReport.objects.create(agreement=agreement, year=2021, summary="Sammanfattning")
    present_to_the_board(report, security_user)
    monkeypatch.setattr("reports.pdf.render_pdf", lambda html: b"%PDF-1.4 report\x00\xff")
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


def test_restore_refuses_a_file_that_is_no_archive(transactional_db, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tar file")
    with pytest.raises(CommandError, match="not a gzip file"):
        call_command("restore", str(bogus))
    assert not Agreement.objects.exists()


def test_restore_refuses_an_archive_that_is_no_backup(transactional_db, tmp_path):
    other = tmp_path / "annat.tar.gz"
    with tarfile.open(other, "w:gz") as archive:
        archive.add(__file__, arcname="notes.txt")
    with pytest.raises(CommandError, match="holds no data.json: not a Samverkan backup"):
        call_command("restore", str(other))
    assert not Agreement.objects.exists()


def log_entries():
    """The admin's change log as the history page shows it: who, when, what, and how."""
    entries = LogEntry.objects.select_related("user", "content_type").order_by("pk")
    return [
        (
            # Django's JSON keeps times to the millisecond.
            entry.action_time.replace(microsecond=entry.action_time.microsecond // 1000 * 1000),
            entry.user.username,
            entry.content_type.model_class(),
            entry.object_id,
            str(entry.get_edited_object()),
            entry.action_flag,
            entry.get_change_message(),
        )
        for entry in entries
    ]


def restore_afresh(backup, *renumbered):
    """Restore into an emptied database whose content types for `renumbered` models have other
    ids, as one migrated in another order would."""
    call_command("flush", interactive=False, verbosity=0)
    for model in renumbered:
        ContentType.objects.get_for_model(model).delete()
        ContentType.objects.clear_cache()
        create_permissions(apps.get_app_config(model._meta.app_label), verbosity=0)
    call_command("restore", str(backup))


def test_admin_change_log_survives_backup_and_restore(installation, security_client, tmp_path):
    response = security_client.post(
        "/admin/measures/measure/add/", measure_form(installation.agreement, [])
    )
    assert response.status_code == 302
    before = log_entries()
    assert [entry[1:5] for entry in before] == [
        (
            "sakerhet",
            Measure,
            str(Measure.objects.get(title="Hastighetskontroller").pk),
            "Hastighetskontroller",
        )
    ]
    backup = tmp_path / "samverkan.tar.gz"
    call_command("backup", str(backup))

    restore_afresh(backup, Measure)

    assert log_entries() == before


def test_change_log_of_users_names_the_same_users_after_restore(installation, make_user, tmp_path):
    make_user("slutat").delete()  # a gap in the users' ids
    admin = make_user("admin", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    form = {"username": "nyanstalld", "usable_password": "true"}
    response = client.post(
        "/admin/auth/user/add/", form | {"password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    before = log_entries()
    backup = tmp_path / "samverkan.tar.gz"
    call_command("backup", str(backup))

    restore_afresh(backup)

    assert log_entries() == before
    assert [entry[4] for entry in before] == ["nyanstalld"]


def test_restore_refuses_a_database_with_users(installation, make_user, tmp_path):
    backup = tmp_path / "samverkan.tar.gz"
    call_command("backup", str(backup))
    call_command("flush", interactive=False, verbosity=0)
    make_user("admin", is_superuser=True)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup))
