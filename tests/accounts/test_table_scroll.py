"""The box a wide table scrolls in: focusable, a region, named by the table's caption."""

import pytest
from django.template import Context, Template, TemplateSyntaxError


def render(source, **context):
    return Template("{% load table_scroll %}" + source).render(Context(context))


def test_the_box_is_a_focusable_region_named_by_the_caption():
    html = render(
        '{% table_scroll "goal-" number "-targets" %}<table><caption id="goal-2-targets">'
        "Mål</caption></table>{% endtable_scroll %}",
        number=2,
    )
    assert html == (
        '<div class="table-scroll" tabindex="0" role="region" aria-labelledby="goal-2-targets">'
        '<table><caption id="goal-2-targets">Mål</caption></table></div>'
    )


def test_the_table_inside_is_escaped_by_its_own_template():
    html = render('{% table_scroll "c" %}<td>{{ text }}</td>{% endtable_scroll %}', text="<b>")
    assert "<td>&lt;b&gt;</td>" in html


def test_without_a_caption_id_the_template_does_not_compile():
    with pytest.raises(TemplateSyntaxError, match="caption"):
        render("{% table_scroll %}<table></table>{% endtable_scroll %}")
