from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone

from accounts.roles import writer_role
from agreements.admin import HistoryAdmin, LabelledTabularInline
from agreements.forms import RevisionCheckedAdminForm

from .forms import TargetAdminForm
from .models import DataSource, GoalAssessment, Group, Indicator, Period, SeriesBreak, Target, Value


class CheckboxGroupsMixin:
    """Groups as checkboxes: few of them, and each has a label a screen reader can read."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PeriodInline(LabelledTabularInline):
    model = Period
    fields = ["label", "kind", "year", "fieldwork_start", "fieldwork_end", "results_expected"]
    extra = 0


@admin.register(DataSource)
class DataSourceAdmin(HistoryAdmin):
    shared_catalogue = True
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "publisher", "licence", "is_survey"]
    search_fields = ["name", "publisher"]
    inlines = [PeriodInline]


@admin.register(Group)
class GroupAdmin(HistoryAdmin):
    shared_catalogue = True
    list_display = ["code", "name", "kolada_gender", "order"]
    search_fields = ["code", "name"]


class SeriesBreakInline(LabelledTabularInline):
    model = SeriesBreak
    fields = ["year", "note"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(CheckboxGroupsMixin, HistoryAdmin):
    shared_catalogue = True
    inlines = [SeriesBreakInline]
    list_display = ["code", "name", "source", "unit", "scale_min", "scale_max", "kolada_kpi"]
    list_filter = ["source", "unit"]
    list_select_related = ["source"]
    search_fields = ["code", "name", "short_name", "kolada_kpi"]


@admin.register(Period)
class PeriodAdmin(HistoryAdmin):
    shared_catalogue = True
    list_display = ["label", "source", "kind", "year", "fieldwork_start", "fieldwork_end"]
    list_filter = ["source", "kind"]
    list_select_related = ["source"]


@admin.register(Value)
class ValueAdmin(HistoryAdmin):
    list_display = ["indicator", "municipality", "period", "group", "value", "status"]
    list_display += ["is_demo", "entered_by"]
    list_filter = ["municipality", "indicator", "status", "is_demo", "period__year"]
    list_select_related = ["indicator", "municipality", "period", "group", "entered_by"]
    search_fields = ["indicator__code", "indicator__name", "note"]
    readonly_fields = ["entered_by", "updated"]

    def save_model(self, request, obj, form, change):
        obj.entered_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Target)
class TargetAdmin(CheckboxGroupsMixin, HistoryAdmin):
    form = TargetAdminForm
    list_display = ["__str__", "goal", "first_year", "last_year", "rule"]
    list_filter = ["goal__agreement", "rule"]
    list_select_related = ["goal", "indicator", "baseline_period"]


@admin.register(GoalAssessment)
class GoalAssessmentAdmin(HistoryAdmin):
    form = RevisionCheckedAdminForm
    list_display = ["goal", "year", "status", "assessed_as", "assessed_at"]
    list_filter = ["goal__agreement", "year", "status"]
    list_select_related = ["goal"]
    search_fields = ["goal__short_title", "justification"]
    readonly_fields = ["assessed_by", "assessed_as", "assessed_at"]

    def save_model(self, request, obj, form, change):
        obj.assessed_by, obj.assessed_at = request.user, timezone.now()
        obj.assessed_as = writer_role(request)
        super().save_model(request, obj, form, change)


@admin.register(SeriesBreak)
class SeriesBreakAdmin(HistoryAdmin):
    shared_catalogue = True
    list_display = ["indicator", "year", "note"]
    list_filter = ["indicator"]
    list_select_related = ["indicator"]
