"""The CKAN Action API (read-only). Placeholder until the API lands."""

from django.http import HttpRequest, HttpResponse, JsonResponse


def action(request: HttpRequest, name: str) -> HttpResponse:
    return JsonResponse({"success": False, "error": {"__type": "Not Found Error", "message": "Not found"}}, status=404)
