from django import template

from ..current import current_municipality as current_of
from ..current import municipalities_of

register = template.Library()


@register.simple_tag(takes_context=True)
def current_municipality(context):
    return current_of(context["request"])


@register.simple_tag(takes_context=True)
def works_in_several(context):
    return len(municipalities_of(context["request"])) > 1


@register.inclusion_tag("municipalities/switch.html", takes_context=True)
def municipality_switch(context):
    """The menu's choice of municipality, for a user who holds roles in more than one."""
    request = context["request"]
    municipalities = municipalities_of(request)
    current = current_of(request)
    return {
        "municipalities": municipalities if len(municipalities) > 1 else [],
        "current": current.pk if current else None,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
