"""The monthly summary's print HTML: landscape A4, embedded Sarabun, Thai page numbers in Thai only, the table."""

from prongsai.procurement.documents import summary_document, summary_html
from tests.procurement.summary_samples import APRIL_OPEN, FEBRUARY_SUMMARY, MARCH_SUMMARY, unit


def _flat(html: str) -> str:
    return " ".join(html.split())


def test_thai_print_page_is_landscape_a4_with_thai_page_numbers_and_embedded_fonts() -> None:
    html = summary_html(MARCH_SUMMARY, organization=unit())
    flat = _flat(html)
    assert html.startswith('<!doctype html>\n<html lang="th">')
    assert "<title>สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มีนาคม 2569 กองพัสดุ</title>" in flat
    assert "size: A4 landscape;" in flat
    assert 'content: "- " counter(page, thai) " -";' in flat
    assert flat.count("src: url(data:font/ttf;base64,") == 3
    assert "<caption" not in flat  # the print has its title block instead
    assert '<p class="form">แบบ สขร.1</p>' in flat
    assert (
        "<h1>สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มีนาคม 2569</h1> <p>กองพัสดุ</p> <p>ข้อมูล ณ วันที่ 5 เมษายน 2569</p>"
    ) in flat
    assert (
        '<tr><td class="seq">1</td><td>จัดซื้อวัสดุสำนักงาน</td><td class="num">95,000.00</td>'
        '<td class="num">95,000.00</td><td>เฉพาะเจาะจง</td><td class="lines">บริษัท ก จำกัด / 95,000.00 บาท</td>'
        "<td>บริษัท ก จำกัด / 95,000.00 บาท</td><td>เป็นผู้มีอาชีพขายโดยตรงและเสนอราคาไม่เกินวงเงิน</td>"
        "<td>ใบสั่งซื้อเลขที่ 15/2569 ลงวันที่ 3 มีนาคม 2569</td></tr>"
    ) in flat
    # Bidders one per line: a line break inside the cell, which the print keeps (white-space: pre-line).
    assert '<td class="lines">1. ร้าน ข / 11,900.25 บาท\n2. ร้าน ค / 12,100.00 บาท</td>' in html


def test_english_print_page_numbers_in_arabic_digits() -> None:
    flat = _flat(summary_html(MARCH_SUMMARY, organization=unit(), language="en"))
    assert '<html lang="en">' in flat
    assert 'content: "- " counter(page) " -";' in flat
    assert "<h1>Summary of procurement results for the month of March 2026</h1> <p>Supply Division</p>" in flat


def test_the_document_of_an_empty_and_of_an_open_month() -> None:
    february = summary_document(FEBRUARY_SUMMARY, organization=unit())
    assert (february.closed, february.rows, february.status) == (True, [], "ข้อมูล ณ วันที่ 2 มีนาคม 2569")
    assert february.empty == "ไม่มีการจัดซื้อจัดจ้างในรอบเดือน กุมภาพันธ์ 2569 (ข้อมูล ณ วันที่ 2 มีนาคม 2569)"
    april = summary_document(APRIL_OPEN, organization=unit())
    assert april.closed is False
    assert april.status == "ยังไม่ได้ปิดรอบเดือน รายการอาจยังไม่ครบถ้วน"
    assert april.rows[0].cells == [
        "1",
        "จัดซื้อหมึกพิมพ์",
        "4,815.00",
        "–",
        "เฉพาะเจาะจง",
        "ร้าน ง",
        "ร้าน ง / 4,815.00 บาท",
        "–",
        "ลงวันที่ 9 เมษายน 2569",
    ]
    assert (april.total_label, april.budget_total_text, april.agreed_total_text) == (
        "รวม 1 รายการ",
        "4,815.00",
        "4,815.00",
    )


def test_every_contract_kind_and_method_as_the_form_writes_it() -> None:
    rows = []
    kinds = ["contract", "purchase_order", "work_order", "agreement", ""]
    methods = [
        "specific",
        "selection",
        "e_bidding",
        "e_market",
        "price_agreement",
        "price_inquiry",
        "bidding",
        "special",
        "special_case",
    ]
    for index, method in enumerate(methods):
        rows.append(
            {
                **MARCH_SUMMARY["rows"][2],
                "sequence": index + 1,
                "method": method,
                "contract_kind": kinds[index % 5],
                "contract_number": "" if index in (4, 5) else f"{index}/2569",
                "contract_date": "2026-03-31" if index % 2 == 0 else None,
            }
        )
    summary = {**MARCH_SUMMARY, "rows": rows}
    thai = summary_document(summary, organization=unit())
    assert [(row.method, row.contract) for row in thai.rows] == [
        ("เฉพาะเจาะจง", "สัญญาเลขที่ 0/2569 ลงวันที่ 31 มีนาคม 2569"),
        ("คัดเลือก", "ใบสั่งซื้อเลขที่ 1/2569"),
        ("ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "ใบสั่งจ้างเลขที่ 2/2569 ลงวันที่ 31 มีนาคม 2569"),
        ("ตลาดอิเล็กทรอนิกส์ (e-market)", "ข้อตกลงเลขที่ 3/2569"),
        ("ตกลงราคา", "ลงวันที่ 31 มีนาคม 2569"),
        ("สอบราคา", "สัญญา"),
        ("ประกวดราคา", "ใบสั่งซื้อเลขที่ 6/2569 ลงวันที่ 31 มีนาคม 2569"),
        ("วิธีพิเศษ", "ใบสั่งจ้างเลขที่ 7/2569"),
        ("กรณีพิเศษ", "ข้อตกลงเลขที่ 8/2569 ลงวันที่ 31 มีนาคม 2569"),
    ]
    english = summary_document(summary, organization=unit(), language="en")
    assert [(row.method, row.contract) for row in english.rows] == [
        ("Specific method", "Contract No. 0/2569 dated 31 March 2026"),
        ("Selection", "Purchase order No. 1/2569"),
        ("Electronic bidding (e-bidding)", "Work order No. 2/2569 dated 31 March 2026"),
        ("Electronic market (e-market)", "Agreement No. 3/2569"),
        ("Price agreement", "dated 31 March 2026"),
        ("Price inquiry", "Contract"),
        ("Bidding", "Purchase order No. 6/2569 dated 31 March 2026"),
        ("Special method", "Work order No. 7/2569"),
        ("Special case", "Agreement No. 8/2569 dated 31 March 2026"),
    ]
