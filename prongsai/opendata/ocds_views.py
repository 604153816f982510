"""OCDS release packages of published procurement records: every one under an address, a month's, or one.

Addresses are in no language and answer GET and HEAD (other methods get 405). A package that
cannot be given is a JSON 404 that says why in Thai and in English
(`{"error": {"status": 404, "message": {"th": …, "en": …}}}`).

A package is kept in the cache under its address, the digest of the address's procurement dataset
(which moves whenever its published records do) and the public edition (which moves when a name in
it changes), and carries that as its entity tag: a repeat costs two queries, a revalidation a 304.
"""

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_safe

from prongsai.organizations.models import Organization
from prongsai.publication.selectors import edition_current

from . import ocds
from .entities import OCDS_PACKAGE_MAX_RELEASES, ocds_path, ocds_record_path
from .kinds import DatasetKind
from .models import Dataset
from .ocds_selectors import SLUG_MAX, OcdsSource, ocds_source
from .settings import ocid_prefix, opendata_license

_NO_ORGANIZATION = pgettext_lazy("opendata", "No unit or department has the address name “%(slug)s”.")
_NO_RECORDS = pgettext_lazy("opendata", "%(name)s has published no procurement records.")
_BAD_MONTH = pgettext_lazy("opendata", "“%(month)s” is not a month: write it as YYYY-MM (CE), for example 2026-03.")
_NO_MONTH = pgettext_lazy("opendata", "%(name)s has published no procurement records of %(month)s.")
_NO_RECORD = pgettext_lazy("opendata", "%(name)s has published no procurement numbered %(sequence)s in %(month)s.")
_TOO_MANY = pgettext_lazy(
    "opendata",
    "%(name)s has published %(count)s procurement records, more than one package holds (%(limit)s): "
    "take them a month at a time, e.g. %(example)s.",
)
_PER_UNIT = pgettext_lazy(
    "opendata", "Each procurement is published at the address of the unit that made it, not of %(name)s."
)
# An address part is echoed back in a message at most this long (the address itself may be any length).
_ECHO_MAX = 40


def _echo(text: str) -> str:
    return text if len(text) <= _ECHO_MAX else f"{text[:_ECHO_MAX]}…"


def _not_found(message: Promise, organization: Organization | None = None, **params: Any) -> HttpResponse:
    """Return a JSON 404 saying the message in Thai and in English (names in each language)."""
    said = {}
    for language in ("th", "en"):
        with translation.override(language):
            names = {"name": organization.name(language)} if organization is not None else {}
            said[language] = str(message) % {**params, **names}
    body = json.dumps({"error": {"status": 404, "message": said}}, ensure_ascii=False)
    return HttpResponse(body, status=404, content_type="application/json")


def _package(request: HttpRequest, source: OcdsSource, records: list[ocds.PublishedRecord], path: str) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    with translation.override("th"):
        publisher_path = reverse("portal:unit", args=[source.publisher.slug])
    # The guide is given in English: most readers of OCDS data are outside Thailand.
    with translation.override("en"):
        policy_path = reverse("opendata_pages:developers")
    meta = ocds.PackageMeta(
        uri=base + path,
        publisher_name=source.publisher.name_th,
        publisher_uri=base + publisher_path,
        license_url=opendata_license().url,
        publication_policy_url=base + policy_path,
    )
    package = ocds.release_package(records, prefix=ocid_prefix(), meta=meta)
    return HttpResponse(ocds.package_json(package), content_type="application/json")


def _cached(request: HttpRequest, slug: str, build: Any) -> HttpResponseBase:
    """Answer from the cache when the address's records and names are unchanged, else build and keep the answer."""
    dataset = (
        Dataset.objects.filter(organization__slug=slug, kind=DatasetKind.PROCUREMENT_RECORDS)
        .select_related("organization")
        .first()
    )
    if dataset is None:  # nothing published under the address: the builder says why
        response: HttpResponseBase = build(None)
        return response
    address = request.build_absolute_uri(request.path)
    parts = [dataset.digest, edition_current(), address, ocid_prefix(), opendata_license().id]
    etag = '"' + hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32] + '"'
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is None:
        cache = caches[settings.PRONGSAI_PORTAL_CACHE]
        key = f"opendata:ocds:{etag}"
        body = cache.get(key)
        if body is None:
            built: HttpResponse = build(dataset)
            if built.status_code != 200:
                return built
            body = built.content
            cache.set(key, body, settings.PRONGSAI_PORTAL_CACHE_SECONDS)
        unchanged = HttpResponse(body, content_type="application/json")
    unchanged["ETag"] = etag
    unchanged["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(unchanged, public=True, no_cache=True)
    return unchanged


@require_safe
def package(request: HttpRequest, slug: str, month: str | None = None) -> HttpResponseBase:
    """Give the release package of every published procurement record under an address, or of one month's."""
    if month is not None and not ocds.is_month(month):
        return _not_found(_BAD_MONTH, month=_echo(month))
    if len(slug) > SLUG_MAX:  # longer than any slug: nobody's
        return _not_found(_NO_ORGANIZATION, slug=_echo(slug))
    return _cached(request, slug, lambda dataset: _package_of(request, slug, month, dataset))


def _too_many(organization: Organization, count: int, last_month: str) -> HttpResponse:
    example = ocds_path(organization.slug, last_month)
    return _not_found(_TOO_MANY, organization, count=count, limit=OCDS_PACKAGE_MAX_RELEASES, example=example)


def _package_of(request: HttpRequest, slug: str, month: str | None, dataset: Dataset | None) -> HttpResponse:
    # The catalogue knows how many records the address has: too many are refused before any is read.
    months = (dataset.coverage or {}).get("months") if dataset is not None else None
    if month is None and dataset is not None and dataset.rows > OCDS_PACKAGE_MAX_RELEASES and months:
        return _too_many(dataset.organization, dataset.rows, months[-1])
    source = ocds_source(slug=slug)
    if source is None:
        return _not_found(_NO_ORGANIZATION, slug=_echo(slug))
    if not source.records:
        return _not_found(_NO_RECORDS, source.organization)
    if month is None:
        if len(source.records) > OCDS_PACKAGE_MAX_RELEASES:
            return _too_many(source.organization, len(source.records), source.records[-1].record["month"])
        return _package(request, source, source.records, ocds_path(source.organization.slug))
    records = source.of_month(month)
    if not records:
        return _not_found(_NO_MONTH, source.organization, month=month)
    return _package(request, source, records, ocds_path(source.organization.slug, month))


@require_safe
def record(request: HttpRequest, slug: str, month: str, sequence: int) -> HttpResponseBase:
    """Give the release package of one published procurement: a unit's month and ลำดับ."""
    if not ocds.is_month(month):
        return _not_found(_BAD_MONTH, month=_echo(month))
    if len(slug) > SLUG_MAX:
        return _not_found(_NO_ORGANIZATION, slug=_echo(slug))
    return _cached(request, slug, lambda dataset: _record_of(request, slug, month, sequence))


def _record_of(request: HttpRequest, slug: str, month: str, sequence: int) -> HttpResponse:
    source = ocds_source(slug=slug)
    if source is None:
        return _not_found(_NO_ORGANIZATION, slug=_echo(slug))
    if source.organization.kind == Organization.Kind.DEPARTMENT:
        return _not_found(_PER_UNIT, source.organization)
    found = source.one(month, sequence)
    if found is None:
        return _not_found(_NO_RECORD, source.organization, month=month, sequence=_echo(str(sequence)))
    return _package(request, source, [found], ocds_record_path(source.organization.slug, month, sequence))
