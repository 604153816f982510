"""Receiving and handling submissions through the services: rows, audit events, mail, limits and transitions."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from prongsai.audit.models import AuditEvent
from prongsai.channels import services
from prongsai.channels.lifecycle import IllegalStatusChange, Outcome, Status
from prongsai.channels.models import Submission, SubmissionEvent
from prongsai.channels.services import (
    submission_assign,
    submission_close,
    submission_reply,
    submission_status_set,
)
from tests.register.conftest import events_after, last_sequence
from tests.register.documents import gif_bytes, pdf_bytes, png_bytes, upload

from ..callbacks import app_callbacks
from .conftest import NOW, World, sample, send

PERSONAL = ("สมชาย", "somchai", "081 234 5678", "รอคิว", "วันที่ 10 มีนาคม")


def _no_personal_data(events: list[AuditEvent]) -> None:
    for event in events:
        text = repr(event.data) + event.actor_label + event.object_id
        for fragment in PERSONAL:
            assert fragment not in text
        for submission in Submission.objects.all():
            assert submission.tracking_code not in text


def test_a_complaint_is_stored_exactly_with_its_code_and_due_date(world: World, settings: Any) -> None:
    mark = last_sequence()
    submission = send(world.unit_a)
    row = Submission.objects.values(
        "kind", "organization_id", "topic", "subject", "message", "name", "email", "phone", "is_anonymous",
        "language", "status", "outcome", "due_date", "closed_at", "attachment_path", "assigned_to_id",
    ).get(pk=submission.pk)  # fmt: skip
    assert row == {
        "kind": "complaint",
        "organization_id": world.unit_a.pk,
        "topic": "service_delay",
        "subject": "รอคิวนานเกินไป",
        "message": "วันที่ 10 มีนาคม รอรับบริการนานสามชั่วโมง",
        "name": "สมชาย ใจดี",
        "email": "somchai@example.com",
        "phone": "081 234 5678",
        "is_anonymous": False,
        "language": "th",
        "status": "received",
        "outcome": "",
        "due_date": dt.date(2026, 3, 31),
        "closed_at": None,
        "attachment_path": "",
        "assigned_to_id": None,
    }
    assert submission.tracking_code.startswith("C-")
    assert len(submission.client_hash) == 64
    assert "198.51.100.7" not in submission.client_hash
    events = events_after(mark)
    assert [(e.action, e.actor_label, e.organization_id, e.data) for e in events] == [
        (
            "channel.submit",
            "public",
            world.unit_a.pk,
            {
                "kind": "complaint",
                "topic": "service_delay",
                "anonymous": False,
                "attachment": False,
                "language": "th",
                "due_date": "2026-03-31",
            },
        )
    ]
    _no_personal_data(events)


def test_due_days_come_from_the_settings_per_kind(world: World, settings: Any) -> None:
    assert send(world.unit_a, sample("opinion")).due_date == dt.date(2026, 4, 15)
    settings.PRONGSAI_OPINION_DUE_DAYS = 7
    settings.PRONGSAI_COMPLAINT_DUE_DAYS = 3
    assert send(world.unit_a, sample("opinion"), ip="1").due_date == dt.date(2026, 3, 23)
    assert send(world.unit_a, sample("complaint"), ip="2").due_date == dt.date(2026, 3, 19)


def test_anonymous_submissions_keep_no_contact_even_if_posted(world: World) -> None:
    submission = send(world.unit_a, sample(anonymous=True, email="not-an-address"))
    submission.refresh_from_db()
    assert (submission.is_anonymous, submission.name, submission.email, submission.phone) == (True, "", "", "")
    assert mail.outbox == []


def test_mail_goes_out_on_commit_with_the_code(world: World, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submission = send(world.unit_b, sample(email="visitor@example.com"), language="en")
    assert len(app_callbacks(callbacks)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["visitor@example.com"]
    assert message.subject == f"Your tracking code {submission.tracking_code}"
    assert submission.tracking_code in message.body
    assert "http://127.0.0.1:8000/en/track/" in message.body
    assert "31 March 2026" in message.body


def test_no_mail_without_an_address(world: World, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send(world.unit_a, sample(email=""))
    assert app_callbacks(callbacks) == []
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"topic": "fraud", "kind": "opinion"}, {"topic": ["Choose a topic from the list."]}),
        ({"topic": ""}, {"topic": ["Choose a topic from the list."]}),
        ({"subject": "   "}, {"subject": ["Enter a subject."]}),
        ({"subject": "ก" * 201}, {"subject": ["Keep the subject to 200 characters or fewer; it has 201."]}),
        ({"message": "\x00\x01 "}, {"message": ["Enter your message."]}),
        ({"message": "x" * 5001}, {"message": ["Keep the message to 5000 characters or fewer; it has 5001."]}),
        ({"name": "n" * 201}, {"name": ["Keep the name to 200 characters or fewer; it has 201."]}),
        ({"email": "somchai@"}, {"email": ["Enter an e-mail address such as name@example.com."]}),
        ({"phone": "12345"}, {"phone": ["Enter a phone number of 9 to 15 digits, such as 02 123 4567."]}),
        ({"phone": "02-123-4567 ต่อ 5"}, {"phone": ["Enter a phone number of 9 to 15 digits, such as 02 123 4567."]}),
        (
            {"subject": "", "message": "", "topic": "x"},
            {
                "topic": ["Choose a topic from the list."],
                "subject": ["Enter a subject."],
                "message": ["Enter your message."],
            },
        ),
    ],
)
def test_bad_input_is_refused_with_its_message_and_nothing_is_stored(
    world: World, overrides: dict[str, Any], expected: dict[str, list[str]]
) -> None:
    mark = last_sequence()
    with pytest.raises(ValidationError) as caught:
        send(world.unit_a, sample(**overrides))
    assert caught.value.message_dict == expected
    assert Submission.objects.count() == 0
    assert events_after(mark) == []


def test_thai_messages_on_thai_pages(world: World) -> None:
    with translation.override("th"), pytest.raises(ValidationError) as caught:
        send(world.unit_a, sample(subject="", email="x@"))
    assert caught.value.message_dict == {
        "subject": ["กรุณากรอกเรื่อง"],
        "email": ["กรุณากรอกอีเมลให้ถูกต้อง เช่น name@example.com"],
    }


def test_text_is_cleaned_of_control_characters_and_thai_is_normalized(world: World) -> None:
    submission = send(world.unit_a, sample(subject="  ขอ\x00บคุณ  มาก ", message="บรรทัดแรก\r\n\x07บรรทัดสอง"))
    assert (submission.subject, submission.message) == ("ขอบคุณ มาก", "บรรทัดแรก\nบรรทัดสอง")


def test_invisible_and_bidi_characters_are_not_stored_and_line_breaks_are_kept(world: World) -> None:
    submission = send(
        world.unit_a,
        sample(
            subject="\ufeffรอ\u200dคิว\u202eนาน",
            message="\ufeffบรรทัด\u200dแรก\u202e  ยาว\r\n\r\n\u2066บรรทัด\u2069สอง\u200e\n",
            name="สม\u200dชาย\u202c ใจดี",
        ),
    )

    submission.refresh_from_db()
    assert (submission.subject, submission.message, submission.name) == (
        "รอคิวนาน",
        "บรรทัดแรก ยาว\n\nบรรทัดสอง",
        "สมชาย ใจดี",
    )


def test_a_telephone_in_thai_digits_is_accepted_and_stored_in_ascii_digits(world: World) -> None:
    submission = send(world.unit_a, sample(phone="๐๘๑ ๒๓๔ ๕๖๗\u200b๘"))

    submission.refresh_from_db()
    assert submission.phone == "081 234 5678"


def test_an_attachment_is_checked_and_kept_privately(world: World, attachment_root: Path) -> None:
    content = pdf_bytes()
    submission = send(world.unit_a, sample(attachment=upload("หลักฐาน.pdf", content)))
    assert submission.attachment_name == "หลักฐาน.pdf"
    assert submission.attachment_type == "application/pdf"
    assert submission.attachment_size == len(content)
    assert (attachment_root / submission.attachment_path).read_bytes() == content
    assert not str(attachment_root).startswith(str(Path(str(__import__("django.conf").conf.settings.MEDIA_ROOT))))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("picture.gif", gif_bytes(), "“picture.gif” is not a PDF, Word (DOCX), Excel (XLSX) or image file."),
        ("photo.pdf", png_bytes(), "The extension of “photo.pdf” does not match its content (.png)."),
        ("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "“big.pdf” is larger than the limit of 5.0\xa0MB."),
    ],
)
def test_a_bad_attachment_stores_nothing(
    world: World, attachment_root: Path, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        send(world.unit_a, sample(attachment=upload(name, content)))
    assert caught.value.message_dict == {"attachment": [message]}
    assert Submission.objects.count() == 0
    assert list(attachment_root.rglob("*")) == []


def test_a_refused_submission_removes_the_file_it_stored(world: World, attachment_root: Path, settings: Any) -> None:
    settings.PRONGSAI_CHANNEL_SUBMISSIONS_PER_HOUR = 0
    with pytest.raises(ValidationError):
        send(world.unit_a, sample(attachment=upload("หลักฐาน.pdf", pdf_bytes())))
    assert [p for p in attachment_root.rglob("*") if p.is_file()] == []


def test_rate_limit_per_hour_and_per_day(world: World, settings: Any) -> None:
    settings.PRONGSAI_CHANNEL_SUBMISSIONS_PER_HOUR = 2
    settings.PRONGSAI_CHANNEL_SUBMISSIONS_PER_DAY = 3
    send(world.unit_a, now=NOW)
    send(world.unit_b, now=NOW + dt.timedelta(minutes=1))
    with pytest.raises(ValidationError) as caught:
        send(world.unit_a, now=NOW + dt.timedelta(minutes=2))
    assert caught.value.code == "rate_limited"
    assert caught.value.messages == [
        "You have sent 2 messages in the past hour, the most we accept from one connection. "
        "Please try again in an hour."
    ]
    send(world.unit_a, ip="203.0.113.9", now=NOW + dt.timedelta(minutes=2))  # another connection is not limited
    send(world.unit_a, now=NOW + dt.timedelta(minutes=61))
    with pytest.raises(ValidationError) as caught:
        send(world.unit_a, now=NOW + dt.timedelta(hours=3))
    assert caught.value.messages == [
        "You have sent 3 messages in the past day, the most we accept from one connection. Please try again tomorrow."
    ]
    send(world.unit_a, now=NOW + dt.timedelta(hours=25))
    assert Submission.objects.count() == 5


def test_a_colliding_tracking_code_is_drawn_again(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    draws = iter([7, 7, 8])
    monkeypatch.setattr(services, "_random_bits", lambda: next(draws))
    first = send(world.unit_a)
    second = send(world.unit_a, ip="2")
    assert (first.tracking_code, second.tracking_code) == ("C-0000-0000-0007", "C-0000-0000-0008")
    assert Submission.objects.count() == 2


def test_the_database_refuses_broken_invariants(world: World) -> None:
    submission = send(world.unit_a)
    for change in (
        {"status": "closed"},
        {"outcome": "resolved"},
        {"is_anonymous": True},
        {"topic": "fraud", "kind": "opinion"},
        {"attachment_path": "ab/x.pdf"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Submission.objects.filter(pk=submission.pk).update(**change)


# --- handling ------------------------------------------------------------------------------------


def test_assign_reply_status_and_close(world: World) -> None:
    handler = world.person("reviewer4_a")
    submission = send(world.unit_a)
    mark = last_sequence()
    submission_assign(actor=handler, submission=submission, assignee=world.person("ict_monitor"), now=NOW)
    submission_status_set(actor=handler, submission=submission, status=Status.IN_PROGRESS, now=NOW)
    submission_reply(actor=handler, submission=submission, text="กำลังตรวจสอบ", public=False, now=NOW)
    submission_reply(actor=handler, submission=submission, text="ขออภัยในความล่าช้า", public=True, now=NOW)
    submission_close(actor=handler, submission=submission, outcome=Outcome.RESOLVED, now=NOW)
    submission.refresh_from_db()
    assert (submission.status, submission.outcome, submission.closed_at) == ("closed", "resolved", NOW)
    assert submission.assigned_to == world.person("ict_monitor")
    thread = list(
        SubmissionEvent.objects.filter(submission=submission).values_list("type", "text", "from_status", "to_status")
    )
    assert thread == [
        ("assignment", "", "", ""),
        ("status", "", "received", "in_progress"),
        ("note", "กำลังตรวจสอบ", "", ""),
        ("reply", "ขออภัยในความล่าช้า", "", ""),
        ("status", "", "in_progress", "answered"),
        ("status", "", "answered", "closed"),
    ]
    events = events_after(mark)
    assert [(e.action, e.actor_label, e.data) for e in events] == [
        ("channel.assign", "reviewer4_a", {"kind": "complaint", "assignee": "ict_monitor"}),
        ("channel.status", "reviewer4_a", {"kind": "complaint", "before": "received", "after": "in_progress"}),
        ("channel.note", "reviewer4_a", {"kind": "complaint", "status": "in_progress"}),
        ("channel.reply", "reviewer4_a", {"kind": "complaint", "status": "answered"}),
        ("channel.close", "reviewer4_a", {"kind": "complaint", "before": "answered", "outcome": "resolved"}),
    ]
    _no_personal_data(events)


def test_closing_needs_a_public_reply_or_a_note(world: World) -> None:
    handler = world.person("reviewer4_a")
    submission = send(world.unit_a)
    with pytest.raises(ValidationError) as caught:
        submission_close(actor=handler, submission=submission, outcome=Outcome.WITHDRAWN, now=NOW)
    assert caught.value.messages == ["Write a closing note for the sender: this case has no public reply yet."]
    submission.refresh_from_db()
    assert submission.status == "received"
    submission_close(actor=handler, submission=submission, outcome=Outcome.REFERRED, note="ส่งต่อกรมบัญชีกลาง", now=NOW)
    submission.refresh_from_db()
    assert (submission.status, submission.outcome) == ("closed", "referred")
    assert list(submission.events.filter(type="reply").values_list("text", flat=True)) == ["ส่งต่อกรมบัญชีกลาง"]


def test_illegal_transitions_change_nothing(world: World) -> None:
    handler = world.person("reviewer4_a")
    submission = send(world.unit_a)
    submission_close(actor=handler, submission=submission, outcome=Outcome.NOT_UPHELD, note="ไม่พบมูล", now=NOW)
    mark = last_sequence()
    with pytest.raises(IllegalStatusChange):
        submission_status_set(actor=handler, submission=submission, status=Status.IN_PROGRESS, now=NOW)
    with pytest.raises(IllegalStatusChange):
        submission_close(actor=handler, submission=submission, outcome=Outcome.RESOLVED, note="x", now=NOW)
    with pytest.raises(ValidationError, match=r"This case is closed; add an internal note instead\."):
        submission_reply(actor=handler, submission=submission, text="x", public=True, now=NOW)
    with pytest.raises(ValidationError, match=r"Close a case with its outcome\."):
        submission_status_set(actor=handler, submission=send(world.unit_a, ip="9"), status=Status.CLOSED, now=NOW)
    submission.refresh_from_db()
    assert (submission.status, submission.outcome) == ("closed", "not_upheld")
    assert [e.action for e in events_after(mark)] == ["channel.submit"]


def test_assigning_someone_who_does_not_handle_the_unit_is_refused(world: World) -> None:
    submission = send(world.unit_a)
    with pytest.raises(ValidationError) as caught:
        submission_assign(actor=world.person("reviewer4_a"), submission=submission, assignee=world.person("editor_a"))
    assert caught.value.messages == ["This person does not handle opinions and complaints for this unit."]


def test_replies_must_have_text(world: World) -> None:
    submission = send(world.unit_a)
    with pytest.raises(ValidationError) as caught:
        submission_reply(actor=world.person("reviewer4_a"), submission=submission, text=" \n ", public=True)
    assert caught.value.messages == ["Write the reply before sending it."]
    assert SubmissionEvent.objects.count() == 0
