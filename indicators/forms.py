from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Target, Value, ValueStatus, plain_decimal

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ValueGridForm(forms.Form):
    """One indicator's values in one screen: its periods down, its groups across.

    A period's figures are published together, so the status (preliminary or final) is chosen
    per period. An emptied cell deletes its value.
    """

    def __init__(self, *args, indicator, municipality, periods, groups, values, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.municipality = municipality
        self.periods = periods
        self.groups = groups
        self.values = {(v.period_id, v.group_id): v for v in values}
        self.with_sample_size = indicator.source.is_survey
        for period in periods:
            for group in groups:
                self._add_cell(period, group, self.values.get((period.pk, group.pk)))
            statuses = {v.status for (p, _g), v in self.values.items() if p == period.pk}
            self.fields[f"status-{period.pk}"] = forms.ChoiceField(
                label=_("Status of %(period)s") % {"period": period},
                choices=ValueStatus.choices,
                initial=ValueStatus.PRELIMINARY
                if ValueStatus.PRELIMINARY in statuses
                else ValueStatus.FINAL,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def _add_cell(self, period, group, existing):
        where = {"group": group, "period": period}
        self.fields[f"value-{period.pk}-{group.pk}"] = forms.DecimalField(
            label=_("%(group)s, %(period)s: value") % where,
            required=False,
            localize=True,
            max_digits=12,
            decimal_places=2,
            initial=plain_decimal(existing.value) if existing else None,
            widget=forms.TextInput(
                attrs={"inputmode": "decimal", "class": "form-control form-control-sm"}
            ),
        )
        if self.with_sample_size:
            self.fields[f"n-{period.pk}-{group.pk}"] = forms.IntegerField(
                label=_("%(group)s, %(period)s: number of answers") % where,
                required=False,
                min_value=1,
                initial=existing.sample_size if existing else None,
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric", "class": "form-control form-control-sm"}
                ),
            )

    def cells(self):
        for period in self.periods:
            for group in self.groups:
                yield period, group, f"value-{period.pk}-{group.pk}", f"n-{period.pk}-{group.pk}"

    def rows(self):
        """Per period: the period, its status field and its cells (group, value, sample size)."""
        for period in self.periods:
            cells = []
            for group in self.groups:
                existing = self.values.get((period.pk, group.pk))
                value = self[f"value-{period.pk}-{group.pk}"]
                size = self[f"n-{period.pk}-{group.pk}"] if self.with_sample_size else None
                cells.append((group, value, size, existing))
            yield period, self[f"status-{period.pk}"], cells

    def clean(self):
        cleaned = super().clean()
        for _period, _group, value_name, size_name in self.cells():
            number = cleaned.get(value_name)
            if number is not None:
                try:
                    self.indicator.check_value(number)
                except ValidationError as error:
                    self.add_error(value_name, error)
            elif cleaned.get(size_name) is not None:
                self.add_error(value_name, _("Enter the value as well as the number of answers."))
        return cleaned

    @transaction.atomic
    def save(self, user):
        """Write the cells that changed; returns (saved, deleted)."""
        saved = deleted = 0
        for period, group, value_name, size_name in self.cells():
            number = self.cleaned_data[value_name]
            existing = self.values.get((period.pk, group.pk))
            if number is None:
                if existing:
                    existing.delete()
                    deleted += 1
                continue
            status = self.cleaned_data[f"status-{period.pk}"]
            size = self.cleaned_data.get(size_name, existing.sample_size if existing else None)
            if existing and (existing.value, existing.sample_size, existing.status) == (
                number,
                size,
                status,
            ):
                continue
            value = existing or Value(
                indicator=self.indicator, municipality=self.municipality, period=period, group=group
            )
            value.value, value.sample_size, value.status = number, size, status
            value.entered_by, value.is_demo = user, False
            value.save()
            saved += 1
        return saved, deleted


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,  # the import says what an empty file lacks
        help_text=_("CSV or Excel (.xlsx) with the columns below, or a Kolada answer (.json)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 5 MB; split it."))
        return upload


class TargetAdminForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = [
            "goal",
            "indicator",
            "groups",
            "first_year",
            "last_year",
            "rule",
            "threshold",
            "round_to_whole",
            "baseline_period",
            "substitute_year",
            "substitute_period",
            "substitution_reason",
            "condition",
            "order",
        ]

    def clean(self):
        cleaned = super().clean()
        indicator, groups = cleaned.get("indicator"), cleaned.get("groups")
        if indicator and groups:
            foreign = [g.code for g in groups if g not in indicator.groups.all()]
            if foreign:
                self.add_error(
                    "groups",
                    _("%(indicator)s is not broken down by: %(groups)s.")
                    % {"indicator": indicator.code, "groups": ", ".join(foreign)},
                )
        return cleaned
