"""Public addresses of the opinion (5.1.10) and complaint (5.1.11) channels."""

from django.urls import path

from . import views
from .models import Kind

app_name = "channels"

urlpatterns = [
    path("units/<slug:slug>/opinions/new/", views.submission_new, {"kind": Kind.OPINION.value}, name="opinion_new"),
    path(
        "units/<slug:slug>/complaints/new/", views.submission_new, {"kind": Kind.COMPLAINT.value}, name="complaint_new"
    ),
    path("units/<slug:slug>/channels/statistics/", views.statistics, name="statistics"),
    path("track/", views.track, name="track"),
    path("track/receipt/", views.receipt, name="receipt"),
]
