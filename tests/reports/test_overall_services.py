"""Compiling, editing, sending, sending back and approving the overall report; freezing; who may do what."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max

from prongsai.audit.models import AuditEvent
from prongsai.organizations.models import Role
from prongsai.organizations.services import role_assign
from prongsai.reports.models import OverallReport, Recommendation
from prongsai.reports.overall_services import (
    CompilerMayNotApprove,
    OverallReportFrozen,
    overall_report_approve,
    overall_report_compile,
    overall_report_save_summary,
    overall_report_send_back,
    overall_report_send_for_approval,
    recommendation_add,
    recommendation_edit,
)
from prongsai.reports.signals import overall_report_changed
from prongsai.reports.workflow import IllegalReportTransition

from . import overall_world
from .overall_world import NOW, Versions, World, at, unit_report

shared_overall_world, world = overall_world.shared_overall_world, overall_world.world  # the fixtures

LATER = NOW + dt.timedelta(days=1)

# (rule, units, items) the default rules draw from the world's facts, in order.
EXPECTED = [
    ("common_gap", ["unit-b", "unit-c"], ["5.1.1.1"]),
    ("common_gap", ["unit-a", "unit-c"], ["5.1.3"]),
    ("common_gap", ["unit-b", "unit-c"], ["5.1.7.1"]),
    ("common_gap", ["unit-b", "unit-c"], ["5.1.7.3"]),
    ("low_compliance", ["unit-c", "unit-b"], []),
    ("decline", ["unit-b", "unit-c", "unit-a"], []),  # compliance fell 25 points at B and C, A's score 10
    ("overdue_items", ["unit-b", "unit-c"], ["5.1.7.3"]),
    ("overdue_items", ["unit-b"], ["5.1.1.1"]),
    ("overdue_items", ["unit-a"], ["5.1.3"]),
    ("not_reported", ["unit-c"], []),
    ("late_repeatedly", ["unit-a"], []),
    ("disagreement", ["unit-b"], ["5.1.3", "5.1.7.1"]),
    ("bilingual_statement", ["unit-a"], ["5.1.3"]),
    ("procurement_gap", ["unit-b", "unit-c"], ["5.1.7.1", "5.1.7.3"]),
]


def last_sequence() -> int:
    return AuditEvent.objects.aggregate(last=Max("sequence"))["last"] or 0


def actions_after(sequence: int) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (event.action, event.actor_label and event.actor.username if event.actor else "", event.data)
        for event in AuditEvent.objects.filter(sequence__gt=sequence).order_by("sequence")
    ]


def recommendations(report: OverallReport) -> list[tuple[str, list[str], list[str]]]:
    return [(rec.rule, rec.units, rec.items) for rec in report.recommendations.order_by("position")]


@pytest.fixture
def signalled() -> Iterator[list[tuple[str, dt.datetime]]]:
    heard: list[tuple[str, dt.datetime]] = []

    def receiver(sender: Any, report: OverallReport, now: dt.datetime, **kwargs: Any) -> None:
        heard.append((report.state, now))

    overall_report_changed.connect(receiver)
    yield heard
    overall_report_changed.disconnect(receiver)


def compiled(world: World, who: str = "ict") -> OverallReport:
    return overall_report_compile(actor=world.person(who), round=world.round("2569-6"), now=NOW)


def test_the_ict_center_compiles_the_facts_and_the_recommendations(world: World) -> None:
    start = last_sequence()
    report = compiled(world)
    assert (report.state, report.facts_taken_at, report.created_by.username) == ("draft", NOW, "ict")
    assert report.facts["headline"]["mean_compliance"] == 33.3
    assert [row["slug"] for row in report.facts["units"]] == ["unit-a", "unit-b", "unit-c"]
    assert recommendations(report) == EXPECTED
    low = report.recommendations.get(rule="low_compliance")
    assert low.figures == {"units": 2, "share": 66.7, "threshold": 50.0, "lowest": 0.0}
    assert low.text_th == low.generated_th
    assert low.text_th.startswith("2 หน่วยงาน (66.7%) เผยแพร่ข้อมูลครบถ้วนและเป็นปัจจุบันต่ำกว่า 50.0% ของรายการ")
    assert (low.included, low.edited_by) == (True, None)
    assert actions_after(start) == [
        (
            "overall_report.compile",
            "ict",
            {
                "round": "2569-6",
                "created": True,
                "cut_off": "2026-03-31",
                "units": 3,
                "mean_compliance": 33.3,
                "generated": 14,
                "kept_edits": 0,
                "dropped": 0,
            },
        )
    ]


def test_the_departments_reporter_may_compile_too(world: World) -> None:
    assert compiled(world, "reporter_dept").created_by.username == "reporter_dept"


@pytest.mark.parametrize("who", ["executive", "supervisor_dept", "supervisor_a", "reporter_a", "outsider"])
def test_nobody_else_compiles(world: World, who: str) -> None:
    with pytest.raises(PermissionDenied, match=r"You do not have permission to do this for the overall report\."):
        compiled(world, who)
    assert not OverallReport.objects.exists()


def test_recompiling_keeps_the_ict_centers_edits_of_recommendations_drawn_again(world: World) -> None:
    report = compiled(world)
    low = report.recommendations.get(rule="low_compliance")
    missing = report.recommendations.get(rule="not_reported")
    recommendation_edit(
        actor=world.person("ict"), recommendation=low, text_th="แก้ไขแล้ว", text_en="Edited", included=False, now=NOW
    )
    recommendation_edit(
        actor=world.person("ict"), recommendation=missing, text_th="ส่งด่วน", text_en="Urgent", included=True, now=NOW
    )
    manual = recommendation_add(
        actor=world.person("ict"), report=report, text_th="จัดอบรม", text_en="Train the editors", now=NOW,
        units=["unit-b"], items=["5.1.3"],
    )  # fmt: skip
    # Unit C now reports: its "did not report" recommendation is no longer drawn.
    unit_report(world.round("2569-6"), world.org("unit-c"), world.person("editor_a"), world.person("supervisor_a"),
                ["submitted"], at(2026, 4, 25))  # fmt: skip
    start = last_sequence()
    report = overall_report_compile(actor=world.person("ict"), round=world.round("2569-6"), now=LATER)
    assert report.facts["not_reported"] == []
    rules = [rule for rule, _units, _items in recommendations(report)]
    assert rules == [r for r, _u, _i in EXPECTED if r != "not_reported"] + ["manual"]
    low.refresh_from_db()
    assert (low.text_th, low.text_en, low.included, getattr(low.edited_by, "username", None)) == (
        "แก้ไขแล้ว",
        "Edited",
        False,
        "ict",
    )
    assert low.generated_th.startswith("2 หน่วยงาน (66.7%)")
    assert not Recommendation.objects.filter(pk=missing.pk).exists()
    manual.refresh_from_db()
    assert (manual.position, manual.units, manual.items, manual.text_en) == (
        14,
        ["unit-b"],
        ["5.1.3"],
        "Train the editors",
    )
    assert actions_after(start)[0][2] | {"round": "2569-6"} == {
        "round": "2569-6", "created": False, "cut_off": "2026-03-31", "units": 3, "mean_compliance": 33.3,
        "generated": 13, "kept_edits": 1, "dropped": 1,
    }  # fmt: skip


def test_an_edit_needs_both_languages_and_is_audited(world: World) -> None:
    report = compiled(world)
    rec = report.recommendations.get(rule="decline")
    with pytest.raises(ValidationError) as refusal:
        recommendation_edit(
            actor=world.person("ict"), recommendation=rec, text_th=" \u200b ", text_en="", included=True, now=NOW
        )
    assert refusal.value.messages == ["Write the recommendation in Thai.", "Write the recommendation in English."]
    rec.refresh_from_db()
    assert rec.edited_by is None
    start = last_sequence()
    recommendation_edit(actor=world.person("ict"), recommendation=rec, text_th="ใหม่", text_en="New", included=True,
                        now=NOW)  # fmt: skip
    [(action, actor, data)] = actions_after(start)
    assert (action, actor) == ("overall_report.recommendation_edit", "ict")
    assert data["recommendation"] == rec.pk
    assert data["after"] == {"text_th": "ใหม่", "text_en": "New", "included": True}
    assert data["before"]["text_th"] == rec.generated_th


def test_a_hand_written_recommendation_names_only_units_and_items_of_the_report(world: World) -> None:
    report = compiled(world)
    with pytest.raises(ValidationError, match=r"These units or items are not in the report: unit-x, 9\.9\."):
        recommendation_add(actor=world.person("ict"), report=report, text_th="ก", text_en="A", now=NOW,
                           units=["unit-a", "unit-x"], items=["9.9"])  # fmt: skip
    assert not report.recommendations.filter(rule="manual").exists()


def test_the_supervisor_sends_it_back_with_comments_and_approves_it_then_it_is_frozen(
    world: World, signalled: list[tuple[str, dt.datetime]]
) -> None:
    report = compiled(world)
    overall_report_save_summary(
        actor=world.person("ict"), report=report, summary_th="สรุป", summary_en="Summary", now=NOW
    )
    overall_report_send_for_approval(actor=world.person("ict"), report=report, now=NOW)
    with pytest.raises(OverallReportFrozen):
        compiled(world)
    with pytest.raises(ValidationError, match="sending the report back needs a comment"):
        overall_report_send_back(actor=world.person("supervisor_dept"), report=report, comment=" ", now=LATER)
    overall_report_send_back(actor=world.person("supervisor_dept"), report=report, comment="เพิ่มข้อเสนอ", now=LATER)
    report.refresh_from_db()
    assert (report.state, report.return_comment) == ("draft", "เพิ่มข้อเสนอ")
    overall_report_send_for_approval(actor=world.person("ict"), report=report, now=LATER)
    start = last_sequence()
    overall_report_approve(actor=world.person("supervisor_dept"), report=report, now=LATER)
    report.refresh_from_db()
    assert (report.state, getattr(report.approved_by, "username", None), report.approved_at) == (
        "approved",
        "supervisor_dept",
        LATER,
    )
    assert actions_after(start) == [
        ("overall_report.approve", "supervisor_dept", {"round": "2569-6", "recommendations": 14})
    ]
    assert signalled == [
        ("awaiting_approval", NOW),
        ("draft", LATER),
        ("awaiting_approval", LATER),
        ("approved", LATER),
    ]

    # Frozen: the register changes, nothing in the report does, and no service changes it.
    stored, texts = report.facts, recommendations(report)
    Versions(world.person("editor_a")).published(world.org("unit-c"), "5.1.1.1", at(2026, 3, 20))
    with pytest.raises(OverallReportFrozen):
        compiled(world)
    rec = report.recommendations.first()
    with pytest.raises(OverallReportFrozen):
        recommendation_edit(actor=world.person("ict"), recommendation=rec, text_th="ก", text_en="A", included=True,
                            now=LATER)  # fmt: skip
    with pytest.raises(OverallReportFrozen):
        overall_report_save_summary(actor=world.person("ict"), report=report, summary_th="x", summary_en="x", now=LATER)
    with pytest.raises(IllegalReportTransition):
        overall_report_send_back(actor=world.person("supervisor_dept"), report=report, comment="ขอแก้", now=LATER)
    report.refresh_from_db()
    assert (report.state, report.facts, recommendations(report), report.summary_th) == (
        "approved",
        stored,
        texts,
        "สรุป",
    )


def test_a_draft_cannot_be_approved_and_only_a_department_supervisor_approves(world: World) -> None:
    report = compiled(world)
    with pytest.raises(IllegalReportTransition):
        overall_report_approve(actor=world.person("supervisor_dept"), report=report, now=NOW)
    overall_report_send_for_approval(actor=world.person("ict"), report=report, now=NOW)
    for who in ("ict", "executive", "supervisor_a"):
        with pytest.raises(PermissionDenied):
            overall_report_approve(actor=world.person(who), report=report, now=NOW)
    report.refresh_from_db()
    assert report.state == "awaiting_approval"


def test_a_supervisor_who_compiled_the_report_may_not_approve_it(world: World) -> None:
    role_assign(actor=world.person("root"), role=Role.REPORTER, organization=world.org("dept"),
                user=world.person("supervisor_dept2"))  # fmt: skip
    report = compiled(world)  # created by the ICT Center, refreshed by the supervisor who also reports
    overall_report_compile(actor=world.person("supervisor_dept2"), round=world.round("2569-6"), now=LATER)
    overall_report_send_for_approval(actor=world.person("ict"), report=report, now=LATER)
    with pytest.raises(CompilerMayNotApprove, match="You compiled this report, so you may not approve it"):
        overall_report_approve(actor=world.person("supervisor_dept2"), report=report, now=LATER)
    overall_report_approve(actor=world.person("supervisor_dept"), report=report, now=LATER)
    report.refresh_from_db()
    assert report.state == "approved"
