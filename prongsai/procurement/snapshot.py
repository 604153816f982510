"""The shapes of the procurement records a register version publishes (5.1.7.1-5.1.7.3), as JSON.

A snapshot is what the reviewer approved and what the portal, the open data (OCDS) and the
monthly summary files read. Dates are ISO strings (CE); months "YYYY-MM"; money the exact string
of `prongsai.money.amount_to_json` ("95000.00"), or None where the form had none.
"""

from typing import Literal, TypedDict

PROCUREMENT_PLAN_KIND: Literal["procurement_plan"] = "procurement_plan"  # 5.1.7.1
PROCUREMENT_RECORDS_KIND: Literal["procurement_records"] = "procurement_records"  # 5.1.7.2
PROCUREMENT_SUMMARIES_KIND: Literal["procurement_summaries"] = "procurement_summaries"  # 5.1.7.3


class PlanLineData(TypedDict):
    id: int
    name: str
    budget: str
    method: str  # Method value
    expected_month: str  # "2026-03"
    budget_source: str
    note: str


class ProcurementPlanSnapshot(TypedDict):
    organization: str
    fiscal_year: int
    announced_on: str | None
    as_of: str
    lines: list[PlanLineData]
    total: str


class BidData(TypedDict):
    bidder: str
    price: str | None


class RecordData(TypedDict):
    """One procurement: every column of the สขร.1 form and of the ITA table."""

    id: int
    month: str  # "2026-03"
    fiscal_year: int
    sequence: int
    item: str
    budget: str
    reference_price: str | None
    method: str  # Method value
    method_detail: str  # as the unit wrote it, e.g. "เฉพาะเจาะจง"
    bids: list[BidData]
    winner: str
    winner_price: str | None
    reason: str
    contract_kind: str  # ContractKind value
    contract_number: str
    contract_date: str | None
    egp_number: str
    budget_source: str
    status: str  # RecordStatus value
    plan_line: int | None  # PlanLineData id


class TotalsData(TypedDict):
    count: int
    budget: str
    agreed: str  # the sum of the agreed prices known


class MonthSummary(TypedDict):
    """One month's summary (สขร.1). `closed` False: the unit has not yet closed the month."""

    organization: str
    month: str
    fiscal_year: int
    closed: bool
    as_of: str | None  # the closing date; None while open
    rows: list[RecordData]  # by sequence; [] with closed True is the dated "ไม่มีการจัดซื้อจัดจ้าง"
    totals: TotalsData


class RecordsSnapshot(TypedDict):
    """Every procurement of a fiscal year (5.1.7.2), as of a date."""

    organization: str
    fiscal_year: int
    as_of: str
    records: list[RecordData]
    totals: TotalsData


class SummariesSnapshot(TypedDict):
    """The closed months' summaries of a fiscal year (5.1.7.3), oldest first."""

    organization: str
    fiscal_year: int
    as_of: str
    months: list[MonthSummary]
