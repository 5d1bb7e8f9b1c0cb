"""The weekly Tryggare Trelleborg (EST) meeting: its log, the situation picture it agrees, the
actions it decides and their follow-up, and the weeks it did not meet."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from agreements.models import YEAR_VALIDATORS, Agreement, Responsible
from agreements.revisions import RevisionChecked
from maintenance.dataversion import data_changed

from .isoweeks import week_dates, weeks_in_year
from .personnummer import validate_no_personal_number

WEEK_VALIDATORS = [MinValueValidator(1), MaxValueValidator(53)]
# Every free-text field of the log goes through the personal data guard.
FREE_TEXT = [validate_no_personal_number]


class Level(models.IntegerChoices):
    """How much a factor troubles an area this week (a number, so the heat map can use it)."""

    NONE = 0, _("None")
    LOW = 1, _("Low")
    ELEVATED = 2, _("Elevated")
    HIGH = 3, _("High")


class PictureDimension(models.Model):
    """A configurable row or column of the situation picture: an area or a factor."""

    name = models.CharField(_("name"), max_length=100, unique=True, validators=FREE_TEXT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Only areas and factors in use appear on new meetings."),
    )

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Area(PictureDimension):
    """A place the situation picture covers (Trelleborg centrum, Hamnen, Anderslöv...)."""

    history = HistoricalRecords()

    class Meta(PictureDimension.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")


class Factor(PictureDimension):
    """Something rated for each area (threats and violence, vandalism, arson...)."""

    history = HistoricalRecords()

    class Meta(PictureDimension.Meta):
        verbose_name = _("factor")
        verbose_name_plural = _("factors")


class WeekRecord(models.Model):
    """What a meeting and a week without one share: an agreement and an ISO week."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="%(class)ss", verbose_name=_("agreement")
    )
    year = models.PositiveSmallIntegerField(_("year (ISO)"), validators=YEAR_VALIDATORS)
    week = models.PositiveSmallIntegerField(_("week"), validators=WEEK_VALIDATORS)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        abstract = True

    def clean(self):
        if self.year and self.week and self.week > weeks_in_year(self.year):
            message = _("%(year)s has no week %(week)s.")
            raise ValidationError({"week": message % {"year": self.year, "week": self.week}})
        if self.agreement_id and self.year:
            self.agreement.check_year(self.year)

    @property
    def week_dates(self):
        return week_dates(self.year, self.week)


class Meeting(RevisionChecked, WeekRecord):
    date = models.DateField(_("date"))
    is_extra = models.BooleanField(
        _("extra meeting"), default=False, help_text=_("A second meeting in the same week.")
    )
    convened_by = models.CharField(
        _("convened by"), max_length=200, default="Säkerhetsenheten", validators=FREE_TEXT
    )
    municipality_present = models.BooleanField(_("municipality present"), default=True)
    police_present = models.BooleanField(_("police present"), default=True)
    units = models.CharField(
        _("units taking part"),
        max_length=300,
        blank=True,
        validators=FREE_TEXT,
        help_text=_("E.g. säkerhetsenheten, trygghetsvärdar, kommunpolis, områdespolis."),
    )
    summary = models.TextField(
        _("agreed situation picture"),
        blank=True,
        validators=FREE_TEXT,
        help_text=_("The week's picture in a few sentences: places, situations, environments."),
    )
    decisions = models.TextField(_("decisions"), blank=True, validators=FREE_TEXT)
    notes = models.TextField(_("notes"), blank=True, validators=FREE_TEXT)
    # Bumped by every save (RevisionChecked), so a second editor is told of the first one's.
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    summary_sent_at = models.DateTimeField(_("summary e-mailed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year", "week"],
                condition=Q(is_extra=False),
                name="one_regular_meeting_per_week",
                violation_error_message=_(
                    "This week already has a meeting; a second one is an extra meeting."
                ),
            ),
            models.CheckConstraint(
                condition=Q(municipality_present=True) | Q(police_present=True),
                name="meeting_has_a_party",
                violation_error_message=_(
                    "At least one party must be present; otherwise record a week without a meeting."
                ),
            ),
        ]

    def __str__(self):
        params = {"week": self.week, "year": self.year}
        if self.is_extra:
            return _("Extra meeting week %(week)s, %(year)s") % params
        return _("Meeting week %(week)s, %(year)s") % params

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    def previous(self):
        """The agreement's meeting before this one: its picture is where this one's starts. The
        first meeting of an agreement starts afresh, not from the last one of the agreement
        before (whose areas, factors and concerns the new agreement may have changed)."""
        earlier = Meeting.objects.filter(earlier_than(self), agreement_id=self.agreement_id)
        return earlier.order_by("-date", "-pk").first()

    def picture(self):
        """The situation picture as {(area id, factor id): entry}."""
        return {(e.area_id, e.factor_id): e for e in self.entries.all()}

    def set_picture(self, cells, user=None):
        """Store {(area id, factor id): (level, note)}; cells that did not change keep their
        row, so the history shows only real changes."""
        current = self.picture()
        new = []
        for (area_id, factor_id), (level, note) in cells.items():
            entry = current.get((area_id, factor_id))
            if entry is None:
                new.append(
                    SituationEntry(
                        meeting=self, area_id=area_id, factor_id=factor_id, level=level, note=note
                    )
                )
            elif (entry.level, entry.note) != (level, note):
                entry.level, entry.note = level, note
                entry.save()
        bulk_create_with_history(new, SituationEntry, default_user=user)
        data_changed()  # bulk creation sends no signals

    def clean(self):
        super().clean()
        if (
            self.date
            and self.year
            and self.week
            and self.date.isocalendar()[:2]
            != (
                self.year,
                self.week,
            )
        ):
            monday, sunday = self.week_dates
            raise ValidationError(
                {
                    "date": _(
                        "The date must fall in week %(week)s of %(year)s (%(monday)s–%(sunday)s)."
                    )
                    % {"week": self.week, "year": self.year, "monday": monday, "sunday": sunday}
                }
            )


class NoMeetingReason(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    PUBLIC_HOLIDAY = "public_holiday", _("Public holiday")
    CANCELLED = "cancelled", _("Called off")
    OTHER = "other", _("Other")


class WeekWithoutMeeting(WeekRecord):
    """A week the parties did not meet, and why."""

    reason = models.CharField(_("reason"), max_length=20, choices=NoMeetingReason.choices)
    comment = models.CharField(_("comment"), max_length=300, blank=True, validators=FREE_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "year", "week"]
        verbose_name = _("week without a meeting")
        verbose_name_plural = _("weeks without a meeting")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year", "week"],
                name="one_no_meeting_record_per_week",
                violation_error_message=_("This week is already recorded as without a meeting."),
            )
        ]

    def __str__(self):
        return _("Week %(week)s, %(year)s: no meeting") % {"week": self.week, "year": self.year}

    def clean(self):
        super().clean()
        if self.agreement_id and self.year and self.week:
            held = Meeting.objects.filter(agreement=self.agreement, year=self.year, week=self.week)
            if held.exists():
                raise ValidationError(_("A meeting has been logged for this week."))


class SituationEntry(models.Model):
    """One cell of a meeting's situation picture: the level of a factor in an area."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="entries", verbose_name=_("meeting")
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, verbose_name=_("area"))
    factor = models.ForeignKey(Factor, on_delete=models.PROTECT, verbose_name=_("factor"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.NONE)
    note = models.CharField(_("note"), max_length=200, blank=True, validators=FREE_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "area__order", "factor__order"]
        verbose_name = _("situation picture entry")
        verbose_name_plural = _("situation picture entries")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "area", "factor"],
                name="one_entry_per_meeting_area_factor",
                violation_error_message=_(
                    "The meeting already has a level for this area and factor."
                ),
            ),
            models.CheckConstraint(
                condition=Q(level__in=Level.values),
                name="situation_level_known",
                violation_error_message=_("Unknown level."),
            ),
        ]

    def __str__(self):
        return f"{self.area} – {self.factor}: {self.get_level_display()}"


def earlier_than(meeting, prefix="", inclusive=False):
    """A filter for the meetings held before `meeting` (by date, then by entry order), and
    `meeting` itself if `inclusive`. An unsaved meeting comes after every saved one on its date."""
    earlier = Q(**{f"{prefix}date__lt": meeting.date})
    same_day = Q(**{f"{prefix}date": meeting.date})
    if meeting.pk:
        same_day &= Q(**{f"{prefix}pk__lte" if inclusive else f"{prefix}pk__lt": meeting.pk})
    return earlier | same_day


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Action(models.Model):
    """What a meeting decided to do, where, and who sees to it."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="actions", verbose_name=_("decided at")
    )
    what = models.CharField(_("action"), max_length=300, validators=FREE_TEXT)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("area")
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        validators=FREE_TEXT,
        help_text=_("More exactly where, e.g. a street or a square."),
    )
    responsible = models.CharField(
        _("responsible party"), max_length=10, choices=Responsible.choices
    )
    unit = models.CharField(_("responsible unit"), max_length=200, blank=True, validators=FREE_TEXT)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__date", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return self.what

    def refresh_status(self):
        """Take the status the latest follow-up left; an action never followed up is open."""
        latest = self.follow_ups.order_by("meeting__date", "meeting__pk").last()
        self.status = STATUS_AFTER[latest.outcome] if latest else ActionStatus.OPEN
        self.save(update_fields=["status"])

    @classmethod
    def open_at(cls, meeting, after=False):
        """The actions open when `meeting` starts (to be followed up there) or, with `after`,
        still open when it ends (its own decisions included). An old meeting shows the same
        list as it did back then: what was closed later counts as open at that time."""
        before = earlier_than(meeting, "meeting__", inclusive=after)
        closed = ActionFollowUp.objects.filter(before, action=OuterRef("pk")).exclude(
            outcome=FollowUpOutcome.CONTINUED
        )
        later = ActionFollowUp.objects.filter(action=OuterRef("pk")).exclude(before)
        return (
            cls.objects.filter(before, meeting__agreement_id=meeting.agreement_id)
            .exclude(Exists(closed))
            .filter(Q(status=ActionStatus.OPEN) | Exists(later))
            .select_related("meeting", "area")
        )


class FollowUpOutcome(models.TextChoices):
    CONTINUED = "continued", _("Continued")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# What a follow-up leaves the action as.
STATUS_AFTER = {
    FollowUpOutcome.CONTINUED: ActionStatus.OPEN,
    FollowUpOutcome.DONE: ActionStatus.DONE,
    FollowUpOutcome.DROPPED: ActionStatus.DROPPED,
}


class ActionFollowUp(models.Model):
    """A later meeting's look at an open action."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("action")
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("meeting")
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=FollowUpOutcome.choices)
    comment = models.CharField(_("comment"), max_length=300, blank=True, validators=FREE_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__date", "pk"]
        verbose_name = _("follow-up of an action")
        verbose_name_plural = _("follow-ups of actions")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "meeting"],
                name="one_follow_up_per_action_and_meeting",
                violation_error_message=_("This action is already followed up at this meeting."),
            )
        ]

    def __str__(self):
        return f"{self.action}: {self.get_outcome_display()}"


class DistributionRecipient(models.Model):
    """Who gets a municipality's weekly summary by e-mail."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="summary_recipients",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200, validators=FREE_TEXT)
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=FREE_TEXT
    )
    email = models.EmailField(_("e-mail address"), unique=True)
    is_active = models.BooleanField(_("receives the summary"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("summary recipient")
        verbose_name_plural = _("summary recipients")

    def __str__(self):
        return f"{self.name} <{self.email}>"
