from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agreements.forms import LabelledInlineFormSet, RevisionForm

from .models import MeasureUpdate


class MeasureUpdateFormSet(LabelledInlineFormSet):
    """A measure's yearly follow-ups: one per year, said in words a user recognises."""

    def clean(self):
        # Before the default unique check, whose message names the field in English.
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            year = form.cleaned_data.get("year")
            if year in seen:
                raise ValidationError(
                    _("%(year)s appears twice: a measure has one follow-up per year.")
                    % {"year": year}
                )
            seen.add(year)
        super().clean()


class MeasureFollowUpForm(RevisionForm):
    """A measure's follow-up for one year; left blank, a new one is not created."""

    class Meta:
        model = MeasureUpdate
        fields = ["status", "achieved_count", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        new = kwargs["instance"].pk is None
        super().__init__(*args, empty_permitted=new, use_required_attribute=not new, **kwargs)
