"""The admin, cut to the municipalities where the user holds a role that grants the action:
lists, pages, history and the choices of related records. A record not tied to a municipality
(the shared catalogue, the survey's register) is changed only by whoever holds the role in
every municipality."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from accounts.roles import EVERYWHERE, ROLE_PERMISSIONS, ROLES, user_roles

# How a record of a model reaches its municipality; a model with an `agreement` field needs
# no entry ("agreement__municipality").
PATHS = {
    "municipalities.municipality": "pk",
    "municipalities.population": "municipality",
    "agreements.agreement": "municipality",
    "agreements.promisepoint": "promise__agreement__municipality",
    "measures.measureupdate": "measure__agreement__municipality",
    "meetings.action": "meeting__agreement__municipality",
    "meetings.actionfollowup": "action__meeting__agreement__municipality",
    "meetings.situationentry": "meeting__agreement__municipality",
    "meetings.distributionrecipient": "municipality",
    "surveys.respondent": "municipality",
    "indicators.value": "municipality",
    "indicators.target": "goal__agreement__municipality",
    "indicators.goalassessment": "goal__agreement__municipality",
}


def municipality_path(model):
    """The lookup from `model` to its municipality, or None for a record shared by all."""
    path = PATHS.get(model._meta.label_lower)
    if path is None and any(f.name == "agreement" for f in model._meta.fields):
        path = "agreement__municipality"
    return path


def roles_granting(model, action):
    """The roles whose permissions include `action` (add, change, delete, view) on `model`."""
    opts = model._meta
    return [
        role
        for role in ROLES
        for app_label, name, actions in ROLE_PERMISSIONS[role]
        if app_label == opts.app_label
        and name in ("*", opts.model_name)
        and (action in actions or (action == "view" and "change" in actions))
    ]


def municipality_of(obj, path):
    *through, last = path.split("__")
    for name in through:
        obj = getattr(obj, name)
    return obj.pk if last == "pk" else getattr(obj, f"{last}_id")


class MunicipalityScopedAdmin(admin.ModelAdmin):
    shared_catalogue = False  # True: viewing needs no role in every municipality

    def _path(self):
        return municipality_path(self.model)

    def _ids(self, request, action):
        return user_roles(request).municipality_ids(*roles_granting(self.model, action))

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = self._ids(request, "view")
        if ids is EVERYWHERE:
            return queryset
        path = self._path()
        if path is None:
            return queryset if self.shared_catalogue else queryset.none()
        return queryset.filter(**{f"{path}__in": ids})

    def _may(self, request, action, obj):
        ids = self._ids(request, action)
        if ids is EVERYWHERE:
            return True
        path = self._path()
        if path is None:
            return action == "view" and self.shared_catalogue
        return obj is None or municipality_of(obj, path) in ids

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may(request, "view", obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, "delete", obj)

    def has_add_permission(self, request, *args):
        allowed = super().has_add_permission(request, *args)
        return allowed and (self._path() is not None or self._may(request, "add", None))

    def save_model(self, request, obj, form, change):
        if not self._may(request, "change" if change else "add", obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        path = municipality_path(db_field.related_model)
        if field is not None and path is not None:
            ids = user_roles(request).municipality_ids(*roles_granting(self.model, "add"))
            if ids is not EVERYWHERE:
                field.queryset = field.queryset.filter(**{f"{path}__in": ids})
        return field

    def get_list_filter(self, request):
        """A filter by agreement or municipality offers only those the list can hold."""
        return [
            (name, admin.RelatedOnlyFieldListFilter)
            if isinstance(name, str) and name in ("agreement", "municipality")
            else name
            for name in super().get_list_filter(request)
        ]
