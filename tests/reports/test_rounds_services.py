"""Opening, changing and closing rounds (the ICT Center), with their refusals, audit events and signals."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from prongsai.reports.models import Round
from prongsai.reports.services import (
    round_close,
    round_open,
    round_reopen,
    round_set_deadline,
    unit_report_approve,
    unit_report_save,
    unit_report_send_for_approval,
    unit_report_start,
)
from prongsai.reports.signals import round_changed
from tests.register.conftest import actions_after, last_sequence
from tests.reports.unit_world import DEADLINE, OPENED, World, _english, at, open_round, shared_world, world

FIXTURES = (_english, shared_world, world)


def test_opening_a_round_records_it_audits_and_signals(world: World) -> None:
    heard: list[tuple[str, dt.datetime]] = []

    def receiver(sender: Any, round: Round, now: dt.datetime, **kwargs: Any) -> None:
        heard.append((round.code, now))

    round_changed.connect(receiver)
    try:
        before = last_sequence()
        round = round_open(actor=world.person("ict_monitor"), fiscal_year=2569, kind="6", deadline=DEADLINE, now=OPENED)
    finally:
        round_changed.disconnect(receiver)
    round.refresh_from_db()
    assert (round.code, round.kind, round.state, round.deadline) == ("2569-6", "six_month", "open", DEADLINE)
    assert (round.opened_by_id, round.opened_at) == (world.person("ict_monitor").pk, OPENED)
    assert (round.period.start, round.period.end) == (dt.date(2025, 10, 1), dt.date(2026, 3, 31))
    assert actions_after(before) == [("round.open", {"round": "2569-6", "deadline": "2026-04-30"})]
    assert heard == [("2569-6", OPENED)]


def test_the_twelve_month_round_covers_the_whole_fiscal_year(world: World) -> None:
    round = open_round(world, kind="12", deadline=dt.date(2026, 10, 31))
    assert (round.code, round.period.start, round.period.end) == (
        "2569-12",
        dt.date(2025, 10, 1),
        dt.date(2026, 9, 30),
    )


@pytest.mark.parametrize(
    ("fiscal_year", "kind", "deadline", "english", "thai"),
    [
        (
            2569,
            "6",
            dt.date(2026, 3, 31),
            "The deadline must fall after the round's last day (31 March 2026).",
            "กำหนดส่งต้องอยู่หลังวันสุดท้ายของรอบ (31 มีนาคม 2569)",
        ),
        (
            2569,
            "12",
            dt.date(2026, 9, 30),
            "The deadline must fall after the round's last day (30 September 2026).",
            "กำหนดส่งต้องอยู่หลังวันสุดท้ายของรอบ (30 กันยายน 2569)",
        ),
        (
            2569,
            "6",
            dt.date(2569, 4, 30),
            "The deadline must fall within a year of the round's last day (31 March 2026); check the year.",
            "กำหนดส่งต้องอยู่ภายในหนึ่งปีหลังวันสุดท้ายของรอบ (31 มีนาคม 2569) โปรดตรวจสอบปี",
        ),
        (2568, "6", dt.date(2025, 4, 30), "The deadline cannot be in the past.", "กำหนดส่งต้องไม่เป็นวันที่ผ่านมาแล้ว"),
        (
            2026,
            "6",
            dt.date(2026, 4, 30),
            "Give the fiscal year in the Buddhist era, e.g. 2569.",
            "ระบุปีงบประมาณเป็นปีพุทธศักราช เช่น 2569",
        ),
        (2569, "9", dt.date(2026, 4, 30), "Choose the 6-month or the 12-month round.", "เลือกรอบ 6 เดือนหรือรอบ 12 เดือน"),
    ],
)
def test_bad_rounds_are_refused_in_thai_and_english(
    world: World, fiscal_year: int, kind: str, deadline: dt.date, english: str, thai: str
) -> None:
    for language, expected in (("en", english), ("th", thai)):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            round_open(
                actor=world.person("ict_monitor"), fiscal_year=fiscal_year, kind=kind, deadline=deadline, now=OPENED
            )
        assert refused.value.messages == [expected]
    assert not Round.objects.exists()


def test_a_round_is_opened_once(world: World) -> None:
    open_round(world)
    with pytest.raises(ValidationError) as refused:
        open_round(world, deadline=dt.date(2026, 5, 15))
    assert refused.value.messages == ["Round 2569-6 has already been opened."]
    assert Round.objects.count() == 1


@pytest.mark.parametrize("username", ["reporter_a", "supervisor_dept", "executive", "administrator", "editor_dept"])
def test_only_the_ict_center_opens_rounds(world: World, username: str) -> None:
    with pytest.raises(PermissionDenied) as refused:
        open_round(world) if username == "ict_monitor" else round_open(
            actor=world.person(username), fiscal_year=2569, kind="6", deadline=DEADLINE, now=OPENED
        )
    assert str(refused.value) == "Only the ICT Center at the department opens, changes and closes reporting rounds."
    assert not Round.objects.exists()


def test_closing_and_reopening(world: World) -> None:
    round = open_round(world)
    ict = world.person("ict_monitor")
    before = last_sequence()
    round_close(actor=ict, round=round, now=at(2026, 5, 1))
    round.refresh_from_db()
    assert (round.state, round.closed_by_id, round.closed_at) == ("closed", ict.pk, at(2026, 5, 1))
    with pytest.raises(ValidationError) as refused:
        round_close(actor=ict, round=round, now=at(2026, 5, 1))
    assert refused.value.messages == ["Round 2569-6 is already closed."]
    with pytest.raises(ValidationError) as refused:
        unit_report_start(actor=world.person("reporter_a"), round=round, organization=world.unit_a, now=at(2026, 5, 2))
    assert refused.value.messages == ["Round 2569-6 is closed: the ICT Center must reopen it first."]
    round_reopen(actor=ict, round=round, now=at(2026, 5, 3))
    round.refresh_from_db()
    assert (round.state, round.closed_by, round.closed_at) == ("open", None, None)
    assert actions_after(before) == [
        ("round.close", {"round": "2569-6", "deadline": "2026-04-30", "unsubmitted": 0}),
        ("round.reopen", {"round": "2569-6", "deadline": "2026-04-30"}),
    ]
    with pytest.raises(PermissionDenied):
        round_close(actor=world.person("reporter_a"), round=round, now=at(2026, 5, 4))


def test_moving_the_deadline_rejudges_lateness(world: World) -> None:
    round = open_round(world)
    version = unit_report_start(
        actor=world.person("reporter_a"), round=round, organization=world.unit_a, now=at(2026, 4, 20)
    )
    unit_report_save(
        actor=world.person("reporter_a"),
        version=version,
        narrative_th="ผลการดำเนินงาน",
        narrative_en="",
        actions_th="",
        actions_en="",
        now=at(2026, 4, 20),
    )
    unit_report_send_for_approval(actor=world.person("reporter_a"), version=version, now=at(2026, 5, 2))
    unit_report_approve(actor=world.person("supervisor_a"), version=version, now=at(2026, 5, 2))
    report = version.report
    report.refresh_from_db()
    assert report.late is True
    before = last_sequence()
    round_set_deadline(
        actor=world.person("ict_monitor"), round=round, deadline=dt.date(2026, 5, 15), now=at(2026, 5, 3)
    )
    report.refresh_from_db()
    version.refresh_from_db()
    assert (report.late, version.late) == (False, False)
    assert actions_after(before) == [
        (
            "round.set_deadline",
            {"round": "2569-6", "deadline": "2026-05-15", "previous": "2026-04-30", "reports_rejudged": 1},
        )
    ]
