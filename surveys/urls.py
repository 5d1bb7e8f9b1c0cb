from django.urls import path

from .views import answering

app_name = "surveys"
urlpatterns = [
    path("svar/<str:token>/", answering.answer, name="answer"),
    path("svar/<str:token>/tack/", answering.answered, name="answered"),
]
