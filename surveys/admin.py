from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.roles import user_roles
from agreements.admin import HistoryAdmin
from agreements.models import Agreement
from municipalities.scoping import MunicipalityScopedAdmin

from .models import Delivery, Invitation, Respondent, Round, SurveySettings
from .rounds import RoundError, close_round, open_round
from .tasks import retry


@admin.register(SurveySettings)
class SurveySettingsAdmin(HistoryAdmin):
    """One row: the timetable every round follows."""

    fieldsets = [
        (
            _("Timetable"),
            {
                "fields": [
                    "schedule_active",
                    ("open_weekday", "open_time"),
                    ("reminder_weekday", "reminder_time"),
                    ("close_weekday", "close_time"),
                    ("summary_weekday", "summary_time"),
                ]
            },
        ),
        (_("Privacy"), {"fields": ["retention_days"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SurveySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Respondent)
class RespondentAdmin(HistoryAdmin):
    list_display = ["name", "email", "unit", "municipality", "is_active", "is_demo"]
    list_filter = ["municipality", "is_active", "unit", "is_demo"]
    list_select_related = ["municipality"]
    search_fields = ["name", "email", "unit"]
    filter_horizontal = ["areas"]


class InvitationInline(admin.TabularInline):
    """Who was asked and who answered: for säkerhetsenheten's eyes (no other role sees it)."""

    model = Invitation
    fields = ["respondent", "sent_at", "answered_at", "nothing_to_report"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("respondent")


@admin.register(Round)
class RoundAdmin(HistoryAdmin):
    change_list_template = "admin/surveys/round/change_list.html"
    list_display = [
        "__str__",
        "status",
        "opens_at",
        "closes_at",
        "invited_count",
        "answered_count",
        "is_demo",
    ]
    list_filter = ["year", "is_demo"]
    readonly_fields = [
        "agreement",
        "year",
        "week",
        "opened_at",
        "reminded_at",
        "closed_at",
        "invited_count",
        "answered_count",
        "purged_at",
        "is_demo",
    ]
    inlines = [InvitationInline]
    actions = ["close_now"]

    @admin.display(description=_("status"))
    def status(self, round_):
        if round_.closed_at:
            return _("Closed")
        if round_.opened_at:
            return _("Open")
        return _("Not opened")

    def has_add_permission(self, request):
        return False  # a round is opened, never typed in: see "Open this week's round now"

    def changelist_view(self, request, extra_context=None):
        year = timezone.localdate().isocalendar().year
        agreement = Agreement.in_force(year, user_roles(request).current)
        may_open = agreement is not None and self.may_open(request, agreement)
        extra_context = {"may_open": may_open, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def may_open(self, request, agreement):
        """Whether the user may change rounds of the agreement's municipality."""
        return self.has_change_permission(request, Round(agreement=agreement))

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.open_this_week))
        return [path("open/", view, name="surveys_round_open"), *super().get_urls()]

    def open_this_week(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        year, week, _day = timezone.localdate().isocalendar()
        agreement = Agreement.in_force(year, user_roles(request).current)
        if agreement is not None and not self.may_open(request, agreement):
            raise PermissionDenied
        if agreement is None:
            self.message_user(request, _("No agreement is in force this year."), messages.ERROR)
        else:
            try:
                round_ = open_round(agreement, year, week, by=request.user)
            except RoundError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(round)s is open: %(count)s invited.")
                    % {"round": round_, "count": round_.invited_count},
                    messages.SUCCESS,
                )
        return redirect("admin:surveys_round_changelist")

    @admin.action(description=_("Close the round now"), permissions=["change"])
    def close_now(self, request, queryset):
        for round_ in queryset.filter(closed_at__isnull=True, opened_at__isnull=False):
            close_round(round_, by=request.user)
            self.message_user(request, _("%(round)s is closed.") % {"round": round_})


@admin.register(Delivery)
class DeliveryAdmin(MunicipalityScopedAdmin):
    """The outbox: what went, what waits for another try, and what failed."""

    list_display = ["kind", "to", "status", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["status", "kind"]
    search_fields = ["to"]
    readonly_fields = [
        "kind",
        "to",
        "invitation",
        "meeting",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    ]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Try the failed e-mails again"), permissions=["change"])
    def retry_now(self, request, queryset):
        failed = list(queryset.filter(status=Delivery.Status.FAILED))
        for delivery in failed:
            retry(delivery)
        self.message_user(
            request, _("%(count)s e-mails are queued again.") % {"count": len(failed)}
        )
