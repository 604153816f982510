"""procurement_import: what an accepted workbook stores, what a re-import changes, and what a refused one leaves."""

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.audit.models import AuditEvent
from prongsai.procurement.importing import COMMAND_LABEL, ImportRejected, ImportResult, procurement_import
from prongsai.procurement.models import Bid, ImportBatch, PlanLine, ProcurementMonth, ProcurementPlan, ProcurementRecord
from prongsai.procurement.workbook import ImportProblem
from tests.register.conftest import last_sequence

from .import_world import (
    MARCH_ROWS,
    NOW,
    ImportWorld,
    _english,
    form_sheet,
    import_world,
    march_workbook,
    shared_import_world,
    xlsx,
)

__all__ = ["_english", "import_world", "shared_import_world"]

RECORD_COLUMNS = (
    "fiscal_year",
    "month",
    "sequence",
    "item",
    "budget",
    "reference_price",
    "method",
    "method_detail",
    "winner",
    "winner_price",
    "reason",
    "contract_kind",
    "contract_number",
    "contract_date",
    "egp_number",
    "budget_source",
    "status",
    "source",
)


def _import(
    world: ImportWorld, content: bytes, *, actor: str | None = "editor_a", unit: str = "unit_a", **kw: Any
) -> ImportResult:
    return procurement_import(
        actor=world.person(actor) if actor else None,
        organization=world.org(unit),
        content=content,
        filename=kw.pop("filename", "สขร1-มีนาคม-2569.xlsx"),
        now=kw.pop("now", NOW),
    )


def _records(world: ImportWorld) -> list[tuple[Any, ...]]:
    return list(
        ProcurementRecord.objects.filter(organization=world.unit_a)
        .order_by("month", "sequence")
        .values_list(*RECORD_COLUMNS)
    )


def _bids(world: ImportWorld) -> list[tuple[int, int, str, Decimal | None]]:
    return list(
        Bid.objects.filter(record__organization=world.unit_a)
        .order_by("record__sequence", "position")
        .values_list("record__sequence", "position", "bidder", "price")
    )


MARCH = dt.date(2026, 3, 1)
STORED_MARCH = [
    (
        2569, MARCH, 1, "ซื้อวัสดุสำนักงาน", Decimal("95000.00"), Decimal("95000.00"), "specific", "วิธีเฉพาะเจาะจง",
        "บริษัท ก จำกัด", Decimal("95000.00"), "ราคาต่ำสุดและคุณสมบัติถูกต้อง", "contract", "4/2569",
        dt.date(2026, 3, 18), "", "", "", "imported",
    ),
    (
        2569, MARCH, 2, "จ้างซ่อมรถยนต์ราชการ", Decimal("12500.00"), None, "specific", "เฉพาะเจาะจง", "หจก. ข",
        Decimal("12500.00"), "ราคาเหมาะสม", "work_order", "7/2569", dt.date(2026, 3, 2), "", "", "", "imported",
    ),
    (
        2569, MARCH, 3, "ซื้อกระดาษถ่ายเอกสาร", Decimal("8000.00"), None, "price_agreement", "ตกลงราคา", "ร้านค้า ค",
        Decimal("8000.00"), "ราคาต่ำสุด", "purchase_order", "๑๕/๒๕๖๙", dt.date(2026, 3, 3), "", "", "", "imported",
    ),
]  # fmt: skip
STORED_BIDS = [
    (1, 1, "บริษัท ก จำกัด", Decimal("95000.00")),
    (1, 2, "บริษัท ข จำกัด", Decimal("97500.00")),
    (2, 1, "หจก. ข", Decimal("12500.00")),
    (3, 1, "ร้านค้า ค", Decimal("8000.00")),
]


def test_a_summary_form_stores_every_field_and_bid(import_world: ImportWorld) -> None:
    content = march_workbook()
    result = _import(import_world, content)
    assert (result.kind, result.rows, result.created, result.updated, result.unchanged, result.months_closed) == (
        "summary_form", 3, 3, 0, 0, 0,
    )  # fmt: skip
    assert _records(import_world) == STORED_MARCH
    assert _bids(import_world) == STORED_BIDS
    record = ProcurementRecord.objects.get(organization=import_world.unit_a, sequence=1)
    assert (record.created_by.username, record.created_at, record.updated_at, record.plan_line_id) == (
        "editor_a", NOW, NOW, None,
    )  # fmt: skip
    batch = result.batch
    assert batch is not None
    assert (batch.kind, batch.filename, batch.sha256, batch.rows, batch.created, batch.imported_by.username) == (
        "summary_form", "สขร1-มีนาคม-2569.xlsx", hashlib.sha256(content).hexdigest(), 3, 3, "editor_a",
    )  # fmt: skip


def test_one_audit_event_in_the_transaction(import_world: ImportWorld) -> None:
    before = last_sequence()
    content = march_workbook()
    result = _import(import_world, content)
    events = list(AuditEvent.objects.filter(sequence__gt=before))
    assert [(e.action, e.actor_label, e.object_type, e.object_id, e.organization_id) for e in events] == [
        ("procurement.import", "editor_a", "procurement.importbatch", str(result.batch.pk), import_world.unit_a.pk)
    ]
    assert events[0].data == {
        "kind": "summary_form",
        "filename": "สขร1-มีนาคม-2569.xlsx",
        "sha256": hashlib.sha256(content).hexdigest(),
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "months_closed": 0,
    }


def test_the_command_line_imports_without_a_person(import_world: ImportWorld) -> None:
    before = last_sequence()
    result = _import(import_world, march_workbook(), actor=None)
    assert result.batch.imported_by is None
    assert ProcurementRecord.objects.filter(organization=import_world.unit_a, created_by__isnull=True).count() == 3
    assert AuditEvent.objects.get(sequence__gt=before).actor_label == COMMAND_LABEL == "manage.py procurement import"


def test_importing_the_same_file_again_changes_nothing(import_world: ImportWorld) -> None:
    content = march_workbook()
    _import(import_world, content)
    later = NOW + dt.timedelta(hours=2)
    again = _import(import_world, content, now=later)
    assert (again.rows, again.created, again.updated, again.unchanged) == (3, 0, 0, 3)
    assert _records(import_world) == STORED_MARCH
    assert _bids(import_world) == STORED_BIDS
    assert set(ProcurementRecord.objects.values_list("updated_at", flat=True)) == {NOW}
    assert ImportBatch.objects.filter(organization=import_world.unit_a).count() == 2


def test_a_changed_row_is_updated_and_its_bids_replaced(import_world: ImportWorld) -> None:
    _import(import_world, march_workbook())
    changed = [list(row) for row in MARCH_ROWS]
    changed[0][5] = "บริษัท ก จำกัด / 94,000.00 บาท"  # one bidder left, another price
    changed[0][6] = "บริษัท ก จำกัด / 94,000.00 บาท"
    changed.append([4, "จ้างทำความสะอาด", 30000, 30000, "คัดเลือก", "-", "บริษัท ง จำกัด 29,900.- บาท", "ราคาต่ำสุด", "-"])
    later = NOW + dt.timedelta(days=1)
    result = _import(import_world, march_workbook(changed), now=later)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 2)
    first = ProcurementRecord.objects.get(organization=import_world.unit_a, sequence=1)
    assert (first.winner_price, first.updated_at, first.created_at) == (Decimal("94000.00"), later, NOW)
    assert _bids(import_world) == [
        (1, 1, "บริษัท ก จำกัด", Decimal("94000.00")),
        (2, 1, "หจก. ข", Decimal("12500.00")),
        (3, 1, "ร้านค้า ค", Decimal("8000.00")),
    ]
    fourth = ProcurementRecord.objects.get(organization=import_world.unit_a, sequence=4)
    assert (fourth.method, fourth.winner, fourth.winner_price, fourth.contract_number, fourth.contract_date) == (
        "selection", "บริษัท ง จำกัด", Decimal("29900.00"), "", None,
    )  # fmt: skip


def test_records_the_file_does_not_name_are_kept_and_other_units_untouched(import_world: ImportWorld) -> None:
    _import(import_world, march_workbook())
    _import(import_world, march_workbook(MARCH_ROWS[:1]))
    assert ProcurementRecord.objects.filter(organization=import_world.unit_a).count() == 3
    _import(import_world, march_workbook(MARCH_ROWS[:1]), actor="editor_b", unit="unit_b")
    assert ProcurementRecord.objects.filter(organization=import_world.unit_b).count() == 1
    assert ProcurementRecord.objects.filter(organization=import_world.unit_a).count() == 3


def test_a_refused_file_stores_nothing(import_world: ImportWorld) -> None:
    before = last_sequence()
    rows = [list(row) for row in MARCH_ROWS]
    rows[2][2] = "แปดพัน"  # not an amount
    with pytest.raises(ImportRejected) as refused:
        _import(import_world, march_workbook(rows))
    assert refused.value.problems == [
        ImportProblem("มี.ค.69", 8, "C (วงเงินที่จะซื้อ หรือจ้าง (บาท))", "อ่านจำนวนเงินไม่ได้: “แปดพัน”",
                      "Cannot read an amount of baht: “แปดพัน”.")
    ]  # fmt: skip
    assert not ProcurementRecord.objects.exists()
    assert not Bid.objects.exists()
    assert not ImportBatch.objects.exists()
    assert last_sequence() == before


@pytest.mark.parametrize("username", ["reviewer_a", "editor_b", "outsider"])
def test_only_the_units_editors_import(import_world: ImportWorld, username: str) -> None:
    with pytest.raises(PermissionDenied):
        _import(import_world, march_workbook(), actor=username)
    assert not ProcurementRecord.objects.exists()


def _april_empty(*, as_of_line: str | None) -> bytes:
    titles = ["สรุปผลการดำเนินการจัดซื้อจัดจ้าง ประจำเดือน เมษายน 2569", *([as_of_line] if as_of_line else [])]
    return xlsx(("เม.ย.69", lambda sheet: form_sheet(sheet, [[None, "ไม่มีการจัดซื้อจัดจ้าง"]], titles=titles)))


def test_an_empty_month_is_closed_as_of_the_date_the_sheet_says(import_world: ImportWorld) -> None:
    result = _import(import_world, _april_empty(as_of_line="ข้อมูล ณ วันที่ ๑๕ เมษายน ๒๕๖๙"))
    assert (result.rows, result.created, result.months_closed) == (0, 0, 1)
    closed = ProcurementMonth.objects.get(organization=import_world.unit_a)
    assert (closed.month, closed.fiscal_year, closed.as_of, closed.closed_by.username, closed.closed_at) == (
        dt.date(2026, 4, 1), 2569, dt.date(2026, 4, 15), "editor_a", NOW,
    )  # fmt: skip


def test_an_empty_month_without_a_date_is_closed_as_of_the_import_day_and_keeps_it(import_world: ImportWorld) -> None:
    _import(import_world, _april_empty(as_of_line=None))
    _import(import_world, _april_empty(as_of_line=None), now=NOW + dt.timedelta(days=3))
    closed = ProcurementMonth.objects.get(organization=import_world.unit_a)
    assert (closed.as_of, closed.closed_at) == (dt.date(2026, 4, 20), NOW)


def test_an_empty_month_that_holds_records_is_refused(import_world: ImportWorld) -> None:
    april = [list(row) for row in MARCH_ROWS[:1]]
    april_sheet = xlsx(
        ("เม.ย.69", lambda sheet: form_sheet(sheet, april, titles=["ประจำเดือน เมษายน 2569"])),
    )
    _import(import_world, april_sheet)
    with pytest.raises(ImportRejected) as refused:
        _import(import_world, _april_empty(as_of_line=None))
    assert [(p.sheet, p.row, p.en) for p in refused.value.problems] == [
        ("เม.ย.69", 4, "April 2026 is declared empty, but 1 procurement(s) of it are stored.")
    ]
    assert not ProcurementMonth.objects.exists()


def test_an_as_of_date_before_the_month_is_refused(import_world: ImportWorld) -> None:
    with pytest.raises(ImportRejected) as refused:
        _import(import_world, _april_empty(as_of_line="ข้อมูล ณ วันที่ 31 มีนาคม 2569"))
    assert [p.en for p in refused.value.problems] == [
        "The “as of” date must fall between the start of April 2026 and today."
    ]


def _plan(rows: list[list[Any]]) -> bytes:
    from prongsai.procurement.workbook import PLAN_TEMPLATE_COLUMNS

    def fill(sheet: Any) -> None:
        sheet.append([f"{th} ({key})" for key, th, _en, _required in PLAN_TEMPLATE_COLUMNS])
        for row in rows:
            sheet.append(row)

    return xlsx(("แผน", fill))


PLAN_ROWS: list[list[Any]] = [
    [2569, 1, "ซื้อวัสดุสำนักงาน", 100000, "เฉพาะเจาะจง", "2569-03", "งบประมาณรายจ่ายประจำปี", ""],
    [None, 2, "จ้างทำความสะอาด", "360,000.00", "e-bidding", "ต.ค. 68", "", "ทั้งปี"],
]


def test_plan_lines_go_to_the_plan_of_their_year_and_a_reimport_changes_nothing(import_world: ImportWorld) -> None:
    result = _import(import_world, _plan(PLAN_ROWS), filename="แผน.xlsx")
    assert (result.kind, result.rows, result.created, result.updated, result.unchanged) == (
        "plan_template", 2, 2, 0, 0,
    )  # fmt: skip
    plan = ProcurementPlan.objects.get(organization=import_world.unit_a)
    assert (plan.fiscal_year, plan.created_at) == (2569, NOW)
    fields = ("position", "name", "budget", "method", "expected_month", "budget_source", "note")
    assert list(plan.lines.values_list(*fields)) == [
        (1, "ซื้อวัสดุสำนักงาน", Decimal("100000.00"), "specific", dt.date(2026, 3, 1), "งบประมาณรายจ่ายประจำปี", ""),
        (2, "จ้างทำความสะอาด", Decimal("360000.00"), "e_bidding", dt.date(2025, 10, 1), "", "ทั้งปี"),
    ]  # fmt: skip
    again = _import(import_world, _plan(PLAN_ROWS), filename="แผน.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = [list(PLAN_ROWS[0]), [*PLAN_ROWS[1][:3], 350000, *PLAN_ROWS[1][4:]]]
    third = _import(import_world, _plan(changed), filename="แผน.xlsx")
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert PlanLine.objects.get(plan=plan, position=2).budget == Decimal("350000.00")


def test_a_template_row_links_its_plan_line(import_world: ImportWorld) -> None:
    from prongsai.procurement.workbook import RECORDS_TEMPLATE_COLUMNS

    _import(import_world, _plan(PLAN_ROWS), filename="แผน.xlsx")
    values = {"month": "2569-03", "sequence": 1, "item": "ซื้อวัสดุสำนักงาน", "budget": 95000, "method": "เฉพาะเจาะจง",
              "winner": "บริษัท ก จำกัด", "winner_price": 95000, "plan_line": 1}  # fmt: skip

    def fill(plan_line: Any) -> Any:
        def run(sheet: Any) -> None:
            sheet.append([f"{th} ({key})" for key, th, _en, _required in RECORDS_TEMPLATE_COLUMNS])
            sheet.append([{**values, "plan_line": plan_line}.get(key) for key, *_rest in RECORDS_TEMPLATE_COLUMNS])

        return run

    result = _import(import_world, xlsx(("records", fill(1))), filename="records.xlsx")
    assert result.kind == "records_template"
    record = ProcurementRecord.objects.get(organization=import_world.unit_a)
    assert record.plan_line == PlanLine.objects.get(position=1)
    with pytest.raises(ImportRejected) as refused:
        _import(import_world, xlsx(("records", fill(9))), filename="records.xlsx")
    assert [(p.row, p.column, p.en) for p in refused.value.problems] == [
        (2, "R (ลำดับในแผนการจัดซื้อจัดจ้าง)", "The fiscal year 2569 procurement plan has no line 9.")
    ]


def _query_count(world: ImportWorld, rows: list[list[Any]]) -> int:
    content, actor, unit = march_workbook(rows), world.person("editor_a"), world.unit_a
    with CaptureQueriesContext(connection) as queries:
        procurement_import(actor=actor, organization=unit, content=content, filename="f.xlsx", now=NOW)
    return len(queries)


def _rows(count: int) -> list[list[Any]]:
    return [
        [n, f"รายการที่ {n}", 1000 + n, None, "เฉพาะเจาะจง", f"ร้าน {n} / {1000 + n}.00 บาท\nร้านอื่น / 2,000.00 บาท",
         f"ร้าน {n} / {1000 + n}.00 บาท", "ราคาต่ำสุด", f"ใบสั่งซื้อ {n}/2569 ลว. 2 มี.ค. 69"]
        for n in range(1, count + 1)
    ]  # fmt: skip


def test_the_queries_of_an_import_do_not_grow_with_its_rows(import_world: ImportWorld) -> None:
    small = _query_count(import_world, _rows(3))
    ProcurementRecord.objects.all().delete()
    ImportBatch.objects.all().delete()
    large = _query_count(import_world, _rows(300))
    # the savepoint and its release, the person's roles (the access scope), the unit locked (FOR UPDATE on
    # PostgreSQL), the stored records and bids, records and bids inserted, the batch, the audit trail's head,
    # event and head moved
    assert small == large == 12
    ProcurementRecord.objects.update(item="แก้ไข")
    changed = _query_count(import_world, _rows(300))  # every row updated: one UPDATE, one DELETE of bids, one INSERT
    assert changed == large + 1
