import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from surveys.schedule import run_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Does what the weekly survey's timetable says is due: opens, reminds and closes rounds and "
        "e-mails the week's meeting summary. Run it once a minute (cron, a systemd timer) or "
        "leave it running with --loop."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="run every minute until stopped")

    def handle(self, *args, loop=False, **options):
        if not loop:
            self.tick()
            return
        try:
            while True:
                close_old_connections()  # a database restart costs one minute, not the loop
                try:
                    self.tick()
                except Exception:
                    logger.exception("The survey's timetable failed this minute")
                time.sleep(60 - time.time() % 60)
        except KeyboardInterrupt:
            pass

    def tick(self):
        for line in run_due():
            self.stdout.write(line)
