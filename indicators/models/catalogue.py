"""What is measured, by whom, for which groups and in which periods."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Series go back further than agreements: any calendar year from this one on may hold figures.
FIRST_SERIES_YEAR = 1990
SERIES_YEAR_VALIDATORS = [MinValueValidator(FIRST_SERIES_YEAR), MaxValueValidator(2100)]


def plain_decimal(number):
    """The figure without trailing zeros or an exponent: 2.00 as 2, 8.10 as 8.1, 100 as 100."""
    number = Decimal(number)
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def display_number(number):
    """A figure as a reader writes it in the interface language: 8.10 as "8,1" in Swedish."""
    if number is None:
        return ""
    return number_format(plain_decimal(number), use_l10n=True)


class DataSource(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    publisher = models.CharField(_("publisher"), max_length=200)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    attribution = models.TextField(
        _("attribution"), blank=True, help_text=_("How the source must be named with a figure.")
    )
    url = models.URLField(_("web address"), blank=True)
    is_survey = models.BooleanField(
        _("survey"), default=False, help_text=_("Survey values can carry a sample size.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")

    def __str__(self):
        return self.name


class Group(models.Model):
    """A part of the population a figure is broken down by (a grade, a gender, everyone)."""

    class KoladaGender(models.TextChoices):
        TOTAL = "T", _("Total")
        WOMEN = "K", _("Women")
        MEN = "M", _("Men")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kolada_gender = models.CharField(
        _("Kolada gender"),
        max_length=1,
        choices=KoladaGender.choices,
        blank=True,
        help_text=_("Kolada's gender code whose values go to this group."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self):
        return self.name


class Unit(models.TextChoices):
    INDEX = "index", _("index")
    PERCENT = "percent", _("per cent")
    COUNT = "count", _("number")
    RATE = "rate", _("number per 1,000 inhabitants")


class Indicator(models.Model):
    code = models.SlugField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("Stable: import files and reports refer to it."),
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=80, help_text=_("Used in sentences, e.g. Bostadsinbrott.")
    )
    source = models.ForeignKey(
        DataSource, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("source")
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    scale_min = models.DecimalField(
        _("scale minimum"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    scale_max = models.DecimalField(
        _("scale maximum"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    lower_is_better = models.BooleanField(_("lower is better"), default=True)
    groups = models.ManyToManyField(
        Group, related_name="indicators", verbose_name=_("groups it is broken down by")
    )
    kolada_kpi = models.CharField(
        _("Kolada KPI"),
        max_length=20,
        blank=True,
        help_text=_("The Kolada key figure (e.g. N07403) whose values import to this indicator."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_min__isnull=True)
                | Q(scale_max__isnull=True)
                | Q(scale_max__gte=F("scale_min")),
                name="indicator_scale_order",
                violation_error_message=_("The scale's maximum cannot be below its minimum."),
            ),
            models.UniqueConstraint(
                fields=["kolada_kpi"],
                condition=~Q(kolada_kpi=""),
                name="one_indicator_per_kolada_kpi",
                violation_error_message=_("Another indicator already takes this Kolada KPI."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("indicators:grid", args=[self.code])

    def format_value(self, number):
        text = display_number(number)
        return f"{text} %" if text and self.unit == Unit.PERCENT else text

    @property
    def scale_text(self):
        low, high = display_number(self.scale_min), display_number(self.scale_max)
        if low and high:
            return f"{low}–{high}"
        if low:
            return _("from %(min)s") % {"min": low}
        return _("up to %(max)s") % {"max": high} if high else ""

    def check_value(self, number):
        """Refuse a figure outside the indicator's scale (an index of 7, a share of 140 %)."""
        below = self.scale_min is not None and number < self.scale_min
        above = self.scale_max is not None and number > self.scale_max
        if below or above:
            if self.scale_max is None:
                message = _("%(value)s is below the lowest possible value, %(min)s.")
            elif self.scale_min is None:
                message = _("%(value)s is above the highest possible value, %(max)s.")
            else:
                message = _("%(value)s is outside the scale %(min)s–%(max)s.")
            raise ValidationError(
                message
                % {
                    "value": display_number(number),
                    "min": display_number(self.scale_min),
                    "max": display_number(self.scale_max),
                },
                code="out_of_scale",
            )

    def clean(self):
        if self.scale_min is not None and self.scale_max is not None:
            if self.scale_max < self.scale_min:
                raise ValidationError(
                    {"scale_max": _("The scale's maximum cannot be below its minimum.")}
                )


class Period(models.Model):
    """A calendar year of a source, or a survey wave with its own label and fieldwork dates."""

    class Kind(models.TextChoices):
        YEAR = "year", _("Calendar year")
        WAVE = "wave", _("Survey wave")

    source = models.ForeignKey(
        DataSource, on_delete=models.PROTECT, related_name="periods", verbose_name=_("source")
    )
    label = models.CharField(
        _("label"), max_length=40, help_text=_("As import files write it, e.g. 2021.")
    )
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.YEAR)
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=SERIES_YEAR_VALIDATORS,
        help_text=_("The calendar year it measures."),
    )
    fieldwork_start = models.DateField(_("fieldwork from"), null=True, blank=True)
    fieldwork_end = models.DateField(_("fieldwork to"), null=True, blank=True)
    results_expected = models.DateField(
        _("results expected"),
        null=True,
        blank=True,
        help_text=_("Until then a missing figure counts as pending, not as not measurable."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "year", "label"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "label"],
                name="one_period_per_source_and_label",
                violation_error_message=_("The source already has a period with this label."),
            ),
            models.CheckConstraint(
                condition=Q(fieldwork_start__isnull=True)
                | Q(fieldwork_end__isnull=True)
                | Q(fieldwork_end__gte=F("fieldwork_start")),
                name="period_fieldwork_order",
                violation_error_message=_("Fieldwork cannot end before it starts."),
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.WAVE:
            return _("wave %(label)s") % {"label": self.label}
        return self.label

    @property
    def fieldwork_text(self):
        if not (self.fieldwork_start and self.fieldwork_end):
            return ""
        return _("fieldwork %(start)s–%(end)s") % {
            "start": date_format(self.fieldwork_start, "j F"),
            "end": date_format(self.fieldwork_end, "j F Y"),
        }

    def clean(self):
        if self.fieldwork_start and self.fieldwork_end:
            if self.fieldwork_end < self.fieldwork_start:
                raise ValidationError(
                    {"fieldwork_end": _("Fieldwork cannot end before it starts.")}
                )


class SeriesBreak(models.Model):
    """A year from which an indicator's figures are not comparable with those before it (Brå's
    municipal counts from 2015, a survey question reworded): charts do not join a line across
    it and tables mark it."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="breaks", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(
        _("first year of the new series"),
        validators=SERIES_YEAR_VALIDATORS,
        help_text=_("Figures from this year on are not comparable with earlier ones."),
    )
    note = models.CharField(
        _("note"), max_length=300, help_text=_("Why, as the report's footnote says it.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("series break")
        verbose_name_plural = _("series breaks")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="one_series_break_per_indicator_and_year",
                violation_error_message=_("The indicator already has a series break this year."),
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.year}"
