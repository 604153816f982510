"""The DCAT-AP catalogue at /catalog.ttl and /catalog.jsonld, a page at a time (`?page=N`, from 1).

Each page links to the first, previous, next and last pages in its Hydra view and in the `Link`
header. A conditional request whose entity tag still matches is answered 304 after one query.
A malformed page number is a 400 and a page beyond the last a 404, each with the reason in Thai
and in English as plain text.
"""

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_safe

from . import dcat
from .dcat_selectors import catalog_datasets, catalog_publisher, catalog_state
from .settings import catalog_page_size, contact_email, opendata_license

MALFORMED = pgettext_lazy("opendata", "The page number must be a whole number from 1, such as ?page=2.")
BEYOND_THE_LAST = pgettext_lazy("opendata", "The catalogue has no such page: its last page is %(last)s.")
NO_PUBLISHER = pgettext_lazy("opendata", "The catalogue has no publisher yet: no department has been set up.")


def _refusal(status: int, message: Promise, **values: object) -> HttpResponse:
    """Answer with the message in Thai, then in English, as plain text."""
    lines = []
    for language in ("th", "en"):
        with translation.override(language):
            lines.append(str(message) % values)
    return HttpResponse("\n".join(lines) + "\n", status=status, content_type="text/plain; charset=utf-8")


def _cache_headers(response: HttpResponseBase, etag: str, links: dict[str, str]) -> HttpResponseBase:
    response["ETag"] = etag
    response["Link"] = dcat.link_header(links)
    # Anyone may keep a page, but must ask again before using it; an unchanged page costs a 304.
    patch_cache_control(response, public=True, no_cache=True)
    return response


@require_safe
def catalog(request: HttpRequest, syntax: str) -> HttpResponseBase:
    """Answer one page of the catalogue in Turtle or JSON-LD."""
    try:
        number = dcat.page_number(request.GET.getlist("page"))
    except dcat.PageNumberError:
        return _refusal(400, MALFORMED)
    size = max(1, catalog_page_size())
    state = catalog_state()
    last = dcat.page_count(state.total, size)
    if number > last:
        return _refusal(404, BEYOND_THE_LAST, last=last)
    address = dcat.PageAddress(request.build_absolute_uri("/").rstrip("/"), syntax, number, size)
    licence, email = opendata_license(), contact_email()
    etag = dcat.catalog_etag(address, state, licence.id, email)
    links = dcat.page_links(address, state.total)
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        return _cache_headers(unchanged, etag, links)
    # Writing a page of 100 datasets takes rdflib about a second: each page is kept under its entity tag,
    # which changes with the catalogue, so every harvester after the first gets the same bytes at once.
    cache = caches[settings.PRONGSAI_PORTAL_CACHE]
    key = f"opendata:dcat:{etag}"
    body = cache.get(key)
    if body is None:
        department = catalog_publisher()
        if department is None:
            return _refusal(404, NO_PUBLISHER)
        page = dcat.CatalogPage(
            address=address,
            state=state,
            department=department,
            datasets=catalog_datasets(number=number, size=size),
            license=licence,
            contact_email=email,
        )
        body = dcat.catalog_document(page)
        cache.set(key, body, settings.PRONGSAI_PORTAL_CACHE_SECONDS)
    response = HttpResponse(body, content_type=dcat.CONTENT_TYPES[syntax])
    return _cache_headers(response, etag, links)
