"""Reconcile a fiscal year's procurement plan with what was procured: pure, no Django.

The annual plan (5.1.7.1) says what a unit means to buy, for how much, how and when; the records
(5.1.7.2) say what it bought. A reader of both asks three questions, answered here from plain
values so the arithmetic is tested without a database:

- which plan lines have no result yet (no record points to them, or only cancelled ones);
- which results were not in the plan (records without a plan line);
- how the money went, per month and per method, planned against procured.

Money is Decimal baht summed to the satang (prongsai.money.total); an unknown agreed price is left
out of the agreed sum, never counted as zero money spent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from prongsai.money import total

from .periods import fiscal_months

__all__ = [
    "CANCELLED",
    "MethodComparison",
    "MonthTotals",
    "Planned",
    "PlannedLine",
    "Reconciliation",
    "Result",
    "Totals",
    "reconcile",
    "totals",
]

# The status of a procurement that did not go ahead (RecordStatus.CANCELLED): it does not fulfil a plan line.
CANCELLED = "cancelled"


@dataclass(frozen=True)
class PlannedLine:
    """One line of the procurement plan."""

    id: int
    position: int
    name: str
    budget: Decimal
    method: str
    expected_month: dt.date


@dataclass(frozen=True)
class Result:
    """One procurement record, as far as the reconciliation needs it."""

    id: int
    month: dt.date
    sequence: int
    item: str
    budget: Decimal
    agreed: Decimal | None
    method: str
    status: str
    plan_line: int | None


@dataclass(frozen=True)
class Totals:
    """How many procurements, their budgets' sum and the sum of the agreed prices known."""

    count: int
    budget: Decimal
    agreed: Decimal


@dataclass(frozen=True)
class Planned:
    """How many plan lines and their planned budgets' sum."""

    count: int
    budget: Decimal


@dataclass(frozen=True)
class MonthTotals:
    month: dt.date
    totals: Totals


@dataclass(frozen=True)
class MethodComparison:
    """One method: what the plan meant to procure that way, and what was procured that way."""

    method: str
    planned: Planned
    actual: Totals

    @property
    def difference(self) -> Decimal:
        """Return the planned budget less the procured budget (negative: more was procured than planned)."""
        return self.planned.budget - self.actual.budget


@dataclass(frozen=True)
class Reconciliation:
    fiscal_year: int
    has_plan: bool
    lines_without_result: list[PlannedLine]
    results_without_line: list[Result]
    by_month: list[MonthTotals]
    by_method: list[MethodComparison]
    planned: Planned
    actual: Totals


def totals(results: Iterable[Result]) -> Totals:
    """Count some results and sum their budgets and known agreed prices, to the satang."""
    rows = list(results)
    return Totals(count=len(rows), budget=total(r.budget for r in rows), agreed=total(r.agreed for r in rows))


def _planned(lines: Iterable[PlannedLine]) -> Planned:
    rows = list(lines)
    return Planned(count=len(rows), budget=total(line.budget for line in rows))


def reconcile(
    *,
    fiscal_year: int,
    lines: Sequence[PlannedLine],
    results: Sequence[Result],
    has_plan: bool = True,
    method_order: Sequence[str] = (),
) -> Reconciliation:
    """Reconcile a fiscal year's plan lines with its results.

    A line has a result when a record that was not cancelled points to it. Months are the fiscal
    year's twelve, October first (plus any month a result names outside them, so nothing is lost);
    methods are those of `method_order` that the plan or the results use, then any other in
    alphabetical order. Lines are listed by position, results by month and sequence.
    """
    fulfilled = {r.plan_line for r in results if r.plan_line is not None and r.status != CANCELLED}
    ordered_lines = sorted(lines, key=lambda line: (line.position, line.id))
    ordered_results = sorted(results, key=lambda r: (r.month, r.sequence, r.id))

    months = sorted(set(fiscal_months(fiscal_year)) | {r.month for r in results})
    by_month = [
        MonthTotals(month=month, totals=totals(r for r in ordered_results if r.month == month)) for month in months
    ]

    used = {line.method for line in lines} | {r.method for r in results}
    known = [method for method in method_order if method in used]
    methods = known + sorted(used - set(known))
    by_method = [
        MethodComparison(
            method=method,
            planned=_planned(line for line in lines if line.method == method),
            actual=totals(r for r in results if r.method == method),
        )
        for method in methods
    ]
    return Reconciliation(
        fiscal_year=fiscal_year,
        has_plan=has_plan,
        lines_without_result=[line for line in ordered_lines if line.id not in fulfilled],
        results_without_line=[r for r in ordered_results if r.plan_line is None],
        by_month=by_month,
        by_method=by_method,
        planned=_planned(lines),
        actual=totals(results),
    )
