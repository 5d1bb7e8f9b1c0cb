from django.core.management.base import BaseCommand

from maintenance.backup import write_backup


class Command(BaseCommand):
    help = "Writes every row and every stored file (report PDFs, documents) to one .tar.gz file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the backup, e.g. samverkan.tar.gz")

    def handle(self, *args, file, **options):
        rows = write_backup(file)
        self.stdout.write(self.style.SUCCESS(f"Wrote {rows} rows and the stored files to {file}"))
