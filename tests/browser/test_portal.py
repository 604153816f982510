"""The public portal in headless Chromium: a unit page in Thai and English, and axe-core on every page template."""

from typing import Any

import pytest

from prongsai.disclosures.models import Entry

from ..workspace.conftest import make_department, publish
from .accessibility import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def published_department() -> None:
    dept = make_department(2)
    editor, reviewer = dept.people["editor"], dept.people["reviewer1"]
    for code in ("5.1.1.1", "5.1.1.5", "5.1.2", "5.1.4"):
        entry = Entry.objects.get(organization=dept.units[0], item__code=code)
        publish(entry, editor, reviewer, body_en="<p>Test information in English</p>")


def test_visitor_reads_a_unit_page_in_thai_then_english(live_server: Any, browser: Any) -> None:
    published_department()
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/th/")
    page.click("text=กองทดสอบที่ 0")
    page.wait_for_url(f"{live_server.url}/th/units/unit-0/")
    assert page.locator("h1").inner_text() == "กองทดสอบที่ 0"
    assert page.locator("article.item").count() == 18
    assert page.locator("article.item-current").count() == 4
    assert page.locator("#item-5-1-2 .as-of").inner_text().startswith("ข้อมูล ณ วันที่ ")
    page.click("a.language")
    page.wait_for_url(f"{live_server.url}/en/units/unit-0/")
    assert page.locator("h1").inner_text() == "Test division 0"
    assert page.locator("#item-5-1-2 .body").inner_text() == "Test information in English"
    assert page.locator("#item-5-1-3 .badge").inner_text() == "Not yet published"
    # Everything, the Sarabun font included, comes from our own origin.
    assert [url for url in requested if not url.startswith(live_server.url)] == []
    assert any(url.endswith(".ttf") for url in requested)
    page.close()


PUBLIC_PAGES = [
    "/{lang}/",
    "/{lang}/units/unit-0/",
    "/{lang}/units/unit-0/items/5.1.2/",
    "/{lang}/units/unit-0/items/5.1.3/",
    "/{lang}/sitemap/",
    "/{lang}/policies/website/",
    "/{lang}/policies/privacy/",
    "/{lang}/policies/accessibility/",
    "/{lang}/units/unit-0/embed/",
    "/{lang}/units/unit-0/share/",
    "/{lang}/units/no-such-unit/",
    "/{lang}/search/?q=ทดสอบ",
    "/{lang}/search/?q=ไม่มีคำนี้ในระบบ",
    "/{lang}/units/unit-0/opinions/new/",
    "/{lang}/units/unit-0/complaints/new/",
    "/{lang}/units/unit-0/channels/statistics/",
    "/{lang}/track/",
]


def test_every_public_page_template_passes_axe_at_wcag_21_aa(live_server: Any, browser: Any) -> None:
    published_department()
    page = browser.new_page()
    failures: dict[str, list[str]] = {}
    for language in ("th", "en"):
        for template in PUBLIC_PAGES:
            address = template.format(lang=language)
            response = page.goto(f"{live_server.url}{address}")
            assert response is not None
            assert response.status == (404 if "no-such" in address else 200), address
            violations = axe_violations(page)
            if violations:
                failures[address] = violations
        # Pages reached by posting: a refused form, the receipt, and a case's status.
        page.goto(f"{live_server.url}/{language}/units/unit-0/complaints/new/")
        page.click("form.channel-form button[type=submit]")
        failures.update(_checked(page, f"refused complaint form ({language})"))
        page.select_option("#id_topic", "service_delay")
        page.fill("#id_subject", "รอคิวนาน")
        page.fill("#id_message", "รอรับบริการนาน")
        page.click("form.channel-form button[type=submit]")
        failures.update(_checked(page, f"receipt ({language})"))
        code = page.locator(".tracking-code").inner_text().strip()
        page.goto(f"{live_server.url}/{language}/track/")
        page.fill("#id_code", code)
        page.click("form.channel-form button[type=submit]")
        failures.update(_checked(page, f"case status ({language})"))
        page.fill("#id_code", "C-0000-0000-0000")
        page.click("form.channel-form button[type=submit]")
        failures.update(_checked(page, f"unknown tracking code ({language})"))
    page.close()
    assert failures == {}


def _checked(page: Any, label: str) -> dict[str, list[str]]:
    violations = axe_violations(page)
    return {label: violations} if violations else {}


def test_the_axe_check_reports_real_violations(browser: Any) -> None:
    page = browser.new_page()
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><img src="x.png"></main></body></html>')
    assert [line.split(" ")[0] for line in axe_violations(page)] == ["image-alt"]
    page.close()
