from django.urls import path

from . import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("ny/", views.agreement_new, name="new"),
    path("<slug:slug>/", views.agreement_detail, name="detail"),
    path("<slug:slug>/satt-i-kraft/", views.agreement_set_in_force, name="set_in_force"),
    path("<slug:slug>/<int:year>/problembild/", views.problem_picture_edit, name="problem_picture"),
    path("<slug:slug>/<int:year>/medborgarloften/", views.promises_edit, name="promises"),
]
