import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("Six digits from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        # People copy codes with spaces, a hyphen or invisible characters in the middle, or type
        # full-width digits; recovery codes are lower case.
        code = unicodedata.normalize("NFKC", self.cleaned_data["code"])
        kept = (c for c in code if not c.isspace() and unicodedata.category(c) != "Cf")
        return "".join(kept).replace("-", "").lower()


class FirstCodeForm(CodeForm):
    """The app's first code, which turns two factors on (no recovery codes exist yet)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("The six digits the app now shows for Samverkan.")
