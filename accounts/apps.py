from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.core import checks
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    from django.apps import apps

    from .roles import sync_role_permissions

    # post_migrate is sent once per app with models, after that app's permissions are created:
    # the roles are synced once, after the last (twenty syncs cost every flush two seconds).
    if sender is [app for app in apps.get_app_configs() if app.models_module][-1]:
        sync_role_permissions()


def _role_map_is_sound(app_configs, **kwargs):
    from django.conf import settings

    from .oidc import check_role_map

    if not settings.OIDC_ENABLED:
        return []
    return [
        checks.Error(mistake, id="accounts.E001")
        for mistake in check_role_map(settings.OIDC_ROLE_MAP)
    ]


def _sync_groups(sender, instance, **kwargs):
    from .roles import sync_groups

    sync_groups(instance.user)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and roles")

    def ready(self):
        from .session_lifetime import mark_start
        from .signing_out import note_login
        from .throttling import forget_failures_on_login
        from .two_factor import mark_login

        post_migrate.connect(_sync_roles, dispatch_uid="accounts.sync_roles")
        checks.register(_role_map_is_sound, checks.Tags.security)
        # A role's model permissions come with its group; grants decide the groups.
        for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
            uid = f"accounts.sync_groups.{name}"
            signal.connect(_sync_groups, sender="accounts.RoleGrant", dispatch_uid=uid)
        user_logged_in.connect(forget_failures_on_login, dispatch_uid="accounts.forget_failures")
        user_logged_in.connect(mark_start, dispatch_uid="accounts.session_start")
        user_logged_in.connect(note_login, dispatch_uid="accounts.note_login")
        user_logged_in.connect(mark_login, dispatch_uid="accounts.two_factor")
