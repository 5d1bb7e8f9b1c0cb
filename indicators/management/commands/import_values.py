"""Import indicator values from a CSV, XLSX or Kolada JSON file, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from indicators import importing, reading


class Command(BaseCommand):
    help = "Imports indicator values from a file; exits non-zero and writes nothing on any error."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Only show what the import would do."
        )
        parser.add_argument(
            "--municipality",
            metavar="CODE",
            help="Whose values rows without a municipality are (default: the first agreement's).",
        )

    def handle(self, *args, file, dry_run, municipality, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s")
                % {
                    "file": file,
                    "error": error.strerror,
                }
            ) from error
        upload = reading.read_file(file.name, content)
        scope = None if upload.problems else self.scope(municipality)
        preview = importing.preview_upload(upload, scope)
        if not preview.ok:
            for problem in preview.problems:
                self.stderr.write(str(problem))
            raise CommandError(_("Nothing was imported: the file has errors."))
        self.write_preview(preview)
        if dry_run:
            return
        added, changed = importing.apply(preview, user=None)
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported: %(added)s added, %(changed)s changed.")
                % {"added": added, "changed": changed}
            )
        )

    def scope(self, code):
        scope = importing.Scope.everywhere(code)
        if code and scope.home is None:
            message = _("There is no municipality with the code %(code)s.")
            raise CommandError(message % {"code": code})
        return scope

    def write_preview(self, preview):
        self.stdout.write(
            _("%(added)s to add, %(changed)s to change, %(unchanged)s unchanged.")
            % {
                "added": len(preview.added),
                "changed": len(preview.changed),
                "unchanged": len(preview.unchanged),
            }
        )
        for line in preview.changed:
            self.stdout.write(f"  {' '.join(line.key())}: {self.change(line)}")
        for note in preview.notes:
            self.stdout.write(f"  {note}")

    def change(self, line):
        old = line.existing
        parts = [f"{line.old_value_text} → {line.value_text}"]
        if old.status != line.new_status:
            parts.append(f"{old.get_status_display()} → {line.status_text}")
        if old.note != line.new_note:
            parts.append(_("note: “%(old)s” → “%(new)s”") % {"old": old.note, "new": line.new_note})
        return "; ".join(parts)
