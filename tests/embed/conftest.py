"""A unit on the real 18-item checklist with every public state, published documents and drafts.

Unit `unit-0` of `make_department(2)` (from the workspace tests), built once per test module:

| item     | state    | what it carries                                                              |
|----------|----------|------------------------------------------------------------------------------|
| 5.1.1.1  | current  | Thai body with markup to escape, a link to the unit's site, two documents     |
|          |          | uploaded under the same name and one with a hostile name                     |
| 5.1.3    | current  | Thai and English bodies                                                      |
| 5.1.7.3  | declared | "nothing to publish this period" with a Thai and an English note             |
| 5.1.8    | overdue  | published 400 days ago with one document                                    |
| 5.1.10   | missing  | a submitted draft with a document that must never be public                  |
| 5.1.11   | current  | published, then a newer draft with a document that must never be public     |
| others   | missing  | nothing                                                                      |

Everything published carries the "as of" date 15 March 2026 (5.1.8: 1 June 2024).
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from prongsai.disclosures.models import Document, Entry
from prongsai.disclosures.services import (
    DraftContent,
    NewDocument,
    Verdicts,
    version_approve,
    version_save_draft,
    version_submit,
)
from prongsai.organizations.models import Organization
from prongsai.organizations.services import role_assign
from tests.register.conftest import world_kept_for_module
from tests.register.documents import docx_bytes, pdf_bytes
from tests.workspace.conftest import make_department

AS_OF = dt.date(2026, 3, 15)
OLD_AS_OF = dt.date(2024, 6, 1)
BODY_TH = '<p>โครงสร้างหน่วยงาน &lt;ฝ่าย&gt; "ก" &amp; "ข"</p>'
UNIT_SITE = "https://unit-0.example.go.th/structure"


@dataclass(frozen=True)
class EmbedWorld:
    unit_id: int
    published_document_ids: list[int]
    draft_document_ids: list[int]

    @property
    def unit(self) -> Organization:
        return Organization.objects.get(pk=self.unit_id)

    def published_documents(self) -> list[Document]:
        return list(Document.objects.filter(pk__in=self.published_document_ids).order_by("pk"))


def _entry(unit: Organization, code: str) -> Entry:
    return Entry.objects.select_related("item", "organization").get(organization=unit, item__code=code)


def _publish(unit: Organization, code: str, people: dict[str, Any], content: DraftContent, **kwargs: Any) -> Any:
    now = kwargs.pop("now", timezone.now())
    step = _entry(unit, code).item.review_step
    version = version_save_draft(actor=people["editor"], entry=_entry(unit, code), content=content, now=now, **kwargs)
    version_submit(actor=people["editor"], version=version, now=now)
    version_approve(
        actor=people[f"reviewer{step}"], version=version, verdicts=Verdicts(True, True, True), now=now, notify=False
    )
    return version


def build_embed_world() -> EmbedWorld:
    """Create the department and publish unit-0's items through the services."""
    department = make_department(2)
    unit, people = department.units[0], department.people
    for step in (3, 4):
        person = type(people["editor"]).objects.create_user(f"reviewer{step}", password="pw-for-tests-only")
        role_assign(actor=None, role=f"reviewer_{step}", organization=unit, user=person)
        people[f"reviewer{step}"] = person
    documents = (
        NewDocument(SimpleUploadedFile("แผนผัง.pdf", pdf_bytes("chart one")), title="แผนผังองค์กร"),
        NewDocument(SimpleUploadedFile("แผนผัง.pdf", pdf_bytes("chart two")), title="แผนผังฝ่าย"),
        NewDocument(SimpleUploadedFile('..%2F<x> "y".docx', docx_bytes()), title='<b>"คู่มือ"</b>'),
    )
    first = _publish(
        unit,
        "5.1.1.1",
        people,
        DraftContent(body_th=BODY_TH, url_th=UNIT_SITE, as_of=AS_OF),
        add_documents=documents,
    )
    _publish(
        unit,
        "5.1.3",
        people,
        DraftContent(body_th="<p>เจตจำนงสุจริต</p>", body_en="<p>Integrity statement</p>", as_of=AS_OF),
    )
    _publish(
        unit,
        "5.1.7.3",
        people,
        DraftContent(
            nothing_to_publish=True,
            nothing_note_th="ไม่มีการจัดซื้อจัดจ้าง",
            nothing_note_en="No procurement this month",
            as_of=AS_OF,
        ),
    )
    old = _publish(
        unit,
        "5.1.8",
        people,
        DraftContent(body_th="<p>คู่มือการปฏิบัติงาน</p>", as_of=OLD_AS_OF),
        add_documents=(NewDocument(SimpleUploadedFile("manual.pdf", pdf_bytes("manual"))),),
        now=timezone.now() - dt.timedelta(days=400),
    )
    eleventh = _publish(unit, "5.1.11", people, DraftContent(body_th="<p>ร้องเรียนได้ที่</p>", as_of=AS_OF))
    draft_documents = []
    for code, name in (("5.1.10", "draft-ten.pdf"), ("5.1.11", "draft-eleven.pdf")):
        draft = version_save_draft(
            actor=people["editor"],
            entry=_entry(unit, code),
            content=DraftContent(body_th="<p>ร่าง</p>", as_of=AS_OF),
            add_documents=(NewDocument(SimpleUploadedFile(name, pdf_bytes(name))),),
        )
        draft_documents += list(draft.documents.values_list("pk", flat=True))
    version_submit(actor=people["editor"], version=_entry(unit, "5.1.10").open_version)
    published = list(first.documents.values_list("pk", flat=True)) + list(old.documents.values_list("pk", flat=True))
    assert eleventh.documents.count() == 0
    return EmbedWorld(unit.pk, sorted(published), sorted(draft_documents))


@pytest.fixture(scope="module")
def shared_embed_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[EmbedWorld]:
    # The helper is typed for the register's world; it builds and keeps any world alike.
    with world_kept_for_module(django_db_blocker, build_embed_world) as built:
        yield cast(EmbedWorld, built)


@pytest.fixture
def world(shared_embed_world: EmbedWorld, db: None) -> EmbedWorld:
    return shared_embed_world


@pytest.fixture(autouse=True)
def _thai() -> Iterator[None]:
    with translation.override("th"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Start every test with an empty page cache: the module's world keeps one edition for all its tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
