"""Workspace addresses for monthly summaries (สขร.1) and the reconciliation against the plan."""

from django.urls import URLPattern

app_name = "procurement_summaries"
urlpatterns: list[URLPattern] = []
