"""Addresses of the reports' files, under /th|en/workspace/reports/files/ (namespace report_files)."""

from django.urls import path

from . import download_views

app_name = "report_files"
urlpatterns = [
    path("units/<int:pk>/<str:format>/", download_views.unit_version_file, name="unit_version"),
    path("overall/<int:pk>/<str:format>/", download_views.overall_report_file, name="overall"),
]
