"""Workspace addresses for procurement plans, records and closed months (5.1.7)."""

from django.urls import URLPattern

app_name = "procurement"
urlpatterns: list[URLPattern] = []
