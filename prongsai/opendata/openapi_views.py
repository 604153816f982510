"""The OpenAPI description. Placeholder until it lands."""

from django.http import Http404, HttpRequest, HttpResponse


def openapi(request: HttpRequest) -> HttpResponse:
    raise Http404
