"""Reads of the register: statuses, a unit's cards, the department matrix, a person's tasks.

Every selector issues a fixed number of queries whatever the number of units or items (the
tests assert the counts).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When

from prongsai.checklists.currency import due_soon_days
from prongsai.checklists.definition import CurrencyRule
from prongsai.checklists.models import ChecklistItem, Clause
from prongsai.checklists.selectors import checklist_active, checklist_items
from prongsai.organizations.access import AccessScope, Capability, review_capability
from prongsai.organizations.models import Organization
from prongsai.thaitext import normalize_thai, thai_sort_key

from .models import Entry, EntryVersion
from .workflow import Authorship, EntryStatus, VersionState, entry_status, review_conflict


def _due_soon_days() -> int:
    return int(settings.PRONGSAI_DUE_SOON_DAYS)


def entry_status_of(entry: Entry, today: dt.date) -> EntryStatus:
    """Return the entry's computed status on the given day (load the entry with its item)."""
    return entry_status(
        published=entry.published_version_id is not None,
        open_state=VersionState(entry.open_state) if entry.open_state else None,
        next_review_due=entry.next_review_due,
        today=today,
        due_soon_days=due_soon_days(entry.item.currency_rule, _due_soon_days()),
    )


def entry_status_expression(today: dt.date) -> Case:
    """Return a database expression equal to entry_status_of, for filtering and counting in SQL."""
    monthly = CurrencyRule.MONTHLY.value
    soon = today + dt.timedelta(days=_due_soon_days())
    soon_monthly = today + dt.timedelta(days=due_soon_days(CurrencyRule.MONTHLY, _due_soon_days()))
    published = Q(published_version__isnull=False)
    due_soon = Q(item__currency=monthly, next_review_due__lte=soon_monthly) | (
        ~Q(item__currency=monthly) & Q(next_review_due__lte=soon)
    )
    return Case(
        When(published & Q(next_review_due__lt=today), then=Value(EntryStatus.OVERDUE.value)),
        When(open_state=VersionState.SUBMITTED.value, then=Value(EntryStatus.AWAITING_REVIEW.value)),
        When(open_state=VersionState.RETURNED.value, then=Value(EntryStatus.RETURNED.value)),
        When(published & due_soon, then=Value(EntryStatus.DUE_SOON.value)),
        When(open_state=VersionState.DRAFT.value, then=Value(EntryStatus.DRAFT.value)),
        When(published, then=Value(EntryStatus.PUBLISHED.value)),
        default=Value(EntryStatus.MISSING.value),
        output_field=CharField(),
    )


def thai_sorted[T: Organization | UnitRow](organizations: list[T]) -> list[T]:
    """Order the department first, then by configured order, then by Thai dictionary order of the name.

    The name's key is `prongsai.thaitext.thai_sort_key`, the one the search table stores for ORDER BY,
    so a list ordered here and one ordered by the database agree.
    """
    return sorted(
        organizations, key=lambda o: (o.parent_id is not None, o.sort_order, thai_sort_key(o.name_th), o.slug)
    )


@dataclass
class EntryCard:
    entry: Entry
    item: ChecklistItem
    status: EntryStatus


@dataclass
class ClauseGroup:
    clause: Clause
    cards: list[EntryCard] = field(default_factory=list)


@dataclass
class UnitRegister:
    organization: Organization
    groups: list[ClauseGroup]
    counts: dict[EntryStatus, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def unit_register(*, organization: Organization, today: dt.date) -> UnitRegister:
    """Return the unit's entries as status cards grouped by clause, in checklist order (one query)."""
    entries = (
        Entry.objects.filter(organization=organization, item__retired=False, item__checklist__is_active=True)
        .select_related("item__clause", "published_version", "open_version")
        .order_by("item__position")
    )
    groups: dict[int, ClauseGroup] = {}
    counts: dict[EntryStatus, int] = dict.fromkeys(EntryStatus, 0)
    for entry in entries:
        status = entry_status_of(entry, today)
        counts[status] += 1
        group = groups.setdefault(entry.item.clause_id, ClauseGroup(entry.item.clause))
        group.cards.append(EntryCard(entry, entry.item, status))
    return UnitRegister(organization, list(groups.values()), counts)


def entry_for_page(*, organization: Organization, code: str) -> Entry | None:
    """Return the entry of an item code at a unit, with everything its page shows (fixed query count)."""
    return (
        Entry.objects.filter(organization=organization, item__code=code, item__checklist__is_active=True)
        .select_related("item__clause", "organization", "published_version", "open_version")
        .first()
    )


def entry_versions(entry: Entry) -> QuerySet[EntryVersion]:
    """Return the entry's versions newest first, with their documents, reviews and people."""
    return (
        entry.versions.order_by("-number")
        .select_related("created_by", "submitted_by", "decided_by", "based_on")
        .prefetch_related("documents", "reviews__reviewer")
    )


def version_authorship(*, version: EntryVersion, user: Any) -> Authorship | None:
    """Return how the person took part in writing the version (one query), or None if they did not.

    The review pages hide the decision from an author; the services refuse it anyway.
    """
    editor_ids = set(version.editors.filter(pk=user.pk).values_list("pk", flat=True))
    return review_conflict(reviewer_id=user.pk, submitter_id=version.submitted_by_id, editor_ids=editor_ids)


@dataclass(frozen=True)
class UnitRow:
    """The columns of an organization the matrix shows (cheaper than a model instance)."""

    pk: int
    slug: str
    name_th: str
    name_en: str
    kind: str
    parent_id: int | None
    sort_order: int


@dataclass
class MatrixRow:
    organization: UnitRow
    cells: list[tuple[ChecklistItem, EntryStatus | None]]
    counts: dict[EntryStatus, int]


@dataclass
class Matrix:
    items: list[ChecklistItem]
    rows: list[MatrixRow]
    totals: dict[EntryStatus, int]
    unit_count: int = 0
    page: int = 1
    page_count: int = 1


MATRIX_PAGE_SIZE = 100


def department_matrix(
    *,
    scope: AccessScope,
    today: dt.date,
    status: EntryStatus | None = None,
    clause_code: str = "",
    search: str = "",
    page: int = 1,
    page_size: int = MATRIX_PAGE_SIZE,
) -> Matrix:
    """Return units × items coloured by status, for the organizations the person may view.

    Filters: a status (units having at least one of the shown items in it), a clause (its items
    only) and a substring of the unit's Thai or English name or slug. Units come department first,
    then in Thai dictionary order, a page at a time; the totals count every matching unit. Five
    queries whatever the number of units.
    """
    checklist = checklist_active()
    if checklist is None:
        return Matrix([], [], dict.fromkeys(EntryStatus, 0))
    items = list(checklist_items(checklist))
    if clause_code:
        items = [item for item in items if item.clause.code == clause_code]
    status_column = entry_status_expression(today)
    visible = scope.organization_ids(Capability.VIEW)
    organizations = Organization.objects.filter(is_active=True)
    term = normalize_thai(search)
    if term:
        organizations = organizations.filter(
            Q(name_th__contains=term) | Q(name_en__icontains=term) | Q(slug__icontains=term)
        )
    if status is not None:
        having = (
            Entry.objects.filter(item__in=items)
            .annotate(status=status_column)
            .filter(status=status.value)
            .values("organization_id")
        )
        organizations = organizations.filter(pk__in=having)
    # Read plain rows and apply the access scope in Python: an ICT monitor sees thousands of units,
    # and neither model instances nor a thousands-long IN list are needed to draw the matrix.
    candidates = [
        UnitRow(*values)
        for values in organizations.values_list("id", "slug", "name_th", "name_en", "kind", "parent_id", "sort_order")
    ]
    units = thai_sorted([unit for unit in candidates if unit.pk in visible])
    page_count = max(1, -(-len(units) // page_size))
    page = min(max(page, 1), page_count)
    shown = units[(page - 1) * page_size : page * page_size]

    totals: dict[EntryStatus, int] = dict.fromkeys(EntryStatus, 0)
    if units:
        summary = Entry.objects.filter(item__in=items).annotate(status=status_column)
        if len(units) < len(candidates):
            summary = summary.filter(organization_id__in=[unit.pk for unit in units])
        else:
            summary = summary.filter(organization__in=organizations)
        for value, count in summary.values("status").annotate(n=Count("id")).values_list("status", "n"):
            totals[EntryStatus(value)] = count

    by_unit: dict[int, dict[int, EntryStatus]] = defaultdict(dict)
    entries = Entry.objects.filter(organization__in=[u.pk for u in shown], item__in=items).annotate(
        status=status_column
    )
    for organization_id, item_id, value in entries.values_list("organization_id", "item_id", "status"):
        by_unit[organization_id][item_id] = EntryStatus(value)
    rows: list[MatrixRow] = []
    for unit in shown:
        statuses = by_unit.get(unit.pk, {})
        counts: dict[EntryStatus, int] = dict.fromkeys(EntryStatus, 0)
        for value in statuses.values():
            counts[value] += 1
        rows.append(MatrixRow(unit, [(item, statuses.get(item.pk)) for item in items], counts))
    return Matrix(items, rows, totals, unit_count=len(units), page=page, page_count=page_count)


@dataclass
class TaskList:
    to_review: list[Entry]
    to_fix: list[tuple[Entry, EntryStatus]]


_ATTENTION = (
    EntryStatus.RETURNED,
    EntryStatus.OVERDUE,
    EntryStatus.MISSING,
    EntryStatus.DUE_SOON,
    EntryStatus.DRAFT,
)


def my_tasks(*, user: Any, scope: AccessScope, today: dt.date, limit: int = 200) -> TaskList:
    """Return what waits for this person: versions to review (none they wrote or submitted), and entries to fix.

    Two queries.
    """
    review_filter = Q()
    for step in (1, 2, 3, 4):
        org_ids = scope.organization_ids(review_capability(step))
        if org_ids:
            review_filter |= Q(organization_id__in=org_ids, item__review_step=step)
    to_review: list[Entry] = []
    if review_filter:
        to_review = list(
            Entry.objects.filter(
                review_filter, open_state=VersionState.SUBMITTED.value, item__checklist__is_active=True
            )
            .exclude(open_version__submitted_by=user)
            .exclude(open_version__editors=user)
            .select_related("organization", "item", "open_version__submitted_by")
            .order_by("open_version__submitted_at")[:limit]
        )
    to_fix: list[tuple[Entry, EntryStatus]] = []
    edit_ids = scope.organization_ids(Capability.EDIT)
    if edit_ids:
        entries = (
            Entry.objects.filter(organization_id__in=edit_ids, item__checklist__is_active=True, item__retired=False)
            .annotate(status=entry_status_expression(today))
            .filter(status__in=[s.value for s in _ATTENTION])
            .select_related("organization", "item")
            .order_by("organization__sort_order", "item__position")[:limit]
        )
        order = {status: index for index, status in enumerate(_ATTENTION)}
        to_fix = sorted(
            ((entry, EntryStatus(entry.status)) for entry in entries),
            key=lambda pair: order[pair[1]],
        )
    return TaskList(to_review, to_fix)
