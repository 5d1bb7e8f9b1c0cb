"""Delete the raw survey answers whose retention period has ended (for cron, or by hand)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from surveys.retention import purge_expired


class Command(BaseCommand):
    help = "Deletes the raw answers of survey rounds closed longer ago than the retention period."

    def handle(self, *args, **options):
        purged = purge_expired()
        if not purged:
            self.stdout.write(_("No survey round has answers older than the retention period."))
        for survey_round in purged:
            self.stdout.write(_("Raw answers deleted: %(round)s") % {"round": survey_round})
