"""The municipalities an installation serves: each agreement is one municipality's with the
police, and comparisons set a municipality beside others (Kolada also lists the county and the
whole country under codes of their own)."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

CODE = RegexValidator(r"^\d{4}$", _("Four digits, e.g. 1287."))


class MunicipalityManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Municipality(models.Model):
    code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        validators=[CODE],
        help_text=_("SCB's code, also Kolada's, e.g. 1287 for Trelleborg."),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    police_area = models.CharField(_("local police area"), max_length=100, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    objects = MunicipalityManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            # An installation that predates the code may not know it yet: blank, but never twice.
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="one_municipality_per_code"
            )
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class Population(models.Model):
    """Inhabitants of a municipality (or the county, the country) on 31 December of a year, as
    SCB counts them: what counts are divided by for figures per 1,000 inhabitants."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="populations",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    inhabitants = models.PositiveIntegerField(_("inhabitants"), validators=[MinValueValidator(1)])
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("E.g. SCB, or Kolada (CC BY 4.0).")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "year"]
        verbose_name = _("population")
        verbose_name_plural = _("populations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="one_population_per_municipality_and_year",
                violation_error_message=_("The municipality already has a population that year."),
            )
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}: {self.inhabitants}"
