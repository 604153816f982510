"""OCDS release packages. Placeholder until they land."""

from django.http import Http404, HttpRequest, HttpResponse


def package(request: HttpRequest, slug: str, month: str | None = None) -> HttpResponse:
    raise Http404


def record(request: HttpRequest, slug: str, month: str, sequence: int) -> HttpResponse:
    raise Http404
