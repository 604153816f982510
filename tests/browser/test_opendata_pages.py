"""The open data's pages in headless Chromium: a visitor's way through them, and axe-core at WCAG 2.1 AA on each."""

from typing import Any

import pytest

from ..opendata.pages_world import add_units
from ..opendata.world import build_opendata_world
from .accessibility import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    ("/{lang}/opendata/", 200),
    ("/{lang}/opendata/?page=2", 200),  # the pager, both ways
    ("/{lang}/opendata/?q=จัดซื้อ&organization=unit-0&group=procurement&format=OCDS", 200),
    ("/{lang}/opendata/?q=ไม่มีคำนี้&group=sports", 200),  # nothing found, and a refused filter
    ("/{lang}/opendata/unit-0-procurement-records/", 200),
    ("/{lang}/opendata/ops-monitor-scores/", 200),
    ("/{lang}/opendata/unit-1-register/", 200),
    ("/{lang}/opendata/no-such-dataset/", 404),
    ("/{lang}/developers/", 200),
]


def test_every_open_data_page_passes_axe_at_wcag_21_aa(live_server: Any, browser: Any) -> None:
    add_units(build_opendata_world())
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    failures: dict[str, list[str]] = {}
    for language in ("th", "en"):
        for template, status in PAGES:
            address = template.format(lang=language)
            response = page.goto(f"{live_server.url}{address}")
            assert response is not None
            assert response.status == status, address
            violations = axe_violations(page)
            if violations:
                failures[address] = violations
    # On a phone's width long code and wide tables must wrap, or scroll in a region the keyboard reaches.
    page.set_viewport_size({"width": 360, "height": 740})
    for address in ("/th/developers/", "/en/opendata/unit-0-procurement-records/", "/th/opendata/"):
        page.goto(f"{live_server.url}{address}")
        violations = axe_violations(page)
        if violations:
            failures[f"{address} (narrow)"] = violations
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), address
    page.close()
    assert failures == {}
    # Everything, the pages' own style sheet included, comes from our own origin.
    assert [url for url in requested if not url.startswith(live_server.url)] == []
    assert any(url.endswith("/static/opendata/opendata.css") for url in requested)


def test_visitor_filters_the_catalogue_and_opens_a_dataset(live_server: Any, browser: Any) -> None:
    build_opendata_world()
    page = browser.new_page()
    page.goto(f"{live_server.url}/th/")
    page.click("nav.site-nav >> text=ข้อมูลเปิด")
    page.wait_for_url(f"{live_server.url}/th/opendata/")
    assert page.locator("li.dataset").count() == 16

    page.fill("#catalogue-q", "จัดซื้อ")
    page.select_option("#catalogue-organization", "unit-0")
    page.select_option("#catalogue-format", "OCDS")
    page.click("form.catalogue-filters button[type=submit]")
    page.wait_for_url("**/th/opendata/?q=*")
    assert page.locator("li.dataset h2").all_inner_texts() == ["ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0"]
    assert page.locator(".result-count").inner_text() == "ชุดข้อมูลที่ 1–1 จากทั้งหมด 1 ชุด"

    page.click("li.dataset h2 a")
    page.wait_for_url(f"{live_server.url}/th/opendata/unit-0-procurement-records/")
    assert page.locator("h1").inner_text() == "ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0"
    assert page.locator("#downloads ~ ul.downloads a, section[aria-labelledby=downloads] a").count() == 7
    page.click("a.language")
    page.wait_for_url(f"{live_server.url}/en/opendata/unit-0-procurement-records/")
    assert page.locator("h1").inner_text() == "Procurement results — Test division 0"
    # Code on the developers' page wraps instead of running off the screen.
    page.goto(f"{live_server.url}/en/developers/")
    overflowing = page.evaluate(
        "() => [...document.querySelectorAll('pre')].filter(pre => pre.scrollWidth > pre.clientWidth).length"
    )
    assert overflowing == 0
    page.close()
