"""The forms of the meeting log. A meeting page combines four: the meeting itself, the situation
picture grid, the follow-up of open actions and the new actions."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .models import (
    FREE_TEXT,
    Action,
    ActionFollowUp,
    Area,
    FollowUpOutcome,
    Level,
    Meeting,
    SituationEntry,
    WeekWithoutMeeting,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(forms.ModelForm):
    # The meeting's revision when the form was opened: its save is refused if someone saved since.
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision

    class Meta:
        model = Meeting
        fields = [
            "date",
            "convened_by",
            "municipality_present",
            "police_present",
            "units",
            "summary",
            "decisions",
            "notes",
        ]
        widgets = {
            "date": DATE_INPUT,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class SituationPictureForm(forms.Form):
    """The situation picture as a grid: a level and a short note per factor and area.

    Fields are named `level-<area>-<factor>` and `note-<area>-<factor>` (ids), so the grid
    survives an area or factor being renamed or reordered between two page loads. `picture`
    gives each cell's starting level and note (anything with `level` and `note`), `sources`
    what to say under its level about where that came from.
    """

    def __init__(self, *args, areas, factors, picture=None, sources=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas, self.factors = list(areas), list(factors)
        picture, self.sources = picture or {}, sources or {}
        note_length = SituationEntry._meta.get_field("note").max_length
        for factor in self.factors:
            for area in self.areas:
                entry = picture.get((area.pk, factor.pk))
                place = f"{area}: {factor}"
                select = {"class": "form-select form-select-sm"}
                if (area.pk, factor.pk) in self.sources:
                    select["aria-describedby"] = self._source_id(area, factor)
                self.fields[self._name("level", area, factor)] = forms.TypedChoiceField(
                    label=place,
                    choices=Level.choices,
                    coerce=int,
                    widget=forms.Select(attrs=select),
                    initial=entry.level if entry else Level.NONE,
                )
                self.fields[self._name("note", area, factor)] = forms.CharField(
                    label=_("%(place)s, note") % {"place": place},
                    required=False,
                    max_length=note_length,
                    validators=FREE_TEXT,
                    widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
                    initial=entry.note if entry else "",
                )

    @staticmethod
    def _name(kind, area, factor):
        return f"{kind}-{area.pk}-{factor.pk}"

    def _source_id(self, area, factor):
        return self.add_prefix(self._name("source", area, factor))

    def rows(self):
        """(factor, [(area, level field, note field, source), ...]) per factor, for the
        template; a source is (element id, text), or None."""
        for factor in self.factors:
            cells = []
            for area in self.areas:
                text = self.sources.get((area.pk, factor.pk))
                source = (self._source_id(area, factor), text) if text else None
                level = self[self._name("level", area, factor)]
                cells.append((area, level, self[self._name("note", area, factor)], source))
            yield factor, cells

    def cells(self):
        """{(area id, factor id): (level, note)} from the cleaned data."""
        return {
            (area.pk, factor.pk): (
                self.cleaned_data[self._name("level", area, factor)],
                self.cleaned_data[self._name("note", area, factor)],
            )
            for factor in self.factors
            for area in self.areas
        }


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = ActionFollowUp
        fields = ["outcome", "comment"]


class BaseFollowUpFormSet(forms.BaseFormSet):
    """One follow-up per open action; the actions, not the browser, decide how many."""

    def __init__(self, *args, actions, meeting, **kwargs):
        existing = {f.action_id: f for f in meeting.follow_ups.all()} if meeting.pk else {}
        self.instances = [
            existing.get(action.pk)
            or ActionFollowUp(action=action, meeting=meeting, outcome=FollowUpOutcome.CONTINUED)
            for action in actions
        ]
        super().__init__(*args, **kwargs)

    def total_form_count(self):
        return len(self.instances)

    def get_form_kwargs(self, index):
        return {"instance": self.instances[index]}

    def save(self):
        for form in self.forms:
            form.save()
            form.instance.action.refresh_status()


FollowUpFormSet = forms.formset_factory(FollowUpForm, formset=BaseFollowUpFormSet, extra=0)


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["what", "area", "place", "responsible", "unit", "due_date", "status"]
        widgets = {"due_date": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_use = Area.objects.filter(is_active=True)
        if self.instance.area_id:
            in_use = in_use | Area.objects.filter(pk=self.instance.area_id)
        self.fields["area"].queryset = in_use


ActionFormSet = inlineformset_factory(
    Meeting, Action, form=ActionForm, extra=1, can_delete=True, can_delete_extra=False
)


class WeekWithoutMeetingForm(forms.ModelForm):
    class Meta:
        model = WeekWithoutMeeting
        fields = ["reason", "comment"]


def error_summary(form, label=None):
    """[(label, message, field id)] of a form's errors, each naming its row and field."""
    summary = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        field_label = field.label if field else None
        full = " – ".join(str(part) for part in (label, field_label) if part)
        target = form[name].id_for_label if field else None
        summary.extend((full, message, target) for message in errors)
    return summary
