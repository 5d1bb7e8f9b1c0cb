from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _


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
