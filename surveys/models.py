"""The weekly EST survey: who is asked, each week's round, what each respondent answered, and the
figures a round leaves behind once its raw answers are gone."""

from datetime import date, datetime, time, timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models import FREE_TEXT, Area, Factor, Level, WeekRecord
from municipalities.models import Municipality

WEEKDAY_VALIDATORS = [MinValueValidator(1), MaxValueValidator(7)]


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class SurveySettings(models.Model):
    """The rounds' timetable and how long raw answers are kept: one row, kept in the admin, for
    every municipality's survey (each municipality asks its own respondents)."""

    schedule_active = models.BooleanField(
        _("rounds open by themselves"),
        default=True,
        help_text=_("Off: säkerhetsenheten opens each round by hand."),
    )
    open_weekday = models.PositiveSmallIntegerField(
        _("opens on"), choices=Weekday.choices, default=Weekday.TUESDAY
    )
    open_time = models.TimeField(_("opens at"), default=time(8, 0))
    reminder_weekday = models.PositiveSmallIntegerField(
        _("reminder on"), choices=Weekday.choices, default=Weekday.WEDNESDAY
    )
    reminder_time = models.TimeField(_("reminder at"), default=time(12, 0))
    close_weekday = models.PositiveSmallIntegerField(
        _("closes on"), choices=Weekday.choices, default=Weekday.THURSDAY
    )
    close_time = models.TimeField(_("closes at"), default=time(8, 0))
    summary_weekday = models.PositiveSmallIntegerField(
        _("summary e-mailed on"), choices=Weekday.choices, default=Weekday.FRIDAY
    )
    summary_time = models.TimeField(_("summary e-mailed at"), default=time(7, 0))
    retention_days = models.PositiveIntegerField(
        _("raw answers kept (days)"),
        default=730,
        validators=[MinValueValidator(7)],
        help_text=_("After this, who answered what is deleted; the round's figures are kept."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey settings")
        verbose_name_plural = _("survey settings")

    def __str__(self):
        return str(_("Survey settings"))

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first() or cls()

    def moment(self, year, week, weekday, at):
        """The aware datetime of `weekday` at `at` in ISO week `week` of `year`, local time."""
        day = date.fromisocalendar(year, week, weekday)
        return timezone.make_aware(datetime.combine(day, at))

    def opens_at(self, year, week):
        return self.moment(year, week, self.open_weekday, self.open_time)

    def reminder_at(self, year, week):
        return self.moment(year, week, self.reminder_weekday, self.reminder_time)

    def closes_at(self, year, week):
        closes = self.moment(year, week, self.close_weekday, self.close_time)
        # A close set before the opening in the week falls in the next week.
        return closes if closes > self.opens_at(year, week) else closes + timedelta(weeks=1)

    def summary_at(self, year, week):
        return self.moment(year, week, self.summary_weekday, self.summary_time)


class Respondent(models.Model):
    """A member of a municipality's staff asked each week about the areas they work in, in the
    rounds of that municipality's agreement. Answering needs no password: the personal link in
    each invitation is the key."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="respondents",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200, validators=FREE_TEXT)
    email = models.EmailField(_("work e-mail"))
    unit = models.CharField(_("unit"), max_length=200, blank=True, validators=FREE_TEXT)
    areas = models.ManyToManyField(Area, verbose_name=_("areas covered"), related_name="+")
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        ordering = ["name"]
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        # Unique within a municipality: whether an address is another municipality's respondent
        # is none of this one's business.
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "email"],
                name="one_respondent_per_address_and_municipality",
                violation_error_message=_(
                    "The municipality already has a respondent with this e-mail address."
                ),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.unit})" if self.unit else self.name


class Round(WeekRecord):
    """One week's survey. It is open between `opens_at` and `closes_at`; `opened_at` and
    `closed_at` record when that actually happened (by the timetable or by hand)."""

    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    # Kept when the raw answers are deleted, for the annual report's response rate.
    invited_count = models.PositiveIntegerField(_("invited"), default=0, editable=False)
    answered_count = models.PositiveIntegerField(_("answered"), default=0, editable=False)
    purged_at = models.DateTimeField(
        _("raw answers deleted"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-week"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year", "week"],
                name="one_round_per_week",
                violation_error_message=_("This week already has a survey round."),
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="round_closes_after_it_opens",
                violation_error_message=_("A round must close after it opens."),
            ),
        ]

    def __str__(self):
        return _("Survey week %(week)s, %(year)s") % {"week": self.week, "year": self.year}

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opened_at is not None and self.closed_at is None and now < self.closes_at

    @property
    def response_rate(self):
        """Answered / invited as a fraction, or None for a round nobody was invited to."""
        return self.answered_count / self.invited_count if self.invited_count else None


class Invitation(models.Model):
    """One respondent's place in one round: the personal link points here. Its answers are
    theirs alone until the round closes."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("round")
    )
    # Emptied when the raw answers are deleted: the round keeps how many, not who.
    respondent = models.ForeignKey(
        Respondent,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations",
        verbose_name=_("respondent"),
    )
    # Random and unique: signed into the personal link, so a link names nothing guessable.
    key = models.CharField(max_length=32, unique=True, editable=False)
    areas = models.ManyToManyField(Area, verbose_name=_("areas asked about"), related_name="+")
    sent_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    nothing_to_report = models.BooleanField(_("nothing to report"), default=False)
    # Bumped by every answer, so two posts of the same form at once save only one.
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "respondent"], name="one_invitation_per_round_and_respondent"
            )
        ]

    def __str__(self):
        return f"{self.round}: {self.respondent or _('(deleted)')}"


class Answer(models.Model):
    """A respondent's level for one factor in one area; no level means "vet ej". Raw answers
    carry no change history: they are deleted after the retention period, history and all."""

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="answers", verbose_name=_("invitation")
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, verbose_name=_("area"))
    factor = models.ForeignKey(Factor, on_delete=models.PROTECT, verbose_name=_("factor"))
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, null=True, blank=True
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "area", "factor"], name="one_answer_per_area_and_factor"
            ),
            models.CheckConstraint(
                condition=Q(level__in=Level.values) | Q(level__isnull=True),
                name="answer_level_known",
            ),
        ]

    def __str__(self):
        level = self.get_level_display() if self.level is not None else _("Don't know")
        return f"{self.area} – {self.factor}: {level}"


class Observation(models.Model):
    """A respondent's short note about one area this week: places and situations, never people."""

    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("invitation"),
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, verbose_name=_("area"))
    text = models.CharField(_("observation"), max_length=500, validators=FREE_TEXT)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(fields=["invitation", "area"], name="one_observation_per_area")
        ]

    def __str__(self):
        return f"{self.area}: {self.text}"


class CellTally(models.Model):
    """How many answers of each level a round got for a factor in an area: written when the
    raw answers are deleted, so the figures outlive them."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="tallies", verbose_name=_("round")
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, verbose_name=_("area"))
    factor = models.ForeignKey(Factor, on_delete=models.PROTECT, verbose_name=_("factor"))
    none = models.PositiveIntegerField(default=0)
    low = models.PositiveIntegerField(default=0)
    elevated = models.PositiveIntegerField(default=0)
    high = models.PositiveIntegerField(default=0)
    unknown = models.PositiveIntegerField(_("don't know"), default=0)

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "area", "factor"], name="one_tally_per_round_area_factor"
            )
        ]

    def __str__(self):
        return f"{self.round}: {self.area} – {self.factor}"

    @property
    def counts(self):
        """Answers per level, in the order of `Level`."""
        return (self.none, self.low, self.elevated, self.high)


class Delivery(models.Model):
    """One e-mail in the outbox: an invitation, a reminder or a meeting's summary to one address.
    A background task sends it; a failed send is tried again later, and one that keeps failing
    stays here, marked failed, for säkerhetsenheten to see and retry."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        REMINDER = "reminder", _("Reminder")
        SUMMARY = "summary", _("Meeting summary")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    to = models.EmailField(_("recipient"))
    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("invitation"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meeting"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        constraints = [
            # A survey e-mail belongs to an invitation, a summary to a meeting.
            models.CheckConstraint(
                condition=(
                    Q(kind="summary", meeting__isnull=False, invitation__isnull=True)
                    | Q(
                        kind__in=["invitation", "reminder"],
                        invitation__isnull=False,
                        meeting__isnull=True,
                    )
                ),
                name="delivery_refers_to_its_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.to}"
