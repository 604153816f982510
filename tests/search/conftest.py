"""A department with three units on the real checklist, and helpers that publish or draft text through the services.

Units, in the portal's order (department first, then Thai dictionary order):

| slug   | Thai name                                 | English name                        |
|--------|-------------------------------------------|-------------------------------------|
| ops    | สำนักงานปลัดกระทรวงการคลัง                    | Office of the Permanent Secretary   |
| legal  | กองกฎหมาย                                  | Legal Affairs Division              |
| fiscal | กองบริหารการคลัง                            | Fiscal Administration Division      |
| ict    | ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร              | ICT Center                          |
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from prongsai.accounts.models import User
from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
from prongsai.checklists.services import checklist_load
from prongsai.disclosures.models import Entry, EntryVersion
from prongsai.disclosures.services import (
    DraftContent,
    NewDocument,
    Verdicts,
    version_approve,
    version_save_draft,
    version_submit,
)
from prongsai.organizations.models import Organization, Role
from prongsai.organizations.services import organization_create, role_assign

NOW = dt.datetime(2026, 3, 16, 10, 0, tzinfo=ZoneInfo("Asia/Bangkok"))
ALL_PASS = Verdicts(correct=True, complete=True, current=True)
UNITS = [
    ("legal", "กองกฎหมาย", "Legal Affairs Division"),
    ("fiscal", "กองบริหารการคลัง", "Fiscal Administration Division"),
    ("ict", "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร", "ICT Center"),
]
ORDER = ["ops", "legal", "fiscal", "ict"]


@dataclass
class Portal:
    department: Organization
    units: dict[str, Organization]
    editor: User
    reviewer: User

    def entry(self, slug: str, code: str) -> Entry:
        return Entry.objects.select_related("item", "organization").get(organization__slug=slug, item__code=code)

    def draft(self, slug: str, code: str, *, body_th: str, body_en: str = "", submit: bool = False) -> EntryVersion:
        """Save (and optionally submit) a version without approving it."""
        version = version_save_draft(
            actor=self.editor,
            entry=self.entry(slug, code),
            content=DraftContent(body_th=body_th, body_en=body_en, as_of=NOW.date()),
            now=NOW,
        )
        if submit:
            version_submit(actor=self.editor, version=version, now=NOW)
        return version

    def publish(
        self,
        slug: str,
        code: str,
        *,
        body_th: str = "",
        body_en: str = "",
        documents: tuple[NewDocument, ...] = (),
        now: dt.datetime = NOW,
    ) -> EntryVersion:
        """Run a version through draft, submission and approval."""
        version = version_save_draft(
            actor=self.editor,
            entry=self.entry(slug, code),
            content=DraftContent(body_th=body_th, body_en=body_en, as_of=now.date()),
            add_documents=documents,
            now=now,
        )
        version_submit(actor=self.editor, version=version, now=now)
        version_approve(actor=self.reviewer, version=version, verdicts=ALL_PASS, now=now, notify=False)
        version.refresh_from_db()
        return version


def make_portal() -> Portal:
    checklist_load(actor=None, definition=load_checklist_file(DEFAULT_CHECKLIST_PATH))
    department = organization_create(
        actor=None,
        kind="department",
        slug="ops",
        name_th="สำนักงานปลัดกระทรวงการคลัง",
        name_en="Office of the Permanent Secretary",
    )
    units = {
        slug: organization_create(
            actor=None, kind="unit", parent=department, slug=slug, name_th=name_th, name_en=name_en
        )
        for slug, name_th, name_en in UNITS
    }
    editor = User.objects.create_user("editor", password="pw-for-tests-only")
    reviewer = User.objects.create_user("reviewer", password="pw-for-tests-only")
    for organization in [department, *units.values()]:
        role_assign(actor=None, role=Role.EDITOR, organization=organization, user=editor)
        for step in (1, 2, 3, 4):
            role_assign(actor=None, role=Role(f"reviewer_{step}"), organization=organization, user=reviewer)
    return Portal(department, units, editor, reviewer)


@pytest.fixture
def portal(db: Any, settings: Any) -> Portal:
    settings.PRONGSAI_PORTAL_CACHE_SECONDS = 0
    return make_portal()


@pytest.fixture(autouse=True)
def _thai() -> Iterator[None]:
    with translation.override("th"):
        yield
