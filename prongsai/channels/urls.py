"""Public addresses of the opinion (5.1.10) and complaint (5.1.11) channels."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

app_name = "channels"


def _not_yet(request: HttpRequest, **kwargs: str) -> HttpResponse:
    raise Http404


urlpatterns = [
    path("units/<slug:slug>/opinions/new/", _not_yet, name="opinion_new"),
    path("units/<slug:slug>/complaints/new/", _not_yet, name="complaint_new"),
    path("units/<slug:slug>/channels/statistics/", _not_yet, name="statistics"),
    path("track/", _not_yet, name="track"),
]
