"""The DCAT-AP catalogue. Placeholder until it lands."""

from django.http import Http404, HttpRequest, HttpResponse


def catalog(request: HttpRequest, syntax: str) -> HttpResponse:
    raise Http404
