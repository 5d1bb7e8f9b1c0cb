from django.urls import path

from . import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("ny/", views.agreement_new, name="new"),
    path("<slug:slug>/", views.agreement_detail, name="detail"),
]
