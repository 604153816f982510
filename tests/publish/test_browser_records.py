"""The portal's records pages in headless Chromium: axe-core at WCAG 2.1 AA, the chart drawn, nothing from elsewhere."""

from typing import Any

import pytest

from ..browser.accessibility import axe_violations
from ..browser.conftest import browser  # noqa: F401 - the module's headless Chromium
from ..browser.test_workspace_flow import sign_in
from ..workspace.conftest import make_department
from .conftest import publish_records
from .world import AS_OF, build_plan, build_procurement

pytestmark = pytest.mark.django_db(transaction=True)

CODES = ("5.1.4", "5.1.5", "5.1.7.1", "5.1.7.2", "5.1.7.3")


def test_every_records_page_passes_axe_and_draws_the_chart(live_server: Any, browser: Any) -> None:  # noqa: F811
    dept = make_department(2)
    unit = dept.units[0]
    build_plan(unit)
    build_procurement(unit)
    for code in CODES:
        publish_records(dept, unit, code, as_of=AS_OF)
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    failures: dict[str, list[str]] = {}
    for language in ("th", "en"):
        for code in CODES:
            address = f"/{language}/units/unit-0/items/{code}/"
            response = page.goto(f"{live_server.url}{address}")
            assert response is not None
            assert response.status == 200, address
            violations = axe_violations(page)
            if violations:
                failures[address] = violations
    assert failures == {}
    page.goto(f"{live_server.url}/en/units/unit-0/items/5.1.5/")
    chart = page.locator("figure.records-chart-figure svg")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] > 300
    assert page.locator("#progress-chart-desc").text_content() == (
        "3 projects as of 10 April 2026. Whole plan: physical progress 43.33%, budget disbursed 39.56%."
    )
    assert [url for url in requested if not url.startswith(live_server.url)] == []
    page.close()


def test_an_editor_fills_an_entry_from_records_with_accessible_pages(live_server: Any, browser: Any) -> None:  # noqa: F811
    dept = make_department(2)
    build_plan(dept.units[0])
    page = browser.new_page()
    base = live_server.url
    sign_in(page, base, "editor")
    page.goto(f"{base}/th/workspace/units/unit-0/items/5.1.5/")
    page.click("text=กรอกจากข้อมูลในระบบ")
    page.wait_for_url(f"{base}/th/workspace/units/unit-0/items/5.1.5/records/")
    assert axe_violations(page) == []
    page.fill("#id_fiscal_year", "2569")
    page.fill("#id_as_of", "2026-04-10")
    page.click("text=แสดงข้อมูลที่จะนำเข้าฉบับร่าง")
    page.wait_for_selector("#records-preview")
    assert axe_violations(page) == []
    page.click("text=นำข้อมูลนี้เข้าฉบับร่าง")
    page.wait_for_url(f"{base}/th/workspace/units/unit-0/items/5.1.5/")
    assert page.locator("section.records-section table caption").first.text_content() == (
        "ผลรอบการรายงานที่คำนวณจากรายงานความก้าวหน้า (ไม่ได้กรอกเอง)"
    )
    assert page.locator("section.records-section figure svg").is_visible()
    assert axe_violations(page) == []
    page.close()
