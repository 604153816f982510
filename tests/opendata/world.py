"""The open-data tests' world: a department of two units, one of which has published everything.

unit-0 (กองทดสอบที่ 0 / Test division 0) publishes through the register, as of 10 April 2026 (FY 2569),
its action plan (5.1.4) and progress (5.1.5) and its procurement plan (5.1.7.1) and records (5.1.7.2),
built by tests/publish/world.py (see its docstring for every figure). Its records as of that date:
  2025-11 #1 จัดซื้อวัสดุสำนักงาน      budget 30000.50, one bid (ร้าน ก 29500.00), purchase order 15/2569 of 2025-11-20
  2026-01 #1 จัดซื้อเครื่องคอมพิวเตอร์  budget 450000.00, reference 448000.00, e-bidding, two bids, contract 4/2569
  2026-03 #1 จ้างซ่อมแซมอาคาร          budget 95000.00, one bid (หจก. ค 94000.00), work order 7/2569 of 2026-03-18
It has received three opinions and complaints (two in March 2026, one in April) and has one finished
website check (10 April 2026, score 72.5: FY 2569's six-month round... see `ROUND_OF_CHECK`).
unit-1 has published nothing and received nothing.

`catalogue_sync(now=SYNCED)` has run once at the end, so the catalogue holds:
  unit-0: register, action-plans, plan-progress, procurement-plans, procurement-records,
          channel-statistics, monitor-scores (7)
  unit-1: register, channel-statistics (2)
  ops (department-wide): all seven kinds (7)
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from prongsai.channels.models import Submission
from prongsai.checklists.models import Checklist
from prongsai.monitoring.models import SiteCheck
from prongsai.opendata.catalogue import catalogue_sync
from prongsai.organizations.models import Organization

from ..publish.conftest import publish_records
from ..publish.world import AS_OF, BANGKOK, build_plan, build_procurement
from ..workspace.conftest import Department, make_department

SYNCED = dt.datetime(2026, 4, 11, 8, 0, tzinfo=BANGKOK)
CHECKED = dt.datetime(2026, 4, 10, 15, 0, tzinfo=BANGKOK)
RECEIVED = [
    # (kind, topic, status, received)
    ("complaint", "fraud", "in_progress", dt.datetime(2026, 3, 2, 9, 0, tzinfo=BANGKOK)),
    ("opinion", "service_quality", "received", dt.datetime(2026, 3, 20, 14, 0, tzinfo=BANGKOK)),
    ("opinion", "service_quality", "received", dt.datetime(2026, 4, 1, 10, 0, tzinfo=BANGKOK)),
]


# The sixteen datasets of the world, in name order.
WORLD_NAMES = [
    "ops-action-plans",
    "ops-channel-statistics",
    "ops-monitor-scores",
    "ops-plan-progress",
    "ops-procurement-plans",
    "ops-procurement-records",
    "ops-register",
    "unit-0-action-plans",
    "unit-0-channel-statistics",
    "unit-0-monitor-scores",
    "unit-0-plan-progress",
    "unit-0-procurement-plans",
    "unit-0-procurement-records",
    "unit-0-register",
    "unit-1-channel-statistics",
    "unit-1-register",
]


@dataclass
class OpendataWorld:
    dept: Department
    department: Organization
    published: Organization  # unit-0
    quiet: Organization  # unit-1
    procurement: dict[str, Any]
    check: SiteCheck


def receive(
    unit: Organization,
    *,
    tracking_code: str,
    received: dt.datetime,
    kind: str = "opinion",
    topic: str = "service_quality",
    status: str = "received",
) -> Submission:
    """Write an anonymous opinion or complaint the unit received (as the public form's service would)."""
    return Submission.objects.create(
        kind=kind,
        organization=unit,
        topic=topic,
        subject="เรื่องที่ได้รับ",
        message="ข้อความ",
        is_anonymous=True,
        language="th",
        tracking_code=tracking_code,
        status=status,
        received_at=received,
        due_date=received.date() + dt.timedelta(days=15),
        updated_at=received,
    )


def _receive(unit: Organization) -> None:
    for index, (kind, topic, status, received) in enumerate(RECEIVED):
        receive(unit, tracking_code=f"TEST-{index + 1:04d}", received=received, kind=kind, topic=topic, status=status)


def _check(unit: Organization) -> SiteCheck:
    return SiteCheck.objects.create(
        organization=unit,
        url="https://unit-0.example.go.th/",
        checklist=Checklist.objects.get(is_active=True),
        state=SiteCheck.State.DONE,
        trigger="manual",
        queued_at=CHECKED - dt.timedelta(minutes=10),
        started_at=CHECKED - dt.timedelta(minutes=9),
        finished_at=CHECKED,
        score=Decimal("72.5"),
    )


def build_opendata_world() -> OpendataWorld:
    """Build the world of the module's docstring (the clock is not frozen: publication times are now)."""
    dept = make_department(2)
    unit, quiet = dept.units
    build_plan(unit)
    procurement = build_procurement(unit)
    for code in ("5.1.4", "5.1.5", "5.1.7.1", "5.1.7.2"):
        publish_records(dept, unit, code, as_of=AS_OF)
    _receive(unit)
    check = _check(unit)
    catalogue_sync(now=SYNCED)
    return OpendataWorld(dept, dept.department, unit, quiet, procurement, check)
