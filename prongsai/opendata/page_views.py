"""The open data's pages for people: the catalogue, each dataset, and the developers' guide.

Not kept in the portal's page cache: that cache is keyed on the public edition, which publishing
moves, but the catalogue also changes without anyone publishing (a complaint received, a website
check finished), and the catalogue page takes free text like the portal's search. Each page is a
fixed handful of queries instead, and carries an ETag of the catalogue's state (its size and last
change, `page_selectors.catalogue_state`): a browser revalidating an unchanged page costs one
query and gets a 304.
"""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import pgettext
from django.views.decorators.http import condition, require_safe

from prongsai.publication.searchtext import MAX_QUERY_LENGTH

from .entities import TABLE_FORMATS
from .kinds import GROUPS
from .page_selectors import (
    FORMATS,
    CatalogueProblem,
    CatalogueQuery,
    catalogue_search,
    catalogue_state,
    dataset_page,
    developer_examples,
)
from .settings import catalog_page_size, ocid_prefix, opendata_license


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    # The language is in every address already; naming it keeps the /th/ and /en/ tags apart all the same.
    return f'"{catalogue_state()}-{translation.get_language() or "th"}"'


def _revalidated(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer GET and HEAD only, with the catalogue's ETag, and let browsers keep a page only if they revalidate it."""

    @require_safe
    @condition(etag_func=_etag)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        patch_cache_control(response, public=True, no_cache=True)
        return response

    wrapper.__doc__ = view.__doc__
    wrapper.__name__ = view.__name__
    return wrapper


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _problem_messages() -> dict[CatalogueProblem, str]:
    return {
        CatalogueProblem.TEXT_TOO_LONG: pgettext(
            "opendata", "The search text is too long (at most %(limit)d characters), so every dataset is shown."
        ),
        CatalogueProblem.UNKNOWN_ORGANIZATION: pgettext(
            "opendata", "The organization asked for publishes no dataset here, so every organization's are shown."
        ),
        CatalogueProblem.UNKNOWN_GROUP: pgettext(
            "opendata", "There is no such theme, so datasets of every theme are shown."
        ),
        CatalogueProblem.UNKNOWN_FORMAT: pgettext(
            "opendata", "There is no such format, so datasets in every format are shown."
        ),
    }


@_revalidated
def catalogue(request: HttpRequest) -> HttpResponse:
    """List the datasets, searchable and filtered by organization, theme and format, twenty to a page."""
    query = CatalogueQuery(
        text=request.GET.get("q", ""),
        organization=request.GET.get("organization", ""),
        group=request.GET.get("group", ""),
        file_format=request.GET.get("format", ""),
        page=request.GET.get("page", ""),
    )
    result = catalogue_search(query)
    messages = _problem_messages()
    problems = [messages[problem] % {"limit": MAX_QUERY_LENGTH} for problem in result.problems]
    # The pager's links keep the applied filters (not a refused value) and change the page only.
    kept = request.GET.copy()
    kept.pop("page", None)
    for problem, key in (
        (CatalogueProblem.TEXT_TOO_LONG, "q"),
        (CatalogueProblem.UNKNOWN_ORGANIZATION, "organization"),
        (CatalogueProblem.UNKNOWN_GROUP, "group"),
        (CatalogueProblem.UNKNOWN_FORMAT, "format"),
    ):
        if problem in result.problems:
            kept.pop(key, None)
    context = {
        "result": result,
        "problems": problems,
        "groups": GROUPS,
        "formats": FORMATS,
        "pager_query": kept.urlencode(),
        "license": opendata_license(),
        "crumbs": [(pgettext("opendata", "Open data"), None)],
    }
    return render(request, "opendata/catalogue.html", context)


@_revalidated
def dataset(request: HttpRequest, name: str) -> HttpResponse:
    """Show one dataset: what it holds, its GD-Catalog metadata, its downloads, columns and machine addresses."""
    page = dataset_page(name)
    if page is None:
        raise Http404(pgettext("opendata", "There is no dataset at this address in the open data catalogue."))
    base = _base_url(request)
    language = translation.get_language() or "th"
    context = {
        "page": page,
        "entry": page.entry,
        "license": page.entry.license,
        "package_show_url": f"{base}/api/3/action/package_show?id={page.entry.name}",
        "catalog_ttl_url": f"{base}/catalog.ttl",
        "catalog_jsonld_url": f"{base}/catalog.jsonld",
        "crumbs": [
            (pgettext("opendata", "Open data"), reverse("opendata_pages:catalogue")),
            (page.entry.title(language), None),
        ],
    }
    return render(request, "opendata/dataset.html", context)


@_revalidated
def developers(request: HttpRequest) -> HttpResponse:
    """Explain the CKAN-compatible API, the DCAT catalogue, OCDS and the downloads, with examples that work here."""
    examples = developer_examples()
    context = {
        "base": _base_url(request),
        "examples": examples,
        "dataset_name": examples.dataset or "DATASET-NAME",
        "organization_name": examples.organization or "ORGANIZATION-NAME",
        "ocds_unit": examples.ocds_unit or "UNIT",
        "ocds_month": examples.ocds_month or "YYYY-MM",
        "since": examples.since or "YYYY-MM-DDTHH:MM:SSZ",
        "ocid_prefix": ocid_prefix(),
        "ocid_example": f"{ocid_prefix()}-{examples.ocds_unit or 'UNIT'}-{examples.ocds_month or 'YYYY-MM'}-1",
        "page_size": catalog_page_size(),
        "table_formats": TABLE_FORMATS,
        "license": opendata_license(),
        "crumbs": [
            (pgettext("opendata", "Open data"), reverse("opendata_pages:catalogue")),
            (pgettext("opendata", "Developers"), None),
        ],
    }
    return render(request, "opendata/developers.html", context)
