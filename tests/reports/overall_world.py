"""The overall report's test world: a four-item checklist, a department with three active units, history, checks.

Built with the ORM (the register's versions, the monitor's checks, the units' reports) at exact
times, so the facts at the 2569-6 cut-off (31 March 2026, end of day, Bangkok) are known by hand:

| unit            | 5.1.1.1    | 5.1.3           | 5.1.7.1 (fiscal year) | 5.1.7.3 (monthly) | compliance |
|-----------------|------------|-----------------|-----------------------|-------------------|------------|
| unit-a กองเกษตร  | published ✓ | overdue         | due_soon ✓            | draft ✓           | 75.0       |
| unit-b ศูนย์ขนส่ง | overdue    | published ✓      | missing               | overdue           | 25.0       |
| unit-c กองคลัง    | returned   | awaiting_review | missing               | overdue           | 0.0        |

Monitor in the round (Oct 2025 – Mar 2026): unit A's last check (10 Feb) found 5.1.1.1, 5.1.7.1, 5.1.7.3
and 5.1.3 in Thai only (partial), score 80.0; unit B's (1 Mar) found 5.1.7.1, not 5.1.1.1 nor 5.1.3,
and 5.1.7.3 partly, which an ICT monitor overrode to found (current): score 50.0 instead of the stored
60.0. Unit C was never checked. Previous round 2568-12: scores A 90.0, B 40.0; compliance at 30 Sep
2025 A 50.0, B 50.0, C 25.0. Round 2568-6 (cut-off 31 Mar 2025): only A's 5.1.7.1 → 8.3 overall.

Reports of 2569-6 (deadline 30 Apr 2026): A accepted but late (first submitted 5 May), late in 2568-12
too; B returned once and now a draft again (it reported, on time); C none. An inactive unit X has a
published item and a report and must appear nowhere.
"""

import datetime as dt
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import translation

from prongsai.checklists.definition import parse_checklist
from prongsai.checklists.models import Checklist, ChecklistItem
from prongsai.checklists.services import checklist_load
from prongsai.disclosures.models import Entry, EntryVersion
from prongsai.monitoring.engine.classify.texts import REASONS
from prongsai.monitoring.models import FindingOverride, ItemFinding, SiteCheck
from prongsai.organizations.models import Organization, Role
from prongsai.organizations.services import organization_create, role_assign
from prongsai.reports.models import OverallReport, Round, UnitReport, UnitReportVersion

BANGKOK = ZoneInfo("Asia/Bangkok")
# Sunday 10 May 2026, 10:00 in Bangkok: after the 6-month round of FY 2569 and its deadline.
NOW = dt.datetime(2026, 5, 10, 10, 0, tzinfo=BANGKOK)
PASSWORD = "correct horse battery staple"

ITEMS = [
    ("5.1.1.1", "5.1.1", 1, "six_months", False, "โครงสร้างหน่วยงาน", "Organization structure"),
    ("5.1.3", "5.1.3", 1, "six_months", True, "เจตจำนงสุจริตของผู้บริหารสูงสุด", "Top executive's integrity statement"),
    ("5.1.7.1", "5.1.7", 2, "current_fiscal_year", False, "แผนการจัดซื้อจัดจ้างประจำปี", "Annual procurement plan"),
    ("5.1.7.3", "5.1.7", 2, "monthly", False, "สรุปผลการจัดซื้อจัดจ้าง", "Procurement result summary"),
]
CODES = [code for code, *_rest in ITEMS]
UNITS = [
    ("unit-a", "กองเกษตร", "Agriculture Division"),
    ("unit-b", "ศูนย์ขนส่ง", "Transport Centre"),
    ("unit-c", "กองคลัง", "Treasury Division"),
]

# username -> (role, organization slug)
PEOPLE: dict[str, tuple[Role, str]] = {
    "ict": (Role.ICT_MONITOR, "dept"),
    "reporter_dept": (Role.REPORTER, "dept"),
    "supervisor_dept": (Role.SUPERVISOR, "dept"),
    "supervisor_dept2": (Role.SUPERVISOR, "dept"),
    "executive": (Role.EXECUTIVE, "dept"),
    "supervisor_a": (Role.SUPERVISOR, "unit-a"),
    "reporter_a": (Role.REPORTER, "unit-a"),
    "editor_a": (Role.EDITOR, "unit-a"),
}


def at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    """Return a moment in Bangkok."""
    return dt.datetime(year, month, day, hour, 0, tzinfo=BANGKOK)


def checklist_document() -> dict[str, Any]:
    return {
        "schema": 1,
        "checklist": {
            "code": "overall-test",
            "title_th": "รายการตรวจสอบทดสอบ",
            "title_en": "Test checklist",
            "version": "1",
            "effective_from": dt.date(2018, 10, 1),
        },
        "clauses": [
            {"code": "5.1.1", "title_th": "ข้อมูลพื้นฐาน", "title_en": "Basic information"},
            {"code": "5.1.3", "title_th": "เจตจำนงสุจริต", "title_en": "Integrity statement"},
            {"code": "5.1.7", "title_th": "การจัดซื้อจัดจ้าง", "title_en": "Procurement"},
        ],
        "items": [
            {
                "code": code,
                "clause": clause,
                "review_step": step,
                "currency": currency,
                "bilingual_required": bilingual,
                "name_th": name_th,
                "name_en": name_en,
                "keywords_th": [name_th],
                "keywords_en": [name_en.lower()],
            }
            for code, clause, step, currency, bilingual, name_th, name_en in ITEMS
        ],
    }


def make_person(username: str, **extra: Any) -> Any:
    defaults: dict[str, Any] = {"email": f"{username}@example.go.th", "full_name_th": f"คุณ {username}"}
    defaults.update(extra)
    return get_user_model().objects.create_user(username=username, password=PASSWORD, **defaults)


class Versions:
    """Write an entry's versions at exact times, as the register's services would have left them."""

    def __init__(self, author: Any) -> None:
        self.author = author

    def entry(self, organization: Organization, code: str) -> Entry:
        item = ChecklistItem.objects.get(code=code, checklist__is_active=True)
        return Entry.objects.get_or_create(organization=organization, item=item)[0]

    def add(
        self,
        entry: Entry,
        state: str,
        created: dt.datetime,
        *,
        submitted: dt.datetime | None = None,
        decided: dt.datetime | None = None,
        updated: dt.datetime | None = None,
    ) -> EntryVersion:
        number = (entry.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        return EntryVersion.objects.create(
            entry=entry,
            number=number,
            state=state,
            body_th="<p>ข้อมูล</p>",
            created_by=self.author,
            created_at=created,
            updated_at=updated or decided or submitted or created,
            submitted_at=submitted,
            decided_at=decided,
            published_at=decided if state == "approved" else None,
        )

    def published(self, organization: Organization, code: str, on: dt.datetime) -> EntryVersion:
        entry = self.entry(organization, code)
        start = on - dt.timedelta(days=2)
        return self.add(entry, "approved", start, submitted=start + dt.timedelta(days=1), decided=on)


def check(
    organization: Organization,
    checklist: Checklist,
    finished: dt.datetime,
    score: str | None,
    findings: dict[str, str],
    *,
    thai_only: tuple[str, ...] = (),
) -> SiteCheck:
    """Record a finished check with the given statuses (found and partial items current)."""
    site_check = SiteCheck.objects.create(
        organization=organization,
        url=f"https://{organization.slug}.example.go.th/",
        checklist=checklist,
        state=SiteCheck.State.DONE,
        trigger=SiteCheck.Trigger.COMMAND,
        queued_at=finished - dt.timedelta(minutes=5),
        started_at=finished - dt.timedelta(minutes=4),
        finished_at=finished,
        score=score,
    )
    for code, status in findings.items():
        reason = REASONS["thai_only"] if code in thai_only else ("พบ", "Found", "", "")
        ItemFinding.objects.create(
            site_check=site_check,
            item=ChecklistItem.objects.get(code=code, checklist=checklist),
            status=status,
            current=True if status != "not_found" else None,
            confidence=0.9,
            reason_th=reason[0],
            reason_en=reason[1],
        )
    return site_check


@dataclass
class World:
    ids: dict[str, int]
    round_ids: dict[str, int]

    def fresh(self) -> "World":
        return World(self.ids, self.round_ids)

    def org(self, slug: str) -> Organization:
        return Organization.objects.get(pk=self.ids[slug])

    def person(self, username: str) -> Any:
        """Return a fresh copy of the person (their access scope is memoised per object)."""
        return get_user_model().objects.get(username=username)

    def round(self, code: str) -> Round:
        return Round.objects.get(pk=self.round_ids[code])

    @cached_property
    def checklist(self) -> Checklist:
        return Checklist.objects.get(is_active=True)

    def report(self, code: str = "2569-6") -> OverallReport:
        return OverallReport.objects.get(round=self.round(code))


def open_round(fiscal_year: int, kind: str, deadline: dt.date, by: Any) -> Round:
    return Round.objects.create(
        fiscal_year=fiscal_year, kind=kind, deadline=deadline, opened_by=by, opened_at=at(deadline.year, 1, 1)
    )


def unit_report(
    round: Round, organization: Organization, author: Any, head: Any, states: list[str], first: dt.datetime | None
) -> UnitReport:
    """Write a unit's report with versions in the given states (the last is current)."""
    late = first is not None and first.date() > round.deadline
    report = UnitReport.objects.create(
        round=round,
        organization=organization,
        state=states[-1],
        first_submitted_at=first,
        late=late,
        created_at=first or NOW,
    )
    version = None
    for number, state in enumerate(states, start=1):
        sent = state not in ("draft", "awaiting_approval")
        version = UnitReportVersion.objects.create(
            report=report,
            number=number,
            state=state,
            facts_taken_at=first or NOW,
            created_by=author,
            created_at=first or NOW,
            updated_at=first or NOW,
            approved_by=head if sent else None,
            submitted_at=first if sent else None,
            late=late and number == 1,
            decision_comment="แก้ไขตัวเลข" if state == "returned" else "",
        )
    report.current_version = version
    report.save(update_fields=["current_version"])
    return report


def build_world() -> World:
    """Create the checklist, organizations, people, register history, checks and reports described above."""
    checklist, _changed = checklist_load(
        actor=None, definition=parse_checklist(checklist_document(), content_hash="overall-test"), activate=True
    )
    root = make_person("root", is_superuser=True, is_staff=True)
    department = organization_create(
        actor=root, kind="department", slug="dept", name_th="สำนักงานปลัดกระทรวง", name_en="Permanent Secretary"
    )
    orgs: dict[str, Organization] = {"dept": department}
    for slug, name_th, name_en in [*UNITS, ("unit-x", "กองที่ยุบแล้ว", "Closed Division")]:
        orgs[slug] = organization_create(
            actor=root, kind="unit", slug=slug, parent=department, name_th=name_th, name_en=name_en
        )
    Organization.objects.filter(slug="unit-x").update(is_active=False)
    for username, (role, slug) in PEOPLE.items():
        role_assign(actor=root, role=role, organization=orgs[slug], user=make_person(username))
    make_person("outsider")
    author = get_user_model().objects.get(username="editor_a")
    head = get_user_model().objects.get(username="supervisor_a")

    a, b, c = orgs["unit-a"], orgs["unit-b"], orgs["unit-c"]
    v = Versions(author)
    # Unit A
    v.published(a, "5.1.7.1", at(2024, 10, 10))  # FY 2568's plan: current at 31 Mar 2025 only
    v.published(a, "5.1.1.1", at(2025, 7, 1))
    v.published(a, "5.1.1.1", at(2026, 1, 10))
    v.published(a, "5.1.3", at(2025, 9, 15))  # due 15 Mar 2026: overdue at the cut-off
    v.add(v.entry(a, "5.1.3"), "approved", at(2026, 4, 1), submitted=at(2026, 4, 2), decided=at(2026, 4, 5))
    v.published(a, "5.1.7.1", at(2025, 10, 5))  # due 5 Apr 2026: due soon at the cut-off
    v.published(a, "5.1.7.3", at(2026, 3, 20))
    v.add(v.entry(a, "5.1.7.3"), "draft", at(2026, 3, 25))
    # Unit B
    v.published(b, "5.1.1.1", at(2025, 6, 15))  # due 15 Dec 2025
    v.add(v.entry(b, "5.1.1.1"), "returned", at(2026, 2, 1), submitted=at(2026, 2, 2), decided=at(2026, 2, 5))
    v.published(b, "5.1.3", at(2026, 2, 1))
    v.published(b, "5.1.7.3", at(2025, 9, 20))  # monthly: due 20 Oct 2025
    v.add(v.entry(b, "5.1.7.3"), "approved", at(2026, 3, 29), submitted=at(2026, 3, 30), decided=at(2026, 4, 2))
    # Unit C
    v.published(c, "5.1.7.3", at(2025, 9, 10))
    v.add(v.entry(c, "5.1.7.3"), "discarded", at(2026, 1, 5), updated=at(2026, 1, 6))
    v.add(v.entry(c, "5.1.1.1"), "returned", at(2026, 2, 1), submitted=at(2026, 2, 2), decided=at(2026, 2, 5))
    v.add(v.entry(c, "5.1.3"), "approved", at(2026, 3, 1), submitted=at(2026, 3, 30), decided=at(2026, 4, 2))
    v.add(v.entry(c, "5.1.7.1"), "draft", at(2026, 4, 10))
    # The closed unit
    v.published(orgs["unit-x"], "5.1.1.1", at(2026, 1, 10))

    # The monitor
    all_found = dict.fromkeys(CODES, "found")
    check(a, checklist, at(2025, 6, 1), "90.0", all_found)
    check(b, checklist, at(2025, 8, 1), "40.0", {**all_found, "5.1.1.1": "not_found"})
    check(a, checklist, at(2025, 11, 1), "50.0", all_found)
    check(a, checklist, at(2026, 2, 10), "80.0", {**all_found, "5.1.3": "partial"}, thai_only=("5.1.3",))
    check(a, checklist, at(2026, 4, 3), "10.0", dict.fromkeys(CODES, "not_found"))
    checked_b = check(
        b,
        checklist,
        at(2026, 3, 1),
        "60.0",
        {"5.1.1.1": "not_found", "5.1.3": "not_found", "5.1.7.1": "found", "5.1.7.3": "partial"},
    )
    FindingOverride.objects.create(
        finding=checked_b.findings.get(item__code="5.1.7.3"),
        status="found",
        current=True,
        reason="ตรวจด้วยตนเองแล้วพบครบ",
        created_by=get_user_model().objects.get(username="ict"),
        created_at=at(2026, 3, 5),
        expires_on=dt.date(2026, 4, 1),
    )

    # Rounds and the units' reports
    ict = get_user_model().objects.get(username="ict")
    rounds = {
        "2568-6": open_round(2568, "six_month", dt.date(2025, 4, 30), ict),
        "2568-12": open_round(2568, "twelve_month", dt.date(2025, 10, 31), ict),
        "2569-6": open_round(2569, "six_month", dt.date(2026, 4, 30), ict),
    }
    unit_report(rounds["2568-12"], a, author, head, ["accepted"], at(2025, 11, 5))
    unit_report(rounds["2569-6"], a, author, head, ["accepted"], at(2026, 5, 5))
    unit_report(rounds["2569-6"], b, author, head, ["returned", "draft"], at(2026, 4, 20))
    unit_report(rounds["2569-6"], orgs["unit-x"], author, head, ["submitted"], at(2026, 4, 20))
    return World({slug: org.pk for slug, org in orgs.items()}, {code: r.pk for code, r in rounds.items()})


@pytest.fixture(scope="module")
def shared_overall_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Build the world once per module inside a transaction rolled back at its end (tests run in savepoints)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(shared_overall_world: World, db: None) -> Iterator[World]:
    """Return the module's world with English active, so exact English messages can be asserted."""
    with translation.override("en"):
        yield shared_overall_world.fresh()
