"""The publishing tests' world: a department on the real checklist, and a year of plan and procurement records.

Records are written with the ORM directly (the workspace services are another part of the work);
every figure the tests expect is worked out by hand in the comments below.

Action plan of unit-0, FY 2569 (4,500,000.00 baht):
  1. แผนงานพัฒนาระบบ
     1.1 พัฒนาระบบสารสนเทศ      3,000,000.00  reports: Jan 20 % / 600,000; Mar 45 % / 1,200,000; May 70 % (as of 31 May)
     1.2 อบรมผู้ใช้งาน (activity)     500,000.00  reports: Feb 100 % / 480,000 completed
  2. แผนงานบริหารจัดการ
     2.1 ปรับปรุงอาคาร            1,000,000.00  reports: Apr 10 % / 100,000 behind (as of 5 April)
As of 10 April 2026 (May's report not yet written):
  programme 1: disbursed 1,680,000.00 = 48.00 %; progress (3,000,000×45 + 500,000×100) / 3,500,000 = 52.86 %
  programme 2: disbursed 100,000.00 = 10.00 %; progress 10.00 %; one behind
  plan: disbursed 1,780,000.00 = 39.56 %; progress 195,000,000 / 4,500,000 = 43.33 %
  6-month round (to 31 March, April's report not yet written): disbursed 1,680,000.00 = 37.33 %; progress
  185,000,000 / 4,500,000 = 41.11 %; 2.1 not reported.

Procurement of unit-0, FY 2569: a plan of three lines (575,000.50 baht); records in November 2568 (closed),
December 2568 (closed, none: the dated "ไม่มีการจัดซื้อจัดจ้าง"), January 2569 (closed) and March 2569 (open);
February has nothing and is not closed.
"""

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from prongsai.organizations.models import Organization
from prongsai.plans.models import ActionPlan, Programme, ProgressReport, Project
from prongsai.procurement.models import Bid, PlanLine, ProcurementMonth, ProcurementPlan, ProcurementRecord

BANGKOK = ZoneInfo("Asia/Bangkok")
NOW = dt.datetime(2026, 4, 10, 10, 0, tzinfo=BANGKOK)
AS_OF = dt.date(2026, 4, 10)
RECORDED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=BANGKOK)


def build_plan(unit: Organization) -> ActionPlan:
    """Create unit's action plan of FY 2569 with its progress reports (see the module's docstring)."""
    plan = ActionPlan.objects.create(
        organization=unit,
        fiscal_year=2569,
        title_th="แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569",
        title_en="Action plan, fiscal year 2026",
        approved_on=dt.date(2025, 9, 20),
        created_at=RECORDED,
        updated_at=RECORDED,
    )
    systems = Programme.objects.create(plan=plan, position=1, name_th="แผนงานพัฒนาระบบ", name_en="Systems development")
    admin = Programme.objects.create(plan=plan, position=2, name_th="แผนงานบริหารจัดการ", name_en="")
    year = {"start": dt.date(2025, 10, 1), "end": dt.date(2026, 9, 30)}
    information = Project.objects.create(
        programme=systems,
        position=1,
        name_th="พัฒนาระบบสารสนเทศ",
        name_en="Information system",
        budget=Decimal("3000000.00"),
        budget_source="งบลงทุน",
        division="ศูนย์เทคโนโลยีสารสนเทศ",
        kpi="ระบบใช้งานได้",
        target="1 ระบบ",
        **year,
    )
    training = Project.objects.create(
        programme=systems,
        position=2,
        kind="activity",
        name_th="อบรมผู้ใช้งาน",
        budget=Decimal("500000.00"),
        division="ฝ่ายบริหารทั่วไป",
        start=dt.date(2025, 11, 1),
        end=dt.date(2026, 2, 28),
    )
    building = Project.objects.create(
        programme=admin,
        position=1,
        name_th="ปรับปรุงอาคาร",
        budget=Decimal("1000000.00"),
        division="ฝ่ายอาคาร",
        **year,
    )
    for project, period, as_of, percent, disbursed, status, note in [
        (information, (2026, 1), (2026, 1, 31), "20.00", "600000.00", "on_schedule", ""),
        (information, (2026, 3), (2026, 3, 31), "45.00", "1200000.00", "on_schedule", "ติดตั้งเครื่องแม่ข่ายแล้ว"),
        (information, (2026, 5), (2026, 5, 31), "70.00", "2000000.00", "on_schedule", ""),
        (training, (2026, 2), (2026, 2, 28), "100.00", "480000.00", "completed", ""),
        (building, (2026, 4), (2026, 4, 5), "10.00", "100000.00", "behind", "รอผู้รับจ้าง"),
    ]:
        ProgressReport.objects.create(
            project=project,
            period=dt.date(*period, 1),
            as_of=dt.date(*as_of),
            progress_percent=Decimal(percent),
            disbursed=Decimal(disbursed),
            status=status,
            note_th=note,
            recorded_at=RECORDED,
        )
    return plan


def _record(unit: Organization, month: dt.date, sequence: int, bids: list[tuple[str, str]], **fields: Any) -> Any:
    values: dict[str, Any] = {
        "organization": unit,
        "fiscal_year": 2569,
        "month": month,
        "sequence": sequence,
        "method": "specific",
        "created_at": RECORDED,
        "updated_at": RECORDED,
    }
    values.update(fields)
    record = ProcurementRecord.objects.create(**values)
    for position, (bidder, price) in enumerate(bids, start=1):
        Bid.objects.create(record=record, position=position, bidder=bidder, price=Decimal(price))
    return record


def close_month(unit: Organization, month: dt.date, as_of: dt.date) -> ProcurementMonth:
    return ProcurementMonth.objects.create(
        organization=unit, month=month, fiscal_year=2569, as_of=as_of, closed_at=RECORDED
    )


def build_procurement(unit: Organization) -> dict[str, Any]:
    """Create unit's procurement plan and records of FY 2569 (see the module's docstring); return handles."""
    plan = ProcurementPlan.objects.create(
        organization=unit,
        fiscal_year=2569,
        announced_on=dt.date(2025, 10, 15),
        created_at=RECORDED,
        updated_at=RECORDED,
    )
    computers = PlanLine.objects.create(
        plan=plan, position=1, name="จัดซื้อเครื่องคอมพิวเตอร์", budget=Decimal("450000.00"), method="e_bidding",
        expected_month=dt.date(2026, 1, 1), budget_source="งบลงทุน",
    )  # fmt: skip
    repairs = PlanLine.objects.create(
        plan=plan, position=2, name="จ้างซ่อมแซมอาคาร", budget=Decimal("95000.00"), method="specific",
        expected_month=dt.date(2026, 3, 1),
    )  # fmt: skip
    supplies = PlanLine.objects.create(
        plan=plan, position=3, name="จัดซื้อวัสดุสำนักงาน", budget=Decimal("30000.50"), method="specific",
        expected_month=dt.date(2025, 11, 1), note="ซื้อครั้งเดียวทั้งปี",
    )  # fmt: skip
    november = _record(
        unit, dt.date(2025, 11, 1), 1, [("ร้าน ก", "29500.00")],
        item="จัดซื้อวัสดุสำนักงาน", budget=Decimal("30000.50"), reference_price=Decimal("30000.50"),
        method_detail="เฉพาะเจาะจง", winner="ร้าน ก", winner_price=Decimal("29500.00"),
        reason="ราคาต่ำสุดและคุณสมบัติครบถ้วน", contract_kind="purchase_order", contract_number="15/2569",
        contract_date=dt.date(2025, 11, 20), egp_number="68119000001", budget_source="งบดำเนินงาน",
        status="completed", plan_line=supplies,
    )  # fmt: skip
    january = _record(
        unit, dt.date(2026, 1, 1), 1, [("บริษัท ก จำกัด", "440000.00"), ("บริษัท ข จำกัด", "445500.00")],
        item="จัดซื้อเครื่องคอมพิวเตอร์", budget=Decimal("450000.00"), reference_price=Decimal("448000.00"),
        method="e_bidding", method_detail="ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", winner="บริษัท ก จำกัด",
        winner_price=Decimal("440000.00"), reason="ราคาต่ำสุด", contract_kind="contract", contract_number="4/2569",
        contract_date=dt.date(2026, 1, 28), egp_number="69019000002", status="in_contract", plan_line=computers,
    )  # fmt: skip
    march = _record(
        unit, dt.date(2026, 3, 1), 1, [("หจก. ค", "94000.00")],
        item="จ้างซ่อมแซมอาคาร", budget=Decimal("95000.00"), winner="หจก. ค", winner_price=Decimal("94000.00"),
        contract_kind="work_order", contract_number="7/2569", contract_date=dt.date(2026, 3, 18), plan_line=repairs,
    )  # fmt: skip
    # Not of this year, or not of this unit: never in unit-0's FY 2569 snapshots.
    _record(unit, dt.date(2026, 10, 1), 1, [], fiscal_year=2570, item="ปีหน้า", budget=Decimal("1.00"))
    close_month(unit, dt.date(2025, 11, 1), dt.date(2025, 12, 3))
    close_month(unit, dt.date(2025, 12, 1), dt.date(2026, 1, 5))
    close_month(unit, dt.date(2026, 1, 1), dt.date(2026, 2, 4))
    return {
        "plan": plan,
        "november": november,
        "january": january,
        "march": march,
        "lines": [computers, repairs, supplies],
    }
