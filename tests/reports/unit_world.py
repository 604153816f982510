"""The test world of the rounds and unit reports: the register's world (tests/register/conftest.py) and more people.

Added to the register's people: `reporter_b` and `supervisor_b` at unit B; `head_reporter_a`, who is both
reporter and supervisor at unit A (to test that nobody approves a report they wrote). The ICT monitor
(`ict_monitor`, at the department) runs the rounds.

Moments are Bangkok times. Round 2569-6 covers 1 October 2025 – 31 March 2026; the tests open it
with the deadline 30 April 2026 (DEADLINE).

Import the fixtures into a test module with `from tests.reports.unit_world import _english, shared_world, world`
and name them once (`FIXTURES = (_english, shared_world, world)`), so the import counts as used.
"""

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from prongsai.checklists.models import ChecklistItem
from prongsai.disclosures.models import Entry, EntryVersion
from prongsai.disclosures.services import (
    Verdicts,
    version_approve,
    version_return,
    version_save_draft,
    version_submit,
)
from prongsai.monitoring.models import FindingOverride, ItemFinding, SiteCheck
from prongsai.monitoring.scoring import next_round_start
from prongsai.organizations.models import Organization, Role
from prongsai.organizations.services import role_assign
from prongsai.reports.models import Round
from prongsai.reports.services import round_open
from tests.register.conftest import (
    ALL_PASS,
    World,
    build_world,
    content_for,
    make_person,
    reviewer_for,
    world_kept_for_module,
)

BANGKOK = ZoneInfo("Asia/Bangkok")
DEADLINE = dt.date(2026, 4, 30)
# Opened on 1 March 2026, inside the round's period.
OPENED = dt.datetime(2026, 3, 1, 9, 0, tzinfo=BANGKOK)
# Ten days after the round's end: the facts stop at the end of 31 March.
AFTER = dt.datetime(2026, 4, 10, 10, 0, tzinfo=BANGKOK)

__all__ = [
    "AFTER",
    "BANGKOK",
    "DEADLINE",
    "OPENED",
    "World",
    "at",
    "check_of",
    "open_round",
    "override",
    "publish_at",
    "return_at",
]


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """Return a Bangkok moment."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=BANGKOK)


def build_report_world() -> World:
    """Build the register's world and add the reporting people."""
    built = build_world()
    root = built.person("root")
    unit_a = Organization.objects.get(pk=built.org_ids["unit_a"])
    unit_b = Organization.objects.get(pk=built.org_ids["unit_b"])
    plan = {
        "reporter_b": [(Role.REPORTER, unit_b)],
        "supervisor_b": [(Role.SUPERVISOR, unit_b)],
        "head_reporter_a": [(Role.REPORTER, unit_a), (Role.SUPERVISOR, unit_a)],
    }
    for username, roles in plan.items():
        person = make_person(username)
        built.people.append(username)
        for role, organization in roles:
            role_assign(actor=root, role=role, organization=organization, user=person)
    return built


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def shared_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with world_kept_for_module(django_db_blocker, build_report_world) as built:
        yield built


@pytest.fixture
def world(shared_world: World, db: None) -> World:
    return shared_world.fresh()


def open_round(
    world: World, *, fiscal_year: int = 2569, kind: str = "6", deadline: dt.date = DEADLINE, now: dt.datetime = OPENED
) -> Round:
    """Open a round as the ICT monitor."""
    return round_open(actor=world.person("ict_monitor"), fiscal_year=fiscal_year, kind=kind, deadline=deadline, now=now)


def publish_at(world: World, organization: Organization, code: str, when: dt.datetime, note: str = "") -> EntryVersion:
    """Run a version of the unit's item through draft → submit → approve at `when` (its reviewer approves)."""
    entry = world.entry(organization, code)
    editor = world.person({"unit-a": "editor_a", "unit-b": "editor_b"}[organization.slug])
    content = content_for(code, as_of=when.date())
    if note:
        content = type(content)(**{**content.__dict__, "change_note": note})
    version = version_save_draft(actor=editor, entry=entry, content=content, now=when)
    version_submit(actor=editor, version=version, now=when)
    version_approve(actor=world.person(reviewer_for(code)), version=version, verdicts=ALL_PASS, now=when)
    version.refresh_from_db()
    return version


def return_at(world: World, organization: Organization, code: str, when: dt.datetime) -> EntryVersion:
    """Run a version of the unit's item through draft → submit → return at `when`."""
    entry: Entry = world.entry(organization, code)
    editor = world.person({"unit-a": "editor_a", "unit-b": "editor_b"}[organization.slug])
    version = version_save_draft(actor=editor, entry=entry, content=content_for(code, as_of=when.date()), now=when)
    version_submit(actor=editor, version=version, now=when)
    verdicts = Verdicts(correct=False, complete=True, current=True, comment="แก้ไขวันที่")
    version_return(actor=world.person(reviewer_for(code)), version=version, verdicts=verdicts, now=when)
    version.refresh_from_db()
    return version


def check_of(
    organization: Organization,
    finished: dt.datetime,
    findings: dict[str, tuple[str, bool | None, str]],
    *,
    url: str = "https://a.example.go.th/",
) -> SiteCheck:
    """Record a finished website check with findings {code: (status, current, evidence url or "")}."""
    items = {item.code: item for item in ChecklistItem.objects.filter(checklist__is_active=True)}
    site_check = SiteCheck.objects.create(
        organization=organization,
        url=url,
        checklist=next(iter(items.values())).checklist,
        state=SiteCheck.State.DONE,
        trigger=SiteCheck.Trigger.COMMAND,
        queued_at=finished - dt.timedelta(minutes=5),
        started_at=finished - dt.timedelta(minutes=4),
        finished_at=finished,
    )
    for code, (status, current, evidence) in findings.items():
        ItemFinding.objects.create(
            site_check=site_check,
            item=items[code],
            status=status,
            current=current,
            evidence=[{"url": evidence}] if evidence else [],
            confidence=0.9,
        )
    return site_check


def override(world: World, site_check: SiteCheck, code: str, status: str, reason: str, when: dt.datetime) -> None:
    """Record an ICT monitor's override of a finding made at `when` (lapsing when the next round begins)."""
    finding = ItemFinding.objects.get(site_check=site_check, item__code=code)
    FindingOverride.objects.create(
        finding=finding,
        status=status,
        current=None,
        reason=reason,
        created_by=world.person("ict_monitor"),
        created_at=when,
        expires_on=next_round_start(when.date()),
    )
