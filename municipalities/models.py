"""The municipalities an installation serves: each agreement is one municipality's with the
police, and comparisons set a municipality beside others (Kolada also lists the county and the
whole country under codes of their own)."""

from django.core.validators import RegexValidator
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
