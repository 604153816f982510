"""The overall report's facts for a small hand-built department (the table is in overall_world's docstring)."""

import datetime as dt
from typing import Any

import pytest

from prongsai.checklists.definition import CurrencyRule
from prongsai.organizations.services import organization_create
from prongsai.reports.overall import compliance_threshold, cut_off_of, overall_facts, previous_round, score_window
from prongsai.thaidate import ReportingRound
from prongsai.thaidate.fiscal import RoundKind

from . import overall_world
from .overall_world import BANGKOK, NOW, Versions, World, at

shared_overall_world, world = overall_world.shared_overall_world, overall_world.world  # the fixtures

SIX_2569 = ReportingRound(2569, RoundKind.SIX_MONTH)
TWELVE_2569 = ReportingRound(2569, RoundKind.TWELVE_MONTH)


def test_the_previous_round_of_a_six_month_round_is_the_last_fiscal_years_twelve_month_round() -> None:
    assert previous_round(SIX_2569) == ReportingRound(2568, RoundKind.TWELVE_MONTH)
    assert previous_round(TWELVE_2569) == SIX_2569


def test_the_cut_off_is_the_end_of_the_rounds_last_day_in_bangkok_or_now_when_earlier() -> None:
    end = dt.datetime(2026, 3, 31, 23, 59, 59, 999999, tzinfo=BANGKOK)
    assert cut_off_of(SIX_2569, NOW) == end
    early = dt.datetime(2026, 3, 16, 10, 0, tzinfo=BANGKOK)
    assert cut_off_of(SIX_2569, early) == early


def test_the_score_window_of_the_twelve_month_round_is_its_own_half() -> None:
    assert score_window(SIX_2569) == (dt.date(2025, 10, 1), dt.date(2026, 3, 31))
    assert score_window(TWELVE_2569) == (dt.date(2026, 4, 1), dt.date(2026, 9, 30))


@pytest.mark.parametrize(
    ("rule", "cut_off", "first_current_day"),
    [
        # six months: approved 30 Sep 2025 is due 30 Mar 2026 (overdue on the 31st); 1 Oct is due 1 Apr
        (CurrencyRule.SIX_MONTHS, dt.date(2026, 3, 31), dt.date(2025, 10, 1)),
        # monthly: approved 28 Feb is due 28 Mar; 1 Mar is due 1 Apr
        (CurrencyRule.MONTHLY, dt.date(2026, 3, 31), dt.date(2026, 3, 1)),
        # fiscal-year plans: nothing approved before FY 2570 began is current on 1 Oct 2026
        (CurrencyRule.CURRENT_FISCAL_YEAR, dt.date(2026, 10, 2), dt.date(2026, 10, 1)),
        (CurrencyRule.CURRENT_FISCAL_YEAR, dt.date(2026, 3, 31), dt.date(2025, 10, 1)),
    ],
)
def test_compliance_threshold_is_the_first_approval_day_still_current_at_the_cut_off(
    rule: CurrencyRule, cut_off: dt.date, first_current_day: dt.date
) -> None:
    assert compliance_threshold(rule, cut_off) == first_current_day


def test_units_are_ranked_with_their_cells_monitor_compliance_and_previous_round(world: World) -> None:
    facts = overall_facts(round=world.round("2569-6"), now=NOW)
    assert (facts["schema"], facts["round"], facts["cut_off"], facts["taken_at"]) == (
        1,
        "2569-6",
        "2026-03-31",
        "2026-05-10T10:00:00+07:00",
    )
    assert [item["code"] for item in facts["items"]] == ["5.1.1.1", "5.1.3", "5.1.7.1", "5.1.7.3"]
    a, b, c = facts["units"]
    assert a == {
        "slug": "unit-a",
        "name_th": "กองเกษตร",
        "name_en": "Agriculture Division",
        "report_state": "accepted",
        "late": True,
        "submitted_on": "2026-05-05",
        "cells": {"5.1.1.1": "published", "5.1.3": "overdue", "5.1.7.1": "due_soon", "5.1.7.3": "draft"},
        "monitor": {"5.1.1.1": "found", "5.1.3": "partial", "5.1.7.1": "found", "5.1.7.3": "found"},
        "compliance": 75.0,
        "score": 80.0,
        "previous_score": 90.0,
        "rank": 1,
        "previous_compliance": 50.0,
        "previous_late": True,
        "reported": True,
        "english_missing": ["5.1.3"],
        "gaps": ["5.1.3"],
    }
    assert b == {
        "slug": "unit-b",
        "name_th": "ศูนย์ขนส่ง",
        "name_en": "Transport Centre",
        "report_state": "draft",
        "late": False,
        "submitted_on": "2026-04-20",
        "cells": {"5.1.1.1": "overdue", "5.1.3": "published", "5.1.7.1": "missing", "5.1.7.3": "overdue"},
        # 5.1.7.3 was found partly; the ICT monitor's override (in force at the cut-off) found it.
        "monitor": {"5.1.1.1": "not_found", "5.1.3": "not_found", "5.1.7.1": "found", "5.1.7.3": "found"},
        "compliance": 25.0,
        "score": 50.0,  # recomputed with the override: the stored 60.0 is the machine's
        "previous_score": 40.0,
        "rank": 2,
        "previous_compliance": 50.0,
        "previous_late": False,
        "reported": True,
        "english_missing": [],
        "gaps": ["5.1.1.1", "5.1.7.1", "5.1.7.3"],
    }
    assert c == {
        "slug": "unit-c",
        "name_th": "กองคลัง",
        "name_en": "Treasury Division",
        "report_state": None,
        "late": False,
        "submitted_on": None,
        "cells": {"5.1.1.1": "returned", "5.1.3": "awaiting_review", "5.1.7.1": "missing", "5.1.7.3": "overdue"},
        "monitor": {},
        "compliance": 0.0,
        "score": None,
        "previous_score": None,
        "rank": 3,
        "previous_compliance": 25.0,
        "previous_late": False,
        "reported": False,
        "english_missing": [],
        "gaps": ["5.1.1.1", "5.1.3", "5.1.7.1", "5.1.7.3"],
    }


def test_items_gaps_reports_disagreements_trend_and_headline(world: World) -> None:
    facts = overall_facts(round=world.round("2569-6"), now=NOW)
    assert [(r["code"], r["compliant_units"], r["share"], r["monitor_found_units"]) for r in facts["by_item"]] == [
        ("5.1.1.1", 1, 33.3, 1),
        ("5.1.3", 1, 33.3, 0),
        ("5.1.7.1", 1, 33.3, 2),
        ("5.1.7.3", 1, 33.3, 2),
    ]
    assert facts["not_reported"] == ["unit-c"]
    assert facts["disagreements"] == [
        {"unit": "unit-b", "item": "5.1.3", "register_status": "published", "monitor_status": "not_found"},
        {"unit": "unit-b", "item": "5.1.7.1", "register_status": "missing", "monitor_status": "found"},
    ]
    assert facts["common_gaps"] == ["5.1.1.1", "5.1.3", "5.1.7.1", "5.1.7.3"]
    assert facts["trend"] == [
        {"round": "2568-6", "compliance": 8.3, "score": None},
        {"round": "2568-12", "compliance": 41.7, "score": 65.0},
        {"round": "2569-6", "compliance": 33.3, "score": 65.0},
    ]
    assert facts["headline"] == {
        "units": 3,
        "items": 4,
        "reported": 2,
        "late": 1,
        "not_reported": 1,
        "mean_compliance": 33.3,
        "mean_score": 65.0,
        "previous_compliance": 41.7,
        "previous_score": 65.0,
        "compliance_change": -8.4,
        "score_change": 0.0,
        "disagreements": 2,
    }
    assert facts["previous_round"] == "2568-12"


def test_facts_taken_during_the_round_stop_at_now(world: World) -> None:
    """On 5 February A's 5.1.3 was current (due 15 March), its 5.1.7.3 not published, its February check not run."""
    facts = overall_facts(round=world.round("2569-6"), now=at(2026, 2, 5))
    a = next(row for row in facts["units"] if row["slug"] == "unit-a")
    assert facts["cut_off"] == "2026-02-05"
    # 5.1.7.3 published 20 March is not there yet; 5.1.7.1 (due 5 Apr) is not due soon yet on 5 Feb.
    assert a["cells"] == {"5.1.1.1": "published", "5.1.3": "published", "5.1.7.1": "published", "5.1.7.3": "missing"}
    assert (a["compliance"], a["score"], a["monitor"]["5.1.3"]) == (75.0, 50.0, "found")


def test_the_facts_take_a_fixed_number_of_queries_whatever_the_number_of_units(
    world: World, django_assert_num_queries: Any
) -> None:
    round_ = world.round("2569-6")
    with django_assert_num_queries(12):
        overall_facts(round=round_, now=NOW)
    versions = Versions(world.person("editor_a"))
    for n in range(5):
        unit = organization_create(
            actor=world.person("root"), kind="unit", slug=f"more-{n}", parent=world.org("dept"), name_th=f"กอง {n}",
            name_en=f"Division {n}",
        )  # fmt: skip
        versions.published(unit, "5.1.1.1", at(2026, 3, 1))
    with django_assert_num_queries(12):
        facts = overall_facts(round=round_, now=NOW)
    assert facts["headline"]["units"] == 8
