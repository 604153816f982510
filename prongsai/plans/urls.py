"""Workspace addresses for action plans and their progress (5.1.4, 5.1.5), under /th|en/workspace/plans/."""

from django.urls import path

from . import views

app_name = "plans"
plan = "<slug:slug>/<int:fiscal_year>/"
urlpatterns = [
    path("<slug:slug>/", views.unit_plans, name="unit"),
    path("<slug:slug>/new/", views.plan_new, name="plan_new"),
    path("<slug:slug>/template.xlsx", views.template_download, name="template"),
    path("<slug:slug>/import/", views.import_view, name="import"),
    path(plan, views.plan_page, name="plan"),
    path(plan + "edit/", views.plan_edit, name="plan_edit"),
    path(plan + "workbook.xlsx", views.plan_workbook, name="plan_workbook"),
    path(plan + "programmes/new/", views.programme_new, name="programme_new"),
    path(plan + "programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path(plan + "programmes/<int:pk>/delete/", views.programme_delete_view, name="programme_delete"),
    path(plan + "programmes/<int:pk>/move/<str:direction>/", views.programme_move_view, name="programme_move"),
    path(plan + "programmes/<int:pk>/projects/new/", views.project_new, name="project_new"),
    path(plan + "projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path(plan + "projects/<int:pk>/delete/", views.project_delete_view, name="project_delete"),
    path(plan + "projects/<int:pk>/move/<str:direction>/", views.project_move_view, name="project_move"),
    path(plan + "projects/<int:pk>/progress/", views.progress_page, name="progress"),
    path(plan + "projects/<int:pk>/progress/<str:month>/delete/", views.progress_delete_view, name="progress_delete"),
]
