"""Workspace addresses of the overall report, under /th|en/workspace/reports/overall/."""

from django.urls import path

from . import overall_views as views

app_name = "overall"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.report, name="report"),
    path("<str:code>/executive/", views.executive, name="executive"),
    path("<str:code>/compile/", views.compile_report, name="compile"),
    path("<str:code>/summary/", views.summary, name="summary"),
    path("<str:code>/recommendations/add/", views.recommendation_new, name="recommendation_add"),
    path("<str:code>/recommendations/<int:pk>/", views.recommendation_change, name="recommendation_edit"),
    path("<str:code>/send/", views.send, name="send"),
    path("<str:code>/send-back/", views.send_back, name="send_back"),
    path("<str:code>/approve/", views.approve, name="approve"),
]
