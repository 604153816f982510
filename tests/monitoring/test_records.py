"""Recording checks: findings stored whole or not at all, scores, overrides that lapse, changes and history."""

import contextlib
import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from prongsai.audit.models import AuditEvent
from prongsai.monitoring.models import ItemFinding, SiteCheck
from prongsai.monitoring.outcome import (
    CheckOutcome,
    DateSource,
    Evidence,
    ItemOutcome,
    ItemStatus,
    OutcomeError,
    from_json,
    to_json,
)
from prongsai.monitoring.presenters import change_notes
from prongsai.monitoring.scoring import ScoreRule, next_round_start
from prongsai.monitoring.selectors import check_changes, unit_monitor_summary, unit_score_history
from prongsai.monitoring.services import check_fail, check_record, check_start, finding_override

from ..workspace.conftest import Department
from .records import BANGKOK, MAY, NOVEMBER, department_with_website, outcome, recorded

pytestmark = pytest.mark.django_db


@pytest.fixture
def dept(db: Any) -> Department:
    return department_with_website()


def test_a_recorded_check_stores_every_finding_and_its_score(dept: Department) -> None:
    site_check = recorded(dept, outcome({"5.1.3": ItemStatus.PARTIAL, "5.1.7.3": ItemStatus.NOT_FOUND}), MAY)
    assert (site_check.state, site_check.pages, site_check.bytes, site_check.stopped_by) == ("done", 40, 123456, "done")
    assert site_check.fetch_errors == {"http_404": 2, "timeout": 1}
    assert ItemFinding.objects.filter(site_check=site_check).count() == 18
    partial = ItemFinding.objects.get(site_check=site_check, item__code="5.1.3")
    assert (partial.status, partial.as_of, partial.as_of_source, partial.current) == (
        "partial", dt.date(2026, 4, 1), "content", True,
    )  # fmt: skip
    assert partial.evidence_urls == ["https://unit0.example.go.th/5.1.3/"]
    # Weights from the checklist data total 30: 5.1.3 (weight 3) is partial and current, so it earns 1.5;
    # 5.1.7.3 (weight 3) is not found and earns nothing; the other 24 are found and current.
    assert float(site_check.score) == 85.0
    actions = list(
        AuditEvent.objects.filter(object_type="monitoring.sitecheck", object_id=str(site_check.pk)).values_list(
            "action", "data"
        )
    )
    assert [action for action, _data in actions] == ["monitor.start", "monitor.record"]
    assert actions[1][1] == {
        "url": "https://unit0.example.go.th/",
        "score": 85.0,
        "pages": 40,
        "not_fetched": 3,
        "found": 16,
        "partial": 1,
        "not_found": 1,
    }


def test_the_check_page_lists_the_pages_that_could_not_be_fetched(dept: Department) -> None:
    site_check = recorded(dept, outcome(), MAY)
    client = Client()
    client.force_login(dept.people["editor"])
    html = client.get(f"/en/workspace/monitor/checks/{site_check.pk}/").content.decode()
    translation.deactivate()
    assert "<dt>Pages not fetched</dt>" in html
    assert "<li><code>http_404</code> × 2</li><li><code>timeout</code> × 1</li>" in html


def test_an_outcome_that_does_not_cover_the_checklist_is_refused_whole(dept: Department) -> None:
    unit = dept.units[0]
    site_check = check_start(actor=None, organization=unit, website=unit.websites.get(), trigger="command", now=MAY)
    short = outcome()
    broken = CheckOutcome(
        site=short.site,
        checklist=short.checklist,
        checked_at=MAY,
        items=(*short.items[1:], ItemOutcome(code="9.9.9", status=ItemStatus.FOUND, confidence=0.5)),
    )
    with pytest.raises(ValidationError) as error:
        check_record(site_check=site_check, outcome=broken, now=MAY)
    assert error.value.messages == ["ผลการตรวจไม่ตรงกับรายการตรวจสอบ: รายการที่ไม่รู้จัก 9.9.9 รายการที่ขาด 5.1.1.1"]
    with translation.override("en"), pytest.raises(ValidationError) as error:
        check_record(site_check=site_check, outcome=broken, now=MAY)
    assert error.value.messages == [
        "The check's findings do not match the checklist: unknown items 9.9.9, missing items 5.1.1.1."
    ]
    assert ItemFinding.objects.count() == 0
    assert SiteCheck.objects.get(pk=site_check.pk).state == "running"


def test_a_failed_check_keeps_the_reason_and_cannot_be_recorded(dept: Department) -> None:
    unit = dept.units[0]
    site_check = check_start(actor=None, organization=unit, website=unit.websites.get(), trigger="command", now=MAY)
    check_fail(site_check=site_check, error="the site did not answer within 30 s", now=MAY)
    site_check.refresh_from_db()
    assert (site_check.state, site_check.error) == ("failed", "the site did not answer within 30 s")
    with pytest.raises(ValidationError):
        check_record(site_check=site_check, outcome=outcome(), now=MAY)


def test_only_ict_monitors_start_checks_and_override(dept: Department) -> None:
    unit = dept.units[0]
    with pytest.raises(PermissionDenied):
        check_start(actor=dept.people["editor"], organization=unit, website=unit.websites.get(), trigger="manual")
    site_check = check_start(
        actor=dept.people["monitor"], organization=unit, website=unit.websites.get(), trigger="manual", now=MAY
    )
    check_record(site_check=site_check, outcome=outcome(), now=MAY)
    finding = ItemFinding.objects.get(site_check=site_check, item__code="5.1.2")
    with pytest.raises(PermissionDenied):
        finding_override(actor=dept.people["reviewer1"], finding=finding, status="partial", current=None, reason="x")


def test_an_override_needs_a_reason_lapses_at_the_next_round_and_keeps_the_machine_finding(dept: Department) -> None:
    site_check = recorded(dept, outcome({"5.1.7.3": ItemStatus.NOT_FOUND}), MAY)
    finding = ItemFinding.objects.get(site_check=site_check, item__code="5.1.7.3")
    monitor = dept.people["monitor"]
    with pytest.raises(ValidationError) as error:
        finding_override(actor=monitor, finding=finding, status="found", current=True, reason="   ", now=MAY)
    assert error.value.messages == ["โปรดระบุว่าผลการตรวจผิดอย่างไร การแก้ผลตรวจต้องมีเหตุผล"]

    override = finding_override(
        actor=monitor, finding=finding, status="found", current=True, reason="สรุปผลอยู่ในหน้าประกาศ", now=MAY
    )
    assert override.expires_on == dt.date(2026, 10, 1)  # May is in the twelve-month round; the next starts 1 October
    finding.refresh_from_db()
    assert (finding.status, finding.current) == ("not_found", None)  # the machine's finding is kept
    event = AuditEvent.objects.get(action="monitor.override")
    assert event.data == {
        "item": "5.1.7.3",
        "machine": ["not_found", None],
        "override": ["found", True],
        "expires_on": "2026-10-01",
    }
    during = unit_monitor_summary(organization=dept.units[0], today=dt.date(2026, 9, 30))
    assert during is not None
    effective = {f.finding.item.code: f for f in during.findings}["5.1.7.3"]
    assert (effective.status, effective.current, effective.overridden) == ("found", True, True)
    assert during.score == 100.0
    after = unit_monitor_summary(organization=dept.units[0], today=dt.date(2026, 10, 1))
    assert after is not None
    assert {f.finding.item.code: f for f in after.findings}["5.1.7.3"].status == "not_found"


def test_changes_since_the_previous_check_are_said_in_thai_and_english(dept: Department) -> None:
    first = recorded(dept, outcome(), MAY)
    broken = outcome({"5.1.7.3": ItemStatus.NOT_FOUND})
    items = tuple(
        ItemOutcome(code=i.code, status=i.status, evidence=(Evidence("https://unit0.example.go.th/x.pdf", 404),),
                    confidence=0.8) if i.code == "5.1.7.3" else i
        for i in broken.items
    )  # fmt: skip
    stale = tuple(
        ItemOutcome(code=i.code, status=i.status, evidence=i.evidence, as_of=dt.date(2025, 1, 1),
                    as_of_source=DateSource.CONTENT, current=False, confidence=0.9) if i.code == "5.1.2" else i
        for i in items
    )  # fmt: skip
    second = recorded(
        dept, CheckOutcome(site=broken.site, checklist=broken.checklist, checked_at=NOVEMBER, items=stale), NOVEMBER
    )
    changes = change_notes(check_changes(previous=first, current=second), previous=first)
    assert [(c.code, c.text_en) for c in changes] == [
        ("5.1.2", "5.1.2 was current on 12 May 2026, now out of date"),
        ("5.1.7.3", "5.1.7.3 was found on 12 May 2026, now not found (HTTP 404)"),
    ]
    assert changes[1].text_th == "5.1.7.3 เมื่อ 12 พฤษภาคม 2569 ผลคือพบ ครั้งนี้ไม่พบ (HTTP 404)"


def test_score_history_keeps_the_last_check_of_each_round(dept: Department) -> None:
    recorded(dept, outcome({"5.1.2": ItemStatus.NOT_FOUND}), dt.datetime(2026, 2, 1, 9, tzinfo=BANGKOK))
    recorded(dept, outcome(), dt.datetime(2026, 3, 1, 9, tzinfo=BANGKOK))
    recorded(dept, outcome(current=False), MAY)
    history = unit_score_history(organization=dept.units[0])
    assert [(r.round.label_en, r.score) for r in history] == [
        ("6-month round, fiscal year 2026", 100.0),
        ("12-month round, fiscal year 2026", 80.0),
    ]


def test_summary_and_history_take_fixed_queries(dept: Department, django_assert_num_queries: Any) -> None:
    for month in (1, 2, 5, 6):
        recorded(dept, outcome(), dt.datetime(2026, month, 3, 9, tzinfo=BANGKOK))
    with django_assert_num_queries(3):
        unit_monitor_summary(organization=dept.units[0], today=dt.date(2026, 6, 30))
    with django_assert_num_queries(1):
        unit_score_history(organization=dept.units[0])


# --- pure parts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "current", "expected"),
    [
        (ItemStatus.FOUND, True, 1.0),
        (ItemStatus.FOUND, False, 0.8),
        (ItemStatus.FOUND, None, 0.8),
        (ItemStatus.PARTIAL, True, 0.5),
        (ItemStatus.PARTIAL, None, 0.4),
        (ItemStatus.NOT_FOUND, None, 0.0),
    ],
)
def test_item_scores(status: ItemStatus, current: bool | None, expected: float) -> None:
    assert ScoreRule().item(status, current) == pytest.approx(expected)


def test_site_score_weights_items_and_has_none_without_weight() -> None:
    rule = ScoreRule()
    assert rule.site([(3.0, ItemStatus.FOUND, True), (1.0, ItemStatus.NOT_FOUND, None)]) == 75.0
    assert rule.site([]) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 10, 1), dt.date(2027, 4, 1)),
        (dt.date(2027, 3, 31), dt.date(2027, 4, 1)),
        (dt.date(2027, 4, 1), dt.date(2027, 10, 1)),
        (dt.date(2027, 9, 30), dt.date(2027, 10, 1)),
    ],
)
def test_overrides_lapse_when_the_next_round_begins(day: dt.date, expected: dt.date) -> None:
    assert next_round_start(day) == expected


def test_the_json_contract_round_trips() -> None:
    original = CheckOutcome(
        site="https://x.go.th/",
        checklist="mof-ops-2562",
        checked_at=MAY,
        items=(
            ItemOutcome(
                code="5.1.3",
                status=ItemStatus.PARTIAL,
                evidence=(Evidence("https://x.go.th/ethics", 200, ("เจตจำนงสุจริต",), "…"),),
                as_of=dt.date(2026, 1, 5),
                as_of_source=DateSource.DOCUMENT_METADATA,
                current=True,
                confidence=0.75,
                reason_th="มีเฉพาะภาษาไทย",
                reason_en="Thai only",
            ),
        ),
        pages=3,
        bytes=10,
        seconds=1.25,
    )
    document = json.loads(json.dumps(to_json(original)))
    assert document["items"][0]["evidence_urls"] == ["https://x.go.th/ethics"]
    assert set(document["items"][0]) >= {
        "code",
        "status",
        "evidence_urls",
        "as_of",
        "current",
        "confidence",
        "reason_th",
        "reason_en",
    }
    assert from_json(document) == original


@given(st.dictionaries(st.sampled_from(["code", "status", "as_of", "current", "confidence"]), st.text(max_size=12)))
def test_reading_arbitrary_items_fails_only_with_outcome_errors(data: dict[str, str]) -> None:
    from prongsai.monitoring.outcome import item_from_json

    with contextlib.suppress(OutcomeError):
        item_from_json(data)
