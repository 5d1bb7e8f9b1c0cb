"""The box a wide table scrolls in, so the page itself never scrolls sideways on a phone."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.tag
def table_scroll(parser, token):
    """{% table_scroll "caption-id" %}<table><caption id="caption-id">…</table>{% endtable_scroll %}

    The box is focusable so keyboard users can scroll it, and named by the table's caption. In a
    loop the id can come in parts that are joined: {% table_scroll "goal-" forloop.counter %}.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes the id of the table's caption")
    nodelist = parser.parse(("endtable_scroll",))
    parser.delete_first_token()
    return TableScrollNode([parser.compile_filter(bit) for bit in bits[1:]], nodelist)


class TableScrollNode(template.Node):
    def __init__(self, id_parts, nodelist):
        self.id_parts = id_parts
        self.nodelist = nodelist

    def render(self, context):
        return format_html(
            '<div class="table-scroll" tabindex="0" role="region" aria-labelledby="{}">{}</div>',
            "".join(str(part.resolve(context)) for part in self.id_parts),
            mark_safe(self.nodelist.render(context)),  # already escaped by its own template
        )
