"""Workspace addresses of the monitor, under /th|en/workspace/monitor/."""

from django.urls import path

from . import run_views, views

app_name = "monitor"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("units/<slug:slug>/", views.unit_monitor, name="unit"),
    path("units/<slug:slug>/findings/<int:pk>/override/", views.override, name="override"),
    path("units/<slug:slug>/check/", run_views.check_now, name="check_now"),
    path("checks/<int:pk>/", run_views.check_detail, name="check"),
    path("checks/<int:pk>/progress/", run_views.check_progress, name="check_progress"),
    path("checks/<int:pk>/withdraw/", run_views.check_withdraw, name="check_withdraw"),
    path("checks/<int:pk>/evidence/", views.evidence, name="evidence"),
    path("checks/<int:pk>/evidence/body/", views.evidence_body, name="evidence_body"),
    path("checks/<int:pk>/evidence.warc.gz", views.evidence_archive, name="evidence_archive"),
]
