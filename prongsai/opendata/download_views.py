"""Dataset downloads: /opendata/datasets/<name>.csv|json|xlsx.

Anyone may fetch them from anywhere (CORS `*`). Each answer carries the dataset's ETag and
Last-Modified, so a client that has the current file gets a 304; a repeat download is served from
the cache (downloads.py) after one query.
"""

import json

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from .downloads import NAME_LIMIT, download_content, download_dataset, download_etag, download_media_type
from .entities import JSON


def _open(response: HttpResponseBase) -> HttpResponseBase:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _not_found(name: str, file_format: str) -> HttpResponse:
    """Say in Thai and English that no dataset has the name: JSON for a JSON download, plain text otherwise."""
    shown = name[:NAME_LIMIT]
    messages = {}
    for language in ("th", "en"):
        with translation.override(language):
            messages[language] = pgettext("opendata", "There is no dataset named “%(name)s”.") % {"name": shown}
    if file_format == JSON:
        body = json.dumps({"error": "not_found", "message": messages}, ensure_ascii=False)
        return HttpResponse(body, status=404, content_type="application/json")
    return HttpResponse(f"{messages['th']}\n{messages['en']}\n", status=404, content_type="text/plain; charset=utf-8")


@require_safe
def table(request: HttpRequest, name: str, file_format: str) -> HttpResponseBase:
    """Send a dataset as CSV, JSON or XLSX as an attachment, or 304 when the client's copy is current."""
    dataset = download_dataset(name)
    if dataset is None:
        return _open(_not_found(name, file_format))
    etag = download_etag(dataset, file_format)
    last_modified = int(dataset.metadata_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        base_url = request.build_absolute_uri("/").rstrip("/")
        content = download_content(dataset, file_format=file_format, base_url=base_url)
        response = HttpResponse(content, content_type=download_media_type(file_format))
        response["Content-Disposition"] = f'attachment; filename="{dataset.name}.{file_format.lower()}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Anyone may keep a copy, but must ask whether it is still current before using it.
    patch_cache_control(response, public=True, no_cache=True)
    return _open(response)
