"""The answering page's forms: one respondent's levels and observations for one round."""

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import FREE_TEXT, Level

from .models import Observation

UNKNOWN = "vet-ej"  # "vet ej" as a radio value; stored as no level
LEVEL_CHOICES = [*Level.choices, (UNKNOWN, _("Don't know"))]


def _level(value):
    return None if value == UNKNOWN else int(value)


def radios(field):
    """(id, value, label, checked) of each radio button of a level field. Drawn by the page's
    own template: a widget template per button made a page of 8 areas take most of a second."""
    chosen = str(field.value())
    return [
        (f"{field.auto_id}_{n}", value, label, str(value) == chosen)
        for n, (value, label) in enumerate(LEVEL_CHOICES)
    ]


class RevisionForm(forms.Form):
    """The invitation's revision the page was opened with: a save is refused if the answers
    were saved since. Alone, it is the "Inget att rapportera" button's form."""

    revision = forms.IntegerField(
        label=_("Version of the form"),
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={"required": _("The form was incomplete: open your link again.")},
    )


class AnswerForm(RevisionForm):
    """A level (or "vet ej") per area and factor, and an optional observation per area.

    Fields are named `level-<area id>-<factor id>` and `observation-<area id>`, so the form
    survives an area or factor being renamed or reordered between two page loads.
    """

    def __init__(self, *args, areas, factors, levels, observations, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas, self.factors = areas, factors
        text_length = Observation._meta.get_field("text").max_length
        for area in areas:
            for factor in factors:
                level = levels.get((area.pk, factor.pk))
                self.fields[self._level_name(area, factor)] = forms.TypedChoiceField(
                    label=f"{area}: {factor}",
                    choices=LEVEL_CHOICES,
                    coerce=_level,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input m-0"}),
                    initial=UNKNOWN if level is None else level,
                    error_messages={"required": _("Choose a level or “Don't know”.")},
                )
            self.fields[self._observation_name(area)] = forms.CharField(
                label=_("Observation about %(area)s (optional)") % {"area": area},
                help_text=_("Places and situations, never people."),
                required=False,
                max_length=text_length,
                validators=FREE_TEXT,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                initial=observations.get(area.pk, ""),
            )

    @staticmethod
    def _level_name(area, factor):
        return f"level-{area.pk}-{factor.pk}"

    @staticmethod
    def _observation_name(area):
        return f"observation-{area.pk}"

    def sections(self):
        """(area, [(factor, level field, its radios), ...], observation field) per area, for
        the template."""
        for area in self.areas:
            levels = []
            for factor in self.factors:
                field = self[self._level_name(area, factor)]
                levels.append((factor, field, radios(field)))
            yield area, levels, self[self._observation_name(area)]

    def levels(self):
        """{(area id, factor id): level or None} from the cleaned data."""
        return {
            (area.pk, factor.pk): self.cleaned_data[self._level_name(area, factor)]
            for area in self.areas
            for factor in self.factors
        }

    def observations(self):
        """{area id: text} from the cleaned data."""
        return {area.pk: self.cleaned_data[self._observation_name(area)] for area in self.areas}
