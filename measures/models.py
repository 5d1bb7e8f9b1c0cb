"""Measures (åtgärder) under an agreement and their yearly follow-up."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import (
    FOLLOW_UP_TEXT,
    YEAR_VALIDATORS,
    Agreement,
    FocusArea,
    ProductionGoal,
    Responsible,
)
from agreements.revisions import RevisionChecked


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    PAUSED = "paused", _("Paused")
    CANCELLED = "cancelled", _("Cancelled")


class Measure(models.Model):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="measures", verbose_name=_("agreement")
    )
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("focus area"),
    )
    production_goal = models.ForeignKey(
        ProductionGoal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("production goal"),
    )
    title = models.CharField(_("measure"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsible = models.CharField(
        _("responsible party"), max_length=10, choices=Responsible.choices
    )
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "focus_area__order", "title"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="measure_dates_order",
                violation_error_message=_("The end date cannot come before the start date."),
            )
        ]

    def __str__(self):
        return self.title

    def runs_in(self, year):
        """Whether the measure's dates leave it running some time in `year`: then the year's
        report needs its follow-up."""
        started = self.start_date is None or self.start_date.year <= year
        return started and (self.end_date is None or self.end_date.year >= year)

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot come before the start date.")
        if self.agreement_id:
            if self.focus_area_id and self.focus_area.agreement_id != self.agreement_id:
                errors["focus_area"] = _("The focus area belongs to another agreement.")
            goal = self.production_goal
            if goal and goal.agreement_id != self.agreement_id:
                errors["production_goal"] = _("The production goal belongs to another agreement.")
            elif (
                goal and goal.focus_area_id and self.focus_area_id not in (None, goal.focus_area_id)
            ):
                errors["production_goal"] = _(
                    "The production goal belongs to another focus area than the measure."
                )
        if errors:
            raise ValidationError(errors)


class MeasureUpdate(RevisionChecked, models.Model):
    """The year's follow-up of a measure: where it stands, what it achieved."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="updates", verbose_name=_("measure")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    status = models.CharField(_("status"), max_length=10, choices=MeasureStatus.choices)
    comment = models.TextField(_("comment"), blank=True, validators=FOLLOW_UP_TEXT)
    achieved_count = models.PositiveIntegerField(
        _("achieved count"),
        null=True,
        blank=True,
        help_text=_("How many were carried out, where the production goal counts something."),
    )
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "-year"]
        verbose_name = _("yearly follow-up")
        verbose_name_plural = _("yearly follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year"],
                name="one_update_per_measure_and_year",
                violation_error_message=_("This measure already has a follow-up for that year."),
            )
        ]

    def __str__(self):
        return f"{self.measure} {self.year}"

    def clean(self):
        # An inline's measure may not be saved yet, but it knows its agreement.
        measure = getattr(self, "measure", None)
        if measure is not None and measure.agreement_id:
            measure.agreement.check_year(self.year)
