"""Which role a user holds where: in one municipality, or in every one the installation serves
(the police area's kommunpolis and chief, or a single-municipality installation's staff)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import ROLES


class RoleGrant(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_grants",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=40, choices=[(role, role) for role in ROLES])
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("municipality"),
        help_text=_("Empty: every municipality of the installation."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "role", "municipality"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(municipality__isnull=False),
                name="one_grant_per_role_and_municipality",
                violation_error_message=_("The user already holds this role there."),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(municipality__isnull=True),
                name="one_grant_per_role_everywhere",
                violation_error_message=_(
                    "The user already holds this role in every municipality."
                ),
            ),
        ]

    def __str__(self):
        where = self.municipality or _("every municipality")
        return f"{self.role} ({where})"

    def validate_constraints(self, exclude=None):
        # The user's page leaves the user out of each row's form, but a role is unique per user.
        super().validate_constraints(exclude=set(exclude or ()) - {"user"})


class LoginSession(models.Model):
    """A session a user logged in with, so that "log out everywhere" can end them all."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="login_sessions",
        verbose_name=_("user"),
    )
    session_key = models.CharField(_("session"), max_length=40, unique=True)
    started = models.DateTimeField(_("logged in"), auto_now_add=True)

    class Meta:
        ordering = ["-started"]
        verbose_name = _("login session")
        verbose_name_plural = _("login sessions")

    def __str__(self):
        return f"{self.user} {self.started:%Y-%m-%d %H:%M}"


class ExternalIdentity(models.Model):
    """Who a user is at the identity provider: its issuer and the subject it names them by (an
    e-mail address or a name can change hands; the subject does not)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="external_identities",
        verbose_name=_("user"),
    )
    issuer = models.CharField(_("identity provider"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    last_sign_in = models.DateTimeField(_("last signed in"), auto_now=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_user_per_identity")
        ]

    def __str__(self):
        return f"{self.subject} @ {self.issuer}"
