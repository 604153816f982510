"""Portal search: Thai substrings, published text only, ranking, snippets, languages, refresh on approval, paging."""

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.publication.models import SearchDocument
from prongsai.publication.search_index import search_documents_rebuild
from prongsai.publication.selectors import search_documents_find
from prongsai.thaitext import thai_sort_key

from .conftest import ORDER, Portal

PROCUREMENT = "<p>ประกาศผลการจัดซื้อจัดจ้างครุภัณฑ์คอมพิวเตอร์แม่ข่ายประจำปีงบประมาณ พ.ศ. 2569</p>"


def found(query: str, language: str = "th", page: int = 1) -> list[tuple[str, str, str | None]]:
    """Return (kind, unit slug, item code) of each hit on the page."""
    results = search_documents_find(query=query, language=language, page=page)
    return [
        (hit.document.kind, hit.document.organization.slug, hit.document.item.code if hit.document.item else None)
        for hit in results.hits
    ]


def test_a_substring_inside_a_thai_word_is_found_and_drafts_are_not(portal: Portal) -> None:
    portal.publish("fiscal", "5.1.2", body_th=PROCUREMENT)
    portal.draft("legal", "5.1.2", body_th="<p>ร่างประกาศลับเฉพาะของกองกฎหมาย</p>")
    portal.draft("ict", "5.1.2", body_th="<p>ร่างที่ส่งตรวจแล้วเรื่องเครือข่ายเฉพาะกิจ</p>", submit=True)

    assert found("คอมพิวเตอร์แม่") == [("content", "fiscal", "5.1.2")]
    assert found("พิวเตอร์แม่ข่า") == [("content", "fiscal", "5.1.2")]  # starts and ends mid-word
    assert ("content", "fiscal", "5.1.2") in found("จัดซื้อ")
    assert found("ประกาศลับ") == []  # a draft
    assert found("เครือข่ายเฉพาะกิจ") == []  # submitted, awaiting review


def test_the_sara_am_typed_two_ways_matches(portal: Portal) -> None:
    portal.publish("fiscal", "5.1.2", body_th="<p>งานสัมมนาช่วงค่ำ</p>")
    decomposed = "ช่วงค\u0e48\u0e4d\u0e32"  # nikhahit + sara aa, as copied out of PDFs

    assert found(decomposed) == [("content", "fiscal", "5.1.2")]


def test_names_rank_before_bodies_then_units_in_thai_dictionary_order(portal: Portal) -> None:
    portal.publish("ict", "5.1.2", body_th="<p>อบรมกฎหมายคุ้มครองข้อมูลส่วนบุคคล</p>")
    portal.publish("fiscal", "5.1.8", body_th="<p>คู่มือตามกฎหมายการเงินการคลัง</p>")

    expected: list[tuple[str, str, str | None]] = [("unit", "legal", None)]  # กองกฎหมาย: a unit-name match
    expected += [("item", slug, "5.1.1.6") for slug in ORDER]  # กฎหมายที่เกี่ยวข้อง in every unit, in portal order
    expected += [("content", "fiscal", "5.1.8"), ("content", "ict", "5.1.2")]  # กองบริหารการคลัง before ศูนย์…
    assert found("กฎหมาย") == expected


def test_thai_sort_key_follows_dictionary_order() -> None:
    names = ["ไก่", "เกิด", "กาล", "เป็ด", "หมู", "วัว", "วันที่"]

    assert sorted(names, key=thai_sort_key) == ["กาล", "เกิด", "ไก่", "เป็ด", "วันที่", "วัว", "หมู"]


def test_a_new_approval_replaces_the_old_text_in_the_index(portal: Portal) -> None:
    portal.publish("legal", "5.1.1.3", body_th="<p>อำนาจหน้าที่ฉบับเดิมว่าด้วยนิติกร</p>")
    assert found("ฉบับเดิม") == [("content", "legal", "5.1.1.3")]

    portal.draft("legal", "5.1.1.3", body_th="<p>อำนาจหน้าที่ฉบับปรับปรุงใหม่</p>", submit=True)
    assert found("ฉบับปรับปรุง") == []  # awaiting review: the old text is still the public one
    assert found("ฉบับเดิม") == [("content", "legal", "5.1.1.3")]

    version = portal.entry("legal", "5.1.1.3").open_version
    from prongsai.disclosures.services import version_approve

    from .conftest import ALL_PASS, NOW

    version_approve(actor=portal.reviewer, version=version, verdicts=ALL_PASS, now=NOW, notify=False)
    assert found("ฉบับปรับปรุง") == [("content", "legal", "5.1.1.3")]
    assert found("ฉบับเดิม") == []


def test_an_approval_rewrites_only_its_items_rows(portal: Portal) -> None:
    portal.publish("legal", "5.1.1.3", body_th="<p>อำนาจหน้าที่</p>")
    others = set(SearchDocument.objects.exclude(item__code="5.1.1.3").values_list("pk", flat=True))

    portal.publish("legal", "5.1.1.3", body_th="<p>อำนาจหน้าที่ฉบับใหม่</p>")

    assert set(SearchDocument.objects.exclude(item__code="5.1.1.3").values_list("pk", flat=True)) == others
    assert found("ฉบับใหม่") == [("content", "legal", "5.1.1.3")]


def test_rebuild_writes_the_same_rows_as_the_refreshes(portal: Portal) -> None:
    portal.publish("fiscal", "5.1.2", body_th=PROCUREMENT, body_en="<p>Server procurement notice</p>")
    columns = ("organization__slug", "item__code", "language", "kind", "rank", "position", "title", "text", "folded")
    before = sorted(SearchDocument.objects.values_list(*columns), key=repr)

    count = search_documents_rebuild()

    assert count == len(before) == 4 * 2 * (1 + 18) + 2  # unit and item rows in two languages, plus one body
    assert sorted(SearchDocument.objects.values_list(*columns), key=repr) == before


def test_renaming_a_unit_updates_its_rows(portal: Portal) -> None:
    from prongsai.organizations.services import organization_update

    root = type(portal.editor).objects.create_superuser("root", password="pw-for-tests-only")
    organization_update(actor=root, organization=portal.units["ict"], name_th="ศูนย์สารสนเทศการคลัง")

    assert found("ศูนย์สารสนเทศการ") == [("unit", "ict", None)]
    assert found("เทคโนโลยีสารสนเทศ") == []


def test_the_page_shows_escaped_snippets_with_the_match_marked(portal: Portal, client: Client) -> None:
    portal.publish("fiscal", "5.1.2", body_th="<p>ราคากลาง &lt;script&gt;alert(1)&lt;/script&gt; ของงานจ้างเหมา</p>")

    response = client.get("/th/search/", {"q": "ALERT"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "ราคากลาง &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; ของงานจ้างเหมา" in html
    assert "<script>" not in html
    assert 'href="/th/units/fiscal/items/5.1.2/#item-5-1-2"' in html
    assert "ผลการค้นหา 1–1 จาก 1 รายการ สำหรับ “ALERT”" in html
    assert 'id="search-page-q"' in html


def test_english_pages_show_english_text_and_fall_back_to_thai(portal: Portal, client: Client) -> None:
    portal.publish("fiscal", "5.1.2", body_th=PROCUREMENT, body_en="<p>Notice of the server purchase result</p>")
    portal.publish("legal", "5.1.2", body_th="<p>ข่าวการสัมมนาเรื่องสัญญาจ้าง</p>")

    assert found("server purchase", language="en") == [("content", "fiscal", "5.1.2")]
    assert found("server purchase", language="th") == [("content", "fiscal", "5.1.2")]
    with translation.override("en"):
        response = client.get("/en/search/", {"q": "สัญญาจ้าง"})
    html = response.content.decode()
    assert "ข่าวการสัมมนาเรื่อง<mark>สัญญาจ้าง</mark>" in html  # Thai only: shown in Thai
    assert "Legal Affairs Division" in html
    assert "5.1.2 News about the unit&#x27;s mission" in html

    with translation.override("en"):
        english = client.get("/en/search/", {"q": "server"}).content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', english)
    assert snippet is not None
    assert snippet.group(1).startswith("Notice of the <mark>server</mark> purchase result · ประกาศ")


def test_document_titles_and_file_names_are_found(portal: Portal) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from prongsai.disclosures.services import NewDocument
    from tests.register.documents import pdf_bytes

    upload = SimpleUploadedFile("annual-plan-2569.pdf", pdf_bytes(), content_type="application/pdf")
    portal.publish(
        "legal", "5.1.4", body_th="<p>แผนปฏิบัติราชการ</p>", documents=(NewDocument(upload, title="แผนฉบับลงนาม"),)
    )

    assert found("annual-plan") == [("document", "legal", "5.1.4")]
    assert found("ฉบับลงนาม") == [("document", "legal", "5.1.4")]


def test_short_queries_use_the_scan(portal: Portal) -> None:
    portal.publish("fiscal", "5.1.2", body_th="<p>ฯพณฯ</p>")

    assert found("ฯพ") == [("content", "fiscal", "5.1.2")]
    assert ("content", "fiscal", "5.1.2") in found("ฯ")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Type a word or part of a word to search for, in Thai or English."),
        ({"q": "   "}, "Type a word or part of a word to search for, in Thai or English."),
        ({"q": "ก" * 201}, "The search text is too long. Use at most 200 characters."),
        ({"q": "ไม่มีคำนี้ในระบบ"}, "Nothing published matches “ไม่มีคำนี้ในระบบ”."),
    ],
)
def test_messages_for_empty_long_and_unmatched_queries(
    portal: Portal, client: Client, params: dict[str, str], message: str
) -> None:
    with translation.override("en"):
        response = client.get("/en/search/", params)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_pages_of_twenty_and_a_page_past_the_end(portal: Portal, client: Client) -> None:
    # The item names of 5.1.1.x contain no common word, but their codes do: 4 units × 6 items.
    assert search_documents_find(query="5.1.1.", language="th").total == 24
    first = search_documents_find(query="5.1.1.", language="th", page=1)
    last = search_documents_find(query="5.1.1.", language="th", page=99)

    assert (first.number, first.pages, len(first.hits), first.first_index, first.last_index) == (1, 2, 20, 1, 20)
    assert (last.number, len(last.hits), last.first_index, last.last_index) == (2, 4, 21, 24)
    with translation.override("en"):
        html = client.get("/en/search/", {"q": "5.1.1.", "page": "2"}).content.decode()
    assert "Results 21–24 of 24 for “5.1.1.”." in html
    assert "Page 2 of 2" in html


def test_the_search_page_costs_two_queries_whatever_the_data(
    portal: Portal, client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):
        client.get("/th/search/", {"q": "กฎหมาย"})
    for code in ("5.1.1.1", "5.1.1.2", "5.1.1.3", "5.1.2", "5.1.8"):
        for slug in ("legal", "fiscal", "ict"):
            portal.publish(slug, code, body_th=f"<p>กฎหมายลำดับรองของ {slug} {code}</p>")
    with django_assert_num_queries(2):
        response = client.get("/th/search/", {"q": "กฎหมาย", "page": "2"})
    assert response.status_code == 200
    with django_assert_num_queries(1):
        client.get("/th/search/", {"q": "ไม่พบแน่นอน"})
    with django_assert_num_queries(0):
        client.get("/th/search/", {"q": ""})


def test_the_search_page_is_not_cached(portal: Portal, client: Client) -> None:
    response = client.get("/th/search/", {"q": "กฎหมาย"})

    assert "ETag" not in response
    assert not response.cookies


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=220), page=st.text(max_size=30), language=st.sampled_from(["th", "en"]))
def test_no_input_makes_the_search_fail(portal: Portal, client: Client, query: str, page: str, language: str) -> None:
    with translation.override(language):
        response = client.get(f"/{language}/search/", {"q": query, "page": page})

    assert response.status_code == 200


def test_thai_digits_in_the_query_find_ascii_digits_and_the_other_way_round(portal: Portal, client: Client) -> None:
    portal.publish("fiscal", "5.1.2", body_th="<p>ประกาศผลการจัดซื้อ ประจำปีงบประมาณ พ.ศ. 2568</p>")
    portal.publish("legal", "5.1.2", body_th="<p>คำสั่งแต่งตั้งคณะทำงาน ลงวันที่ ๑ ตุลาคม ๒๕๖๘</p>")
    portal.publish("ict", "5.1.8", body_th="<p>รายงานการใช้จ่ายงบประมาณ ๒๕๖๘ รอบ 6 เดือน</p>")
    expected = [("content", "legal", "5.1.2"), ("content", "fiscal", "5.1.2"), ("content", "ict", "5.1.8")]

    assert found("2568") == expected
    assert found("๒๕๖๘") == expected
    assert found("๖ เดือน") == [("content", "ict", "5.1.8")]
    html = client.get("/th/search/", {"q": "๒๕๖๘"}).content.decode()
    assert "ผลการค้นหา 1–3 จาก 3 รายการ สำหรับ “๒๕๖๘”" in html
    assert "ลงวันที่ ๑ ตุลาคม <mark>๒๕๖๘</mark>" in html  # each text is shown with the digits it was written in
    assert "ประจำปีงบประมาณ พ.ศ. <mark>2568</mark>" in html


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_a_zero_width_character_inside_the_query_still_finds(portal: Portal, invisible: str) -> None:
    portal.publish("fiscal", "5.1.2", body_th=PROCUREMENT)

    assert found(f"คอมพิว{invisible}เตอร์แม่") == [("content", "fiscal", "5.1.2")]


def test_zero_width_and_bidi_characters_inside_published_text_do_not_hide_it(portal: Portal) -> None:
    portal.publish("fiscal", "5.1.2", body_th="<p>ครุภัณฑ์คอม\u200dพิวเตอร์\ufeffแม่ข่าย\u2060สำรอง\u202eไฟฟ้า</p>")

    assert found("คอมพิวเตอร์แม่ข่ายสำรองไฟฟ้า") == [("content", "fiscal", "5.1.2")]
    row = SearchDocument.objects.get(kind="content", language="th")
    assert (row.text, row.folded) == ("ครุภัณฑ์คอมพิวเตอร์แม่ข่ายสำรองไฟฟ้า", "ครุภัณฑ์คอมพิวเตอร์แม่ข่ายสำรองไฟฟ้า")


def test_the_migration_refolds_rows_written_under_the_old_fold(portal: Portal) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("prongsai.publication.migrations.0003_refold_search_documents")
    portal.publish("fiscal", "5.1.2", body_th="<p>ประกาศ พ.ศ. ๒๕๖๘</p>")
    # What the old rules stored: the ZWJ kept, Thai digits kept in the folded column.
    SearchDocument.objects.filter(kind="content").update(
        text="ประกาศ\u200d พ.ศ. ๒๕๖๘ Server", folded="ประกาศ\u200d พ.ศ. ๒๕๖๘ server"
    )
    assert found("2568") == []

    migration.refold_rows(apps, None)

    row = SearchDocument.objects.get(kind="content", language="th")
    assert (row.text, row.folded) == ("ประกาศ พ.ศ. ๒๕๖๘ Server", "ประกาศ พ.ศ. 2568 server")
    assert found("2568") == [("content", "fiscal", "5.1.2")]
    assert found("ประกาศ พ.ศ.") == [("content", "fiscal", "5.1.2")]
