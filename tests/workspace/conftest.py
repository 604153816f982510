"""A department with units built through the services, on the real checklist file."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from prongsai.accounts.models import User
from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
from prongsai.checklists.services import checklist_load
from prongsai.disclosures.services import DraftContent, Verdicts, version_approve, version_save_draft, version_submit
from prongsai.organizations.models import Organization
from prongsai.organizations.services import organization_create, role_assign


@dataclass
class Department:
    department: Organization
    units: list[Organization]
    people: dict[str, User]


def make_department(unit_count: int) -> Department:
    """Create the department, `unit_count` units and the people of a typical unit (at unit 0)."""
    checklist_load(actor=None, definition=load_checklist_file(DEFAULT_CHECKLIST_PATH))
    department = organization_create(actor=None, kind="department", slug="ops", name_th="สำนักงานปลัด", name_en="OPS")
    units = [
        organization_create(
            actor=None,
            kind="unit",
            parent=department,
            slug=f"unit-{index}",
            name_th=f"กองทดสอบที่ {index}",
            name_en=f"Test division {index}",
        )
        for index in range(unit_count)
    ]
    people: dict[str, User] = {}
    for username, role, organization in [
        ("editor", "editor", units[0]),
        ("reviewer1", "reviewer_1", units[0]),
        ("reviewer2", "reviewer_2", units[0]),
        ("monitor", "ict_monitor", department),
        ("outsider", "editor", units[-1] if unit_count > 1 else department),
    ]:
        person = people.get(username) or User.objects.create_user(username, password="pw-for-tests-only")
        people[username] = person
        role_assign(actor=None, role=role, organization=organization, user=person)
    return Department(department, units, people)


def publish(entry: Any, editor: User, reviewer: User, *, body_en: str = "", now: dt.datetime | None = None) -> None:
    """Run an entry through draft, submit and approval."""
    now = now or timezone.now()
    version = version_save_draft(
        actor=editor,
        entry=entry,
        content=DraftContent(body_th="<p>ข้อมูลทดสอบ</p>", body_en=body_en, as_of=timezone.localdate(now)),
        now=now,
    )
    version_submit(actor=editor, version=version, now=now)
    version_approve(actor=reviewer, version=version, verdicts=Verdicts(True, True, True), now=now)


@pytest.fixture
def dept(db: Any) -> Department:
    return make_department(3)
