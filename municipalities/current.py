"""The municipality a user works in at the moment: pages whose address names no agreement
(the meetings of a year, this week's survey, the start page) show that municipality's. It is
kept in the session, chosen at login and changed with the switcher in the menu."""

from accounts.roles import EVERYWHERE

from .models import Municipality

SESSION_KEY = "municipality"


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
        return Municipality.objects.order_by("pk").values("pk")[:1]
    return min(allowed, default=None)


def first_of(allowed):
    municipalities = Municipality.objects.order_by("pk")
    if allowed is not EVERYWHERE:
        municipalities = municipalities.filter(pk__in=allowed)
    return municipalities.values_list("pk", flat=True).first()


def choices(roles):
    """The municipalities the user may switch between."""
    allowed = roles.municipality_ids()
    municipalities = Municipality.objects.order_by("name")
    return municipalities if allowed is EVERYWHERE else municipalities.filter(pk__in=allowed)
