"""Load the seed agreement, invented demo content and one demo login per role."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.roles import MUNICIPAL_POLICE, READER, SECURITY_UNIT, assign_role
from agreements import demo as agreements_demo
from agreements.models import Agreement
from indicators import demo as indicators_demo
from measures import demo as measures_demo
from meetings import demo as meetings_demo
from municipalities import demo as municipalities_demo
from municipalities import demo_comparison
from surveys import demo as surveys_demo

# The agreements (2019–2022 as signed, its successor 2023–2026 as published; the second uses the
# first's indicators), and the areas and factors of Trelleborg's weekly EST picture.
SEED_FIXTURES = ["trelleborg-2019-2022", "trelleborg-2023-2026", "est-trelleborg"]
SEED_SLUG = "trelleborg-2019-2022"
# (username, password, name, role, where: True for Trelleborg only, False for every municipality)
DEMO_USERS = [
    ("sakerhet", "sakerhet-demo", "Sara Säker", SECURITY_UNIT, True),
    ("kommunpolis", "kommunpolis-demo", "Kim Polis", MUNICIPAL_POLICE, False),
    ("lasare", "lasare-demo", "Lena Läsare", READER, True),
]
DEMO_CONTENT = [
    agreements_demo.create,
    measures_demo.create,
    indicators_demo.create,
    meetings_demo.create,
]


class Command(BaseCommand):
    help = "Loads the 2019–2022 and 2023–2026 agreements, demo data and demo users (one per role)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Create the demo users even with DEBUG off (they have known passwords).",
        )

    @transaction.atomic
    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Demo users have published passwords; run with DEBUG=1 or --allow-production."
            )
        call_command("loaddata", *SEED_FIXTURES, verbosity=0)
        agreement = Agreement.objects.get(slug=SEED_SLUG)
        for create in DEMO_CONTENT:
            create(agreement)
        surveys_demo.create()  # in the agreement in force today, not the seed
        municipalities_demo.create()  # the police area's other two, each with an agreement
        demo_comparison.create()  # their figures, the county's and the country's, inhabitants
        User = get_user_model()
        for username, password, full_name, role, trelleborg_only in DEMO_USERS:
            first, last = full_name.split(" ", 1)
            user, _ = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last}
            )
            user.set_password(password)
            user.save()
            assign_role(user, role, agreement.municipality if trelleborg_only else None)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in at http://127.0.0.1:8000/"))
        self.stdout.write(f"  {'role':<18} {'username':<13} {'password':<18} municipality")
        for username, password, _, role, trelleborg_only in DEMO_USERS:
            where = agreement.municipality.name if trelleborg_only else "all"
            self.stdout.write(f"  {role:<18} {username:<13} {password:<18} {where}")
