"""One dataset's page (/th/opendata/<name>/): facts, GD-Catalog metadata, downloads, columns, links, 404, queries."""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import resolve

from prongsai.opendata import tables
from prongsai.opendata.entities import dataset_uuid
from prongsai.opendata.kinds import DatasetKind

from .pages_world import definitions, links_of, main_of, section_of, text_of
from .world import OpendataWorld


def facts(response: Any) -> list[tuple[str, str]]:
    return definitions(main_of(response))


def test_thai_page_of_unit_procurement_results(world: OpendataWorld) -> None:
    response = Client().get("/th/opendata/unit-0-procurement-records/")

    assert response.status_code == 200
    html = main_of(response)
    assert text_of(re.search(r"<h1>(.*?)</h1>", html).group(1)) == "ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0"
    assert text_of(re.search(r'<p class="lead">(.*?)</p>', html, re.S).group(1)) == (
        "ผลการจัดซื้อจัดจ้างทุกรายการตามแบบ สขร.1: วงเงิน ราคากลาง วิธีการ ผู้เสนอราคา ผู้ได้รับการคัดเลือก "
        "ราคาที่ตกลง เหตุผล และสัญญา (ข้อ 5.1.7.2) รวมทั้งในรูปแบบ OCDS"
    )
    assert facts(response) == [
        ("หน่วยงานที่เผยแพร่", "กองทดสอบที่ 0"),
        ("หมวดหมู่", "การจัดซื้อจัดจ้าง"),
        ("คำสำคัญ", "จัดซื้อจัดจ้าง, สขร.1, procurement, OCDS"),
        ("สัญญาอนุญาต", "Creative Commons Attribution 4.0"),
        ("ปรับปรุงล่าสุด", "11 เมษายน 2569"),
        ("อยู่ในบัญชีข้อมูลตั้งแต่", "11 เมษายน 2569"),
        ("ปีงบประมาณที่ครอบคลุม (พ.ศ.)", "2569"),
        # From the first month with records to the end of fiscal year 2569.
        ("ช่วงเวลาของข้อมูล", "1 พฤศจิกายน 2568 – 30 กันยายน 2569"),
        ("ความถี่ในการปรับปรุงข้อมูล", "รายเดือน"),
        ("จำนวนแถว", "3"),
    ]
    facts_html = re.search(r'<dl class="facts dataset-facts">.*?</dl>', html, re.S).group(0)
    assert links_of(facts_html) == [
        ("/th/units/unit-0/", "กองทดสอบที่ 0"),
        ("/th/opendata/?group=procurement", "การจัดซื้อจัดจ้าง"),
        ("https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0"),
    ]
    assert definitions(section_of(response, "gd-catalog")) == [
        ("ประเภทชุดข้อมูล", "ข้อมูลระเบียน"),
        ("วัตถุประสงค์", "พันธกิจหน่วยงาน"),
        ("ความถี่ในการปรับปรุงข้อมูล", "รายเดือน"),
        ("ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่", "ประเทศ"),
        ("แหล่งที่มา", "กองทดสอบที่ 0"),
        ("รูปแบบไฟล์", "CSV, JSON, XLSX, OCDS"),
        ("หมวดหมู่ข้อมูลตามธรรมาภิบาลข้อมูลภาครัฐ", "ข้อมูลสาธารณะ"),
        ("ระดับชั้นข้อมูล", "เปิดเผย"),
        ("ภาษาที่ใช้", "ไทย"),
    ]
    downloads = links_of(section_of(response, "downloads"))
    assert downloads == [
        ("/opendata/datasets/unit-0-procurement-records.csv", "ดาวน์โหลด CSV"),
        ("/opendata/datasets/unit-0-procurement-records.json", "ดาวน์โหลด JSON"),
        ("/opendata/datasets/unit-0-procurement-records.xlsx", "ดาวน์โหลด XLSX"),
        ("/opendata/ocds/unit-0.json", "แพ็กเกจ OCDS ทุกรายการ"),
        ("/opendata/ocds/unit-0/2025-11.json", "แพ็กเกจ OCDS เดือนพฤศจิกายน 2568"),
        ("/opendata/ocds/unit-0/2026-01.json", "แพ็กเกจ OCDS เดือนมกราคม 2569"),
        ("/opendata/ocds/unit-0/2026-03.json", "แพ็กเกจ OCDS เดือนมีนาคม 2569"),
    ]
    # Each download is an address of the machine views (their answers are the downloads' and OCDS work's tests).
    assert [(resolve(href).view_name, resolve(href).kwargs) for href, _text in downloads] == [
        ("opendata:table_csv", {"name": "unit-0-procurement-records", "file_format": "CSV"}),
        ("opendata:table_json", {"name": "unit-0-procurement-records", "file_format": "JSON"}),
        ("opendata:table_xlsx", {"name": "unit-0-procurement-records", "file_format": "XLSX"}),
        ("opendata:ocds_all", {"slug": "unit-0"}),
        ("opendata:ocds_month", {"slug": "unit-0", "month": "2025-11"}),
        ("opendata:ocds_month", {"slug": "unit-0", "month": "2026-01"}),
        ("opendata:ocds_month", {"slug": "unit-0", "month": "2026-03"}),
    ]
    assert re.findall(r'<a href="/opendata/[^"]+" type="([^"]+)"', html) == [
        "text/csv",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/json",
        "application/json",
        "application/json",
        "application/json",
    ]
    machines = section_of(response, "machines")
    package_show = "http://testserver/api/3/action/package_show?id=unit-0-procurement-records"
    assert links_of(machines) == [
        (package_show, package_show),
        ("http://testserver/catalog.ttl", "Turtle"),
        ("http://testserver/catalog.jsonld", "JSON-LD"),
        ("/th/developers/", "วิธีใช้ API: คู่มือสำหรับนักพัฒนา"),
        ("/th/opendata/?organization=unit-0", "ชุดข้อมูลทั้งหมดของกองทดสอบที่ 0"),
    ]
    assert f"รหัสชุดข้อมูล: {dataset_uuid(world.published.pk, DatasetKind.PROCUREMENT_RECORDS)}" in text_of(machines)
    assert resolve("/api/3/action/package_show").view_name == "opendata:action"
    # The columns of the downloads, in their order, described in Thai.
    columns = re.findall(
        r'<tr><th scope="row"><code>(.*?)</code></th><td>(.*?)</td></tr>', section_of(response, "columns")
    )
    assert len(columns) == 27
    assert columns[:4] == [
        ("unit", "รหัสหน่วยงาน (slug ที่ใช้ในที่อยู่ของพอร์ทัล)"),
        ("unit_name_th", "ชื่อหน่วยงานภาษาไทย"),
        ("unit_name_en", "ชื่อหน่วยงานภาษาอังกฤษ"),
        ("fiscal_year", "ปีงบประมาณ (พ.ศ.)"),
    ]
    crumbs = re.search(r'<nav class="crumbs".*?</nav>', response.content.decode(), re.S).group(0)
    assert links_of(crumbs) == [("/th/", "หน้าแรก"), ("/th/opendata/", "ข้อมูลเปิด")]
    assert 'aria-current="page">ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0</span>' in crumbs


def test_english_page_of_unit_procurement_results(world: OpendataWorld) -> None:
    response = Client().get("/en/opendata/unit-0-procurement-records/")

    assert text_of(re.search(r"<h1>(.*?)</h1>", main_of(response)).group(1)) == "Procurement results — Test division 0"
    assert facts(response) == [
        ("Publisher", "Test division 0"),
        ("Theme", "Procurement"),
        ("Keywords", "จัดซื้อจัดจ้าง, สขร.1, procurement, OCDS"),
        ("Licence", "Creative Commons Attribution 4.0"),
        ("Last modified", "11 April 2026"),
        ("In the catalogue since", "11 April 2026"),
        ("Fiscal years covered (B.E.)", "2569"),
        ("Period covered", "1 November 2025 – 30 September 2026"),
        ("Update frequency", "Monthly"),
        ("Rows", "3"),
    ]
    assert definitions(section_of(response, "gd-catalog")) == [
        ("Data type", "Records"),
        ("Objective", "The agency's mission"),
        ("Update frequency", "Monthly"),
        ("Geographic coverage", "Country"),
        ("Data source", "Test division 0"),
        ("Formats", "CSV, JSON, XLSX, OCDS"),
        ("Data category", "Public data"),
        ("Classification", "Open"),
        ("Language", "Thai"),
    ]
    assert [text for _href, text in links_of(section_of(response, "downloads"))] == [
        "Download CSV",
        "Download JSON",
        "Download XLSX",
        "OCDS package of every record",
        "OCDS package of November 2025",
        "OCDS package of January 2026",
        "OCDS package of March 2026",
    ]
    assert links_of(section_of(response, "machines"))[3:] == [
        ("/en/developers/", "How to use the API: the guide for developers"),
        ("/en/opendata/?organization=unit-0", "Every dataset of Test division 0"),
    ]
    assert links_of(definitions_html(response))[0] == ("/en/units/unit-0/", "Test division 0")


def definitions_html(response: Any) -> str:
    return re.search(r'<dl class="facts dataset-facts">.*?</dl>', main_of(response), re.S).group(0)


def test_department_wide_and_register_pages(world: OpendataWorld) -> None:
    scores = Client().get("/th/opendata/ops-monitor-scores/")
    assert facts(scores)[0] == ("หน่วยงานที่เผยแพร่", "สำนักงานปลัด · รวมข้อมูลของทุกหน่วยงานในสังกัด")
    assert ("ความถี่ในการปรับปรุงข้อมูล", "ทุกครึ่งปี") in facts(scores)
    assert definitions(section_of(scores, "gd-catalog"))[0] == ("ประเภทชุดข้อมูล", "ข้อมูลสถิติ")
    assert links_of(definitions_html(scores))[0] == ("/th/units/ops/", "สำนักงานปลัด")

    procurement = Client().get("/th/opendata/ops-procurement-records/")
    assert [href for href, _text in links_of(section_of(procurement, "downloads"))][3:] == [
        "/opendata/ocds/ops.json",
        "/opendata/ocds/ops/2025-11.json",
        "/opendata/ocds/ops/2026-01.json",
        "/opendata/ocds/ops/2026-03.json",
    ]

    register = Client().get("/en/opendata/unit-1-register/")
    # The register covers no fiscal year or period: those rows are left out, not shown empty.
    assert [term for term, _value in facts(register)] == [
        "Publisher",
        "Theme",
        "Keywords",
        "Licence",
        "Last modified",
        "In the catalogue since",
        "Update frequency",
        "Rows",
    ]
    assert ("Update frequency", "Daily") in facts(register)
    assert ("Rows", "18") in facts(register)
    assert links_of(section_of(register, "downloads")) == [
        ("/opendata/datasets/unit-1-register.csv", "Download CSV"),
        ("/opendata/datasets/unit-1-register.json", "Download JSON"),
        ("/opendata/datasets/unit-1-register.xlsx", "Download XLSX"),
    ]
    assert "OCDS" not in text_of(section_of(register, "downloads"))
    assert ("Formats", "CSV, JSON, XLSX") in definitions(section_of(register, "gd-catalog"))


def test_the_columns_table_shows_what_the_downloads_describe(world: OpendataWorld, monkeypatch: Any) -> None:
    described = {
        DatasetKind.REGISTER: [
            ("unit", "หน่วยงาน (ชื่อย่อ)", "The unit's short name"),
            ("item_code", "รหัสรายการ", "The item's code"),
        ]
    }
    monkeypatch.setattr(tables, "column_descriptions", lambda kind: described.get(kind, []))

    thai = section_of(Client().get("/th/opendata/unit-1-register/"), "columns")
    english = section_of(Client().get("/en/opendata/unit-1-register/"), "columns")

    rows = re.findall(r'<tr><th scope="row"><code>(.*?)</code></th><td>(.*?)</td></tr>', thai)
    assert rows == [("unit", "หน่วยงาน (ชื่อย่อ)"), ("item_code", "รหัสรายการ")]
    assert text_of(re.search(r"<caption>(.*?)</caption>", thai).group(1)) == "คอลัมน์ของไฟล์ CSV, JSON และ XLSX ตามลำดับ"
    rows = re.findall(r'<tr><th scope="row"><code>(.*?)</code></th><td>(.*?)</td></tr>', english)
    assert [(name, text_of(value)) for name, value in rows] == [
        ("unit", "The unit's short name"),
        ("item_code", "The item's code"),
    ]
    assert 'aria-labelledby="columns"' not in main_of(Client().get("/th/opendata/unit-1-channel-statistics/"))


@pytest.mark.parametrize(
    "address",
    [
        "/th/opendata/no-such-dataset/",
        "/th/opendata/UNIT-0-REGISTER/",  # names are lower case; one address per dataset
        "/th/opendata/" + "a" * 5000 + "/",
    ],
)
def test_an_unknown_dataset_is_the_portals_not_found_page(world: OpendataWorld, address: str) -> None:
    response = Client().get(address)

    assert response.status_code == 404
    assert "ไม่มีชุดข้อมูลที่ที่อยู่นี้ในบัญชีข้อมูลเปิด" in text_of(main_of(response))
    assert 'class="site-search"' in response.content.decode()


def test_an_unknown_dataset_in_english(world: OpendataWorld) -> None:
    response = Client().get("/en/opendata/unit-0-nothing/")

    assert response.status_code == 404
    assert "There is no dataset at this address in the open data catalogue." in text_of(main_of(response))
    # The API takes a dataset's id as well as its name; a page has one address, its name.
    by_id = Client().get(f"/en/opendata/{dataset_uuid(world.published.pk, DatasetKind.REGISTER)}/")
    assert by_id.status_code == 404


def test_a_dataset_page_costs_three_queries_and_revalidates(
    world: OpendataWorld, django_assert_num_queries: Any
) -> None:
    client = Client()
    # The catalogue's state (ETag); the dataset with its organization and parent; the organization's websites.
    with django_assert_num_queries(3):
        first = client.get("/th/opendata/ops-procurement-records/")
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, no-cache"
    with django_assert_num_queries(1):
        assert client.get("/th/opendata/ops-procurement-records/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
