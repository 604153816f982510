"""Put a unit's procurement plan (5.1.7.1), records (5.1.7.2) or monthly summaries (5.1.7.3) into the register.

The snapshot builders read a fiscal year's records in a fixed number of queries and return the
JSON shapes of procurement.snapshot (a month's summary is exactly what selectors.month_summary
gives). `procurement_publish` puts a snapshot with a one-sentence summary in each language into the
draft of the unit's entry for the item, where it is reviewed and approved like any other content:
what the reviewer approves is what the portal and the summary files show, however the records
change afterwards.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from prongsai.disclosures.models import EntryVersion
from prongsai.disclosures.services import records_to_draft
from prongsai.money import amount_to_json, format_baht, total
from prongsai.organizations.models import Organization
from prongsai.problems import InvalidInput, Problem
from prongsai.thaidate import ENGLISH_MONTHS, format_english_date, format_thai_date, format_thai_month, to_ce_year

from .models import ProcurementMonth, ProcurementPlan, ProcurementRecord
from .periods import month_code
from .selectors import record_data, records_with_bids, totals_of
from .snapshot import (
    PROCUREMENT_PLAN_KIND,
    PROCUREMENT_RECORDS_KIND,
    PROCUREMENT_SUMMARIES_KIND,
    MonthSummary,
    PlanLineData,
    ProcurementPlanSnapshot,
    RecordsSnapshot,
    SummariesSnapshot,
)

__all__ = [
    "PROCUREMENT_CODES",
    "ProcurementRecords",
    "procurement_plan_snapshot",
    "procurement_publish",
    "procurement_records",
    "records_snapshot",
    "summaries_snapshot",
]

# The checklist items procurement records satisfy, and the kind of snapshot each publishes.
PROCUREMENT_CODES: dict[str, str] = {
    "5.1.7.1": PROCUREMENT_PLAN_KIND,
    "5.1.7.2": PROCUREMENT_RECORDS_KIND,
    "5.1.7.3": PROCUREMENT_SUMMARIES_KIND,
}

type Snapshot = ProcurementPlanSnapshot | RecordsSnapshot | SummariesSnapshot


@dataclass(frozen=True)
class ProcurementRecords:
    """What goes into the draft: the snapshot, its kind, and the sentence that sums it up in each language."""

    code: str
    kind: str
    data: Snapshot
    summary_th: str
    summary_en: str


def _year_en(fiscal_year: int) -> str:
    return f"fiscal year {to_ce_year(fiscal_year)}"


def _items_en(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _month_en(month: dt.date) -> str:
    return f"{ENGLISH_MONTHS[month.month]} {month.year}"


def procurement_plan_snapshot(
    *, organization: Organization, fiscal_year: int, as_of: dt.date
) -> ProcurementPlanSnapshot:
    """Return the unit's procurement plan of a fiscal year (5.1.7.1) with its lines and total: two queries.

    Raises InvalidInput when the unit has no plan for the year, or a plan without lines.
    """
    plan = ProcurementPlan.objects.filter(organization=organization, fiscal_year=fiscal_year).first()
    lines = list(plan.lines.order_by("position", "id")) if plan is not None else []
    if plan is None or not lines:
        raise InvalidInput(
            [
                Problem(
                    "fiscal_year",
                    f"หน่วยงานยังไม่มีแผนการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {fiscal_year} ที่มีรายการ",
                    f"The unit has no procurement plan with lines for fiscal year {fiscal_year} (B.E.).",
                )
            ]
        )
    rows: list[PlanLineData] = [
        {
            "id": line.pk,
            "name": line.name,
            "budget": amount_to_json(line.budget) or "0.00",
            "method": line.method,
            "expected_month": month_code(line.expected_month),
            "budget_source": line.budget_source,
            "note": line.note,
        }
        for line in lines
    ]
    return {
        "organization": organization.slug,
        "fiscal_year": fiscal_year,
        "announced_on": plan.announced_on.isoformat() if plan.announced_on else None,
        "as_of": as_of.isoformat(),
        "lines": rows,
        "total": str(total(line.budget for line in lines)),
    }


def records_snapshot(*, organization: Organization, fiscal_year: int, as_of: dt.date) -> RecordsSnapshot:
    """Return every procurement of a fiscal year (5.1.7.2) in a month begun by `as_of`, with bids: two queries.

    Records are in form order (month, then ลำดับ). Raises InvalidInput when there is none: a
    period without procurement is declared as such ("nothing to publish"), not published empty.
    """
    records = list(
        records_with_bids(
            ProcurementRecord.objects.filter(organization=organization, fiscal_year=fiscal_year, month__lte=as_of)
        )
    )
    if not records:
        raise InvalidInput(
            [
                Problem(
                    "fiscal_year",
                    f"ยังไม่มีรายการจัดซื้อจัดจ้างของปีงบประมาณ พ.ศ. {fiscal_year} ณ วันที่ {format_thai_date(as_of)} "
                    "หากไม่มีการจัดซื้อจัดจ้างในรอบนี้ ให้ประกาศว่าไม่มีข้อมูลที่จะเผยแพร่",
                    f"There is no procurement of fiscal year {fiscal_year} (B.E.) as of {format_english_date(as_of)}. "
                    "If there was none in the period, declare that there is nothing to publish.",
                )
            ]
        )
    return {
        "organization": organization.slug,
        "fiscal_year": fiscal_year,
        "as_of": as_of.isoformat(),
        "records": [record_data(r) for r in records],
        "totals": totals_of(records),
    }


def summaries_snapshot(*, organization: Organization, fiscal_year: int, as_of: dt.date) -> SummariesSnapshot:
    """Return the summaries (สขร.1) of the fiscal year's closed months (5.1.7.3), oldest first: three queries.

    A month is in when the unit closed it as of a date on or before `as_of`; each summary is what
    selectors.month_summary gives for it, and a closed month without records is the dated
    "ไม่มีการจัดซื้อจัดจ้าง". Raises InvalidInput when no month is closed yet.
    """
    closings = list(
        ProcurementMonth.objects.filter(organization=organization, fiscal_year=fiscal_year, as_of__lte=as_of).order_by(
            "month"
        )
    )
    if not closings:
        raise InvalidInput(
            [
                Problem(
                    "fiscal_year",
                    f"ยังไม่มีเดือนที่ปิดสรุปผลการจัดซื้อจัดจ้างของปีงบประมาณ พ.ศ. {fiscal_year} ณ วันที่ {format_thai_date(as_of)}",
                    f"No month of fiscal year {fiscal_year} (B.E.) has its procurement summary closed "
                    f"as of {format_english_date(as_of)}.",
                )
            ]
        )
    by_month: dict[dt.date, list[ProcurementRecord]] = defaultdict(list)
    records = ProcurementRecord.objects.filter(organization=organization, month__in=[c.month for c in closings])
    for record in records_with_bids(records):
        by_month[record.month].append(record)
    months: list[MonthSummary] = [
        {
            "organization": organization.slug,
            "month": month_code(closing.month),
            "fiscal_year": closing.fiscal_year,
            "closed": True,
            "as_of": closing.as_of.isoformat(),
            "rows": [record_data(r) for r in by_month[closing.month]],
            "totals": totals_of(by_month[closing.month]),
        }
        for closing in closings
    ]
    return {"organization": organization.slug, "fiscal_year": fiscal_year, "as_of": as_of.isoformat(), "months": months}


def _summary(code: str, snapshot: Any, as_of: dt.date) -> tuple[str, str]:
    """Sum the snapshot up in one sentence in Thai and one in English (the draft's text)."""
    year = snapshot["fiscal_year"]
    if code == "5.1.7.1":
        count, budget = len(snapshot["lines"]), format_baht(Decimal(snapshot["total"]))
        return (
            f"แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {year}: {count} รายการ วงเงินงบประมาณรวม {budget} บาท",
            f"Procurement plan for {_year_en(year)}: {_items_en(count)}, total budget {budget} baht",
        )
    if code == "5.1.7.2":
        totals = snapshot["totals"]
        count = totals["count"]
        budget, agreed = format_baht(Decimal(totals["budget"])), format_baht(Decimal(totals["agreed"]))
        return (
            f"ผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {year} ณ วันที่ {format_thai_date(as_of)}: {count} รายการ "
            f"วงเงินงบประมาณรวม {budget} บาท ราคาที่ตกลงซื้อหรือจ้างรวม {agreed} บาท",
            f"Procurement of {_year_en(year)} as of {format_english_date(as_of)}: {_items_en(count)}, "
            f"total budget {budget} baht, total agreed price {agreed} baht",
        )
    months = snapshot["months"]
    firsts = [dt.date.fromisoformat(m["month"] + "-01") for m in months]
    count = sum(m["totals"]["count"] for m in months)
    agreed = format_baht(total(Decimal(m["totals"]["agreed"]) for m in months))
    empty = [first for first, m in zip(firsts, months, strict=True) if not m["rows"]]
    thai = (
        f"สรุปผลการจัดซื้อจัดจ้างรายเดือน (สขร.1) ปีงบประมาณ พ.ศ. {year}: {len(months)} เดือน "
        f"({format_thai_month(firsts[0])} – {format_thai_month(firsts[-1])}) {count} รายการ "
        f"ราคาที่ตกลงซื้อหรือจ้างรวม {agreed} บาท"
    )
    english = (
        f"Monthly procurement summaries (สขร.1) of {_year_en(year)}: "
        f"{len(months)} month{'s' if len(months) != 1 else ''} ({_month_en(firsts[0])} – {_month_en(firsts[-1])}), "
        f"{_items_en(count)}, total agreed price {agreed} baht"
    )
    if empty:
        thai += " เดือนที่ไม่มีการจัดซื้อจัดจ้าง: " + ", ".join(format_thai_month(m) for m in empty)
        english += "; no procurement in " + ", ".join(_month_en(m) for m in empty)
    return thai, english


_BUILDERS: dict[str, Callable[..., Snapshot]] = {
    PROCUREMENT_PLAN_KIND: procurement_plan_snapshot,
    PROCUREMENT_RECORDS_KIND: records_snapshot,
    PROCUREMENT_SUMMARIES_KIND: summaries_snapshot,
}


def procurement_records(
    *, organization: Organization, fiscal_year: int, code: str, as_of: dt.date
) -> ProcurementRecords:
    """Return what publishing the unit's procurement of a fiscal year for an item would put into the draft.

    Raises InvalidInput when the item is not a procurement item or there is nothing to publish for
    it. The workspace shows this as the preview before anything is saved.
    """
    if code not in PROCUREMENT_CODES:
        raise InvalidInput(
            [
                Problem(
                    "code",
                    f"รายการ {code} ไม่ได้เผยแพร่จากข้อมูลการจัดซื้อจัดจ้าง",
                    f"Item {code} is not published from procurement records.",
                )
            ]
        )
    kind = PROCUREMENT_CODES[code]
    snapshot: Snapshot = _BUILDERS[kind](organization=organization, fiscal_year=fiscal_year, as_of=as_of)
    summary_th, summary_en = _summary(code, snapshot, as_of)
    return ProcurementRecords(code=code, kind=kind, data=snapshot, summary_th=summary_th, summary_en=summary_en)


def procurement_publish(
    *,
    actor: Any,
    organization: Organization,
    fiscal_year: int,
    code: str,
    as_of: dt.date,
    now: dt.datetime | None = None,
) -> EntryVersion:
    """Put the unit's procurement plan, records or closed months' summaries as of a date into the entry's draft.

    The draft (the open one, or a new one from the returned or published version) takes the
    snapshot, its as-of date and the summary sentence; it then goes through review as any
    version does. Raises PermissionDenied without EDIT on the unit, InvalidInput (every problem at
    once) when the item is not a procurement item, the unit has no entry for it, there is nothing
    to publish for the year, a version is awaiting review, or the date is in the future.
    """
    return records_to_draft(
        actor=actor,
        organization=organization,
        code=code,
        as_of=as_of,
        build=lambda: procurement_records(organization=organization, fiscal_year=fiscal_year, code=code, as_of=as_of),
        action="procurement.publish",
        audit_data=lambda records: {"fiscal_year": fiscal_year},
        now=now,
    )
