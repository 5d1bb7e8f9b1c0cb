"""Tables for a process of a test's own (a fuzz target, a worker beside the app)."""

from django.apps import apps
from django.conf import settings
from django.core.management import call_command


def make_tables_from_the_models():
    """The tables straight from the models, in a second, where running every migration takes
    twenty: neither the migrations' history nor their data (roles, triggers) is under test."""
    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)
