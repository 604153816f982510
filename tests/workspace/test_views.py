"""The staff workspace end to end through the Django test client: pages, forms, access and query counts."""

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from prongsai.audit.models import AuditEvent
from prongsai.disclosures.models import Entry, EntryVersion, Review

from ..signin.verified import login_verified
from .conftest import Department, make_department, publish

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    return login_verified(Client(), user)


def entry_of(unit: Any, code: str) -> Entry:
    return Entry.objects.select_related("item", "organization").get(organization=unit, item__code=code)


def url(name: str, **kwargs: Any) -> str:
    with translation.override("th"):
        return reverse(f"workspace:{name}", kwargs=kwargs)


def test_anonymous_visitors_are_sent_to_sign_in(dept: Department) -> None:
    response = Client().get(url("unit_detail", slug="unit-0"))
    assert response.status_code == 302
    assert response["Location"].startswith("/th/workspace/login/?next=")


def test_unit_page_shows_eighteen_cards_grouped_by_clause(dept: Department) -> None:
    response = client_for(dept.people["editor"]).get(url("unit_detail", slug="unit-0"))
    assert response.status_code == 200
    register = response.context["register"]
    assert [group.clause.code for group in register.groups] == [
        "5.1.1", "5.1.2", "5.1.3", "5.1.4", "5.1.5", "5.1.6", "5.1.7", "5.1.8", "5.1.9", "5.1.10", "5.1.11",
    ]  # fmt: skip
    assert sum(len(group.cards) for group in register.groups) == 18
    assert register.counts["missing"] == 18
    assert "ยังไม่มีข้อมูล" in response.content.decode() or "Missing" in response.content.decode()


def test_english_pages_are_served_under_en(dept: Department) -> None:
    client = client_for(dept.people["editor"])
    with translation.override("en"):
        path = reverse("workspace:unit_detail", kwargs={"slug": "unit-0"})
    response = client.get(path)
    assert path.startswith("/en/")
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()
    assert "Test division 0" in response.content.decode()


def test_editor_of_another_unit_is_refused(dept: Department) -> None:
    client = client_for(dept.people["outsider"])
    assert client.get(url("unit_detail", slug="unit-0")).status_code == 403
    assert client.get(url("entry_edit", slug="unit-0", code="5.1.1.1")).status_code == 403
    assert client.get(url("matrix")).status_code == 403


def test_edit_submit_review_approve_through_the_forms(dept: Department) -> None:
    editor, reviewer = dept.people["editor"], dept.people["reviewer1"]
    edit_url = url("entry_edit", slug="unit-0", code="5.1.1.5")
    response = client_for(editor).post(
        edit_url,
        {
            "body_th": "<p>เลขที่ 1 ถนนพระราม 6</p><script>alert(1)</script>",
            "body_en": "",
            "url_th": "https://unit-0.example/contact",
            "url_en": "",
            "as_of": "2026-11-01",
            "change_note": "ที่อยู่ใหม่",
            "documents_language": "th",
            "documents_title": "",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    entry = entry_of(dept.units[0], "5.1.1.5")
    assert entry.open_state == "submitted"
    version = EntryVersion.objects.get(entry=entry)
    assert version.body_th == "<p>เลขที่ 1 ถนนพระราม 6</p>"
    assert version.as_of == dt.date(2026, 11, 1)

    review_url = url("entry_review", slug="unit-0", code="5.1.1.5")
    page = client_for(reviewer).get(review_url)
    assert page.status_code == 200
    with translation.override("th"):
        thai_label = translation.gettext("Content (Thai)")
    assert thai_label != "Content (Thai)"
    assert [change.label for change in page.context["changes"]][:1] == [thai_label]
    response = client_for(reviewer).post(
        review_url, {"correct": "yes", "complete": "yes", "current": "yes", "comment": "", "approve": "1"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.published_version_id == version.pk
    review = Review.objects.get(version=version)
    assert (review.decision, review.correct, review.complete, review.current) == ("approve", True, True, True)
    actions = list(
        AuditEvent.objects.filter(object_type="disclosures.entryversion", object_id=str(version.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == ["entry.draft_create", "entry.submit", "entry.approve", "entry.publish"]


def test_return_needs_a_comment_and_shows_it_to_the_editor(dept: Department) -> None:
    editor, reviewer = dept.people["editor"], dept.people["reviewer1"]
    entry = entry_of(dept.units[0], "5.1.2")
    client_for(editor).post(
        url("entry_edit", slug="unit-0", code="5.1.2"),
        {"body_th": "<p>ข่าว</p>", "as_of": "2026-11-01", "documents_language": "th", "submit": "1"},
    )
    review_url = url("entry_review", slug="unit-0", code="5.1.2")
    silent = client_for(reviewer).post(
        review_url, {"correct": "yes", "complete": "no", "current": "yes", "return": "1"}
    )
    assert silent.status_code == 200
    entry.refresh_from_db()
    assert entry.open_state == "submitted"
    client_for(reviewer).post(
        review_url,
        {"correct": "yes", "complete": "no", "complete_comment": "ขาดวันที่ของข่าว", "current": "yes", "return": "1"},
    )
    entry.refresh_from_db()
    assert entry.open_state == "returned"
    page = client_for(editor).get(url("entry_edit", slug="unit-0", code="5.1.2"))
    assert "ขาดวันที่ของข่าว" in page.content.decode()


def test_the_forms_store_text_without_invisible_and_bidi_characters(dept: Department) -> None:
    editor, reviewer = dept.people["editor"], dept.people["reviewer1"]
    client_for(editor).post(
        url("entry_edit", slug="unit-0", code="5.1.2"),
        {
            "body_th": "<p>\ufeffข่าว\u200dประชา\u202eสัมพันธ์</p>\r\n<p>สํานักงาน   ปี ๒๕๖๘</p>",
            "url_th": " https://unit-0.example/\u200bnews ",
            "as_of": "2026-11-01",
            "change_note": "\u202eแก้\u200dไข",
            "documents_language": "th",
            "submit": "1",
        },
    )
    version = EntryVersion.objects.get(entry=entry_of(dept.units[0], "5.1.2"))
    assert (version.body_th, version.url_th, version.change_note) == (
        "<p>ข่าวประชาสัมพันธ์</p>\n<p>สำนักงาน ปี ๒๕๖๘</p>",
        "https://unit-0.example/news",
        "แก้ไข",
    )

    client_for(reviewer).post(
        url("entry_review", slug="unit-0", code="5.1.2"),
        {"correct": "yes", "complete": "no", "complete_comment": "ขาด\u200dวันที่\u202e\r\nของข่าว", "current": "yes",
         "return": "1"},
    )  # fmt: skip
    assert Review.objects.get(version=version).complete_comment == "ขาดวันที่\nของข่าว"


def test_a_required_text_of_only_invisible_characters_is_refused(dept: Department) -> None:
    from prongsai.monitoring.forms import OverrideForm

    form = OverrideForm({"status": "found", "current": "", "reason": "\u200b\u202e \ufeff"})

    with translation.override("en"):
        assert not form.is_valid()
        assert form.errors == {"reason": ["This field is required."]}


def test_a_refused_upload_stores_nothing_and_explains(dept: Department) -> None:
    editor = dept.people["editor"]
    fake = SimpleUploadedFile("plan.pdf", b"this is not a pdf at all", content_type="application/pdf")
    response = client_for(editor).post(
        url("entry_edit", slug="unit-0", code="5.1.4"),
        {"body_th": "<p>แผน</p>", "as_of": "2026-11-01", "documents_language": "th", "documents": fake, "save": "1"},
        follow=True,
    )
    entry = entry_of(dept.units[0], "5.1.4")
    assert not EntryVersion.objects.filter(entry=entry).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any("plan.pdf" in m for m in messages)


def test_a_real_pdf_is_attached_and_downloadable_by_staff_only(dept: Department) -> None:
    import pymupdf

    document = pymupdf.open()
    document.new_page().insert_text((72, 72), "Action plan 2026")
    pdf = io.BytesIO(document.tobytes())
    editor = dept.people["editor"]
    client_for(editor).post(
        url("entry_edit", slug="unit-0", code="5.1.4"),
        {
            "body_th": "<p>แผน</p>",
            "as_of": "2026-11-01",
            "documents_language": "th",
            "documents_title": "แผนปฏิบัติราชการ",
            "documents": SimpleUploadedFile("plan.pdf", pdf.getvalue()),
            "save": "1",
        },
    )
    version = EntryVersion.objects.get(entry=entry_of(dept.units[0], "5.1.4"))
    stored = version.documents.get()
    assert (stored.media_type, stored.title, stored.size) == ("application/pdf", "แผนปฏิบัติราชการ", len(pdf.getvalue()))
    response = client_for(editor).get(url("document", pk=stored.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf.getvalue()
    assert response["Content-Type"] == "application/pdf"
    assert client_for(dept.people["outsider"]).get(url("document", pk=stored.pk)).status_code == 403


def test_matrix_filters_by_status_and_thai_name(dept: Department) -> None:
    publish(entry_of(dept.units[1], "5.1.1.1"), *_temporary_reviewer(dept.units[1]))
    client = client_for(dept.people["monitor"])
    everything = client.get(url("matrix"))
    assert [row.organization.slug for row in everything.context["matrix"].rows] == ["ops", "unit-0", "unit-1", "unit-2"]
    published = client.get(url("matrix"), {"status": "published"})
    assert [row.organization.slug for row in published.context["matrix"].rows] == ["unit-1"]
    by_name = client.get(url("matrix"), {"q": "ทดสอบที่ 2"})
    assert [row.organization.slug for row in by_name.context["matrix"].rows] == ["unit-2"]
    by_clause = client.get(url("matrix"), {"clause": "5.1.7"})
    assert [item.code for item in by_clause.context["matrix"].items] == ["5.1.7.1", "5.1.7.2", "5.1.7.3"]


def _temporary_reviewer(unit: Any) -> tuple[Any, Any]:
    from prongsai.accounts.models import User
    from prongsai.organizations.services import role_assign

    editor = User.objects.create_user(f"ed-{unit.slug}", password="pw-for-tests-only")
    reviewer = User.objects.create_user(f"rv-{unit.slug}", password="pw-for-tests-only")
    role_assign(actor=None, role="editor", organization=unit, user=editor)
    role_assign(actor=None, role="reviewer_1", organization=unit, user=reviewer)
    return editor, reviewer


def _queries(client: Client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_unit_page_and_matrix_query_counts_do_not_grow(db: Any) -> None:
    small = make_department(2)
    editor, reviewer = _temporary_reviewer(small.units[0])
    publish(entry_of(small.units[0], "5.1.1.1"), editor, reviewer)
    client = client_for(small.people["monitor"])
    unit_small = _queries(client, url("unit_detail", slug="unit-0"))
    matrix_small = _queries(client, url("matrix"))
    entry_small = _queries(client, url("entry_detail", slug="unit-0", code="5.1.1.1"))

    # Grow the data: more units, published items with history.
    from prongsai.organizations.services import organization_create

    for index in range(2, 12):
        organization_create(
            actor=None, kind="unit", parent=small.department, slug=f"unit-{index}", name_th=f"กองที่ {index}", name_en="x"
        )
    for code in ("5.1.1.1", "5.1.1.2", "5.1.2"):
        publish(entry_of(small.units[0], code), editor, reviewer)
        publish(entry_of(small.units[0], code), editor, reviewer)
    client = client_for(small.people["monitor"])
    assert _queries(client, url("unit_detail", slug="unit-0")) == unit_small
    assert _queries(client, url("matrix")) == matrix_small
    assert _queries(client, url("entry_detail", slug="unit-0", code="5.1.1.1")) == (entry_small)


def test_a_reviewer_who_edited_the_version_is_not_offered_the_review_and_is_refused(dept: Department) -> None:
    from prongsai.accounts.models import User
    from prongsai.organizations.services import role_assign

    writer = User.objects.create_user("writer", password="pw-for-tests-only")
    for role in ("editor", "reviewer_1"):
        role_assign(actor=None, role=role, organization=dept.units[0], user=writer)
    editor, reviewer = dept.people["editor"], dept.people["reviewer1"]
    as_writer = client_for(writer)
    as_writer.post(
        url("entry_edit", slug="unit-0", code="5.1.1.5"),
        {"body_th": "<p>ที่ตั้งสำนักงาน</p>", "as_of": "2026-11-01", "documents_language": "th", "save": "1"},
    )
    client_for(editor).post(url("entry_submit", slug="unit-0", code="5.1.1.5"))
    entry = entry_of(dept.units[0], "5.1.1.5")
    version = EntryVersion.objects.get(entry=entry)
    assert (entry.open_state, version.created_by_id, version.submitted_by_id) == ("submitted", writer.pk, editor.pk)
    edited = "ท่านเป็นผู้แก้ไขฉบับนี้ ผู้ตรวจสอบคนอื่นจะเป็นผู้พิจารณา"
    review_url = url("entry_review", slug="unit-0", code="5.1.1.5")

    page = as_writer.get(url("entry_detail", slug="unit-0", code="5.1.1.5"))
    assert page.context["can_review"] is False
    assert review_url not in page.content.decode()
    assert edited in page.content.decode()
    offered = as_writer.get(review_url, follow=True)
    assert [str(m) for m in offered.context["messages"]] == [edited]

    events_before = AuditEvent.objects.count()
    response = as_writer.post(
        review_url, {"correct": "yes", "complete": "yes", "current": "yes", "comment": "", "approve": "1"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "ท่านไม่สามารถตรวจสอบฉบับที่ท่านเป็นผู้แก้ไขได้ ผู้ที่เขียนเนื้อหาของฉบับใดจะเป็นผู้ตรวจสอบฉบับนั้นไม่ได้"
    ]
    entry.refresh_from_db()
    version.refresh_from_db()
    assert (entry.open_state, entry.published_version_id, version.state) == ("submitted", None, "submitted")
    assert not Review.objects.filter(version=version).exists()
    assert list(AuditEvent.objects.order_by("sequence")[events_before:].values_list("action", "actor_id")) == []

    # Another reviewer of the step sees the action and decides.
    page = client_for(reviewer).get(url("entry_detail", slug="unit-0", code="5.1.1.5"))
    assert page.context["can_review"] is True
    client_for(reviewer).post(
        review_url, {"correct": "yes", "complete": "yes", "current": "yes", "comment": "", "approve": "1"}
    )
    entry.refresh_from_db()
    assert entry.published_version_id == version.pk
