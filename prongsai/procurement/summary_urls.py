"""Workspace addresses for monthly summaries (สขร.1) and the reconciliation against the plan.

Under /th|en/workspace/procurement/summaries/ (namespace procurement_summaries); months are
written YYYY-MM (CE), fiscal years in the Buddhist era.
"""

from django.urls import path

from . import summary_views

app_name = "procurement_summaries"
urlpatterns = [
    path("<slug:slug>/", summary_views.unit_summaries, name="unit"),
    path("<slug:slug>/<int:fiscal_year>/", summary_views.year_page, name="year"),
    path("<slug:slug>/<int:fiscal_year>/reconciliation/", summary_views.reconciliation_page, name="reconciliation"),
    path("<slug:slug>/month/<str:month>/", summary_views.month_page, name="month"),
    path("<slug:slug>/month/<str:month>.pdf", summary_views.month_file, {"format": "pdf"}, name="month_pdf"),
    path("<slug:slug>/month/<str:month>.xlsx", summary_views.month_file, {"format": "xlsx"}, name="month_xlsx"),
]
