from django.contrib import admin

from agreements.admin import HistoryAdmin

from .models import Municipality


@admin.register(Municipality)
class MunicipalityAdmin(HistoryAdmin):
    list_display = ["name", "code", "police_area", "is_demo"]
    search_fields = ["name", "code", "police_area"]
