from django.contrib import admin

from agreements.admin import HistoryAdmin
from agreements.forms import RevisionCheckedAdminForm

from .models import AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(HistoryAdmin):
    form = RevisionCheckedAdminForm
    list_display = ["__str__", "agreement", "status", "presented_on", "case_number"]
    list_filter = ["agreement", "year", "status"]
    search_fields = ["case_number", "summary", "analysis", "proposals"]
    readonly_fields = ["status", "presented_on", "presented_to", "case_number", "presented_by"]

    def has_change_permission(self, request, obj=None):
        # A presented report is a public document: it stays as it was presented.
        if obj is not None and obj.is_presented:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_presented:
            return False
        return super().has_delete_permission(request, obj)
