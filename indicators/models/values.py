"""The figures themselves: one per indicator, period and group."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Municipality

from .catalogue import Group, Indicator, Period


class ValueStatus(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary")
    FINAL = "final", _("Final")


class Value(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="values", verbose_name=_("period")
    )
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="values", verbose_name=_("group")
    )
    # Whose figure: an agreement's own municipality, or one it is compared with (a neighbour,
    # the county, the country). Goals are evaluated on their agreement's municipality alone.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name=_("municipality"),
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    sample_size = models.PositiveIntegerField(
        _("sample size"), null=True, blank=True, help_text=_("Number of answers, for surveys.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ValueStatus.choices, default=ValueStatus.FINAL
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    updated = models.DateTimeField(_("last changed"), auto_now=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "municipality", "period", "group"]
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "municipality", "period", "group"],
                name="one_value_per_municipality_indicator_period_group",
                violation_error_message=_(
                    "This indicator already has a value for that municipality, period and group."
                ),
            )
        ]

    def __str__(self):
        where = f"{self.indicator.code} {self.municipality.code} {self.period.label}"
        return f"{where} {self.group.code}: {self.value}"

    @property
    def is_preliminary(self):
        return self.status == ValueStatus.PRELIMINARY

    def clean(self):
        if not (self.indicator_id and self.period_id and self.group_id):
            return
        errors = {}
        if self.period.source_id != self.indicator.source_id:
            errors["period"] = _("The period belongs to another source than the indicator.")
        if not self.indicator.groups.filter(pk=self.group_id).exists():
            errors["group"] = _("The indicator is not broken down by this group.")
        if self.value is not None:
            try:
                self.indicator.check_value(self.value)
            except ValidationError as error:
                errors["value"] = error.messages
        if errors:
            raise ValidationError(errors)


class ConfirmedImport(models.Model):
    """A browser import once confirmed. Its preview's fingerprint is unique, so that of two
    confirmations of the same preview, at once or one after the other, the database lets one
    write."""

    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True)
    name = models.CharField(_("file"), max_length=255)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True)

    class Meta:
        ordering = ["-confirmed_at"]
        verbose_name = _("confirmed import")
        verbose_name_plural = _("confirmed imports")

    def __str__(self):
        return self.name
