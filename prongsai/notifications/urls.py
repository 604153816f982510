"""Workspace addresses of a person's notices, under /th|en/workspace/notices/."""

from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("", views.notice_list_view, name="list"),
    path("<int:pk>/read/", views.notice_read, name="read"),
    path("read-all/", views.notices_read_all, name="read_all"),
    path("settings/", views.notice_preferences, name="preferences"),
]
