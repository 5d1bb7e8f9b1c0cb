from django.urls import path

from . import views

app_name = "reports"
report = "<slug:slug>/<int:year>/"
version = report + "v<int:version>/"
urlpatterns = [
    path("", views.report_list, name="list"),
    path(report, views.report_detail, name="detail"),
    path(version, views.report_detail, name="version"),
    path(report + "rapport.pdf", views.report_pdf, name="pdf"),
    path(version + "rapport.pdf", views.report_pdf, name="version_pdf"),
    path(report + "siffror.<str:fmt>", views.report_figures, name="figures"),
    path(version + "siffror.<str:fmt>", views.report_figures, name="version_figures"),
    path(report + "mal.json", views.goals_json, name="goals_json"),
    path(report + "redigera/", views.report_edit, name="edit"),
    path(report + "bedomningar/", views.goal_assessments, name="assessments"),
    path(report + "uppfoljning/", views.follow_up, name="follow_up"),
    path(report + "presentera/", views.report_present, name="present"),
    path(report + "ny-version/", views.report_new_version, name="new_version"),
]
