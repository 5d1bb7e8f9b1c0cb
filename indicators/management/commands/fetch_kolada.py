"""Fetch figures from Kolada's API for several municipalities and years at once and import
them, all or nothing; or save Kolada's answer for the import page."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators import importing, kolada, kolada_fetch
from indicators.models import Indicator
from municipalities import population as population_module
from municipalities.models import Municipality

YEARS_BACK = 5  # by default the last five full years


class Command(BaseCommand):
    help = (
        "Fetches the KPIs set on indicators (or --kpi) for every municipality with a code (or "
        "--municipality) from api.kolada.se and imports them; --population stores inhabitants."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kpi", action="append", default=[], help="Kolada KPI, e.g. N07403.")
        parser.add_argument(
            "--municipality", action="append", default=[], help="Municipality code, e.g. 1287."
        )
        parser.add_argument("--year", action="append", type=int, default=[], help="E.g. 2021.")
        parser.add_argument(
            "--population",
            action="store_true",
            help=f"Fetch inhabitants (Kolada {population_module.KOLADA_KPI}), not indicator KPIs.",
        )
        parser.add_argument("--save", type=Path, help="Write Kolada's answer here; import nothing.")
        parser.add_argument("--dry-run", action="store_true", help="Only say what would change.")

    def handle(self, *args, kpi, municipality, year, population, save, dry_run, **options):
        kpis = [population_module.KOLADA_KPI] if population else kpi or linked_kpis()
        codes = municipality or list(
            Municipality.objects.exclude(code="").order_by("code").values_list("code", flat=True)
        )
        this_year = timezone.localdate().year
        years = year or list(range(this_year - YEARS_BACK, this_year))
        if not kpis or not codes:
            message = _(
                "Nothing to fetch: no indicator names a Kolada KPI, or no municipality a code."
            )
            raise CommandError(message)
        url = kolada_fetch.data_url(kpis, codes, years)
        self.stdout.write(_("Fetching %(url)s") % {"url": url})
        try:
            answer = kolada_fetch.fetch(url)
        except kolada_fetch.Unreachable as error:
            raise CommandError(str(error)) from error
        content = json.dumps(answer, ensure_ascii=False).encode()
        if save:
            save.write_bytes(content)
            self.stdout.write(
                _("Saved %(count)s values to %(file)s.") % {"count": answer["count"], "file": save}
            )
        elif population:
            self.store_population(content, dry_run)
        else:
            self.import_values(content, dry_run)

    def import_values(self, content, dry_run):
        rows, problems, notes = kolada.read_answer(content)
        preview = importing.preview_rows(rows, notes) if not problems else None
        problems = problems if preview is None else [str(p) for p in preview.problems]
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(_("Nothing was imported: Kolada's answer has errors."))
        for note in preview.notes:
            self.stdout.write(f"  {note}")
        if dry_run:
            message = _("%(added)s to add, %(changed)s to change, %(unchanged)s unchanged.")
        else:
            importing.apply(preview, user=None)
            message = _("Imported: %(added)s added, %(changed)s changed.")
        counts = {
            "added": len(preview.added),
            "changed": len(preview.changed),
            "unchanged": len(preview.unchanged),
        }
        self.stdout.write(self.style.SUCCESS(message % counts))

    def store_population(self, content, dry_run):
        try:
            source, rows = population_module.read(content)
            if not dry_run:
                population_module.store(source, rows)
        except population_module.Unreadable as error:
            raise CommandError(_("Nothing was stored: %(error)s") % {"error": error}) from error
        if dry_run:
            message = _("The inhabitants of %(count)s municipality years would be stored.")
        else:
            message = _("Stored the inhabitants of %(count)s municipality years.")
        self.stdout.write(self.style.SUCCESS(message % {"count": len(rows)}))


def linked_kpis():
    linked = Indicator.objects.exclude(kolada_kpi="").order_by("kolada_kpi")
    return list(dict.fromkeys(linked.values_list("kolada_kpi", flat=True)))
