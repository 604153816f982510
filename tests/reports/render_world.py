"""The rendering tests' world: the register's department, units and people, with a round's reports written by hand.

The reports' facts are hand-written dictionaries in the shapes of prongsai.reports.facts (the
builders that gather them belong to other parts), so every figure a test expects in a PDF or
XLSX can be read off this file:

- round 2569-6 (deadline 20 April 2026), open;
- unit A's report: version 1, submitted on 3 April 2026 10:00, approved by its head (supervisor_a),
  three items (G.1 published, P.1 overdue, M.1 missing), a monitor check with score 62.5, two
  problems, the channels' figures, a narrative and actions in Thai and English;
- unit B did not report;
- the overall report, approved by supervisor_dept on 20 April 2026 15:30, with two recommendations
  (the second left out of the report).
"""

import copy
import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import pymupdf
import pytest

from prongsai.monitoring.engine.render import chromium_path
from prongsai.reports.models import OverallReport, Recommendation, Round, UnitReport, UnitReportVersion
from tests.register.conftest import BANGKOK, World, build_world, world_kept_for_module

ROUND_CODE = "2569-6"


def at(day: int, month: int, hour: int, minute: int = 0) -> dt.datetime:
    """Return a moment of 2026 in Bangkok."""
    return dt.datetime(2026, month, day, hour, minute, tzinfo=BANGKOK)


UNIT_FACTS: dict[str, Any] = {
    "schema": 1,
    "round": ROUND_CODE,
    "cut_off": "2026-03-31",
    "taken_at": "2026-04-01T09:00:00+07:00",
    "unit": {"slug": "unit-a", "name_th": "กองเกษตร", "name_en": "Unit A"},
    "items": [
        {
            "code": "G.1",
            "name_th": "เจตจำนงสุจริตของผู้บริหาร",
            "name_en": "Integrity statement",
            "status": "published",
            "published_version": 2,
            "last_review_on": "2026-03-10",
            "reviewers": ["คุณ reviewer1_a"],
            "next_review_due": "2026-09-10",
            "changes": [
                {
                    "version_id": 11,
                    "number": 2,
                    "state": "approved",
                    "decided_on": "2026-03-10",
                    "change_note": "ปรับปรุงถ้อยคำ",
                }
            ],
            "monitor": {
                "status": "found",
                "current": True,
                "as_of": "2026-03-01",
                "overridden": False,
                "override_reason": "",
                "evidence_url": "https://a.example.go.th/integrity",
            },
        },
        {
            "code": "P.1",
            "name_th": "สรุปผลการจัดซื้อจัดจ้างรายเดือน",
            "name_en": "Monthly procurement summary",
            "status": "overdue",
            "published_version": 1,
            "last_review_on": "2025-08-01",
            "reviewers": ["คุณ reviewer2_a"],
            "next_review_due": "2026-02-28",
            "changes": [],
            "monitor": {
                "status": "not_found",
                "current": None,
                "as_of": None,
                "overridden": True,
                "override_reason": "หน้าเว็บย้ายที่อยู่",
                "evidence_url": "",
            },
        },
        {
            "code": "M.1",
            "name_th": "คู่มือการปฏิบัติงาน",
            "name_en": "Operating manual",
            "status": "missing",
            "published_version": None,
            "last_review_on": None,
            "reviewers": [],
            "next_review_due": None,
            "changes": [],
            "monitor": None,
        },
    ],
    "monitor": {
        "check_id": 5,
        "url": "https://a.example.go.th/",
        "finished_at": "2026-03-20T14:05:00+07:00",
        "score": 62.5,
    },
    "problems": [
        {"kind": "overdue", "item": "P.1", "text_th": "เลยกำหนดทบทวน", "text_en": "Review overdue"},
        {"kind": "missing", "item": "M.1", "text_th": "ยังไม่ได้เผยแพร่", "text_en": "Not published"},
    ],
    "channels": {
        "opinion": {"received": 12, "closed": 10, "overdue": 1, "median_days_to_close": 4.5},
        "complaint": {"received": 3, "closed": 3, "overdue": 0, "median_days_to_close": None},
    },
    "summary": {"items": 3, "published": 1, "overdue": 1, "missing": 1, "monitor_found": 1, "score": 62.5},
}

NARRATIVE_TH = "หน่วยงานปรับปรุงข้อมูลสำคัญครบถ้วนแล้ว"
ACTIONS_TH = "จัดทำคู่มือการปฏิบัติงานให้เสร็จภายในเดือนพฤษภาคม"

OVERALL_FACTS: dict[str, Any] = {
    "schema": 1,
    "round": ROUND_CODE,
    "cut_off": "2026-03-31",
    "taken_at": "2026-04-15T08:00:00+07:00",
    "items": [
        {"code": "G.1", "name_th": "เจตจำนงสุจริตของผู้บริหาร", "name_en": "Integrity statement"},
        {"code": "P.1", "name_th": "สรุปผลการจัดซื้อจัดจ้างรายเดือน", "name_en": "Monthly procurement summary"},
        {"code": "M.1", "name_th": "คู่มือการปฏิบัติงาน", "name_en": "Operating manual"},
    ],
    "units": [
        {
            "slug": "unit-a",
            "name_th": "กองเกษตร",
            "name_en": "Unit A",
            "report_state": "submitted",
            "late": False,
            "submitted_on": "2026-04-03",
            "cells": {"G.1": "published", "P.1": "overdue", "M.1": "missing"},
            "monitor": {"G.1": "found", "P.1": "not_found"},
            "compliance": 33.3,
            "score": 62.5,
            "previous_score": 50.0,
            "rank": 1,
        },
        {
            "slug": "unit-b",
            "name_th": "ศูนย์ขนส่ง",
            "name_en": "Unit B",
            "report_state": None,
            "late": False,
            "submitted_on": None,
            "cells": {"G.1": "missing", "P.1": "draft", "M.1": "missing"},
            "monitor": {},
            "compliance": 0.0,
            "score": None,
            "previous_score": None,
            "rank": 2,
        },
    ],
    "by_item": [
        {
            "code": "G.1",
            "name_th": "เจตจำนงสุจริตของผู้บริหาร",
            "name_en": "Integrity statement",
            "compliant_units": 1,
            "share": 50.0,
            "monitor_found_units": 1,
        },
        {
            "code": "P.1",
            "name_th": "สรุปผลการจัดซื้อจัดจ้างรายเดือน",
            "name_en": "Monthly procurement summary",
            "compliant_units": 0,
            "share": 0.0,
            "monitor_found_units": 0,
        },
        {
            "code": "M.1",
            "name_th": "คู่มือการปฏิบัติงาน",
            "name_en": "Operating manual",
            "compliant_units": 0,
            "share": 0.0,
            "monitor_found_units": 0,
        },
    ],
    "not_reported": ["unit-b"],
    "disagreements": [{"unit": "unit-a", "item": "P.1", "register_status": "overdue", "monitor_status": "not_found"}],
    "common_gaps": ["M.1", "P.1"],
    "trend": [
        {"round": "2568-12", "compliance": 10.0, "score": 50.0},
        {"round": "2569-6", "compliance": 16.7, "score": 62.5},
    ],
    "headline": {"units": 2, "reported": 1},
}


def unit_facts() -> dict[str, Any]:
    return copy.deepcopy(UNIT_FACTS)


def overall_facts(units: int | None = None) -> dict[str, Any]:
    """Return the overall facts; with `units`, a department of that many units (for the size test)."""
    facts = copy.deepcopy(OVERALL_FACTS)
    if units is not None:
        facts["units"] = [
            {
                "slug": f"unit-{n:03d}",
                "name_th": f"สำนักงานคลังเขต {n}",
                "name_en": f"Treasury Office {n}",
                "report_state": "accepted" if n % 3 else None,
                "late": n % 7 == 0,
                "submitted_on": "2026-04-10" if n % 3 else None,
                "cells": {"G.1": "published", "P.1": "overdue" if n % 2 else "published", "M.1": "missing"},
                "monitor": {"G.1": "found"},
                "compliance": round(100 * (1 + (n % 2 == 0)) / 3, 1),
                "score": float(n % 100),
                "previous_score": None,
                "rank": n,
            }
            for n in range(1, units + 1)
        ]
        facts["not_reported"] = [row["slug"] for row in facts["units"] if row["report_state"] is None]
    return facts


def make_round(world: World) -> Round:
    return Round.objects.create(
        fiscal_year=2569,
        kind="six_month",
        deadline=dt.date(2026, 4, 20),
        opened_by=world.person("ict_monitor"),
        opened_at=at(1, 3, 9),
    )


def make_unit_report(world: World, round_: Round, *, state: str = "submitted") -> UnitReportVersion:
    """Write unit A's report with one version in `state` (submitted versions carry the head's approval)."""
    report = UnitReport.objects.create(
        round=round_, organization=world.unit_a, state=state, created_at=at(1, 4, 9), first_submitted_at=None
    )
    submitted = state not in {"draft", "awaiting_approval"}
    version = UnitReportVersion.objects.create(
        report=report,
        number=1,
        state=state,
        facts=unit_facts(),
        facts_taken_at=at(1, 4, 9),
        narrative_th=NARRATIVE_TH,
        narrative_en="The unit has brought its key information up to date.",
        actions_th=ACTIONS_TH,
        actions_en="Finish the operating manual by May.",
        created_by=world.person("reporter_a"),
        created_at=at(1, 4, 9),
        updated_at=at(2, 4, 16),
        sent_by=world.person("reporter_a") if submitted else None,
        sent_at=at(2, 4, 16) if submitted else None,
        approved_by=world.person("supervisor_a") if submitted else None,
        submitted_at=at(3, 4, 10) if submitted else None,
    )
    report.current_version = version
    if submitted:
        report.first_submitted_at = version.submitted_at
    report.save()
    return version


def make_overall_report(
    world: World, round_: Round, *, state: str = "approved", units: int | None = None
) -> OverallReport:
    """Write the overall report with its two recommendations (the second not included)."""
    approved = state == "approved"
    report = OverallReport.objects.create(
        round=round_,
        state=state,
        facts=overall_facts(units),
        facts_taken_at=at(15, 4, 8),
        summary_th="หน่วยงานส่วนใหญ่ยังต้องปรับปรุงคู่มือ",
        summary_en="Most units still need to improve their manuals.",
        created_by=world.person("ict_monitor"),
        created_at=at(15, 4, 8),
        updated_at=at(16, 4, 11),
        sent_by=world.person("ict_monitor") if state != "draft" else None,
        sent_at=at(16, 4, 11) if state != "draft" else None,
        approved_by=world.person("supervisor_dept") if approved else None,
        approved_at=at(20, 4, 15, 30) if approved else None,
    )
    Recommendation.objects.create(
        report=report,
        rule="common_gap",
        position=1,
        units=["unit-a", "unit-b"],
        items=["M.1"],
        figures={"units_missing": 2, "share": 100.0},
        generated_th="หน่วยงานทั้งหมดยังไม่มีคู่มือ",
        generated_en="No unit has a manual.",
        text_th="เร่งจัดทำคู่มือการปฏิบัติงานให้ครบทุกหน่วยงาน",
        text_en="Have every unit publish its operating manual.",
    )
    Recommendation.objects.create(
        report=report,
        rule="not_reported",
        position=2,
        units=["unit-b"],
        items=[],
        figures={"units": 1},
        generated_th="มีหน่วยงานไม่ส่งรายงาน",
        generated_en="A unit did not report.",
        text_th="ติดตามหน่วยงานที่ไม่ส่งรายงาน",
        text_en="Follow up the unit that did not report.",
        included=False,
    )
    return report


# --- fixtures (import them into a test module) ---------------------------------------------------------------------


def build_render_world() -> World:
    """Build the register's world, then the round with unit A's submitted report and the approved overall report."""
    built = build_world()
    round_ = make_round(built)
    make_unit_report(built, round_)
    make_overall_report(built, round_)
    return built


@pytest.fixture(scope="module")
def render_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with world_kept_for_module(django_db_blocker, build_render_world) as built:
        yield built


@pytest.fixture
def world(render_world: World, db: None) -> World:
    """Return the module's world with fresh copies of its objects."""
    return render_world.fresh()


def unit_version() -> UnitReportVersion:
    """Return unit A's report version with everything the renderers read loaded."""
    return UnitReportVersion.objects.select_related(
        "report__round", "report__organization", "created_by", "approved_by", "decided_by"
    ).get(report__organization__slug="unit-a", number=1)


def overall_report() -> OverallReport:
    return OverallReport.objects.select_related("round", "created_by", "sent_by", "approved_by").get(
        round__fiscal_year=2569, round__kind="six_month"
    )


def needs_chromium() -> None:
    """Skip a test that prints when the machine has no Chromium (fail it when CI requires every service)."""
    if chromium_path() is None:
        if os.environ.get("PRONGSAI_REQUIRE_SERVICES") == "1":
            pytest.fail("PRONGSAI_REQUIRE_SERVICES=1 but Chromium is not installed")
        pytest.skip("needs Chromium (apt-get install chromium)")


def pages(content: bytes) -> list[list[str]]:
    """Return each page's text layer as lines (PyMuPDF's extraction), the trailing empty line dropped."""
    document = pymupdf.open(stream=content, filetype="pdf")
    return [page.get_text().split("\n")[:-1] for page in document]
