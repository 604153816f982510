"""Our templates: their headers, lists and instructions, the same bytes on every download, and a filled one imports."""

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import openpyxl

from prongsai.procurement import cells
from prongsai.procurement.inputs import BidInput
from prongsai.procurement.models import ContractKind, Method, RecordStatus
from prongsai.procurement.templates import (
    CONTRACT_KIND_LABELS,
    METHOD_LABELS,
    STATUS_LABELS,
    plan_template_xlsx,
    records_template_xlsx,
)
from prongsai.procurement.workbook import read_workbook

from .import_world import TODAY


def _book(content: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(content))


def test_the_records_template() -> None:
    book = _book(records_template_xlsx())
    assert book.sheetnames == ["ผลการจัดซื้อจัดจ้าง", "คำอธิบาย", "ตัวเลือก"]
    sheet = book["ผลการจัดซื้อจัดจ้าง"]
    assert [cell.value for cell in sheet[1]] == [
        "เดือน * (month)",
        "ลำดับ * (sequence)",
        "งานที่จัดซื้อจัดจ้าง * (item)",
        "วงเงินที่จะซื้อหรือจ้าง (บาท) * (budget)",
        "ราคากลาง (บาท) (reference_price)",
        "วิธีซื้อหรือจ้าง * (method)",
        "รายละเอียดวิธีซื้อหรือจ้าง (method_detail)",
        "ผู้เสนอราคาและราคาที่เสนอ (บรรทัดละราย: ชื่อ / ราคา) (bids)",
        "ผู้ได้รับการคัดเลือก * (winner)",
        "ราคาที่ตกลงซื้อหรือจ้าง (บาท) * (winner_price)",
        "เหตุผลที่คัดเลือกโดยสรุป (reason)",
        "ประเภทเอกสาร (contract_kind)",
        "เลขที่สัญญาหรือข้อตกลง (contract_number)",
        "วันที่ของสัญญาหรือข้อตกลง (contract_date)",
        "เลขที่โครงการในระบบ e-GP (egp_number)",
        "แหล่งที่มาของงบประมาณ (budget_source)",
        "สถานะการจัดซื้อจัดจ้าง (status)",
        "ลำดับในแผนการจัดซื้อจัดจ้าง (plan_line)",
    ]
    validations = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert validations == {
        "F2:F2001": "='ตัวเลือก'!$A$2:$A$10",
        "L2:L2001": "='ตัวเลือก'!$B$2:$B$5",
        "Q2:Q2001": "='ตัวเลือก'!$C$2:$C$5",
    }
    lists = book["ตัวเลือก"]
    assert lists.sheet_state == "hidden"
    assert [lists.cell(row=row, column=1).value for row in range(2, 11)] == [label for _v, label in METHOD_LABELS]
    assert (sheet["A2"].number_format, sheet["D2"].number_format) == ("@", "#,##0.00")
    instructions = book["คำอธิบาย"]
    assert instructions["A1"].value == "แบบฟอร์มนำเข้าผลการจัดซื้อจัดจ้าง (สขร.1) ของโปร่งใส"
    assert instructions["A2"].value == "Prongsai procurement records template (the สขร.1 monthly summary)"
    assert [instructions.cell(row=row, column=1).value for row in range(11, 13)] == [
        "เดือน (month)",
        "ลำดับ (sequence)",
    ]


def test_the_plan_template() -> None:
    sheet = _book(plan_template_xlsx())["แผนการจัดซื้อจัดจ้าง"]
    assert [cell.value for cell in sheet[1]] == [
        "ปีงบประมาณ (พ.ศ.) (fiscal_year)",
        "ลำดับ * (position)",
        "รายการที่จะจัดซื้อจัดจ้าง * (name)",
        "วงเงินงบประมาณ (บาท) * (budget)",
        "วิธีซื้อหรือจ้าง * (method)",
        "เดือนที่คาดว่าจะจัดซื้อจัดจ้าง * (expected_month)",
        "แหล่งที่มาของงบประมาณ (budget_source)",
        "หมายเหตุ (note)",
    ]


def test_every_download_is_the_same_bytes() -> None:
    assert records_template_xlsx() == records_template_xlsx()
    assert plan_template_xlsx() == plan_template_xlsx()


def test_every_label_of_the_lists_reads_back_as_its_value() -> None:
    assert [cells.read_method(label)[0] for _value, label in METHOD_LABELS] == [v for v, _l in METHOD_LABELS]
    assert sorted(v for v, _l in METHOD_LABELS) == sorted(Method.values)
    assert [cells.read_contract_kind(label) for _value, label in CONTRACT_KIND_LABELS] == [
        v for v, _l in CONTRACT_KIND_LABELS
    ]
    assert sorted(["", *(v for v, _l in CONTRACT_KIND_LABELS)]) == sorted(ContractKind.values)
    assert [cells.read_status(label) for _value, label in STATUS_LABELS] == [v for v, _l in STATUS_LABELS]
    assert sorted(["", *(v for v, _l in STATUS_LABELS)]) == sorted(RecordStatus.values)


def test_a_filled_records_template_is_read() -> None:
    book = _book(records_template_xlsx())
    sheet = book["ผลการจัดซื้อจัดจ้าง"]
    row = ["2569-03", 1, "ซื้อวัสดุสำนักงาน", 95000, 95000, "เฉพาะเจาะจง", "มาตรา 56 (2) (ข)",
           "บริษัท ก จำกัด / 95,000.00\nบริษัท ข จำกัด / 97,500.00", "บริษัท ก จำกัด", 95000, "ราคาต่ำสุด",
           "ใบสั่งซื้อ", "15/2569", "3 มี.ค. 69", "69039012345", "งบประมาณรายจ่ายประจำปี", "อยู่ระหว่างระยะสัญญา"]  # fmt: skip
    for column, value in enumerate(row, start=1):
        sheet.cell(row=2, column=column, value=value)
    sheet.cell(row=3, column=1, value=dt.datetime(2026, 4, 1))
    sheet.cell(row=3, column=3, value="ไม่มีการจัดซื้อจัดจ้าง")
    out = io.BytesIO()
    book.save(out)
    read = read_workbook(out.getvalue(), today=TODAY)
    assert read.problems == []
    assert read.kind == "records_template"
    data = read.records[0].data
    assert (data.month, data.sequence, data.method, data.method_detail, data.contract_kind, data.contract_date) == (
        dt.date(2026, 3, 1), 1, "specific", "มาตรา 56 (2) (ข)", "purchase_order", dt.date(2026, 3, 3),
    )  # fmt: skip
    assert data.bids == (
        BidInput("บริษัท ก จำกัด", Decimal("95000.00")),
        BidInput("บริษัท ข จำกัด", Decimal("97500.00")),
    )
    assert (data.status, data.egp_number, data.winner_price) == ("in_contract", "69039012345", Decimal("95000.00"))
    assert [(e.row, e.month, e.as_of) for e in read.empty_months] == [(3, dt.date(2026, 4, 1), None)]


def test_a_filled_template_row_with_problems() -> None:
    book = _book(records_template_xlsx())
    sheet = book["ผลการจัดซื้อจัดจ้าง"]
    for column, value in enumerate(["2569-05", None, "ซื้อ", "abc", None, None, None, None, "ร้าน ก"], start=1):
        sheet.cell(row=2, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    read = read_workbook(out.getvalue(), today=TODAY)
    assert [(p.row, p.column, p.en) for p in read.problems] == [
        (2, "A (เดือน)", "The month cannot be in the future."),
        (2, "B (ลำดับ)", "The row number is required."),
        (2, "D (วงเงินที่จะซื้อหรือจ้าง (บาท))", "Cannot read an amount of baht: “abc”."),
        (2, "F (วิธีซื้อหรือจ้าง)", "The procurement method is required."),
        (2, "J (ราคาที่ตกลงซื้อหรือจ้าง (บาท))", "The agreed price is required."),
    ]
