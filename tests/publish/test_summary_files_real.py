"""The public monthly summaries end to end: a published 5.1.7.3 snapshot, printed by the real document makers.

test_summary_files.py checks the view's caching and refusals with stand-ins; here the files are
the real ones, read back: the workbook's cells and the PDF's Thai text layer.
"""

import io
from typing import Any

import openpyxl
from django.test import Client

from tests.reports.render_world import needs_chromium, pages

from .conftest import publish_records
from .world import AS_OF

HEADERS = (
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


def test_the_public_workbook_of_january_holds_the_published_rows(
    dept: Any, unit: Any, procurement: dict[str, Any]
) -> None:
    publish_records(dept, unit, "5.1.7.3", as_of=AS_OF)

    response = Client().get("/th/units/unit-0/items/5.1.7.3/summaries/2026-01.xlsx")

    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[:4]] == [
        "แบบ สขร.1",
        "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มกราคม 2569",
        unit.name_th,
        "ข้อมูล ณ วันที่ 4 กุมภาพันธ์ 2569",
    ]
    assert rows[5] == HEADERS
    assert rows[6] == (
        1,
        "จัดซื้อเครื่องคอมพิวเตอร์",
        450000,
        448000,
        "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
        "1. บริษัท ก จำกัด / 440,000.00 บาท\n2. บริษัท ข จำกัด / 445,500.00 บาท",
        "บริษัท ก จำกัด / 440,000.00 บาท",
        "ราคาต่ำสุด",
        "สัญญาเลขที่ 4/2569 ลงวันที่ 28 มกราคม 2569",
    )


def test_the_public_pdf_of_an_empty_month_declares_it_with_its_date(
    dept: Any, unit: Any, procurement: dict[str, Any]
) -> None:
    needs_chromium()
    publish_records(dept, unit, "5.1.7.3", as_of=AS_OF)

    response = Client().get("/th/units/unit-0/items/5.1.7.3/summaries/2025-12.pdf")

    assert response.status_code == 200
    text = [line for page in pages(response.content) for line in page]
    assert "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ธันวาคม 2568" in text
    assert any("ไม่มีการจัดซื้อจัดจ้าง" in line for line in text)
    assert any("5 มกราคม 2569" in line for line in text)
