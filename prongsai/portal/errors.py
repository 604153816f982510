"""Error pages: public addresses get the portal's look, workspace and admin addresses the workspace's."""

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.template import loader
from django.views.defaults import page_not_found

_STAFF_PREFIXES = ("/th/workspace/", "/en/workspace/", "/th/admin/", "/en/admin/")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Render the 404 page of the part of the site the address belongs to, with the reason when one was given."""
    if request.path.startswith(_STAFF_PREFIXES):
        return page_not_found(request, exception)
    message = exception.args[0] if exception.args and isinstance(exception.args[0], str) else ""
    template = loader.get_template("portal/404.html")
    return HttpResponseNotFound(template.render({"message": message}, request))
