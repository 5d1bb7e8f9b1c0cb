from django import template
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from ..current import with_agreement

register = template.Library()


@register.simple_tag
def municipalities_served():
    """The municipalities with an agreement here, in words ("Svedala kommun, Trelleborgs kommun
    och Vellinge kommun"): public, like the agreements themselves."""
    names = list(with_agreement().order_by("name").values_list("name", flat=True))
    return get_text_list(names, _("and")) if names else _("the municipality")
