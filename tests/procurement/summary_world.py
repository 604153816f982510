"""The monthly summaries' test world: one unit's procurement plan and records of fiscal year 2569, made with the ORM.

Unit A (กองพัสดุ / Supply Division) under a department; unit B beside it. People: `editor_a`
(editor at unit A: may see it), `editor_b` (editor at unit B only), `supervisor` (at the
department: sees both units), `outsider` (no role).

Unit A's fiscal year 2569:

| month    | closed (as of)  | records                                                                     |
|----------|-----------------|-----------------------------------------------------------------------------|
| Feb 2026 | yes (2 Mar 2026)| none: the dated "ไม่มีการจัดซื้อจัดจ้าง"                                       |
| Mar 2026 | yes (5 Apr 2026)| 1 office supplies 95,000.00 (plan line 1, purchase order 15/2569, 3 Mar)    |
|          |                 | 2 air-conditioner repair 12,500.50 (plan line 2, two bids, contract 4/2569) |
|          |                 | 3 cleaning 240,000.00 (e-bidding, no result yet, not in the plan)           |
| Apr 2026 | no              | 1 printer toner 4,815.00 (not in the plan, agreed 4,815.00, cancelled)      |

The plan (announced 15 Oct 2025): line 1 office supplies 100,000.00 specific (Mar 2026), line 2
air-conditioner repair 15,000.00 selection (Mar 2026), line 3 computers 450,000.00 e-bidding
(Jun 2026, no result). Unit B has one record in March 2026 that unit A's pages must never show.
"""

import datetime as dt
import os
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from prongsai.monitoring.engine.render import chromium_path
from prongsai.organizations.models import Organization, Role, RoleAssignment
from prongsai.procurement.models import (
    Bid,
    PlanLine,
    ProcurementMonth,
    ProcurementPlan,
    ProcurementRecord,
)

NOW = dt.datetime(2026, 4, 5, 9, 0, tzinfo=dt.UTC)
FEBRUARY = dt.date(2026, 2, 1)
MARCH = dt.date(2026, 3, 1)
APRIL = dt.date(2026, 4, 1)


@dataclass
class World:
    department: Organization
    unit_a: Organization
    unit_b: Organization
    people: dict[str, Any] = field(default_factory=dict)
    lines: list[PlanLine] = field(default_factory=list)
    records: dict[str, ProcurementRecord] = field(default_factory=dict)

    def person(self, username: str) -> Any:
        return self.people[username]


def record(organization: Organization, month: dt.date, sequence: int, **fields: Any) -> ProcurementRecord:
    """Store a record with the ORM (the services are written elsewhere); bids as [(bidder, price)]."""
    bids = fields.pop("bids", [])
    values: dict[str, Any] = {
        "organization": organization,
        "fiscal_year": 2569 if month >= dt.date(2025, 10, 1) else 2568,
        "month": month,
        "sequence": sequence,
        "item": f"งานที่ {sequence}",
        "budget": Decimal("1000.00"),
        "method": "specific",
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(fields)
    stored = ProcurementRecord.objects.create(**values)
    for position, (bidder, price) in enumerate(bids, start=1):
        Bid.objects.create(record=stored, position=position, bidder=bidder, price=price)
    return stored


def close_month(organization: Organization, month: dt.date, as_of: dt.date) -> ProcurementMonth:
    return ProcurementMonth.objects.create(
        organization=organization, month=month, fiscal_year=2569, as_of=as_of, closed_at=NOW
    )


def build_world() -> World:
    """Make the world of the module docstring."""
    department = Organization.objects.create(
        kind="department", slug="dept", name_th="สำนักงานปลัดกระทรวง", name_en="Office of the Permanent Secretary"
    )
    world = World(
        department=department,
        unit_a=Organization.objects.create(
            kind="unit", parent=department, slug="unit-a", name_th="กองพัสดุ", name_en="Supply Division"
        ),
        unit_b=Organization.objects.create(
            kind="unit", parent=department, slug="unit-b", name_th="กองคลัง", name_en="Finance Division"
        ),
    )
    users = get_user_model().objects
    for username, role, organization in (
        ("editor_a", Role.EDITOR, world.unit_a),
        ("editor_b", Role.EDITOR, world.unit_b),
        ("supervisor", Role.SUPERVISOR, department),
        ("outsider", None, None),
    ):
        person = users.create_user(username)
        world.people[username] = person
        if role is not None and organization is not None:
            RoleAssignment.objects.create(user=person, role=role, organization=organization)

    plan = ProcurementPlan.objects.create(
        organization=world.unit_a,
        fiscal_year=2569,
        announced_on=dt.date(2025, 10, 15),
        created_at=NOW,
        updated_at=NOW,
    )
    for position, (name, budget, method, month) in enumerate(
        (
            ("จัดซื้อวัสดุสำนักงาน", "100000.00", "specific", MARCH),
            ("จ้างซ่อมเครื่องปรับอากาศ", "15000.00", "selection", MARCH),
            ("จัดซื้อเครื่องคอมพิวเตอร์", "450000.00", "e_bidding", dt.date(2026, 6, 1)),
        ),
        start=1,
    ):
        world.lines.append(
            PlanLine.objects.create(
                plan=plan, position=position, name=name, budget=Decimal(budget), method=method, expected_month=month
            )
        )

    close_month(world.unit_a, FEBRUARY, dt.date(2026, 3, 2))
    close_month(world.unit_a, MARCH, dt.date(2026, 4, 5))
    world.records["supplies"] = record(
        world.unit_a,
        MARCH,
        1,
        item="จัดซื้อวัสดุสำนักงาน",
        budget=Decimal("95000.00"),
        reference_price=Decimal("95000.00"),
        method="specific",
        method_detail="เฉพาะเจาะจง",
        bids=[("บริษัท ก จำกัด", Decimal("95000.00"))],
        winner="บริษัท ก จำกัด",
        winner_price=Decimal("95000.00"),
        reason="เป็นผู้มีอาชีพขายโดยตรงและเสนอราคาไม่เกินวงเงิน",
        contract_kind="purchase_order",
        contract_number="15/2569",
        contract_date=dt.date(2026, 3, 3),
        plan_line=world.lines[0],
        status="completed",
    )
    world.records["repair"] = record(
        world.unit_a,
        MARCH,
        2,
        item="จ้างซ่อมเครื่องปรับอากาศ",
        budget=Decimal("12500.50"),
        reference_price=Decimal("12000.00"),
        method="selection",
        bids=[("ร้าน ข", Decimal("11900.25")), ("ร้าน ค", Decimal("12100.00"))],
        winner="ร้าน ข",
        winner_price=Decimal("11900.25"),
        reason="ราคาต่ำสุด",
        contract_kind="contract",
        contract_number="4/2569",
        contract_date=dt.date(2026, 3, 18),
        plan_line=world.lines[1],
        status="in_contract",
    )
    world.records["cleaning"] = record(
        world.unit_a,
        MARCH,
        3,
        item="จ้างเหมาทำความสะอาดอาคาร",
        budget=Decimal("240000.00"),
        method="e_bidding",
        egp_number="69039012345",
    )
    world.records["toner"] = record(
        world.unit_a,
        APRIL,
        1,
        item="จัดซื้อหมึกพิมพ์",
        budget=Decimal("4815.00"),
        method="specific",
        bids=[("ร้าน ง", None)],
        winner="ร้าน ง",
        winner_price=Decimal("4815.00"),
        status="cancelled",
    )
    world.records["other_unit"] = record(
        world.unit_b, MARCH, 1, item="จัดซื้อกระดาษ", budget=Decimal("3000.00"), winner_price=Decimal("2990.00")
    )
    return world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def needs_chromium() -> None:
    """Skip a test that prints when the machine has no Chromium (fail it when CI requires every service)."""
    if chromium_path() is None:
        if os.environ.get("PRONGSAI_REQUIRE_SERVICES") == "1":
            pytest.fail("PRONGSAI_REQUIRE_SERVICES=1 but Chromium is not installed")
        pytest.skip("needs Chromium (apt-get install chromium)")
