"""Workspace addresses where step-4 staff and the ICT Center triage opinions and complaints."""

from django.urls import URLPattern

app_name = "channel_desk"
urlpatterns: list[URLPattern] = []
