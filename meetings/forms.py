"""The forms of the meeting log. A meeting page combines four (MeetingForms): the meeting itself,
the situation picture grid, the follow-up of open actions and the new actions."""

from django import forms
from django.db import transaction
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from agreements.revisions import carry_revision

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
from .widgets import GridSelect, GridTextInput

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
                    widget=GridSelect(attrs=select),
                    initial=entry.level if entry else Level.NONE,
                )
                self.fields[self._name("note", area, factor)] = forms.CharField(
                    label=_("%(place)s, note") % {"place": place},
                    required=False,
                    max_length=note_length,
                    validators=FREE_TEXT,
                    widget=GridTextInput(attrs={"class": "form-control form-control-sm"}),
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


class MeetingForms:
    """The meeting page's four forms, valid together and saved together: the meeting, the
    situation picture grid (`grid`: its areas, factors, starting picture and sources), the
    follow-up of the open actions and the new actions."""

    def __init__(self, data, meeting, grid):
        self.meeting = meeting
        self.form = MeetingForm(data, instance=meeting)
        self.picture = SituationPictureForm(data, prefix="picture", **grid)
        self.follow_ups = FollowUpFormSet(
            data, prefix="follow", actions=Action.open_at(meeting), meeting=meeting
        )
        self.actions = ActionFormSet(data, instance=meeting, prefix="actions")

    def as_context(self):
        return {
            "form": self.form,
            "picture": self.picture,
            "follow_ups": self.follow_ups,
            "actions": self.actions,
            "errors": self.errors,
        }

    def is_valid(self):
        forms = [self.form, self.picture, self.follow_ups, self.actions]
        return all([form.is_valid() for form in forms])  # a list: every form validates

    @transaction.atomic
    def save(self, user):
        """Save all four, or nothing: StaleEdit if someone saved the meeting since the page
        was opened (the revision it was opened with is in the form)."""
        self.meeting.revision = self.form.cleaned_data["revision"] or 0
        self.form.save()
        self.meeting.set_picture(self.picture.cells(), user=user)
        self.follow_ups.save()
        self.actions.save()

    def take_current_revision(self):
        """After a refused save: the meeting's stored revision, so saving again goes through."""
        stored = Meeting.objects.get(pk=self.meeting.pk)
        carry_revision(self.form, stored.revision)

    @property
    def errors(self):
        """Every error on the page, each naming its row and field, for the summary at the top."""
        errors = error_summary(self.form) + error_summary(self.picture)
        for form in self.follow_ups:
            action = form.instance.action
            errors += error_summary(form, _("Follow-up of “%(action)s”") % {"action": action})
        for number, form in enumerate(self.actions, 1):
            errors += error_summary(form, _("Action %(number)s") % {"number": number})
        errors += [(None, message, None) for message in self.actions.non_form_errors()]
        return errors


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
