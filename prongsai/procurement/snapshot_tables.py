"""A published procurement snapshot (5.1.7.1–5.1.7.3) as the tables a reader reads, in the reader's language.

The portal's item page, the workspace's version and review pages and the "fill from records"
preview all show a snapshot through the same templates (portal/records/_<kind>.html); this module
turns the snapshot's JSON (ISO dates, "YYYY-MM" months, exact money strings, choice values) into
what those tables print: Buddhist-era dates and months in Thai, amounts with thousands separators
and satang, labels in the reader's language. It reads only the snapshot, never the live records.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext, pgettext_lazy

from prongsai.money import format_baht
from prongsai.thaidate import ENGLISH_MONTHS, format_date_in, format_thai_month, to_ce_year

from .snapshot import (
    PROCUREMENT_PLAN_KIND,
    PROCUREMENT_RECORDS_KIND,
    MonthSummary,
    RecordData,
    TotalsData,
)

__all__ = ["MonthView", "PlanLineView", "ProcurementTables", "RecordView", "TotalsView", "procurement_tables"]

_METHOD: dict[str, Promise] = {
    "specific": pgettext_lazy("procurement method", "Specific method"),
    "selection": pgettext_lazy("procurement method", "Selection"),
    "e_bidding": pgettext_lazy("procurement method", "Electronic bidding (e-bidding)"),
    "e_market": pgettext_lazy("procurement method", "Electronic market (e-market)"),
    "price_agreement": pgettext_lazy("procurement method", "Price agreement"),
    "price_inquiry": pgettext_lazy("procurement method", "Price inquiry"),
    "bidding": pgettext_lazy("procurement method", "Bidding"),
    "special": pgettext_lazy("procurement method", "Special method"),
    "special_case": pgettext_lazy("procurement method", "Special case"),
}
_STATUS: dict[str, Promise] = {
    "not_signed": pgettext_lazy("procurement status", "Contract not yet signed"),
    "in_contract": pgettext_lazy("procurement status", "Within the contract period"),
    "completed": pgettext_lazy("procurement status", "Contract completed"),
    "cancelled": pgettext_lazy("procurement status", "Cancelled"),
}
_CONTRACT: dict[str, Promise] = {
    "contract": pgettext_lazy("procurement contract", "Contract"),
    "purchase_order": pgettext_lazy("procurement contract", "Purchase order"),
    "work_order": pgettext_lazy("procurement contract", "Work order"),
    "agreement": pgettext_lazy("procurement contract", "Agreement"),
}
_DASH = "–"


@dataclass(frozen=True)
class BidView:
    bidder: str
    price: str


@dataclass(frozen=True)
class RecordView:
    sequence: int
    month: str
    item: str
    budget: str
    reference_price: str
    method: str
    bids: list[BidView]
    winner: str
    winner_price: str
    reason: str
    contract: str
    egp_number: str
    budget_source: str
    status: str


@dataclass(frozen=True)
class TotalsView:
    count: int
    budget: str
    agreed: str


@dataclass(frozen=True)
class MonthView:
    code: str  # "2026-03", the month's address
    label: str  # "มีนาคม 2569" / "March 2026"
    as_of: str
    rows: list[RecordView]  # none: the dated "no procurement this month"
    totals: TotalsView


@dataclass(frozen=True)
class PlanLineView:
    number: int
    name: str
    budget: str
    method: str
    expected_month: str
    budget_source: str
    note: str


@dataclass(frozen=True)
class ProcurementTables:
    kind: str
    fiscal_year: str
    as_of: str
    announced_on: str
    lines: list[PlanLineView]
    total: str
    records: list[RecordView]
    totals: TotalsView | None
    months: list[MonthView]


def _date(text: str | None, language: str) -> str:
    return format_date_in(language, dt.date.fromisoformat(text)) if text else ""


def _month(code: str, language: str) -> str:
    month = dt.date.fromisoformat(code + "-01")
    return format_thai_month(month) if language == "th" else f"{ENGLISH_MONTHS[month.month]} {month.year}"


def _baht(text: str | None) -> str:
    return format_baht(Decimal(text)) if text is not None else _DASH


def _method(value: str, written: str, language: str) -> str:
    """Name the method: as the unit wrote it on a Thai page, else by its label in the reader's language."""
    if language == "th" and written:
        return written
    return str(_METHOD.get(value, value))


def _contract(record: RecordData, language: str) -> str:
    """Write the contract cell: "สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม 2569" or "Contract No. 4/2569 of 18 March 2026"."""
    kind = str(_CONTRACT.get(record["contract_kind"], ""))
    number, date = record["contract_number"], _date(record["contract_date"], language)
    if number and date:
        text = pgettext("procurement contract", "%(kind)s No. %(number)s of %(date)s")
    elif number:
        text = pgettext("procurement contract", "%(kind)s No. %(number)s")
    elif date:
        text = pgettext("procurement contract", "%(kind)s of %(date)s")
    else:
        return kind
    return (text % {"kind": kind, "number": number, "date": date}).strip()


def _record(record: RecordData, language: str) -> RecordView:
    return RecordView(
        sequence=record["sequence"],
        month=_month(record["month"], language),
        item=record["item"],
        budget=_baht(record["budget"]),
        reference_price=_baht(record["reference_price"]),
        method=_method(record["method"], record["method_detail"], language),
        bids=[BidView(bidder=b["bidder"], price=_baht(b["price"])) for b in record["bids"]],
        winner=record["winner"],
        winner_price=_baht(record["winner_price"]),
        reason=record["reason"],
        contract=_contract(record, language),
        egp_number=record["egp_number"],
        budget_source=record["budget_source"],
        status=str(_STATUS.get(record["status"], "")),
    )


def _totals(totals: TotalsData) -> TotalsView:
    return TotalsView(count=totals["count"], budget=_baht(totals["budget"]), agreed=_baht(totals["agreed"]))


def _month_view(summary: MonthSummary, language: str) -> MonthView:
    return MonthView(
        code=summary["month"],
        label=_month(summary["month"], language),
        as_of=_date(summary["as_of"], language),
        rows=[_record(r, language) for r in summary["rows"]],
        totals=_totals(summary["totals"]),
    )


def procurement_tables(snapshot: Any, *, kind: str, language: str) -> ProcurementTables:
    """Return a procurement plan, the year's records or the closed months' summaries as printable tables."""
    with translation.override(language):
        year = snapshot["fiscal_year"]
        lines: list[PlanLineView] = []
        records: list[RecordView] = []
        months: list[MonthView] = []
        totals = None
        if kind == PROCUREMENT_PLAN_KIND:
            lines = [
                PlanLineView(
                    number=number,
                    name=line["name"],
                    budget=_baht(line["budget"]),
                    method=str(_METHOD.get(line["method"], line["method"])),
                    expected_month=_month(line["expected_month"], language),
                    budget_source=line["budget_source"],
                    note=line["note"],
                )
                for number, line in enumerate(snapshot["lines"], start=1)
            ]
        elif kind == PROCUREMENT_RECORDS_KIND:
            records = [_record(r, language) for r in snapshot["records"]]
            totals = _totals(snapshot["totals"])
        else:
            months = [_month_view(m, language) for m in snapshot["months"]]
        return ProcurementTables(
            kind=kind,
            fiscal_year=f"ปีงบประมาณ พ.ศ. {year}" if language == "th" else f"Fiscal year {to_ce_year(year)}",
            as_of=_date(snapshot["as_of"], language),
            announced_on=_date(snapshot.get("announced_on"), language),
            lines=lines,
            total=_baht(snapshot["total"]) if kind == PROCUREMENT_PLAN_KIND else "",
            records=records,
            totals=totals,
            months=months,
        )
