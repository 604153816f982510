"""Keep the portal's search table in step with what is published.

Only what the public can read is indexed: unit names, the active checklist's item codes and
names, and the *published* version of each entry (its Thai and English text, its "nothing to
publish" declaration, its documents' titles and file names). Drafts, versions awaiting review,
returned and superseded versions never reach the table, because each refresh rewrites a
unit's rows from its entries' `published_version` alone.

Every piece gets one row per portal language: the Thai row shows the Thai text first, the
English row the English text first (falling back to Thai), and each row also carries the
other language after it, so a visitor finds a unit by either name on either page.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from prongsai.checklists.models import ChecklistItem
from prongsai.disclosures.models import Document, Entry
from prongsai.disclosures.richtext import html_to_text
from prongsai.organizations.models import Organization
from prongsai.thaitext import thai_sort_key

from .models import SearchDocument
from .searchtext import fold, search_text

LANGUAGES = ("th", "en")
SEPARATOR = " · "
TITLE_LENGTH = 500
# Units rebuilt per round of queries by `search_documents_rebuild`.
REBUILD_BATCH = 200
# Rows rewritten per round of queries by `search_documents_refold`.
REFOLD_BATCH = 1000


def _paired(language: str, thai: str, english: str) -> str:
    """Join the two languages' texts with the page language first, dropping empty and repeated parts."""
    first, second = (english, thai) if language == "en" else (thai, english)
    parts = [search_text(part) for part in (first, second)]
    kept = [part for index, part in enumerate(parts) if part and part not in parts[:index]]
    return SEPARATOR.join(kept)


def _title(language: str, thai: str, english: str) -> str:
    text = search_text(english if language == "en" and english.strip() else thai)
    return text[:TITLE_LENGTH]


def unit_order(organization: Any) -> str:
    """Return the unit's place in portal order: department first, then configured order, then Thai dictionary order."""
    is_unit = 0 if organization.parent_id is None else 1
    return f"{is_unit}{organization.sort_order:010d}{thai_sort_key(organization.name_th)}"


def search_rows(
    *,
    organization: Any,
    entries: Iterable[Any],
    documents: dict[int, list[Any]],
    model: type[Model] = SearchDocument,
    now: dt.datetime,
    include_unit: bool = True,
) -> Iterator[Model]:
    """Yield the unsaved search rows of one organization from its entries and their published documents.

    Works on plain model attributes only, so the data migration can call it with historical models.
    """
    order = unit_order(organization)
    common = {"organization_id": organization.pk, "unit_order": order, "updated_at": now}

    def row(language: str, *, kind: str, rank: int, item: Any, title: str, text: str) -> Model:
        return model(
            language=language,
            kind=kind,
            rank=rank,
            item_id=item.pk if item is not None else None,
            position=item.position if item is not None else -1,
            title=title,
            text=text,
            folded=fold(text),
            **common,
        )

    for language in LANGUAGES if include_unit else ():
        names = _paired(language, f"{organization.name_th} {organization.short_name_th}", organization.name_en)
        title = _title(language, organization.name_th, organization.name_en)
        yield row(language, kind="unit", rank=0, item=None, title=title, text=names)
    for entry in entries:
        item = entry.item
        for language in LANGUAGES:
            item_title = f"{item.code} {_title(language, item.name_th, item.name_en)}"[:TITLE_LENGTH]
            names = f"{item.code}{SEPARATOR}{_paired(language, item.name_th, item.name_en)}"
            yield row(language, kind="item", rank=1, item=item, title=item_title, text=names)
            version = entry.published_version
            if version is None:
                continue
            if version.nothing_to_publish:
                body = _paired(language, version.nothing_note_th, version.nothing_note_en)
            else:
                body = _paired(language, html_to_text(version.body_th), html_to_text(version.body_en))
            if body:
                yield row(language, kind="content", rank=2, item=item, title=item_title, text=body)
            for document in documents.get(version.pk, []):
                name = search_text(document.title or document.original_name)[:TITLE_LENGTH]
                text = SEPARATOR.join(part for part in (search_text(document.title), document.original_name) if part)
                yield row(language, kind="document", rank=2, item=item, title=name, text=text)


def _rewrite(organizations: Sequence[Organization], *, now: dt.datetime, item_id: int | None = None) -> int:
    """Delete and rebuild the rows of these organizations, or of one item of theirs, in four queries plus inserts."""
    stale = SearchDocument.objects.filter(organization__in=[o.pk for o in organizations])
    if item_id is not None:
        stale = stale.filter(item_id=item_id)
    stale.delete()
    active = [o for o in organizations if o.is_active]
    if not active:
        return 0
    query = Entry.objects.filter(organization__in=active, item__retired=False, item__checklist__is_active=True)
    if item_id is not None:
        query = query.filter(item_id=item_id)
    entries = list(query.select_related("item", "published_version").order_by("organization_id", "item__position"))
    published = [e.published_version_id for e in entries if e.published_version_id is not None]
    documents: dict[int, list[Any]] = defaultdict(list)
    for document in Document.objects.filter(version_id__in=published).order_by("version_id", "position", "id"):
        documents[document.version_id].append(document)
    by_organization: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_organization[entry.organization_id].append(entry)
    rows = [
        row
        for organization in active
        for row in search_rows(
            organization=organization,
            entries=by_organization[organization.pk],
            documents=documents,
            now=now,
            include_unit=item_id is None,
        )
    ]
    SearchDocument.objects.bulk_create(rows, batch_size=500)  # type: ignore[arg-type]
    return len(rows)


@transaction.atomic
def search_documents_refresh(
    *, organization: Organization, item: ChecklistItem | None = None, now: dt.datetime | None = None
) -> int:
    """Rewrite one organization's search rows, or only one item's, from what it publishes now; return the rows written.

    Call it inside the transaction that publishes (approval, a unit's new name), so the search
    never finds text the portal does not show, nor misses text it does. An approval changes one
    item, so it passes that item and leaves the unit's other rows alone.
    """
    return _rewrite([organization], now=now or timezone.now(), item_id=item.pk if item is not None else None)


@transaction.atomic
def search_documents_rebuild(*, now: dt.datetime | None = None) -> int:
    """Rewrite the whole search table (a new active checklist renames items for every unit); return the row count."""
    now = now or timezone.now()
    SearchDocument.objects.all().delete()
    organizations = list(Organization.objects.filter(is_active=True).order_by("pk"))
    return sum(
        _rewrite(organizations[start : start + REBUILD_BATCH], now=now)
        for start in range(0, len(organizations), REBUILD_BATCH)
    )


def search_documents_refold(*, model: type[Model] = SearchDocument) -> int:
    """Bring every stored row's title, text and folded column to the current text rules; return the rows changed.

    Rows written under older rules (invisible characters kept, Thai digits in `folded`) would not
    be found by queries folded under the new ones. Works on the stored text alone, batch by batch,
    so the data migration can run it with the historical model on a table of any size.
    """
    changed = 0
    last = 0
    while True:
        batch = list(model.objects.filter(pk__gt=last).order_by("pk")[:REFOLD_BATCH])  # type: ignore[attr-defined]
        if not batch:
            return changed
        last = batch[-1].pk
        stale = []
        for row in batch:
            title, text = search_text(row.title)[:TITLE_LENGTH], search_text(row.text)
            folded = fold(text)
            if (title, text, folded) != (row.title, row.text, row.folded):
                row.title, row.text, row.folded = title, text, folded
                stale.append(row)
        model.objects.bulk_update(stale, ["title", "text", "folded"])  # type: ignore[attr-defined]
        changed += len(stale)
