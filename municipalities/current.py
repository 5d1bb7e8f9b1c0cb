"""The municipality a user works in at the moment: pages whose address names no agreement
(the meetings of a year, this week's survey, the start page) show that municipality's. It is
kept in the session, chosen at login and changed with the switcher in the menu."""

from django.db.models import Exists, OuterRef

from accounts.roles import EVERYWHERE, user_roles
from agreements.models import Agreement

from .models import Municipality

SESSION_KEY = "municipality"


def with_agreement():
    """The municipalities one works in: those an agreement belongs to (not the county or the
    country, which only hold figures to compare with)."""
    return Municipality.objects.filter(
        Exists(Agreement.objects.filter(municipality=OuterRef("pk")))
    )


def current_municipality_id(request, roles):
    """The municipality chosen in this session (at login or with the switcher) while the user
    still holds a role there; otherwise one of theirs."""
    if not request.user.is_authenticated:
        return None
    allowed = roles.municipality_ids()
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None and (allowed is EVERYWHERE or chosen in allowed):
        return chosen
    # Without a choice (a session from before municipalities, or one made before the user's
    # first municipality), a fallback that costs no query of its own: one of the user's, or,
    # for a user of every municipality, the first entered, as a subquery of the page's queries.
    if allowed is EVERYWHERE:
        return with_agreement().order_by("pk").values("pk")[:1]
    return min(allowed, default=None)


def first_of(allowed):
    if allowed is EVERYWHERE:
        municipalities = with_agreement().order_by("pk")
    else:
        municipalities = Municipality.objects.order_by("pk").filter(pk__in=allowed)
    return municipalities.values_list("pk", flat=True).first()


def choices(roles):
    """The municipalities the user may switch between: theirs, or for a user of every
    municipality each one works in."""
    allowed = roles.municipality_ids()
    if allowed is EVERYWHERE:
        return with_agreement().order_by("name")
    return Municipality.objects.order_by("name").filter(pk__in=allowed)


def municipalities_of(request):
    """The user's municipalities by name, read once per request (one query)."""
    if not hasattr(request, "_municipalities"):
        found = request.user.is_authenticated and list(choices(user_roles(request)))
        request._municipalities = found or []
    return request._municipalities


def current_municipality(request):
    """The current municipality among the user's; without a choice, the first entered."""
    municipalities = municipalities_of(request)
    current = user_roles(request).current
    chosen = [m for m in municipalities if m.pk == current]
    return (chosen or sorted(municipalities, key=lambda m: m.pk) or [None])[0]
