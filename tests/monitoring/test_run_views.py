"""Starting a check from the workspace and following it: the button, the check's page and its progress feed."""

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from prongsai.audit.models import AuditEvent
from prongsai.monitoring.models import SiteCheck

from ..signin.verified import login_verified
from ..workspace.conftest import Department
from .records import department_with_website

pytestmark = pytest.mark.django_db
UNIT_PAGE = "/th/workspace/monitor/units/unit-0/"
CHECK_NOW = "/th/workspace/monitor/units/unit-0/check/"


@pytest.fixture
def dept(db: Any) -> Department:
    return department_with_website()


def client_for(user: Any) -> Client:
    return login_verified(Client(), user)


def test_a_monitor_starts_a_check_and_lands_on_its_page(dept: Department) -> None:
    monitor = client_for(dept.people["monitor"])
    assert "ตรวจเว็บไซต์เดี๋ยวนี้" in monitor.get(UNIT_PAGE).content.decode()
    website = dept.units[0].websites.get()
    response = monitor.post(CHECK_NOW, {"website": website.pk})
    site_check = SiteCheck.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/th/workspace/monitor/checks/{site_check.pk}/"
    assert (site_check.state, site_check.trigger, site_check.requested_by) == (
        "queued",
        "manual",
        dept.people["monitor"],
    )
    page = monitor.get(response["Location"]).content.decode()
    assert f'data-progress-url="/th/workspace/monitor/checks/{site_check.pk}/progress/"' in page
    assert "check-progress.js" in page
    unit_page = monitor.get(UNIT_PAGE).content.decode()
    assert f"/th/workspace/monitor/checks/{site_check.pk}/" in unit_page
    assert "ตรวจเว็บไซต์เดี๋ยวนี้" not in unit_page


def test_the_progress_feed_reports_a_running_check(dept: Department) -> None:
    website = dept.units[0].websites.get()
    monitor = client_for(dept.people["monitor"])
    monitor.post(CHECK_NOW, {"website": website.pk})
    site_check = SiteCheck.objects.get()
    SiteCheck.objects.filter(pk=site_check.pk).update(
        state="running", progress_pages=17, progress_url="https://unit0.example.go.th/about"
    )
    with translation.override("en"):
        response = client_for(dept.people["editor"]).get(f"/en/workspace/monitor/checks/{site_check.pk}/progress/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert response.json() == {
        "state": "running",
        "state_label": "Running",
        "finished": False,
        "pages": 17,
        "max_pages": 500,
        "url": "https://unit0.example.go.th/about",
        "score": None,
        "error": "",
    }


def test_only_monitors_start_checks_and_only_the_unit_scope_follows_them(dept: Department) -> None:
    website = dept.units[0].websites.get()
    assert client_for(dept.people["editor"]).post(CHECK_NOW, {"website": website.pk}).status_code == 403
    assert "ตรวจเว็บไซต์เดี๋ยวนี้" not in client_for(dept.people["editor"]).get(UNIT_PAGE).content.decode()
    assert not SiteCheck.objects.exists()
    client_for(dept.people["monitor"]).post(CHECK_NOW, {"website": website.pk})
    site_check = SiteCheck.objects.get()
    outsider = client_for(dept.people["outsider"])
    assert outsider.get(f"/th/workspace/monitor/checks/{site_check.pk}/").status_code == 403
    assert outsider.get(f"/th/workspace/monitor/checks/{site_check.pk}/progress/").status_code == 403
    assert Client().get(f"/th/workspace/monitor/checks/{site_check.pk}/progress/").status_code == 302


def test_asking_twice_or_for_a_foreign_website_is_refused_with_a_message(dept: Department) -> None:
    monitor = client_for(dept.people["monitor"])
    website = dept.units[0].websites.get()
    monitor.post(CHECK_NOW, {"website": website.pk})
    again = monitor.post(CHECK_NOW, {"website": website.pk}, follow=True)
    assert "เว็บไซต์นี้อยู่ในคิวหรือกำลังตรวจอยู่แล้ว" in again.content.decode()
    wrong = monitor.post(CHECK_NOW, {"website": "999999"}, follow=True)
    assert "เลือกเว็บไซต์ที่ลงทะเบียนไว้ของหน่วยงาน" in wrong.content.decode()
    assert SiteCheck.objects.count() == 1


def test_a_monitor_withdraws_a_queued_check(dept: Department) -> None:
    monitor = client_for(dept.people["monitor"])
    monitor.post(CHECK_NOW, {"website": dept.units[0].websites.get().pk})
    site_check = SiteCheck.objects.get()
    page = f"/th/workspace/monitor/checks/{site_check.pk}/"
    assert "ถอนออกจากคิว" in monitor.get(page).content.decode()
    assert "ถอนออกจากคิว" not in client_for(dept.people["editor"]).get(page).content.decode()
    assert client_for(dept.people["editor"]).post(f"{page}withdraw/").status_code == 403
    response = monitor.post(f"{page}withdraw/", follow=True)
    assert "ถอนการตรวจออกจากคิวแล้ว" in response.content.decode()
    site_check.refresh_from_db()
    assert (site_check.state, site_check.error) == (
        "failed",
        "ถอนออกจากคิวก่อนเริ่มตรวจ / Withdrawn from the queue before it ran.",
    )
    again = monitor.post(f"{page}withdraw/", follow=True)
    assert "ถอนได้เฉพาะการตรวจที่ยังรออยู่ในคิว" in again.content.decode()
    assert AuditEvent.objects.filter(action="monitor.cancel").count() == 1
    # A withdrawn check no longer blocks a new one.
    monitor.post(CHECK_NOW, {"website": dept.units[0].websites.get().pk})
    assert SiteCheck.objects.filter(state="queued").count() == 1
