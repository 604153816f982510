"""The ITA sheet's test world: a five-item checklist with an ITA 2569 crosswalk, a hand-made OIT list, two units.

| item | crosswalk ita-2569 | what the world gives it at unit A (NOW = 16 Mar 2026)              |
|------|--------------------|--------------------------------------------------------------------|
| A.1  | O1                 | published, Thai page on the unit's own site                        |
| A.2  | O1                 | published, page on the Prongsai portal; the monitor found its page |
| B.1  | O2                 | never published; the monitor found it on a subdomain               |
| C.1  | O3, O4             | published June 2025 (overdue), English page under the shared path  |
| D.1  | [] (none)          | never published; partly found by the monitor, off site             |

The OIT list of 2569 has O1–O5; no item maps to O5. Unit A's websites: https://www.unit-a.example.go.th/
(primary) and https://shared.example.go.th/unit-a/ (its section of a shared host). Unit B has none.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import pytest
from django.utils import translation

from prongsai.checklists.definition import parse_checklist
from prongsai.checklists.oit import OitItem, OitList
from prongsai.checklists.services import checklist_load
from prongsai.disclosures.models import Entry
from prongsai.disclosures.services import DraftContent, version_approve, version_save_draft, version_submit
from prongsai.monitoring.models import SiteCheck
from prongsai.monitoring.outcome import CheckOutcome, Evidence, ItemOutcome, ItemStatus
from prongsai.monitoring.services import check_record, check_start
from prongsai.organizations.models import Organization, Role
from prongsai.organizations.services import organization_create, role_assign
from tests.register.conftest import ALL_PASS, BANGKOK, NOW, TODAY, make_person, world_kept_for_module

__all__ = ["BANGKOK", "NOW", "TODAY"]

CHECKED_AT = dt.datetime(2026, 3, 10, 9, 0, tzinfo=BANGKOK)
OWN = "https://www.unit-a.example.go.th/"
SHARED = "https://shared.example.go.th/unit-a/"
PORTAL_URL = "https://prongsai.example.go.th/th/unit-a/items/A.2/"

# (code, name_th, name_en, crosswalk of ita-2569)
ITEMS: list[tuple[str, str, str, list[str]]] = [
    ("A.1", "โครงสร้างหน่วยงาน", "Organization structure", ["O1"]),
    ("A.2", "อำนาจหน้าที่", "Powers and duties", ["O1"]),
    ("B.1", "ข่าวประชาสัมพันธ์", "News", ["O2"]),
    ("C.1", "คู่มือการปฏิบัติงาน", "Operating manual", ["O3", "O4"]),
    ("D.1", "ช่องทางการร้องเรียน", "Complaint channel", []),
]

OIT_2569 = OitList(
    year="ita-2569",
    be_year=2569,
    title_th="แบบตรวจ OIT ทดสอบ 2569",
    title_en="Test OIT 2569",
    source_th="ทดสอบ",
    source_en="test",
    items=(
        OitItem("O1", "โครงสร้าง หน้าที่และอำนาจ", "Structure, duties and powers"),
        OitItem("O2", "ข่าวประชาสัมพันธ์", "News"),
        OitItem("O3", "คู่มือการปฏิบัติงาน", "Operating manual"),
        OitItem("O4", "คู่มือการให้บริการ", "Service manual", attested=False),
        OitItem("O5", "ช่องทางการรับฟังความคิดเห็น", "Opinion channel"),
    ),
)
LISTS = {"ita-2569": OIT_2569}


def checklist_data(extra_items: int = 0) -> dict[str, Any]:
    """Return the test checklist document; `extra_items` more items map to O5 (for the query-count tests)."""
    items = [
        {
            "code": code,
            "clause": "X",
            "review_step": 1,
            "currency": "six_months",
            "name_th": name_th,
            "name_en": name_en,
            "crosswalk": {"ita-2569": codes, "ita-2566": ["O1"]} if code == "A.1" else {"ita-2569": codes},
        }
        for code, name_th, name_en, codes in ITEMS
    ]
    items += [
        {
            "code": f"E.{n}",
            "clause": "X",
            "review_step": 1,
            "currency": "six_months",
            "name_th": f"รายการเพิ่ม {n}",
            "name_en": f"Extra {n}",
            "crosswalk": {"ita-2569": ["O5"]},
        }
        for n in range(1, extra_items + 1)
    ]
    return {
        "schema": 1,
        "checklist": {
            "code": f"ita-test-{extra_items}",
            "title_th": "รายการตรวจสอบทดสอบ ITA",
            "title_en": "ITA test checklist",
            "version": "1",
            "effective_from": dt.date(2018, 10, 1),
        },
        "clauses": [{"code": "X", "title_th": "ทั้งหมด", "title_en": "All"}],
        "items": items,
    }


@dataclass
class ItaWorld:
    org_ids: dict[str, int]

    def org(self, key: str) -> Organization:
        return Organization.objects.get(pk=self.org_ids[key])

    def person(self, username: str) -> Any:
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(username=username)


ROLES: dict[str, list[tuple[Role, str]]] = {
    "editor_a": [(Role.EDITOR, "unit_a")],
    "reviewer1_a": [(Role.REVIEWER_1, "unit_a")],
    "reporter_a": [(Role.REPORTER, "unit_a")],
    "editor_b": [(Role.EDITOR, "unit_b")],
    "ict_monitor": [(Role.ICT_MONITOR, "department")],
    "executive": [(Role.EXECUTIVE, "department")],
}


def publish(unit: Organization, code: str, *, when: dt.datetime, **content: Any) -> None:
    """Run a version of unit A's item through draft, submission and approval at `when`."""
    from django.contrib.auth import get_user_model

    people = get_user_model().objects
    entry = Entry.objects.select_related("item", "organization").get(organization=unit, item__code=code)
    version = version_save_draft(
        actor=people.get(username="editor_a"), entry=entry, content=DraftContent(**content), now=when
    )
    version_submit(actor=people.get(username="editor_a"), version=version, now=when, notify=False)
    version_approve(actor=people.get(username="reviewer1_a"), version=version, verdicts=ALL_PASS, now=when)


def _finding(code: str, status: ItemStatus, urls: tuple[str, ...]) -> ItemOutcome:
    return ItemOutcome(
        code=code,
        status=status,
        evidence=tuple(Evidence(url, 200, ("คำ",), "…") for url in urls),
        as_of=None,
        as_of_source=None,
        current=None,
        confidence=0.9,
        reason_th="ทดสอบ",
        reason_en="test",
    )


MONITOR_FINDINGS: dict[str, tuple[ItemStatus, tuple[str, ...]]] = {
    "A.1": (ItemStatus.FOUND, ("https://www.unit-a.example.go.th/structure-found-by-monitor",)),
    "A.2": (ItemStatus.FOUND, ("https://unit-a.example.go.th/duties",)),
    "B.1": (ItemStatus.FOUND, ("https://news.unit-a.example.go.th/2569/",)),
    "C.1": (ItemStatus.NOT_FOUND, ()),
    "D.1": (ItemStatus.PARTIAL, ("https://line.me/ti/p/unit-a",)),
}


def record_check(unit: Organization, *, extra_items: int = 0) -> SiteCheck:
    """Record a finished check of unit A's primary website with MONITOR_FINDINGS (extra items: not found)."""
    findings = {**MONITOR_FINDINGS, **{f"E.{n}": (ItemStatus.NOT_FOUND, ()) for n in range(1, extra_items + 1)}}
    site_check = check_start(
        actor=None,
        organization=unit,
        website=unit.websites.get(url=OWN),
        trigger=SiteCheck.Trigger.COMMAND,
        now=CHECKED_AT,
    )
    outcome = CheckOutcome(
        site=OWN,
        checklist=site_check.checklist.code,
        checked_at=CHECKED_AT,
        items=tuple(_finding(code, status, urls) for code, (status, urls) in findings.items()),
        site_findings={},
        pages=10,
        bytes=1000,
        seconds=1.0,
        stopped_by="done",
        errors={},
    )
    return check_record(site_check=site_check, outcome=outcome, now=CHECKED_AT + dt.timedelta(minutes=2))


def build_ita_world(extra_items: int = 0) -> ItaWorld:
    """Create the checklist, organizations, people, the published versions and the monitor's check."""
    checklist_load(
        actor=None,
        definition=parse_checklist(checklist_data(extra_items), content_hash=f"ita-{extra_items}"),
        activate=True,
    )
    root = make_person("root", is_superuser=True, is_staff=True)
    department = organization_create(
        actor=root, kind="department", slug="dept", name_th="สำนักงานปลัดกระทรวง", name_en="Permanent Secretary"
    )
    unit_a = organization_create(
        actor=root,
        kind="unit",
        slug="unit-a",
        parent=department,
        name_th="กองเกษตร",
        name_en="Agriculture Division",
        websites=[OWN, SHARED],
    )
    unit_b = organization_create(
        actor=root, kind="unit", slug="unit-b", parent=department, name_th="ศูนย์ขนส่ง", name_en="Transport Centre"
    )
    orgs = {"department": department, "unit_a": unit_a, "unit_b": unit_b}
    for username, roles in ROLES.items():
        person = make_person(username)
        for role, key in roles:
            role_assign(actor=root, role=role, organization=orgs[key], user=person)
    make_person("outsider")
    publish(
        unit_a,
        "A.1",
        when=NOW - dt.timedelta(days=10),
        url_th="https://www.unit-a.example.go.th/about/structure",
        as_of=dt.date(2026, 3, 1),
    )
    publish(unit_a, "A.2", when=NOW - dt.timedelta(days=5), url_th=PORTAL_URL, as_of=dt.date(2026, 3, 5))
    publish(
        unit_a,
        "C.1",
        when=dt.datetime(2025, 6, 2, 10, 0, tzinfo=BANGKOK),
        url_en="https://shared.example.go.th/unit-a/manual-en.pdf",
        as_of=dt.date(2025, 6, 1),
    )
    record_check(unit_a, extra_items=extra_items)
    return ItaWorld(org_ids={key: org.pk for key, org in orgs.items()})


@contextmanager
def ita_world_kept_for_module(django_db_blocker: Any, builder: Callable[[], ItaWorld]) -> Iterator[ItaWorld]:
    """Build the world once for a test module, as the register's tests do (`world_kept_for_module`)."""
    with world_kept_for_module(django_db_blocker, cast(Any, builder)) as built:
        yield cast(ItaWorld, built)


@pytest.fixture(scope="module")
def shared_ita_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[ItaWorld]:
    with ita_world_kept_for_module(django_db_blocker, build_ita_world) as built:
        yield built


@pytest.fixture
def ita_world(shared_ita_world: ItaWorld, db: None) -> ItaWorld:
    return shared_ita_world


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield
