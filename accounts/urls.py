from django.urls import path

from . import account_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("konto/", account_views.account, name="account"),
    path("konto/losenord/", account_views.PasswordChange.as_view(), name="password_change"),
    path("konto/logga-ut-overallt/", account_views.log_out_everywhere, name="log_out_everywhere"),
]
