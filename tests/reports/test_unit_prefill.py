"""The unit report's facts at a round's cut-off: the register's history, the monitor's round, the channels."""

import datetime as dt
from typing import Any

import pytest

from prongsai.channels.models import Submission
from prongsai.reports.prefill import cut_off_of, unit_facts
from prongsai.thaidate import ReportingRound
from prongsai.thaidate.fiscal import RoundKind
from tests.reports.unit_world import (
    AFTER,
    BANGKOK,
    World,
    _english,
    at,
    check_of,
    open_round,
    override,
    publish_at,
    return_at,
    shared_world,
    world,
)

# The world's fixtures, imported so that pytest finds them here (named, so the import is not unused).
FIXTURES = (_english, shared_world, world)

SIX = ReportingRound(2569, RoundKind.SIX_MONTH)
TWELVE = ReportingRound(2569, RoundKind.TWELVE_MONTH)


@pytest.mark.parametrize(
    ("period", "now", "start", "moment"),
    [
        # After the round: the end of its last day (Bangkok).
        (
            SIX,
            at(2026, 4, 10),
            dt.datetime(2025, 10, 1, tzinfo=BANGKOK),
            dt.datetime(2026, 3, 31, 23, 59, 59, 999999, tzinfo=BANGKOK),
        ),
        # Inside the round: now.
        (SIX, at(2026, 3, 16), dt.datetime(2025, 10, 1, tzinfo=BANGKOK), at(2026, 3, 16)),
        # The twelve-month round runs to 30 September; 1 October already belongs to the next fiscal year.
        (
            TWELVE,
            dt.datetime(2026, 10, 1, 0, 0, tzinfo=BANGKOK),
            dt.datetime(2025, 10, 1, tzinfo=BANGKOK),
            dt.datetime(2026, 9, 30, 23, 59, 59, 999999, tzinfo=BANGKOK),
        ),
        (TWELVE, at(2026, 9, 30, 12), dt.datetime(2025, 10, 1, tzinfo=BANGKOK), at(2026, 9, 30, 12)),
    ],
)
def test_cut_off_is_the_end_of_the_rounds_last_day_or_now(
    period: ReportingRound, now: dt.datetime, start: dt.datetime, moment: dt.datetime
) -> None:
    cut = cut_off_of(period, now)
    assert (cut.start, cut.moment) == (start, moment)
    assert cut.day == moment.date()


def _submission(
    world: World, n: int, kind: str, received: dt.datetime, due: dt.date, closed: dt.datetime | None
) -> None:
    Submission.objects.create(
        kind=kind,
        organization=world.unit_a,
        topic="service_quality",
        subject="เรื่อง",
        message="ข้อความ",
        language="th",
        tracking_code=f"T-{n:04d}",
        status="closed" if closed else "received",
        outcome="resolved" if closed else "",
        received_at=received,
        due_date=due,
        closed_at=closed,
        updated_at=closed or received,
    )


@pytest.fixture
def history(world: World) -> dict[str, Any]:
    """Unit A's register, website checks and channels around the cut-off of round 2569-6 (31 March 2026)."""
    unit = world.unit_a
    # G.1: approved on the cut-off day, late in the evening: in.
    g1 = publish_at(world, unit, "G.1", at(2026, 3, 31, 23), note="ปรับปรุงเจตจำนง")
    # M.1: approved the day after the cut-off: not in (missing at the cut-off).
    publish_at(world, unit, "M.1", at(2026, 4, 1, 9))
    # P.1 (monthly): approved 1 February, due 1 March: overdue at the cut-off; the version of 2 April does not count.
    p1 = publish_at(world, unit, "P.1", at(2026, 2, 1))
    publish_at(world, unit, "P.1", at(2026, 4, 2))
    # M.2: returned by its reviewer on 20 March.
    m2 = return_at(world, unit, "M.2", at(2026, 3, 20))
    # The monitor: the round's check of 20 March counts; the check of 2 April belongs to the next round.
    site_check = check_of(
        unit,
        at(2026, 3, 20, 14),
        {
            "G.1": ("found", True, "https://a.example.go.th/integrity"),
            "P.1": ("found", None, "https://a.example.go.th/procurement"),
            "M.1": ("not_found", None, ""),
            "M.2": ("partial", False, "https://a.example.go.th/complaints"),
        },
    )
    later = check_of(unit, at(2026, 4, 2), dict.fromkeys(("G.1", "P.1", "M.1", "M.2"), ("found", True, "")))
    override(world, site_check, "M.1", "found", "พบในหน้าเอกสารดาวน์โหลด", at(2026, 3, 25))
    override(world, site_check, "G.1", "not_found", "ทำหลังวันตัดยอด", at(2026, 4, 3))
    # The channels.
    _submission(world, 1, "opinion", at(2025, 11, 1), dt.date(2025, 11, 16), at(2025, 11, 11))
    _submission(world, 2, "opinion", at(2025, 12, 1), dt.date(2025, 12, 31), at(2026, 4, 5))
    _submission(world, 3, "complaint", at(2026, 1, 10), dt.date(2026, 1, 25), at(2026, 1, 13))
    _submission(world, 4, "complaint", at(2026, 2, 1), dt.date(2026, 2, 16), at(2026, 2, 8))
    _submission(world, 5, "complaint", at(2026, 3, 20), dt.date(2026, 4, 20), None)
    _submission(world, 6, "complaint", at(2025, 9, 30), dt.date(2025, 10, 15), None)
    _submission(world, 7, "complaint", at(2026, 4, 2), dt.date(2026, 4, 17), None)
    return {"g1": g1, "p1": p1, "m2": m2, "check": site_check, "later": later}


def test_the_facts_at_the_cut_off(world: World, history: dict[str, Any]) -> None:
    round = open_round(world)
    facts = unit_facts(round=round, organization=world.unit_a, now=AFTER)
    assert facts["schema"] == 1
    assert facts["round"] == "2569-6"
    assert facts["cut_off"] == "2026-03-31"
    assert facts["taken_at"] == AFTER.isoformat()
    assert facts["unit"] == {"slug": "unit-a", "name_th": "กองเกษตร", "name_en": "Unit A"}
    assert facts["plans"] is None
    items = {item["code"]: item for item in facts["items"]}
    assert [item["code"] for item in facts["items"]] == ["G.1", "P.1", "M.1", "M.2"]
    assert items["G.1"] == {
        "code": "G.1",
        "name_th": "เจตจำนงสุจริตของผู้บริหาร",
        "name_en": "Integrity statement",
        "status": "published",
        "published_version": 1,
        "last_review_on": "2026-03-31",
        "reviewers": ["คุณ reviewer1_a"],
        "next_review_due": "2026-09-30",
        "changes": [
            {
                "version_id": history["g1"].pk,
                "number": 1,
                "state": "approved",
                "decided_on": "2026-03-31",
                "change_note": "ปรับปรุงเจตจำนง",
            }
        ],
        "monitor": {
            "status": "found",
            "current": True,
            "as_of": None,
            "overridden": False,  # the override of 3 April came after the cut-off
            "override_reason": "",
            "evidence_url": "https://a.example.go.th/integrity",
        },
    }
    assert (items["M.1"]["status"], items["M.1"]["published_version"], items["M.1"]["changes"]) == ("missing", None, [])
    assert items["M.1"]["monitor"] == {
        "status": "found",
        "current": None,
        "as_of": None,
        "overridden": True,
        "override_reason": "พบในหน้าเอกสารดาวน์โหลด",
        "evidence_url": "",
    }
    assert items["P.1"]["status"] == "overdue"
    assert items["P.1"]["published_version"] == 1
    assert items["P.1"]["last_review_on"] == "2026-02-01"
    assert items["P.1"]["next_review_due"] == "2026-03-01"
    assert [c["number"] for c in items["P.1"]["changes"]] == [1]
    assert items["M.2"]["status"] == "returned"
    assert items["M.2"]["changes"] == [
        {
            "version_id": history["m2"].pk,
            "number": 1,
            "state": "returned",
            "decided_on": "2026-03-20",
            "change_note": "",
        }
    ]
    assert facts["monitor"] == {
        "check_id": history["check"].pk,
        "url": "https://a.example.go.th/",
        "finished_at": at(2026, 3, 20, 14).isoformat(),
        # G.1 found and current 1.0, P.1 found 0.8, M.1 overridden to found 0.8, M.2 partial 0.4: 3.0 of 4.
        "score": 75.0,
    }
    assert [(p["kind"], p["item"]) for p in facts["problems"]] == [
        ("overdue", "P.1"),
        ("missing", "M.1"),
        ("disagreement", "M.1"),
        ("returned", "M.2"),
    ]
    problems = {(p["kind"], p["item"]): p for p in facts["problems"]}
    assert problems[("disagreement", "M.1")]["text_th"] == (
        "M.1 คู่มือการปฏิบัติงาน: การตรวจเว็บไซต์พบ แต่ทะเบียนยังไม่มีฉบับที่เผยแพร่"
    )
    assert problems[("disagreement", "M.1")]["text_en"] == (
        "M.1 Operating manual: the website check found it, but the register has no published version"
    )
    assert (
        problems[("overdue", "P.1")]["text_en"] == "P.1 Monthly procurement summary: review overdue (due 1 March 2026)"
    )
    assert problems[("overdue", "P.1")]["text_th"] == (
        "P.1 สรุปผลการจัดซื้อจัดจ้างรายเดือน: เลยกำหนดทบทวน (ครบกำหนด 1 มีนาคม 2569)"
    )
    assert facts["channels"] == {
        "opinion": {"received": 2, "closed": 1, "overdue": 1, "median_days_to_close": 10.0},
        "complaint": {"received": 3, "closed": 2, "overdue": 0, "median_days_to_close": 5.0},
    }
    assert facts["summary"] == {
        "items": 4,
        "published": 1,
        "overdue": 1,
        "missing": 1,
        "monitor_found": 3,
        "score": 75.0,
    }


def test_a_version_approved_the_day_after_the_cut_off_is_not_in_one_on_the_cut_off_day_is(world: World) -> None:
    unit = world.unit_a
    publish_at(world, unit, "G.1", at(2026, 3, 31, 23, 59))
    publish_at(world, unit, "M.2", at(2026, 4, 1, 0, 0))
    round = open_round(world)
    items = {item["code"]: item for item in unit_facts(round=round, organization=unit, now=AFTER)["items"]}
    assert (items["G.1"]["status"], items["G.1"]["published_version"]) == ("published", 1)
    assert (items["M.2"]["status"], items["M.2"]["published_version"], items["M.2"]["changes"]) == ("missing", None, [])


def test_the_monitor_problems_when_the_register_claims_what_the_check_did_not_find(world: World) -> None:
    unit = world.unit_a
    publish_at(world, unit, "G.1", at(2026, 3, 1))
    check_of(unit, at(2026, 3, 10), {"G.1": ("not_found", None, ""), "M.1": ("not_found", None, "")})
    round = open_round(world)
    facts = unit_facts(round=round, organization=unit, now=AFTER)
    kinds = [(p["kind"], p["item"]) for p in facts["problems"]]
    assert ("disagreement", "G.1") in kinds
    assert ("not_found_by_monitor", "M.1") in kinds
    assert ("not_found_by_monitor", "G.1") not in kinds


def test_an_override_lapsed_by_the_cut_off_does_not_apply(world: World) -> None:
    unit = world.unit_a
    site_check = check_of(unit, at(2026, 3, 10), {"G.1": ("not_found", None, "")})
    round = open_round(world)
    # Made in the previous round's time: it lapsed when this round's period began.
    override(world, site_check, "G.1", "found", "เก่า", at(2025, 9, 1))
    monitor = unit_facts(round=round, organization=unit, now=AFTER)["items"][0]["monitor"]
    assert monitor is not None
    assert (monitor["status"], monitor["overridden"]) == ("not_found", False)


def test_a_check_of_the_previous_round_does_not_count(world: World) -> None:
    check_of(world.unit_a, at(2025, 9, 25), {"G.1": ("found", True, "")})
    round = open_round(world)
    facts = unit_facts(round=round, organization=world.unit_a, now=AFTER)
    assert facts["monitor"] is None
    assert facts["summary"]["score"] is None
    assert all(item["monitor"] is None for item in facts["items"])


def test_the_query_count_does_not_grow_with_the_data(
    world: World, history: dict[str, Any], django_assert_num_queries: Any
) -> None:
    round = open_round(world)
    # Eight: the seven of the register, the monitor and the channels, and one for the unit's action plan.
    with django_assert_num_queries(8):
        unit_facts(round=round, organization=world.unit_a, now=AFTER)
    # More versions and findings: the same count.
    for day in (5, 6, 7):
        publish_at(world, world.unit_a, "G.1", at(2026, 3, day))
    with django_assert_num_queries(8):
        unit_facts(round=round, organization=world.unit_a, now=AFTER)
    # A unit never checked: two queries fewer.
    unit_b = world.unit_b
    with django_assert_num_queries(6):
        unit_facts(round=round, organization=unit_b, now=AFTER)
