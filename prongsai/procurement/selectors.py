"""Reads of procurement records: one record or one month's summary (สขร.1) in the snapshot shapes.

The shapes are those of prongsai.procurement.snapshot, so a month's live summary, a published
snapshot and the files made from either are the same thing. Each selector issues a fixed number
of queries whatever the number of records and bids (the tests assert the counts).
"""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from prongsai.money import amount_to_json, total
from prongsai.organizations.models import Organization

from .models import Bid, ProcurementMonth, ProcurementRecord
from .periods import month_code, month_of_fiscal_year
from .snapshot import BidData, MonthSummary, RecordData, TotalsData

__all__ = ["month_summary", "record_data", "records_with_bids", "totals_of"]


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
    """Return a unit's summary of one month (สขร.1) from its records: three queries whatever the rows.

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
