"""The annual follow-up report: a living draft until presented, then frozen as it was read."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import YEAR_VALIDATORS, Agreement
from agreements.revisions import RevisionChecked, StaleEdit

PRESENTED_NEVER_CHANGES = _(
    "A presented report is never changed or deleted. Start a new version to change what it says."
)


class AnnualReport(RevisionChecked, models.Model):
    """Once presented, the row stays as it was: this model refuses any save or deletion of it, and
    a database trigger (migration 0002) any UPDATE or DELETE, except storing its PDF once."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PRESENTED = "presented", _("Presented")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="reports", verbose_name=_("agreement")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    analysis = models.TextField(_("analysis"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    presented_on = models.DateField(_("presented on"), null=True, blank=True)
    presented_to = models.CharField(_("presented to"), max_length=200, blank=True)
    case_number = models.CharField(
        _("case number (diarienummer)"), max_length=60, blank=True, help_text=_("E.g. KS 2021/123.")
    )
    presented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # the presenter of a frozen report cannot be cleared
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presented by"),
    )
    # What the report showed when presented: every figure, status and text, as JSON.
    snapshot = models.JSONField(_("frozen content"), null=True, blank=True, editable=False)
    pdf = models.FileField(_("PDF"), upload_to="reports/", blank=True, editable=False)
    # Bumped by every save (RevisionChecked), so a second editor is told of the first one's.
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "-year", "-version"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        permissions = [("view_draft_report", _("Can read draft reports"))]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year", "version"], name="one_report_per_version"
            ),
            models.UniqueConstraint(
                fields=["agreement", "year"],
                condition=Q(status="draft"),
                name="one_draft_per_year",
                violation_error_message=_("There is already a draft report for this year."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(presented_on__isnull=False) & Q(snapshot__isnull=False)),
                name="presented_report_is_frozen",
            ),
        ]

    def __str__(self):
        return _("Annual report %(year)s, version %(version)s") % {
            "year": self.year,
            "version": self.version,
        }

    def save(self, *args, **kwargs):
        try:
            super().save(*args, **kwargs)
        except StaleEdit:
            if self.was_presented():
                raise ValidationError(PRESENTED_NEVER_CHANGES) from None
            raise

    def get_absolute_url(self):
        return reverse("reports:version", args=[self.agreement.slug, self.year, self.version])

    def delete(self, *args, **kwargs):
        if self.was_presented():
            raise ValidationError(PRESENTED_NEVER_CHANGES)
        return super().delete(*args, **kwargs)

    @property
    def is_presented(self):
        return self.status == self.Status.PRESENTED

    def was_presented(self):
        """Whether the stored row is presented, whatever this copy of it says."""
        stored = AnnualReport._base_manager.filter(pk=self.pk, status=self.Status.PRESENTED)
        return self.pk is not None and stored.exists()

    def claimable(self):
        return super().claimable().filter(status=self.Status.DRAFT)

    def clean(self):
        if not self._state.adding and self.was_presented():
            raise ValidationError(PRESENTED_NEVER_CHANGES)
        if self.agreement_id:
            self.agreement.check_year(self.year)
        if self.is_presented and not (self.presented_on and self.presented_to):
            raise ValidationError(_("A presented report needs a date and who it was presented to."))
