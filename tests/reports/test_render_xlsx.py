"""The reports' XLSX: one sheet per view, Thai headers, real numbers and dates, frozen headers, the same bytes twice."""

import datetime as dt
import io
import zipfile
from typing import Any

import openpyxl
import pytest

from prongsai.reports.documents import overall_report_xlsx, unit_report_xlsx
from tests.reports import render_world as rendering
from tests.reports.render_world import ACTIONS_TH, NARRATIVE_TH, overall_report, unit_version

# The module's world and its per-test view (fixtures of render_world).
render_world = rendering.render_world
world = rendering.world

pytestmark = pytest.mark.django_db


def rows(workbook: Any, sheet: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in workbook[sheet].iter_rows(values_only=True)]


def test_unit_report_workbook_has_one_sheet_per_view_with_real_values(world: Any) -> None:
    version = unit_version()
    workbook = openpyxl.load_workbook(io.BytesIO(unit_report_xlsx(version)))
    assert workbook.sheetnames == ["Summary", "Items", "Monitor", "Problems", "Channels"]
    assert rows(workbook, "Summary") == [
        ("หัวข้อ", "ค่า"),
        ("หน่วยงาน", "กองเกษตร"),
        ("รหัสหน่วยงาน", "unit-a"),
        ("รอบ", "รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2569"),
        ("รหัสรอบ", "2569-6"),
        ("ข้อมูล ณ วันที่", dt.datetime(2026, 3, 31)),
        ("เวลาที่รวบรวมข้อมูล", dt.datetime(2026, 4, 1, 9, 0)),
        ("ฉบับที่", 1),
        ("สถานะ", "ส่งแล้ว"),
        ("วันที่ส่ง", dt.datetime(2026, 4, 3, 10, 0)),
        ("ส่งล่าช้า", False),
        ("หัวหน้าหน่วยงานผู้อนุมัติ", "คุณ supervisor_a"),
        ("รายการตรวจสอบ", 3),
        ("เผยแพร่และเป็นปัจจุบัน", 1),
        ("เกินกำหนดทบทวน", 1),
        ("ยังไม่มีข้อมูล", 1),
        ("ตรวจพบบนเว็บไซต์", 1),
        ("คะแนนจากการตรวจเว็บไซต์", 62.5),
        ("คำอธิบายผลการดำเนินงาน", NARRATIVE_TH),
        ("การดำเนินการ", ACTIONS_TH),
    ]
    summary = workbook["Summary"]
    assert summary["B6"].is_date
    assert summary["B6"].number_format == "yyyy-mm-dd"
    assert summary["B7"].number_format == "yyyy-mm-dd hh:mm"
    assert summary["B8"].data_type == "n"
    assert summary["B18"].data_type == "n"
    assert rows(workbook, "Items") == [
        (
            "รหัสรายการ",
            "รายการ",
            "สถานะ",
            "ฉบับที่เผยแพร่",
            "ทบทวนล่าสุด",
            "ผู้ทบทวน",
            "กำหนดทบทวนครั้งถัดไป",
            "การเปลี่ยนแปลงในรอบ",
        ),
        (
            "G.1",
            "เจตจำนงสุจริตของผู้บริหาร",
            "เผยแพร่แล้ว",
            2,
            dt.datetime(2026, 3, 10),
            "คุณ reviewer1_a",
            dt.datetime(2026, 9, 10),
            1,
        ),
        (
            "P.1",
            "สรุปผลการจัดซื้อจัดจ้างรายเดือน",
            "เกินกำหนดทบทวน",
            1,
            dt.datetime(2025, 8, 1),
            "คุณ reviewer2_a",
            dt.datetime(2026, 2, 28),
            0,
        ),
        ("M.1", "คู่มือการปฏิบัติงาน", "ยังไม่มีข้อมูล", None, None, None, None, 0),
    ]
    assert rows(workbook, "Monitor") == [
        (
            "รหัสรายการ",
            "ผลการตรวจ",
            "ความเป็นปัจจุบัน",
            "วันที่ในหลักฐาน",
            "ปรับผลการตรวจ",
            "เหตุผลที่ปรับผลการตรวจ",
            "ที่อยู่หลักฐาน",
        ),
        ("G.1", "พบ", "เป็นปัจจุบัน", dt.datetime(2026, 3, 1), False, None, "https://a.example.go.th/integrity"),
        ("P.1", "ไม่พบ", "ไม่ทราบวันที่", None, True, "หน้าเว็บย้ายที่อยู่", None),
    ]
    assert rows(workbook, "Problems") == [
        ("ประเภท", "รหัสรายการ", "ปัญหา"),
        ("overdue", "P.1", "เลยกำหนดทบทวน"),
        ("missing", "M.1", "ยังไม่ได้เผยแพร่"),
    ]
    assert rows(workbook, "Channels") == [
        ("ช่องทาง", "รับเรื่องแล้ว", "ยุติเรื่องแล้ว", "เกินกำหนด", "มัธยฐานจำนวนวันที่ยุติเรื่อง"),
        ("opinion", 12, 10, 1, 4.5),
        ("complaint", 3, 3, 0, None),
    ]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold


def test_overall_report_workbook_has_one_sheet_per_view_with_real_values(world: Any) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(overall_report_xlsx(overall_report())))
    assert workbook.sheetnames == [
        "Summary",
        "Matrix",
        "Ranking",
        "Items",
        "Not reported",
        "Disagreements",
        "Recommendations",
        "Trend",
    ]
    assert rows(workbook, "Summary") == [
        ("หัวข้อ", "ค่า"),
        ("รอบ", "รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2569"),
        ("รหัสรอบ", "2569-6"),
        ("ข้อมูล ณ วันที่", dt.datetime(2026, 3, 31)),
        ("เวลาที่รวบรวมข้อมูล", dt.datetime(2026, 4, 15, 8, 0)),
        ("สถานะ", "อนุมัติแล้ว"),
        ("ผู้กำกับดูแลผู้อนุมัติ", "คุณ supervisor_dept"),
        ("อนุมัติแล้ว", dt.datetime(2026, 4, 20, 15, 30)),
        ("หน่วยงาน", 2),
        ("หน่วยงานที่ส่งรายงาน", 1),
        ("หน่วยงานที่ไม่ส่งรายงาน", 1),
        ("รายงานที่ส่งล่าช้า", 0),
        ("การปฏิบัติตามเฉลี่ย (%)", 16.65),
        ("คะแนนเฉลี่ยจากการตรวจเว็บไซต์", 62.5),
        # The builder's own headline figures follow, under their keys.
        ("reported", 1),
        ("units", 2),
    ]
    assert rows(workbook, "Matrix") == [
        ("รหัสหน่วยงาน", "หน่วยงาน", "G.1", "P.1", "M.1", "การปฏิบัติตาม (%)"),
        ("unit-a", "กองเกษตร", "เผยแพร่แล้ว", "เกินกำหนดทบทวน", "ยังไม่มีข้อมูล", 33.3),
        ("unit-b", "ศูนย์ขนส่ง", "ยังไม่มีข้อมูล", "ฉบับร่าง", "ยังไม่มีข้อมูล", 0),
    ]
    assert rows(workbook, "Ranking") == [
        (
            "อันดับ",
            "รหัสหน่วยงาน",
            "หน่วยงาน",
            "การปฏิบัติตาม (%)",
            "คะแนน",
            "รอบก่อน",
            "รายงาน",
            "ส่งล่าช้า",
            "วันที่ส่ง",
        ),
        (1, "unit-a", "กองเกษตร", 33.3, 62.5, 50, "ส่งแล้ว", False, dt.datetime(2026, 4, 3)),
        (2, "unit-b", "ศูนย์ขนส่ง", 0, None, None, "ไม่ส่งรายงาน", False, None),
    ]
    assert rows(workbook, "Items") == [
        ("รหัสรายการ", "รายการ", "หน่วยงานที่ปฏิบัติตาม", "ร้อยละ", "ตรวจพบบนเว็บไซต์"),
        ("G.1", "เจตจำนงสุจริตของผู้บริหาร", 1, 50, 1),
        ("P.1", "สรุปผลการจัดซื้อจัดจ้างรายเดือน", 0, 0, 0),
        ("M.1", "คู่มือการปฏิบัติงาน", 0, 0, 0),
    ]
    assert rows(workbook, "Not reported") == [("รหัสหน่วยงาน", "หน่วยงาน"), ("unit-b", "ศูนย์ขนส่ง")]
    assert rows(workbook, "Disagreements") == [
        ("รหัสหน่วยงาน", "หน่วยงาน", "รหัสรายการ", "ทะเบียนข้อมูล", "การตรวจเว็บไซต์"),
        ("unit-a", "กองเกษตร", "P.1", "เกินกำหนดทบทวน", "ไม่พบ"),
    ]
    assert rows(workbook, "Recommendations") == [
        ("ลำดับ", "กฎ", "รวมไว้ในรายงาน", "ข้อเสนอแนะ", "ข้อความที่ระบบสร้าง", "หน่วยงาน", "รายการ", "ตัวเลข"),
        (
            1,
            "common_gap",
            True,
            "เร่งจัดทำคู่มือการปฏิบัติงานให้ครบทุกหน่วยงาน",
            "หน่วยงานทั้งหมดยังไม่มีคู่มือ",
            "unit-a, unit-b",
            "M.1",
            "share: 100.0, units_missing: 2",
        ),
        (
            2,
            "not_reported",
            False,
            "ติดตามหน่วยงานที่ไม่ส่งรายงาน",
            "มีหน่วยงานไม่ส่งรายงาน",
            "unit-b",
            None,
            "units: 1",
        ),
    ]
    assert rows(workbook, "Trend") == [
        ("รอบ", "การปฏิบัติตาม (%)", "คะแนน"),
        ("2568-12", 10, 50),
        ("2569-6", 16.7, 62.5),
    ]
    assert workbook["Ranking"]["I2"].is_date
    assert all(sheet.freeze_panes == "A2" for sheet in workbook.worksheets)


def test_english_workbook_has_english_headers(world: Any) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(unit_report_xlsx(unit_version(), language="en")))
    assert rows(workbook, "Channels")[0] == ("Channel", "Received", "Closed", "Overdue", "Median days to close")
    assert rows(workbook, "Summary")[1] == ("Unit", "Unit A")


def test_the_same_report_gives_the_same_workbook_bytes_stamped_with_the_facts_time(world: Any) -> None:
    first = unit_report_xlsx(unit_version())
    second = unit_report_xlsx(unit_version())
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        # 1 April 2026 09:00 in Bangkok is 02:00 UTC.
        assert {info.date_time for info in package.infolist()} == {(2026, 4, 1, 2, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert ">2026-04-01T02:00:00Z</dcterms:created>" in core
    assert ">2026-04-01T02:00:00Z</dcterms:modified>" in core
