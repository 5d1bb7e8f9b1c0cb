from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from simple_history.signals import post_create_historical_record

        from .freezing import note_data_changed

        post_create_historical_record.connect(
            note_data_changed, dispatch_uid="reports.note_data_changed"
        )
