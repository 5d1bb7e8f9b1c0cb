"""Store inhabitants per municipality and year from SCB's or Kolada's JSON answer."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from municipalities import population


class Command(BaseCommand):
    help = (
        "Stores inhabitants per municipality and year from SCB's PxWeb answer (BE0101N1, json) "
        "or Kolada's (N01951); writes nothing on any error."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            source, rows = population.read(file.read_bytes())
            stored = population.store(source, rows)
        except OSError as error:
            message = _("Cannot read %(file)s: %(error)s")
            raise CommandError(message % {"file": file, "error": error.strerror}) from error
        except population.Unreadable as error:
            raise CommandError(_("Nothing was stored: %(error)s") % {"error": error}) from error
        message = _("Stored the inhabitants of %(count)s municipality years.")
        self.stdout.write(self.style.SUCCESS(message % {"count": stored}))
