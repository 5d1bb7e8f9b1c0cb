from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.meeting_list, name="year"),
    path("<int:year>/siffror/", views.figures, name="figures"),
    path("<int:year>/vecka/<int:week>/nytt-mote/", views.meeting_new, name="new"),
    path("<int:year>/vecka/<int:week>/inget-mote/", views.no_meeting, name="no_meeting"),
    path("mote/<int:pk>/", views.meeting_detail, name="detail"),
    path("mote/<int:pk>/andra/", views.meeting_edit, name="edit"),
    path("mote/<int:pk>/sammanfattning/", views.summary, name="summary"),
    path("mote/<int:pk>/sammanfattning/skicka/", views.summary_send, name="summary_send"),
]
