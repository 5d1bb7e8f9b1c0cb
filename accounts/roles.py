"""The three roles of the agreement's follow-up, and what each may do.

Roles are Django groups (created by a data migration). Their model permissions are kept in step
with ROLE_PERMISSIONS after every migrate, so a new model gets its permissions without a new
migration.
"""

from functools import wraps

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property

SECURITY_UNIT = "Säkerhetsenheten"
MUNICIPAL_POLICE = "Kommunpolis"
READER = "Läsare"
ROLES = (SECURITY_UNIT, MUNICIPAL_POLICE, READER)
STAFF_ROLES = (SECURITY_UNIT, MUNICIPAL_POLICE)

EDIT = ("add", "change", "delete", "view")
VIEW = ("view",)
ALL_MODELS = "*"

# (app label, model name or ALL_MODELS, actions). History models are never granted: history is
# read through the object it belongs to.
ROLE_PERMISSIONS = {
    SECURITY_UNIT: [
        ("agreements", ALL_MODELS, EDIT),
        ("measures", ALL_MODELS, EDIT),
        ("indicators", ALL_MODELS, EDIT),
        ("meetings", ALL_MODELS, EDIT),
        # Who answered what: for säkerhetsenheten only; others see the figures on the pages.
        ("surveys", ALL_MODELS, EDIT),
        ("reports", ALL_MODELS, EDIT),
    ],
    MUNICIPAL_POLICE: [
        ("agreements", ALL_MODELS, VIEW),
        ("agreements", "promisepoint", ("view", "change")),  # the promises' follow-up
        ("measures", ALL_MODELS, VIEW),
        ("measures", "measureupdate", EDIT),
        ("indicators", ALL_MODELS, VIEW),
        ("indicators", "goalassessment", EDIT),  # the report's writers assess goals in words
        ("meetings", ALL_MODELS, EDIT),
        ("reports", "annualreport", ("view", "change")),
    ],
    READER: [],
}


def permissions_for(role):
    """The Permission rows ROLE_PERMISSIONS grants a role."""
    wanted = set()
    for app_label, model, actions in ROLE_PERMISSIONS[role]:
        perms = Permission.objects.filter(content_type__app_label=app_label).select_related(
            "content_type"
        )
        for perm in perms:
            model_name = perm.content_type.model
            if model_name.startswith("historical"):
                continue
            if model not in (ALL_MODELS, model_name):
                continue
            if perm.codename.split("_", 1)[0] in actions:
                wanted.add(perm.pk)
    return wanted


def sync_role_permissions():
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(permissions_for(role))


def assign_role(user, role):
    """Put a user in a role; staff roles may use the admin."""
    user.groups.add(Group.objects.get(name=role))
    if role in STAFF_ROLES and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


class UserRoles:
    """What roles a user has, read once per request."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def names(self):
        if not self.user.is_authenticated:
            return frozenset()
        return frozenset(self.user.groups.values_list("name", flat=True))

    def has(self, *roles):
        return self.user.is_superuser or bool(self.names.intersection(roles))

    @property
    def security_unit(self):
        return self.has(SECURITY_UNIT)

    @property
    def staff(self):
        return self.has(*STAFF_ROLES)

    @property
    def reader(self):
        return self.has(*ROLES)


def user_roles(request):
    if not hasattr(request, "_user_roles"):
        request._user_roles = UserRoles(request.user)
    return request._user_roles


def writer_role(request):
    """The role a report writer signs as: Säkerhetsenheten when they hold it."""
    return SECURITY_UNIT if user_roles(request).security_unit else MUNICIPAL_POLICE


def role_required(*roles):
    """View decorator: the user must hold one of `roles` (login itself is enforced globally)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not user_roles(request).has(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
