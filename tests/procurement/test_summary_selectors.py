"""The summaries' selectors on the database: a fiscal year's months, a month's summary of any size, reconciliation."""

import datetime as dt
from decimal import Decimal
from typing import Any

from prongsai.procurement.reconcile import MethodComparison, Planned, Totals
from prongsai.procurement.selectors import MonthStatus, fiscal_year_months, month_summary, reconciliation
from tests.procurement.summary_world import MARCH, World, record, world

FIXTURES = (world,)
D = Decimal
ZERO = D("0.00")


def test_fiscal_year_months_in_two_queries_october_first(world: World, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(2):
        months = fiscal_year_months(organization=world.unit_a, fiscal_year=2569)

    empty = {"count": 0, "budget": ZERO, "agreed": ZERO, "closed": False, "as_of": None}
    assert months == [
        MonthStatus(month=dt.date(2025, 10, 1), **empty),
        MonthStatus(month=dt.date(2025, 11, 1), **empty),
        MonthStatus(month=dt.date(2025, 12, 1), **empty),
        MonthStatus(month=dt.date(2026, 1, 1), **empty),
        MonthStatus(
            month=dt.date(2026, 2, 1), count=0, budget=ZERO, agreed=ZERO, closed=True, as_of=dt.date(2026, 3, 2)
        ),
        MonthStatus(
            month=dt.date(2026, 3, 1),
            count=3,
            budget=D("347500.50"),
            agreed=D("106900.25"),
            closed=True,
            as_of=dt.date(2026, 4, 5),
        ),
        MonthStatus(
            month=dt.date(2026, 4, 1), count=1, budget=D("4815.00"), agreed=D("4815.00"), closed=False, as_of=None
        ),
        MonthStatus(month=dt.date(2026, 5, 1), **empty),
        MonthStatus(month=dt.date(2026, 6, 1), **empty),
        MonthStatus(month=dt.date(2026, 7, 1), **empty),
        MonthStatus(month=dt.date(2026, 8, 1), **empty),
        MonthStatus(month=dt.date(2026, 9, 1), **empty),
    ]
    assert [m.declares_none for m in months].index(True) == 4  # February only
    assert sum(m.declares_none for m in months) == 1
    assert months[5].code == "2026-03"
    assert str(months[5].budget) == "347500.50"


def test_another_fiscal_year_has_nothing(world: World) -> None:
    months = fiscal_year_months(organization=world.unit_a, fiscal_year=2570)
    assert [m.month for m in months][:2] == [dt.date(2026, 10, 1), dt.date(2026, 11, 1)]
    assert {(m.count, m.closed) for m in months} == {(0, False)}


def test_a_months_summary_takes_three_queries_whatever_the_rows(world: World, django_assert_num_queries: Any) -> None:
    for sequence in range(4, 64):
        record(
            world.unit_a,
            MARCH,
            sequence,
            budget=D("100.01"),
            winner_price=D("99.99"),
            bids=[("ร้าน ก", D("99.99")), ("ร้าน ข", D("100.00")), ("ร้าน ค", None)],
        )
    with django_assert_num_queries(3):
        summary = month_summary(organization=world.unit_a, month=MARCH)

    assert [row["sequence"] for row in summary["rows"]] == list(range(1, 64))
    assert summary["rows"][-1]["bids"] == [
        {"bidder": "ร้าน ก", "price": "99.99"},
        {"bidder": "ร้าน ข", "price": "100.00"},
        {"bidder": "ร้าน ค", "price": None},
    ]
    # 347,500.50 + 60 × 100.01 = 353,501.10; 106,900.25 + 60 × 99.99 = 112,899.65
    assert summary["totals"] == {"count": 63, "budget": "353501.10", "agreed": "112899.65"}
    assert (summary["closed"], summary["as_of"]) == (True, "2026-04-05")


def test_reconciliation_of_a_unit_with_a_plan_in_three_queries(world: World, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(3):
        outcome = reconciliation(organization=world.unit_a, fiscal_year=2569)

    assert outcome.has_plan
    assert [line.name for line in outcome.lines_without_result] == ["จัดซื้อเครื่องคอมพิวเตอร์"]
    assert [(r.month, r.sequence, r.item) for r in outcome.results_without_line] == [
        (dt.date(2026, 3, 1), 3, "จ้างเหมาทำความสะอาดอาคาร"),
        (dt.date(2026, 4, 1), 1, "จัดซื้อหมึกพิมพ์"),
    ]
    assert outcome.by_method == [
        MethodComparison(
            method="specific",
            planned=Planned(count=1, budget=D("100000.00")),
            actual=Totals(count=2, budget=D("99815.00"), agreed=D("99815.00")),
        ),
        MethodComparison(
            method="selection",
            planned=Planned(count=1, budget=D("15000.00")),
            actual=Totals(count=1, budget=D("12500.50"), agreed=D("11900.25")),
        ),
        MethodComparison(
            method="e_bidding",
            planned=Planned(count=1, budget=D("450000.00")),
            actual=Totals(count=1, budget=D("240000.00"), agreed=ZERO),
        ),
    ]
    by_month = {row.month: row.totals for row in outcome.by_month}
    assert by_month[dt.date(2026, 3, 1)] == Totals(count=3, budget=D("347500.50"), agreed=D("106900.25"))
    assert by_month[dt.date(2026, 4, 1)] == Totals(count=1, budget=D("4815.00"), agreed=D("4815.00"))
    assert outcome.planned == Planned(count=3, budget=D("565000.00"))
    assert outcome.actual == Totals(count=4, budget=D("352315.50"), agreed=D("111715.25"))


def test_reconciliation_of_a_unit_without_a_plan_in_two_queries(world: World, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(2):
        outcome = reconciliation(organization=world.unit_b, fiscal_year=2569)

    assert not outcome.has_plan
    assert outcome.lines_without_result == []
    assert [r.item for r in outcome.results_without_line] == ["จัดซื้อกระดาษ"]
    assert outcome.by_method == [
        MethodComparison(
            method="specific",
            planned=Planned(count=0, budget=ZERO),
            actual=Totals(count=1, budget=D("3000.00"), agreed=D("2990.00")),
        )
    ]
