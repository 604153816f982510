"""Read the catalogue as plain entities (entities.py) for the API, the DCAT catalogue and the portal."""

import datetime as dt
import re
import uuid
from collections.abc import Iterable

from django.db.models import QuerySet

from prongsai.organizations.models import Organization

from .entities import DatasetEntry, Publisher, organization_uuid
from .kinds import DatasetKind, Scope
from .models import Dataset
from .settings import opendata_license

_RESOURCE_ID = re.compile(r"^(?P<name>[a-z0-9_-]+?)-(?:csv|json|xlsx|ocds(?:-\d{4}-\d{2})?)$")


def publisher_of(organization: Organization) -> Publisher:
    """Return an organization as a publisher; its websites and parent should be prefetched/selected."""
    websites = list(organization.websites.all())
    primary = next((site.url for site in websites if site.is_primary), websites[0].url if websites else "")
    parent = organization.parent
    return Publisher(
        pk=organization.pk,
        id=organization_uuid(organization.pk),
        name=organization.slug.lower(),
        slug=organization.slug,
        title_th=organization.name_th,
        title_en=organization.name_en,
        is_department=organization.kind == Organization.Kind.DEPARTMENT,
        created=organization.created_at,
        website=primary,
        parent_name=parent.slug.lower() if parent is not None else None,
    )


def publishers() -> QuerySet[Organization]:
    """Return the organizations that publish (active ones), parents selected and websites prefetched."""
    return (
        Organization.objects.filter(is_active=True)
        .select_related("parent")
        .prefetch_related("websites")
        .order_by("sort_order", "slug")
    )


def datasets() -> QuerySet[Dataset]:
    """Return the catalogue's datasets in id order, with what `dataset_entries` reads selected and prefetched."""
    return (
        Dataset.objects.filter(organization__is_active=True)
        .select_related("organization", "organization__parent")
        .prefetch_related("organization__websites")
        .order_by("uuid")
    )


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def dataset_entry(row: Dataset) -> DatasetEntry:
    """Return a catalogue row as an entity (its organization selected, websites prefetched)."""
    coverage = row.coverage or {}
    return DatasetEntry(
        id=str(row.uuid),
        name=row.name,
        kind=DatasetKind(row.kind),
        scope=Scope(row.scope),
        publisher=publisher_of(row.organization),
        title_th=row.title_th,
        title_en=row.title_en,
        notes_th=row.notes_th,
        notes_en=row.notes_en,
        created=row.metadata_created,
        modified=row.metadata_modified,
        license=opendata_license(),
        rows=row.rows,
        fiscal_years=tuple(int(year) for year in coverage.get("fiscal_years", [])),
        months=tuple(str(month) for month in coverage.get("months", [])),
        temporal_start=_date(coverage.get("start")),
        temporal_end=_date(coverage.get("end")),
    )


def dataset_entries(rows: Iterable[Dataset]) -> list[DatasetEntry]:
    return [dataset_entry(row) for row in rows]


def dataset_find(name_or_id: str) -> DatasetEntry | None:
    """Return the dataset with that name or id (CKAN accepts either): three queries, or none for a malformed id."""
    value = (name_or_id or "").strip()
    if not value or len(value) > 100:
        return None
    try:
        key = uuid.UUID(value)
    except ValueError:
        row = datasets().filter(name=value.lower()).first()
    else:
        row = datasets().filter(uuid=key).first()
    return dataset_entry(row) if row is not None else None


def dataset_for_resource(resource_id: str) -> DatasetEntry | None:
    """Return the dataset a resource id belongs to (`<dataset name>-csv`, `-ocds-2026-03`, …), or None."""
    found = _RESOURCE_ID.match((resource_id or "").strip())
    if found is None:
        return None
    entry = dataset_find(found["name"])
    if entry is None or entry.distribution(resource_id.strip()) is None:
        return None
    return entry
