"""What organizations and checklists announce reaches the register and the public edition, in one transaction.

Organizations and checklists sit below the register and the publication app (the layers contract in
pyproject.toml), so their services send signals that those apps answer. These tests pin what each
announcement leaves behind when the announcing service returns, and that a failing answer undoes
the whole change.
"""

from typing import Any

import pytest
from django.db import DatabaseError

from prongsai.audit.models import AuditEvent
from prongsai.disclosures.models import Entry
from prongsai.organizations.models import Organization
from prongsai.organizations.services import organization_create, organization_update, organization_websites_set
from prongsai.publication import receivers as publication_receivers
from prongsai.publication.models import Edition, SearchDocument

from .conftest import actions_after, last_sequence, load_checklist

CODES = ["G.1", "M.1", "M.2", "P.1"]


def entry_codes(unit: Organization) -> list[str]:
    return sorted(Entry.objects.filter(organization=unit).values_list("item__code", flat=True))


def search_rows(unit: Organization) -> list[tuple[str, str, str | None]]:
    return sorted(
        SearchDocument.objects.filter(organization=unit).values_list("language", "kind", "item__code"),
        key=repr,
    )


def rows_for(codes: list[str]) -> list[tuple[str, str, str | None]]:
    expected: list[tuple[str, str, str | None]] = [(language, "unit", None) for language in ("th", "en")]
    expected += [(language, "item", code) for language in ("th", "en") for code in codes]
    return sorted(expected, key=repr)


def create_department() -> Organization:
    return organization_create(
        actor=None, kind="department", slug="dept", name_th="กรมทดสอบ", name_en="Test Department"
    )


def test_a_new_unit_has_its_entries_search_rows_and_edition_when_the_service_returns(db: None) -> None:
    load_checklist()
    before = last_sequence()
    edition = Edition.objects.get().number

    department = create_department()

    assert entry_codes(department) == CODES
    assert search_rows(department) == rows_for(CODES)
    assert (Edition.objects.get().number, Edition.objects.get().reason) == (edition + 1, "organization.create")
    assert [action for action, _data in actions_after(before)] == ["organization.create", "entry.create"]
    assert actions_after(before)[1][1] == {"checklist": "test-4", "entries": 4, "units": 1}


def test_a_unit_made_active_again_gets_the_items_added_while_it_was_inactive(db: None) -> None:
    load_checklist()
    department = create_department()
    organization_update(actor=None, organization=department, is_active=False)
    assert search_rows(department) == []

    load_checklist(extra_items=1)  # the active checklist gains X.1 while the unit is inactive
    assert entry_codes(department) == CODES

    organization_update(actor=None, organization=department, is_active=True)

    assert entry_codes(department) == [*CODES, "X.1"]
    assert search_rows(department) == rows_for([*CODES, "X.1"])
    assert Edition.objects.get().reason == "organization.update"


def test_new_websites_move_the_edition_on_and_leave_the_search_rows_alone(db: None) -> None:
    load_checklist()
    department = create_department()
    rows = sorted(SearchDocument.objects.values_list("pk", flat=True))
    edition = Edition.objects.get().number

    organization_websites_set(actor=None, organization=department, urls=["https://dept.example.go.th/"])

    assert (Edition.objects.get().number, Edition.objects.get().reason) == (edition + 1, "organization.websites")
    assert sorted(SearchDocument.objects.values_list("pk", flat=True)) == rows


def test_a_new_checklist_item_reaches_every_active_unit_and_the_search(db: None) -> None:
    load_checklist()
    department = create_department()

    load_checklist(extra_items=1)

    assert entry_codes(department) == [*CODES, "X.1"]
    assert search_rows(department) == rows_for([*CODES, "X.1"])
    assert Edition.objects.get().reason == "checklist.activate"


def test_a_failing_answer_undoes_the_new_unit_entirely(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    load_checklist()
    before = last_sequence()

    def refuse(**_: Any) -> int:
        raise DatabaseError("search table unavailable")

    monkeypatch.setattr(publication_receivers, "search_documents_refresh", refuse)
    with pytest.raises(DatabaseError, match="search table unavailable"):
        create_department()

    assert Organization.objects.count() == Entry.objects.count() == SearchDocument.objects.count() == 0
    assert AuditEvent.objects.filter(sequence__gt=before).count() == 0
