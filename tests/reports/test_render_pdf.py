"""The reports' PDFs: the exact Thai text layer with Thai page numbers, A4, Sarabun embedded, the same bytes twice.

PDFs are rendered once per module (a handful of Chromium prints) and many things are asserted on them.
The expected lines are written out by hand from render_world's facts; where a table cell's text wraps,
the line breaks follow the printed layout (Sarabun 13 pt in an A4 column).
"""

import http.server
import re
import threading
from collections.abc import Iterator
from typing import Any

import pymupdf
import pytest

from prongsai.rendering.pdf import html_to_pdf, sarabun_font_faces
from prongsai.reports.documents import overall_report_pdf, unit_report_pdf
from prongsai.reports.models import OverallReport
from tests.reports import render_world as rendering
from tests.reports.render_world import make_overall_report, needs_chromium, overall_report, pages, unit_version

# The module's world and its per-test view (fixtures of render_world).
render_world = rendering.render_world
world = rendering.world

UNIT_PAGE_1 = [
    "- ๑ -",
    "รายงานผลการเผยแพร่ข้อมูลต่อสาธารณะผ่านทาง",
    "เว็บไซต์",
    "กองเกษตร",
    "รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2569",
    "ช่วงเวลา 1 ตุลาคม 2568 – 31 มีนาคม 2569",
    "ข้อมูล ณ วันที่ 31 มีนาคม 2569",
    "ฉบับที่ 1: ส่งแล้ว",
    "สรุป",
    "รายการตรวจสอบ",
    "3",
    "เผยแพร่และเป็นปัจจุบัน",
    "1",
    "เกินกำหนดทบทวน",
    "1",
    "ยังไม่มีข้อมูล",
    "1",
    "ตรวจพบบนเว็บไซต์",
    "1",
    "คะแนนจากการตรวจเว็บไซต์",
    "62.5",
    "รายการตรวจสอบ",
    "รายการ",
    "สถานะ",
    "ทบทวน",
    "ล่าสุด",
    "ผู้ทบทวน",
    "กำหนดทบทวน",
    "ครั้งถัดไป",
    "G.1 เจตจำนงสุจริตของ",
    "ผู้บริหาร",
    "เผยแพร่แล้ว",
    "10 มีนาคม",
    "2569",
    "คุณ",
    "reviewer1_a",
    "10 กันยายน",
    "2569",
    "P.1 สรุปผลการจัดซื้อ",
    "จัดจ้างรายเดือน",
    "เกินกำหนด",
    "ทบทวน",
    "1 สิงหาคม",
    "2568",
    "คุณ",
    "reviewer2_a",
    "28 กุมภาพันธ์",
    "2569",
    "M.1 คู่มือการปฏิบัติ",
    "งาน",
    "ยังไม่มีข้อมูล",
    "–",
    "–",
    "–",
    "การเปลี่ยนแปลงในรอบ",
    "รายการ",
    "ฉบับที่",
    "ผลการพิจารณา",
    "วันที่",
    "หมายเหตุ",
    "G.1",
    "2 เผยแพร่แล้ว",
    "10 มีนาคม 2569",
    "ปรับปรุงถ้อยคำ",
    "ผลการตรวจเว็บไซต์",
    "ตรวจ https://a.example.go.th/ เสร็จเมื่อ 20 มีนาคม 2569 เวลา 14:05",
    "น. คะแนน 62.5",
]
UNIT_PAGE_2 = [
    "- ๒ -",
    "รายการ",
    "ผลการตรวจ",
    "ความเป็นปัจจุบัน",
    "วันที่ในหลักฐาน",
    "การปรับผลการตรวจ",
    "G.1",
    "พบ",
    "เป็นปัจจุบัน",
    "1 มีนาคม 2569",
    "–",
    "P.1",
    "ไม่พบ",
    "ไม่ทราบวันที่",
    "–",
    "หน้าเว็บย้ายที่อยู่",
    "ปัญหาที่ยังค้างอยู่",
    "1. P.1 เลยกำหนดทบทวน",
    "2. M.1 ยังไม่ได้เผยแพร่",
    "ความคิดเห็นและเรื่องร้องเรียน",
    "ช่องทาง",
    "รับเรื่องแล้วยุติเรื่องแล้วเกินกำหนดมัธยฐานจำนวนวันที่ยุติเรื่อง",
    "ความคิดเห็นของ",
    "ผู้รับบริการ",
    "12",
    "10",
    "1",
    "4.5",
    "เรื่องร้องเรียน",
    "และข้อเสนอแนะ",
    "3",
    "3",
    "0",
    "–",
    "คำอธิบายผลการดำเนินงาน",
    "หน่วยงานปรับปรุงข้อมูลสำคัญครบถ้วนแล้ว",
    "การดำเนินการ",
    "จัดทำคู่มือการปฏิบัติงานให้เสร็จภายในเดือนพฤษภาคม",
    "การอนุมัติ",
    "ผู้จัดทำ: คุณ reporter_a",
    "1 เมษายน 2569 เวลา 09:00 น.",
    "หัวหน้าหน่วยงานผู้อนุมัติ: คุณ supervisor_a",
    "3 เมษายน 2569 เวลา 10:00 น.",
]
OVERALL_PAGE_1_START = [
    "- ๑ -",
    "รายงานภาพรวมผลการเผยแพร่ข้อมูลต่อสาธารณะผ่าน",
    "ทางเว็บไซต์ของหน่วยงาน",
    "รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2569",
    "ช่วงเวลา 1 ตุลาคม 2568 – 31 มีนาคม 2569",
    "ข้อมูล ณ วันที่ 31 มีนาคม 2569",
    "อนุมัติแล้ว",
    "ตัวเลขสำคัญ",
    "หน่วยงาน",
    "2",
    "หน่วยงานที่ส่งรายงาน",
    "1",
    "หน่วยงานที่ไม่ส่งรายงาน",
    "1",
    "รายงานที่ส่งล่าช้า",
    "0",
    "การปฏิบัติตามเฉลี่ย (%)",
    "16.7",  # (33.3 + 0.0) / 2, rounded half up
    "คะแนนเฉลี่ยจากการตรวจเว็บไซต์",
    "62.5",
    "หน่วยงานส่วนใหญ่ยังต้องปรับปรุงคู่มือ",
    "แผนภูมิ",
]
OVERALL_LAST_PAGE = [
    "- ๓ -",
    "รายการ: M.1",
    "ตัวเลข: share: 100.0, units_missing: 2",
    "แนวโน้มรายรอบ",
    "รอบ",
    "การปฏิบัติตาม (%)",
    "คะแนน",
    "2568-12",
    "10.0",
    "50.0",
    "2569-6",
    "16.7",
    "62.5",
    "การอนุมัติ",
    "ศูนย์เทคโนโลยีสารสนเทศฯ ผู้จัดทำ: คุณ ict_monitor",
    "15 เมษายน 2569 เวลา 08:00 น.",
    "ผู้เสนอขออนุมัติ: คุณ ict_monitor",
    "16 เมษายน 2569 เวลา 11:00 น.",
    "ผู้กำกับดูแลผู้อนุมัติ: คุณ supervisor_dept",
    "20 เมษายน 2569 เวลา 15:30 น.",
]


@pytest.fixture(scope="module")
def pdfs(render_world: Any, django_db_blocker: Any) -> dict[str, bytes]:
    """Render the module's PDFs once: unit A's report in Thai (twice) and English, the overall report."""
    needs_chromium()
    with django_db_blocker.unblock():
        version = unit_version()
        report = overall_report()
        return {
            "unit_th": unit_report_pdf(version),
            "unit_th_again": unit_report_pdf(unit_version()),
            "unit_en": unit_report_pdf(version, language="en"),
            "overall_th": overall_report_pdf(report),
        }


def test_unit_report_text_layer_is_the_thai_written_with_thai_page_numbers(pdfs: dict[str, bytes]) -> None:
    assert pages(pdfs["unit_th"]) == [UNIT_PAGE_1, UNIT_PAGE_2]


def test_english_unit_report_has_english_dates_and_arabic_page_numbers(pdfs: dict[str, bytes]) -> None:
    first, second = pages(pdfs["unit_en"])
    assert first[:9] == [
        "- 1 -",
        "Report on publishing information to the public",
        "through the website",
        "Unit A",
        "6-month round, fiscal year 2026",
        "Period 1 October 2025 – 31 March 2026",
        "Information as of 31 March 2026",
        "Version 1: Submitted",
        "Summary",
    ]
    assert second[0] == "- 2 -"
    assert second[-4:] == [
        "Prepared by: คุณ reporter_a",
        "1 April 2026, 09:00",
        "Approved by the unit head: คุณ supervisor_a",
        "3 April 2026, 10:00",
    ]


def test_pages_are_a4_and_the_only_font_is_sarabun_embedded(pdfs: dict[str, bytes]) -> None:
    for name in ("unit_th", "unit_en", "overall_th"):
        document = pymupdf.open(stream=pdfs[name], filetype="pdf")
        fonts = set()
        for page in document:
            # A4 is 595.28 × 841.89 pt; Chromium sets whole CSS pixels (594.96 × 841.92).
            assert abs(page.rect.width - 595.28) < 0.5
            assert abs(page.rect.height - 841.89) < 0.5
            fonts |= {(font[1], font[2], font[3].split("+", 1)[1]) for font in page.get_fonts(full=True)}
        assert fonts <= {("ttf", "Type0", "Sarabun-Regular"), ("ttf", "Type0", "Sarabun-Bold")}, name
        assert ("ttf", "Type0", "Sarabun-Regular") in fonts


def test_the_same_report_gives_the_same_bytes_without_printing_dates(pdfs: dict[str, bytes]) -> None:
    assert pdfs["unit_th"] == pdfs["unit_th_again"]
    document = pymupdf.open(stream=pdfs["unit_th"], filetype="pdf")
    assert document.metadata is not None
    assert document.metadata["creationDate"] == ""
    assert document.metadata["modDate"] == ""
    assert document.metadata["producer"] == "Prongsai"
    assert document.metadata["title"] == "unit-a 2569-6 v1"
    assert document.xref_get_key(-1, "ID") == ("null", "null")


def test_overall_report_text_layer(pdfs: dict[str, bytes]) -> None:
    text = pages(pdfs["overall_th"])
    assert len(text) == 3
    assert text[0][: len(OVERALL_PAGE_1_START)] == OVERALL_PAGE_1_START
    # The charts' own labels print as text too: the items' bars, then the units lowest first, then the trend.
    assert text[0][len(OVERALL_PAGE_1_START) :] == [
        *["0", "50", "100", "G.1", "50.0%", "P.1", "0.0%", "M.1", "0.0%"],
        *["0", "50", "100", "ศูนย์ขนส่ง", "0.0%", "กองเกษตร", "33.3%"],
        *["0", "50", "100", "2568-12", "2569-6", "การปฏิบัติตาม (%)", "คะแนนจากการตรวจเว็บไซต์"],
    ]
    assert text[1][0] == "- ๒ -"
    matrix = text[1].index("ตารางการปฏิบัติตาม")
    assert text[1][matrix + 3 : matrix + 15] == [
        *["หน่วยงาน", "G.1", "P.1", "M.1"],
        *["กองเกษตร", "■", "△", "×"],
        *["ศูนย์ขนส่ง", "×", "–", "×"],
    ]
    # Only the included recommendation, as the ICT Center edited it.
    assert text[1][-3:] == [
        "ข้อเสนอแนะเพื่อการพัฒนา",
        "1. เร่งจัดทำคู่มือการปฏิบัติงานให้ครบทุกหน่วยงาน",
        "หน่วยงาน: กองเกษตร, ศูนย์ขนส่ง",
    ]
    assert not any("ติดตามหน่วยงานที่ไม่ส่งรายงาน" in line for page in text for line in page)
    assert text[2] == OVERALL_LAST_PAGE


def test_a_hundred_unit_overall_report_lists_every_unit_in_matrix_and_ranking(world: Any) -> None:
    needs_chromium()
    OverallReport.objects.all().delete()
    report = make_overall_report(world, world_round(), units=100)
    text = "\n".join(line for page in pages(overall_report_pdf(report)) for line in page)
    # Every unit once in the matrix and once in the ranking. The chart by unit shows the 30 lowest: the odd
    # units are at 33.3 %, the even ones at 66.7 %, and among equals the lower ranked first (99, 97, …, 41).
    # Every third unit did not report and is listed once more (39, 99).
    times = {n: len(re.findall(rf"สำนักงานคลังเขต\s{n}(?!\d)", text)) for n in (1, 37, 39, 41, 99, 100)}
    assert times == {1: 2, 37: 2, 39: 3, 41: 3, 99: 4, 100: 2}


def world_round() -> Any:
    from prongsai.reports.models import Round

    return Round.objects.get(fiscal_year=2569, kind="six_month")


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Counting.hits = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_the_print_fetches_nothing(loopback: str) -> None:
    needs_chromium()
    html = (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{sarabun_font_faces()}"
        f"body {{ font-family: Sarabun; background: url({loopback}/bg.png); }}</style>"
        f"<link rel='stylesheet' href='{loopback}/style.css'></head>"
        f"<body><p>น้ำใจ</p><img src='{loopback}/x.png'><iframe src='{loopback}/frame'></iframe>"
        f"<script src='{loopback}/s.js'></script></body></html>"
    )
    content = html_to_pdf(html)
    assert _Counting.hits == []
    assert pages(content) == [["น้ำใจ"]]
