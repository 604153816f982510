"""Keep the catalogue in step with what is published.

`catalogue_sync` recomputes the datasets of the given units (or of every unit) and of their
departments' department-wide datasets, and writes only what changed: a dataset whose digest is
unchanged keeps its `metadata_modified`, so harvesters asking for what changed since a date get
exactly the datasets whose rows or metadata changed. Datasets of units that left, or whose sources
are gone, are removed.

The receivers (receivers.py) ask for a sync of the units a transaction touched with
`catalogue_sync_later`, which runs once after the commit for all of them.
"""

import datetime as dt
import json
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from prongsai.organizations.models import Organization
from prongsai.thaitext import fold

from .entities import dataset_uuid
from .kinds import KIND_SPECS, DatasetKind, Scope, dataset_name
from .models import Dataset
from .settings import opendata_license
from .sources import Source, unit_sources

# Kinds every unit has a dataset of, even an empty one: an empty register or "no complaints" is information.
ALWAYS = (DatasetKind.REGISTER, DatasetKind.CHANNEL_STATISTICS)


@dataclass(frozen=True)
class SyncResult:
    created: int
    updated: int
    removed: int
    unchanged: int


def dataset_titles(kind: DatasetKind, organization: Organization, scope: Scope) -> tuple[str, str]:
    """Return a dataset's Thai and English titles."""
    spec = KIND_SPECS[kind]
    name_en = organization.name_en or organization.name_th
    if scope == Scope.DEPARTMENT:
        return (
            f"{spec.title_th} ทุกหน่วยงาน — {organization.name_th}",
            f"{spec.title_en}, all units — {name_en}",
        )
    return f"{spec.title_th} — {organization.name_th}", f"{spec.title_en} — {name_en}"


def _coverage(source: Source) -> dict[str, object]:
    return {
        "fiscal_years": sorted(source.fiscal_years),
        "months": sorted(source.months),
        "start": source.start.isoformat() if source.start else None,
        "end": source.end.isoformat() if source.end else None,
    }


@dataclass
class _Wanted:
    organization: Organization
    kind: DatasetKind
    scope: Scope
    source: Source


def _row_values(wanted: _Wanted, license_id: str) -> dict[str, object]:
    spec = KIND_SPECS[wanted.kind]
    organization = wanted.organization
    title_th, title_en = dataset_titles(wanted.kind, organization, wanted.scope)
    search = " ".join([title_th, title_en, spec.notes_th, spec.notes_en, *spec.tags, organization.slug])
    values: dict[str, object] = {
        "name": dataset_name(organization.slug, wanted.kind),
        "scope": wanted.scope.value,
        "title_th": title_th,
        "title_en": title_en,
        "notes_th": spec.notes_th,
        "notes_en": spec.notes_en,
        "rows": wanted.source.rows,
        "coverage": _coverage(wanted.source),
        "search_text": fold(search),
    }
    values["digest"] = wanted.source.digest(json.dumps(values, sort_keys=True, default=str), license_id)
    return values


def _department_source(units: list[tuple[str, int, dict[str, Any]]]) -> Source:
    """Combine the unit datasets of one kind (digest, rows, coverage) into the department-wide one."""
    source = Source()
    for digest, rows, coverage in units:
        source.parts.append(digest)
        source.rows += rows
        source.fiscal_years.update(int(year) for year in coverage.get("fiscal_years", []))
        source.months.update(str(month) for month in coverage.get("months", []))
    return source


@transaction.atomic
def catalogue_sync(*, now: dt.datetime | None = None, organization_ids: Iterable[int] | None = None) -> SyncResult:
    """Bring the datasets of the given organizations (None: all) and of their departments up to date.

    Giving a unit's id refreshes the unit's datasets and then, for the kinds whose unit datasets
    changed, its department's department-wide ones; giving a department's id refreshes all of its
    department-wide datasets. Eight queries for one unit whose datasets did not change.
    """
    now = now or timezone.now()
    license_id = opendata_license().id
    organizations = Organization.objects.all()
    named: set[int] | None = None
    if organization_ids is not None:
        named = set(organization_ids)
        organizations = organizations.filter(Q(pk__in=named) | Q(children__pk__in=named)).distinct()
    known = {organization.pk: organization for organization in organizations}
    units = [o for o in known.values() if o.kind == Organization.Kind.UNIT and o.is_active]
    departments = [o for o in known.values() if o.kind == Organization.Kind.DEPARTMENT and o.is_active]
    existing = {
        (row.organization_id, DatasetKind(row.kind)): row for row in Dataset.objects.filter(organization_id__in=known)
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0, "removed": 0}
    changed: set[DatasetKind] = set()

    def write(item: _Wanted) -> None:
        values = _row_values(item, license_id)
        row = existing.get((item.organization.pk, item.kind))
        if row is None:
            Dataset.objects.create(
                uuid=uuid.UUID(dataset_uuid(item.organization.pk, item.kind)),
                organization=item.organization,
                kind=item.kind.value,
                metadata_created=now,
                metadata_modified=now,
                **values,
            )
            counts["created"] += 1
        elif row.digest != values["digest"]:
            for attribute, value in values.items():
                setattr(row, attribute, value)
            row.metadata_modified = now
            row.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
            return
        changed.add(item.kind)

    def remove(keys: list[tuple[int, DatasetKind]]) -> None:
        gone = [existing[key].pk for key in keys if key in existing]
        if gone:
            counts["removed"] += Dataset.objects.filter(pk__in=gone).delete()[0]
            changed.update(kind for _, kind in keys)

    # Units: a dataset of each kind whose sources exist, and always a register and channel statistics.
    sources = unit_sources([unit.pk for unit in units])
    kept: set[tuple[int, DatasetKind]] = set()
    for unit in units:
        for kind in DatasetKind:
            source = sources[(unit.pk, kind)]
            if source.exists or kind in ALWAYS:
                write(_Wanted(unit, kind, Scope.UNIT, source))
                kept.add((unit.pk, kind))
    # Units that left (inactive) and sources that are gone.
    remove([key for key, row in existing.items() if row.scope == Scope.UNIT and key not in kept])

    # Departments: every unit's rows of a kind together, from the unit datasets as they now stand. Only the
    # kinds some unit dataset changed in, unless the department itself was named (or everything is synced).
    for department in departments:
        kinds = set(DatasetKind) if named is None or department.pk in named else set(changed)
        if not kinds:
            continue
        per_kind: dict[DatasetKind, list[tuple[str, int, dict[str, Any]]]] = defaultdict(list)
        for kind_value, digest, rows, coverage in Dataset.objects.filter(
            organization__parent=department, organization__is_active=True, scope=Scope.UNIT, kind__in=kinds
        ).values_list("kind", "digest", "rows", "coverage"):
            per_kind[DatasetKind(kind_value)].append((digest, rows, coverage))
        for kind in kinds:
            if per_kind.get(kind):
                write(_Wanted(department, kind, Scope.DEPARTMENT, _department_source(sorted(per_kind[kind]))))
            else:
                remove([(department.pk, kind)])
    return SyncResult(**counts)


_pending = threading.local()


def catalogue_sync_later(organization_ids: Iterable[int] | None) -> None:
    """Sync the given organizations (None: all) once the current transaction commits; at once outside one.

    Requests within one transaction are gathered and synced together by the first callback to run.
    """
    state = getattr(_pending, "ids", None)
    if state is None:
        state = _pending.ids = set()
    if organization_ids is None:
        _pending.everything = True
    else:
        state.update(organization_ids)
    transaction.on_commit(catalogue_sync_pending, robust=True)


def catalogue_sync_pending() -> None:
    """Sync what `catalogue_sync_later` gathered (the callback it leaves for the commit); nothing when nothing waits."""
    everything = getattr(_pending, "everything", False)
    ids: set[int] = getattr(_pending, "ids", set())
    _pending.ids = set()
    _pending.everything = False
    if everything:
        catalogue_sync()
    elif ids:
        catalogue_sync(organization_ids=ids)
