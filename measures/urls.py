from django.urls import path

from . import views

app_name = "measures"
urlpatterns = [
    path("<slug:slug>/atgarder/", views.measure_list, name="list"),
    path("<slug:slug>/atgarder/<int:year>/uppfoljning/", views.follow_up, name="follow_up"),
]
