"""An editor and a reviewer take an item from missing to published in a real browser, in Thai and English."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai.accounts.secondfactor import totp_code_at
from prongsai.disclosures.models import Entry
from prongsai.organizations.access import second_factor_required

from ..workspace.conftest import make_department

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "pw-for-tests-only"


def sign_in(page: Any, base: str, username: str) -> None:
    """Sign in through the pages; administrators and ICT monitors give their authenticator's code too."""
    person = get_user_model().objects.get(username=username)
    device = None
    if second_factor_required(person):
        device, _created = TOTPDevice.objects.get_or_create(user=person, defaults={"name": "app", "confirmed": True})
    page.goto(f"{base}/th/workspace/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    if device is not None:
        page.wait_for_url(f"{base}/th/workspace/login/code/")
        # The live server reads the real clock; django-otp accepts a code one 30-second step either side.
        page.fill("#id_code", totp_code_at(device, timezone.now()))
        page.click("button.primary")
    page.wait_for_url(f"{base}/th/workspace/")


def test_editor_submits_and_reviewer_publishes(live_server: Any, browser: Any) -> None:
    make_department(2)
    base = live_server.url
    context = browser.new_context()
    page = context.new_page()

    sign_in(page, base, "editor")
    page.goto(f"{base}/th/workspace/units/unit-0/items/5.1.1.5/")
    assert page.locator(".lead .status").inner_text() == "ยังไม่มีข้อมูล"
    page.click("text=จัดทำฉบับใหม่")
    # The rich-text editor replaces the textarea: start a bulleted list from its toolbar and type.
    page.click("#id_body_th_editor")
    page.click("button[aria-label='รายการแบบจุด']")
    page.keyboard.type("เลขที่ 120 ถนนแจ้งวัฒนะ กรุงเทพมหานคร โทร 0 2123 4567")
    page.fill("#id_as_of", "2026-11-20")
    page.click("button[name=submit]")
    assert page.locator(".lead .status").inner_text() == "รอการตรวจสอบ"
    context.close()

    context = browser.new_context()
    page = context.new_page()
    sign_in(page, base, "reviewer1")
    page.click("text=5.1.1.5")
    for verdict in ("correct", "complete", "current"):
        page.check(f"input[name={verdict}][value=yes]")
    page.click("button[name=approve]")
    assert page.locator(".lead .status").inner_text() == "เผยแพร่แล้ว"
    assert "20 พฤศจิกายน 2569" in page.locator("#published ~ .version-content, .panel").first.inner_text()
    page.click("a[hreflang=en]")
    page.wait_for_url(f"{base}/en/workspace/units/unit-0/items/5.1.1.5/")
    assert page.locator(".lead .status").inner_text() == "Published"
    assert "20 November 2026" in page.content()
    context.close()

    entry = Entry.objects.get(organization__slug="unit-0", item__code="5.1.1.5")
    assert entry.published_version is not None
    assert entry.published_version.body_th == "<ul><li>เลขที่ 120 ถนนแจ้งวัฒนะ กรุงเทพมหานคร โทร 0 2123 4567</li></ul>"
