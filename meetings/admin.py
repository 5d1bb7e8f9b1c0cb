from django.contrib import admin

from agreements.admin import HistoryAdmin, LabelledTabularInline
from agreements.forms import RevisionCheckedAdminForm

from .models import (
    Action,
    ActionFollowUp,
    Area,
    DistributionRecipient,
    Factor,
    Meeting,
    WeekWithoutMeeting,
)


@admin.register(Area, Factor)
class PictureDimensionAdmin(HistoryAdmin):
    shared_catalogue = True
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


class ActionInline(LabelledTabularInline):
    model = Action
    fields = ["what", "area", "place", "responsible", "unit", "due_date", "status"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    # The situation picture is entered on the meeting pages, where it is a grid.
    list_display = ["__str__", "date", "municipality_present", "police_present", "is_demo"]
    list_filter = ["agreement", "year", "is_extra", "municipality_present", "police_present"]
    date_hierarchy = "date"
    search_fields = ["summary", "decisions", "notes", "units"]
    form = RevisionCheckedAdminForm
    readonly_fields = ["summary_sent_at"]
    inlines = [ActionInline]


@admin.register(WeekWithoutMeeting)
class WeekWithoutMeetingAdmin(HistoryAdmin):
    list_display = ["__str__", "reason", "comment", "is_demo"]
    list_filter = ["agreement", "year", "reason"]


@admin.register(Action)
class ActionAdmin(HistoryAdmin):
    list_display = ["what", "meeting", "area", "responsible", "due_date", "status"]
    list_filter = ["status", "responsible", "area", "meeting__agreement"]
    list_select_related = ["meeting", "area"]
    search_fields = ["what", "place", "unit"]


@admin.register(ActionFollowUp)
class ActionFollowUpAdmin(HistoryAdmin):
    list_display = ["action", "meeting", "outcome", "comment"]
    list_filter = ["outcome"]
    list_select_related = ["action", "meeting"]


@admin.register(DistributionRecipient)
class DistributionRecipientAdmin(HistoryAdmin):
    list_display = ["name", "organisation", "email", "is_active"]
    list_filter = ["is_active", "organisation"]
    search_fields = ["name", "organisation", "email"]
