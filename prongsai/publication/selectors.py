"""Read the public edition and the portal's search table."""

import functools
import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .models import Edition, SearchDocument
from .searchtext import TRIGRAM, Snippet, fold, snippet


def edition_current() -> int:
    """Return the current public edition number (one query; 1 before anything was ever published)."""
    number = Edition.objects.filter(pk=1).values_list("number", flat=True).first()
    return number or 1


@functools.cache
def _edition_statement(vendor: str) -> tuple[str, tuple[Any, ...]]:
    """Compile the edition read once per process (and database vendor)."""
    return Edition.objects.filter(pk=1).values_list("number", "changed_at")[:1].query.sql_with_params()


def edition_token() -> str:
    """Return a token that changes whenever the public edition moves: "<number>-<hash of when it moved>".

    Public pages are cached and tagged under it. The moment of the last bump is part of it so that
    a database restored from a backup (whose counter starts again from an older number) can never
    meet pages cached from the numbers it had reached before. One precompiled statement: measured
    under load, building and compiling the ORM query on every public request cost more than the
    database's answer (see bench/README.md).
    """
    sql, params = _edition_statement(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return "1-0"
    moved = hashlib.blake2s(str(row[1]).encode(), digest_size=4).hexdigest()
    return f"{row[0]}-{moved}"


# The last token this process read, and until when (time.monotonic()) it may be reused.
_recent: tuple[str, float] | None = None


def edition_token_recent(*, max_age: float, clock: Callable[[], float] = time.monotonic) -> str:
    """Return the edition token, read from the database at most once per `max_age` seconds in this process.

    A busy portal then asks the database once a second per worker instead of once per request
    (measured in bench/portal_load.py: the read was most of a cached page's extra cost over a bare
    view). The price is that another process's publish shows here up to `max_age` later; a publish
    in this process shows at once (`edition_forget` runs when it commits). `max_age` 0 reads every time.
    """
    global _recent
    if max_age <= 0:
        return edition_token()
    now = clock()
    remembered = _recent
    if remembered is not None and now < remembered[1]:
        return remembered[0]
    token = edition_token()
    _recent = (token, now + max_age)
    return token


def edition_forget() -> None:
    """Drop this process's remembered edition token, so the next public request reads it afresh."""
    global _recent
    _recent = None


@dataclass(frozen=True)
class SearchHit:
    """One result: the row found and the text around its first match."""

    document: SearchDocument
    snippet: Snippet


@dataclass(frozen=True)
class SearchPage:
    """One page of results, with the total count and where the page lies among all pages."""

    query: str
    total: int
    number: int
    pages: int
    per_page: int
    hits: list[SearchHit] = field(default_factory=list)

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return self.first_index + len(self.hits) - 1 if self.total else 0

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def _matching(rows: QuerySet[SearchDocument], folded: str) -> QuerySet[SearchDocument]:
    """Keep the rows whose folded text contains the folded query, through the database's text index.

    PostgreSQL answers `LIKE '%…%'` from the trigram GIN index on `folded`. SQLite narrows the
    rows with its FTS5 trigram table first (it needs three characters), then checks the substring.
    """
    rows = rows.filter(folded__contains=folded)
    if connection.vendor == "sqlite" and len(folded) >= TRIGRAM:
        phrase = '"' + folded.replace('"', '""') + '"'
        found = RawSQL(
            "SELECT rowid FROM publication_searchdocument_fts WHERE publication_searchdocument_fts MATCH %s",
            (phrase,),
        )
        rows = rows.filter(pk__in=found)
    return rows


def search_documents_find(*, query: str, language: str, page: int = 1, per_page: int = 20) -> SearchPage:
    """Return one page of the published texts containing the query, in the given portal language.

    Unit and item names come before body text, then units in portal order and items in checklist
    order. Two queries (the count and the page), one when nothing matches, whatever the table size.
    A page number past the end gives the last page.
    """
    folded = fold(query)
    rows = _matching(SearchDocument.objects.filter(language=language), folded)
    total = rows.count()
    pages = max(1, math.ceil(total / per_page))
    number = min(max(1, page), pages)
    hits: list[SearchHit] = []
    if total:
        start = (number - 1) * per_page
        found = rows.select_related("organization", "item").order_by("rank", "unit_order", "position", "kind", "pk")
        hits = [SearchHit(row, snippet(row.text, folded)) for row in found[start : start + per_page]]
    return SearchPage(query=query, total=total, number=number, pages=pages, per_page=per_page, hits=hits)
