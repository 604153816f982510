"""The public forms, receipt, status page and statistics through the Django test client."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from prongsai.channels import views
from prongsai.channels.lifecycle import Outcome, Status
from prongsai.channels.models import Submission
from prongsai.channels.services import submission_close, submission_reply, submission_status_set
from tests.register.conftest import TODAY
from tests.register.documents import gif_bytes, pdf_bytes, upload

from .conftest import World, sample, send

VALID = {
    "topic": "service_delay",
    "subject": "รอคิวนานเกินไป",
    "message": "รอรับบริการนานสามชั่วโมง",
    "name": "สมชาย ใจดี",
    "email": "somchai@example.com",
    "phone": "081 234 5678",
    "website": "",
}


def url(name: str, language: str = "th", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(f"channels:{name}", kwargs=kwargs)


def test_the_form_is_accessible_and_not_cached(world: World) -> None:
    response = Client().get(url("complaint_new", slug="unit-a"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'for="id_subject"' in html
    assert 'aria-describedby="hint_message"' in html
    assert 'autocomplete="email"' in html
    assert 'tabindex="-1"' in html
    assert 'class="hp" aria-hidden="true"' in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "<script" not in html
    topics = response.context["topics"]
    assert [value for value, _label in topics][:3] == ["service_delay", "staff_conduct", "fraud"]


def test_an_unknown_unit_has_no_form(world: World) -> None:
    assert Client().get(url("opinion_new", slug="nowhere")).status_code == 404


def test_a_valid_post_redirects_to_a_receipt_with_the_code(world: World) -> None:
    client = Client()
    response = client.post(url("complaint_new", slug="unit-a"), VALID)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert response["Location"] == "/th/track/receipt/"
    assert submission.tracking_code not in response["Location"]
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert submission.tracking_code in html
    assert submission.tracking_code not in receipt.request["PATH_INFO"]
    assert submission.language == "th"
    assert f"{submission.due_date.day} " in html


def test_the_form_takes_a_telephone_in_thai_digits_and_stores_ascii_digits(world: World) -> None:
    response = Client().post(url("complaint_new", slug="unit-a"), {**VALID, "phone": "๐๘๑ ๒๓๔ ๕๖๗๘"})

    assert response.status_code == 302
    assert list(Submission.objects.values_list("phone", flat=True)) == ["081 234 5678"]


def test_the_receipt_without_a_submission_says_so(world: World) -> None:
    response = Client().get(url("receipt", "en"))
    assert response.status_code == 200
    assert "No receipt to show" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "changes", "messages"),
    [
        ("en", {"subject": ""}, ["Enter a subject."]),
        ("en", {"topic": "procurement_x"}, ["Choose a topic from the list."]),
        ("en", {"email": "nobody"}, ["Enter an e-mail address such as name@example.com."]),
        ("th", {"subject": ""}, ["กรุณากรอกเรื่อง"]),
        ("th", {"message": ""}, ["กรุณากรอกข้อความ"]),
        ("th", {"phone": "123"}, ["กรุณากรอกหมายเลขโทรศัพท์ 9 ถึง 15 หลัก เช่น 02 123 4567"]),
    ],
)
def test_bad_input_is_listed_at_the_top_in_the_visitors_language(
    world: World, language: str, changes: dict[str, str], messages: list[str]
) -> None:
    response = Client().post(url("complaint_new", language, slug="unit-a"), {**VALID, **changes})
    assert response.status_code == 400
    html = response.content.decode()
    assert [message for _name, message in response.context["field_errors"]] == messages
    for message in messages:
        assert message in html
    assert 'class="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert Submission.objects.count() == 0


def test_the_honeypot_refuses_and_explains(world: World) -> None:
    response = Client().post(url("complaint_new", "en", slug="unit-a"), {**VALID, "website": "http://spam"})
    assert response.status_code == 400
    assert response.context["general_errors"] == [
        "Your message was not sent: the field marked “leave empty” must stay empty."
    ]
    assert Submission.objects.count() == 0


def test_anonymous_posts_keep_no_contact(world: World) -> None:
    Client().post(url("opinion_new", slug="unit-a"), {**VALID, "topic": "service_quality", "anonymous": "on"})
    assert list(Submission.objects.values_list("kind", "is_anonymous", "name", "email", "phone")) == [
        ("opinion", True, "", "", "")
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "You have sent 2 messages in the past hour, the most we accept from one connection. "
            "Please try again in an hour.",
        ),
        ("th", "ท่านส่งข้อความครบ 2 ครั้งในหนึ่งชั่วโมงที่ผ่านมา ซึ่งเป็นจำนวนสูงสุดที่รับได้ต่อการเชื่อมต่อหนึ่ง กรุณาลองใหม่อีกครั้งในหนึ่งชั่วโมง"),
    ],
)
def test_the_submission_rate_limit_explains_itself(world: World, settings: Any, language: str, expected: str) -> None:
    settings.PRONGSAI_CHANNEL_SUBMISSIONS_PER_HOUR = 2
    client = Client()
    for _ in range(2):
        assert client.post(url("complaint_new", language, slug="unit-a"), VALID).status_code == 302
    response = client.post(url("complaint_new", language, slug="unit-a"), VALID)
    assert response.status_code == 429
    assert response.context["general_errors"] == [expected]
    assert Submission.objects.count() == 2


def test_forwarded_addresses_count_only_behind_trusted_proxies(world: World, settings: Any) -> None:
    settings.PRONGSAI_CHANNEL_SUBMISSIONS_PER_HOUR = 1
    client = Client()
    # Untrusted: a forged header does not give the client a fresh allowance.
    assert client.post(url("complaint_new", slug="unit-a"), VALID, HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 302
    assert client.post(url("complaint_new", slug="unit-a"), VALID, HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429
    settings.PRONGSAI_TRUSTED_PROXY_COUNT = 1
    assert (
        client.post(url("complaint_new", slug="unit-a"), VALID, HTTP_X_FORWARDED_FOR="9.9.9.9, 3.3.3.3").status_code
        == 302
    )
    assert (
        client.post(url("complaint_new", slug="unit-a"), VALID, HTTP_X_FORWARDED_FOR="8.8.8.8, 3.3.3.3").status_code
        == 429
    )


def test_attachments_through_the_form(world: World, attachment_root: Any) -> None:
    client = Client()
    bad = client.post(url("complaint_new", "en", slug="unit-a"), {**VALID, "attachment": upload("a.gif", gif_bytes())})
    assert bad.status_code == 400
    assert bad.context["field_errors"] == [
        ("attachment", "“a.gif” is not a PDF, Word (DOCX), Excel (XLSX) or image file.")
    ]
    assert Submission.objects.count() == 0
    good = client.post(url("complaint_new", "en", slug="unit-a"), {**VALID, "attachment": upload("a.pdf", pdf_bytes())})
    assert good.status_code == 302
    assert Submission.objects.get().attachment_name == "a.pdf"


def test_an_oversized_request_is_refused_before_it_is_read(world: World) -> None:
    response = Client().post(url("complaint_new", "en", slug="unit-a"), VALID, CONTENT_LENGTH=str(6 * 1024 * 1024))
    assert response.status_code == 413
    assert response.context["general_errors"] == ["What you sent is too large: keep the attachment under 5.0\xa0MB."]
    assert Submission.objects.count() == 0


# --- the status page ------------------------------------------------------------------------------


def test_the_status_page_shows_progress_but_no_personal_data(world: World) -> None:
    submission = send(world.unit_a, sample(attachment=None))
    handler = world.person("reviewer4_a")
    submission_status_set(actor=handler, submission=submission, status=Status.IN_PROGRESS)
    submission_reply(actor=handler, submission=submission, text="ภายในเท่านั้น", public=False)
    submission_reply(actor=handler, submission=submission, text="ได้ปรับปรุงคิวแล้ว", public=True)
    submission_close(actor=handler, submission=submission, outcome=Outcome.RESOLVED)
    typed = submission.tracking_code.lower().replace("-", " ")
    response = Client().post(url("track", "en"), {"code": typed})
    assert response.status_code == 200
    html = response.content.decode()
    case = response.context["case"]
    assert (case.kind, case.status, case.outcome_label, case.topic_label) == (
        "complaint", "closed", "Resolved", "Delay in service"
    )  # fmt: skip
    assert [reply.text for reply in case.replies] == ["ได้ปรับปรุงคิวแล้ว"]
    for private in ("สมชาย", "somchai", "081 234 5678", "รอคิวนาน", "สามชั่วโมง", "ภายในเท่านั้น"):
        assert private not in html
    assert "Resolved" in html
    assert world.unit_a.name_en in html


@pytest.mark.parametrize("typed", ["C-0000-0000-0000", "not a code", ""])
def test_unknown_and_malformed_codes_get_the_same_message(world: World, typed: str) -> None:
    send(world.unit_a)
    response = Client().post(url("track", "en"), {"code": typed})
    assert response.status_code == 404
    assert response.context["error"] == (
        "No opinion or complaint has this tracking code. Check the code on your receipt and try again."
    )
    thai = Client().post(url("track", "th"), {"code": typed})
    assert thai.context["error"] == "ไม่พบความคิดเห็นหรือเรื่องร้องเรียนที่มีรหัสติดตามนี้ กรุณาตรวจสอบรหัสในใบรับเรื่องแล้วลองใหม่อีกครั้ง"


def test_lookups_are_rate_limited(world: World, settings: Any) -> None:
    settings.PRONGSAI_CHANNEL_LOOKUPS_PER_WINDOW = 3
    code = send(world.unit_a).tracking_code
    client = Client()
    assert [client.post(url("track", "en"), {"code": "C-0000-0000-000" + str(n)}).status_code for n in range(3)] == [
        404, 404, 404
    ]  # fmt: skip
    limited = client.post(url("track", "en"), {"code": code})
    assert limited.status_code == 429
    assert (
        limited.context["error"]
        == "Too many tracking codes were tried from your connection. Please wait 10 minutes and try again."
    )
    assert "case" not in limited.context
    thai = client.post(url("track", "th"), {"code": code})
    assert thai.context["error"] == "มีการลองรหัสติดตามจากการเชื่อมต่อของท่านมากเกินไป กรุณารอ 10 นาทีแล้วลองใหม่อีกครั้ง"
    assert Client(REMOTE_ADDR="192.0.2.50").post(url("track", "en"), {"code": code}).status_code == 200


def test_the_status_page_uses_two_queries(world: World, django_assert_num_queries: Any) -> None:
    submission = send(world.unit_a)
    client = Client()
    with django_assert_num_queries(2):
        client.post(url("track", "en"), {"code": submission.tracking_code})


# --- statistics -----------------------------------------------------------------------------------


@pytest.fixture
def today_in_march(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "_today", lambda: TODAY)


@pytest.mark.usefixtures("today_in_march")
def test_statistics_count_each_month_by_status_and_topic(world: World) -> None:
    handler = world.person("reviewer4_a")
    zone = timezone.get_current_timezone()
    october = dt.datetime(2025, 10, 3, 9, tzinfo=zone)
    send(world.unit_a, sample(topic="fraud"), ip="1", now=october)
    send(world.unit_a, sample("opinion"), ip="2", now=october)
    closed = send(world.unit_a, sample(topic="fraud"), ip="3", now=dt.datetime(2026, 1, 31, 23, 30, tzinfo=zone))
    submission_close(actor=handler, submission=closed, outcome=Outcome.WITHDRAWN, note="ผู้ร้องถอนเรื่อง")
    send(world.unit_a, ip="4", now=dt.datetime(2025, 9, 30, 23, 59, tzinfo=zone))  # previous fiscal year
    send(world.unit_b, ip="5", now=october)  # another unit
    response = Client().get(url("statistics", "th", slug="unit-a"))
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats.fiscal_year == 2569
    assert [row.month for row in stats.months][:2] == [dt.date(2025, 10, 1), dt.date(2025, 11, 1)]
    assert len(stats.months) == 6
    by_month = {row.month: (row.by_status, row.by_topic, row.total) for row in stats.months}
    assert by_month[dt.date(2025, 10, 1)] == ({"received": 2}, {"fraud": 1, "service_quality": 1}, 2)
    assert by_month[dt.date(2026, 1, 1)] == ({"closed": 1}, {"fraud": 1}, 1)
    assert stats.total == 3
    html = response.content.decode()
    assert "ตุลาคม 2568" in html
    assert "มกราคม 2569" in html


def test_statistics_take_a_fixed_number_of_queries(world: World, django_assert_num_queries: Any) -> None:
    client = Client()
    path = url("statistics", "en", slug="unit-a")
    with django_assert_num_queries(2) as before:
        client.get(path)
    for n in range(12):
        send(world.unit_a, sample(topic="fraud" if n % 2 else "procurement"), ip=str(n))
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(path)


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.dictionaries(
        st.sampled_from(["topic", "subject", "message", "name", "email", "phone", "anonymous", "website", "junk"]),
        st.text(max_size=300),
        max_size=9,
    )
)
def test_the_form_never_answers_5xx(world: World, fields: dict[str, str]) -> None:
    for path in (url("complaint_new", slug="unit-a"), url("opinion_new", "en", slug="unit-b"), url("track")):
        response = Client().post(path, fields)
        assert response.status_code < 500
