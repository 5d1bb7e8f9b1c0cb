from django import template

from accounts.roles import user_roles

from ..current import choices

register = template.Library()


def _municipalities(request):
    """The user's municipalities by name, read once per request (one query)."""
    if not hasattr(request, "_municipalities"):
        roles = user_roles(request)
        found = list(choices(roles)) if request.user.is_authenticated else []
        request._municipalities = found
    return request._municipalities


def _current(request):
    """The current municipality among the user's; without a choice, the first entered."""
    municipalities = _municipalities(request)
    current = user_roles(request).current
    chosen = [m for m in municipalities if m.pk == current]
    return (chosen or sorted(municipalities, key=lambda m: m.pk) or [None])[0]


@register.simple_tag(takes_context=True)
def current_municipality(context):
    return _current(context["request"])


@register.inclusion_tag("municipalities/switch.html", takes_context=True)
def municipality_switch(context):
    """The menu's choice of municipality, for a user who holds roles in more than one."""
    request = context["request"]
    municipalities = _municipalities(request)
    current = _current(request)
    return {
        "municipalities": municipalities if len(municipalities) > 1 else [],
        "current": current.pk if current else None,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
