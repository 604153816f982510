"""Workspace addresses for action plans and their progress (5.1.4, 5.1.5)."""

from django.urls import URLPattern

app_name = "plans"
urlpatterns: list[URLPattern] = []
