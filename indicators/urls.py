from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("indikatorer/", views.indicator_list, name="list"),
    path("indikatorer/import/", views.import_values, name="import"),
    path("indikatorer/import/bekrafta/", views.confirm_import, name="confirm_import"),
    path("indikatorer/export.csv", views.export_values, name="export"),
    path("indikatorer/<slug:code>/", views.indicator_grid, name="grid"),
]
