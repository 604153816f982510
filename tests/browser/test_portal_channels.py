"""A visitor finds a unit by search, lodges a complaint and follows it by tracking code, in Thai and in English."""

from typing import Any

import pytest
from django.core import mail

from prongsai.channels.models import Submission
from prongsai.channels.services import submission_reply

from .test_portal import published_department

pytestmark = pytest.mark.django_db(transaction=True)


def lodge_complaint(page: Any, base: str, language: str, *, subject: str, message: str, email: str) -> str:
    """Fill and send the complaint form of unit-0; return the tracking code the receipt shows."""
    page.goto(f"{base}/{language}/units/unit-0/")
    page.click("a[href$='/units/unit-0/complaints/new/']")
    page.select_option("#id_topic", "service_delay")
    page.fill("#id_subject", subject)
    page.fill("#id_message", message)
    page.fill("#id_email", email)
    page.click("form.channel-form button[type=submit]")
    page.wait_for_url(f"{base}/{language}/track/receipt/")
    return str(page.locator(".tracking-code").inner_text()).strip()


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("th", {"status": "รับเรื่องแล้ว", "answered": "ตอบกลับแล้ว", "search": "ค้นหา"}),
        ("en", {"status": "Received", "answered": "Answered", "search": "Search"}),
    ],
)
def test_visitor_searches_complains_and_follows_the_case(
    live_server: Any, browser: Any, language: str, labels: dict[str, str]
) -> None:
    published_department()
    base = live_server.url
    page = browser.new_page()

    # Search from the header of any page: a Thai substring in the middle of a word finds the unit.
    page.goto(f"{base}/{language}/policies/website/")
    page.fill("#site-q", "ทดสอบที่ 0")
    page.click(".site-search button")
    page.wait_for_url(f"{base}/{language}/search/?q=*")
    page.click("ol.results a[href$='/units/unit-0/']")
    page.wait_for_url(f"{base}/{language}/units/unit-0/")

    # An incomplete form is refused with a message and nothing is stored.
    page.click("a[href$='/units/unit-0/complaints/new/']")
    page.click("form.channel-form button[type=submit]")
    assert page.locator(".error-summary li").count() >= 3
    assert Submission.objects.count() == 0

    code = lodge_complaint(
        page, base, language, subject="รอคิวนานเกินไป", message="รอรับบริการสามชั่วโมง", email="citizen@example.org"
    )
    stored = Submission.objects.get()
    assert stored.tracking_code == code
    assert (stored.kind, stored.topic, stored.language) == ("complaint", "service_delay", language)
    assert [message.to for message in mail.outbox] == [["citizen@example.org"]]
    assert code in mail.outbox[0].body

    # The status page shows the state and public replies, never the message or the contact.
    page.goto(f"{base}/{language}/track/")
    page.fill("#id_code", code.lower().replace("-", " "))
    page.click("form.channel-form button[type=submit]")
    assert page.locator(".case-status .badge").first.inner_text() == labels["status"]
    body = page.content()
    assert "citizen@example.org" not in body
    assert "รอรับบริการสามชั่วโมง" not in body

    submission_reply(
        actor=_handler(stored), submission=stored, text="ได้ปรับจุดบริการเพิ่มแล้ว ขออภัยในความไม่สะดวก", public=True
    )
    page.goto(f"{base}/{language}/track/")
    page.fill("#id_code", code)
    page.click("form.channel-form button[type=submit]")
    assert page.locator(".case-status .badge").first.inner_text() == labels["answered"]
    assert "ได้ปรับจุดบริการเพิ่มแล้ว" in page.locator(".reply-text").inner_text()
    page.close()


def _handler(submission: Submission) -> Any:
    from prongsai.accounts.models import User
    from prongsai.organizations.services import role_assign

    handler = User.objects.create_user("handler", password="pw-for-tests-only")
    role_assign(actor=None, role="reviewer_4", organization=submission.organization, user=handler)
    return User.objects.get(pk=handler.pk)
