"""Workspace addresses for procurement plans, records and closed months (5.1.7)."""

from django.urls import path

from . import views

app_name = "procurement"
unit = "<slug:slug>/"
month = unit + "month/<str:month>/"
urlpatterns = [
    path("", views.index, name="index"),
    path(unit, views.unit, name="unit"),
    path(unit + "<int:fiscal_year>/", views.year, name="year"),
    path(unit + "<int:fiscal_year>/plan/", views.plan, name="plan"),
    path(unit + "<int:fiscal_year>/plan/lines/new/", views.line_new, name="line_new"),
    path(unit + "plan-lines/<int:pk>/edit/", views.line_edit, name="line_edit"),
    path(unit + "plan-lines/<int:pk>/delete/", views.line_delete, name="line_delete"),
    path(month, views.month, name="month"),
    path(month + "close/", views.month_close_view, name="month_close"),
    path(month + "reopen/", views.month_reopen_view, name="month_reopen"),
    path(month + "records/new/", views.record_new, name="record_new"),
    path(unit + "records/<int:pk>/edit/", views.record_edit, name="record_edit"),
    path(unit + "records/<int:pk>/delete/", views.record_delete_view, name="record_delete"),
]
