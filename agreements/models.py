"""The collaboration agreement as it reads: parties, commitments, focus areas and goals, and the
yearly problem picture and citizen promises that follow from it."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.personnummer import validate_no_personal_number_in_follow_up

from .naming import agreement_slug
from .revisions import RevisionChecked

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
# The yearly follow-up's free text ends up in a public report: no personal identity numbers.
FOLLOW_UP_TEXT = [validate_no_personal_number_in_follow_up]


class Responsible(models.TextChoices):
    """Who carries out a measure, an action or a promise."""

    MUNICIPALITY = "kommun", _("Municipality")
    POLICE = "polis", _("Police")
    JOINT = "gemensam", _("Joint")


class AgreementQuerySet(models.QuerySet):
    def in_force(self):
        """The agreements set in force, ended ones included; a draft is not in force."""
        return self.exclude(status=Agreement.Status.DRAFT)

    def covering(self, year):
        """The agreements whose period includes `year`."""
        return self.filter(start_year__lte=year, end_year__gte=year)

    def of(self, municipality_id):
        """The agreements of one municipality; none for None (a user without one)."""
        if municipality_id is None:
            return self.none()
        return self.filter(municipality=municipality_id)

    def of_any(self, municipality_ids):
        """The agreements of these municipalities, as UserRoles.municipality_ids gives them:
        a set of ids, or EVERYWHERE (None) for all."""
        if municipality_ids is None:
            return self
        return self.filter(municipality__in=municipality_ids)


class Agreement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("In force")
        ENDED = "ended", _("Ended")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("municipality"),
    )
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    signed_date = models.DateField(_("signed"), null=True, blank=True)
    text = models.TextField(_("agreement text"), blank=True)
    document = models.FileField(
        _("document (e.g. appendix 1)"), upload_to="agreements/", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    history = HistoricalRecords()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", "title"]
        verbose_name = _("collaboration agreement")
        verbose_name_plural = _("collaboration agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="agreement_period_order",
                violation_error_message=_("The last year cannot come before the first year."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:detail", args=[self.slug])

    @property
    def years(self):
        return range(self.start_year, self.end_year + 1)

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("The last year cannot come before the first year.")}
            )
        if not self.slug and self.municipality_id and self.start_year and self.end_year:
            self.fill_slug()
        self.check_no_overlap()

    @classmethod
    def in_force(cls, year, municipality_id):
        """The municipality's agreement in force in `year`, or None between two agreements; a
        draft is not in force."""
        agreements = cls.objects.of(municipality_id).in_force()
        return agreements.covering(year).order_by("-start_year").first()

    def fill_slug(self):
        """Make the short name from municipality and period; a form left it empty, so the
        form's own uniqueness check did not run."""
        self.slug = agreement_slug(self.municipality.name, self.start_year, self.end_year)
        if Agreement.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "slug": _("Another agreement already has the short name %(slug)s.")
                    % {"slug": self.slug}
                }
            )

    def overlapping(self):
        """The municipality's other agreements whose period shares a year with this one's."""
        return (
            Agreement.objects.filter(municipality=self.municipality_id)
            .filter(start_year__lte=self.end_year, end_year__gte=self.start_year)
            .exclude(pk=self.pk)
        )

    def check_no_overlap(self):
        """One municipality works under one agreement at a time: a week belongs to one."""
        if not (self.municipality_id and self.start_year and self.end_year):
            return
        other = self.overlapping().order_by("start_year").first()
        if other is not None:
            field = "start_year" if other.start_year <= self.start_year else "end_year"
            message = _(
                "%(municipality)s already has an agreement for %(start)s–%(end)s: "
                "“%(other)s”. The periods may not overlap."
            )
            raise ValidationError(
                {
                    field: message
                    % {
                        "municipality": other.municipality,
                        "start": other.start_year,
                        "end": other.end_year,
                        "other": other.title,
                    }
                }
            )

    def check_year(self, year, field="year"):
        """Raise a form-friendly error unless `year` lies inside the agreement's period."""
        if year is not None and year not in self.years:
            raise ValidationError(
                {
                    field: _("%(year)s is outside the agreement's period %(start)s–%(end)s.")
                    % {"year": year, "start": self.start_year, "end": self.end_year}
                }
            )


class Party(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "kommun", _("Municipality")
        POLICE = "polis", _("Police")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "kind"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind"], name="one_party_per_kind")
        ]

    def __str__(self):
        return self.name


class Commitment(models.Model):
    """A standing promise the agreement makes, quoted as it stands (weekly meeting, report...)."""

    class Kind(models.TextChoices):
        WEEKLY_MEETING = "weekly_meeting", _("Weekly meeting")
        ANNUAL_REPORT = "annual_report", _("Annual report")
        PROBLEM_PICTURE = "problem_picture", _("Joint problem picture and citizen promises")
        ORGANISED_CRIME = "organised_crime", _("Organised crime")
        OTHER = "other", _("Other")

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("agreement"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "order"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.get_kind_display()


class FocusArea(models.Model):
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="focus_areas",
        verbose_name=_("agreement"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "order"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return self.title


class GoalBase(models.Model):
    """What effect and production goals share: a place in the agreement, maybe a focus area."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="%(class)ss", verbose_name=_("agreement")
    )
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("focus area"),
        help_text=_("Empty for an overarching goal."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["agreement", "order"]

    @property
    def is_overarching(self):
        return self.focus_area_id is None

    def clean(self):
        if self.focus_area_id and self.focus_area.agreement_id != self.agreement_id:
            raise ValidationError({"focus_area": _("The focus area belongs to another agreement.")})


class EffectGoal(GoalBase):
    """An outcome in society, in the agreement's own words, measured by indicators."""

    text = models.TextField(_("goal as worded in the agreement"))
    short_title = models.CharField(_("short title"), max_length=120)
    measurement = models.CharField(
        _("measurement indicator"),
        max_length=300,
        help_text=_("The agreement's 'Mätindikator' line: the source the goal is measured by."),
    )
    condition = models.TextField(
        _("condition"),
        blank=True,
        help_text=_("A condition the agreement sets for measuring the goal, quoted."),
    )
    history = HistoricalRecords()

    class Meta(GoalBase.Meta):
        verbose_name = _("effect goal")
        verbose_name_plural = _("effect goals")

    def __str__(self):
        return self.short_title


class ProductionGoal(GoalBase):
    """An output the parties deliver, often a yearly count."""

    text = models.TextField(_("goal"))
    yearly_target = models.PositiveIntegerField(_("yearly target"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("E.g. talks."))
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta(GoalBase.Meta):
        verbose_name = _("production goal")
        verbose_name_plural = _("production goals")

    def __str__(self):
        return self.text


class YearlyRecord(models.Model):
    """Something the parties produce once a year under an agreement."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="%(class)ss", verbose_name=_("agreement")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        abstract = True
        ordering = ["agreement", "-year"]

    def clean(self):
        if self.agreement_id:
            self.agreement.check_year(self.year)


class ProblemPicture(RevisionChecked, YearlyRecord):
    """The joint problem picture (gemensam problembild) the parties agree each year."""

    summary = models.TextField(_("problem picture"), validators=FOLLOW_UP_TEXT)
    sources = models.TextField(
        _("sources"),
        blank=True,
        validators=FOLLOW_UP_TEXT,
        help_text=_("Statistics, surveys and dialogues it builds on."),
    )
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    history = HistoricalRecords()

    class Meta(YearlyRecord.Meta):
        verbose_name = _("joint problem picture")
        verbose_name_plural = _("joint problem pictures")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year"], name="one_problem_picture_per_year"
            )
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.year}"


class CitizenPromise(RevisionChecked, YearlyRecord):
    """The year's citizen promises (medborgarlöften): one set a year, each point followed up."""

    title = models.CharField(_("title"), max_length=200, validators=FOLLOW_UP_TEXT)
    introduction = models.TextField(_("introduction"), blank=True, validators=FOLLOW_UP_TEXT)
    published = models.DateField(_("published"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    history = HistoricalRecords()

    class Meta(YearlyRecord.Meta):
        verbose_name = _("citizen promises")
        verbose_name_plural = _("citizen promises")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year"],
                name="one_promise_set_per_year",
                violation_error_message=_(
                    "This agreement already has citizen promises for that year."
                ),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ONGOING = "ongoing", _("Ongoing")
    FULFILLED = "fulfilled", _("Fulfilled")
    PARTLY = "partly", _("Partly fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")


class PromisePoint(RevisionChecked, models.Model):
    promise = models.ForeignKey(
        CitizenPromise,
        on_delete=models.CASCADE,
        related_name="points",
        verbose_name=_("citizen promises"),
    )
    text = models.TextField(_("promise"), validators=FOLLOW_UP_TEXT)
    responsible = models.CharField(
        _("responsible"), max_length=10, choices=Responsible.choices, default=Responsible.JOINT
    )
    status = models.CharField(
        _("follow-up status"),
        max_length=20,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.NOT_STARTED,
    )
    comment = models.TextField(_("follow-up comment"), blank=True, validators=FOLLOW_UP_TEXT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["promise", "order"]
        verbose_name = _("promise")
        verbose_name_plural = _("promises")

    def __str__(self):
        return self.text[:80]

    @property
    def is_followed_up(self):
        """Whether anyone has followed the point up: the default status with no comment is
        what every new point starts with."""
        return self.status != FollowUpStatus.NOT_STARTED or bool(self.comment.strip())
