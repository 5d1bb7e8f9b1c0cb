"""An effect goal assessed in words: the writers' status for a year, with why."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import MUNICIPAL_POLICE, SECURITY_UNIT
from agreements.models import YEAR_VALIDATORS, EffectGoal
from agreements.revisions import RevisionChecked
from meetings.personnummer import find_personal_numbers, masked


def validate_no_personal_number(value):
    """The justification is printed in a public report: no personal identity number in it."""
    numbers = find_personal_numbers(value)
    if numbers:
        raise ValidationError(
            _(
                "Remove the personal identity or coordination number (%(number)s): the "
                "justification is printed in the public report."
            ),
            code="personal_number",
            params={"number": masked(numbers[0])},
        )


class AssessedStatus(models.TextChoices):
    """The computed statuses a writer can stand behind (values shared with the evaluation's
    Status), and "partly met": a worded goal often has halves, one reached and one not."""

    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_MEASURABLE = "not_measurable", _("Not measurable")


class Assessor(models.TextChoices):
    """The role that assessed, as the public report names it (never the person)."""

    SECURITY_UNIT = SECURITY_UNIT, SECURITY_UNIT
    MUNICIPAL_POLICE = MUNICIPAL_POLICE, MUNICIPAL_POLICE


class GoalAssessment(RevisionChecked, models.Model):
    goal = models.ForeignKey(
        EffectGoal,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("effect goal"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    status = models.CharField(_("assessment"), max_length=20, choices=AssessedStatus.choices)
    justification = models.TextField(
        _("justification"),
        validators=[validate_no_personal_number],
        error_messages={"blank": _("Write why the goal is assessed so.")},
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # who assessed a goal in a report stays known
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    assessed_as = models.CharField(
        _("assessed as"), max_length=40, choices=Assessor.choices, blank=True
    )
    assessed_at = models.DateTimeField(_("assessed at"), default=timezone.now)
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["goal", "-year"]
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "year"],
                name="one_assessment_per_goal_and_year",
                violation_error_message=_("This goal is already assessed for that year."),
            )
        ]

    def __str__(self):
        return f"{self.goal} {self.year}: {self.get_status_display()}"

    def clean(self):
        if self.goal_id:
            self.goal.agreement.check_year(self.year)
        if self.justification and not self.justification.strip():  # "" is refused as blank
            raise ValidationError({"justification": _("Write why the goal is assessed so.")})
