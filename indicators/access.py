"""Whose values a user may see and keep. A municipality's own figures belong to those who hold
a role there (Säkerhetsenheten keeps them); an area no agreement here belongs to (a neighbour
outside the installation, the county, the country) holds public comparison figures, which all
staff may read and Säkerhetsenheten of any municipality may keep."""

from django.db.models import Exists, OuterRef

from accounts.roles import EVERYWHERE, SECURITY_UNIT, STAFF_ROLES
from agreements.models import Agreement
from municipalities.models import Municipality


def _reach(roles, *held):
    """The municipalities whose values `roles` reach through `held`, each annotated with
    whether an agreement belongs to it."""
    municipalities = Municipality.objects.annotate(
        has_agreement=Exists(Agreement.objects.filter(municipality=OuterRef("pk")))
    )
    ids = roles.municipality_ids(*held)
    if ids is EVERYWHERE:
        return municipalities
    if not ids:
        return municipalities.none()
    return municipalities.filter(pk__in=ids) | municipalities.filter(has_agreement=False)


def readable_municipalities(roles):
    return _reach(roles, *STAFF_ROLES)


def writable_municipalities(roles):
    return _reach(roles, SECURITY_UNIT)


def may_write(roles, municipality):
    """Whether `roles` keep the values of `municipality` (one from `readable_municipalities`,
    which knows whether it has an agreement)."""
    if roles.has_in(municipality.pk, SECURITY_UNIT):
        return True
    return not municipality.has_agreement and bool(roles.municipality_ids(SECURITY_UNIT))
