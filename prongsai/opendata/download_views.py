"""Dataset downloads (CSV, JSON, XLSX). Placeholder until they land."""

from django.http import Http404, HttpRequest, HttpResponse


def table(request: HttpRequest, name: str, file_format: str) -> HttpResponse:
    raise Http404
