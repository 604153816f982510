"""Workspace addresses for workbook imports and the templates to fill."""

from django.urls import URLPattern

app_name = "procurement_import"
urlpatterns: list[URLPattern] = []
