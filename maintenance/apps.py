from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaintenanceConfig(AppConfig):
    """Operations on the whole installation: backup, restore, benchmark, the data version."""

    name = "maintenance"
    verbose_name = _("Maintenance")

    def ready(self):
        from .dataversion import connect

        connect()
