"""What the workspace's procurement pages read: a unit's fiscal year by month, its plan, a month's records.

Each read runs a fixed number of queries whatever the number of records, so the pages' query
counts are asserted in the tests. The monthly summary (สขร.1) as a document, the reconciliation and
the published snapshots have their own selectors (selectors.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Prefetch, Sum

from prongsai.money import ZERO, satang
from prongsai.organizations.models import Organization

from .models import Bid, PlanLine, ProcurementMonth, ProcurementPlan, ProcurementRecord
from .selectors import MonthStatus, fiscal_year_months

__all__ = [
    "MonthPage",
    "YearOverview",
    "month_is_closed",
    "month_page",
    "next_sequence",
    "plan_line_of",
    "plan_line_options",
    "plan_lines",
    "plan_of",
    "record_of",
    "year_overview",
]


def _amount(value: Decimal | None) -> Decimal:
    return ZERO if value is None else satang(value)


@dataclass(frozen=True)
class YearOverview:
    """A unit's procurement of a fiscal year: the plan's size and the twelve months, October first."""

    fiscal_year: int
    plan: ProcurementPlan | None
    plan_lines: int
    plan_total: Decimal
    months: list[MonthStatus]

    @property
    def records(self) -> int:
        return sum(row.count for row in self.months)

    @property
    def budget(self) -> Decimal:
        return satang(sum((row.budget for row in self.months), ZERO))

    @property
    def agreed(self) -> Decimal:
        return satang(sum((row.agreed for row in self.months), ZERO))

    @property
    def closed_months(self) -> int:
        return sum(1 for row in self.months if row.closed)


def year_overview(*, organization: Organization, fiscal_year: int) -> YearOverview:
    """Return the unit's plan size and each month's records and closing of a fiscal year (three queries).

    The months are the summaries' own (selectors.fiscal_year_months).
    """
    plan = (
        ProcurementPlan.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .annotate(line_count=Count("lines"), line_total=Sum("lines__budget"))
        .first()
    )
    return YearOverview(
        fiscal_year=fiscal_year,
        plan=plan,
        plan_lines=plan.line_count if plan is not None else 0,
        plan_total=_amount(plan.line_total if plan is not None else None),
        months=fiscal_year_months(organization=organization, fiscal_year=fiscal_year),
    )


def plan_of(*, organization: Organization, fiscal_year: int) -> ProcurementPlan | None:
    """Return the unit's procurement plan of the fiscal year, if it has one."""
    return ProcurementPlan.objects.filter(organization=organization, fiscal_year=fiscal_year).first()


def plan_lines(*, plan: ProcurementPlan) -> list[PlanLine]:
    """Return the plan's lines in order, each with `record_count`, the records that name it (one query)."""
    return list(PlanLine.objects.filter(plan=plan).annotate(record_count=Count("records")).order_by("position", "pk"))


def plan_line_of(*, organization: Organization, pk: int) -> PlanLine | None:
    """Return a line of one of the unit's plans, with its plan."""
    return PlanLine.objects.filter(pk=pk, plan__organization=organization).select_related("plan").first()


def plan_line_options(*, organization: Organization, fiscal_year: int) -> list[PlanLine]:
    """Return the lines a record of the fiscal year may name: those of the unit's plan of that year."""
    return list(
        PlanLine.objects.filter(plan__organization=organization, plan__fiscal_year=fiscal_year).order_by(
            "position", "pk"
        )
    )


@dataclass(frozen=True)
class MonthPage:
    """A month's records in the form's order (by row number), with their bids, and its closing if any."""

    month: dt.date
    records: list[ProcurementRecord]
    closed: ProcurementMonth | None

    @property
    def budget(self) -> Decimal:
        return satang(sum((r.budget for r in self.records), ZERO))

    @property
    def agreed(self) -> Decimal:
        return satang(sum((r.winner_price for r in self.records if r.winner_price is not None), ZERO))


def month_page(*, organization: Organization, month: dt.date) -> MonthPage:
    """Return the unit's records of the month with bids and plan lines, and the month's closing (three queries)."""
    records = list(
        ProcurementRecord.objects.filter(organization=organization, month=month)
        .select_related("plan_line")
        .prefetch_related(Prefetch("bids", queryset=Bid.objects.order_by("position")))
        .order_by("sequence")
    )
    closed = ProcurementMonth.objects.filter(organization=organization, month=month).select_related("closed_by").first()
    return MonthPage(month=month, records=records, closed=closed)


def month_is_closed(*, organization: Organization, month: dt.date) -> bool:
    """Tell whether the unit has closed the month."""
    return ProcurementMonth.objects.filter(organization=organization, month=month).exists()


def record_of(*, organization: Organization, pk: int) -> ProcurementRecord | None:
    """Return one of the unit's records with its bids in order."""
    return (
        ProcurementRecord.objects.filter(pk=pk, organization=organization)
        .prefetch_related(Prefetch("bids", queryset=Bid.objects.order_by("position")))
        .first()
    )


def next_sequence(*, organization: Organization, month: dt.date) -> int:
    """Return the row number a new record of the month would take: one after the last."""
    last = ProcurementRecord.objects.filter(organization=organization, month=month).aggregate(last=Max("sequence"))
    return (last["last"] or 0) + 1
