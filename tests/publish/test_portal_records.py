"""The portal's pages of 5.1.4, 5.1.5 and 5.1.7.1–3: the approved snapshot as accessible tables, in fixed queries."""

from typing import Any

import lxml.html
import pytest
from django.test import Client

from prongsai.plans.models import ActionPlan

from ..workspace.conftest import Department
from .conftest import publish_records
from .world import AS_OF

CODES = ("5.1.4", "5.1.5", "5.1.7.1", "5.1.7.2", "5.1.7.3")


@pytest.fixture
def published(dept: Department, unit: Any, plan: ActionPlan, procurement: dict[str, Any]) -> Department:
    for code in CODES:
        publish_records(dept, unit, code, as_of=AS_OF)
    return dept


def _tree(code: str, language: str = "th") -> Any:
    response = Client().get(f"/{language}/units/unit-0/items/{code}/")
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def _cells(row: Any) -> list[str]:
    return [" ".join(cell.text_content().split()) for cell in row.xpath("./th | ./td")]


def _table(tree: Any, caption: str) -> Any:
    (table,) = tree.xpath(f"//section[@class='records-section']//table[caption[starts-with(., '{caption}')]]")
    return table


def _rows(table: Any, part: str = "tbody") -> list[list[str]]:
    return [_cells(row) for row in table.xpath(f"./{part}/tr")]


def test_the_action_plan_page_lists_programmes_and_projects_with_budgets_dates_and_kpis(published: Department) -> None:
    table = _table(_tree("5.1.4"), "แผนงาน โครงการ และกิจกรรมตามแผนปฏิบัติราชการ ปีงบประมาณ พ.ศ. 2569")
    assert _cells(table.xpath("./thead/tr")[0]) == [
        "ลำดับ", "โครงการ/กิจกรรม", "งบประมาณ (บาท)", "แหล่งงบประมาณ", "เริ่ม", "สิ้นสุด",
        "หน่วยงานที่รับผิดชอบ", "ตัวชี้วัด", "ค่าเป้าหมาย",
    ]  # fmt: skip
    assert _rows(table) == [
        ["1. แผนงานพัฒนาระบบ"],
        ["1.1", "พัฒนาระบบสารสนเทศ (โครงการ)", "3,000,000.00", "งบลงทุน", "1 ตุลาคม 2568", "30 กันยายน 2569",
         "ศูนย์เทคโนโลยีสารสนเทศ", "ระบบใช้งานได้", "1 ระบบ"],
        ["1.2", "อบรมผู้ใช้งาน (กิจกรรม)", "500,000.00", "", "1 พฤศจิกายน 2568", "28 กุมภาพันธ์ 2569",
         "ฝ่ายบริหารทั่วไป", "", ""],
        ["รวมแผนงาน", "3,500,000.00", ""],
        ["2. แผนงานบริหารจัดการ"],
        ["2.1", "ปรับปรุงอาคาร (โครงการ)", "1,000,000.00", "", "1 ตุลาคม 2568", "30 กันยายน 2569", "ฝ่ายอาคาร", "", ""],
        ["รวมแผนงาน", "1,000,000.00", ""],
    ]  # fmt: skip
    assert _rows(table, "tfoot") == [["รวมทั้งแผน (3 โครงการ/กิจกรรม)", "4,500,000.00", ""]]


def test_the_action_plan_page_in_english_uses_english_names_and_common_era_dates(published: Department) -> None:
    table = _table(_tree("5.1.4", "en"), "Programmes, projects and activities of the action plan, Fiscal year 2026")
    rows = _rows(table)
    assert rows[0] == ["1. Systems development"]
    assert rows[1][:6] == [
        "1.1",
        "Information system (project)",
        "3,000,000.00",
        "งบลงทุน",
        "1 October 2025",
        "30 September 2026",
    ]
    # No English name: the Thai one, marked as Thai.
    assert rows[2][1] == "อบรมผู้ใช้งาน (activity)"
    assert table.xpath("./tbody[1]/tr[3]/th/span[@lang='th']/text()") == ["อบรมผู้ใช้งาน"]
    assert _rows(table, "tfoot") == [["Plan total (3 projects and activities)", "4,500,000.00", ""]]


def test_the_progress_page_shows_the_computed_round_figures_the_chart_and_its_table(published: Department) -> None:
    tree = _tree("5.1.5")
    rounds = _table(tree, "ผลรอบการรายงานที่คำนวณจากรายงานความก้าวหน้า")
    assert _rows(rounds) == [["ผลรอบ 6 เดือน (ถึงวันที่ 31 มีนาคม 2569)", "41.11", "1,680,000.00", "4,500,000.00", "37.33"]]
    progress = _table(tree, "ความก้าวหน้ารายโครงการ ข้อมูล ณ วันที่ 10 เมษายน 2569")
    assert _rows(progress) == [
        ["1. แผนงานพัฒนาระบบ"],
        ["1.1", "พัฒนาระบบสารสนเทศ", "3,000,000.00", "45.00", "1,200,000.00", "40.00", "เป็นไปตามแผน",
         "31 มีนาคม 2569", "ติดตั้งเครื่องแม่ข่ายแล้ว"],
        ["1.2", "อบรมผู้ใช้งาน", "500,000.00", "100.00", "480,000.00", "96.00", "ดำเนินการแล้วเสร็จ",
         "28 กุมภาพันธ์ 2569", ""],
        ["รวมแผนงาน", "3,500,000.00", "52.86", "1,680,000.00", "48.00", ""],
        ["2. แผนงานบริหารจัดการ"],
        ["2.1", "ปรับปรุงอาคาร", "1,000,000.00", "10.00", "100,000.00", "10.00", "ล่าช้ากว่าแผน", "5 เมษายน 2569",
         "รอผู้รับจ้าง"],
        ["รวมแผนงาน", "1,000,000.00", "10.00", "100,000.00", "10.00", ""],
    ]  # fmt: skip
    (svg,) = tree.xpath("//figure[@class='records-chart-figure']/*[local-name()='svg']")
    assert svg.get("role") == "img"
    assert svg.xpath("./*[local-name()='title']/text()") == ["ความก้าวหน้าและการเบิกจ่ายงบประมาณรายโครงการ (ร้อยละ)"]
    assert tree.xpath("//figure[@class='records-chart-figure']/figcaption/text()") == [
        "ตาราง “ความก้าวหน้ารายโครงการ” ด้านล่างแสดงตัวเลขชุดเดียวกัน"
    ]
    history = _table(tree, "รายงานความก้าวหน้ารายเดือนของแต่ละโครงการ")
    assert [row[:4] for row in _rows(history)] == [
        ["1.1 พัฒนาระบบสารสนเทศ", "มกราคม 2569", "31 มกราคม 2569", "20.00"],
        ["1.1 พัฒนาระบบสารสนเทศ", "มีนาคม 2569", "31 มีนาคม 2569", "45.00"],
        ["1.2 อบรมผู้ใช้งาน", "กุมภาพันธ์ 2569", "28 กุมภาพันธ์ 2569", "100.00"],
        ["2.1 ปรับปรุงอาคาร", "เมษายน 2569", "5 เมษายน 2569", "10.00"],
    ]
    figures = " ".join(tree.xpath("//p[@class='records-figures']")[0].text_content().split())
    assert figures == (
        "ทั้งแผน: ความก้าวหน้าทางกายภาพร้อยละ 43.33 (ถ่วงน้ำหนักตามงบประมาณ) เบิกจ่ายแล้ว 1,780,000.00 บาท "
        "จากงบประมาณ 4,500,000.00 บาท (ร้อยละ 39.56) โครงการ/กิจกรรม 3 รายการ แล้วเสร็จ 1 ล่าช้ากว่าแผน 1 ยังไม่รายงาน 0"
    )


def test_the_procurement_plan_page_lists_the_lines_and_their_total(published: Department) -> None:
    table = _table(_tree("5.1.7.1"), "แผนการจัดซื้อจัดจ้างประจำปี ปีงบประมาณ พ.ศ. 2569")
    assert _rows(table) == [
        ["1", "จัดซื้อเครื่องคอมพิวเตอร์", "450,000.00", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "มกราคม 2569", "งบลงทุน", ""],
        ["2", "จ้างซ่อมแซมอาคาร", "95,000.00", "เฉพาะเจาะจง", "มีนาคม 2569", "", ""],
        ["3", "จัดซื้อวัสดุสำนักงาน", "30,000.50", "เฉพาะเจาะจง", "พฤศจิกายน 2568", "", "ซื้อครั้งเดียวทั้งปี"],
    ]
    assert _rows(table, "tfoot") == [["รวม (3 รายการ)", "575,000.50", ""]]


def test_the_records_page_shows_every_field_with_bids_one_per_line(published: Department) -> None:
    tree = _tree("5.1.7.2")
    table = _table(tree, "การจัดซื้อจัดจ้างทุกรายการ ปีงบประมาณ พ.ศ. 2569")
    assert _cells(table.xpath("./thead/tr")[0]) == [
        "ลำดับ", "เดือน", "งานที่จัดซื้อจัดจ้าง", "งบประมาณ (บาท)", "ราคากลาง (บาท)",
        "วิธีซื้อหรือจ้าง", "รายชื่อผู้เสนอราคาและราคาที่เสนอ (บาท)", "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง (บาท)",
        "เหตุผลที่คัดเลือกโดยสรุป", "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง", "เลขที่โครงการในระบบ e-GP",
        "แหล่งงบประมาณ", "สถานะ",
    ]  # fmt: skip
    assert _rows(table) == [
        ["1", "พฤศจิกายน 2568", "จัดซื้อวัสดุสำนักงาน", "30,000.50", "30,000.50", "เฉพาะเจาะจง", "ร้าน ก / 29,500.00",
         "ร้าน ก / 29,500.00", "ราคาต่ำสุดและคุณสมบัติครบถ้วน", "ใบสั่งซื้อเลขที่ 15/2569 ลงวันที่ 20 พฤศจิกายน 2568",
         "68119000001", "งบดำเนินงาน", "สิ้นสุดระยะสัญญา"],
        ["1", "มกราคม 2569", "จัดซื้อเครื่องคอมพิวเตอร์", "450,000.00", "448,000.00",
         "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "บริษัท ก จำกัด / 440,000.00 บริษัท ข จำกัด / 445,500.00",
         "บริษัท ก จำกัด / 440,000.00", "ราคาต่ำสุด", "สัญญาเลขที่ 4/2569 ลงวันที่ 28 มกราคม 2569", "69019000002", "",
         "อยู่ระหว่างระยะสัญญา"],
        ["1", "มีนาคม 2569", "จ้างซ่อมแซมอาคาร", "95,000.00", "–", "เฉพาะเจาะจง", "หจก. ค / 94,000.00",
         "หจก. ค / 94,000.00", "", "ใบสั่งจ้างเลขที่ 7/2569 ลงวันที่ 18 มีนาคม 2569", "", "", ""],
    ]  # fmt: skip
    assert table.xpath("./tbody/tr[2]/td/ul[@class='records-bids']/li/text()") == [
        "บริษัท ก จำกัด / 440,000.00",
        "บริษัท ข จำกัด / 445,500.00",
    ]
    assert _rows(table, "tfoot") == [["รวม (3 รายการ)", "575,000.50", "", "ตกลง 563,500.00", ""]]


def test_the_records_page_in_english_names_methods_contracts_and_statuses_in_english(published: Department) -> None:
    table = _table(_tree("5.1.7.2", "en"), "Every procurement of Fiscal year 2026")
    first = _rows(table)[0]
    assert (first[1], first[5], first[9], first[12]) == (
        "November 2025",
        "Specific method",
        "Purchase order No. 15/2569 of 20 November 2025",
        "Contract completed",
    )


def test_the_summaries_page_lists_each_closed_month_with_its_table_or_dated_declaration_and_files(
    published: Department,
) -> None:
    tree = _tree("5.1.7.3")
    sections = tree.xpath("//section[@class='records-month']")
    assert [s.xpath("./h3/text()")[0] for s in sections] == [
        "สรุปผลการดำเนินการจัดซื้อจัดจ้าง (สขร.1) เดือนพฤศจิกายน 2568",
        "สรุปผลการดำเนินการจัดซื้อจัดจ้าง (สขร.1) เดือนธันวาคม 2568",
        "สรุปผลการดำเนินการจัดซื้อจัดจ้าง (สขร.1) เดือนมกราคม 2569",
    ]
    november = _table(tree, "การจัดซื้อจัดจ้างเดือนพฤศจิกายน 2568 ข้อมูล ณ วันที่ 3 ธันวาคม 2568")
    # The สขร.1 columns in the form's order.
    assert _cells(november.xpath("./thead/tr")[0]) == [
        "ลำดับ", "งานที่จัดซื้อจัดจ้าง", "งบประมาณ (บาท)", "ราคากลาง (บาท)", "วิธีซื้อหรือจ้าง",
        "รายชื่อผู้เสนอราคาและราคาที่เสนอ (บาท)", "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง (บาท)",
        "เหตุผลที่คัดเลือกโดยสรุป", "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
    ]  # fmt: skip
    assert _rows(november) == [
        ["1", "จัดซื้อวัสดุสำนักงาน", "30,000.50", "30,000.50", "เฉพาะเจาะจง", "ร้าน ก / 29,500.00",
         "ร้าน ก / 29,500.00", "ราคาต่ำสุดและคุณสมบัติครบถ้วน", "ใบสั่งซื้อเลขที่ 15/2569 ลงวันที่ 20 พฤศจิกายน 2568"],
    ]  # fmt: skip
    assert _rows(november, "tfoot") == [["รวม (1 รายการ)", "30,000.50", "", "ตกลง 29,500.00", ""]]
    assert sections[1].xpath(".//table") == []
    assert " ".join(sections[1].xpath("./p[@class='records-none']")[0].text_content().split()) == (
        "ไม่มีการจัดซื้อจัดจ้าง — ข้อมูล ณ วันที่ 5 มกราคม 2569"
    )
    assert [s.xpath("./p[@class='records-files']/a/@href") for s in sections] == [
        [f"/th/units/unit-0/items/5.1.7.3/summaries/{month}.{kind}" for kind in ("pdf", "xlsx")]
        for month in ("2025-11", "2025-12", "2026-01")
    ]


def test_the_english_summaries_page_keeps_the_thai_declaration_and_explains_it(published: Department) -> None:
    tree = _tree("5.1.7.3", "en")
    declaration = tree.xpath("//section[@id='summary-2025-12']/p[@class='records-none']")[0]
    assert declaration.xpath("./strong[@lang='th']/text()") == ["ไม่มีการจัดซื้อจัดจ้าง"]
    assert " ".join(declaration.text_content().split()) == (
        "ไม่มีการจัดซื้อจัดจ้าง (no procurement this month) — as of 5 January 2026"
    )
    assert tree.xpath("//section[@id='summary-2025-12']/h3/text()") == [
        "Procurement result summary (สขร.1), December 2025"
    ]


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("code", CODES)
def test_every_records_table_has_a_caption_and_scoped_headers(published: Department, code: str, language: str) -> None:
    tables = _tree(code, language).xpath("//section[@class='records-section']//table")
    assert tables
    for table in tables:
        (caption,) = table.xpath("./caption")
        assert caption.text_content().strip()
        headers = table.xpath(".//th")
        assert headers
        assert all(th.get("scope") in {"col", "row", "rowgroup"} for th in headers)
        assert all(th.get("scope") == "col" for th in table.xpath("./thead//th"))


def test_the_unit_page_links_to_the_tables_without_reading_any_snapshot(
    published: Department, django_assert_num_queries: Any
) -> None:
    # edition; organization; entries with items, clauses, published versions and which records they carry;
    # documents; websites: the same five queries as without records.
    with django_assert_num_queries(5):
        response = Client().get("/th/units/unit-0/")
    tree = lxml.html.fromstring(response.content)
    assert tree.xpath("//table[contains(@class, 'records')]") == []
    links = tree.xpath("//p[@class='hint']/a[.='ดูตารางข้อมูลทั้งหมดในหน้าของรายการนี้']/@href")
    assert links == [f"/th/units/unit-0/items/{code}/" for code in CODES]
    assert "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569: 3 โครงการ งบประมาณรวม 4,500,000.00 บาท" in response.content.decode()


@pytest.mark.parametrize("code", CODES)
def test_an_item_page_with_records_takes_the_same_queries_and_is_cached(
    published: Department, code: str, django_assert_num_queries: Any
) -> None:
    client = Client()
    with django_assert_num_queries(
        5
    ):  # edition, organization, the entry with its version and records, documents, websites
        first = client.get(f"/th/units/unit-0/items/{code}/")
    with django_assert_num_queries(1):  # the edition; the page comes from the cache
        again = client.get(f"/th/units/unit-0/items/{code}/")
    assert again.content == first.content


def test_the_embed_page_shows_the_summaries_but_no_tables(
    published: Department, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(5):
        response = Client().get("/th/units/unit-0/embed/")
    tree = lxml.html.fromstring(response.content)
    assert tree.xpath("//table[contains(@class, 'records')]") == []
    assert "สรุปผลการจัดซื้อจัดจ้างรายเดือน (สขร.1) ปีงบประมาณ พ.ศ. 2569" in response.content.decode()
