"""The register's test world: a four-item checklist, a department with two units, and one person per role.

The checklist is built in code with `parse_checklist` (independent of the real data file), one
item per review step:

| code | step | currency            | special                      |
|------|------|---------------------|------------------------------|
| G.1  | 1    | six_months          | Thai and English required    |
| P.1  | 2    | monthly             | "nothing to publish" allowed |
| M.1  | 3    | current_fiscal_year |                              |
| M.2  | 4    | six_months          |                              |

People (usernames listed in `World.people`): at unit A an editor, reviewers of steps 1–4,
a supervisor and a reporter; at unit B an editor; at the department an editor, an ICT monitor,
an executive, an administrator and a supervisor; `group_reviewer` reviews step 2 at unit A as a
member of a review group; `root` is a superuser without roles; `outsider` has no role at all.

Every test here runs with English active, so that exact English messages can be asserted
whatever catalogues exist; a test that wants Thai overrides the language itself.
"""

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import translation

from prongsai.audit.models import AuditEvent
from prongsai.checklists.definition import ChecklistDefinition, parse_checklist
from prongsai.checklists.models import Checklist, ChecklistItem
from prongsai.checklists.services import checklist_load
from prongsai.disclosures.models import Entry, EntryVersion, Review
from prongsai.disclosures.services import (
    DraftContent,
    NewDocument,
    Verdicts,
    version_approve,
    version_save_draft,
    version_submit,
)
from prongsai.organizations.models import Organization, ReviewGroup, Role
from prongsai.organizations.services import organization_create, review_group_create, role_assign

BANGKOK = ZoneInfo("Asia/Bangkok")
# Monday 16 March 2026, 10:00 in Bangkok: inside FY 2569 and its 6-month round.
NOW = dt.datetime(2026, 3, 16, 10, 0, tzinfo=BANGKOK)
TODAY = NOW.date()

ALL_PASS = Verdicts(correct=True, complete=True, current=True)

# (code, clause, step, currency, bilingual_required, nothing_to_publish_allowed, name_th, name_en)
BASE_ITEMS: list[tuple[str, str, int, str, bool, bool, str, str]] = [
    ("G.1", "G", 1, "six_months", True, False, "เจตจำนงสุจริตของผู้บริหาร", "Integrity statement"),
    ("P.1", "P", 2, "monthly", False, True, "สรุปผลการจัดซื้อจัดจ้างรายเดือน", "Monthly procurement summary"),
    ("M.1", "M", 3, "current_fiscal_year", False, False, "คู่มือการปฏิบัติงาน", "Operating manual"),
    ("M.2", "M", 4, "six_months", False, False, "ช่องทางการร้องเรียน", "Complaint channel"),
]
CLAUSES = [
    ("G", "ข้อมูลทั่วไป", "General information"),
    ("P", "การจัดซื้อจัดจ้าง", "Procurement"),
    ("M", "คู่มือและช่องทาง", "Manuals and channels"),
]
STEP_OF = {code: step for code, _clause, step, *_rest in BASE_ITEMS}
CODE_OF_STEP = {step: code for code, step in STEP_OF.items()}


def checklist_data(
    *, code: str = "test-4", version: str = "1", extra_items: int = 0, drop: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Return a decoded checklist document: the four base items (minus `drop`) and `extra_items` more."""
    items: list[dict[str, Any]] = [
        {
            "code": item_code,
            "clause": clause,
            "review_step": step,
            "currency": currency,
            "bilingual_required": bilingual,
            "nothing_to_publish_allowed": nothing,
            "name_th": name_th,
            "name_en": name_en,
            "keywords_th": [name_th.replace(" ", "")],
            "keywords_en": [name_en.lower()],
        }
        for item_code, clause, step, currency, bilingual, nothing, name_th, name_en in BASE_ITEMS
        if item_code not in drop
    ]
    items += [
        {
            "code": f"X.{n}",
            "clause": "M",
            "review_step": 1,
            "currency": "six_months",
            "name_th": f"รายการเพิ่มเติม {n}",
            "name_en": f"Extra item {n}",
        }
        for n in range(1, extra_items + 1)
    ]
    return {
        "schema": 1,
        "checklist": {
            "code": code,
            "title_th": "รายการตรวจสอบทดสอบ",
            "title_en": "Test checklist",
            "version": version,
            "effective_from": dt.date(2018, 10, 1),
        },
        "clauses": [{"code": c, "title_th": th, "title_en": en} for c, th, en in CLAUSES],
        "items": items,
    }


def checklist_definition(**kwargs: Any) -> ChecklistDefinition:
    """Parse `checklist_data(**kwargs)`; the content hash names its arguments so reloads are recognised."""
    return parse_checklist(checklist_data(**kwargs), content_hash=f"hash-{sorted(kwargs.items())}")


def load_checklist(**kwargs: Any) -> Checklist:
    """Load (and activate) a checklist built by `checklist_data`."""
    checklist, _changed = checklist_load(actor=None, definition=checklist_definition(**kwargs), activate=True)
    return checklist


class World:
    """Handles on the test world; objects are fetched lazily, once per test, so no test sees another's changes."""

    def __init__(self, *, checklist_id: int, org_ids: dict[str, int], group_id: int, usernames: list[str]) -> None:
        self.checklist_id = checklist_id
        self.org_ids = org_ids
        self.group_id = group_id
        self.people = usernames

    def fresh(self) -> "World":
        return World(
            checklist_id=self.checklist_id, org_ids=self.org_ids, group_id=self.group_id, usernames=self.people
        )

    @cached_property
    def checklist(self) -> Checklist:
        return Checklist.objects.get(pk=self.checklist_id)

    @cached_property
    def department(self) -> Organization:
        return Organization.objects.get(pk=self.org_ids["department"])

    @cached_property
    def unit_a(self) -> Organization:
        return Organization.objects.get(pk=self.org_ids["unit_a"])

    @cached_property
    def unit_b(self) -> Organization:
        return Organization.objects.get(pk=self.org_ids["unit_b"])

    @cached_property
    def group(self) -> ReviewGroup:
        return ReviewGroup.objects.get(pk=self.group_id)

    def person(self, username: str) -> Any:
        """Return a fresh copy of the person (their access scope is memoised per object)."""
        return get_user_model().objects.get(username=username)

    def org(self, key: str) -> Organization:
        return {"unit_a": self.unit_a, "unit_b": self.unit_b, "department": self.department}[key]

    def entry(self, organization: Organization, code: str) -> Entry:
        return Entry.objects.select_related("item", "organization").get(organization=organization, item__code=code)

    def item(self, code: str) -> ChecklistItem:
        return ChecklistItem.objects.get(checklist=self.checklist, code=code)


# username → list of (role, organization key); `group_reviewer`, `root` and `outsider` are made separately.
ROLE_PLAN: dict[str, list[tuple[Role, str]]] = {
    "editor_a": [(Role.EDITOR, "unit_a")],
    "reviewer1_a": [(Role.REVIEWER_1, "unit_a")],
    "reviewer2_a": [(Role.REVIEWER_2, "unit_a")],
    "reviewer3_a": [(Role.REVIEWER_3, "unit_a")],
    "reviewer4_a": [(Role.REVIEWER_4, "unit_a")],
    "supervisor_a": [(Role.SUPERVISOR, "unit_a")],
    "reporter_a": [(Role.REPORTER, "unit_a")],
    "editor_b": [(Role.EDITOR, "unit_b")],
    "editor_dept": [(Role.EDITOR, "department")],
    "ict_monitor": [(Role.ICT_MONITOR, "department")],
    "executive": [(Role.EXECUTIVE, "department")],
    "administrator": [(Role.ADMINISTRATOR, "department")],
    "supervisor_dept": [(Role.SUPERVISOR, "department")],
}
PASSWORD = "correct horse battery staple"


def make_person(username: str, **extra: Any) -> Any:
    defaults: dict[str, Any] = {"email": f"{username}@example.go.th", "full_name_th": f"คุณ {username}"}
    defaults.update(extra)
    return get_user_model().objects.create_user(username=username, password=PASSWORD, **defaults)


def build_world(*, unit_names: tuple[str, str] = ("กองเกษตร", "ศูนย์ขนส่ง"), extra_items: int = 0) -> World:
    """Create the checklist, organizations, groups and people through the services."""
    checklist = load_checklist(extra_items=extra_items)
    root = make_person("root", is_superuser=True, is_staff=True)
    department = organization_create(
        actor=root, kind="department", slug="dept", name_th="สำนักงานปลัดกระทรวง", name_en="Permanent Secretary"
    )
    unit_a = organization_create(
        actor=root,
        kind="unit",
        slug="unit-a",
        parent=department,
        name_th=unit_names[0],
        name_en="Unit A",
        websites=["https://a.example.go.th/"],
    )
    unit_b = organization_create(
        actor=root, kind="unit", slug="unit-b", parent=department, name_th=unit_names[1], name_en="Unit B"
    )
    orgs = {"unit_a": unit_a, "unit_b": unit_b, "department": department}
    people: dict[str, Any] = {"root": root}
    for username, roles in ROLE_PLAN.items():
        person = make_person(username)
        people[username] = person
        for role, org_key in roles:
            role_assign(actor=root, role=role, organization=orgs[org_key], user=person)
    people["group_reviewer"] = make_person("group_reviewer")
    people["outsider"] = make_person("outsider")
    group = review_group_create(
        actor=root,
        organization=unit_a,
        name_th="ฝ่ายบริหารทั่วไป",
        name_en="General administration section",
        members=[people["group_reviewer"]],
    )
    role_assign(actor=root, role=Role.REVIEWER_2, organization=unit_a, group=group)
    return World(
        checklist_id=checklist.pk,
        org_ids={key: org.pk for key, org in orgs.items()},
        group_id=group.pk,
        usernames=list(people),
    )


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Store uploads in an empty directory of this test, so "nothing was stored" can be checked."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@contextmanager
def world_kept_for_module(django_db_blocker: Any, builder: Callable[[], World]) -> Iterator[World]:
    """Build a world inside a transaction that stays open until the module ends, then roll it back.

    Each test runs in its own savepoint inside that transaction (pytest-django's `db`), so tests
    see the world exactly as built and never see each other's writes, and the world is built
    once per module instead of once per test.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = builder()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def shared_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with world_kept_for_module(django_db_blocker, build_world) as built:
        yield built


@pytest.fixture
def world(shared_world: World, db: None) -> World:
    """Return the module's world with fresh copies of its objects (earlier tests may have changed them)."""
    return shared_world.fresh()


def stored_files(root: Path) -> list[str]:
    """Return every file under a media root, relative to it."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def content_for(code: str, *, as_of: dt.date = TODAY, text: str = "ข้อมูล") -> DraftContent:
    """Return content complete enough to be submitted for the item (both languages for G.1)."""
    return DraftContent(body_th=f"<p>{text}</p>", body_en="<p>Information</p>" if code == "G.1" else "", as_of=as_of)


def reviewer_for(code: str) -> str:
    """Return the username of unit A's reviewer of the item's step."""
    return f"reviewer{STEP_OF[code]}_a"


Publisher = Callable[..., EntryVersion]


@pytest.fixture
def publish(world: World) -> Publisher:
    """Return a helper that runs a version of an entry through draft → submit → approve at `now`."""

    def run(
        entry: Entry,
        *,
        now: dt.datetime = NOW,
        editor: str | None = None,
        reviewer: str | None = None,
        content: DraftContent | None = None,
        documents: tuple[NewDocument, ...] = (),
    ) -> EntryVersion:
        code = entry.item.code
        editor = editor or {"unit-a": "editor_a", "unit-b": "editor_b", "dept": "editor_dept"}[entry.organization.slug]
        version = version_save_draft(
            actor=world.person(editor),
            entry=entry,
            content=content or content_for(code, as_of=now.date()),
            add_documents=documents,
            now=now,
        )
        version_submit(actor=world.person(editor), version=version, now=now)
        reviewer_name = reviewer or reviewer_for(code)
        version_approve(actor=world.person(reviewer_name), version=version, verdicts=ALL_PASS, now=now)
        version.refresh_from_db()
        return version

    return run


def review_rows(version: EntryVersion) -> list[tuple[str, int, str, bool, bool, bool]]:
    return list(
        Review.objects.filter(version=version)
        .order_by("created_at", "pk")
        .values_list("reviewer__username", "step", "decision", "correct", "complete", "current")
    )


@pytest.fixture
def entry_links(settings: Any) -> Callable[[Entry], str]:
    """Return a function giving the link an e-mail about an entry must carry (the Thai workspace page)."""

    def link(entry: Entry) -> str:
        with translation.override("th"):
            path = reverse("workspace:entry_detail", kwargs={"slug": entry.organization.slug, "code": entry.item.code})
        return f"{settings.PRONGSAI_SITE_URL.rstrip('/')}{path}"

    return link


def last_sequence() -> int:
    """Return the sequence number of the newest audit event (0 when there is none)."""
    return AuditEvent.objects.aggregate(last=Max("sequence"))["last"] or 0


def events_after(sequence: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(sequence__gt=sequence).order_by("sequence"))


def actions_after(sequence: int) -> list[tuple[str, dict[str, Any]]]:
    return [(event.action, event.data) for event in events_after(sequence)]
