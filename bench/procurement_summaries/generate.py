"""Generate a department's year of procurement records: `units` units × the twelve months of fiscal year 2569.

Each unit draws from its own seeded generator, so unit 17's records do not depend on how many
units there are. A month is empty (closed with no records: "ไม่มีการจัดซื้อจัดจ้าง") one time in
ten, else it holds 5-15 records with 0-4 bidders each; about a third of the records have a plan
line. Every month up to August 2026 is closed a few days after its end; September stays open.
Rows go in with bulk_create, a unit per transaction.
"""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from prongsai.organizations.models import Organization
from prongsai.procurement.models import Bid, PlanLine, ProcurementMonth, ProcurementPlan, ProcurementRecord
from prongsai.procurement.periods import fiscal_months
from prongsai.thaidate import add_months

FISCAL_YEAR = 2569
DEPARTMENT_SLUG = "bench-procurement"
NOW = dt.datetime(2026, 10, 15, 9, 0, tzinfo=dt.UTC)
METHODS = ("specific", "specific", "specific", "selection", "e_bidding", "e_market")
KINDS = ("purchase_order", "work_order", "contract", "agreement")
ITEMS = (
    "จัดซื้อวัสดุสำนักงาน",
    "จ้างซ่อมเครื่องปรับอากาศ",
    "จัดซื้อหมึกพิมพ์",
    "จ้างเหมาทำความสะอาดอาคาร",
    "จัดซื้อเครื่องคอมพิวเตอร์",
    "จ้างพิมพ์เอกสารประชาสัมพันธ์",
    "จัดซื้อน้ำดื่ม",
    "จ้างซ่อมแซมรถยนต์ราชการ",
)
SHOPS = ("บริษัท ก จำกัด", "ร้าน ข", "ห้างหุ้นส่วนจำกัด ค", "ร้าน ง การค้า", "บริษัท จ เทรดดิ้ง จำกัด")


@dataclass(frozen=True)
class Generated:
    units: int
    records: int
    bids: int
    empty_months: int
    closed_months: int


def unit_slug(index: int) -> str:
    return f"bench-unit-{index:03d}"


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100)) / 100


def _unit(department: Organization, index: int, seed: int) -> tuple[int, int, int, int]:
    """Store one unit's year; return (records, bids, empty months, closed months)."""
    rng = random.Random(seed * 100_000 + index)
    unit = Organization.objects.create(
        kind="unit",
        parent=department,
        slug=unit_slug(index),
        name_th=f"สำนักงานคลังเขต {index}",
        name_en=f"Regional Finance Office {index}",
        sort_order=index,
    )
    plan = ProcurementPlan.objects.create(
        organization=unit, fiscal_year=FISCAL_YEAR, announced_on=dt.date(2025, 10, 15), created_at=NOW, updated_at=NOW
    )
    lines = PlanLine.objects.bulk_create(
        PlanLine(
            plan=plan,
            position=position,
            name=rng.choice(ITEMS),
            budget=_money(rng, 5_000, 500_000),
            method=rng.choice(METHODS),
            expected_month=rng.choice(fiscal_months(FISCAL_YEAR)),
        )
        for position in range(1, 21)
    )
    records: list[ProcurementRecord] = []
    bids_of: list[list[tuple[str, Decimal]]] = []
    closings: list[ProcurementMonth] = []
    empty = 0
    for month in fiscal_months(FISCAL_YEAR):
        count = 0 if rng.random() < 0.1 else rng.randint(5, 15)
        empty += count == 0
        for sequence in range(1, count + 1):
            budget = _money(rng, 1_000, 2_000_000)
            offers = [(rng.choice(SHOPS), (budget * Decimal(rng.randint(85, 100)) / 100).quantize(Decimal("0.01")))
                      for _ in range(rng.randint(0, 4))]  # fmt: skip
            winner = min(offers, key=lambda offer: offer[1]) if offers else None
            records.append(
                ProcurementRecord(
                    organization=unit,
                    fiscal_year=FISCAL_YEAR,
                    month=month,
                    sequence=sequence,
                    item=f"{rng.choice(ITEMS)} ({sequence})",
                    budget=budget,
                    reference_price=budget if rng.random() < 0.7 else None,
                    method=rng.choice(METHODS),
                    winner=winner[0] if winner else "",
                    winner_price=winner[1] if winner else None,
                    reason="เสนอราคาต่ำสุดและคุณสมบัติครบถ้วน" if winner else "",
                    contract_kind=rng.choice(KINDS) if winner else "",
                    contract_number=f"{rng.randint(1, 300)}/2569" if winner else "",
                    contract_date=month + dt.timedelta(days=rng.randint(0, 27)) if winner else None,
                    plan_line=rng.choice(lines) if rng.random() < 0.35 else None,
                    status="completed" if winner else "",
                    source="imported",
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
            bids_of.append(offers)
        if month < dt.date(2026, 9, 1):
            as_of = add_months(month, 1) + dt.timedelta(days=rng.randint(0, 9))
            closings.append(
                ProcurementMonth(organization=unit, month=month, fiscal_year=FISCAL_YEAR, as_of=as_of, closed_at=NOW)
            )
    stored = ProcurementRecord.objects.bulk_create(records, batch_size=500)
    bids = [
        Bid(record=record, position=position, bidder=bidder, price=price)
        for record, offers in zip(stored, bids_of, strict=True)
        for position, (bidder, price) in enumerate(offers, start=1)
    ]
    Bid.objects.bulk_create(bids, batch_size=1000)
    ProcurementMonth.objects.bulk_create(closings)
    return len(stored), len(bids), empty, len(closings)


def generate(*, units: int, seed: int = 2569) -> Generated:
    """Store the department and its units' year of records (the department must not exist yet)."""
    department = Organization.objects.create(
        kind="department", slug=DEPARTMENT_SLUG, name_th="กรมทดสอบการจัดซื้อจัดจ้าง", name_en="Procurement bench"
    )
    totals = [0, 0, 0, 0]
    for index in range(1, units + 1):
        with transaction.atomic():
            figures = _unit(department, index, seed)
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
    return Generated(units=units, records=totals[0], bids=totals[1], empty_months=totals[2], closed_months=totals[3])
