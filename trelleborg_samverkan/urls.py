from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from django.views.i18n import set_language

from accounts.two_factor import second_factor_exempt
from accounts.views import LoginView, LogoutView

admin.site.site_header = _("Samverkan – administration")
admin.site.site_title = _("Samverkan")
admin.site.index_title = _("Administration")

urlpatterns = [
    # One login page for all, with its second factor and single sign-on.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="login", query_string=True)),
        name="admin_login",
    ),
    path("admin/", admin.site.urls),
    # Choosing a language is allowed before logging in: the login page offers it.
    path("sprak/", second_factor_exempt(login_not_required(set_language)), name="set_language"),
    path("logga-in/", LoginView.as_view(), name="login"),
    path("logga-ut/", second_factor_exempt(LogoutView.as_view()), name="logout"),
    path("", include("accounts.urls")),
    path("kommun/", include("municipalities.urls")),
    path("overenskommelser/", include("agreements.urls")),
    path("overenskommelser/", include("measures.urls")),
    path("", include("indicators.urls")),
    path("moten/", include("meetings.urls")),
    path("enkat/", include("surveys.urls")),
    path("rapporter/", include("reports.urls")),
]
