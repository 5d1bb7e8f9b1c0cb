from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from indicators.models import AssessedStatus, GoalAssessment

from .models import AnnualReport


class ReportTextsForm(forms.ModelForm):
    """The writers' own text. `revision` carries the version the writer started from."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = AnnualReport
        fields = ["summary", "analysis", "proposals"]
        widgets = {field: forms.Textarea(attrs={"rows": 8}) for field in fields}


class PresentForm(forms.Form):
    presented_on = forms.DateField(
        label=_("Presented on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    presented_to = forms.CharField(
        label=_("Presented to"),
        max_length=200,
        initial=_("Kommunstyrelsen and the chief of the local police area"),
    )
    case_number = forms.CharField(
        label=_("Case number (diarienummer)"), max_length=60, help_text=_("E.g. KS 2021/123.")
    )


class GoalAssessmentForm(forms.Form):
    """One effect goal's assessment for a year on the writers' page. Both fields empty: not
    assessed (an assessment already saved is then removed). `revision` carries the version
    the page was opened with."""

    status = forms.ChoiceField(
        label=_("Assessment"),
        choices=[("", _("Not assessed")), *AssessedStatus.choices],
        required=False,
    )
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, goal, year, assessment=None):
        self.assessment = assessment or GoalAssessment(goal=goal, year=year)
        initial = {
            "status": self.assessment.status,
            "justification": self.assessment.justification,
            "revision": self.assessment.revision,
        }
        super().__init__(data, prefix=f"goal-{goal.pk}", initial=initial)
        self.goal = goal

    @property
    def removes(self):
        return self.is_empty() and self.assessment.pk is not None

    def is_empty(self):
        return not (self.cleaned_data.get("status") or self.cleaned_data.get("justification"))

    def clean(self):
        cleaned = super().clean()
        if self.is_empty():
            return cleaned
        if not cleaned.get("status"):
            self.add_error(
                "status", _("Choose how the goal is assessed, or empty the justification.")
            )
            return cleaned
        self.assessment.status = cleaned["status"]
        self.assessment.justification = cleaned.get("justification", "")
        try:
            self.assessment.full_clean(exclude=["assessed_by", "assessed_as", "assessed_at"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return cleaned
