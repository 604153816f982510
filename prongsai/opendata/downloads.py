"""A dataset's rows, read from what is published, and its CSV, JSON and XLSX downloads.

The rows come from the same sources the catalogue summarises (sources.py): a unit's records from
the snapshots its approved versions published (`published_snapshots`, never a draft and never the
live records), the register from each entry's published version, the channels' counts from the
submissions received, the monitor's scores from each round's last finished check. A
department-wide dataset holds every active unit's rows, units in the department's order.

Built files are cached under the dataset's digest, which `catalogue_sync` moves whenever the rows
would change: a repeat download costs the one query that finds the dataset, and a download after
a publication is built afresh.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone, translation

from prongsai.channels.models import Kind as ChannelKind
from prongsai.channels.models import StatusChoices as ChannelStatus
from prongsai.channels.models import Topic
from prongsai.checklists.selectors import checklist_active
from prongsai.disclosures.models import Entry
from prongsai.organizations.models import Organization
from prongsai.plans.models import ProgressStatus, Project
from prongsai.procurement.models import ContractKind, Method, RecordStatus
from prongsai.thaidate import RoundKind, fiscal_year_of

from .entities import CSV, JSON, MEDIA_TYPES, XLSX
from .kinds import DatasetKind, Scope
from .models import Dataset
from .settings import opendata_license
from .sources import channel_counts, published_snapshots, round_checks
from .tables import (
    CHANNEL_KIND,
    CHANNEL_STATUS,
    CHANNEL_TOPIC,
    CONTRACT_KIND,
    METHOD,
    PROGRESS_STATUS,
    PROJECT_KIND,
    RECORD_STATUS,
    Labels,
    Row,
    Table,
    TableMeta,
    Unit,
    action_plan_rows,
    layout_token,
    plan_progress_rows,
    procurement_plan_rows,
    procurement_record_rows,
    table_csv,
    table_json,
    table_of,
    table_xlsx,
    unit_cells,
)

# A name longer than the catalogue's names is none of them: no query.
NAME_LIMIT = 100

type SnapshotRows = Callable[[Unit, Mapping[str, Any], Labels], list[Row]]
_SNAPSHOT_ROWS: dict[DatasetKind, SnapshotRows] = {
    DatasetKind.ACTION_PLANS: action_plan_rows,
    DatasetKind.PLAN_PROGRESS: plan_progress_rows,
    DatasetKind.PROCUREMENT_PLANS: procurement_plan_rows,
    DatasetKind.PROCUREMENT_RECORDS: procurement_record_rows,
}
_ROUNDS = {RoundKind.SIX_MONTH: 6, RoundKind.TWELVE_MONTH: 12}


def download_dataset(name: str) -> Dataset | None:
    """Return the dataset a download address names (case aside), its organization loaded: one query, or none."""
    value = (name or "").strip().lower()
    if not value or len(value) > NAME_LIMIT:
        return None
    return Dataset.objects.select_related("organization").filter(name=value, organization__is_active=True).first()


def download_etag(dataset: Dataset, file_format: str) -> str:
    """Return the ETag of a download: the dataset's digest, the format and the layout of the files."""
    return f'"{dataset.digest[:32]}-{layout_token()}-{file_format.lower()}"'


def _labels() -> Labels:
    """Return the Thai labels of the codes the rows carry, from the models' own choices."""
    with translation.override("th"):
        return {
            METHOD: {choice.value: str(choice.label) for choice in Method},
            RECORD_STATUS: {choice.value: str(choice.label) for choice in RecordStatus},
            CONTRACT_KIND: {choice.value: str(choice.label) for choice in ContractKind},
            PROJECT_KIND: {choice.value: str(choice.label) for choice in Project.Kind},
            PROGRESS_STATUS: {choice.value: str(choice.label) for choice in ProgressStatus},
            CHANNEL_KIND: {choice.value: str(choice.label) for choice in ChannelKind},
            CHANNEL_TOPIC: {choice.value: str(choice.label) for choice in Topic},
            CHANNEL_STATUS: {choice.value: str(choice.label) for choice in ChannelStatus},
        }


def _units(dataset: Dataset) -> list[Organization]:
    """Return the units whose rows the dataset holds: the unit itself, or a department's active units in order."""
    if dataset.scope == Scope.UNIT:
        return [dataset.organization]
    return list(
        Organization.objects.filter(
            parent_id=dataset.organization_id, kind=Organization.Kind.UNIT, is_active=True
        ).order_by("sort_order", "slug")
    )


def _unit(organization: Organization) -> Unit:
    return Unit(slug=organization.slug, name_th=organization.name_th, name_en=organization.name_en)


def _register_rows(units: Sequence[Organization], base_url: str) -> list[Row]:
    """Return each unit's row of every current item of the active checklist, with what it publishes: two queries."""
    checklist = checklist_active()
    if checklist is None:
        return []
    entries = (
        Entry.objects.filter(
            organization__in=[unit.pk for unit in units], item__checklist=checklist, item__retired=False
        )
        .values_list(
            "organization_id",
            "item__code",
            "item__name_th",
            "item__name_en",
            "published_version__number",
            "published_version__published_at",
            "published_version__as_of",
            "published_version__nothing_to_publish",
            "next_review_due",
        )
        .order_by("item__position", "item__code")
    )
    by_unit: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for entry in entries:
        by_unit[entry[0]].append(entry)
    rows: list[Row] = []
    with translation.override("th"):
        for unit in units:
            cells = unit_cells(_unit(unit))
            for _pk, code, name_th, name_en, number, published_at, as_of, nothing, due in by_unit[unit.pk]:
                rows.append(
                    {
                        **cells,
                        "item_code": code,
                        "item_name_th": name_th,
                        "item_name_en": name_en,
                        "published": number is not None,
                        "version": number,
                        "published_at": timezone.localtime(published_at) if published_at else None,
                        "as_of": as_of,
                        "nothing_to_publish": bool(nothing) if number is not None else None,
                        "next_review_due": due,
                        "portal_url": base_url + reverse("portal:item", kwargs={"slug": unit.slug, "code": code}),
                    }
                )
    return rows


def _channel_rows(units: Sequence[Organization], labels: Labels) -> list[Row]:
    """Return the opinions and complaints received, counted per month, kind, topic and status: one query."""
    counts = channel_counts([unit.pk for unit in units])
    rows: list[Row] = []
    for unit in units:
        cells = unit_cells(_unit(unit))
        for counted in counts.get(unit.pk, []):
            rows.append(
                {
                    **cells,
                    "fiscal_year": fiscal_year_of(counted.month),
                    "month": f"{counted.month:%Y-%m}",
                    "kind": counted.kind,
                    "kind_th": labels[CHANNEL_KIND].get(counted.kind, ""),
                    "topic": counted.topic,
                    "topic_th": labels[CHANNEL_TOPIC].get(counted.topic, ""),
                    "status": counted.status,
                    "status_th": labels[CHANNEL_STATUS].get(counted.status, ""),
                    "count": counted.n,
                }
            )
    return rows


def _monitor_rows(units: Sequence[Organization]) -> list[Row]:
    """Return each reporting round's last finished website check of each unit, rounds in order: one query."""
    rounds = round_checks([unit.pk for unit in units])
    rows: list[Row] = []
    for unit in units:
        cells = unit_cells(_unit(unit))
        found = rounds.get(unit.pk, {})
        for period in sorted(found, key=lambda p: (p.fiscal_year, _ROUNDS[p.kind])):
            check = found[period]
            rows.append(
                {
                    **cells,
                    "fiscal_year": period.fiscal_year,
                    "round": _ROUNDS[period.kind],
                    "checked_at": timezone.localtime(check.finished_at),
                    "score": check.score,
                    "website": check.url,
                }
            )
    return rows


def dataset_table(dataset: Dataset, *, base_url: str) -> Table:
    """Return the dataset's rows as they are published now (`base_url`, without a trailing slash, starts addresses).

    One or two queries for a unit's dataset (the register and the records: two), one more for a
    department's units; never more for more units or rows.
    """
    kind = DatasetKind(dataset.kind)
    units = _units(dataset)
    labels = _labels()
    rows: list[Row]
    if kind in _SNAPSHOT_ROWS:
        build = _SNAPSHOT_ROWS[kind]
        snapshots = published_snapshots(organization_ids=[unit.pk for unit in units], kinds=[kind])
        rows = [
            row
            for unit in units
            for snapshot in snapshots.get((unit.pk, kind), [])
            for row in build(_unit(unit), snapshot.data, labels)
        ]
    elif kind == DatasetKind.REGISTER:
        rows = _register_rows(units, base_url)
    elif kind == DatasetKind.CHANNEL_STATISTICS:
        rows = _channel_rows(units, labels)
    else:
        rows = _monitor_rows(units)
    return table_of(kind, rows)


def _build(dataset: Dataset, file_format: str, base_url: str) -> bytes:
    table = dataset_table(dataset, base_url=base_url)
    if file_format == CSV:
        return table_csv(table)
    if file_format == JSON:
        meta = TableMeta(
            name=dataset.name,
            title_th=dataset.title_th,
            title_en=dataset.title_en,
            license=opendata_license().id,
            modified=timezone.localtime(dataset.metadata_modified),
        )
        return table_json(table, meta)
    return table_xlsx(table, stamped=dataset.metadata_modified)


def download_content(dataset: Dataset, *, file_format: str, base_url: str) -> bytes:
    """Return a download's bytes (CSV, JSON or XLSX), from the cache while the dataset's digest holds.

    The key names the layout of the files, the dataset, the format, its digest and the base address
    (the register's rows link to the portal of the server asked).
    """
    if file_format not in (CSV, JSON, XLSX):
        raise ValueError(f"not a table format: {file_format!r}")
    base = hashlib.sha256(base_url.encode()).hexdigest()[:16]
    key = f"opendata:table:{layout_token()}:{dataset.name}:{file_format}:{dataset.digest}:{base}"
    cache = caches[settings.PRONGSAI_PORTAL_CACHE]
    content = cache.get(key)
    if not isinstance(content, bytes):
        content = _build(dataset, file_format, base_url)
        cache.set(key, content, settings.PRONGSAI_PORTAL_CACHE_SECONDS)
    return content


def download_media_type(file_format: str) -> str:
    """Return the Content-Type of a download."""
    media_type = MEDIA_TYPES[file_format]
    return f"{media_type}; charset=utf-8" if file_format == CSV else media_type
