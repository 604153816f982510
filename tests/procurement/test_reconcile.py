"""The reconciliation of a plan with its results (pure): which lines lack a result, which results lack a line, the sums.

Every expected amount is added up by hand from the values written here.
"""

import datetime as dt
from decimal import Decimal

from prongsai.procurement.reconcile import (
    MethodComparison,
    MonthTotals,
    Planned,
    PlannedLine,
    Result,
    Totals,
    reconcile,
    totals,
)

OCT, NOV, MAR = dt.date(2025, 10, 1), dt.date(2025, 11, 1), dt.date(2026, 3, 1)
D = Decimal


def line(id: int, budget: str, method: str, month: dt.date = MAR, position: int | None = None) -> PlannedLine:
    return PlannedLine(
        id=id,
        position=id if position is None else position,
        name=f"line {id}",
        budget=D(budget),
        method=method,
        expected_month=month,
    )


def result(
    id: int,
    month: dt.date,
    sequence: int,
    budget: str,
    agreed: str | None,
    method: str,
    plan_line: int | None = None,
    status: str = "",
) -> Result:
    return Result(
        id=id,
        month=month,
        sequence=sequence,
        item=f"item {id}",
        budget=D(budget),
        agreed=None if agreed is None else D(agreed),
        method=method,
        status=status,
        plan_line=plan_line,
    )


LINES = [
    line(1, "100000.00", "specific"),
    line(2, "15000.00", "selection"),
    line(3, "450000.00", "e_bidding", dt.date(2026, 6, 1)),
    line(4, "20000.00", "specific", position=0),  # listed first: the plan's order is by position
]
RESULTS = [
    result(11, MAR, 2, "12500.50", "11900.25", "selection", plan_line=2),
    result(10, MAR, 1, "95000.00", "95000.00", "specific", plan_line=1),
    result(12, MAR, 3, "240000.00", None, "e_bidding"),  # no price agreed yet: left out of the agreed sum
    result(13, OCT, 1, "0.10", "0.10", "specific"),
    result(14, OCT, 2, "0.20", "0.20", "specific"),  # 0.1 + 0.2 is exactly 0.30 in Decimal
    result(15, NOV, 1, "4815.00", "4815.00", "specific", plan_line=4, status="cancelled"),
]


def test_lines_without_a_result_in_plan_order_a_cancelled_procurement_fulfils_none() -> None:
    outcome = reconcile(fiscal_year=2569, lines=LINES, results=RESULTS)
    assert [line.id for line in outcome.lines_without_result] == [4, 3]


def test_results_without_a_line_by_month_and_sequence() -> None:
    outcome = reconcile(fiscal_year=2569, lines=LINES, results=RESULTS)
    assert [r.id for r in outcome.results_without_line] == [13, 14, 12]


def test_totals_per_month_cover_the_twelve_months_in_fiscal_order() -> None:
    outcome = reconcile(fiscal_year=2569, lines=LINES, results=RESULTS)
    assert [row.month for row in outcome.by_month] == [
        dt.date(2025, 10, 1),
        dt.date(2025, 11, 1),
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
        dt.date(2026, 3, 1),
        dt.date(2026, 4, 1),
        dt.date(2026, 5, 1),
        dt.date(2026, 6, 1),
        dt.date(2026, 7, 1),
        dt.date(2026, 8, 1),
        dt.date(2026, 9, 1),
    ]
    figures = {row.month: row.totals for row in outcome.by_month}
    assert figures[OCT] == Totals(count=2, budget=D("0.30"), agreed=D("0.30"))
    assert figures[NOV] == Totals(count=1, budget=D("4815.00"), agreed=D("4815.00"))
    assert figures[MAR] == Totals(count=3, budget=D("347500.50"), agreed=D("106900.25"))
    assert figures[dt.date(2026, 4, 1)] == Totals(count=0, budget=D("0.00"), agreed=D("0.00"))
    assert str(figures[dt.date(2026, 4, 1)].budget) == "0.00"


def test_planned_against_procured_per_method_in_the_given_order() -> None:
    outcome = reconcile(
        fiscal_year=2569, lines=LINES, results=RESULTS, method_order=["specific", "selection", "e_bidding", "e_market"]
    )
    assert outcome.by_method == [
        MethodComparison(
            method="specific",
            planned=Planned(count=2, budget=D("120000.00")),
            actual=Totals(count=4, budget=D("99815.30"), agreed=D("99815.30")),
        ),
        MethodComparison(
            method="selection",
            planned=Planned(count=1, budget=D("15000.00")),
            actual=Totals(count=1, budget=D("12500.50"), agreed=D("11900.25")),
        ),
        MethodComparison(
            method="e_bidding",
            planned=Planned(count=1, budget=D("450000.00")),
            actual=Totals(count=1, budget=D("240000.00"), agreed=D("0.00")),
        ),
    ]
    assert [row.difference for row in outcome.by_method] == [D("20184.70"), D("2499.50"), D("210000.00")]
    assert outcome.planned == Planned(count=4, budget=D("585000.00"))
    assert outcome.actual == Totals(count=6, budget=D("352315.80"), agreed=D("111715.55"))


def test_methods_outside_the_given_order_follow_it_alphabetically() -> None:
    outcome = reconcile(
        fiscal_year=2569,
        lines=[line(1, "10.00", "special")],
        results=[result(1, MAR, 1, "5.00", "5.00", "bidding")],
        method_order=["specific"],
    )
    assert [row.method for row in outcome.by_method] == ["bidding", "special"]
    assert outcome.by_method[0].difference == D("-5.00")  # procured without a plan: more than planned


def test_a_result_outside_the_fiscal_years_months_is_still_counted() -> None:
    stray = result(1, dt.date(2026, 10, 1), 1, "10.00", None, "specific")
    outcome = reconcile(fiscal_year=2569, lines=[], results=[stray])
    assert len(outcome.by_month) == 13
    assert outcome.by_month[-1] == MonthTotals(
        month=dt.date(2026, 10, 1), totals=Totals(count=1, budget=D("10.00"), agreed=D("0.00"))
    )


def test_no_plan_and_no_results() -> None:
    outcome = reconcile(fiscal_year=2569, lines=[], results=[], has_plan=False)
    assert outcome.has_plan is False
    assert outcome.lines_without_result == []
    assert outcome.results_without_line == []
    assert outcome.by_method == []
    assert outcome.planned == Planned(count=0, budget=D("0.00"))
    assert outcome.actual == Totals(count=0, budget=D("0.00"), agreed=D("0.00"))
    assert all(row.totals.count == 0 for row in outcome.by_month)


def test_sums_are_rounded_half_up_to_the_satang() -> None:
    rows = [
        result(1, MAR, 1, "0.005", "0.015", "specific"),
        result(2, MAR, 2, "0.000", None, "specific"),
    ]
    assert totals(rows) == Totals(count=2, budget=D("0.01"), agreed=D("0.02"))
