"""Workspace addresses of the monitor, under /th|en/workspace/monitor/."""

from django.urls import path

from . import views

app_name = "monitor"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("units/<slug:slug>/", views.unit_monitor, name="unit"),
    path("units/<slug:slug>/findings/<int:pk>/override/", views.override, name="override"),
    path("checks/<int:pk>/evidence/", views.evidence, name="evidence"),
    path("checks/<int:pk>/evidence/body/", views.evidence_body, name="evidence_body"),
    path("checks/<int:pk>/evidence.warc.gz", views.evidence_archive, name="evidence_archive"),
]
