"""Show a version's structured records (an action plan, its progress, procurement) as tables, on any page.

The portal's item page, the workspace's version and review pages and the "fill from records"
preview load this library, so a reviewer sees exactly the tables the public will see: one template
per kind (portal/records/_<kind>.html) over the snapshot, prepared by the app that owns the kind.
"""

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from prongsai.disclosures.models import EntryVersion, VersionRecords
from prongsai.plans.publishing import PLAN_CODES
from prongsai.plans.snapshot import ACTION_PLAN_KIND, PLAN_PROGRESS_KIND
from prongsai.plans.snapshot_tables import plan_tables
from prongsai.procurement.publishing import PROCUREMENT_CODES
from prongsai.procurement.snapshot import (
    PROCUREMENT_PLAN_KIND,
    PROCUREMENT_RECORDS_KIND,
    PROCUREMENT_SUMMARIES_KIND,
)
from prongsai.procurement.snapshot_tables import procurement_tables

register = template.Library()

PLAN_KINDS = frozenset({ACTION_PLAN_KIND, PLAN_PROGRESS_KIND})
PROCUREMENT_KINDS = frozenset({PROCUREMENT_PLAN_KIND, PROCUREMENT_RECORDS_KIND, PROCUREMENT_SUMMARIES_KIND})


@register.filter
def fills_from_records(code: str) -> bool:
    """Say whether a checklist item can be filled from structured records (5.1.4, 5.1.5, 5.1.7.1–5.1.7.3)."""
    return code in PLAN_CODES or code in PROCUREMENT_CODES


@register.filter
def version_records(version: EntryVersion | None) -> VersionRecords | None:
    """Return the version's structured records, or None (one query unless loaded with select_related)."""
    if version is None:
        return None
    return getattr(version, "records", None)


@register.simple_tag
def records_tables(
    kind: str, data: Any, *, level: int = 3, slug: str = "", code: str = "", version_number: int | None = None
) -> SafeString:
    """Render a snapshot of `kind` in the active language; with a unit's `slug` and item `code`, link its files.

    `level` is the heading level of the sections inside (a month of 5.1.7.3); `version_number` keeps
    the ids of two versions shown on one page apart. An unknown kind shows nothing.
    """
    language = "en" if translation.get_language() == "en" else "th"
    prefix = f"v{version_number}-" if version_number is not None else ""
    tables: object
    if kind in PLAN_KINDS:
        tables = plan_tables(data, kind=kind, language=language, prefix=prefix)
    elif kind in PROCUREMENT_KINDS:
        tables = procurement_tables(data, kind=kind, language=language)
    else:
        return SafeString("")
    context = {"tables": tables, "level": level, "slug": slug, "code": code, "prefix": prefix}
    return render_to_string(f"portal/records/_{kind}.html", context)
