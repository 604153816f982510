"""The open data's pages. Placeholder until they land."""

from django.http import Http404, HttpRequest, HttpResponse


def catalogue(request: HttpRequest) -> HttpResponse:
    raise Http404


def dataset(request: HttpRequest, name: str) -> HttpResponse:
    raise Http404


def developers(request: HttpRequest) -> HttpResponse:
    raise Http404
