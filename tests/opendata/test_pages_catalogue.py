"""The open data catalogue (/th/opendata/, /en/opendata/): listing, search, filters, paging, revalidation, queries."""

import re
from typing import Any

import pytest
from django.test import Client

from prongsai.opendata.catalogue import catalogue_sync

from .pages_world import LATER, add_units, listed_datasets, main_of, text_of
from .world import OpendataWorld, receive

THAI_TITLES = [
    ("ops-register", "ทะเบียนการเปิดเผยข้อมูล ทุกหน่วยงาน — สำนักงานปลัด"),
    ("ops-action-plans", "แผนปฏิบัติการประจำปี ทุกหน่วยงาน — สำนักงานปลัด"),
    ("ops-plan-progress", "ความก้าวหน้าการดำเนินงานตามแผนปฏิบัติการ ทุกหน่วยงาน — สำนักงานปลัด"),
    ("ops-procurement-plans", "แผนการจัดซื้อจัดจ้าง ทุกหน่วยงาน — สำนักงานปลัด"),
    ("ops-procurement-records", "ผลการจัดซื้อจัดจ้าง ทุกหน่วยงาน — สำนักงานปลัด"),
    ("ops-channel-statistics", "สถิติความคิดเห็นและเรื่องร้องเรียน ทุกหน่วยงาน — สำนักงานปลัด"),
    ("ops-monitor-scores", "ผลการตรวจเว็บไซต์รายรอบ ทุกหน่วยงาน — สำนักงานปลัด"),
    ("unit-0-register", "ทะเบียนการเปิดเผยข้อมูล — กองทดสอบที่ 0"),
    ("unit-0-action-plans", "แผนปฏิบัติการประจำปี — กองทดสอบที่ 0"),
    ("unit-0-plan-progress", "ความก้าวหน้าการดำเนินงานตามแผนปฏิบัติการ — กองทดสอบที่ 0"),
    ("unit-0-procurement-plans", "แผนการจัดซื้อจัดจ้าง — กองทดสอบที่ 0"),
    ("unit-0-procurement-records", "ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0"),
    ("unit-0-channel-statistics", "สถิติความคิดเห็นและเรื่องร้องเรียน — กองทดสอบที่ 0"),
    ("unit-0-monitor-scores", "ผลการตรวจเว็บไซต์รายรอบ — กองทดสอบที่ 0"),
    ("unit-1-register", "ทะเบียนการเปิดเผยข้อมูล — กองทดสอบที่ 1"),
    ("unit-1-channel-statistics", "สถิติความคิดเห็นและเรื่องร้องเรียน — กองทดสอบที่ 1"),
]
ORDER = [name for name, _title in THAI_TITLES]
PROCUREMENT = [
    "ops-procurement-plans",
    "ops-procurement-records",
    "unit-0-procurement-plans",
    "unit-0-procurement-records",
]


def names(response: Any) -> list[str]:
    """The dataset names a catalogue page lists, in order (from the links to their pages)."""
    return [
        re.fullmatch(r"/(?:th|en)/opendata/([a-z0-9-]+)/", href).group(1) for href, _title in listed_datasets(response)
    ]


def notices(response: Any) -> list[str]:
    return [
        text_of(notice) for notice in re.findall(r'<p class="notice" role="status">(.*?)</p>', main_of(response), re.S)
    ]


def result_count(response: Any) -> str:
    found = re.search(r'<p class="result-count" role="status">(.*?)</p>', main_of(response), re.S)
    return text_of(found.group(1)) if found else ""


def selected(response: Any, select_id: str) -> str:
    """The value of the selected option of a filter ("" for the first, "every", option)."""
    found = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', main_of(response), re.S)
    assert found is not None
    chosen = re.findall(r'<option value="([^"]*)" selected>', found.group(1))
    return chosen[0] if chosen else ""


def test_thai_catalogue_lists_datasets_in_portal_order_with_publisher_formats_and_date(world: OpendataWorld) -> None:
    response = Client().get("/th/opendata/")

    assert response.status_code == 200
    assert listed_datasets(response) == [(f"/th/opendata/{name}/", title) for name, title in THAI_TITLES]
    assert result_count(response) == "ชุดข้อมูลที่ 1–16 จากทั้งหมด 16 ชุด"
    cards = re.findall(r'<li class="dataset">(.*?)</li>\s*(?=<li class="dataset">|</ul>)', main_of(response), re.S)
    assert len(cards) == 16
    first = text_of(cards[0])
    assert first == (
        "ทะเบียนการเปิดเผยข้อมูล ทุกหน่วยงาน — สำนักงานปลัด สำนักงานปลัด "
        "รายการข้อมูลที่ต้องเปิดเผยตามมาตรการทุกข้อ ข้อใดเผยแพร่แล้ว ฉบับใด เผยแพร่เมื่อใด และข้อมูล ณ วันที่ใด "
        "รูปแบบไฟล์: CSV JSON XLSX ปรับปรุงล่าสุด 11 เมษายน 2569"
    )
    # Procurement results also download as OCDS; a description longer than 200 characters is cut with an ellipsis.
    procurement = text_of(cards[ORDER.index("unit-0-procurement-records")])
    assert "รูปแบบไฟล์: CSV JSON XLSX OCDS ปรับปรุงล่าสุด 11 เมษายน 2569" in procurement
    assert text_of(cards[14]).startswith("ทะเบียนการเปิดเผยข้อมูล — กองทดสอบที่ 1 กองทดสอบที่ 1 ")
    # The introduction: what open data is here, and the licence from the settings.
    intro = main_of(response)
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">Creative Commons Attribution 4.0</a>'
        in intro
    )
    assert "ทุกชุดข้อมูลเผยแพร่ภายใต้สัญญาอนุญาต Creative Commons Attribution 4.0" in text_of(intro)
    assert '<a href="/th/developers/">คู่มือสำหรับนักพัฒนา</a>' in intro
    # No filter applied: no "clear" link, no pager (one page).
    assert "ล้างคำค้นและตัวกรอง" not in text_of(intro)
    assert 'class="pager"' not in intro


def test_english_catalogue_is_complete(world: OpendataWorld) -> None:
    response = Client().get("/en/opendata/")

    titles = [title for _href, title in listed_datasets(response)]
    assert titles[:2] == ["Disclosure register, all units — OPS", "Annual action plans, all units — OPS"]
    assert titles[11] == "Procurement results — Test division 0"
    assert titles[15] == "Opinion and complaint statistics — Test division 1"
    assert [href for href, _title in listed_datasets(response)] == [f"/en/opendata/{name}/" for name in ORDER]
    assert result_count(response) == "Datasets 1–16 of 16."
    page = text_of(main_of(response))
    assert "Every dataset is published under the licence Creative Commons Attribution 4.0." in page
    assert "Formats: CSV JSON XLSX Last modified 11 April 2026" in page
    assert "Open data is information published so that anyone may use it free of charge" in page
    # Nothing Thai is left in the interface: only the Thai example in the search hint and Thai names of data.
    interface = re.sub(r'<ul class="datasets">.*?</ul>', "", main_of(response), flags=re.S)
    assert re.findall(r"[\u0e00-\u0e7f]+", text_of(interface)) == ["จัดซื้อ"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Thai has no spaces: part of a word finds the titles that contain it.
        ({"q": "จัดซื้อ"}, PROCUREMENT),
        # Folded: upper case, Thai digits and an invisible zero-width space inside the word match all the same.
        ({"q": "PROCUREMENT"}, PROCUREMENT),
        ({"q": "ข้อ ๕.๑.๗"}, PROCUREMENT),
        ({"q": "จัด\u200bซื้อ"}, PROCUREMENT),
        ({"q": "สขร.1"}, ["ops-procurement-records", "unit-0-procurement-records"]),
        ({"q": "unit-1"}, ["unit-1-register", "unit-1-channel-statistics"]),
        ({"q": "  "}, ORDER),
        ({"organization": "unit-0"}, ORDER[7:14]),
        ({"organization": "UNIT-0"}, ORDER[7:14]),
        ({"group": "procurement"}, PROCUREMENT),
        (
            {"group": "participation"},
            ["ops-channel-statistics", "unit-0-channel-statistics", "unit-1-channel-statistics"],
        ),
        ({"format": "OCDS"}, ["ops-procurement-records", "unit-0-procurement-records"]),
        ({"format": "csv"}, ORDER),
        ({"organization": "unit-0", "group": "procurement", "format": "OCDS"}, ["unit-0-procurement-records"]),
        ({"q": "ร้องเรียน", "organization": "unit-1"}, ["unit-1-channel-statistics"]),
        # LIKE's wildcards are plain characters.
        ({"q": "%"}, []),
        ({"q": "_"}, []),
    ],
)
def test_search_and_filters_choose_the_datasets(
    world: OpendataWorld, query: dict[str, str], expected: list[str]
) -> None:
    response = Client().get("/th/opendata/", query)

    assert response.status_code == 200
    assert names(response) == expected
    assert notices(response) == ([] if expected else ["ไม่พบชุดข้อมูลที่ตรงกัน ลองใช้คำที่สั้นลง ใช้อีกภาษาหนึ่ง หรือลดตัวกรอง"])
    assert result_count(response) == (f"ชุดข้อมูลที่ 1–{len(expected)} จากทั้งหมด {len(expected)} ชุด" if expected else "")


def test_the_form_shows_what_was_applied_and_offers_organizations_in_thai_order(world: OpendataWorld) -> None:
    add_units(world)
    response = Client().get(
        "/th/opendata/", {"q": "ร้องเรียน", "organization": "unit-1", "group": "participation", "format": "CSV"}
    )

    html = main_of(response)
    assert '<input id="catalogue-q" name="q" type="search" maxlength="200" value="ร้องเรียน"' in html
    assert (selected(response, "catalogue-organization"), selected(response, "catalogue-group")) == (
        "unit-1",
        "participation",
    )
    assert selected(response, "catalogue-format") == "CSV"
    organizations = re.search(r'<select id="catalogue-organization"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert [
        (value, text_of(label))
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', organizations)
    ] == [
        ("", "ทุกหน่วยงาน"),
        ("ops", "สำนักงานปลัด"),
        ("legal", "กองกฎหมาย"),
        ("unit-0", "กองทดสอบที่ 0"),
        ("unit-1", "กองทดสอบที่ 1"),
        ("publicity", "กองเผยแพร่"),
        ("ict", "ศูนย์เทคโนโลยีสารสนเทศ"),
    ]
    groups = re.search(r'<select id="catalogue-group"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert [text_of(label) for label in re.findall(r"<option[^>]*>(.*?)</option>", groups)] == [
        "ทุกหมวดหมู่",
        "การเปิดเผยข้อมูลต่อสาธารณะ",
        "แผนและผลการดำเนินงาน",
        "การจัดซื้อจัดจ้าง",
        "การมีส่วนร่วมของประชาชน",
        "การตรวจติดตามเว็บไซต์",
    ]
    formats = re.search(r'<select id="catalogue-format"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert re.findall(r'<option value="([^"]*)"', formats) == ["", "CSV", "JSON", "XLSX", "OCDS"]
    assert '<a href="/th/opendata/">ล้างคำค้นและตัวกรอง</a>' in html


def test_input_that_names_nothing_is_explained_and_left_out(world: OpendataWorld) -> None:
    thai = Client().get(
        "/th/opendata/", {"q": "ก" * 201, "organization": "no-such-unit", "group": "sports", "format": "PDF"}
    )
    english = Client().get("/en/opendata/", {"organization": "x" * 5000, "group": "\x00", "format": "ocds\u202e"})

    assert thai.status_code == english.status_code == 200
    assert names(thai) == ORDER
    assert notices(thai) == [
        "ข้อความค้นหายาวเกินไป (ไม่เกิน 200 ตัวอักษร) จึงแสดงทุกชุดข้อมูล",
        "หน่วยงานที่ระบุไม่มีชุดข้อมูลเผยแพร่ที่นี่ จึงแสดงชุดข้อมูลของทุกหน่วยงาน",
        "ไม่มีหมวดหมู่นี้ จึงแสดงชุดข้อมูลทุกหมวดหมู่",
        "ไม่มีรูปแบบไฟล์นี้ จึงแสดงชุดข้อมูลทุกรูปแบบ",
    ]
    assert '<input id="catalogue-q" name="q" type="search" maxlength="200" value=""' in main_of(thai)
    assert selected(thai, "catalogue-organization") == ""
    assert names(english) == ORDER
    assert notices(english) == [
        "The organization asked for publishes no dataset here, so every organization's are shown.",
        "There is no such theme, so datasets of every theme are shown.",
        "There is no such format, so datasets in every format are shown.",
    ]
    # A NUL byte in the search text is dropped, not sent to the database.
    assert names(Client().get("/th/opendata/", {"q": "สขร\x00.1"})) == [
        "ops-procurement-records",
        "unit-0-procurement-records",
    ]


def test_pages_of_twenty_keep_the_filters_in_their_links(world: OpendataWorld) -> None:
    add_units(world)
    later = [*ORDER[:7], "legal-register", "legal-channel-statistics", *ORDER[7:]]
    later += ["publicity-register", "publicity-channel-statistics", "ict-register", "ict-channel-statistics"]

    first = Client().get("/th/opendata/", {"format": "CSV"})
    second = Client().get("/th/opendata/", {"format": "CSV", "page": "2"})

    assert names(first) == later[:20]
    assert names(second) == later[20:]
    assert result_count(first) == "ชุดข้อมูลที่ 1–20 จากทั้งหมด 22 ชุด"
    assert result_count(second) == "ชุดข้อมูลที่ 21–22 จากทั้งหมด 22 ชุด"
    pager = re.search(r'<nav class="pager"[^>]*>(.*?)</nav>', main_of(first), re.S).group(1)
    assert text_of(pager) == "หน้า 1 จาก 2 หน้าถัดไป"
    assert re.findall(r'<a rel="(\w+)" href="([^"]+)"', pager) == [("next", "?format=CSV&amp;page=2")]
    pager = re.search(r'<nav class="pager"[^>]*>(.*?)</nav>', main_of(second), re.S).group(1)
    assert re.findall(r'<a rel="(\w+)" href="([^"]+)"', pager) == [("prev", "?format=CSV&amp;page=1")]
    # A refused filter is not carried into the pager's links.
    refused = Client().get("/en/opendata/", {"group": "sports"})
    pager = re.search(r'<nav class="pager"[^>]*>(.*?)</nav>', main_of(refused), re.S).group(1)
    assert re.findall(r'<a rel="(\w+)" href="([^"]+)"', pager) == [("next", "?page=2")]
    assert text_of(pager) == "Page 1 of 2 Next page"
    # Page numbers that are not numbers give the first page; past the end, the last.
    assert names(Client().get("/th/opendata/", {"page": "abc"})) == later[:20]
    assert names(Client().get("/th/opendata/", {"page": "9" * 5000})) == later[:20]
    assert names(Client().get("/th/opendata/", {"page": "99"})) == later[20:]
    # The new units' datasets and the department-wide ones they changed carry the later date.
    assert "ทะเบียนการเปิดเผยข้อมูล — กองกฎหมาย กองกฎหมาย" in text_of(main_of(first))
    assert "CSV JSON XLSX ปรับปรุงล่าสุด 1 พฤษภาคม 2569" in text_of(main_of(second))


def test_an_empty_catalogue_says_so(db: Any) -> None:
    response = Client().get("/th/opendata/")

    assert response.status_code == 200
    assert listed_datasets(response) == []
    assert "ยังไม่มีชุดข้อมูลที่เผยแพร่" in text_of(main_of(response))


@pytest.mark.parametrize("extra_units", [0, 12])
def test_the_catalogue_costs_the_same_queries_whatever_its_size(
    world: OpendataWorld, extra_units: int, django_assert_num_queries: Any
) -> None:
    if extra_units:
        add_units(world, [(f"extra-{index}", f"กองเพิ่มที่ {index}", f"Extra {index}") for index in range(extra_units)])
    client = Client()
    # The catalogue's state (ETag); the organizations with datasets; the matching ids; the page's rows; their websites.
    with django_assert_num_queries(5):
        response = client.get("/th/opendata/")
    assert len(listed_datasets(response)) == (16 if not extra_units else 20)
    with django_assert_num_queries(5):
        registers = client.get("/en/opendata/", {"q": "ทะเบียน", "organization": "ops"})
    assert names(registers) == ["ops-register"]


def test_a_browser_revalidates_and_the_catalogue_changing_changes_the_page(
    world: OpendataWorld, django_assert_num_queries: Any
) -> None:
    client = Client()
    first = client.get("/th/opendata/")
    assert first["Cache-Control"] == "public, no-cache"
    assert first.cookies == {}
    assert "Cookie" not in first.get("Vary", "")

    with django_assert_num_queries(1):  # the catalogue's state only
        unchanged = client.get("/th/opendata/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304
    assert client.get("/en/opendata/")["ETag"] != first["ETag"]

    receive(world.quiet, tracking_code="TEST-0009", received=LATER)
    catalogue_sync(now=LATER)

    changed = client.get("/th/opendata/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    card = re.search(
        r'<li class="dataset">\s*<h2><a href="/th/opendata/unit-1-channel-statistics/">.*?</li>', main_of(changed), re.S
    )
    assert text_of(card.group(0)).endswith("ปรับปรุงล่าสุด 1 พฤษภาคม 2569")


def test_only_get_and_head_are_answered(world: OpendataWorld) -> None:
    assert Client().head("/th/opendata/").status_code == 200
    assert Client().post("/th/opendata/", {"q": "x"}).status_code == 405


def test_moving_a_unit_in_the_list_changes_the_page_without_a_dataset_changing(world: OpendataWorld) -> None:
    from prongsai.organizations.services import organization_update

    client = Client()
    first = client.get("/th/opendata/")

    organization_update(actor=None, organization=world.published, sort_order=5)  # unit-0 after unit-1 now

    moved = client.get("/th/opendata/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert moved.status_code == 200
    assert names(moved) == ORDER[:7] + ORDER[14:] + ORDER[7:14]
