"""The register's write services: every transition, its rows, audit events, e-mails and refusals."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from prongsai.disclosures import services
from prongsai.disclosures.models import Document, Entry, EntryVersion, Review
from prongsai.disclosures.services import (
    DraftContent,
    NewDocument,
    Verdicts,
    version_approve,
    version_discard,
    version_return,
    version_save_draft,
    version_submit,
    version_withdraw,
)
from prongsai.disclosures.workflow import IllegalTransition, ReviewerIsAuthor
from prongsai.organizations.models import Role
from prongsai.organizations.services import role_assign

from ..callbacks import app_callbacks
from .conftest import (
    ALL_PASS,
    BANGKOK,
    NOW,
    TODAY,
    Publisher,
    World,
    actions_after,
    content_for,
    events_after,
    last_sequence,
    make_person,
    review_rows,
    stored_files,
)
from .documents import (
    corrupt_pdf_bytes,
    docx_bytes,
    gif_bytes,
    pageless_pdf_bytes,
    pdf_bytes,
    png_bytes,
    upload,
    xlsx_bytes,
    zip_bomb_bytes,
)

LATER = NOW + dt.timedelta(hours=2)


def draft(
    world: World, code: str, *, unit: str = "unit_a", content: DraftContent | None = None, **kwargs: Any
) -> EntryVersion:
    editor = {"unit_a": "editor_a", "unit_b": "editor_b", "department": "editor_dept"}[unit]
    return version_save_draft(
        actor=world.person(editor),
        entry=world.entry(world.org(unit), code),
        content=content or content_for(code),
        now=kwargs.pop("now", NOW),
        **kwargs,
    )


def submitted(world: World, code: str, *, content: DraftContent | None = None, **kwargs: Any) -> EntryVersion:
    version = draft(world, code, content=content, **kwargs)
    return version_submit(actor=world.person("editor_a"), version=version, now=NOW)


def messages_of(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return list(error.value.messages)


# --- drafts -------------------------------------------------------------------------------------


def test_first_draft_is_version_one_and_is_audited(world: World, django_capture_on_commit_callbacks: Any) -> None:
    editor = world.person("editor_a")
    entry = world.entry(world.unit_a, "G.1")
    mark = last_sequence()
    with django_capture_on_commit_callbacks() as callbacks:
        version = version_save_draft(
            actor=editor,
            entry=entry,
            content=DraftContent(
                body_th="<p>นโยบายไม่รับของขวัญ</p>",
                body_en="<p>No gift policy</p>",
                url_th="  https://a.example.go.th/integrity  ",
                as_of=dt.date(2026, 3, 1),
                change_note="  first issue  ",
            ),
            now=NOW,
        )
    assert app_callbacks(callbacks) == []

    version.refresh_from_db()
    entry.refresh_from_db()
    assert version.number == 1
    assert version.state == "draft"
    assert version.based_on_id is None
    assert version.created_by_id == editor.pk
    assert (version.created_at, version.updated_at) == (NOW, NOW)
    assert (version.body_th, version.body_en) == ("<p>นโยบายไม่รับของขวัญ</p>", "<p>No gift policy</p>")
    assert version.url_th == "https://a.example.go.th/integrity"
    assert version.change_note == "first issue"
    assert (version.submitted_by_id, version.decided_by_id, version.published_at) == (None, None, None)
    assert entry.open_version_id == version.pk
    assert entry.open_state == "draft"
    assert (entry.published_version_id, entry.next_review_due, entry.last_approved_at) == (None, None, None)

    [event] = events_after(mark)
    assert event.action == "entry.draft_create"
    assert event.data == {
        "unit": "unit-a",
        "item": "G.1",
        "version": 1,
        "documents_added": [],
        "documents_removed": [],
        "nothing_to_publish": False,
    }
    assert (event.actor_id, event.actor_label) == (editor.pk, "editor_a")
    assert (event.object_type, event.object_id) == ("disclosures.entryversion", str(version.pk))
    assert event.organization_id == world.unit_a.pk
    assert event.occurred_at == NOW


def test_saving_again_edits_the_same_draft(world: World) -> None:
    first = draft(world, "M.1")
    mark = last_sequence()
    second = draft(world, "M.1", content=content_for("M.1", text="แก้ไขแล้ว"), now=LATER)

    assert second.pk == first.pk
    assert EntryVersion.objects.filter(entry=first.entry).count() == 1
    second.refresh_from_db()
    assert (second.number, second.state, second.body_th) == (1, "draft", "<p>แก้ไขแล้ว</p>")
    assert (second.created_at, second.updated_at) == (NOW, LATER)
    assert actions_after(mark) == [
        (
            "entry.draft_edit",
            {
                "unit": "unit-a",
                "item": "M.1",
                "version": 1,
                "documents_added": [],
                "documents_removed": [],
                "nothing_to_publish": False,
            },
        )
    ]


@pytest.mark.parametrize(
    ("submitted_html", "stored"),
    [
        ('<p onclick="steal()">สวัสดี<script>alert(1)</script></p>', "<p>สวัสดี</p>"),
        ("<p>a</p><style>p{color:red}</style><iframe src='https://x.example'></iframe>", "<p>a</p>"),
        ('<a href="javascript:alert(1)">ลิงก์</a>', '<a rel="noopener noreferrer">ลิงก์</a>'),
        (
            '<a href="https://a.example.go.th/x" target="_blank" onmouseover="x()">ลิงก์</a>',
            '<a href="https://a.example.go.th/x" rel="noopener noreferrer">ลิงก์</a>',
        ),
        ('<img src="x" onerror="steal()"><strong>ตัวหนา</strong>', "<strong>ตัวหนา</strong>"),
        (
            '<table><tr><td colspan="2" style="color:red">1</td></tr></table>',
            '<table><tbody><tr><td colspan="2">1</td></tr></tbody></table>',
        ),
        ("<!-- hidden --><p>x</p>", "<p>x</p>"),
    ],
)
def test_rich_text_is_sanitised_before_it_is_stored(world: World, submitted_html: str, stored: str) -> None:
    version = draft(world, "M.2", content=DraftContent(body_th=submitted_html, as_of=TODAY))
    version.refresh_from_db()
    assert version.body_th == stored


def test_as_of_today_in_bangkok_is_not_in_the_future(world: World) -> None:
    # 00:30 on 16 March in Bangkok is still 15 March in UTC.
    early = dt.datetime(2026, 3, 16, 0, 30, tzinfo=BANGKOK)
    version = draft(world, "M.2", content=DraftContent(body_th="<p>x</p>", as_of=dt.date(2026, 3, 16)), now=early)
    assert version.as_of == dt.date(2026, 3, 16)


FUTURE = TODAY + dt.timedelta(days=1)
URL_TH = "Thai page address must be a web address starting with http:// or https://."
URL_EN = "English page address must be a web address starting with http:// or https://."
AS_OF_FUTURE = "The “as of” date cannot be in the future."
NOT_DECLARABLE = "This item cannot be declared as having nothing to publish."
DECLARATION_CONTENT = "A “nothing to publish this period” declaration cannot also carry content."
DECLARATION_DOCUMENTS = "A “nothing to publish this period” declaration cannot carry documents."
DECLARATION_DATE = "A “nothing to publish this period” declaration needs its “as of” date."


@pytest.mark.parametrize(
    ("code", "content", "messages"),
    [
        ("M.2", DraftContent(url_th="ftp://a.example.go.th/x"), [URL_TH]),
        ("M.2", DraftContent(url_en="www.example.com"), [URL_EN]),
        ("M.2", DraftContent(as_of=FUTURE), [AS_OF_FUTURE]),
        ("G.1", DraftContent(nothing_to_publish=True, as_of=TODAY, nothing_note_th="ไม่มี"), [NOT_DECLARABLE]),
        ("P.1", DraftContent(nothing_to_publish=True, as_of=TODAY, body_th="<p>มีข้อมูล</p>"), [DECLARATION_CONTENT]),
        ("P.1", DraftContent(nothing_to_publish=True, body_en="<p>Some</p>", as_of=TODAY), [DECLARATION_CONTENT]),
        ("P.1", DraftContent(nothing_to_publish=True, nothing_note_th="ไม่มีการจัดซื้อจัดจ้าง"), [DECLARATION_DATE]),
        (
            "M.1",
            DraftContent(
                url_th="a.example", url_en="b.example", as_of=FUTURE, nothing_to_publish=True, body_th="<p>x</p>"
            ),
            [URL_TH, URL_EN, AS_OF_FUTURE, NOT_DECLARABLE, DECLARATION_CONTENT],
        ),
    ],
    ids=[
        "thai-url",
        "english-url",
        "as-of-future",
        "item-without-declarations",
        "declaration-with-thai-content",
        "declaration-with-english-content",
        "declaration-without-date",
        "every-problem-at-once",
    ],
)
def test_invalid_draft_is_refused_with_every_message_and_nothing_is_written(
    world: World, code: str, content: DraftContent, messages: list[str]
) -> None:
    entry = world.entry(world.unit_a, code)
    mark = last_sequence()
    with pytest.raises(ValidationError) as error:
        version_save_draft(actor=world.person("editor_a"), entry=entry, content=content, now=NOW)
    assert messages_of(error) == messages
    assert not EntryVersion.objects.filter(entry=entry).exists()
    entry.refresh_from_db()
    assert (entry.open_version_id, entry.open_state) == (None, "")
    assert events_after(mark) == []


def test_a_declaration_whose_body_is_only_markup_carries_no_content(world: World) -> None:
    version = draft(
        world,
        "P.1",
        content=DraftContent(
            nothing_to_publish=True,
            as_of=TODAY,
            body_th="<script>x()</script><p> </p>",
            nothing_note_th="  ไม่มีการจัดซื้อจัดจ้าง  ",
            nothing_note_en=" No procurement ",
        ),
    )
    version.refresh_from_db()
    assert (version.body_th, version.body_en) == ("", "")
    assert (version.nothing_note_th, version.nothing_note_en) == ("ไม่มีการจัดซื้อจัดจ้าง", "No procurement")


def test_document_language_must_be_one_of_the_choices(world: World, media_root: Path) -> None:
    entry = world.entry(world.unit_a, "M.1")
    with pytest.raises(ValidationError) as error:
        version_save_draft(
            actor=world.person("editor_a"),
            entry=entry,
            content=content_for("M.1"),
            add_documents=[NewDocument(upload("plan.pdf", pdf_bytes()), language="fr")],
            now=NOW,
        )
    assert messages_of(error) == ["Choose the language of each document."]
    assert not EntryVersion.objects.filter(entry=entry).exists()
    assert stored_files(media_root) == []


def test_validation_messages_are_translated_to_thai(world: World) -> None:
    entry = world.entry(world.unit_a, "M.2")
    with translation.override("th"), pytest.raises(ValidationError) as error:
        version_save_draft(actor=world.person("editor_a"), entry=entry, content=DraftContent(as_of=FUTURE), now=NOW)
    [message] = messages_of(error)
    assert message != AS_OF_FUTURE
    assert message.strip()


# --- submit -------------------------------------------------------------------------------------


def test_submit_sends_the_draft_to_review(world: World, django_capture_on_commit_callbacks: Any) -> None:
    editor = world.person("editor_a")
    version = draft(world, "G.1")
    mark = last_sequence()
    with django_capture_on_commit_callbacks() as callbacks:
        result = version_submit(actor=editor, version=version, now=LATER)

    assert len(app_callbacks(callbacks)) == 1
    assert result.pk == version.pk
    version.refresh_from_db()
    entry = world.entry(world.unit_a, "G.1")
    assert version.state == "submitted"
    assert (version.submitted_by_id, version.submitted_at, version.updated_at) == (editor.pk, LATER, LATER)
    assert (entry.open_version_id, entry.open_state, entry.published_version_id) == (version.pk, "submitted", None)
    assert actions_after(mark) == [("entry.submit", {"unit": "unit-a", "item": "G.1", "version": 1, "step": 1})]


@pytest.mark.parametrize(
    ("code", "recipients"),
    [
        ("G.1", ["reviewer1_a@example.go.th"]),
        ("P.1", ["group_reviewer@example.go.th", "reviewer2_a@example.go.th"]),
        ("M.1", ["reviewer3_a@example.go.th"]),
        ("M.2", ["reviewer4_a@example.go.th"]),
    ],
)
def test_submit_emails_the_reviewers_of_the_items_step_after_commit(
    world: World,
    django_capture_on_commit_callbacks: Any,
    entry_links: Callable[[Entry], str],
    code: str,
    recipients: list[str],
) -> None:
    version = draft(world, code)
    with django_capture_on_commit_callbacks(execute=True):
        version_submit(actor=world.person("editor_a"), version=version, now=NOW)
        assert mail.outbox == []  # nothing leaves before the commit

    assert sorted(address for message in mail.outbox for address in message.to) == recipients
    assert all(len(message.to) == 1 for message in mail.outbox)
    entry = world.entry(world.unit_a, code)
    step = entry.item.review_step
    message = mail.outbox[0]
    assert message.subject == f"[Prongsai] รอตรวจสอบ {code} {entry.item.name_th} — กองเกษตร"
    assert message.body == (
        f"กองเกษตร\n{code} {entry.item.name_th} (ฉบับที่ 1) รอการตรวจสอบขั้นตอนที่ {step}\n\n"
        f"Unit A\n{code} {entry.item.name_en} (version 1) awaits the step {step} review.\n\n{entry_links(entry)}\n"
    )
    assert message.from_email == "prongsai@localhost"


MISSING_DATE = "Give the date the information is as of (“ข้อมูล ณ วันที่”)."
MISSING_CONTENT = "Add the content, a document or the page address on the unit's website."
MISSING_NOTE = "Explain the “nothing to publish this period” declaration in Thai."


@pytest.mark.parametrize(
    ("code", "content", "messages"),
    [
        ("M.2", DraftContent(body_th="<p>ช่องทาง</p>"), [MISSING_DATE]),
        ("M.2", DraftContent(as_of=TODAY), [MISSING_CONTENT]),
        ("M.2", DraftContent(as_of=TODAY, body_th="<p>  </p><br>"), [MISSING_CONTENT]),
        ("M.2", DraftContent(), [MISSING_DATE, MISSING_CONTENT]),
        (
            "G.1",
            DraftContent(body_th="<p>เจตจำนง</p>", as_of=TODAY),
            ["G.1 must be published in both Thai and English; the English version is missing."],
        ),
        (
            "G.1",
            DraftContent(url_en="https://a.example.go.th/en/integrity", as_of=TODAY),
            ["G.1 must be published in both Thai and English; the Thai version is missing."],
        ),
        ("P.1", DraftContent(nothing_to_publish=True, as_of=TODAY), [MISSING_NOTE]),
    ],
    ids=[
        "no-date",
        "no-content",
        "only-markup",
        "nothing-at-all",
        "g1-no-english",
        "g1-no-thai",
        "declaration-no-note",
    ],
)
def test_incomplete_version_cannot_be_submitted(
    world: World, django_capture_on_commit_callbacks: Any, code: str, content: DraftContent, messages: list[str]
) -> None:
    version = draft(world, code, content=content)
    mark = last_sequence()
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError) as error:
        version_submit(actor=world.person("editor_a"), version=version, now=NOW)
    assert messages_of(error) == messages
    assert app_callbacks(callbacks) == []
    version.refresh_from_db()
    assert (version.state, version.submitted_by_id, version.submitted_at) == ("draft", None, None)
    assert world.entry(world.unit_a, code).open_state == "draft"
    assert events_after(mark) == []


@pytest.mark.parametrize(
    ("content", "documents"),
    [
        (DraftContent(body_th="<p>เจตจำนง</p>", body_en="<p>Integrity</p>", as_of=TODAY), ()),
        (DraftContent(body_th="<p>เจตจำนง</p>", url_en="https://a.example.go.th/en/integrity", as_of=TODAY), ()),
        (DraftContent(url_th="https://a.example.go.th/th", url_en="https://a.example.go.th/en", as_of=TODAY), ()),
        (DraftContent(body_th="<p>เจตจำนง</p>", as_of=TODAY), (("integrity-en.pdf", "en"),)),
        (DraftContent(as_of=TODAY), (("integrity.pdf", "both"),)),
        (DraftContent(as_of=TODAY), (("integrity-th.pdf", "th"), ("integrity-en.docx", "en"))),
    ],
    ids=[
        "two-bodies",
        "body-and-english-page",
        "two-pages",
        "body-and-english-document",
        "bilingual-document",
        "two-documents",
    ],
)
def test_bilingual_item_is_satisfied_by_any_thai_and_any_english_evidence(
    world: World, content: DraftContent, documents: tuple[tuple[str, str], ...]
) -> None:
    files = {".pdf": pdf_bytes(), ".docx": docx_bytes()}
    version = draft(
        world,
        "G.1",
        content=content,
        add_documents=[
            NewDocument(upload(name, files[name[name.rindex(".") :]]), language=lang) for name, lang in documents
        ],
    )
    version_submit(actor=world.person("editor_a"), version=version, now=NOW)
    version.refresh_from_db()
    assert version.state == "submitted"


def test_a_submitted_version_cannot_be_submitted_again_or_edited(world: World) -> None:
    version = submitted(world, "M.2")
    with pytest.raises(IllegalTransition, match=r"^cannot submit a version that is submitted$"):
        version_submit(actor=world.person("editor_a"), version=version, now=NOW)
    mark = last_sequence()
    with pytest.raises(ValidationError) as error:
        draft(world, "M.2", content=content_for("M.2", text="เปลี่ยน"))
    assert messages_of(error) == ["This version is awaiting review; withdraw it before editing."]
    version.refresh_from_db()
    assert (version.state, version.body_th) == ("submitted", "<p>ข้อมูล</p>")
    assert EntryVersion.objects.filter(entry=version.entry).count() == 1
    assert events_after(mark) == []


# --- withdraw and discard -----------------------------------------------------------------------


def test_withdraw_takes_a_submitted_version_back_to_draft(world: World) -> None:
    version = submitted(world, "M.1")
    mark = last_sequence()
    version_withdraw(actor=world.person("editor_a"), version=version, now=LATER)

    version.refresh_from_db()
    assert (version.state, version.submitted_by_id, version.submitted_at, version.updated_at) == (
        "draft",
        None,
        None,
        LATER,
    )
    entry = world.entry(world.unit_a, "M.1")
    assert (entry.open_version_id, entry.open_state) == (version.pk, "draft")
    assert actions_after(mark) == [("entry.withdraw", {"unit": "unit-a", "item": "M.1", "version": 1})]

    with pytest.raises(IllegalTransition, match=r"^cannot withdraw a version that is draft$"):
        version_withdraw(actor=world.person("editor_a"), version=version, now=LATER)
    # Withdrawn, it can be edited and submitted again.
    draft(world, "M.1", content=content_for("M.1", text="ปรับปรุง"), now=LATER)
    version_submit(actor=world.person("editor_a"), version=version, now=LATER)
    version.refresh_from_db()
    assert (version.state, version.body_th) == ("submitted", "<p>ปรับปรุง</p>")


def test_discard_abandons_a_draft(world: World) -> None:
    version = draft(world, "M.2")
    mark = last_sequence()
    version_discard(actor=world.person("editor_a"), version=version, now=LATER)

    version.refresh_from_db()
    assert (version.state, version.updated_at) == ("discarded", LATER)
    entry = world.entry(world.unit_a, "M.2")
    assert (entry.open_version_id, entry.open_state, entry.published_version_id) == (None, "", None)
    assert actions_after(mark) == [("entry.discard", {"unit": "unit-a", "item": "M.2", "version": 1})]
    # The next draft gets the next number; discarded versions keep theirs.
    again = draft(world, "M.2", now=LATER)
    assert again.number == 2
    assert again.based_on_id is None


def test_only_a_draft_can_be_discarded(world: World) -> None:
    version = submitted(world, "M.2")
    with pytest.raises(IllegalTransition, match=r"^cannot discard a version that is submitted$"):
        version_discard(actor=world.person("editor_a"), version=version, now=NOW)
    version.refresh_from_db()
    assert version.state == "submitted"


def test_discarding_a_follow_up_draft_leaves_the_published_version(world: World, publish: Publisher) -> None:
    published = publish(world.entry(world.unit_a, "M.2"))
    follow_up = draft(world, "M.2", content=content_for("M.2", text="ฉบับใหม่"), now=LATER)
    version_discard(actor=world.person("editor_a"), version=follow_up, now=LATER)

    entry = world.entry(world.unit_a, "M.2")
    published.refresh_from_db()
    assert (entry.published_version_id, entry.open_version_id, entry.open_state) == (published.pk, None, "")
    assert (published.state, published.superseded_at) == ("approved", None)


# --- approve --------------------------------------------------------------------------------------


def test_approve_publishes_the_version(
    world: World, django_capture_on_commit_callbacks: Any, entry_links: Callable[[Entry], str]
) -> None:
    version = submitted(world, "G.1")
    reviewer = world.person("reviewer1_a")
    mark = last_sequence()
    verdicts = Verdicts(correct=True, complete=True, current=True, comment="  เรียบร้อย  ", correct_comment=" ถูกต้อง ")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        review = version_approve(actor=reviewer, version=version, verdicts=verdicts, now=LATER)

    # The edition's cache, then the notice.
    assert [callback.__name__ for callback in app_callbacks(callbacks)] == ["edition_forget", "<lambda>"]
    review.refresh_from_db()
    assert (review.version_id, review.reviewer_id, review.step, review.decision) == (
        version.pk,
        reviewer.pk,
        1,
        "approve",
    )
    assert (review.correct, review.complete, review.current) == (True, True, True)
    assert (review.comment, review.correct_comment, review.complete_comment) == ("เรียบร้อย", "ถูกต้อง", "")
    assert review.created_at == LATER

    version.refresh_from_db()
    assert version.state == "approved"
    assert (version.decided_by_id, version.decided_at, version.published_at, version.superseded_at) == (
        reviewer.pk,
        LATER,
        LATER,
        None,
    )
    entry = world.entry(world.unit_a, "G.1")
    assert entry.published_version_id == version.pk
    assert (entry.open_version_id, entry.open_state) == (None, "")
    assert entry.last_approved_at == LATER
    assert entry.next_review_due == dt.date(2026, 9, 16)

    assert actions_after(mark) == [
        (
            "entry.approve",
            {
                "unit": "unit-a",
                "item": "G.1",
                "version": 1,
                "step": 1,
                "correct": True,
                "complete": True,
                "current": True,
            },
        ),
        (
            "entry.publish",
            {"unit": "unit-a", "item": "G.1", "version": 1, "replaces": None, "next_review_due": "2026-09-16"},
        ),
    ]
    assert [message.to for message in mail.outbox] == [["editor_a@example.go.th"]]
    assert mail.outbox[0].subject == "[Prongsai] G.1 อนุมัติและเผยแพร่แล้ว — กองเกษตร"
    assert mail.outbox[0].body == (
        "กองเกษตร\nG.1 เจตจำนงสุจริตของผู้บริหาร (ฉบับที่ 1) ได้รับอนุมัติและเผยแพร่แล้ว\n\n"
        f"Unit A\nG.1 Integrity statement (version 1) was approved and published.\n\n{entry_links(entry)}\n"
    )


@pytest.mark.parametrize(
    "verdicts",
    [
        Verdicts(correct=False, complete=True, current=True),
        Verdicts(correct=True, complete=False, current=True),
        Verdicts(correct=True, complete=True, current=False),
        Verdicts(correct=False, complete=False, current=False, comment="ไม่ผ่าน"),
    ],
    ids=["not-correct", "not-complete", "not-current", "none"],
)
def test_approval_needs_all_three_verdicts(world: World, verdicts: Verdicts) -> None:
    version = submitted(world, "M.2")
    mark = last_sequence()
    with pytest.raises(ValidationError) as error:
        version_approve(actor=world.person("reviewer4_a"), version=version, verdicts=verdicts, now=NOW)
    assert messages_of(error) == [
        "Approve only when the information is correct, complete and current; otherwise return it."
    ]
    version.refresh_from_db()
    assert version.state == "submitted"
    assert not Review.objects.filter(version=version).exists()
    assert world.entry(world.unit_a, "M.2").published_version_id is None
    assert events_after(mark) == []


def test_a_reviewer_cannot_decide_on_their_own_submission(world: World) -> None:
    root = world.person("root")
    both = make_person("editor_and_reviewer")
    role_assign(actor=root, role=Role.EDITOR, organization=world.unit_a, user=both)
    role_assign(actor=root, role=Role.REVIEWER_4, organization=world.unit_a, user=both)
    both = world.person("editor_and_reviewer")
    version = version_save_draft(
        actor=both, entry=world.entry(world.unit_a, "M.2"), content=content_for("M.2"), now=NOW
    )
    version_submit(actor=both, version=version, now=NOW)
    mark = last_sequence()

    for decide, verdicts in ((version_approve, ALL_PASS), (version_return, Verdicts(False, True, True, comment="x"))):
        with pytest.raises(ReviewerIsAuthor, match=r"^You cannot review a version you submitted yourself\.$"):
            decide(actor=world.person("editor_and_reviewer"), version=version, verdicts=verdicts, now=NOW)
    assert not Review.objects.filter(version=version).exists()
    assert events_after(mark) == []

    # The other step-4 reviewer may.
    version_approve(actor=world.person("reviewer4_a"), version=version, verdicts=ALL_PASS, now=NOW)
    assert review_rows(version) == [("reviewer4_a", 4, "approve", True, True, True)]


def test_approve_rechecks_the_bilingual_rule(world: World) -> None:
    # Submitted with Thai only while the item did not require English; the checklist then changed.
    version = submitted(world, "M.2")
    item = world.item("M.2")
    item.bilingual_required = True
    item.save(update_fields=["bilingual_required"])
    mark = last_sequence()
    with pytest.raises(ValidationError) as error:
        version_approve(actor=world.person("reviewer4_a"), version=version, verdicts=ALL_PASS, now=NOW)
    assert messages_of(error) == ["M.2 must be published in both Thai and English; the English version is missing."]
    version.refresh_from_db()
    assert (version.state, version.decided_at, version.published_at) == ("submitted", None, None)
    assert not Review.objects.filter(version=version).exists()
    assert world.entry(world.unit_a, "M.2").published_version_id is None
    assert events_after(mark) == []


def test_approve_rechecks_both_languages_of_the_bilingual_item(world: World) -> None:
    version = submitted(world, "G.1")
    # The English text disappears while the version waits (e.g. corrected in the database by support).
    EntryVersion.objects.filter(pk=version.pk).update(body_en="")
    with pytest.raises(ValidationError) as error:
        version_approve(actor=world.person("reviewer1_a"), version=version, verdicts=ALL_PASS, now=NOW)
    assert messages_of(error) == ["G.1 must be published in both Thai and English; the English version is missing."]
    assert world.entry(world.unit_a, "G.1").published_version_id is None


@pytest.mark.parametrize(
    ("state_of", "decide", "message"),
    [
        ("draft", "approve", "cannot approve a version that is draft"),
        ("draft", "return", "cannot return a version that is draft"),
        ("approved", "approve", "cannot approve a version that is approved"),
        ("approved", "return", "cannot return a version that is approved"),
        ("returned", "approve", "cannot approve a version that is returned"),
        ("discarded", "return", "cannot return a version that is discarded"),
    ],
)
def test_only_a_submitted_version_can_be_decided(
    world: World, publish: Publisher, state_of: str, decide: str, message: str
) -> None:
    reviewer = world.person("reviewer3_a")
    if state_of == "approved":
        version = publish(world.entry(world.unit_a, "M.1"))
    else:
        version = draft(world, "M.1")
        if state_of == "returned":
            version_submit(actor=world.person("editor_a"), version=version, now=NOW)
            version_return(actor=reviewer, version=version, verdicts=Verdicts(False, True, True, comment="แก้"), now=NOW)
        elif state_of == "discarded":
            version_discard(actor=world.person("editor_a"), version=version, now=NOW)
    reviews_before = Review.objects.count()
    service = version_approve if decide == "approve" else version_return
    verdicts = ALL_PASS if decide == "approve" else Verdicts(False, True, True, comment="แก้")
    with pytest.raises(IllegalTransition) as error:
        service(actor=world.person("reviewer3_a"), version=version, verdicts=verdicts, now=LATER)
    assert str(error.value) == message
    assert Review.objects.count() == reviews_before


# --- return -----------------------------------------------------------------------------------------


def test_return_needs_a_comment(world: World) -> None:
    version = submitted(world, "M.1")
    mark = last_sequence()
    for verdicts in (Verdicts(False, True, True), Verdicts(False, False, False, comment="   ", current_comment="\n")):
        with pytest.raises(ValidationError) as error:
            version_return(actor=world.person("reviewer3_a"), version=version, verdicts=verdicts, now=NOW)
        assert messages_of(error) == ["Say what needs to change: a returned version needs a comment."]
    version.refresh_from_db()
    assert version.state == "submitted"
    assert not Review.objects.filter(version=version).exists()
    assert events_after(mark) == []


@pytest.mark.parametrize("field", ["comment", "correct_comment", "complete_comment", "current_comment"])
def test_any_one_comment_is_enough_to_return(world: World, field: str) -> None:
    version = submitted(world, "M.1")
    verdicts = Verdicts(correct=True, complete=False, current=True, **{field: "  ขาดงบประมาณ  "})
    review = version_return(actor=world.person("reviewer3_a"), version=version, verdicts=verdicts, now=NOW)
    review.refresh_from_db()
    assert getattr(review, field) == "ขาดงบประมาณ"


def test_return_sends_the_version_back_with_the_verdicts(
    world: World, django_capture_on_commit_callbacks: Any, entry_links: Callable[[Entry], str]
) -> None:
    version = submitted(world, "M.1")
    reviewer = world.person("reviewer3_a")
    mark = last_sequence()
    verdicts = Verdicts(
        correct=True, complete=False, current=True, complete_comment="ไม่มีงบประมาณ", comment="โปรดเพิ่มงบประมาณ"
    )
    with django_capture_on_commit_callbacks(execute=True):
        review = version_return(actor=reviewer, version=version, verdicts=verdicts, now=LATER)

    assert review_rows(version) == [("reviewer3_a", 3, "return", True, False, True)]
    review.refresh_from_db()
    assert (review.complete_comment, review.comment, review.created_at) == ("ไม่มีงบประมาณ", "โปรดเพิ่มงบประมาณ", LATER)
    version.refresh_from_db()
    assert (version.state, version.decided_by_id, version.decided_at, version.published_at) == (
        "returned",
        reviewer.pk,
        LATER,
        None,
    )
    entry = world.entry(world.unit_a, "M.1")
    assert (entry.open_version_id, entry.open_state, entry.published_version_id) == (version.pk, "returned", None)
    assert actions_after(mark) == [
        (
            "entry.return",
            {
                "unit": "unit-a",
                "item": "M.1",
                "version": 1,
                "step": 3,
                "comment": "โปรดเพิ่มงบประมาณ",
                "correct": True,
                "complete": False,
                "current": True,
            },
        )
    ]
    assert [message.to for message in mail.outbox] == [["editor_a@example.go.th"]]
    assert mail.outbox[0].subject == "[Prongsai] M.1 ส่งกลับให้แก้ไข — กองเกษตร"
    assert mail.outbox[0].body == (
        "กองเกษตร\nM.1 คู่มือการปฏิบัติงาน (ฉบับที่ 1) ถูกส่งกลับให้แก้ไข\n"
        "ความเห็นของผู้ตรวจสอบ:\nไม่มีงบประมาณ\nโปรดเพิ่มงบประมาณ\n\n"
        "Unit A\nM.1 Operating manual (version 1) was returned for changes.\n"
        f"The reviewer's comments:\nไม่มีงบประมาณ\nโปรดเพิ่มงบประมาณ\n\n{entry_links(entry)}\n"
    )


def test_fixing_a_returned_version_starts_a_new_one_based_on_it(world: World, media_root: Path) -> None:
    version = draft(world, "M.1", add_documents=[NewDocument(upload("manual.pdf", pdf_bytes()))])
    version_submit(actor=world.person("editor_a"), version=version, now=NOW)
    version_return(
        actor=world.person("reviewer3_a"), version=version, verdicts=Verdicts(True, False, True, comment="x"), now=NOW
    )

    fixed = draft(world, "M.1", content=content_for("M.1", text="ฉบับแก้ไข"), now=LATER)
    assert (fixed.number, fixed.state, fixed.based_on_id) == (2, "draft", version.pk)
    version.refresh_from_db()
    assert version.state == "returned"
    assert list(fixed.documents.values_list("original_name", "file")) == list(
        version.documents.values_list("original_name", "file")
    )
    entry = world.entry(world.unit_a, "M.1")
    assert (entry.open_version_id, entry.open_state) == (fixed.pk, "draft")
    assert len(stored_files(media_root)) == 1
    # The new version goes through review again and is published.
    version_submit(actor=world.person("editor_a"), version=fixed, now=LATER)
    version_approve(actor=world.person("reviewer3_a"), version=fixed, verdicts=ALL_PASS, now=LATER)
    assert review_rows(version) == [("reviewer3_a", 3, "return", True, False, True)]
    assert review_rows(fixed) == [("reviewer3_a", 3, "approve", True, True, True)]
    assert world.entry(world.unit_a, "M.1").published_version_id == fixed.pk


# --- changes after publication ----------------------------------------------------------------------


def test_a_change_after_publication_is_a_new_version_until_it_is_approved(world: World, publish: Publisher) -> None:
    v1 = publish(world.entry(world.unit_a, "M.2"), now=NOW)
    second_now = dt.datetime(2026, 5, 4, 9, 0, tzinfo=BANGKOK)

    v2 = draft(world, "M.2", content=content_for("M.2", text="ช่องทางใหม่", as_of=second_now.date()), now=second_now)
    assert (v2.number, v2.state, v2.based_on_id) == (2, "draft", v1.pk)
    entry = world.entry(world.unit_a, "M.2")
    assert (entry.published_version_id, entry.open_version_id, entry.open_state) == (v1.pk, v2.pk, "draft")

    version_submit(actor=world.person("editor_a"), version=v2, now=second_now)
    entry = world.entry(world.unit_a, "M.2")
    v1.refresh_from_db()
    assert (entry.published_version_id, entry.open_state, entry.next_review_due) == (
        v1.pk,
        "submitted",
        dt.date(2026, 9, 16),
    )
    assert (v1.state, v1.superseded_at) == ("approved", None)

    mark = last_sequence()
    version_approve(actor=world.person("reviewer4_a"), version=v2, verdicts=ALL_PASS, now=second_now)
    entry = world.entry(world.unit_a, "M.2")
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (entry.published_version_id, entry.open_version_id, entry.open_state) == (v2.pk, None, "")
    assert (entry.last_approved_at, entry.next_review_due) == (second_now, dt.date(2026, 11, 4))
    assert (v1.state, v1.published_at, v1.superseded_at) == ("approved", NOW, second_now)
    assert (v2.state, v2.published_at, v2.superseded_at) == ("approved", second_now, None)
    assert actions_after(mark)[1] == (
        "entry.publish",
        {"unit": "unit-a", "item": "M.2", "version": 2, "replaces": 1, "next_review_due": "2026-11-04"},
    )
    assert list(EntryVersion.objects.filter(entry=entry).order_by("number").values_list("number", "state")) == [
        (1, "approved"),
        (2, "approved"),
    ]


# --- next review date --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "approved_at", "due"),
    [
        ("G.1", dt.datetime(2026, 3, 16, 10, 0, tzinfo=BANGKOK), dt.date(2026, 9, 16)),
        ("M.2", dt.datetime(2025, 8, 31, 10, 0, tzinfo=BANGKOK), dt.date(2026, 2, 28)),
        ("M.2", dt.datetime(2023, 8, 31, 10, 0, tzinfo=BANGKOK), dt.date(2024, 2, 29)),
        ("P.1", dt.datetime(2026, 1, 31, 10, 0, tzinfo=BANGKOK), dt.date(2026, 2, 28)),
        ("P.1", dt.datetime(2026, 3, 16, 10, 0, tzinfo=BANGKOK), dt.date(2026, 4, 16)),
        # 23:30 on 31 March in Bangkok: the Bangkok date counts, not the UTC one.
        ("P.1", dt.datetime(2026, 3, 31, 23, 30, tzinfo=BANGKOK), dt.date(2026, 4, 30)),
        # 18:00 UTC on 31 March is already 1 April in Bangkok.
        ("P.1", dt.datetime(2026, 3, 31, 18, 0, tzinfo=dt.UTC), dt.date(2026, 5, 1)),
        ("M.1", dt.datetime(2026, 3, 16, 10, 0, tzinfo=BANGKOK), dt.date(2026, 9, 16)),
        ("M.1", dt.datetime(2026, 5, 10, 10, 0, tzinfo=BANGKOK), dt.date(2026, 10, 1)),
        ("M.1", dt.datetime(2026, 9, 30, 10, 0, tzinfo=BANGKOK), dt.date(2026, 10, 1)),
        ("M.1", dt.datetime(2026, 10, 1, 10, 0, tzinfo=BANGKOK), dt.date(2027, 4, 1)),
    ],
)
def test_next_review_due_follows_the_items_currency_rule(
    world: World, publish: Publisher, code: str, approved_at: dt.datetime, due: dt.date
) -> None:
    version = publish(
        world.entry(world.unit_a, code),
        now=approved_at,
        content=content_for(code, as_of=dt.date(2023, 8, 1)),
    )
    entry = world.entry(world.unit_a, code)
    assert entry.published_version_id == version.pk
    assert entry.next_review_due == due
    assert entry.last_approved_at == approved_at


# --- nothing to publish -----------------------------------------------------------------------------


def test_a_dated_declaration_is_published_where_the_item_allows_it(world: World) -> None:
    content = DraftContent(nothing_to_publish=True, as_of=dt.date(2026, 2, 28), nothing_note_th="ไม่มีการจัดซื้อจัดจ้าง")
    version = submitted(world, "P.1", content=content)
    version_approve(actor=world.person("group_reviewer"), version=version, verdicts=ALL_PASS, now=NOW)
    version.refresh_from_db()
    assert (version.state, version.nothing_to_publish, version.as_of) == ("approved", True, dt.date(2026, 2, 28))
    assert (version.body_th, version.body_en, version.nothing_note_th) == ("", "", "ไม่มีการจัดซื้อจัดจ้าง")
    assert review_rows(version) == [("group_reviewer", 2, "approve", True, True, True)]
    entry = world.entry(world.unit_a, "P.1")
    assert (entry.published_version_id, entry.next_review_due) == (version.pk, dt.date(2026, 4, 16))


def test_a_declaration_cannot_carry_a_document(world: World, media_root: Path) -> None:
    entry = world.entry(world.unit_a, "P.1")
    with pytest.raises(ValidationError) as error:
        version_save_draft(
            actor=world.person("editor_a"),
            entry=entry,
            content=DraftContent(nothing_to_publish=True, as_of=TODAY, nothing_note_th="ไม่มีการจัดซื้อจัดจ้าง"),
            add_documents=[NewDocument(upload("summary.pdf", pdf_bytes()))],
            now=NOW,
        )
    assert messages_of(error) == [DECLARATION_DOCUMENTS]
    assert not EntryVersion.objects.filter(entry=entry).exists()
    assert stored_files(media_root) == []


def test_a_declaration_after_a_published_summary_does_not_inherit_its_documents(
    world: World, publish: Publisher
) -> None:
    entry = world.entry(world.unit_a, "P.1")
    publish(entry, documents=(NewDocument(upload("summary-feb.pdf", pdf_bytes())),))
    april = dt.datetime(2026, 4, 20, 9, 0, tzinfo=BANGKOK)
    declaration = DraftContent(nothing_to_publish=True, as_of=dt.date(2026, 3, 31), nothing_note_th="ไม่มีการจัดซื้อจัดจ้าง")
    # Either fix is right: refuse the declaration, or start it without the summary's documents.
    refusal: list[str] | None
    try:
        version = version_save_draft(actor=world.person("editor_a"), entry=entry, content=declaration, now=april)
    except ValidationError as error:
        refusal = error.messages
    else:
        refusal = None
        assert list(version.documents.values_list("original_name", flat=True)) == []
    assert refusal in (None, [DECLARATION_CONTENT])


# --- documents ---------------------------------------------------------------------------------------

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(
    ("name", "make", "media_type", "extension", "language"),
    [
        ("แผนปฏิบัติราชการ.pdf", pdf_bytes, "application/pdf", ".pdf", "th"),
        ("Manual.DOCX", docx_bytes, WORD, ".docx", "en"),
        ("procurement.xlsx", xlsx_bytes, EXCEL, ".xlsx", "both"),
        ("chart.png", png_bytes, "image/png", ".png", "th"),
    ],
)
def test_real_documents_are_accepted_and_stored_by_content_hash(
    world: World,
    media_root: Path,
    name: str,
    make: Callable[[], bytes],
    media_type: str,
    extension: str,
    language: str,
) -> None:
    import hashlib

    content = make()
    sha = hashlib.sha256(content).hexdigest()
    mark = last_sequence()
    version = draft(
        world, "M.1", add_documents=[NewDocument(upload(f"folder/{name}", content), language=language, title="  ชื่อ  ")]
    )
    [document] = Document.objects.filter(version=version)
    assert (document.original_name, document.title, document.language) == (name, "ชื่อ", language)
    assert (document.media_type, document.extension, document.size, document.sha256) == (
        media_type,
        extension,
        len(content),
        sha,
    )
    assert document.position == 1
    assert document.file.name == f"documents/{sha[:2]}/{sha}{extension}"
    assert stored_files(media_root) == [f"documents/{sha[:2]}/{sha}{extension}"]
    assert (media_root / document.file.name).read_bytes() == content
    [event] = events_after(mark)
    assert event.data["documents_added"] == [name]


def _oversized(settings: Any) -> bytes:
    settings.PRONGSAI_MAX_DOCUMENT_BYTES = 500
    return pdf_bytes()


REFUSED = [
    (
        "notes.pdf",
        lambda s: b"Minutes of the meeting, plain text.\n",
        "“notes.pdf” is not a PDF, Word (DOCX), Excel (XLSX) or image file.",
    ),
    (
        "chart.pdf",
        lambda s: png_bytes(),
        "The extension of “chart.pdf” does not match its content (.png).",
    ),
    ("plan.docx", lambda s: pdf_bytes(), "The extension of “plan.docx” does not match its content (.pdf)."),
    ("empty.pdf", lambda s: b"", "“empty.pdf” is empty."),
    ("big.pdf", _oversized, "“big.pdf” is larger than the limit of 500\xa0bytes."),
    ("manual.docx", lambda s: zip_bomb_bytes(), "“manual.docx” expands to an unreasonable size and was refused."),
    ("broken.pdf", lambda s: corrupt_pdf_bytes(), "“broken.pdf” is damaged and cannot be opened."),
    ("truncated.pdf", lambda s: pdf_bytes()[:300], "“truncated.pdf” is damaged and cannot be opened."),
    ("blank.pdf", lambda s: pageless_pdf_bytes(), "“blank.pdf” has no pages."),
    (
        "animation.gif",
        lambda s: gif_bytes(),
        "“animation.gif” is not a PDF, Word (DOCX), Excel (XLSX) or image file.",
    ),
    (
        "archive.docx",
        lambda s: _zip({"readme.txt": b"hello"}),
        "“archive.docx” is not a PDF, Word (DOCX), Excel (XLSX) or image file.",
    ),
]


def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "make", "message"), REFUSED, ids=[case[0] for case in REFUSED])
def test_refused_upload_stores_nothing(
    world: World, media_root: Path, settings: Any, name: str, make: Callable[[Any], bytes], message: str
) -> None:
    entry = world.entry(world.unit_a, "M.1")
    content = make(settings)
    mark = last_sequence()
    with pytest.raises(ValidationError) as error:
        version_save_draft(
            actor=world.person("editor_a"),
            entry=entry,
            content=content_for("M.1"),
            add_documents=[NewDocument(upload(name, content))],
            now=NOW,
        )
    assert messages_of(error) == [message]
    assert not EntryVersion.objects.filter(entry=entry).exists()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []
    assert events_after(mark) == []
    entry.refresh_from_db()
    assert (entry.open_version_id, entry.open_state) == (None, "")


def test_a_refused_upload_leaves_an_existing_draft_as_it_was(world: World, media_root: Path) -> None:
    version = draft(world, "M.1", add_documents=[NewDocument(upload("manual.pdf", pdf_bytes()))])
    files_before = stored_files(media_root)
    with pytest.raises(ValidationError) as error:
        draft(
            world,
            "M.1",
            content=content_for("M.1", text="เปลี่ยน"),
            add_documents=[NewDocument(upload("extra.pdf", png_bytes())), NewDocument(upload("ok.xlsx", xlsx_bytes()))],
        )
    assert messages_of(error) == ["The extension of “extra.pdf” does not match its content (.png)."]
    version.refresh_from_db()
    assert version.body_th == "<p>ข้อมูล</p>"
    assert list(version.documents.values_list("original_name", flat=True)) == ["manual.pdf"]
    assert stored_files(media_root) == files_before


def test_a_text_file_is_refused_as_an_unsupported_type(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        draft(world, "M.1", add_documents=[NewDocument(upload("notes.txt", b"Minutes of the meeting.\n"))])
    assert messages_of(error) == ["“notes.txt” is not a PDF, Word (DOCX), Excel (XLSX) or image file."]


def test_too_many_documents_roll_back_the_whole_draft(world: World, media_root: Path, settings: Any) -> None:
    settings.PRONGSAI_MAX_DOCUMENTS_PER_VERSION = 1
    entry = world.entry(world.unit_a, "M.1")
    mark = last_sequence()
    with pytest.raises(ValidationError) as error:
        version_save_draft(
            actor=world.person("editor_a"),
            entry=entry,
            content=content_for("M.1"),
            add_documents=[NewDocument(upload("a.pdf", pdf_bytes())), NewDocument(upload("b.png", png_bytes()))],
            now=NOW,
        )
    assert messages_of(error) == ["A version can carry at most 1 documents."]
    assert not EntryVersion.objects.filter(entry=entry).exists()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []
    assert events_after(mark) == []


def test_documents_are_carried_into_the_next_version_without_copying_files(
    world: World, publish: Publisher, media_root: Path
) -> None:
    entry = world.entry(world.unit_a, "M.1")
    v1 = publish(
        entry,
        documents=(
            NewDocument(upload("manual.pdf", pdf_bytes()), title="คู่มือ"),
            NewDocument(upload("table.xlsx", xlsx_bytes()), language="both"),
        ),
    )
    v2 = draft(world, "M.1", content=content_for("M.1", text="ฉบับปรับปรุง"), now=LATER)
    fields = ("original_name", "title", "language", "media_type", "size", "sha256", "position", "file")
    assert list(v2.documents.order_by("position").values_list(*fields)) == list(
        v1.documents.order_by("position").values_list(*fields)
    )
    assert [d.position for d in v1.documents.order_by("position")] == [1, 2]
    assert len(stored_files(media_root)) == 2

    mark = last_sequence()
    to_remove = v2.documents.get(original_name="manual.pdf")
    draft(
        world,
        "M.1",
        content=content_for("M.1", text="ฉบับปรับปรุง"),
        remove_document_ids=[to_remove.pk],
        add_documents=[NewDocument(upload("chart.png", png_bytes()))],
        now=LATER,
    )
    assert list(v2.documents.order_by("position").values_list("original_name", "position")) == [
        ("table.xlsx", 2),
        ("chart.png", 3),
    ]
    assert list(v1.documents.order_by("position").values_list("original_name", flat=True)) == [
        "manual.pdf",
        "table.xlsx",
    ]
    [event] = events_after(mark)
    assert (event.action, event.data["documents_added"], event.data["documents_removed"]) == (
        "entry.draft_edit",
        ["chart.png"],
        ["manual.pdf"],
    )
    assert len(stored_files(media_root)) == 3


# --- one transaction ---------------------------------------------------------------------------------


class AuditStoreDown(Exception):
    pass


def _failing_audit(fail_on_call: int) -> Callable[..., Any]:
    calls = {"n": 0}
    real = services.audit_record

    def record(**kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == fail_on_call:
            raise AuditStoreDown
        return real(**kwargs)

    return record


def test_a_failing_audit_write_rolls_back_the_draft(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = world.entry(world.unit_a, "M.1")
    monkeypatch.setattr(services, "audit_record", _failing_audit(1))
    mark = last_sequence()
    with pytest.raises(AuditStoreDown):
        version_save_draft(actor=world.person("editor_a"), entry=entry, content=content_for("M.1"), now=NOW)
    assert not EntryVersion.objects.filter(entry=entry).exists()
    entry.refresh_from_db()
    assert (entry.open_version_id, entry.open_state) == (None, "")
    assert events_after(mark) == []


def test_a_failing_publish_event_rolls_back_the_approval_and_its_event(
    world: World, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    version = submitted(world, "M.2")
    monkeypatch.setattr(services, "audit_record", _failing_audit(2))  # entry.approve succeeds, entry.publish fails
    mark = last_sequence()
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(AuditStoreDown):
        version_approve(actor=world.person("reviewer4_a"), version=version, verdicts=ALL_PASS, now=NOW)
    assert app_callbacks(callbacks) == []
    version.refresh_from_db()
    assert (version.state, version.decided_at, version.published_at) == ("submitted", None, None)
    assert not Review.objects.filter(version=version).exists()
    entry = world.entry(world.unit_a, "M.2")
    assert (entry.published_version_id, entry.open_state, entry.next_review_due) == (None, "submitted", None)
    assert events_after(mark) == []


def test_a_rolled_back_draft_leaves_no_document_file(
    world: World, media_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "audit_record", _failing_audit(1))
    with pytest.raises(AuditStoreDown):
        draft(world, "M.1", add_documents=[NewDocument(upload("manual.pdf", pdf_bytes()))])
    assert not Document.objects.exists()
    assert stored_files(media_root) == []
