"""Each recommendation rule over hand-built facts: exact text and figures, triggered and not at the threshold's edge."""

from typing import Any

import pytest

from prongsai.reports.facts import OverallFacts, UnitRow
from prongsai.reports.recommend import RuleConfigurationError, Suggestion, build_rules, recommend
from prongsai.reports.recommend.rules import (
    BilingualStatement,
    CommonItemGap,
    Decline,
    LateRepeatedly,
    LowCompliance,
    NotReported,
    OverdueItems,
    ProcurementGaps,
    RegisterMonitorDisagreement,
)

ITEMS = [
    {"code": "5.1.1.1", "name_th": "โครงสร้างหน่วยงาน", "name_en": "Organization structure"},
    {"code": "5.1.3", "name_th": "เจตจำนงสุจริตของผู้บริหารสูงสุด", "name_en": "Top executive's integrity statement"},
    {"code": "5.1.7.1", "name_th": "แผนการจัดซื้อจัดจ้างประจำปี", "name_en": "Annual procurement plan"},
    {"code": "5.1.7.3", "name_th": "สรุปผลการจัดซื้อจัดจ้าง", "name_en": "Procurement result summary"},
]


def unit(n: int, **values: Any) -> UnitRow:
    """A unit that complies with everything, with the given values changed."""
    row: dict[str, Any] = {
        "slug": f"u{n}",
        "name_th": f"หน่วย {n}",
        "name_en": f"Unit {n}",
        "report_state": "accepted",
        "late": False,
        "submitted_on": "2026-04-20",
        "cells": dict.fromkeys([item["code"] for item in ITEMS], "published"),
        "monitor": {},
        "compliance": 100.0,
        "score": 90.0,
        "previous_score": 90.0,
        "rank": n + 1,
        "previous_compliance": 100.0,
        "previous_late": False,
        "reported": True,
        "english_missing": [],
        "gaps": [],
    }
    row.update(values)
    return row  # type: ignore[return-value]


def facts(units: list[UnitRow], **values: Any) -> OverallFacts:
    document: dict[str, Any] = {
        "schema": 1,
        "round": "2569-6",
        "cut_off": "2026-03-31",
        "taken_at": "2026-05-10T10:00:00+07:00",
        "items": ITEMS,
        "units": units,
        "by_item": [],
        "not_reported": [],
        "disagreements": [],
        "common_gaps": [],
        "trend": [],
        "headline": {},
        "previous_round": "2568-12",
    }
    document.update(values)
    return document  # type: ignore[return-value]


def ten(**changed: dict[str, Any]) -> list[UnitRow]:
    """Ten units, the ones named u<n> in `changed` with those values."""
    return [unit(n, **changed.get(f"u{n}", {})) for n in range(10)]


# --- common item gap --------------------------------------------------------------------------------------------------


def test_an_item_missing_at_30_percent_of_the_units_is_a_common_gap() -> None:
    units = ten(u1={"gaps": ["5.1.1.1"]}, u4={"gaps": ["5.1.1.1", "5.1.3"]}, u7={"gaps": ["5.1.1.1", "5.1.3"]})
    assert CommonItemGap()(facts(units), None) == [
        Suggestion(
            rule="common_gap",
            units=("u1", "u4", "u7"),
            items=("5.1.1.1",),
            figures={"units": 3, "share": 30.0, "total_units": 10, "threshold": 30.0},
            text_th="รายการ 5.1.1.1 โครงสร้างหน่วยงาน ยังไม่เผยแพร่หรือไม่เป็นปัจจุบันใน 3 หน่วยงาน (30.0%) "
            "จากทั้งหมด 10 หน่วยงาน ถึงเกณฑ์ปัญหาร่วม (30.0%) "
            "ควรให้ศูนย์เทคโนโลยีสารสนเทศและการสื่อสารจัดทำแนวทางและตัวอย่างการเผยแพร่รายการนี้ "
            "และชี้แจงหน่วยงานที่เกี่ยวข้องให้ดำเนินการก่อนรอบถัดไป",
            text_en="Item 5.1.1.1 Organization structure is missing or out of date at 3 units (30.0%) of 10 units, "
            "at or above the common-gap threshold (30.0%). The ICT Center should issue guidance and an example "
            "for this item and brief the units concerned to publish it before the next round.",
        )
    ]


def test_a_gap_below_the_configured_share_is_not_common() -> None:
    units = ten(u1={"gaps": ["5.1.1.1"]}, u4={"gaps": ["5.1.1.1"]}, u7={"gaps": ["5.1.1.1"]})
    assert CommonItemGap(min_share=30.1)(facts(units), None) == []


def test_common_gaps_come_most_units_first_then_in_checklist_order() -> None:
    units = ten(**{f"u{n}": {"gaps": ["5.1.3", "5.1.7.3"] if n < 4 else ["5.1.7.3"]} for n in range(5)})
    found = CommonItemGap()(facts(units), None)
    assert [(s.items, s.figures["units"]) for s in found] == [(("5.1.7.3",), 5), (("5.1.3",), 4)]


# --- low compliance ---------------------------------------------------------------------------------------------------


def test_units_under_half_compliance_are_named_lowest_first() -> None:
    units = ten(u2={"compliance": 49.9}, u5={"compliance": 50.0}, u8={"compliance": 12.5})
    assert LowCompliance()(facts(units), None) == [
        Suggestion(
            rule="low_compliance",
            units=("u8", "u2"),
            items=(),
            figures={"units": 2, "share": 20.0, "threshold": 50.0, "lowest": 12.5},
            text_th="2 หน่วยงาน (20.0%) เผยแพร่ข้อมูลครบถ้วนและเป็นปัจจุบันต่ำกว่า 50.0% ของรายการ (ต่ำสุด 12.5%): "
            "หน่วย 8, หน่วย 2 ควรให้ผู้บริหารหน่วยงานกำกับให้ผู้รับผิดชอบจัดทำข้อมูลที่ขาดให้ครบ "
            "และให้ศูนย์เทคโนโลยีสารสนเทศและการสื่อสารติดตามผลเป็นรายเดือน",
            text_en="2 units (20.0%) publish fewer than 50.0% of the items complete and current (lowest 12.5%): "
            "Unit 8, Unit 2. Their heads should have the responsible staff publish the missing items, and the "
            "ICT Center should follow up monthly.",
        )
    ]


def test_no_unit_under_the_threshold_no_suggestion() -> None:
    assert LowCompliance()(facts(ten(u2={"compliance": 50.0})), None) == []
    assert LowCompliance(threshold=60)(facts(ten(u2={"compliance": 50.0})), None)[0].units == ("u2",)


def test_more_than_five_units_are_counted_after_the_first_five_names() -> None:
    units = ten(**{f"u{n}": {"compliance": 10.0} for n in range(7)})
    found = LowCompliance()(facts(units), None)[0]
    assert "หน่วย 0, หน่วย 1, หน่วย 2, หน่วย 3, หน่วย 4 และอีก 2 หน่วยงาน ควรให้" in found.text_th
    assert "Unit 0, Unit 1, Unit 2, Unit 3, Unit 4 and 2 more. Their heads" in found.text_en


# --- decline ----------------------------------------------------------------------------------------------------------


def test_a_fall_of_ten_points_in_compliance_or_score_is_a_decline() -> None:
    units = ten(
        u1={"compliance": 90.0},  # fell exactly 10 points
        u3={"score": 80.1},  # score fell 9.9: not enough
        u6={"score": 60.0, "compliance": 75.0},  # score fell 30, compliance 25
    )
    assert Decline()(facts(units), None) == [
        Suggestion(
            rule="decline",
            units=("u6", "u1"),
            items=(),
            figures={"units": 2, "compliance_fell": 2, "score_fell": 1, "largest_drop": 30.0, "threshold": 10.0},
            text_th="2 หน่วยงาน มีผลลดลงจากรอบก่อนตั้งแต่ 10.0 จุดขึ้นไป (สัดส่วนการเผยแพร่ลดลง 2 หน่วยงาน "
            "คะแนนการตรวจเว็บไซต์ลดลง 1 หน่วยงาน ลดลงมากที่สุด 30.0 จุด): หน่วย 6, หน่วย 1 ควรตรวจสอบสาเหตุ "
            "เช่น ข้อมูลเลยกำหนดทบทวนแล้วไม่ได้ปรับปรุง หรือหน้าเว็บไซต์ย้ายที่อยู่ และแก้ไขโดยเร็ว",
            text_en="2 units fell by 10.0 points or more since the previous round (compliance fell at 2 units, "
            "the website score at 1 unit; the largest drop 30.0 points): Unit 6, Unit 1. Find out why — items "
            "past their review date, pages moved on the website — and put it right promptly.",
        )
    ]


def test_a_fall_just_under_the_threshold_or_an_unknown_score_is_no_decline() -> None:
    units = ten(u1={"compliance": 90.1}, u2={"score": None}, u3={"previous_score": None, "score": 10.0})
    assert Decline()(facts(units), None) == []


def test_without_previous_values_in_the_rows_the_previous_rounds_facts_are_read() -> None:
    rows = [unit(0, compliance=40.0), unit(1, compliance=40.0)]
    for row in rows:
        del row["previous_compliance"]
    before = facts([unit(0, compliance=50.0), unit(1, compliance=45.0)])
    assert Decline()(facts(rows), before)[0].units == ("u0",)


# --- overdue items ----------------------------------------------------------------------------------------------------


def test_an_item_overdue_at_a_fifth_of_the_units_needs_reminders() -> None:
    units = ten(
        u0={"cells": {"5.1.7.3": "overdue"}}, u9={"cells": {"5.1.7.3": "overdue"}}, u5={"cells": {"5.1.3": "overdue"}}
    )
    assert OverdueItems()(facts(units), None) == [
        Suggestion(
            rule="overdue_items",
            units=("u0", "u9"),
            items=("5.1.7.3",),
            figures={"units": 2, "share": 20.0, "total_units": 10, "threshold": 20.0},
            text_th="รายการ 5.1.7.3 สรุปผลการจัดซื้อจัดจ้าง เลยกำหนดทบทวนใน 2 หน่วยงาน (20.0%) "
            "ควรแจ้งผู้รับผิดชอบให้ทบทวนและปรับปรุงข้อมูลตามรอบ และตั้งการแจ้งเตือนล่วงหน้าก่อนครบกำหนด",
            text_en="Item 5.1.7.3 Procurement result summary is past its review date at 2 units (20.0%). "
            "Remind the people responsible to review and update it, and set reminders ahead of the due date.",
        )
    ]
    assert OverdueItems(min_share=20.1)(facts(units), None) == []


# --- reporting --------------------------------------------------------------------------------------------------------


def test_units_that_did_not_report_are_asked_to() -> None:
    assert NotReported()(facts(ten(), not_reported=["u3"]), None) == [
        Suggestion(
            rule="not_reported",
            units=("u3",),
            items=(),
            figures={"units": 1, "share": 10.0},
            text_th="1 หน่วยงาน (10.0%) ยังไม่ได้ส่งรายงานผลการเผยแพร่ข้อมูลของรอบ 2569-6: หน่วย 3 "
            "ควรให้หัวหน้าหน่วยงานมอบหมายผู้รายงานและส่งรายงานโดยเร็ว "
            "และให้ศูนย์เทคโนโลยีสารสนเทศและการสื่อสารติดตามทุกสัปดาห์",
            text_en="1 unit (10.0%) sent no report of round 2569-6: Unit 3. Their heads should appoint a reporter "
            "and send the report promptly; the ICT Center should follow up weekly.",
        )
    ]
    assert NotReported()(facts(ten()), None) == []


def test_units_late_this_round_and_the_previous_one_plan_ahead() -> None:
    units = ten(u2={"late": True, "previous_late": True}, u4={"late": True}, u6={"previous_late": True})
    assert LateRepeatedly()(facts(units), None) == [
        Suggestion(
            rule="late_repeatedly",
            units=("u2",),
            items=(),
            figures={"units": 1, "round": "2569-6", "previous_round": "2568-12"},
            text_th="1 หน่วยงาน ส่งรายงานล่าช้าทั้งรอบ 2569-6 และรอบ 2568-12: หน่วย 2 "
            "ควรกำหนดผู้รายงานสำรองและวางแผนจัดทำรายงานล่วงหน้าก่อนกำหนดส่ง",
            text_en="1 unit reported late in both round 2569-6 and round 2568-12: Unit 2. They should name a "
            "stand-in reporter and plan the report ahead of the deadline.",
        )
    ]
    assert LateRepeatedly()(facts(ten(u4={"late": True})), None) == []


def test_late_before_is_read_from_the_previous_rounds_facts_when_the_rows_do_not_say() -> None:
    row = unit(4, late=True)
    del row["previous_late"]
    before = facts([unit(4, late=True)], round="2568-12")
    assert LateRepeatedly()(facts([row]), before)[0].units == ("u4",)
    assert LateRepeatedly()(facts([row]), None) == []


# --- disagreements ----------------------------------------------------------------------------------------------------


def test_each_unit_with_disagreements_gets_its_own_recommendation_up_to_the_limit() -> None:
    disagreements = [
        {"unit": "u5", "item": "5.1.7.1", "register_status": "missing", "monitor_status": "found"},
        {"unit": "u2", "item": "5.1.3", "register_status": "published", "monitor_status": "not_found"},
        {"unit": "u5", "item": "5.1.1.1", "register_status": "published", "monitor_status": "not_found"},
        {"unit": "u8", "item": "5.1.3", "register_status": "missing", "monitor_status": "found"},
    ]
    found = RegisterMonitorDisagreement(limit=2)(facts(ten(), disagreements=disagreements), None)
    assert found == [
        Suggestion(
            rule="disagreement",
            units=("u5",),
            items=("5.1.1.1", "5.1.7.1"),
            figures={"items": 2, "published_not_found": 1, "found_not_recorded": 1},
            text_th="หน่วย 5: ข้อมูลในระบบกับผลการตรวจเว็บไซต์ไม่ตรงกัน 2 รายการ (5.1.1.1, 5.1.7.1) "
            "— เผยแพร่ในระบบแต่ไม่พบบนเว็บไซต์ 1 รายการ พบบนเว็บไซต์แต่ไม่มีในระบบ 1 รายการ "
            "ควรตรวจสอบว่าหน้าเว็บไซต์แสดงข้อมูลที่อนุมัติแล้ว และบันทึกข้อมูลที่เผยแพร่แล้วเข้าสู่ระบบ",
            text_en="Unit 5: the register and the website check disagree on 2 items (5.1.1.1, 5.1.7.1) — "
            "published in the register but not found on the website: 1; found on the website but not in the "
            "register: 1. Check that the website shows the approved information, and record what is published "
            "in the register.",
        ),
        Suggestion(
            rule="disagreement",
            units=("u2",),
            items=("5.1.3",),
            figures={"items": 1, "published_not_found": 1, "found_not_recorded": 0},
            text_th="หน่วย 2: ข้อมูลในระบบกับผลการตรวจเว็บไซต์ไม่ตรงกัน 1 รายการ (5.1.3) "
            "— เผยแพร่ในระบบแต่ไม่พบบนเว็บไซต์ 1 รายการ พบบนเว็บไซต์แต่ไม่มีในระบบ 0 รายการ "
            "ควรตรวจสอบว่าหน้าเว็บไซต์แสดงข้อมูลที่อนุมัติแล้ว และบันทึกข้อมูลที่เผยแพร่แล้วเข้าสู่ระบบ",
            text_en="Unit 2: the register and the website check disagree on 1 item (5.1.3) — published in the "
            "register but not found on the website: 1; found on the website but not in the register: 0. Check "
            "that the website shows the approved information, and record what is published in the register.",
        ),
        Suggestion(
            rule="disagreement",
            units=("u8",),
            items=(),
            figures={"units": 1, "items": 1},
            text_th="อีก 1 หน่วยงาน มีข้อมูลในระบบกับผลการตรวจเว็บไซต์ไม่ตรงกันรวม 1 รายการ: หน่วย 8 ควรตรวจสอบในลักษณะเดียวกัน",
            text_en="The register and the website check also disagree on 1 item at 1 unit more: Unit 8. "
            "Check them the same way.",
        ),
    ]
    assert RegisterMonitorDisagreement()(facts(ten()), None) == []


# --- the integrity statement in English, procurement --------------------------------------------------------------


def test_a_statement_found_in_thai_only_needs_its_english_version() -> None:
    units = ten(u3={"english_missing": ["5.1.3"]}, u7={"english_missing": ["5.1.3"]})
    assert BilingualStatement()(facts(units), None) == [
        Suggestion(
            rule="bilingual_statement",
            units=("u3", "u7"),
            items=("5.1.3",),
            figures={"units": 2, "share": 20.0},
            text_th="2 หน่วยงาน (20.0%) เผยแพร่เจตจำนงสุจริตของผู้บริหารสูงสุด (รายการ 5.1.3) เฉพาะภาษาไทย "
            "ไม่พบฉบับภาษาอังกฤษ: หน่วย 3, หน่วย 7 มาตรการกำหนดให้เผยแพร่ทั้งภาษาไทยและภาษาอังกฤษ "
            "ควรจัดทำฉบับภาษาอังกฤษและเผยแพร่คู่กัน",
            text_en="2 units (20.0%) publish the Top executive's integrity statement (item 5.1.3) in Thai only; "
            "no English version was found: Unit 3, Unit 7. The measure requires both Thai and English: publish "
            "the English version alongside the Thai one.",
        )
    ]
    assert BilingualStatement()(facts(ten()), None) == []
    assert BilingualStatement(item="9.9")(facts(units), None) == []


def test_procurement_gaps_go_to_the_step_2_reviewers() -> None:
    units = ten(
        u1={"gaps": ["5.1.7.3"]}, u2={"gaps": ["5.1.1.1", "5.1.7.1", "5.1.7.3"]}, u3={"gaps": ["5.1.1.1"]}
    )  # fmt: skip
    assert ProcurementGaps()(facts(units), None) == [
        Suggestion(
            rule="procurement_gap",
            units=("u1", "u2"),
            items=("5.1.7.1", "5.1.7.3"),
            figures={"units": 2, "share": 20.0, "per_item": {"5.1.7.1": 1, "5.1.7.3": 2}},
            text_th="ข้อมูลการจัดซื้อจัดจ้างยังไม่ครบถ้วนหรือไม่เป็นปัจจุบันใน 2 หน่วยงาน (20.0%) "
            "(5.1.7.1: 1 หน่วยงาน, 5.1.7.3: 2 หน่วยงาน) ควรส่งให้ผู้ตรวจสอบขั้นตอนที่ 2 — "
            "สำนักงานบริหารกลางในระดับกรม และฝ่ายบริหารทั่วไปของแต่ละหน่วยงาน — "
            "ทบทวนแผนและผลการจัดซื้อจัดจ้างให้ครบทุกรายการตามแบบ สขร.1",
            text_en="Procurement data is missing or out of date at 2 units (20.0%) (5.1.7.1: 1 unit, 5.1.7.3: "
            "2 units). Send it to the step-2 reviewers — the Central Administration Office at department level "
            "and each unit's general administration section — to complete the plan and every procurement's "
            "results (form สขร.1).",
        )
    ]
    assert ProcurementGaps()(facts(ten(u3={"gaps": ["5.1.1.1"]})), None) == []


# --- configuration ----------------------------------------------------------------------------------------------------


def test_the_default_settings_build_every_rule_in_order(settings: Any) -> None:
    rules = build_rules(settings.PRONGSAI_RECOMMENDATION_RULES)
    assert [rule.code for rule in rules] == [
        "common_gap",
        "low_compliance",
        "decline",
        "overdue_items",
        "not_reported",
        "late_repeatedly",
        "disagreement",
        "bilingual_statement",
        "procurement_gap",
    ]


def test_rules_run_in_the_configured_order_with_their_options() -> None:
    units = ten(u0={"compliance": 55.0, "gaps": ["5.1.7.3"]})
    rules = build_rules(
        [
            {"NAME": "prongsai.reports.recommend.rules.ProcurementGaps"},
            {"NAME": "prongsai.reports.recommend.rules.LowCompliance", "OPTIONS": {"threshold": 60}},
        ]
    )
    assert [(s.rule, s.units) for s in recommend(facts(units), None, rules)] == [
        ("procurement_gap", ("u0",)),
        ("low_compliance", ("u0",)),
    ]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"NAME": "prongsai.reports.recommend.rules.NoSuchRule"}, "no recommendation rule at"),
        ({"NAME": "nowhere.Rule"}, "no recommendation rule at"),
        ({"NAME": "prongsai.reports.recommend.rules.LowCompliance", "OPTIONS": {"limit": 3}}, "unexpected keyword"),
    ],
)
def test_a_misconfigured_rule_is_refused(spec: dict[str, Any], message: str) -> None:
    with pytest.raises(RuleConfigurationError, match=message):
        build_rules([spec])
