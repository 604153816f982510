"""Workspace addresses for workbook imports and the templates to fill, under /th|en/workspace/procurement/import/."""

from django.urls import path

from . import import_views

app_name = "procurement_import"
urlpatterns = [
    # Before "<slug:slug>/": the templates are nobody's unit.
    path("templates/records.xlsx", import_views.records_template_download, name="records_template"),
    path("templates/plan.xlsx", import_views.plan_template_download, name="plan_template"),
    path("<slug:slug>/", import_views.import_page, name="upload"),
]
