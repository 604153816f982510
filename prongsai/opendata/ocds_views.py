"""OCDS release packages of published procurement records: every one under an address, a month's, or one.

Addresses are in no language and answer GET and HEAD (other methods get 405). A package that
cannot be given is a JSON 404 that says why in Thai and in English
(`{"error": {"status": 404, "message": {"th": …, "en": …}}}`).
"""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_safe

from prongsai.organizations.models import Organization

from . import ocds
from .entities import ocds_path, ocds_record_path
from .ocds_selectors import OcdsSource, ocds_source
from .settings import ocid_prefix, opendata_license

_NO_ORGANIZATION = pgettext_lazy("opendata", "No unit or department has the address name “%(slug)s”.")
_NO_RECORDS = pgettext_lazy("opendata", "%(name)s has published no procurement records.")
_BAD_MONTH = pgettext_lazy("opendata", "“%(month)s” is not a month: write it as YYYY-MM (CE), for example 2026-03.")
_NO_MONTH = pgettext_lazy("opendata", "%(name)s has published no procurement records of %(month)s.")
_NO_RECORD = pgettext_lazy("opendata", "%(name)s has published no procurement numbered %(sequence)s in %(month)s.")
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


@require_safe
def package(request: HttpRequest, slug: str, month: str | None = None) -> HttpResponse:
    """Give the release package of every published procurement record under an address, or of one month's."""
    if month is not None and not ocds.is_month(month):
        return _not_found(_BAD_MONTH, month=_echo(month))
    source = ocds_source(slug=slug)
    if source is None:
        return _not_found(_NO_ORGANIZATION, slug=_echo(slug))
    if not source.records:
        return _not_found(_NO_RECORDS, source.organization)
    if month is None:
        return _package(request, source, source.records, ocds_path(source.organization.slug))
    records = source.of_month(month)
    if not records:
        return _not_found(_NO_MONTH, source.organization, month=month)
    return _package(request, source, records, ocds_path(source.organization.slug, month))


@require_safe
def record(request: HttpRequest, slug: str, month: str, sequence: int) -> HttpResponse:
    """Give the release package of one published procurement: a unit's month and ลำดับ."""
    if not ocds.is_month(month):
        return _not_found(_BAD_MONTH, month=_echo(month))
    source = ocds_source(slug=slug)
    if source is None:
        return _not_found(_NO_ORGANIZATION, slug=_echo(slug))
    if source.organization.kind == Organization.Kind.DEPARTMENT:
        return _not_found(_PER_UNIT, source.organization)
    found = source.one(month, sequence)
    if found is None:
        return _not_found(_NO_RECORD, source.organization, month=month, sequence=_echo(str(sequence)))
    return _package(request, source, [found], ocds_record_path(source.organization.slug, month, sequence))
