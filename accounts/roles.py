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
        ("municipalities", ALL_MODELS, VIEW),  # the installation's administrator adds them
        ("municipalities", "population", EDIT),
        ("agreements", ALL_MODELS, EDIT),
        ("measures", ALL_MODELS, EDIT),
        ("indicators", ALL_MODELS, EDIT),
        ("meetings", ALL_MODELS, EDIT),
        # Who answered what: for säkerhetsenheten only; others see the figures on the pages.
        ("surveys", ALL_MODELS, EDIT),
        ("reports", ALL_MODELS, EDIT),
    ],
    MUNICIPAL_POLICE: [
        ("municipalities", ALL_MODELS, VIEW),
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


def assign_role(user, role, municipality=None):
    """Give a user a role in `municipality`, or in every one when None; staff roles may use
    the admin. The user's groups (which carry the model permissions) follow the grants."""
    from .models import RoleGrant

    RoleGrant.objects.get_or_create(user=user, role=role, municipality=municipality)


def sync_groups(user):
    """The user is in a role's group exactly when they hold that role somewhere; a staff role
    opens the admin."""
    held = set(user.role_grants.values_list("role", flat=True))
    user.groups.set(Group.objects.filter(name__in=held))
    if held.intersection(STAFF_ROLES) and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


EVERYWHERE = None  # a grant's municipality when it holds in every one


class UserRoles:
    """What roles a user holds, and where: read once per request (one query). `current` is the
    municipality the pages without one in their address are for."""

    def __init__(self, user, current=None):
        self.user = user
        self.current = current

    @cached_property
    def grants(self):
        if not self.user.is_authenticated:
            return frozenset()
        if self.user.is_superuser:
            return frozenset((role, EVERYWHERE) for role in ROLES)
        return frozenset(self.user.role_grants.values_list("role", "municipality_id"))

    def roles_in(self, municipality_id):
        return frozenset(
            role for role, where in self.grants if where in (EVERYWHERE, municipality_id)
        )

    def has_in(self, municipality_id, *roles):
        return bool(self.roles_in(municipality_id).intersection(roles))

    def municipality_ids(self, *roles):
        """The municipalities where the user holds one of `roles` (any role if none named):
        EVERYWHERE (None) when that is every municipality."""
        roles = roles or ROLES
        held = {where for role, where in self.grants if role in roles}
        return EVERYWHERE if EVERYWHERE in held else held

    def holds_everywhere(self, *roles):
        return self.municipality_ids(*roles) is EVERYWHERE

    @property
    def names(self):
        return self.roles_in(self.current)

    def has(self, *roles):
        return bool(self.names.intersection(roles))

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
        from municipalities.current import current_municipality_id

        roles = UserRoles(request.user)
        roles.current = current_municipality_id(request, roles)
        request._user_roles = roles
    return request._user_roles


def writer_role(request):
    """The role a report writer signs as: Säkerhetsenheten when they hold it."""
    return SECURITY_UNIT if user_roles(request).security_unit else MUNICIPAL_POLICE


def role_required(*roles, everywhere=False):
    """View decorator: the user must hold one of `roles` in the current municipality, or in
    every municipality for records all municipalities share (login is enforced globally)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            held = user_roles(request)
            if not (held.holds_everywhere(*roles) if everywhere else held.has(*roles)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def within_reach(request, queryset, *roles, via="agreement__municipality"):
    """`queryset` cut to the municipalities where the user holds one of `roles` (any role if
    none named); `via` is the lookup from its model to the municipality."""
    ids = user_roles(request).municipality_ids(*roles)
    return queryset if ids is EVERYWHERE else queryset.filter(**{f"{via}__in": ids})
