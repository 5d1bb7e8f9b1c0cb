from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _


class LabelledInlineFormSet(BaseInlineFormSet):
    """Gives the tabular admin's unlabelled delete box a name for screen readers."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs.setdefault("aria-label", _("Delete"))
