"""An effect goal's targets: the agreement's words read as one comparison on an indicator."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import YEAR_VALIDATORS, EffectGoal

from .catalogue import Group, Indicator, Period, Unit


class Rule(models.TextChoices):
    AT_MOST = "at_most", _("at most")
    BELOW = "below", _("below")
    DECREASE_FROM_BASELINE = "decrease_from_baseline", _("decrease against a baseline period")
    DECREASE_OVER_PERIOD = "decrease_over_period", _("decrease over the agreement's period")


THRESHOLD_RULES = [Rule.AT_MOST, Rule.BELOW]


class Target(models.Model):
    goal = models.ForeignKey(
        EffectGoal, on_delete=models.CASCADE, related_name="targets", verbose_name=_("effect goal")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("indicator")
    )
    groups = models.ManyToManyField(
        Group, related_name="targets", verbose_name=_("groups"), help_text=_("Each must meet it.")
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    rule = models.CharField(_("rule"), max_length=30, choices=Rule.choices)
    threshold = models.DecimalField(
        _("threshold"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For 'at most' and 'below'."),
    )
    round_to_whole = models.BooleanField(
        _("round to a whole number first"),
        default=False,
        help_text=_("For an index read as a whole level: 2.4 counts as 2, 2.5 as 3."),
    )
    baseline_period = models.ForeignKey(
        Period,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("baseline period"),
        help_text=_("For 'decrease against a baseline period'."),
    )
    substitute_year = models.PositiveSmallIntegerField(
        _("target year substituted"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    substitute_period = models.ForeignKey(
        Period,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("period that stands in for it"),
    )
    substitution_reason = models.TextField(_("why it stands in"), blank=True)
    condition = models.TextField(
        _("condition"),
        blank=True,
        help_text=_("Without data for the target year the target is not measurable, not unmet."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["goal", "order"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")),
                name="target_years_order",
                violation_error_message=_("The last year cannot come before the first year."),
            ),
            models.CheckConstraint(
                condition=~Q(rule__in=THRESHOLD_RULES) | Q(threshold__isnull=False),
                name="target_threshold_for_threshold_rules",
                violation_error_message=_("This rule needs a threshold."),
            ),
            models.CheckConstraint(
                condition=~Q(rule=Rule.DECREASE_FROM_BASELINE) | Q(baseline_period__isnull=False),
                name="target_baseline_for_baseline_rule",
                violation_error_message=_("This rule needs a baseline period."),
            ),
            models.CheckConstraint(
                condition=Q(substitute_year__isnull=True, substitute_period__isnull=True)
                | Q(substitute_year__isnull=False, substitute_period__isnull=False),
                name="target_substitution_complete",
                violation_error_message=_(
                    "A substitution names both the target year and the period standing in."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.indicator.short_name}: {self.describe()}"

    @property
    def years(self):
        return range(self.first_year, self.last_year + 1)

    def describe(self):
        """The rule in words, e.g. "fewer than 100" or "decrease against 2016"."""
        threshold = self.indicator.format_value(self.threshold)
        if self.rule == Rule.AT_MOST:
            return _("at most %(threshold)s") % {"threshold": threshold}
        if self.rule == Rule.BELOW:
            if self.indicator.unit == Unit.COUNT:
                return _("fewer than %(threshold)s") % {"threshold": threshold}
            return _("below %(threshold)s") % {"threshold": threshold}
        if self.rule == Rule.DECREASE_FROM_BASELINE:
            return _("a decrease against %(period)s") % {"period": self.baseline_period}
        return _("a decrease over the agreement's period")

    def clean(self):
        errors = {}
        if self.rule in THRESHOLD_RULES and self.threshold is None:
            errors["threshold"] = _("This rule needs a threshold.")
        if self.rule == Rule.DECREASE_FROM_BASELINE and self.baseline_period_id is None:
            errors["baseline_period"] = _("This rule needs a baseline period.")
        if (self.substitute_year is None) != (self.substitute_period_id is None):
            errors["substitute_period"] = _(
                "A substitution names both the target year and the period standing in."
            )
        elif self.substitute_year is not None and self.substitute_year not in self.years:
            errors["substitute_year"] = _("The substituted year must be one of the target's years.")
        if self.indicator_id:
            for field in ("baseline_period", "substitute_period"):
                period = getattr(self, field)
                if period is not None and period.source_id != self.indicator.source_id:
                    errors[field] = _("The period belongs to another source than the indicator.")
        if errors:
            raise ValidationError(errors)
        if self.goal_id:
            self.goal.agreement.check_year(self.first_year, "first_year")
            self.goal.agreement.check_year(self.last_year, "last_year")
