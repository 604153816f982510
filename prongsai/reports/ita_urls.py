"""Workspace addresses of the ITA sheet, under /th|en/workspace/reports/ita/."""

from django.urls import path

from . import ita_views

app_name = "ita"
urlpatterns = [
    path("", ita_views.ita_sheet_page, name="sheet"),
    path("units/<slug:slug>/<int:year>/ita-sheet.xlsx", ita_views.ita_sheet_download, name="xlsx"),
]
