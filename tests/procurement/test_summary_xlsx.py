"""The monthly summary (สขร.1) as XLSX: every cell of the title rows, the form's header row and the rows, read back.

The summaries are written out by hand (summary_samples), so the workbook is made from the snapshot
shape alone, as the portal makes it from a published snapshot.
"""

import io
import zipfile
from typing import Any

import openpyxl
import pytest

from prongsai.procurement.documents import summary_xlsx
from prongsai.procurement.selectors import month_summary
from tests.procurement.summary_samples import APRIL_OPEN, FEBRUARY_SUMMARY, MARCH_SUMMARY, unit
from tests.procurement.summary_world import FEBRUARY, MARCH, World, world

FIXTURES = (world,)

THAI_HEADERS = (
    "ลำดับ",
    "งานที่จัดซื้อจัดจ้าง",
    "วงเงินที่จะซื้อหรือจ้าง",
    "ราคากลาง",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
)
EMPTY_ROW = (None,) * 9


def _sheet(content: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(content)).active


def _rows(content: bytes) -> list[tuple[Any, ...]]:
    return list(_sheet(content).iter_rows(values_only=True))


def _title(text: str) -> tuple[Any, ...]:
    return (text,) + (None,) * 8


def test_march_in_thai_every_cell(db: None, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        content = summary_xlsx(MARCH_SUMMARY, organization=unit())

    assert _rows(content) == [
        _title("แบบ สขร.1"),
        _title("สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มีนาคม 2569"),
        _title("กองพัสดุ"),
        _title("ข้อมูล ณ วันที่ 5 เมษายน 2569"),
        EMPTY_ROW,
        THAI_HEADERS,
        (
            1,
            "จัดซื้อวัสดุสำนักงาน",
            95000,
            95000,
            "เฉพาะเจาะจง",
            "บริษัท ก จำกัด / 95,000.00 บาท",
            "บริษัท ก จำกัด / 95,000.00 บาท",
            "เป็นผู้มีอาชีพขายโดยตรงและเสนอราคาไม่เกินวงเงิน",
            "ใบสั่งซื้อเลขที่ 15/2569 ลงวันที่ 3 มีนาคม 2569",
        ),
        (
            2,
            "จ้างซ่อมเครื่องปรับอากาศ",
            12500.5,
            12000,
            "คัดเลือก",
            "1. ร้าน ข / 11,900.25 บาท\n2. ร้าน ค / 12,100.00 บาท",
            "ร้าน ข / 11,900.25 บาท",
            "ราคาต่ำสุด",
            "สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม 2569",
        ),
        (3, "จ้างเหมาทำความสะอาดอาคาร", 240000, None, "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", None, None, None, None),
        (None, "รวม 3 รายการ", 347500.5, None, None, None, 106900.25, None, None),
    ]


def test_amounts_are_numbers_formatted_with_satang_and_text_wraps() -> None:
    sheet = _sheet(summary_xlsx(MARCH_SUMMARY, organization=unit()))
    for ref in ("C7", "D7", "C8", "D8", "C9", "C10", "G10"):
        assert sheet[ref].number_format == "#,##0.00", ref
        assert sheet[ref].data_type == "n", ref
    assert sheet["D9"].value is None  # no reference price: an empty cell, not "–"
    for ref in ("B7", "F8", "G8", "H7", "I7"):
        assert sheet[ref].alignment.wrap_text is True, ref
    assert [cell.font.bold for cell in sheet[6]] == [True] * 9
    assert sheet.freeze_panes == "A7"
    assert sorted(str(r) for r in sheet.merged_cells.ranges) == ["A2:I2", "A3:I3", "A4:I4"]
    assert sheet.title == "2026-03"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.print_title_rows == "$6:$6"
    assert [sheet.column_dimensions[letter].width for letter in "ABCDEFGHI"] == [7, 36, 15, 15, 18, 36, 34, 28, 30]


def test_march_in_english() -> None:
    rows = _rows(summary_xlsx(MARCH_SUMMARY, organization=unit(), language="en"))
    assert rows[:6] == [
        _title("Form SKR.1"),
        _title("Summary of procurement results for the month of March 2026"),
        _title("Supply Division"),
        _title("Information as of 5 April 2026"),
        EMPTY_ROW,
        (
            "No.",
            "Procurement",
            "Budget for the purchase or hire",
            "Reference price",
            "Method of purchase or hire",
            "Bidders and prices offered",
            "Selected vendor and agreed price",
            "Reason for the selection, in brief",
            "Number and date of the contract or agreement",
        ),
    ]
    assert rows[6][4:] == (
        "Specific method",  # the unit's own Thai wording stays out of the English form
        "บริษัท ก จำกัด / 95,000.00 baht",
        "บริษัท ก จำกัด / 95,000.00 baht",
        "เป็นผู้มีอาชีพขายโดยตรงและเสนอราคาไม่เกินวงเงิน",
        "Purchase order No. 15/2569 dated 3 March 2026",
    )
    assert rows[7][8] == "Contract No. 4/2569 dated 18 March 2026"
    assert rows[8][4] == "Electronic bidding (e-bidding)"
    assert rows[9] == (None, "Total: 3 procurements", 347500.5, None, None, None, 106900.25, None, None)


def test_a_closed_month_without_records_declares_none_with_its_date() -> None:
    content = summary_xlsx(FEBRUARY_SUMMARY, organization=unit())
    rows = _rows(content)
    assert rows[1] == _title("สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน กุมภาพันธ์ 2569")
    assert rows[3] == _title("ข้อมูล ณ วันที่ 2 มีนาคม 2569")
    assert rows[5] == THAI_HEADERS
    assert rows[6:] == [(None, "ไม่มีการจัดซื้อจัดจ้างในรอบเดือน กุมภาพันธ์ 2569 (ข้อมูล ณ วันที่ 2 มีนาคม 2569)") + (None,) * 7]
    assert "B7:I7" in {str(r) for r in _sheet(content).merged_cells.ranges}
    english = _rows(summary_xlsx(FEBRUARY_SUMMARY, organization=unit(), language="en"))
    assert english[6][1] == "No procurement in February 2026 (information as of 2 March 2026)"


def test_a_month_not_closed_says_so_and_prints_what_it_has() -> None:
    rows = _rows(summary_xlsx(APRIL_OPEN, organization=unit()))
    assert rows[3] == _title("ยังไม่ได้ปิดรอบเดือน รายการอาจยังไม่ครบถ้วน")
    assert rows[6:] == [
        (1, "จัดซื้อหมึกพิมพ์", 4815, None, "เฉพาะเจาะจง", "ร้าน ง", "ร้าน ง / 4,815.00 บาท", None, "ลงวันที่ 9 เมษายน 2569"),
        (None, "รวม 1 รายการ", 4815, None, None, None, 4815, None, None),
    ]
    english = _rows(summary_xlsx(APRIL_OPEN, organization=unit(), language="en"))
    assert english[3][0] == "The month is not closed yet: the list may be incomplete."
    assert english[7][1] == "Total: 1 procurement"


@pytest.mark.parametrize(
    ("summary", "stamp"),
    [(MARCH_SUMMARY, (2026, 4, 5, 0, 0, 0)), (APRIL_OPEN, (2026, 4, 1, 0, 0, 0))],
)
def test_the_same_summary_gives_the_same_bytes_stamped_with_its_closing_or_its_month(
    summary: Any, stamp: tuple[int, ...]
) -> None:
    first = summary_xlsx(summary, organization=unit())
    assert summary_xlsx(summary, organization=unit()) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {member.date_time for member in package.infolist()} == {stamp}
        core = package.read("docProps/core.xml").decode()
    day = "{:04d}-{:02d}-{:02d}".format(*stamp[:3])
    assert f">{day}T00:00:00Z</dcterms:modified>" in core


def test_the_live_month_and_its_snapshot_written_by_hand_make_the_same_file(world: World) -> None:
    live = month_summary(organization=world.unit_a, month=MARCH)
    assert summary_xlsx(live, organization=world.unit_a) == summary_xlsx(MARCH_SUMMARY, organization=unit())
    february = month_summary(organization=world.unit_a, month=FEBRUARY)
    assert summary_xlsx(february, organization=world.unit_a) == summary_xlsx(FEBRUARY_SUMMARY, organization=unit())
