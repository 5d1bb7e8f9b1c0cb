from django.contrib import admin

from agreements.admin import HistoryAdmin, LabelledTabularInline
from agreements.forms import RevisionCheckedAdminForm

from .forms import MeasureUpdateFormSet
from .models import Measure, MeasureUpdate


class MeasureUpdateInline(LabelledTabularInline):
    model = MeasureUpdate
    formset = MeasureUpdateFormSet
    form = RevisionCheckedAdminForm
    fields = ["year", "status", "achieved_count", "comment", "opened_at_revision"]
    extra = 0


@admin.register(Measure)
class MeasureAdmin(HistoryAdmin):
    list_display = ["title", "agreement", "focus_area", "responsible", "status", "is_demo"]
    list_filter = ["agreement", "focus_area", "responsible", "status"]
    list_select_related = ["agreement", "focus_area"]
    search_fields = ["title", "description", "responsible_unit"]
    inlines = [MeasureUpdateInline]


@admin.register(MeasureUpdate)
class MeasureUpdateAdmin(HistoryAdmin):
    form = RevisionCheckedAdminForm
    list_display = ["measure", "year", "status", "achieved_count"]
    list_filter = ["year", "status", "measure__agreement"]
    list_select_related = ["measure"]
    search_fields = ["measure__title", "comment"]
