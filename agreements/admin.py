from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from municipalities.scoping import MunicipalityScopedAdmin

from .forms import LabelledInlineFormSet, RevisionCheckedAdminForm
from .models import (
    Agreement,
    CitizenPromise,
    Commitment,
    EffectGoal,
    FocusArea,
    Party,
    ProblemPicture,
    ProductionGoal,
    PromisePoint,
)


class HistoryAdmin(MunicipalityScopedAdmin, SimpleHistoryAdmin):
    """The change history, to read only: an old version is shown, never saved back.

    django-simple-history's old-version page is also a revert form that saves whatever is
    posted, for anyone who may view the object. Whoever needs an old value back types it into
    the ordinary change form, whose checks and permissions then apply.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True

    def render_history_view(self, request, template, context, **kwargs):
        adminform = context.get("adminform")
        if adminform is not None:  # the old version's page: every field as text
            form, fieldsets = adminform.form, list(adminform.fieldsets)
            shown = [
                name
                for name in flatten_fieldsets(fieldsets)
                if name not in form.fields or not form.fields[name].widget.is_hidden
            ]
            context["adminform"] = helpers.AdminForm(form, fieldsets, {}, shown, model_admin=self)
            context["has_change_permission"] = False
        return super().render_history_view(request, template, context, **kwargs)


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose fields carry their name for screen readers.

    The admin's table shows the names only as column headers, which axe (rightly) does not
    accept as labels.
    """

    formset = LabelledInlineFormSet

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            widget = getattr(field.widget, "widget", field.widget)  # inside a related wrapper
            widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return field


class PartyInline(LabelledTabularInline):
    model = Party
    extra = 0


class CommitmentInline(admin.StackedInline):
    model = Commitment
    extra = 0


class FocusAreaInline(LabelledTabularInline):
    model = FocusArea
    fields = ["order", "title"]
    extra = 0
    show_change_link = True


class EffectGoalInline(admin.StackedInline):
    model = EffectGoal
    fields = ["order", "short_title", "focus_area", "text", "condition", "measurement"]
    extra = 0
    show_change_link = True


class ProductionGoalInline(LabelledTabularInline):
    model = ProductionGoal
    fields = ["order", "text", "focus_area", "yearly_target", "unit"]
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(HistoryAdmin):
    list_display = ["title", "municipality", "start_year", "end_year", "status"]
    list_filter = ["status", "municipality"]
    search_fields = ["title", "municipality__name", "municipality__police_area", "text"]

    fieldsets = [
        (None, {"fields": ["title", "slug", "status"]}),
        (
            _("Parties and period"),
            {
                "fields": [
                    "municipality",
                    "start_year",
                    "end_year",
                    "signed_date",
                ]
            },
        ),
        (_("Text"), {"fields": ["text", "document"]}),
    ]
    inlines = [
        PartyInline,
        CommitmentInline,
        FocusAreaInline,
        EffectGoalInline,
        ProductionGoalInline,
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # Left empty, the model makes it from municipality and period (trelleborg-2023-2026).
        form.base_fields["slug"].required = False
        return form


@admin.register(FocusArea)
class FocusAreaAdmin(HistoryAdmin):
    list_display = ["title", "agreement", "order"]
    list_filter = ["agreement"]
    search_fields = ["title", "description"]
    inlines = [EffectGoalInline, ProductionGoalInline]

    def get_inline_instances(self, request, obj=None):
        # A focus area's goals take their agreement from it.
        return [] if obj is None else super().get_inline_instances(request, obj)


class GoalAdmin(HistoryAdmin):
    list_filter = ["agreement", "focus_area"]
    list_select_related = ["agreement", "focus_area"]


@admin.register(EffectGoal)
class EffectGoalAdmin(GoalAdmin):
    list_display = ["short_title", "agreement", "focus_area", "measurement"]
    search_fields = ["short_title", "text", "measurement", "condition"]


@admin.register(ProductionGoal)
class ProductionGoalAdmin(GoalAdmin):
    list_display = ["text", "agreement", "focus_area", "yearly_target", "unit"]
    search_fields = ["text", "unit"]


@admin.register(ProblemPicture)
class ProblemPictureAdmin(HistoryAdmin):
    form = RevisionCheckedAdminForm
    list_display = ["year", "agreement", "is_demo"]
    list_filter = ["agreement", "year"]
    search_fields = ["summary", "sources"]


class PromisePointInline(admin.StackedInline):
    model = PromisePoint
    form = RevisionCheckedAdminForm
    fields = ["order", "text", "responsible", "status", "comment", "opened_at_revision"]
    extra = 0


@admin.register(CitizenPromise)
class CitizenPromiseAdmin(HistoryAdmin):
    form = RevisionCheckedAdminForm
    list_display = ["title", "year", "agreement", "published", "is_demo"]
    list_filter = ["agreement", "year"]
    search_fields = ["title", "introduction", "points__text"]
    inlines = [PromisePointInline]
