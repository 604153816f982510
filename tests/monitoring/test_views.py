"""The monitor's workspace page: who sees it, what it shows, overrides through the form, query counts."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from prongsai.monitoring.models import FindingOverride, ItemFinding
from prongsai.monitoring.outcome import ItemStatus
from prongsai.monitoring.scoring import next_round_start
from prongsai.thaidate import format_english_date

from ..signin.verified import login_verified
from ..workspace.conftest import Department
from .records import BANGKOK, MAY, department_with_website, outcome, recorded

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language_afterwards() -> Iterator[None]:
    """Leave no language active: a request to an /en/ page activates English for the rest of the thread."""
    yield
    translation.deactivate()


@pytest.fixture
def dept(db: Any) -> Department:
    return department_with_website()


PAGE = "/th/workspace/monitor/units/unit-0/"


def client_for(user: Any) -> Client:
    return login_verified(Client(), user)


def test_access_follows_the_unit_scope(dept: Department) -> None:
    assert Client().get(PAGE).status_code == 302
    assert client_for(dept.people["outsider"]).get(PAGE).status_code == 403
    response = client_for(dept.people["editor"]).get(PAGE)
    assert response.status_code == 200
    assert "ยังไม่เคยตรวจเว็บไซต์ของหน่วยงานนี้" in response.content.decode()


def test_the_page_shows_findings_evidence_and_changes(dept: Department) -> None:
    recorded(dept, outcome(), MAY)
    recorded(dept, outcome({"5.1.7.3": ItemStatus.NOT_FOUND}), dt.datetime(2026, 11, 20, 9, tzinfo=BANGKOK))
    html = client_for(dept.people["editor"]).get(PAGE).content.decode()
    assert html.count('<tr id="finding-') == 18
    assert 'href="https://unit0.example.go.th/5.1.2/"' in html
    assert "5.1.7.3 เมื่อ 12 พฤษภาคม 2569 ผลคือพบ ครั้งนี้ไม่พบ" in html
    assert "แก้ผลการตรวจนี้" not in html  # editors cannot override
    english = client_for(dept.people["editor"]).get(PAGE.replace("/th/", "/en/")).content.decode()
    assert "5.1.7.3 was found on 12 May 2026, now not found" in english


def test_a_monitor_overrides_through_the_form(dept: Department) -> None:
    site_check = recorded(dept, outcome({"5.1.7.3": ItemStatus.NOT_FOUND}), MAY)
    finding = ItemFinding.objects.get(site_check=site_check, item__code="5.1.7.3")
    address = f"/en/workspace/monitor/units/unit-0/findings/{finding.pk}/override/"
    refused = client_for(dept.people["editor"]).post(address, {"status": "found", "current": "yes", "reason": "x"})
    assert refused.status_code == 403
    monitor = client_for(dept.people["monitor"])
    empty = monitor.post(address, {"status": "found", "current": "yes", "reason": ""}, follow=True)
    assert "This field is required." in empty.content.decode()
    assert FindingOverride.objects.count() == 0
    done = monitor.post(address, {"status": "found", "current": "yes", "reason": "On the notices page"}, follow=True)
    lapses = format_english_date(next_round_start(timezone.localdate()))
    assert f"The finding for 5.1.7.3 is overridden until {lapses}." in done.content.decode()
    assert list(FindingOverride.objects.values_list("status", "current", "reason")) == [
        ("found", True, "On the notices page")
    ]


@pytest.mark.parametrize("checks", [1, 4])
def test_the_page_takes_fixed_queries(dept: Department, checks: int, django_assert_num_queries: Any) -> None:
    for month in range(checks):
        recorded(dept, outcome(), dt.datetime(2026, 1 + month, 5, 9, tzinfo=BANGKOK))
    client = client_for(dept.people["monitor"])
    client.get(PAGE)  # warm the session
    # session, user, the monitor's second factor, organization, roles and tree, latest check with its
    # findings and overrides, the check before it, history, recent checks, the unit's websites and any
    # check under way, the person's unread notices (header); with an earlier check, both checks' findings
    # and overrides again for the changes
    with django_assert_num_queries(19 if checks > 1 else 15):
        assert client.get(PAGE).status_code == 200


def test_site_level_findings_read_as_a_panel_with_how_to_fix(dept: Department) -> None:
    findings = {
        "https": False,
        "sitemap": True,
        "broken_links": 2,
        "broken_urls": ["https://unit0.example.go.th/old.pdf", "https://unit0.example.go.th/gone/"],
        "search": False,
        "privacy_policy": "https://unit0.example.go.th/privacy/",
        "website_policy": None,
    }
    recorded(dept, replace(outcome(), site_findings=findings), MAY)
    response = client_for(dept.people["editor"]).get(PAGE.replace("/th/", "/en/"))
    rows = response.context["site_findings"]
    assert [(row.key, row.passed) for row in rows] == [
        ("https", False),
        ("broken_links", False),
        ("sitemap", True),
        ("search", False),
        ("privacy_policy", True),
        ("website_policy", False),
    ]
    html = response.content.decode()
    assert "<strong>Secure connection (HTTPS)</strong>: The site is served over plain HTTP." in html
    assert "Install a TLS certificate and redirect every http:// address to https://." in html
    assert "<strong>Broken links</strong>: 2 pages or documents could not be opened." in html
    assert 'href="https://unit0.example.go.th/old.pdf"' in html
    assert "<strong>Sitemap</strong>: The site publishes a sitemap." in html
    assert "Add a search box to every page so visitors can find published information." in html
    assert 'href="https://unit0.example.go.th/privacy/"' in html
    assert "Publish a website policy page and link it from every page&#x27;s footer." in html
    assert html.count('class="finding finding-not_found">Needs attention') == 4


def test_an_older_check_shows_only_the_site_findings_it_has(dept: Department) -> None:
    recorded(dept, outcome(), MAY)  # site_findings == {"https": True}
    response = client_for(dept.people["editor"]).get(PAGE.replace("/th/", "/en/"))
    assert [(row.key, row.passed, row.detail) for row in response.context["site_findings"]] == [
        ("https", True, "The site is served over HTTPS.")
    ]


def test_the_score_history_is_drawn_as_an_inline_chart(dept: Department) -> None:
    client = client_for(dept.people["editor"])
    recorded(dept, outcome({"5.1.7.3": ItemStatus.NOT_FOUND}), dt.datetime(2025, 11, 20, 9, tzinfo=BANGKOK))
    assert "<svg" not in client.get(PAGE).content.decode()  # one round is not a trend
    recorded(dept, outcome(), MAY)
    html = client.get(PAGE.replace("/th/", "/en/")).content.decode()
    # 90 then 100 on a 480 × 160 chart: x from 36 to 468, y from 136 (0) up to 10 (100).
    assert '<polyline class="line" points="36,22.6 468,10" fill="none"/>' in html
    assert "<title>6-month round, fiscal year 2026: 90.0</title>" in html
    assert "<title>12-month round, fiscal year 2026: 100.0</title>" in html
    assert 'role="img" aria-labelledby="score-chart-title"' in html
    assert "<script" not in html
