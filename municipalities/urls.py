from django.urls import path

from . import views

app_name = "municipalities"
urlpatterns = [
    path("", views.switch, name="switch"),
    path("jamforelse/", views.police_area, name="police_area"),
]
