"""Workspace addresses of the reporting rounds, under /th|en/workspace/reports/."""

from django.urls import path

from . import views

app_name = "reports"
unit = "<str:code>/units/<slug:slug>/"
urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("open/", views.round_open_view, name="round_open"),
    path("<str:code>/", views.round_detail, name="round"),
    path("<str:code>/<str:action>/", views.round_action, name="round_action"),
    path(unit, views.unit_report_page, name="unit_report"),
    path(unit + "start/", views.unit_report_start_view, name="unit_report_start"),
    path(unit + "edit/", views.unit_report_edit, name="unit_report_edit"),
    path(unit + "diff/<int:before>/<int:after>/", views.unit_report_diff_view, name="unit_report_diff"),
    path(unit + "do/<str:action>/", views.unit_report_action, name="unit_report_action"),
]
