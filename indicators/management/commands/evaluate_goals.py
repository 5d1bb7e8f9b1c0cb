"""Print whether an agreement's effect goals are met in a year, as a table or as JSON."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from agreements.models import Agreement
from indicators.evaluation import assessment_data, evaluate_goals, report_json


class Command(BaseCommand):
    help = "Prints whether the agreement's effect goals are met in a year."

    def add_arguments(self, parser):
        parser.add_argument("--agreement", required=True, help="The agreement's short name.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, agreement, year, format, **options):
        found = Agreement.objects.filter(slug=agreement).first()
        if found is None:
            raise CommandError(_("There is no agreement “%(slug)s”.") % {"slug": agreement})
        try:
            found.check_year(year)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if format == "json":
            self.stdout.write(report_json(found, year))
            return
        self.stdout.write(
            _("%(agreement)s: effect goals %(year)s")
            % {
                "agreement": found.title,
                "year": year,
            }
        )
        for result in evaluate_goals(found, year):
            self.write_goal(result)

    def write_goal(self, result):
        self.stdout.write("")
        self.stdout.write(f"{result.goal.short_title} – {result.status.label}")
        if assessment := assessment_data(result.assessment):
            self.stdout.write(self.assessment_line(assessment))
        header = [_("Indicator"), _("Group"), _("Period"), _("Value"), _("Target"), _("Status")]
        rows = [
            [
                o.target.indicator.code,
                o.group.code,
                str(o.period) if o.period else "–",
                o.target.indicator.format_value(o.value) or "–",
                o.target.describe(),
                o.status.label,
            ]
            for o in result.outcomes
        ]
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        self.stdout.write(self.line(header, widths))
        for row, outcome in zip(rows, result.outcomes, strict=True):
            self.stdout.write(self.line(row, widths))
            self.stdout.write(f"      {outcome.explanation}")

    def assessment_line(self, assessment):
        words = _("Assessment: %(status)s – %(justification)s (%(by)s, %(on)s)") % {
            "status": assessment["status_label"],
            "justification": assessment["justification"],
            "by": assessment["assessed_by"],
            "on": assessment["assessed_on"],
        }
        return f"  {words}"

    def line(self, cells, widths):
        return (
            "  " + "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
        )
