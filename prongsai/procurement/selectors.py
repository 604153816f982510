"""Reads of procurement records: a record, a month's summary (สขร.1), a fiscal year's months, the reconciliation.

The record and summary shapes are those of prongsai.procurement.snapshot, so a month's live
summary, a published snapshot and the files made from either are the same thing. Each selector
issues a fixed number of queries whatever the number of records and bids (the tests assert the counts).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum

from prongsai.money import ZERO, amount_to_json, satang, total
from prongsai.organizations.models import Organization

from .models import Bid, Method, PlanLine, ProcurementMonth, ProcurementPlan, ProcurementRecord
from .periods import fiscal_months, month_code, month_of_fiscal_year
from .reconcile import PlannedLine, Reconciliation, Result, reconcile
from .snapshot import BidData, MonthSummary, RecordData, TotalsData

__all__ = [
    "MonthStatus",
    "fiscal_year_months",
    "month_summary",
    "reconciliation",
    "record_data",
    "records_with_bids",
    "totals_of",
]


def records_with_bids(records: QuerySet[ProcurementRecord]) -> QuerySet[ProcurementRecord]:
    """Return the records in form order with their bids prefetched in the order the form lists them."""
    return records.order_by("month", "sequence").prefetch_related(
        Prefetch("bids", queryset=Bid.objects.order_by("position"))
    )


def record_data(record: ProcurementRecord) -> RecordData:
    """Return a record in its snapshot shape (bids read from the prefetch when there is one)."""
    bids: list[BidData] = [{"bidder": b.bidder, "price": amount_to_json(b.price)} for b in record.bids.all()]
    return {
        "id": record.pk,
        "month": month_code(record.month),
        "fiscal_year": record.fiscal_year,
        "sequence": record.sequence,
        "item": record.item,
        "budget": amount_to_json(record.budget) or "0.00",
        "reference_price": amount_to_json(record.reference_price),
        "method": record.method,
        "method_detail": record.method_detail,
        "bids": bids,
        "winner": record.winner,
        "winner_price": amount_to_json(record.winner_price),
        "reason": record.reason,
        "contract_kind": record.contract_kind,
        "contract_number": record.contract_number,
        "contract_date": record.contract_date.isoformat() if record.contract_date else None,
        "egp_number": record.egp_number,
        "budget_source": record.budget_source,
        "status": record.status,
        "plan_line": record.plan_line_id,
    }


def totals_of(records: Iterable[ProcurementRecord]) -> TotalsData:
    """Return the count, the budgets' sum and the known agreed prices' sum of some records."""
    rows = list(records)
    return {
        "count": len(rows),
        "budget": str(total(r.budget for r in rows)),
        "agreed": str(total(r.winner_price for r in rows)),
    }


def month_summary(*, organization: Organization, month: dt.date) -> MonthSummary:
    """Return a unit's summary of one month (สขร.1) from its records: three queries whatever the rows (two for none).

    `closed` and `as_of` come from the month's closing; a closed month with no rows is the dated
    declaration "ไม่มีการจัดซื้อจัดจ้าง", an open one is still being filled.
    """
    records = list(records_with_bids(ProcurementRecord.objects.filter(organization=organization, month=month)))
    closing = ProcurementMonth.objects.filter(organization=organization, month=month).first()
    fiscal_year, _number = month_of_fiscal_year(month)
    return {
        "organization": organization.slug,
        "month": month_code(month),
        "fiscal_year": fiscal_year,
        "closed": closing is not None,
        "as_of": closing.as_of.isoformat() if closing is not None else None,
        "rows": [record_data(r) for r in records],
        "totals": totals_of(records),
    }


@dataclass(frozen=True)
class MonthStatus:
    """Where one month of a unit's fiscal year stands: its records' count and sums, and whether it is closed."""

    month: dt.date
    count: int
    budget: Decimal
    agreed: Decimal
    closed: bool
    as_of: dt.date | None

    @property
    def code(self) -> str:
        """Return the month as its address writes it ("2026-03")."""
        return month_code(self.month)

    @property
    def declares_none(self) -> bool:
        """Tell whether the month is the dated declaration "ไม่มีการจัดซื้อจัดจ้าง": closed without records."""
        return self.closed and self.count == 0


def fiscal_year_months(*, organization: Organization, fiscal_year: int) -> list[MonthStatus]:
    """Return the twelve months of a unit's fiscal year, October first, each with its count, sums and closing.

    Two queries whatever the records: the sums are the database's, rounded to the satang.
    """
    sums = {
        row["month"]: row
        for row in ProcurementRecord.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .order_by()
        .values("month")
        .annotate(count=Count("id"), budget=Sum("budget"), agreed=Sum("winner_price"))
    }
    closings = dict(
        ProcurementMonth.objects.filter(organization=organization, fiscal_year=fiscal_year).values_list(
            "month", "as_of"
        )
    )
    months: list[MonthStatus] = []
    for month in fiscal_months(fiscal_year):
        row = sums.get(month)
        months.append(
            MonthStatus(
                month=month,
                count=row["count"] if row else 0,
                budget=satang(row["budget"] or ZERO) if row else ZERO,
                agreed=satang(row["agreed"] or ZERO) if row else ZERO,
                closed=month in closings,
                as_of=closings.get(month),
            )
        )
    return months


def reconciliation(*, organization: Organization, fiscal_year: int) -> Reconciliation:
    """Reconcile a unit's procurement plan of a fiscal year with the year's records; three queries (two without a plan).

    Plan lines without a result, results without a plan line, and the totals per month and per
    method (planned against procured), as prongsai.procurement.reconcile computes them.
    """
    plan = ProcurementPlan.objects.filter(organization=organization, fiscal_year=fiscal_year).first()
    lines = (
        [
            PlannedLine(
                id=pk, position=position, name=name, budget=budget, method=method, expected_month=expected_month
            )
            for pk, position, name, budget, method, expected_month in PlanLine.objects.filter(plan=plan).values_list(
                "id", "position", "name", "budget", "method", "expected_month"
            )
        ]
        if plan is not None
        else []
    )
    results = [
        Result(
            id=pk,
            month=month,
            sequence=sequence,
            item=item,
            budget=budget,
            agreed=agreed,
            method=method,
            status=status,
            plan_line=plan_line,
        )
        for pk, month, sequence, item, budget, agreed, method, status, plan_line in ProcurementRecord.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).values_list("id", "month", "sequence", "item", "budget", "winner_price", "method", "status", "plan_line_id")
    ]
    return reconcile(
        fiscal_year=fiscal_year, lines=lines, results=results, has_plan=plan is not None, method_order=Method.values
    )
