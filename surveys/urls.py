from django.urls import path

from .views import answering, week

app_name = "surveys"
urlpatterns = [
    path("", week.index, name="index"),
    path("<int:year>/vecka/<int:week>/", week.week_view, name="week"),
    path("<int:year>/vecka/<int:week>/svar/", week.responses, name="responses"),
    path("svar/<str:token>/", answering.answer, name="answer"),
    path("svar/<str:token>/tack/", answering.answered, name="answered"),
]
