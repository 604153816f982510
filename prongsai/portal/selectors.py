"""Reads for the public portal: only approved, published information, and honest gaps.

A page's selectors issue a fixed number of queries whatever the number of units, items,
versions or documents (the tests assert the counts).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, Q
from django.utils import timezone

from prongsai.checklists.models import ChecklistItem, Clause
from prongsai.disclosures.models import Document, Entry, EntryVersion, VersionRecords
from prongsai.disclosures.selectors import thai_sorted
from prongsai.organizations.models import Organization, Website


class PublicState(StrEnum):
    """What the public is told about an item."""

    CURRENT = "current"  # published and within its review period
    OVERDUE = "overdue"  # published, but its review date has passed
    DECLARED = "declared"  # a dated "nothing to publish this period" declaration
    MISSING = "missing"  # nothing approved yet


def public_state(
    *, published: bool, nothing_to_publish: bool, next_review_due: dt.date | None, today: dt.date
) -> PublicState:
    """Return the public state of an entry; a declaration past its review date is overdue like any item."""
    if not published:
        return PublicState.MISSING
    if next_review_due is not None and next_review_due < today:
        return PublicState.OVERDUE
    return PublicState.DECLARED if nothing_to_publish else PublicState.CURRENT


@dataclass
class PublicItem:
    item: ChecklistItem
    entry: Entry
    version: EntryVersion | None
    state: PublicState
    documents: list[Document] = field(default_factory=list)
    # The structured records the published version carries (an action plan, procurement…), if any.
    records: VersionRecords | None = None

    @property
    def as_of(self) -> dt.date | None:
        """The date the information speaks for: the editor's "as of" date, else the day it was published."""
        if self.version is None:
            return None
        if self.version.as_of is not None:
            return self.version.as_of
        # The publishing day as the office counts days (Asia/Bangkok), not the UTC date of the moment.
        return timezone.localdate(self.version.published_at) if self.version.published_at else None

    @property
    def anchor(self) -> str:
        return "item-" + self.item.code.replace(".", "-")


@dataclass
class PublicClause:
    clause: Clause
    items: list[PublicItem] = field(default_factory=list)


@dataclass
class PublicUnitPage:
    organization: Organization
    websites: list[Website]
    clauses: list[PublicClause]

    @property
    def items(self) -> list[PublicItem]:
        return [item for clause in self.clauses for item in clause.items]

    @property
    def counts(self) -> dict[PublicState, int]:
        counts = dict.fromkeys(PublicState, 0)
        for item in self.items:
            counts[item.state] += 1
        return counts

    @property
    def last_published(self) -> dt.datetime | None:
        moments = [i.version.published_at for i in self.items if i.version is not None and i.version.published_at]
        return max(moments, default=None)


def public_department() -> Organization | None:
    """Return the department the portal belongs to (one query)."""
    return Organization.objects.filter(kind=Organization.Kind.DEPARTMENT, is_active=True).order_by("pk").first()


def public_unit_page(*, organization: Organization, today: dt.date, code: str | None = None) -> PublicUnitPage:
    """Return a unit's published items grouped by clause, in checklist order (three queries).

    With `code`, only that item is returned (the item's own page) with its structured records'
    snapshot; the whole unit's page knows which items carry records but leaves their snapshots
    (a year of procurement can be large) unread.
    """
    query = (
        Entry.objects.filter(organization=organization, item__retired=False, item__checklist__is_active=True)
        .select_related("item__clause", "published_version__records")
        .order_by("item__position")
    )
    query = query.filter(item__code=code) if code is not None else query.defer("published_version__records__data")
    entries = list(query)
    documents: dict[int, list[Document]] = defaultdict(list)
    published_ids = [e.published_version_id for e in entries if e.published_version_id is not None]
    if published_ids:
        for document in Document.objects.filter(version_id__in=published_ids).order_by("version_id", "position", "id"):
            documents[document.version_id].append(document)
    clauses: dict[int, PublicClause] = {}
    for entry in entries:
        version = entry.published_version
        state = public_state(
            published=version is not None,
            nothing_to_publish=bool(version and version.nothing_to_publish),
            next_review_due=entry.next_review_due,
            today=today,
        )
        group = clauses.setdefault(entry.item.clause_id, PublicClause(entry.item.clause))
        group.items.append(
            PublicItem(
                entry.item,
                entry,
                version,
                state,
                documents.get(version.pk, []) if version else [],
                getattr(version, "records", None) if version else None,
            )
        )
    websites = list(organization.websites.all())
    return PublicUnitPage(organization, websites, list(clauses.values()))


@dataclass(frozen=True)
class UnitSummary:
    organization: Organization
    current: int
    overdue: int
    missing: int

    @property
    def total(self) -> int:
        return self.current + self.overdue + self.missing


def public_unit_summaries(*, today: dt.date) -> list[UnitSummary]:
    """Return every active organization with its count of current, overdue and missing items (one query).

    The department comes first, then units in configured and Thai dictionary order.
    """
    active = Q(entries__item__retired=False, entries__item__checklist__is_active=True)
    published = active & Q(entries__published_version__isnull=False)
    overdue = published & Q(entries__next_review_due__lt=today)
    organizations = Organization.objects.filter(is_active=True).annotate(
        n_published=Count("entries", filter=published),
        n_overdue=Count("entries", filter=overdue),
        n_total=Count("entries", filter=active),
    )
    return [
        UnitSummary(o, o.n_published - o.n_overdue, o.n_overdue, o.n_total - o.n_published)
        for o in thai_sorted(list(organizations))
    ]


@dataclass
class SiteMapUnit:
    organization: Organization
    items: list[ChecklistItem] = field(default_factory=list)


def public_site_map() -> list[SiteMapUnit]:
    """Return every active organization in portal order with the checklist items it has a page for (two queries)."""
    units = {o.pk: SiteMapUnit(o) for o in thai_sorted(list(Organization.objects.filter(is_active=True)))}
    entries = (
        Entry.objects.filter(organization__is_active=True, item__retired=False, item__checklist__is_active=True)
        .select_related("item")
        .order_by("item__position")
    )
    for entry in entries:
        units[entry.organization_id].items.append(entry.item)
    return list(units.values())
