"""The ITA sheet's XLSX: Thai headers, a header block, one row per OIT code × item, real dates and hyperlinks, gaps."""

import datetime as dt
import io

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from prongsai.reports.ita import ita_sheet
from prongsai.reports.ita_xlsx import ita_sheet_xlsx

from .ita_world import LISTS, PORTAL_URL, TODAY, ItaWorld, _english, ita_world, shared_ita_world

__all__ = ["_english", "ita_world", "shared_ita_world"]

D = dt.datetime  # openpyxl reads a date cell back as a datetime at midnight
HEADERS = [
    "รหัส OIT",
    "ประเด็นข้อมูล OIT",
    "รหัสรายการ",
    "รายการในทะเบียน",
    "URL หลักฐานบนเว็บไซต์ของหน่วยงาน",
    "ที่มาของ URL",
    "สถานะในทะเบียน",
    "ข้อมูล ณ วันที่",
    "ทบทวนล่าสุด",
    "ครบกำหนดทบทวน",
    "ข้อบกพร่อง",
    "URL ในทะเบียนที่อยู่นอกเว็บไซต์ของหน่วยงาน",
]
NOT_OWN = "ที่อยู่ในทะเบียนไม่ได้อยู่บนเว็บไซต์ของหน่วยงานเอง"
MONITOR_ONLY = "ที่อยู่ได้จากการตรวจเว็บไซต์เท่านั้น"
NOT_PUBLISHED = "ยังไม่ได้เผยแพร่ในทะเบียน"
STALE = "เลยกำหนดทบทวนในทะเบียน"
NO_ITEM = "ไม่มีรายการในทะเบียนที่ตรงกัน"
C1 = ["C.1", "คู่มือการปฏิบัติงาน", "https://shared.example.go.th/unit-a/manual-en.pdf", "ทะเบียน", "เกินกำหนดทบทวน"]
C1_TAIL = [D(2025, 6, 1), D(2025, 6, 2), D(2025, 12, 2), STALE, None]


def _workbook(ita_world: ItaWorld) -> openpyxl.Workbook:
    sheet = ita_sheet(organization=ita_world.org("unit_a"), fiscal_year=2569, today=TODAY, lists=LISTS)
    return openpyxl.load_workbook(io.BytesIO(ita_sheet_xlsx(sheet)))


def _values(sheet: Worksheet, first: int) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(min_row=first, values_only=True)]


def test_header_block_and_headers(ita_world: ItaWorld) -> None:
    book = _workbook(ita_world)
    assert book.sheetnames == ["OIT", "Gaps"]
    main = book["OIT"]
    assert [[cell.value for cell in row[:3]] for row in main.iter_rows(min_row=1, max_row=5)] == [
        ["แบบรายงาน ITA: หลักฐานการเปิดเผยข้อมูลสาธารณะ (OIT)", None, None],
        ["หน่วยงาน", "กองเกษตร", None],
        ["ปีงบประมาณ", 2569, "แบบตรวจ OIT ทดสอบ 2569"],
        ["ข้อมูล ณ วันที่", D(2026, 3, 16), "16 มีนาคม 2569"],
        [None, None, None],
    ]
    assert main["B3"].data_type == "n"
    assert main["B4"].is_date
    assert main["B4"].number_format == "yyyy-mm-dd"
    assert [cell.value for cell in main[6]] == HEADERS
    assert main.freeze_panes == "A7"


def test_one_row_per_code_and_item_with_gaps(ita_world: ItaWorld) -> None:
    main = _workbook(ita_world)["OIT"]
    assert _values(main, 7) == [
        [
            "O1",
            "โครงสร้าง หน้าที่และอำนาจ",
            "A.1",
            "โครงสร้างหน่วยงาน",
            "https://www.unit-a.example.go.th/about/structure",
            "ทะเบียน",
            "เผยแพร่แล้ว",
            D(2026, 3, 1),
            D(2026, 3, 6),
            D(2026, 9, 6),
            None,
            None,
        ],
        [
            "O1",
            "โครงสร้าง หน้าที่และอำนาจ",
            "A.2",
            "อำนาจหน้าที่",
            "https://unit-a.example.go.th/duties",
            "การติดตามตรวจสอบเว็บไซต์",
            "เผยแพร่แล้ว",
            D(2026, 3, 5),
            D(2026, 3, 11),
            D(2026, 9, 11),
            f"{NOT_OWN}; {MONITOR_ONLY}",
            PORTAL_URL,
        ],
        [
            "O2",
            "ข่าวประชาสัมพันธ์",
            "B.1",
            "ข่าวประชาสัมพันธ์",
            "https://news.unit-a.example.go.th/2569/",
            "การติดตามตรวจสอบเว็บไซต์",
            "ยังไม่มีข้อมูล",
            None,
            None,
            None,
            f"{NOT_PUBLISHED}; {MONITOR_ONLY}",
            None,
        ],
        ["O3", "คู่มือการปฏิบัติงาน", *C1, *C1_TAIL],
        ["O4", "คู่มือการให้บริการ", *C1, *C1_TAIL],
        ["O5", "ช่องทางการรับฟังความคิดเห็น", None, None, None, None, None, None, None, None, NO_ITEM, None],
    ]


def test_addresses_are_hyperlinks_and_dates_are_dates(ita_world: ItaWorld) -> None:
    main = _workbook(ita_world)["OIT"]
    assert main["E7"].hyperlink.target == "https://www.unit-a.example.go.th/about/structure"
    assert main["E7"].style == "Hyperlink"
    assert main["L8"].hyperlink.target == PORTAL_URL
    assert main["E12"].hyperlink is None
    assert [main[f"{column}7"].is_date for column in "HIJ"] == [True, True, True]
    assert main["H7"].number_format == "yyyy-mm-dd"


def test_the_gaps_sheet(ita_world: ItaWorld) -> None:
    gaps = _workbook(ita_world)["Gaps"]
    assert _values(gaps, 1) == [
        ["รหัส OIT", "ประเด็นข้อมูล OIT", "รหัสรายการ", "รายการในทะเบียน", "ข้อบกพร่อง"],
        ["O1", "โครงสร้าง หน้าที่และอำนาจ", "A.2", "อำนาจหน้าที่", NOT_OWN],
        ["O1", "โครงสร้าง หน้าที่และอำนาจ", "A.2", "อำนาจหน้าที่", MONITOR_ONLY],
        ["O2", "ข่าวประชาสัมพันธ์", "B.1", "ข่าวประชาสัมพันธ์", NOT_PUBLISHED],
        ["O2", "ข่าวประชาสัมพันธ์", "B.1", "ข่าวประชาสัมพันธ์", MONITOR_ONLY],
        ["O3", "คู่มือการปฏิบัติงาน", "C.1", "คู่มือการปฏิบัติงาน", STALE],
        ["O4", "คู่มือการให้บริการ", "C.1", "คู่มือการปฏิบัติงาน", STALE],
        ["O5", "ช่องทางการรับฟังความคิดเห็น", None, None, NO_ITEM],
    ]


def test_english_headers_on_request(ita_world: ItaWorld) -> None:
    sheet = ita_sheet(organization=ita_world.org("unit_a"), fiscal_year=2569, today=TODAY, lists=LISTS)
    main = openpyxl.load_workbook(io.BytesIO(ita_sheet_xlsx(sheet, language="en")))["OIT"]
    assert [main["A2"].value, main["B2"].value, main["C4"].value] == ["Unit", "Agriculture Division", "16 March 2026"]
    assert [cell.value for cell in main[6]][:4] == ["OIT code", "OIT item", "Item code", "Register item"]
    assert main["K8"].value == (
        "The register's address is not on the unit's own website; Address found by the website monitor only"
    )
