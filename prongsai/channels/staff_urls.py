"""Workspace addresses where step-4 staff and the ICT Center triage opinions and complaints."""

from django.urls import path

from . import staff_views

app_name = "channel_desk"
urlpatterns = [
    path("", staff_views.desk_list, name="list"),
    path("<int:pk>/", staff_views.desk_detail, name="detail"),
    path("<int:pk>/attachment/", staff_views.desk_attachment, name="attachment"),
    path("<int:pk>/assign/", staff_views.desk_assign, name="assign"),
    path("<int:pk>/reply/", staff_views.desk_reply, name="reply"),
    path("<int:pk>/status/", staff_views.desk_status, name="status"),
    path("<int:pk>/close/", staff_views.desk_close, name="close"),
]
