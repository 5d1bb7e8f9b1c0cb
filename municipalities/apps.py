from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


def _choose_at_login(sender, request, user, **kwargs):
    from accounts.roles import UserRoles

    from .current import SESSION_KEY, first_of

    if request is not None and hasattr(request, "session"):
        first = first_of(UserRoles(user).municipality_ids())
        if first is not None:
            request.session[SESSION_KEY] = first


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = _("Municipalities")

    def ready(self):
        # The first page after login then needs no query to know which municipality it is for.
        user_logged_in.connect(_choose_at_login, dispatch_uid="municipalities.choose_at_login")
