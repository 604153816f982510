"""The site's URLconf plus /bench/hello/, the bare Django view the portal pages are measured against."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from config.urls import urlpatterns as site_urlpatterns


def hello(request: HttpRequest) -> HttpResponse:
    """Answer "hello" with no query and no template: the floor of what a request costs on this stack."""
    return HttpResponse("hello")


urlpatterns: list[URLPattern | URLResolver] = [path("bench/hello/", hello), *site_urlpatterns]
