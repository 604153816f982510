"""Workspace addresses of the monitor, under /th|en/workspace/monitor/."""

from django.urls import path

from . import views

app_name = "monitor"
urlpatterns = [
    path("units/<slug:slug>/", views.unit_monitor, name="unit"),
    path("units/<slug:slug>/findings/<int:pk>/override/", views.override, name="override"),
]
