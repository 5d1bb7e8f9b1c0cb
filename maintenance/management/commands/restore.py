import tarfile

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from agreements.models import Agreement
from maintenance.backup import RestoreError, restore_backup


class Command(BaseCommand):
    help = "Restores a backup written by `backup` into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup written by `manage.py backup`")

    def handle(self, *args, file, **options):
        # Users come back with their ids, which would overwrite a user made before the restore.
        if Agreement.objects.exists() or User.objects.exists():
            raise CommandError("The database is not empty: restore only into a new database.")
        try:
            files = restore_backup(file)
        except (RestoreError, OSError, tarfile.TarError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored the data and {files} stored files"))
