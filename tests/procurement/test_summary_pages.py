"""The summaries' workspace pages: a unit's fiscal year, a month's สขร.1 with its files, the reconciliation.

Only people who may see the unit reach them; everyone else gets 404. Query counts are asserted
on a warmed session (the header's unread notices included).
"""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from prongsai.procurement.documents import summary_xlsx
from prongsai.thaidate import fiscal_year_of
from tests.procurement.summary_samples import MARCH_SUMMARY, unit
from tests.procurement.summary_world import World, needs_chromium, world
from tests.signin.verified import login_verified

FIXTURES = (world,)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _client(world: World, username: str) -> Client:
    return login_verified(Client(), world.person(username))


def _url(name: str, *args: Any, language: str = "th") -> str:
    with translation.override(language):
        return reverse(f"procurement_summaries:{name}", args=args)


def _text(response: Any) -> str:
    return " ".join(response.content.decode().split())


def test_the_fiscal_year_lists_twelve_months_with_figures_in_fixed_queries(
    world: World, django_assert_num_queries: Any
) -> None:
    client = _client(world, "editor_a")
    url = _url("year", "unit-a", 2569)
    client.get(url)  # warm the session
    with django_assert_num_queries(8):
        page = client.get(url)
    assert page.status_code == 200
    months = page.context["months"]
    assert [m.code for m in months][:3] == ["2025-10", "2025-11", "2025-12"]
    text = _text(page)
    assert "สรุปผลการจัดซื้อจัดจ้างรายเดือน: กองพัสดุ" in text
    assert "ปีงบประมาณ พ.ศ. 2569 · ปิดรอบเดือนแล้ว 2 จาก 12 เดือน" in text
    march = _url("month", "unit-a", "2026-03")
    assert (
        f'<th scope="row"><a href="{march}">มีนาคม 2569</a></th> <td class="num">3</td> '
        '<td class="num">347,500.50</td> <td class="num">106,900.25</td> '
        "<td>ปิดรอบเดือนแล้ว ข้อมูล ณ วันที่ 5 เมษายน 2569</td>"
    ) in text
    assert "<td>ไม่มีการจัดซื้อจัดจ้าง · ปิดรอบเดือนแล้ว ข้อมูล ณ วันที่ 2 มีนาคม 2569</td>" in text
    assert (
        '<a href="/th/workspace/procurement/summaries/unit-a/month/2026-04/">เมษายน 2569</a></th> '
        '<td class="num">1</td> <td class="num">4,815.00</td> <td class="num">4,815.00</td> '
        '<td><span class="tag">ยังไม่ปิดรอบเดือน</span></td>'
    ) in text
    assert (
        '<tfoot><tr> <th scope="row">รวมทั้งปีงบประมาณ</th> <td class="num">4</td> '
        '<td class="num">352,315.50</td> <td class="num">111,715.25</td>'
    ) in text
    assert '<a href="/th/workspace/procurement/summaries/unit-a/month/2026-03.pdf" download>PDF</a>' in text
    assert '<a href="/th/workspace/procurement/summaries/unit-a/month/2026-03.xlsx" download>XLSX</a>' in text
    assert f'href="{_url("reconciliation", "unit-a", 2569)}"' in text
    assert "<caption>เดือนในปีงบประมาณ เริ่มจากเดือนตุลาคม</caption>" in text


def test_the_fiscal_year_in_english(world: World) -> None:
    page = _client(world, "editor_a").get(_url("year", "unit-a", 2569, language="en"))
    text = _text(page)
    assert "Monthly procurement summaries: Supply Division" in text
    assert "Fiscal year 2026 · 2 of 12 months closed" in text
    assert ">March 2026</a></th>" in text
    assert "<td>No procurement · closed as of 2 March 2026</td>" in text


def test_a_months_summary_page_shows_the_form_in_fixed_queries(world: World, django_assert_num_queries: Any) -> None:
    client = _client(world, "editor_a")
    url = _url("month", "unit-a", "2026-03")
    client.get(url)
    with django_assert_num_queries(9):
        page = client.get(url)
    assert page.status_code == 200
    text = _text(page)
    assert "<h1>สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มีนาคม 2569</h1>" in text
    assert '<p class="lead">กองพัสดุ · ข้อมูล ณ วันที่ 5 เมษายน 2569</p>' in text
    assert '<caption class="sr">สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มีนาคม 2569</caption>' in text
    assert (
        '<th scope="col">ลำดับ</th><th scope="col">งานที่จัดซื้อจัดจ้าง</th><th scope="col">วงเงินที่จะซื้อหรือจ้าง</th>'
        '<th scope="col">ราคากลาง</th><th scope="col">วิธีซื้อหรือจ้าง</th>'
        '<th scope="col">รายชื่อผู้เสนอราคาและราคาที่เสนอ</th>'
        '<th scope="col">ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง</th><th scope="col">เหตุผลที่คัดเลือกโดยสรุป</th>'
        '<th scope="col">เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง</th>'
    ) in text
    assert (
        '<tr><td class="seq">2</td><td>จ้างซ่อมเครื่องปรับอากาศ</td><td class="num">12,500.50</td>'
        '<td class="num">12,000.00</td><td>คัดเลือก</td>'
        '<td class="lines">1. ร้าน ข / 11,900.25 บาท 2. ร้าน ค / 12,100.00 บาท</td>'
        "<td>ร้าน ข / 11,900.25 บาท</td><td>ราคาต่ำสุด</td><td>สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม 2569</td></tr>"
    ) in text
    assert "จัดซื้อกระดาษ" not in text  # unit B's record
    assert '<td colspan="2">รวม 3 รายการ</td><td class="num">347,500.50</td>' in text
    assert 'href="/th/workspace/procurement/summaries/unit-a/month/2026-03.pdf" download>PDF</a>' in text
    assert 'href="/th/workspace/procurement/summaries/unit-a/month/2026-02/" rel="prev"' in text
    assert 'href="/th/workspace/procurement/summaries/unit-a/month/2026-04/" rel="next"' in text


def test_the_empty_and_the_open_month_pages(world: World) -> None:
    client = _client(world, "editor_a")
    february = _text(client.get(_url("month", "unit-a", "2026-02")))
    assert (
        '<td class="empty" colspan="9">ไม่มีการจัดซื้อจัดจ้างในรอบเดือน กุมภาพันธ์ 2569 (ข้อมูล ณ วันที่ 2 มีนาคม 2569)</td>'
    ) in february
    april = _text(client.get(_url("month", "unit-a", "2026-04")))
    assert (
        '<p class="lead">กองพัสดุ · <span class="tag">ยังไม่ปิดรอบเดือน</span> ยังไม่ได้ปิดรอบเดือน รายการอาจยังไม่ครบถ้วน</p>'
    ) in april
    may = _text(client.get(_url("month", "unit-a", "2026-05", language="en")))
    assert '<td class="empty" colspan="9">No procurement recorded for the month yet.</td>' in may


def test_a_buddhist_era_month_address_goes_to_the_ce_one_and_a_bad_month_is_404(world: World) -> None:
    client = _client(world, "editor_a")
    response = client.get(_url("month", "unit-a", "2569-03"))
    assert response.status_code == 302
    assert response["Location"] == _url("month", "unit-a", "2026-03")
    for bad in ("2026-13", "march", "1800-01"):
        assert client.get(_url("month", "unit-a", bad)).status_code == 404, bad
    assert client.get(_url("month_xlsx", "unit-a", "2026-13")).status_code == 404
    assert client.get(_url("year", "unit-a", 2026)).status_code == 404  # a CE year is not a fiscal year here


def test_the_xlsx_download_is_the_months_summary_in_the_pages_language(world: World) -> None:
    client = _client(world, "editor_a")
    response = client.get(_url("month_xlsx", "unit-a", "2026-03"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E0%B8%AA%E0%B8%82%E0%B8%A31-unit-a-2026-03.xlsx"
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == summary_xlsx(MARCH_SUMMARY, organization=unit())
    english = client.get(_url("month_xlsx", "unit-a", "2026-03", language="en"))
    assert english["Content-Disposition"] == 'attachment; filename="procurement-summary-unit-a-2026-03.xlsx"'
    assert english.content == summary_xlsx(MARCH_SUMMARY, organization=unit(), language="en")


def test_the_pdf_download(world: World) -> None:
    needs_chromium()
    response = _client(world, "editor_a").get(_url("month_pdf", "unit-a", "2026-02"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_without_chromium_the_pdf_answers_503_in_thai_and_english(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("prongsai.rendering.pdf.chromium_path", lambda: None)
    response = _client(world, "editor_a").get(_url("month_pdf", "unit-a", "2026-03"))
    assert response.status_code == 503
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "เครื่องแม่ข่ายนี้ยังพิมพ์ไฟล์ PDF ไม่ได้ (ไม่มี Chromium) ดาวน์โหลดเป็น XLSX ได้ หรือแจ้งผู้ดูแลระบบ\n"
        "This server cannot print PDF files yet (Chromium is not installed).\n"
        "Download the XLSX, or tell the administrator.\n"
    )


def test_the_reconciliation_page_in_fixed_queries(world: World, django_assert_num_queries: Any) -> None:
    client = _client(world, "editor_a")
    url = _url("reconciliation", "unit-a", 2569)
    client.get(url)
    with django_assert_num_queries(9):
        page = client.get(url)
    assert page.status_code == 200
    text = _text(page)
    assert (
        '<tr><th scope="row">เฉพาะเจาะจง</th><td class="num">1</td><td class="num">100,000.00</td>'
        '<td class="num">2</td><td class="num">99,815.00</td><td class="num">99,815.00</td>'
        '<td class="num">185.00</td></tr>'
    ) in text
    assert (
        '<tr><th scope="row">ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)</th><td class="num">1</td>'
        '<td class="num">450,000.00</td><td class="num">1</td><td class="num">240,000.00</td>'
        '<td class="num">0.00</td><td class="num">210,000.00</td></tr>'
    ) in text
    assert (
        '<tr><th scope="row">จัดซื้อเครื่องคอมพิวเตอร์</th><td class="num">450,000.00</td>'
        "<td>ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)</td><td>มิถุนายน 2569</td></tr>"
    ) in text
    assert (
        '<tr><td><a href="/th/workspace/procurement/summaries/unit-a/month/2026-03/">มีนาคม 2569</a></td>'
        '<td class="num">3</td><th scope="row">จ้างเหมาทำความสะอาดอาคาร</th>'
    ) in text
    assert (
        '<th scope="row" colspan="4">รวม (2)</th><td class="num">244,815.00</td><td class="num">4,815.00</td>' in text
    )
    assert "หน่วยงานยังไม่มีแผนการจัดซื้อจัดจ้าง" not in text


def test_the_reconciliation_of_a_unit_without_a_plan(world: World) -> None:
    page = _client(world, "supervisor").get(_url("reconciliation", "unit-b", 2569, language="en"))
    text = _text(page)
    assert "The unit has no procurement plan for this fiscal year: every procurement is outside a plan." in text
    assert '<th scope="row">จัดซื้อกระดาษ</th>' in text


@pytest.mark.parametrize("username", ["editor_b", "outsider"])
def test_people_who_may_not_see_the_unit_get_404_everywhere(world: World, username: str) -> None:
    client = _client(world, username)
    for url in (
        _url("unit", "unit-a"),
        _url("year", "unit-a", 2569),
        _url("month", "unit-a", "2026-03"),
        _url("month_xlsx", "unit-a", "2026-03"),
        _url("month_pdf", "unit-a", "2026-03"),
        _url("reconciliation", "unit-a", 2569),
    ):
        assert client.get(url).status_code == 404, url


def test_a_supervisor_sees_the_units_under_the_department_and_nobody_sees_a_missing_one(world: World) -> None:
    client = _client(world, "supervisor")
    assert client.get(_url("year", "unit-a", 2569)).status_code == 200
    assert client.get(_url("month", "unit-b", "2026-03")).status_code == 200
    assert client.get(_url("year", "no-such-unit", 2569)).status_code == 404


def test_signing_in_first(world: World) -> None:
    response = Client().get(_url("year", "unit-a", 2569))
    assert response.status_code == 302
    assert response["Location"].startswith("/th/workspace/login/?next=")


def test_the_units_address_goes_to_its_current_fiscal_year(world: World) -> None:
    response = _client(world, "editor_a").get(_url("unit", "unit-a"))
    assert response.status_code == 302
    assert response["Location"] == _url("year", "unit-a", fiscal_year_of(timezone.localdate()))


def test_fiscal_years_link_to_their_neighbours(world: World) -> None:
    text = _text(_client(world, "editor_a").get(_url("year", "unit-a", 2569)))
    assert f'<a href="{_url("year", "unit-a", 2568)}" rel="prev">ปีงบประมาณ พ.ศ. 2568</a>' in text
    assert f'<a href="{_url("year", "unit-a", 2570)}" rel="next">ปีงบประมาณ พ.ศ. 2570</a>' in text
