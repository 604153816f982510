"""A unit report's life: start, write, send, approve (late or not), accept or return, correct, resubmit, freeze."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from prongsai.reports.models import UnitReport, UnitReportVersion
from prongsai.reports.prefill import unit_facts
from prongsai.reports.selectors import unit_report_diff
from prongsai.reports.services import (
    round_close,
    unit_report_accept,
    unit_report_approve,
    unit_report_correct,
    unit_report_refresh,
    unit_report_return,
    unit_report_save,
    unit_report_send_back,
    unit_report_send_for_approval,
    unit_report_start,
)
from prongsai.reports.signals import unit_report_awaiting_approval, unit_report_decided, unit_report_signed
from prongsai.reports.workflow import ApproverIsAuthor, IllegalReportTransition
from tests.register.conftest import actions_after, last_sequence
from tests.reports.unit_world import (
    World,
    _english,
    at,
    open_round,
    publish_at,
    shared_world,
    world,
)

FIXTURES = (_english, shared_world, world)


def _write(world: World, version: UnitReportVersion, when: dt.datetime, text: str = "เผยแพร่ครบทุกรายการ") -> None:
    unit_report_save(
        actor=world.person("reporter_a"),
        version=version,
        narrative_th=text,
        narrative_en="All items published",
        actions_th="ทบทวนทุกเดือน",
        actions_en="Review monthly",
        now=when,
    )


def _submitted(world: World, when: dt.datetime, *, unit: str = "a") -> UnitReportVersion:
    """Start, write, send and approve unit A's (or B's) report of 2569-6, all at `when`."""
    round = open_round(world)
    organization = world.unit_a if unit == "a" else world.unit_b
    reporter, head = world.person(f"reporter_{unit}"), world.person(f"supervisor_{unit}")
    version = unit_report_start(actor=reporter, round=round, organization=organization, now=when)
    unit_report_save(
        actor=reporter, version=version, narrative_th="ผล", narrative_en="", actions_th="", actions_en="", now=when
    )
    unit_report_send_for_approval(actor=reporter, version=version, now=when)
    return unit_report_approve(actor=head, version=version, now=when)


def test_the_whole_way_with_audit_events_and_signals(world: World) -> None:
    heard: list[tuple[str, str, bool | None]] = []

    def receiver(signal_name: str) -> Any:
        def hear(sender: Any, version: UnitReportVersion, now: dt.datetime, **kwargs: Any) -> None:
            heard.append((signal_name, version.state, kwargs.get("submitted")))

        return hear

    receivers = [
        (unit_report_awaiting_approval, receiver("awaiting")),
        (unit_report_signed, receiver("signed")),
        (unit_report_decided, receiver("decided")),
    ]
    for signal, hear in receivers:
        signal.connect(hear)
    try:
        round = open_round(world)
        before = last_sequence()
        reporter, head, ict = world.person("reporter_a"), world.person("supervisor_a"), world.person("ict_monitor")
        version = unit_report_start(actor=reporter, round=round, organization=world.unit_a, now=at(2026, 4, 2))
        _write(world, version, at(2026, 4, 3))
        unit_report_refresh(actor=reporter, version=version, now=at(2026, 4, 4))
        unit_report_send_for_approval(actor=reporter, version=version, now=at(2026, 4, 5))
        unit_report_send_back(actor=head, version=version, comment="เพิ่มรายละเอียด", now=at(2026, 4, 6))
        version.refresh_from_db()
        assert (version.state, version.head_comment) == ("draft", "เพิ่มรายละเอียด")
        unit_report_send_for_approval(actor=reporter, version=version, now=at(2026, 4, 7))
        unit_report_approve(actor=head, version=version, now=at(2026, 4, 8))
        unit_report_accept(actor=ict, version=version, comment="ครบถ้วน", now=at(2026, 5, 2))
    finally:
        for signal, hear in receivers:
            signal.disconnect(hear)
    version.refresh_from_db()
    report = UnitReport.objects.get(pk=version.report_id)
    assert (report.state, report.current_version_id, report.late) == ("accepted", version.pk, False)
    assert report.first_submitted_at == at(2026, 4, 8)
    assert (version.state, version.approved_by_id, version.submitted_at, version.late) == (
        "accepted",
        head.pk,
        at(2026, 4, 8),
        False,
    )
    assert (version.decided_by_id, version.decision_comment) == (ict.pk, "ครบถ้วน")
    base = {"round": "2569-6", "unit": "unit-a", "version": 1}
    assert actions_after(before) == [
        ("unit_report.start", {**base, "state": "draft"}),
        (
            "unit_report.save",
            {**base, "state": "draft", "changed": ["actions_en", "actions_th", "narrative_en", "narrative_th"]},
        ),
        ("unit_report.refresh", {**base, "state": "draft"}),
        ("unit_report.send_for_approval", {**base, "state": "awaiting_approval"}),
        ("unit_report.send_back", {**base, "state": "draft", "comment": "เพิ่มรายละเอียด"}),
        ("unit_report.send_for_approval", {**base, "state": "awaiting_approval"}),
        ("unit_report.approve", {**base, "state": "submitted", "late": False, "first_submission": True}),
        ("unit_report.accept", {**base, "state": "accepted", "comment": "ครบถ้วน"}),
    ]
    assert heard == [
        ("awaiting", "awaiting_approval", None),
        ("signed", "draft", False),
        ("awaiting", "awaiting_approval", None),
        ("signed", "submitted", True),
        ("decided", "accepted", None),
    ]


@pytest.mark.parametrize(
    ("when", "late"),
    [
        (at(2026, 4, 30, 23, 59), False),  # the deadline day itself is in time
        (at(2026, 5, 1, 0, 1), True),  # a minute into the next day (Bangkok) is late
    ],
)
def test_lateness_is_the_local_day_of_approval_against_the_deadline(
    world: World, when: dt.datetime, late: bool
) -> None:
    version = _submitted(world, when)
    version.report.refresh_from_db()
    assert (version.late, version.report.late) == (late, late)


def test_return_correction_and_resubmission_keep_every_version_and_the_first_submission_decides(world: World) -> None:
    version = _submitted(world, at(2026, 4, 20))
    before = last_sequence()
    ict, reporter, head = world.person("ict_monitor"), world.person("reporter_a"), world.person("supervisor_a")
    with pytest.raises(ValidationError) as refused:
        unit_report_return(actor=ict, version=version, comment="  ", now=at(2026, 5, 2))
    assert refused.value.messages == ["Say what needs to change: a returned report needs comments."]
    unit_report_return(actor=ict, version=version, comment="ระบุแผนการแก้ไข M.1", now=at(2026, 5, 2))
    # The register changes after the first version: the correction's facts show it, the first version's do not.
    publish_at(world, world.unit_a, "M.1", at(2026, 3, 30))
    second = unit_report_correct(actor=reporter, report=version.report, now=at(2026, 5, 3))
    assert (second.number, second.state, second.narrative_th) == (2, "draft", "ผล")
    unit_report_save(
        actor=reporter,
        version=second,
        narrative_th="ผล\nแก้ไข M.1 แล้ว",
        narrative_en="",
        actions_th="",
        actions_en="",
        now=at(2026, 5, 3),
    )
    unit_report_send_for_approval(actor=reporter, version=second, now=at(2026, 5, 4))
    unit_report_approve(actor=head, version=second, now=at(2026, 5, 5))
    second.refresh_from_db()
    report = UnitReport.objects.get(pk=version.report_id)
    versions = list(report.versions.order_by("number").values_list("number", "state", "late"))
    assert versions == [(1, "returned", False), (2, "submitted", True)]
    # Late on its own, but the report arrived in time the first time.
    assert (report.state, report.current_version_id, report.late) == ("submitted", second.pk, False)
    assert report.first_submitted_at == at(2026, 4, 20)
    assert [action for action, _data in actions_after(before) if action.startswith("unit_report.")] == [
        "unit_report.return",
        "unit_report.correct",
        "unit_report.save",
        "unit_report.send_for_approval",
        "unit_report.approve",
    ]
    version.refresh_from_db()
    diff = unit_report_diff(version, second)
    assert [(t.field, t.lines) for t in diff.texts] == [("narrative_th", [(" ", "ผล"), ("+", "แก้ไข M.1 แล้ว")])]
    assert [(c.code, c.aspect, c.before, c.after) for c in diff.items] == [
        ("M.1", "status", "missing", "published"),
        ("M.1", "published_version", "", "1"),
    ]
    assert [(p["kind"], p["item"]) for p in diff.problems_resolved] == [("missing", "M.1")]
    assert diff.problems_added == []
    assert ("published", 0, 1) in diff.summary


def test_approval_freezes_the_facts(world: World) -> None:
    # Approved inside the period: the cut-off is the moment of approval.
    version = _submitted(world, at(2026, 3, 20))
    version.refresh_from_db()
    frozen = dict(version.facts)
    assert version.facts_taken_at == at(2026, 3, 20)
    assert frozen["cut_off"] == "2026-03-20"
    publish_at(world, world.unit_a, "G.1", at(2026, 3, 25))
    version.refresh_from_db()
    assert version.facts == frozen
    assert version.facts["items"][0]["status"] == "missing"
    # Taken afresh, the facts would say otherwise.
    fresh = unit_facts(round=version.report.round, organization=world.unit_a, now=at(2026, 4, 1))
    assert fresh["items"][0]["status"] == "published"
    # A frozen version cannot be refreshed or edited.
    with pytest.raises(ValidationError) as refused:
        unit_report_refresh(actor=world.person("reporter_a"), version=version, now=at(2026, 4, 1))
    assert refused.value.messages == ["Only a draft report can be changed."]


def test_approval_retakes_the_facts(world: World) -> None:
    round = open_round(world)
    reporter = world.person("reporter_a")
    version = unit_report_start(actor=reporter, round=round, organization=world.unit_a, now=at(2026, 3, 10))
    assert version.facts["items"][0]["status"] == "missing"
    publish_at(world, world.unit_a, "G.1", at(2026, 3, 12))
    _write(world, version, at(2026, 3, 13))
    unit_report_send_for_approval(actor=reporter, version=version, now=at(2026, 3, 13))
    unit_report_approve(actor=world.person("supervisor_a"), version=version, now=at(2026, 3, 14))
    version.refresh_from_db()
    assert (version.facts["items"][0]["status"], version.facts["cut_off"]) == ("published", "2026-03-14")


def test_the_head_who_wrote_or_sent_the_version_cannot_approve_it(world: World) -> None:
    round = open_round(world)
    both = world.person("head_reporter_a")
    version = unit_report_start(actor=both, round=round, organization=world.unit_a, now=at(2026, 4, 2))
    _write(world, version, at(2026, 4, 2))
    unit_report_send_for_approval(actor=both, version=version, now=at(2026, 4, 3))
    for language, message in (
        ("en", "You cannot approve or send back a report version you wrote or sent for approval yourself."),
        ("th", "คุณไม่สามารถอนุมัติหรือส่งกลับรายงานฉบับที่คุณจัดทำหรือส่งขออนุมัติเอง"),
    ):
        with translation.override(language), pytest.raises(ApproverIsAuthor) as refused:
            unit_report_approve(actor=both, version=version, now=at(2026, 4, 4))
        assert str(refused.value) == message
    with pytest.raises(ApproverIsAuthor):
        unit_report_send_back(actor=both, version=version, comment="x", now=at(2026, 4, 4))
    version.refresh_from_db()
    assert version.state == "awaiting_approval"
    unit_report_approve(actor=world.person("supervisor_a"), version=version, now=at(2026, 4, 4))


@pytest.mark.parametrize(
    ("username", "action"),
    [
        ("reporter_b", "start"),  # a reporter of another unit
        ("editor_a", "start"),
        ("supervisor_a", "start"),
        ("executive", "start"),
        ("ict_monitor", "start"),
        ("outsider", "start"),
        ("reporter_b", "save"),
        ("supervisor_a", "save"),
        ("ict_monitor", "save"),
        ("reporter_a", "approve"),
        ("supervisor_b", "approve"),
        ("ict_monitor", "approve"),
        ("executive", "approve"),
        ("supervisor_a", "accept"),
        ("reporter_a", "accept"),
        ("executive", "accept"),
        ("supervisor_dept", "accept"),
        ("reporter_a", "return"),
    ],
)
def test_nobody_acts_on_a_unit_or_a_step_not_theirs(world: World, username: str, action: str) -> None:
    round = open_round(world)
    reporter, head = world.person("reporter_a"), world.person("supervisor_a")
    actor = world.person(username)
    now = at(2026, 4, 2)
    if action == "start":
        with pytest.raises(PermissionDenied) as refused:
            unit_report_start(actor=actor, round=round, organization=world.unit_a, now=now)
        assert str(refused.value) == "You do not have permission to do this for this unit."
        assert not UnitReport.objects.exists()
        return
    version = unit_report_start(actor=reporter, round=round, organization=world.unit_a, now=now)
    if action == "save":
        with pytest.raises(PermissionDenied):
            unit_report_save(
                actor=actor, version=version, narrative_th="x", narrative_en="", actions_th="", actions_en="", now=now
            )
        version.refresh_from_db()
        assert version.narrative_th == ""
        return
    _write(world, version, now)
    unit_report_send_for_approval(actor=reporter, version=version, now=now)
    if action == "approve":
        with pytest.raises(PermissionDenied):
            unit_report_approve(actor=actor, version=version, now=now)
        version.refresh_from_db()
        assert version.state == "awaiting_approval"
        return
    unit_report_approve(actor=head, version=version, now=now)
    decide = (
        (lambda: unit_report_accept(actor=actor, version=version, now=now))
        if action == "accept"
        else (lambda: unit_report_return(actor=actor, version=version, comment="แก้ไข", now=now))
    )
    with pytest.raises(PermissionDenied):
        decide()
    version.refresh_from_db()
    assert version.state == "submitted"


def test_illegal_steps_and_starting_twice(world: World) -> None:
    round = open_round(world)
    reporter = world.person("reporter_a")
    version = unit_report_start(actor=reporter, round=round, organization=world.unit_a, now=at(2026, 4, 2))
    with pytest.raises(ValidationError) as refused:
        unit_report_start(actor=reporter, round=round, organization=world.unit_a, now=at(2026, 4, 2))
    assert refused.value.messages == ["This unit has already started its report for round 2569-6."]
    with pytest.raises(ValidationError) as refused:
        unit_report_send_for_approval(actor=reporter, version=version, now=at(2026, 4, 2))
    assert refused.value.messages == ["Write the report's narrative in Thai before sending it for approval."]
    with pytest.raises(IllegalReportTransition):
        unit_report_approve(actor=world.person("supervisor_a"), version=version, now=at(2026, 4, 2))
    with pytest.raises(IllegalReportTransition):
        unit_report_accept(actor=world.person("ict_monitor"), version=version, now=at(2026, 4, 2))
    with pytest.raises(ValidationError) as refused:
        unit_report_correct(actor=reporter, report=version.report, now=at(2026, 4, 2))
    assert refused.value.messages == ["Only a report the ICT Center returned can be corrected."]


def test_a_closed_round_takes_no_submission_but_the_ict_center_still_accepts(world: World) -> None:
    version = _submitted(world, at(2026, 4, 20))
    round = version.report.round
    reporter_b = world.person("reporter_b")
    draft = unit_report_start(actor=reporter_b, round=round, organization=world.unit_b, now=at(2026, 4, 21))
    unit_report_save(
        actor=reporter_b,
        version=draft,
        narrative_th="ผล",
        narrative_en="",
        actions_th="",
        actions_en="",
        now=at(2026, 4, 21),
    )
    unit_report_send_for_approval(actor=reporter_b, version=draft, now=at(2026, 4, 21))
    ict = world.person("ict_monitor")
    round_close(actor=ict, round=round, now=at(2026, 5, 1))
    for language, message in (
        ("en", "Round 2569-6 is closed: the ICT Center must reopen it first."),
        ("th", "รอบ 2569-6 ปิดแล้ว ศูนย์เทคโนโลยีสารสนเทศและการสื่อสารต้องเปิดรอบอีกครั้งก่อน"),
    ):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            unit_report_approve(actor=world.person("supervisor_b"), version=draft, now=at(2026, 5, 2))
        assert refused.value.messages == [message]
    with pytest.raises(ValidationError):
        unit_report_return(actor=ict, version=version, comment="แก้ไข", now=at(2026, 5, 2))
    unit_report_accept(actor=ict, version=version, now=at(2026, 5, 2))
    version.refresh_from_db()
    assert version.state == "accepted"
