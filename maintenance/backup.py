"""One file that holds the whole installation: every row, and every stored file (report PDFs,
agreement documents). Restoring it into an empty, migrated database gives back the same data
and byte-identical files."""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction

from .dataversion import data_changed

DATA_NAME = "data.json"
MEDIA_PREFIX = "media/"
# Rebuilt by migrate, or of no use after a restore.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]


def write_backup(path):
    data = io.StringIO()
    # Rows keep their ids, users and groups too: the admin's change log names the object it
    # changed by id. Content types and permissions, which migrate numbers afresh, are referred
    # to by natural key.
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=EXCLUDED,
        stdout=data,
        verbosity=0,
    )
    payload = data.getvalue().encode()
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo(DATA_NAME)
        info.size = len(payload)
        archive.addfile(info, io.BytesIO(payload))
        if media.exists():
            for file in sorted(p for p in media.rglob("*") if p.is_file()):
                archive.add(file, arcname=MEDIA_PREFIX + file.relative_to(media).as_posix())
    return len(json.loads(payload))


class RestoreError(Exception):
    pass


def restore_backup(path):
    """Load a backup into this (migrated, empty) database and MEDIA_ROOT; all or nothing."""
    with tarfile.open(path, "r:gz") as archive:
        members = {member.name: member for member in archive.getmembers()}
        if DATA_NAME not in members:
            raise RestoreError(f"{path} holds no {DATA_NAME}: not a Samverkan backup")
        media = [m for m in members.values() if m.name.startswith(MEDIA_PREFIX) and m.isfile()]
        unsafe = [m.name for m in media if ".." in Path(m.name).parts]
        if unsafe:
            raise RestoreError(f"unsafe paths in backup: {unsafe}")
        # loaddata reads fixtures from files named for their format.
        with tempfile.NamedTemporaryFile(suffix=".json") as fixture:
            fixture.write(archive.extractfile(members[DATA_NAME]).read())
            fixture.flush()
            with transaction.atomic():
                # The roles migrate made come back from the backup, with their ids.
                Group.objects.all().delete()
                call_command("loaddata", fixture.name, verbosity=0)
                data_changed()
        for member in media:
            target = Path(settings.MEDIA_ROOT) / member.name.removeprefix(MEDIA_PREFIX)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.extractfile(member).read())
    return len(media)
