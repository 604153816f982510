"""Read the catalogue for the CKAN Action API: the search, the lists and the counts.

Every selector issues a fixed number of queries, whatever the size of the catalogue or of the
page asked for: package_search counts, reads one page (its organizations selected, their websites
prefetched) and, when facets are asked for, counts them in one grouped query.
"""

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, Min, OrderBy, Q, QuerySet
from django.db.models.functions import Collate

from prongsai.organizations.models import Organization
from prongsai.thaitext import thai_sort_key

from .ckan import FacetRow
from .ckanquery import (
    AllOf,
    AnyOf,
    Between,
    Contains,
    Everything,
    Field,
    Filter,
    Not,
    Nothing,
    OneOf,
    SortField,
    SortKey,
    filter_fields,
)
from .entities import DatasetEntry, Publisher, organization_uuid
from .kinds import DatasetKind
from .models import Dataset
from .selectors import dataset_entries, datasets, publisher_of, publishers


def _as_q(term: Filter, owners: dict[str, int]) -> Q:
    """Return a filter as a database condition; `owners` maps organization ids (UUIDs) to primary keys."""
    match term:
        case Everything():
            return Q()
        case Nothing():
            return Q(pk__in=[])
        case Contains():
            return Q(search_text__contains=term.text)
        case OneOf(field=Field.NAME):
            return Q(name__in=term.values)
        case OneOf(field=Field.ID):
            return Q(uuid__in=[uuid.UUID(value) for value in term.values])
        case OneOf(field=Field.ORGANIZATION):
            # Names are slugs in lower case; a slug may have been stored with capitals.
            found = Q(pk__in=[])
            for value in term.values:
                found |= Q(organization__slug__iexact=value)
            return found
        case OneOf(field=Field.OWNER_ORG):
            return Q(organization_id__in=[owners[value] for value in term.values if value in owners])
        case OneOf(field=Field.KIND):
            return Q(kind__in=term.values)
        case OneOf():
            return Q(pk__in=[])
        case Between():
            column = "metadata_modified" if term.field == Field.MODIFIED else "metadata_created"
            found = Q()
            if term.start is not None:
                found &= Q(**{f"{column}__{'gte' if term.include_start else 'gt'}": term.start})
            if term.end is not None:
                found &= Q(**{f"{column}__{'lte' if term.include_end else 'lt'}": term.end})
            return found
        case Not():
            return ~_as_q(term.term, owners)
        case AllOf():
            found = Q()
            for inner in term.terms:
                found &= _as_q(inner, owners)
            return found
        case AnyOf():
            found = Q(pk__in=[])
            for inner in term.terms:
                found |= _as_q(inner, owners)
            return found


def _owner_keys(term: Filter) -> dict[str, int]:
    """Return the primary keys of the organizations a filter names by id (one query, only when it names any)."""
    wanted = filter_fields(term, Field.OWNER_ORG)
    if not wanted:
        return {}
    found = {organization_uuid(pk): pk for pk in Organization.objects.values_list("pk", flat=True)}
    return {value: found[value] for value in wanted if value in found}


def _binary(column: str) -> F | Collate:
    """Return a text column ordered by code point on every database (PostgreSQL's collation may ignore hyphens)."""
    return Collate(F(column), "C") if connection.vendor == "postgresql" else F(column)


_COLUMNS = {
    SortField.ID: "uuid",
    SortField.NAME: "name",
    SortField.MODIFIED: "metadata_modified",
    SortField.CREATED: "metadata_created",
}


def _ordering(keys: tuple[SortKey, ...]) -> list[OrderBy]:
    ordering: list[OrderBy] = []
    for key in keys:
        if key.field == SortField.SCORE:
            continue  # no relevance is computed (ckanquery's docstring)
        column = _COLUMNS[key.field]
        expression = _binary(column) if key.field == SortField.NAME else F(column)
        ordering.append(expression.desc() if key.descending else expression.asc())
    ordering.append(F("uuid").asc())  # the tie-break that keeps pages stable
    return ordering


@dataclass(frozen=True)
class SearchPage:
    """One page of a search: how many datasets match, the page's, and the facet counts' rows."""

    count: int
    entries: list[DatasetEntry]
    facet_rows: list[FacetRow]


type _KeyRow = tuple[int, uuid.UUID, str, str, dt.datetime, dt.datetime]


def _sort_key(field: SortField) -> Callable[[_KeyRow], str | dt.datetime]:
    """Return how a row of `_title_page` is ordered by one field."""

    def value(row: _KeyRow) -> str | dt.datetime:
        match field:
            case SortField.NAME:
                return row[2]
            case SortField.TITLE:
                return thai_sort_key(row[3])
            case SortField.MODIFIED:
                return row[4]
            case SortField.CREATED:
                return row[5]
        return str(row[1])

    return value


def _title_page(matching: QuerySet[Dataset], keys: tuple[SortKey, ...], start: int, rows: int) -> tuple[int, list[int]]:
    """Order the matches in Python when the title decides (Thai dictionary order): the count and the page's keys."""
    found = list(matching.values_list("pk", "uuid", "name", "title_th", "metadata_modified", "metadata_created"))
    found.sort(key=lambda row: str(row[1]))
    # Stable sorts from the last key to the first give the order of all the keys.
    for key in reversed(keys):
        if key.field != SortField.SCORE:
            found.sort(key=_sort_key(key.field), reverse=key.descending)
    return len(found), [row[0] for row in found[start : start + rows]]


def dataset_search(
    term: Filter,
    keys: tuple[SortKey, ...],
    *,
    start: int,
    rows: int,
    facets: bool,
) -> SearchPage:
    """Return a page of the datasets a filter matches, in the order of the sort keys.

    Queries: the count, the page and its websites (none when `rows` is 0 or the page lies past the
    end), one more for facets, and one more when the filter names organizations by id.
    """
    condition = _as_q(term, _owner_keys(term))
    matching = Dataset.objects.filter(organization__is_active=True).filter(condition)
    page: list[Dataset] = []
    if any(key.field == SortField.TITLE for key in keys):
        count, page_keys = _title_page(matching, keys, start, rows)
        if page_keys:
            order = {pk: position for position, pk in enumerate(page_keys)}
            page = sorted(datasets().filter(pk__in=page_keys), key=lambda row: order[row.pk])
    else:
        count = matching.count()
        if rows and start < count:
            page = list(datasets().filter(condition).order_by(*_ordering(keys))[start : start + rows])
    facet_rows: list[FacetRow] = []
    if facets:
        grouped = (
            matching.values("organization_id", "organization__slug", "organization__name_th", "kind")
            .annotate(n=Count("pk"))
            .order_by()
        )
        facet_rows = [
            FacetRow(
                organization_name=row["organization__slug"].lower(),
                organization_title=row["organization__name_th"],
                organization_id=organization_uuid(row["organization_id"]),
                kind=DatasetKind(row["kind"]),
                count=row["n"],
            )
            for row in grouped
        ]
    return SearchPage(count, dataset_entries(page), facet_rows)


def dataset_names(*, limit: int | None, offset: int) -> list[str]:
    """Return the names of the catalogue's datasets in name order, one page of them (one query)."""
    names = (
        Dataset.objects.filter(organization__is_active=True).order_by(_binary("name")).values_list("name", flat=True)
    )
    return list(names[offset : offset + limit] if limit is not None else names[offset:])


def dataset_count_by_organization() -> dict[int, int]:
    """Return how many datasets each active organization has (one query)."""
    return dict(
        Dataset.objects.filter(organization__is_active=True)
        .values("organization_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("organization_id", "n")
    )


def publisher_list() -> list[Publisher]:
    """Return every active organization as a publisher, the department first, then by order and slug (two queries)."""
    return [publisher_of(organization) for organization in publishers()]


def publisher_find(name_or_id: str) -> Publisher | None:
    """Return the active organization with that name (its slug, any case) or id, or None (two queries)."""
    value = name_or_id.strip()
    if not value or len(value) > 100:
        return None
    try:
        key = str(uuid.UUID(value))
    except ValueError:
        found = publishers().filter(slug__iexact=value).first()
        return publisher_of(found) if found is not None else None
    # Ids are derived from primary keys (entities.organization_uuid), so they are matched here, not in SQL:
    # over the keys alone, then the one organization is read.
    keys = Organization.objects.filter(is_active=True).values_list("pk", flat=True)
    pk = next((pk for pk in keys.iterator(chunk_size=5000) if organization_uuid(pk) == key), None)
    found = publishers().filter(pk=pk).first() if pk is not None else None
    return publisher_of(found) if found is not None else None


def organization_datasets(publisher: Publisher, *, limit: int) -> list[DatasetEntry]:
    """Return an organization's datasets in id order, at most `limit` (two queries)."""
    return dataset_entries(datasets().filter(organization_id=publisher.pk)[:limit])


@dataclass(frozen=True)
class KindSummary:
    """How many datasets of a kind the catalogue has, and when the first was created."""

    count: int
    first_created: dt.datetime | None


def kind_summaries() -> dict[DatasetKind, KindSummary]:
    """Return, for every kind, how many datasets the catalogue has of it and the first's creation (one query)."""
    found: dict[DatasetKind, KindSummary] = defaultdict(lambda: KindSummary(0, None))
    for kind, count, first in (
        Dataset.objects.filter(organization__is_active=True)
        .values("kind")
        .annotate(n=Count("pk"), first=Min("metadata_created"))
        .order_by()
        .values_list("kind", "n", "first")
    ):
        found[DatasetKind(kind)] = KindSummary(count, first)
    return {kind: found[kind] for kind in DatasetKind}


def dataset_entries_of_kinds(kinds: list[DatasetKind], *, limit: int) -> list[DatasetEntry]:
    """Return the datasets of the given kinds in id order, at most `limit` (two queries)."""
    return dataset_entries(datasets().filter(kind__in=[kind.value for kind in kinds])[:limit])
