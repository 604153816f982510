"""The public portal through the Django test client: honest states, Thai dates, published content only, caching."""

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from prongsai.disclosures.models import Document, Entry
from prongsai.disclosures.services import (
    DraftContent,
    NewDocument,
    Verdicts,
    version_approve,
    version_save_draft,
    version_submit,
)
from prongsai.organizations.services import organization_update
from prongsai.thaidate import format_english_date, format_thai_date

from ..register.documents import pdf_bytes, upload
from ..workspace.conftest import Department, make_department, publish

pytestmark = pytest.mark.django_db

CLAUSES = ["5.1.1", "5.1.2", "5.1.3", "5.1.4", "5.1.5", "5.1.6", "5.1.7", "5.1.8", "5.1.9", "5.1.10", "5.1.11"]


def entry_of(unit: Any, code: str) -> Entry:
    return Entry.objects.select_related("item", "organization").get(organization=unit, item__code=code)


def text_of(response: Any) -> str:
    """The page's text with tags removed and whitespace collapsed, for exact phrase checks."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def pdf_upload(name: str = "แผนปฏิบัติราชการ.pdf") -> NewDocument:
    return NewDocument(upload=upload(name, pdf_bytes()), title="แผนปี 2570")


def test_root_sends_visitors_to_the_thai_home() -> None:
    response = Client().get("/")
    assert (response.status_code, response["Location"]) == (302, "/th/")


def test_home_pages_link_to_every_unit_page_in_their_language(dept: Department) -> None:
    for language in ("th", "en"):
        response = Client().get(f"/{language}/")
        assert response.status_code == 200
        links = set(re.findall(rf'href="(/{language}/units/[^/"]+/)"', response.content.decode()))
        assert links == {f"/{language}/units/{slug}/" for slug in ("ops", "unit-0", "unit-1", "unit-2")}
    assert "กองทดสอบที่ 0" in Client().get("/th/").content.decode()
    assert "Test division 0" in Client().get("/en/").content.decode()


def test_unit_page_lists_all_eighteen_items_by_clause_and_says_what_is_missing(dept: Department) -> None:
    response = Client().get("/th/units/unit-0/")
    assert response.status_code == 200
    page = response.context["page"]
    assert [group.clause.code for group in page.clauses] == CLAUSES
    assert len(page.items) == 18
    assert {item.state for item in page.items} == {"missing"}
    assert text_of(response).count("หน่วยงานยังไม่ได้เผยแพร่ข้อมูลที่ผ่านการตรวจสอบสำหรับรายการนี้") == 18


def test_published_item_shows_content_and_its_as_of_date_in_buddhist_era(dept: Department) -> None:
    unit, people = dept.units[0], dept.people
    publish(entry_of(unit, "5.1.1.5"), people["editor"], people["reviewer1"], body_en="<p>Test information</p>")
    today = timezone.localdate()
    thai = text_of(Client().get("/th/units/unit-0/"))
    assert f"ข้อมูล ณ วันที่ {format_thai_date(today)}" in thai
    assert "ข้อมูลทดสอบ" in thai
    english = text_of(Client().get("/en/units/unit-0/"))
    assert f"Information as of {format_english_date(today)}" in english
    assert "Test information" in english


def test_english_page_marks_thai_only_content(dept: Department) -> None:
    unit, people = dept.units[0], dept.people
    publish(entry_of(unit, "5.1.2"), people["editor"], people["reviewer1"])
    html = Client().get("/en/units/unit-0/items/5.1.2/").content.decode()
    assert '<div class="body" lang="th"><p>ข้อมูลทดสอบ</p></div>' in html
    assert "(Published in Thai only.)" in html


def test_item_past_its_review_date_is_shown_as_overdue_not_hidden(dept: Department) -> None:
    unit, people = dept.units[0], dept.people
    long_ago = timezone.now() - dt.timedelta(days=400)
    publish(entry_of(unit, "5.1.1.5"), people["editor"], people["reviewer1"], now=long_ago)
    due = entry_of(unit, "5.1.1.5").next_review_due
    assert due is not None
    assert due < timezone.localdate()
    response = Client().get("/th/units/unit-0/items/5.1.1.5/")
    assert response.context["entry"].state == "overdue"
    assert f"ข้อมูลนี้ควรได้รับการทบทวนภายในวันที่ {format_thai_date(due)} และอาจไม่เป็นปัจจุบัน" in text_of(response)
    assert "ข้อมูลทดสอบ" in text_of(response)


def test_drafts_and_submitted_versions_are_not_public(dept: Department) -> None:
    unit, editor = dept.units[0], dept.people["editor"]
    version = version_save_draft(
        actor=editor,
        entry=entry_of(unit, "5.1.2"),
        content=DraftContent(body_th="<p>ร่างที่ยังไม่อนุมัติ</p>", as_of=timezone.localdate()),
    )
    version_submit(actor=editor, version=version)
    response = Client().get("/th/units/unit-0/")
    assert "ร่างที่ยังไม่อนุมัติ" not in response.content.decode()
    assert response.context["page"].items[2].state == "missing"


def test_documents_are_served_only_while_their_version_is_published(dept: Department, media_root: Any) -> None:
    unit, editor, reviewer = dept.units[0], dept.people["editor"], dept.people["reviewer1"]
    entry = entry_of(unit, "5.1.4")
    version = version_save_draft(
        actor=editor,
        entry=entry,
        content=DraftContent(body_th="<p>แผน</p>", as_of=timezone.localdate()),
        add_documents=[pdf_upload()],
    )
    document = Document.objects.get(version=version)
    address = f"/th/units/unit-0/documents/{document.pk}/{document.original_name}"
    assert Client().get(address).status_code == 404  # a draft's file
    version_submit(actor=editor, version=version)
    version_approve(actor=reviewer, version=version, verdicts=Verdicts(True, True, True))
    response = Client().get(address)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    page = Client().get("/th/units/unit-0/").content.decode()
    assert f'href="{iri_to_uri(address)}">แผนปี 2570</a>' in page
    assert Client().get(f"/th/units/unit-1/documents/{document.pk}/{document.original_name}").status_code == 404


def test_unknown_and_inactive_units_are_not_found(dept: Department) -> None:
    assert Client().get("/th/units/no-such-unit/").status_code == 404
    assert Client().get("/th/units/unit-0/items/9.9.9/").status_code == 404
    organization_update(actor=None, organization=dept.units[2], is_active=False)
    assert Client().get("/th/units/unit-2/").status_code == 404
    assert "/th/units/unit-2/" not in Client().get("/th/").content.decode()


def test_item_page_has_breadcrumbs_to_home_and_unit(dept: Department) -> None:
    html = Client().get("/th/units/unit-0/items/5.1.3/").content.decode()
    crumbs = re.search(r'<nav class="crumbs".*?</nav>', html, re.S)
    assert crumbs is not None
    assert re.findall(r'href="([^"]+)"', crumbs.group(0)) == ["/th/", "/th/units/unit-0/"]
    assert 'aria-current="page">5.1.3 ' in crumbs.group(0)


def test_public_pages_set_no_cookie_and_do_not_vary_by_cookie(dept: Department) -> None:
    for address in ("/th/", "/en/", "/th/units/unit-0/", "/th/units/unit-0/items/5.1.3/"):
        response = Client().get(address)
        assert response.cookies == {}, address
        assert "Cookie" not in response.get("Vary", ""), address
        assert response["Cache-Control"] == "public, no-cache"


def test_cached_page_costs_one_query_and_publishing_invalidates_it(
    dept: Department, django_assert_num_queries: Any
) -> None:
    client = Client()
    first = client.get("/th/units/unit-0/")
    with django_assert_num_queries(1):  # the public edition; the page comes from the cache
        again = client.get("/th/units/unit-0/")
    assert again.content == first.content
    with django_assert_num_queries(1):
        assert client.get("/th/units/unit-0/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    publish(entry_of(dept.units[0], "5.1.2"), dept.people["editor"], dept.people["reviewer1"])
    after = client.get("/th/units/unit-0/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]
    assert "ข้อมูลทดสอบ" in after.content.decode()


@pytest.mark.parametrize("units", [1, 6])
def test_page_query_counts_do_not_grow_with_data(db: Any, units: int, django_assert_num_queries: Any) -> None:
    dept = make_department(units)
    for code in ("5.1.1.1", "5.1.2", "5.1.4"):
        publish(entry_of(dept.units[0], code), dept.people["editor"], dept.people["reviewer1"])
    # edition; organization; entries with items, clauses and published versions; documents; websites
    with django_assert_num_queries(5):
        assert Client().get("/th/units/unit-0/").status_code == 200
    # edition; organizations with their counts
    with django_assert_num_queries(2):
        assert Client().get("/th/").status_code == 200
    with django_assert_num_queries(5):
        assert Client().get("/en/units/unit-0/items/5.1.4/").status_code == 200


def test_public_not_found_page_explains_in_the_visitors_language(dept: Department) -> None:
    thai = Client().get("/th/units/no-such-unit/")
    assert thai.status_code == 404
    assert "ไม่พบหน่วยงานที่ที่อยู่นี้" in thai.content.decode()
    assert 'class="site-search"' in thai.content.decode()
    english = Client().get("/en/units/unit-0/items/9.9/")
    assert "This unit has no such checklist item." in english.content.decode()
    staff = Client().get("/th/workspace/no-such-page/")
    assert 'class="site-search"' not in staff.content.decode()


def test_a_cached_page_keeps_the_headers_its_view_set(dept: Department) -> None:
    from django.test import RequestFactory

    from prongsai.portal.caching import public_page

    @public_page
    def view(request: Any) -> Any:
        from django.http import HttpResponse

        response = HttpResponse("<svg/>", content_type="image/svg+xml")
        response["Content-Disposition"] = 'inline; filename="badge.svg"'
        return response

    first = view(RequestFactory().get("/th/x/"))
    again = view(RequestFactory().get("/th/x/"))
    for response in (first, again):
        assert response["Content-Type"] == "image/svg+xml"
        assert response["Content-Disposition"] == 'inline; filename="badge.svg"'


def test_reloading_the_active_checklist_refreshes_public_pages_and_search(dept: Department) -> None:
    import dataclasses

    from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
    from prongsai.checklists.services import checklist_load

    client = Client()
    assert "โครงสร้างหน่วยงาน" in client.get("/th/units/unit-0/").content.decode()
    definition = load_checklist_file(DEFAULT_CHECKLIST_PATH)
    items = [
        dataclasses.replace(item, name_th="แผนผังโครงสร้างองค์กร") if item.code == "5.1.1.1" else item
        for item in definition.items
    ]
    checklist_load(actor=None, definition=dataclasses.replace(definition, items=tuple(items), content_hash="renamed"))
    assert "แผนผังโครงสร้างองค์กร" in client.get("/th/units/unit-0/").content.decode()
    results = client.get("/th/search/", {"q": "แผนผังโครงสร้าง"}).content.decode()
    assert 'href="/th/units/unit-0/items/5.1.1.1/#item-5-1-1-1"' in results


def test_channel_form_fields_have_their_input_types(dept: Department) -> None:
    html = Client().get("/th/units/unit-0/complaints/new/").content.decode()
    kinds = [("subject", "text"), ("name", "text"), ("email", "email"), ("phone", "tel"), ("attachment", "file")]
    for name, kind in kinds:
        assert re.search(rf'<input id="id_{name}" name="{name}" type="{kind}"', html), name
    assert '<textarea id="id_message" name="message"' in html
