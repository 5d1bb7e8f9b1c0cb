from django.contrib import admin

from agreements.admin import HistoryAdmin

from .models import Municipality, Population


@admin.register(Municipality)
class MunicipalityAdmin(HistoryAdmin):
    list_display = ["name", "code", "police_area", "is_demo"]
    search_fields = ["name", "code", "police_area"]


@admin.register(Population)
class PopulationAdmin(HistoryAdmin):
    list_display = ["municipality", "year", "inhabitants", "source"]
    list_filter = ["municipality", "year"]
    list_select_related = ["municipality"]
