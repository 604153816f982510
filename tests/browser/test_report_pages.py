"""The reporting rounds' pages in a real browser: WCAG 2.1 AA by axe-core, named charts, the phone view."""

from typing import Any

import pytest
from django.test import Client

from prongsai.reports.overall_services import overall_report_compile
from tests.reports.overall_world import NOW, build_world
from tests.signin.verified import login_verified

from .accessibility import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def _signed_in_context(browser: Any, base: str, person: Any, **options: Any) -> Any:
    """Open a browser context carrying the session of a test client signed in as the person (second factor passed)."""
    client = login_verified(Client(), person)
    context = browser.new_context(**options)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    return context


def test_the_overall_report_and_the_executive_view_are_accessible(live_server: Any, browser: Any) -> None:
    world = build_world()
    overall_report_compile(actor=world.person("ict"), round=world.round("2569-6"), now=NOW)
    base = live_server.url

    context = _signed_in_context(browser, base, world.person("executive"))
    page = context.new_page()
    page.goto(f"{base}/th/workspace/reports/overall/2569-6/")
    assert page.locator("h1").inner_text().startswith("รายงานภาพรวม")
    assert page.locator("svg[role=img]").count() == 3
    assert page.locator("#chart-by-item-title").count() == 1
    assert axe_violations(page) == []
    context.close()

    # The executive view on a phone: nothing wider than the screen, the trend drawn and tabled.
    context = _signed_in_context(browser, base, world.person("executive"), viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/th/workspace/reports/overall/2569-6/executive/")
    assert page.locator("svg[role=img]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []
    context.close()
