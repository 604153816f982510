"""An ICT monitor starts a website check in a real browser and watches it finish: the page follows the worker live."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from prongsai.monitoring.models import SiteCheck
from prongsai.organizations.services import organization_websites_set

from ..monitoring.small_site import small_site
from ..workspace.conftest import make_department
from .test_workspace_flow import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site() -> Iterator[str]:
    with small_site() as url:
        yield url


def test_a_monitor_starts_a_check_and_its_page_follows_the_worker(
    live_server: Any, browser: Any, site: str, settings: Any, tmp_path: Path
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PRONGSAI_MONITOR_ALLOW_PRIVATE = True
    settings.PRONGSAI_MONITOR_DELAY = 0.0
    settings.PRONGSAI_MONITOR_EVIDENCE_ROOT = tmp_path / "evidence"
    dept = make_department(1)
    organization_websites_set(actor=None, organization=dept.units[0], urls=[site])
    base = live_server.url
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, base, "monitor")
    page.goto(f"{base}/th/workspace/monitor/units/unit-0/")
    page.click("text=ตรวจเว็บไซต์เดี๋ยวนี้")
    site_check = SiteCheck.objects.get()
    page.wait_for_url(f"{base}/th/workspace/monitor/checks/{site_check.pk}/")
    assert page.locator('[data-field="state_label"]').inner_text() == "รอคิว"
    # The worker picks the check up while the page is open; the page notices the end and reloads.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    page.wait_for_selector("text=ดูผลการตรวจ", timeout=15_000)
    assert page.locator('[data-field="state_label"]').inner_text() == "ตรวจเสร็จแล้ว"
    page.click("text=ดูผลการตรวจ")
    page.wait_for_url(f"{base}/th/workspace/monitor/units/unit-0/")
    assert "5.1.1.1 โครงสร้างหน่วยงาน\tพบ" in page.locator("table.findings").inner_text()
    context.close()
