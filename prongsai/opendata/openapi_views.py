"""The OpenAPI description of the machine addresses (openapi.py builds it), at /api/openapi.json."""

import functools
import hashlib
import importlib.metadata
import json

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from .openapi import examples_of, openapi_document
from .openapi_selectors import openapi_example
from .settings import contact_email, opendata_license

# How long the built document is reused. Its examples name datasets of the catalogue, which may be
# a few minutes behind; everything else changes only with a deployment.
CACHE_SECONDS = 300


@functools.cache
def project_version() -> str:
    """Return the installed project's version (pyproject.toml's), which the description carries; read once."""
    try:
        return importlib.metadata.version("prongsai")
    except importlib.metadata.PackageNotFoundError:
        # Run from a checkout that was never installed: say so rather than invent a number.
        return "0+unknown"


def _document_bytes(base_url: str) -> bytes:
    """Return the document of the server at `base_url`, built once per CACHE_SECONDS for each address."""
    version = project_version()
    data_license = opendata_license()
    # The version and licence in the key: a deployment that changes them is not served the old document.
    key = "opendata:openapi:" + hashlib.sha256(f"{base_url}\n{version}\n{data_license.id}".encode()).hexdigest()
    body = cache.get(key)
    if isinstance(body, bytes):
        return body
    # The developers' guide in Thai, whatever language this request asked for: the cached document is shared.
    with translation.override("th"):
        developers = reverse("opendata_pages:developers")
    document = openapi_document(
        base_url=base_url,
        version=version,
        data_license=data_license,
        contact_email=contact_email(),
        developers_url=base_url + developers,
        examples=examples_of(openapi_example()),
    )
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    cache.set(key, body, CACHE_SECONDS)
    return body


@require_safe
def openapi(request: HttpRequest) -> HttpResponse:
    """Serve the OpenAPI 3.1 description of this server: JSON, open to every origin, cached (ETag, max-age)."""
    body = _document_bytes(request.build_absolute_uri("/").rstrip("/"))
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    # A client that holds this version gets 304, without the body.
    response = get_conditional_response(request, etag=etag, response=response) or response
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
