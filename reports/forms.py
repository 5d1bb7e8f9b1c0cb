from django import forms
from django.utils.translation import gettext_lazy as _

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
