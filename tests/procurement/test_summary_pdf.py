"""The monthly summary (สขร.1) as PDF: the exact Thai text layer, landscape A4, Sarabun only, the same bytes twice.

Rendered once per module (a few Chromium prints). The expected lines are written out by hand from
summary_samples; where a cell's text wraps, the breaks follow the printed layout (Sarabun 12 pt in
the form's column widths), and PyMuPDF joins cells whose lines share a baseline (a reference
price and the method beside it).
"""

import copy
from typing import Any

import pymupdf
import pytest

from prongsai.procurement.documents import summary_pdf, summary_pdfs
from prongsai.procurement.snapshot import MonthSummary
from tests.procurement.summary_samples import APRIL_OPEN, FEBRUARY_SUMMARY, MARCH_SUMMARY, unit
from tests.procurement.summary_world import needs_chromium

THAI_HEADER = [
    "ลำดับ",
    "งานที่จัดซื้อจัดจ้าง",
    "วงเงินที่จะ",
    "ซื้อหรือจ้าง",
    "ราคากลาง",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคา",
    "และราคาที่เสนอ",
    "ผู้ได้รับการคัด",
    "เลือกและราคาที่",
    "ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัด",
    "เลือกโดยสรุป",
    "เลขที่และวันที่ของ",
    "สัญญาหรือข้อตกลง",
    "ในการซื้อหรือจ้าง",
]
MARCH_TH = [
    "- ๑ -",
    "แบบ สขร.1",
    "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มีนาคม 2569",
    "กองพัสดุ",
    "ข้อมูล ณ วันที่ 5 เมษายน 2569",
    *THAI_HEADER,
    *["1", "จัดซื้อวัสดุสำนักงาน", "95,000.00", "95,000.00 เฉพาะเจาะจง"],
    *["บริษัท ก จำกัด /", "95,000.00 บาท", "บริษัท ก จำกัด /", "95,000.00 บาท"],
    *["เป็นผู้มีอาชีพ", "ขายโดยตรง", "และเสนอ", "ราคาไม่เกิน", "วงเงิน"],
    *["ใบสั่งซื้อเลขที่", "15/2569 ลงวันที่ 3", "มีนาคม 2569"],
    *["2", "จ้างซ่อมเครื่องปรับ", "อากาศ", "12,500.50", "12,000.00 คัดเลือก"],
    *["1. ร้าน ข /", "11,900.25 บาท", "2. ร้าน ค /", "12,100.00 บาท", "ร้าน ข /", "11,900.25 บาท", "ราคาต่ำสุด"],
    *["สัญญาเลขที่", "4/2569 ลงวันที่ 18", "มีนาคม 2569"],
    *["3", "จ้างเหมาทำความ", "สะอาดอาคาร", "240,000.00", "– ประกวดราคา", "อิเล็กทรอนิกส์", "(e-bidding)"],
    *["–", "–", "–", "–"],
    *["รวม 3 รายการ", "347,500.50", "106,900.25"],
]
FEBRUARY_TH = [
    "- ๑ -",
    "แบบ สขร.1",
    "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน กุมภาพันธ์ 2569",
    "กองพัสดุ",
    "ข้อมูล ณ วันที่ 2 มีนาคม 2569",
    *THAI_HEADER,
    "ไม่มีการจัดซื้อจัดจ้างในรอบเดือน กุมภาพันธ์ 2569 (ข้อมูล ณ วันที่ 2 มีนาคม 2569)",
]
APRIL_TH = [
    "- ๑ -",
    "แบบ สขร.1",
    "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน เมษายน 2569",
    "กองพัสดุ",
    "ยังไม่ได้ปิดรอบเดือน รายการอาจยังไม่ครบถ้วน",
    *THAI_HEADER,
    *["1", "จัดซื้อหมึกพิมพ์", "4,815.00", "– เฉพาะเจาะจง", "ร้าน ง", "ร้าน ง / 4,815.00", "บาท", "–"],
    *["ลงวันที่ 9 เมษายน", "2569"],
    *["รวม 1 รายการ", "4,815.00", "4,815.00"],
]


def pages(content: bytes) -> list[list[str]]:
    """Return each page's text layer as lines (PyMuPDF's extraction), the trailing empty line dropped."""
    document = pymupdf.open(stream=content, filetype="pdf")
    return [page.get_text().split("\n")[:-1] for page in document]


def _long_month() -> MonthSummary:
    """March with twelve more rows like the second (four lines of bidders each): three pages."""
    summary = copy.deepcopy(MARCH_SUMMARY)
    template = summary["rows"][1]
    for sequence in range(4, 16):
        summary["rows"].append({**template, "id": sequence, "sequence": sequence})
    # 347,500.50 + 12 × 12,500.50 = 497,506.50; 106,900.25 + 12 × 11,900.25 = 249,703.25
    summary["totals"] = {"count": 15, "budget": "497506.50", "agreed": "249703.25"}
    return summary


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    needs_chromium()
    return {
        "march_th": summary_pdf(MARCH_SUMMARY, organization=unit()),
        "march_th_again": summary_pdf(MARCH_SUMMARY, organization=unit()),
        "march_en": summary_pdf(MARCH_SUMMARY, organization=unit(), language="en"),
        "february_th": summary_pdf(FEBRUARY_SUMMARY, organization=unit()),
        "april_th": summary_pdf(APRIL_OPEN, organization=unit()),
        "long_th": summary_pdf(_long_month(), organization=unit()),
    }


def test_march_text_layer_is_the_form_in_thai_with_a_thai_page_number(pdfs: dict[str, bytes]) -> None:
    assert pages(pdfs["march_th"]) == [MARCH_TH]


def test_a_closed_month_without_records_prints_the_dated_declaration(pdfs: dict[str, bytes]) -> None:
    assert pages(pdfs["february_th"]) == [FEBRUARY_TH]


def test_a_month_not_closed_is_marked_so(pdfs: dict[str, bytes]) -> None:
    assert pages(pdfs["april_th"]) == [APRIL_TH]


def test_english_form_has_english_headings_dates_and_arabic_page_numbers(pdfs: dict[str, bytes]) -> None:
    (text,) = pages(pdfs["march_en"])
    assert text[:5] == [
        "- 1 -",
        "Form SKR.1",
        "Summary of procurement results for the month of March 2026",
        "Supply Division",
        "Information as of 5 April 2026",
    ]
    assert " ".join(text[5:28]) == (
        "No. Procurement Budget for the purchase or hire Reference price Method of purchase or hire "
        "Bidders and prices offered Selected vendor and agreed price Reason for the selection, in brief "
        "Number and date of the contract or agreement"
    )
    assert text[text.index("Purchase order") : text.index("Purchase order") + 4] == [
        "Purchase order",
        "No. 15/2569",
        "dated 3 March",
        "2026",
    ]
    assert text[-3:] == ["Total: 3 procurements", "347,500.50", "106,900.25"]


def test_a_long_month_repeats_the_header_on_the_next_page(pdfs: dict[str, bytes]) -> None:
    text = pages(pdfs["long_th"])
    assert len(text) == 3
    assert [page[0] for page in text] == ["- ๑ -", "- ๒ -", "- ๓ -"]
    for page in text[1:]:
        assert page[1 : 1 + len(THAI_HEADER)] == THAI_HEADER
    sequences = [line for page in text for line in page if line.isdigit()]
    assert sequences == [str(n) for n in range(1, 16)]
    assert text[-1][-3:] == ["รวม 15 รายการ", "497,506.50", "249,703.25"]


def test_pages_are_landscape_a4_and_the_only_font_is_sarabun_embedded(pdfs: dict[str, bytes]) -> None:
    for name in ("march_th", "march_en", "february_th", "long_th"):
        document: Any = pymupdf.open(stream=pdfs[name], filetype="pdf")
        fonts = set()
        for page in document:
            assert abs(page.rect.width - 841.89) < 0.5
            assert abs(page.rect.height - 595.28) < 0.5
            fonts |= {(font[1], font[2], font[3].split("+", 1)[1]) for font in page.get_fonts(full=True)}
        assert fonts <= {("ttf", "Type0", "Sarabun-Regular"), ("ttf", "Type0", "Sarabun-Bold")}, name
        assert ("ttf", "Type0", "Sarabun-Regular") in fonts


def test_the_same_summary_gives_the_same_bytes_without_printing_dates(pdfs: dict[str, bytes]) -> None:
    assert pdfs["march_th"] == pdfs["march_th_again"]
    document: Any = pymupdf.open(stream=pdfs["march_th"], filetype="pdf")
    assert document.metadata["creationDate"] == ""
    assert document.metadata["title"] == "unit-a 2026-03"


def test_a_batch_printed_in_one_browser_gives_each_month_the_bytes_it_gets_alone(pdfs: dict[str, bytes]) -> None:
    batch = summary_pdfs([MARCH_SUMMARY, FEBRUARY_SUMMARY, APRIL_OPEN], organization=unit())

    assert batch == [pdfs["march_th"], pdfs["february_th"], pdfs["april_th"]]
    assert summary_pdfs([], organization=unit()) == []
