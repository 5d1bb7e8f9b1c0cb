from django.urls import path

from . import account_views, oidc_views, two_factor_views, views
from .two_factor import second_factor_exempt

urlpatterns = [
    path("", views.home, name="home"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("konto/", account_views.account, name="account"),
    path("konto/losenord/", account_views.PasswordChange.as_view(), name="password_change"),
    path("konto/logga-ut-overallt/", account_views.log_out_everywhere, name="log_out_everywhere"),
    # The names mozilla-django-oidc reverses.
    path(
        "logga-in/oidc/",
        second_factor_exempt(oidc_views.SignIn.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "logga-in/oidc/svar/",
        second_factor_exempt(oidc_views.Callback.as_view()),
        name="oidc_authentication_callback",
    ),
    path("logga-in/kod/", two_factor_views.verify, name="second_factor"),
    path("konto/tvastegsverifiering/", two_factor_views.manage, name="two_factor"),
    path("konto/tvastegsverifiering/reservkoder/", two_factor_views.codes, name="two_factor_codes"),
    path(
        "konto/tvastegsverifiering/nya-reservkoder/",
        two_factor_views.new_codes,
        name="two_factor_new_codes",
    ),
    path("konto/tvastegsverifiering/stang-av/", two_factor_views.turn_off, name="two_factor_off"),
]
