from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from .models import Agreement


class LabelledInlineFormSet(BaseInlineFormSet):
    """Gives the tabular admin's unlabelled delete box a name for screen readers."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs.setdefault("aria-label", _("Delete"))


class RevisionCheckedAdminForm(forms.ModelForm):
    """An admin form for a RevisionChecked model: a save from a page opened before someone
    else's save is refused, as on the app's own forms."""

    # Not `revision`: the admin would take that for the model's own, non-editable field.
    opened_at_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_at_revision"].initial = self.instance.revision

    def clean(self):
        cleaned = super().clean()
        # The instance is read when the form is posted: its revision is the stored one. A save
        # landing between this check and the admin's own is refused by the model's save.
        if self.instance.pk and cleaned.get("opened_at_revision") != self.instance.revision:
            raise forms.ValidationError(
                _(
                    "Someone else saved this while you were editing it, so nothing of yours was "
                    "saved. Open it in a new tab to see the other save, then make your change "
                    "again."
                )
            )
        return cleaned


class NewAgreementForm(forms.ModelForm):
    """The next agreement: its own facts, and the earlier agreement whose structure it copies."""

    source = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Start from"),
        empty_label=_("Nothing: start empty"),
        help_text=_(
            "Copies parties, commitments, focus areas, goals with their targets, production goals "
            "and the measures still running, to revise before the agreement comes into force."
        ),
    )
    slug = forms.RegexField(
        regex=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        required=False,
        max_length=50,
        label=_("Short name"),
        help_text=_(
            "Used in web addresses, e.g. trelleborg-2023-2026. Left empty, it is made from the "
            "municipality and the period."
        ),
        error_messages={
            "invalid": _(
                "Use only small letters a–z, digits and single hyphens, e.g. trelleborg-2023-2026."
            )
        },
    )

    class Meta:
        model = Agreement
        fields = [
            "source",
            "title",
            "municipality",
            "municipality_code",
            "police_area",
            "start_year",
            "end_year",
            "slug",
        ]

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = agreements
