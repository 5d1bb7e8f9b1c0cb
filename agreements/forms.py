from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from .models import Agreement, CitizenPromise, ProblemPicture, PromisePoint
from .revisions import carry_revision


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


STALE_FORM = _(
    "Someone else saved this while you were editing it, so nothing of yours was saved. Your "
    "changes are still in the form: open the page in a new tab to see the other save, then "
    "save again here."
)


class RevisionForm(forms.ModelForm):
    """A form on a RevisionChecked model that carries the revision its page was opened with,
    so its save is refused if someone saved the row since."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision

    def save(self, commit=True):
        self.instance.revision = self.cleaned_data.get("revision") or 0
        return super().save(commit)

    def take_current_revision(self):
        """After a refused save: the row's stored revision, so saving again goes through."""
        stored = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        revision = stored.values_list("revision", flat=True).first()
        if self.is_bound and revision is not None:
            carry_revision(self, revision)


class ProblemPictureForm(RevisionForm):
    class Meta:
        model = ProblemPicture
        fields = ["summary", "sources"]
        widgets = {field: forms.Textarea(attrs={"rows": 8}) for field in fields}


class CitizenPromiseForm(RevisionForm):
    class Meta:
        model = CitizenPromise
        fields = ["title", "introduction", "published"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "published": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class PromisePointForm(RevisionForm):
    class Meta:
        model = PromisePoint
        fields = ["text", "responsible", "status", "comment"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "comment": forms.Textarea(attrs={"rows": 2}),
        }


class PromisePointFormSet(LabelledInlineFormSet):
    """The points of a promise set; with `follow_up_only` just their follow-up can change."""

    def __init__(self, *args, follow_up_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        if follow_up_only:
            self.can_delete, self.extra = False, 0
            for form in self.forms:
                for name in ("text", "responsible"):
                    form.fields[name].disabled = True

    def save_new(self, form, commit=True):
        form.instance.order = self.instance.points.count() + 1
        return super().save_new(form, commit)


PromisePointFormSetFactory = forms.inlineformset_factory(
    CitizenPromise,
    PromisePoint,
    form=PromisePointForm,
    formset=PromisePointFormSet,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
)


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
            "start_year",
            "end_year",
            "slug",
        ]

    def __init__(self, *args, agreements, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = agreements
        self.fields["municipality"].queryset = municipalities

    def clean(self):
        cleaned = super().clean()
        source, municipality = cleaned.get("source"), cleaned.get("municipality")
        if source and municipality and source.municipality_id != municipality.pk:
            message = _("The agreement to start from is %(municipality)s's, not this one's.")
            self.add_error("source", message % {"municipality": source.municipality})
        return cleaned
