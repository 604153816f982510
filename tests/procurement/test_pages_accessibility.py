"""The procurement pages in a real browser: WCAG 2.1 AA by axe-core, the record form's errors included."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from prongsai.procurement.services import month_close, plan_line_add, record_save
from tests.browser.accessibility import axe_violations
from tests.browser.conftest import browser
from tests.procurement.records_world import NOW, line_input, record_input
from tests.register.conftest import build_world
from tests.signin.verified import login_verified

pytestmark = pytest.mark.django_db(transaction=True)
FIXTURES = (browser,)


def test_the_procurement_pages_are_accessible_in_thai_and_english(live_server: Any, browser: Any) -> None:
    world = build_world()
    editor = world.person("editor_a")
    line = plan_line_add(actor=editor, organization=world.unit_a, fiscal_year=2569, data=line_input(), now=NOW)
    record = record_save(actor=editor, organization=world.unit_a, data=record_input(plan_line_id=line.pk), now=NOW)
    month_close(
        actor=editor, organization=world.unit_a, month=dt.date(2025, 10, 1), as_of=dt.date(2025, 11, 3), now=NOW
    )
    base = live_server.url
    client = login_verified(Client(), editor)
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    page = context.new_page()
    for language in ("th", "en"):
        for path in (
            "",
            "unit-a/2569/",
            "unit-a/2569/plan/",
            "unit-a/2569/plan/lines/new/",
            "unit-a/month/2026-03/",
            "unit-a/month/2025-10/",
            "unit-a/month/2026-02/records/new/",
            f"unit-a/records/{record.pk}/edit/",
        ):
            page.goto(f"{base}/{language}/workspace/procurement/{path}")
            assert page.locator("h1").count() == 1, path
            assert axe_violations(page) == [], path
    # The record form sent empty: the error summary and the fields marked invalid.
    page.goto(f"{base}/en/workspace/procurement/unit-a/month/2026-02/records/new/")
    page.locator("button[name=save]").click()
    # item, budget, method and selected vendor
    assert page.locator(".error-summary li").count() == 4
    assert page.locator("[aria-invalid=true]").count() == 4
    assert axe_violations(page) == []
    context.close()
