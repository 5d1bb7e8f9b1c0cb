"""The situation picture's cells, written out without Django's widget templates, are the
elements Django's own widgets give: same attributes, options and choice, errors and all."""

from html.parser import HTMLParser

import pytest
from django import forms

from meetings.models import Level
from meetings.widgets import GridSelect, GridTextInput


class Elements(HTMLParser):
    """Each start tag as (tag, sorted attributes), and each text in between."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, sorted(attrs)))

    def handle_data(self, data):
        if data.strip():
            self.found.append(data.strip())


def cell_form(select, text, data=None):
    attrs = {"class": "form-select form-select-sm", "aria-describedby": "source-1-2"}
    form = forms.Form(data)
    form.fields["level"] = forms.TypedChoiceField(
        label="Hamnen: Klotter", choices=Level.choices, coerce=int, initial=Level.LOW,
        widget=select(attrs=attrs),
    )  # fmt: skip
    form.fields["note"] = forms.CharField(
        max_length=200, required=False, widget=text(attrs={"class": "form-control"}),
        initial='"Gäng" & <skadegörelse>',
    )  # fmt: skip
    return form


@pytest.mark.parametrize(
    "data",
    [None, {"level": "3", "note": "Lugnt"}, {"level": "9", "note": "x" * 201}],
    ids=["as loaded", "as posted", "with errors"],
)
def test_a_cell_renders_as_djangos_widgets_do(data):
    ours = cell_form(GridSelect, GridTextInput, data)
    djangos = cell_form(forms.Select, forms.TextInput, data)
    for name in ("level", "note"):
        assert Elements(str(ours[name])).found == Elements(str(djangos[name])).found


def test_the_chosen_level_is_selected_and_the_note_escaped():
    form = cell_form(GridSelect, GridTextInput, {"level": "2", "note": '"a" & <b>'})
    assert ("option", [("selected", None), ("value", "2")]) in Elements(str(form["level"])).found
    assert 'value="&quot;a&quot; &amp; &lt;b&gt;"' in str(form["note"])
