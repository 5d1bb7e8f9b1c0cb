from django import template

from accounts.roles import user_roles

from ..current import choices

register = template.Library()


@register.inclusion_tag("municipalities/switch.html", takes_context=True)
def municipality_switch(context):
    """The menu's choice of municipality, for a user who holds roles in more than one."""
    request = context["request"]
    roles = user_roles(request)
    municipalities = list(choices(roles)) if request.user.is_authenticated else []
    return {
        "municipalities": municipalities if len(municipalities) > 1 else [],
        "current": roles.current,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
