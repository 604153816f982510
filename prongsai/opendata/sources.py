"""Where each kind of dataset takes its rows from, read in bulk for many units at once.

`published_snapshots` gives the structured records a unit has published through the register
(an item's approved versions, the latest one of each fiscal year, so earlier years stay
available after a new year's version replaces them on the portal). `unit_sources` summarises,
per unit and kind, what a dataset would hold: a digest that changes whenever its rows would, the
row count, and the years and months covered; the catalogue compares digests to know what changed.
"""

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from prongsai.channels.models import Submission
from prongsai.checklists.selectors import checklist_active
from prongsai.disclosures.models import Entry, VersionRecords
from prongsai.monitoring.models import SiteCheck
from prongsai.monitoring.scoring import round_of
from prongsai.thaidate import ReportingRound, fiscal_year_bounds, fiscal_year_of

from .kinds import KIND_SPECS, DatasetKind

_APPROVED = "approved"


@dataclass(frozen=True)
class PublishedSnapshot:
    """The records an approved version published: one unit's fiscal year of one kind.

    `data` has the shape of plans/snapshot.py or procurement/snapshot.py.
    """

    organization_id: int
    fiscal_year: int
    version_id: int
    published_at: dt.datetime
    sha256: str
    data: dict[str, Any]


def published_snapshots(
    *, organization_ids: Iterable[int] | None, kinds: Sequence[DatasetKind]
) -> dict[tuple[int, DatasetKind], list[PublishedSnapshot]]:
    """Return, per unit and kind, the published snapshot of each fiscal year, oldest year first: two queries.

    For each fiscal year the most recently published approved version counts. `organization_ids`
    None reads every unit.
    """
    code_kinds = {KIND_SPECS[kind].item_code: kind for kind in kinds if KIND_SPECS[kind].item_code}
    if not code_kinds:
        return {}
    refs = VersionRecords.objects.filter(
        version__state=_APPROVED,
        version__published_at__isnull=False,
        version__entry__item__code__in=list(code_kinds),
    )
    if organization_ids is not None:
        refs = refs.filter(version__entry__organization_id__in=list(organization_ids))
    latest: dict[tuple[int, DatasetKind, int], dict[str, Any]] = {}
    for found_ref in refs.values(
        "id",
        "sha256",
        "version_id",
        "version__published_at",
        "version__entry__organization_id",
        "version__entry__item__code",
        "data__fiscal_year",
    ).order_by("version__published_at", "id"):
        ref: dict[str, Any] = dict(found_ref)
        fiscal_year = ref["data__fiscal_year"]
        if not isinstance(fiscal_year, int):
            continue
        key = (ref["version__entry__organization_id"], code_kinds[ref["version__entry__item__code"]], fiscal_year)
        latest[key] = ref  # ordered by publication: the last one wins
    data = dict(VersionRecords.objects.filter(pk__in=[ref["id"] for ref in latest.values()]).values_list("id", "data"))
    found: dict[tuple[int, DatasetKind], list[PublishedSnapshot]] = defaultdict(list)
    for (organization_id, kind, fiscal_year), ref in sorted(latest.items(), key=lambda pair: pair[0][2]):
        found[(organization_id, kind)].append(
            PublishedSnapshot(
                organization_id=organization_id,
                fiscal_year=fiscal_year,
                version_id=ref["version_id"],
                published_at=ref["version__published_at"],  # filtered: not null
                sha256=ref["sha256"],
                data=data[ref["id"]],
            )
        )
    return dict(found)


@dataclass
class Source:
    """What a unit's dataset of one kind would hold, summarised."""

    parts: list[str] = field(default_factory=list)  # what the digest is made of
    rows: int = 0
    fiscal_years: set[int] = field(default_factory=set)
    months: set[str] = field(default_factory=set)
    exists: bool = True

    def digest(self, *extra: str) -> str:
        text = json.dumps([sorted(self.parts), sorted(self.fiscal_years), sorted(self.months), self.rows, *extra])
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def start(self) -> dt.date | None:
        if self.months:
            year, month = (int(part) for part in min(self.months).split("-"))
            return dt.date(year, month, 1)
        return fiscal_year_bounds(min(self.fiscal_years))[0] if self.fiscal_years else None

    @property
    def end(self) -> dt.date | None:
        return fiscal_year_bounds(max(self.fiscal_years))[1] if self.fiscal_years else None


def _snapshot_rows(kind: DatasetKind, data: dict[str, Any]) -> tuple[int, set[str]]:
    """Return how many rows a snapshot gives and the months of its procurement records."""
    if kind == DatasetKind.PROCUREMENT_RECORDS:
        records = data.get("records", [])
        return len(records), {record["month"] for record in records}
    if kind == DatasetKind.PROCUREMENT_PLANS:
        return len(data.get("lines", [])), set()
    projects = [project for programme in data.get("programmes", []) for project in programme["projects"]]
    if kind == DatasetKind.PLAN_PROGRESS:
        return sum(len(project["progress"]) for project in projects), set()
    return len(projects), set()


@dataclass(frozen=True)
class ChannelCount:
    """How many opinions or complaints of one kind, topic and current status a unit received in a month."""

    month: dt.date  # the month's first day, in local time
    kind: str
    topic: str
    status: str
    n: int


def channel_counts(organization_ids: Iterable[int]) -> dict[int, list[ChannelCount]]:
    """Return each unit's submissions counted per month, kind, topic and status, in that order: one query."""
    grouped = (
        Submission.objects.filter(organization_id__in=list(organization_ids))
        .annotate(month=TruncMonth("received_at", tzinfo=timezone.get_current_timezone()))
        .values("organization_id", "month", "kind", "topic", "status")
        .annotate(n=Count("id"))
        .order_by("month", "kind", "topic", "status")
    )
    found: dict[int, list[ChannelCount]] = defaultdict(list)
    for row in grouped:
        # Truncated in local time and returned in it (aware): its date is the local month's first day.
        month = row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"]
        found[row["organization_id"]].append(ChannelCount(month, row["kind"], row["topic"], row["status"], row["n"]))
    return dict(found)


@dataclass(frozen=True)
class RoundCheck:
    """The last finished website check of a unit in a reporting round."""

    id: int
    finished_at: dt.datetime
    score: Decimal | None
    url: str


def round_checks(organization_ids: Iterable[int]) -> dict[int, dict[ReportingRound, RoundCheck]]:
    """Return each unit's last finished website check of every reporting round it had one in: one query."""
    checks = (
        SiteCheck.objects.filter(organization_id__in=list(organization_ids), state=SiteCheck.State.DONE)
        .exclude(finished_at=None)
        .values_list("organization_id", "id", "finished_at", "score", "url")
        .order_by("finished_at", "id")
    )
    found: dict[int, dict[ReportingRound, RoundCheck]] = defaultdict(dict)
    for organization_id, check_id, finished_at, score, url in checks:
        assert finished_at is not None  # excluded above
        # Ordered by time: the round's last check wins.
        period = round_of(timezone.localdate(finished_at))
        found[organization_id][period] = RoundCheck(check_id, finished_at, score, url)
    return dict(found)


def unit_sources(organization_ids: list[int]) -> dict[tuple[int, DatasetKind], Source]:
    """Summarise every kind of dataset of the given units: six queries whatever their number."""
    sources: dict[tuple[int, DatasetKind], Source] = {}

    # The register: every current item of the active checklist, published or not.
    checklist = checklist_active()
    marker = f"checklist:{checklist.pk if checklist else 0}"
    register: dict[int, Source] = {pk: Source(parts=[marker]) for pk in organization_ids}
    if checklist is not None:
        entries = Entry.objects.filter(
            organization_id__in=organization_ids, item__checklist=checklist, item__retired=False
        ).values_list(
            "organization_id", "item__code", "published_version_id", "published_version__as_of", "next_review_due"
        )
        for organization_id, code, version_id, as_of, due in entries:
            source = register[organization_id]
            source.rows += 1
            source.parts.append(f"{code}:{version_id}:{as_of}:{due}")
    for pk, source in register.items():
        sources[(pk, DatasetKind.REGISTER)] = source

    # Records published through the register.
    record_kinds = [kind for kind, spec in KIND_SPECS.items() if spec.item_code]
    snapshots = published_snapshots(organization_ids=organization_ids, kinds=record_kinds)
    for pk in organization_ids:
        for kind in record_kinds:
            found = snapshots.get((pk, kind), [])
            source = Source(exists=bool(found))
            for snapshot in found:
                rows, months = _snapshot_rows(kind, snapshot.data)
                source.parts.append(snapshot.sha256)
                source.rows += rows
                source.months |= months
                source.fiscal_years.add(snapshot.fiscal_year)
            sources[(pk, kind)] = source

    # Opinions and complaints: counts per month, kind, topic and status (no personal data).
    counts = channel_counts(organization_ids)
    for pk in organization_ids:
        source = Source()
        for count in counts.get(pk, []):
            source.rows += 1
            source.months.add(f"{count.month:%Y-%m}")
            source.fiscal_years.add(fiscal_year_of(count.month))
            source.parts.append(f"{count.month:%Y-%m}:{count.kind}:{count.topic}:{count.status}:{count.n}")
        sources[(pk, DatasetKind.CHANNEL_STATISTICS)] = source

    # The website monitor: the last finished check of each reporting round.
    rounds = round_checks(organization_ids)
    for pk in organization_ids:
        source = Source(exists=bool(rounds.get(pk)))
        for period, check in rounds.get(pk, {}).items():
            source.rows += 1
            source.fiscal_years.add(period.fiscal_year)
            source.parts.append(f"{period.fiscal_year}:{period.kind}:{check.id}:{check.score}")
        sources[(pk, DatasetKind.MONITOR_SCORES)] = source
    return sources
