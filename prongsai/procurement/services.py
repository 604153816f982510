"""Writes of procurement (5.1.7): the annual plan and its lines, one record per procurement, closing a month.

Each service checks that the actor may edit the unit's records (Capability.EDIT; an actor of None
is the operator's management command, whose audit event says so), validates the whole input and
raises `InvalidInput` with every problem, in Thai and in English, before anything is stored,
writes in one transaction and records the audit event inside it.

Rules the services keep:

- A record's fiscal year follows from its month; its row number (ลำดับ) is unique in the unit's
  month, as on the form; its plan line, if any, is a line of the same unit's plan of that fiscal
  year. Bids are replaced as a whole, in the order given.
- A closed month's summary has been declared complete as of a date: it takes no new, changed,
  moved or removed record until the unit reopens it. Closing a month with records keeps them;
  closing one without records is the dated declaration "ไม่มีการจัดซื้อจัดจ้าง".
- A month that has not begun cannot be closed, and the "as of" date lies between the month's first
  day and today. Closing an already closed month again moves its "as of" date.
- A save that changes nothing writes nothing (no audit event either), so saving a form twice
  leaves one trace.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from prongsai.audit.services import audit_record
from prongsai.money import satang
from prongsai.organizations.access import Capability, capability_require
from prongsai.organizations.models import Organization
from prongsai.thaidate import ENGLISH_MONTHS, format_thai_month

from .inputs import (
    RECORD_COLUMNS,
    InvalidInput,
    PlanLineInput,
    Problem,
    RecordInput,
    plan_line_problems,
    record_problems,
)
from .models import Bid, PlanLine, ProcurementMonth, ProcurementPlan, ProcurementRecord
from .periods import fiscal_months, month_code, month_of_fiscal_year

__all__ = [
    "COMMAND_LABEL",
    "month_close",
    "month_reopen",
    "plan_line_add",
    "plan_line_delete",
    "plan_line_save",
    "procurement_plan_save",
    "record_delete",
    "record_save",
]

# How the audit trail names a write made by the operator's management command (actor None).
COMMAND_LABEL = "manage.py procurement"
# The fiscal years the tables accept (their check constraints).
FISCAL_YEARS = range(2500, 2701)

_RECORD_FIELDS = ("fiscal_year", *RECORD_COLUMNS, "plan_line_id")
_LINE_FIELDS = ("name", "budget", "method", "expected_month", "budget_source", "note")


def _require_edit(actor: Any, organization_id: int) -> None:
    """Refuse a person who may not edit the unit's records; the operator's command (None) may."""
    if actor is not None:
        capability_require(actor, Capability.EDIT, organization_id)


def _audit(
    *, actor: Any, action: str, target: Any, organization: Organization, data: dict[str, Any], now: dt.datetime
) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=target,
        organization_id=organization.pk,
        data={"unit": organization.slug, **data},
        actor_label=COMMAND_LABEL if actor is None else None,
        now=now,
    )


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) is not None else None


def _month_names(month: dt.date) -> tuple[str, str]:
    """Return a month as Thai ("มีนาคม 2569") and English ("March 2026") readers write it."""
    return format_thai_month(month), f"{ENGLISH_MONTHS[month.month]} {month.year}"


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else satang(value)


def _fiscal_year_problems(fiscal_year: int, field: str) -> list[Problem]:
    if fiscal_year in FISCAL_YEARS:
        return []
    return [
        Problem(
            field,
            "ปีงบประมาณต้องอยู่ระหว่าง พ.ศ. 2500 ถึง 2700",
            "The fiscal year must lie between 2500 and 2700 (Buddhist era).",
        )
    ]


def _closed_problem(month: dt.date) -> Problem:
    th, en = _month_names(month)
    return Problem(
        "month",
        f"เดือน{th} ปิดแล้ว ต้องเปิดเดือนอีกครั้งก่อนเพิ่ม แก้ไข หรือลบรายการ",
        f"{en} is closed: reopen the month before adding, changing or removing its records.",
    )


def _is_closed(organization: Organization, month: dt.date) -> bool:
    return ProcurementMonth.objects.filter(organization=organization, month=month).exists()


def _lock(organization: Organization) -> None:
    """Take the unit's row lock, so checks and writes of its records happen one after the other."""
    Organization.objects.select_for_update().filter(pk=organization.pk).first()


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Name the fields whose value differs (a foreign key by its field's name: "plan_line", not "plan_line_id")."""
    return sorted(name.removesuffix("_id") for name in after if before.get(name) != after[name])


# --- the annual procurement plan and its lines -------------------------------------------------------------------


def _plan_values(*, announced_on: dt.date | None, note_th: str) -> dict[str, Any]:
    return {"announced_on": announced_on, "note_th": note_th.strip()}


def _plan_problems(*, fiscal_year: int, announced_on: dt.date | None, today: dt.date) -> list[Problem]:
    problems = _fiscal_year_problems(fiscal_year, "fiscal_year")
    if announced_on is not None and announced_on > today:
        problems.append(
            Problem("announced_on", "วันที่ประกาศแผนต้องไม่อยู่ในอนาคต", "The announcement date cannot be in the future.")
        )
    return problems


def _plan_write(
    *,
    actor: Any,
    organization: Organization,
    fiscal_year: int,
    values: dict[str, Any] | None,
    now: dt.datetime,
) -> ProcurementPlan:
    """Create the plan, or update it with `values` (None: only make sure it exists); audit a change."""
    plan = (
        ProcurementPlan.objects.select_for_update().filter(organization=organization, fiscal_year=fiscal_year).first()
    )
    if plan is not None and values is None:
        return plan
    if plan is None:
        plan = ProcurementPlan(organization=organization, fiscal_year=fiscal_year, created_at=now)
        created, changed = True, []
    else:
        created = False
        changed = _changed({name: getattr(plan, name) for name in ("announced_on", "note_th")}, values or {})
        if not changed:
            return plan
    for name, value in (values or {}).items():
        setattr(plan, name, value)
    plan.updated_at = now
    plan.save()
    _audit(
        actor=actor,
        action="procurement.plan_save",
        target=plan,
        organization=organization,
        data={"fiscal_year": fiscal_year, "created": created, "changed": changed},
        now=now,
    )
    return plan


@transaction.atomic
def procurement_plan_save(
    *,
    actor: Any,
    organization: Organization,
    fiscal_year: int,
    announced_on: dt.date | None = None,
    note_th: str = "",
    now: dt.datetime | None = None,
) -> ProcurementPlan:
    """Create or update the unit's annual procurement plan (5.1.7.1) of a fiscal year (BE).

    The announcement date cannot be in the future. Raises InvalidInput with every problem.
    """
    now = now or timezone.now()
    _require_edit(actor, organization.pk)
    problems = _plan_problems(fiscal_year=fiscal_year, announced_on=announced_on, today=timezone.localdate(now))
    if problems:
        raise InvalidInput(problems)
    _lock(organization)
    values = _plan_values(announced_on=announced_on, note_th=note_th)
    return _plan_write(actor=actor, organization=organization, fiscal_year=fiscal_year, values=values, now=now)


def _line_values(data: PlanLineInput) -> dict[str, Any]:
    return {
        "name": data.name.strip(),
        "budget": _money(data.budget),
        "method": data.method,
        "expected_month": data.expected_month,
        "budget_source": data.budget_source.strip(),
        "note": data.note.strip(),
    }


def _line_problems(data: PlanLineInput, fiscal_year: int) -> list[Problem]:
    problems = plan_line_problems(data, fiscal_year_months=fiscal_months(fiscal_year))
    if len(data.budget_source) > 200:
        problems.append(
            Problem(
                "budget_source",
                "แหล่งที่มาของงบประมาณยาวเกิน 200 ตัวอักษร",
                "The source of funds is longer than 200 characters.",
            )
        )
    if len(data.note) > 1000:
        problems.append(Problem("note", "หมายเหตุยาวเกิน 1000 ตัวอักษร", "The notes are longer than 1000 characters."))
    return problems


def _line_write(
    *, actor: Any, plan: ProcurementPlan, data: PlanLineInput, line: PlanLine | None, now: dt.datetime
) -> PlanLine:
    values = _line_values(data)
    created = line is None
    if line is None:
        last = PlanLine.objects.filter(plan=plan).aggregate(last=Max("position"))["last"]
        line = PlanLine(plan=plan, position=(last or 0) + 1)
        changed: list[str] = []
    else:
        changed = _changed({name: getattr(line, name) for name in _LINE_FIELDS}, values)
        if not changed:
            return line
    for name, value in values.items():
        setattr(line, name, value)
    line.save()
    plan.updated_at = now
    plan.save(update_fields=["updated_at"])
    _audit(
        actor=actor,
        action="procurement.plan_line_save",
        target=line,
        organization=plan.organization,
        data={"fiscal_year": plan.fiscal_year, "line": line.pk, "created": created, "changed": changed},
        now=now,
    )
    return line


@transaction.atomic
def plan_line_save(
    *,
    actor: Any,
    plan: ProcurementPlan,
    data: PlanLineInput,
    line: PlanLine | None = None,
    now: dt.datetime | None = None,
) -> PlanLine:
    """Add a line to a procurement plan (at its end), or change one of its lines.

    The expected month must fall in the plan's fiscal year. Raises InvalidInput with every problem.
    """
    now = now or timezone.now()
    if line is not None and line.plan_id != plan.pk:
        raise ValueError("the line belongs to another plan")
    _require_edit(actor, plan.organization_id)
    problems = _line_problems(data, plan.fiscal_year)
    if problems:
        raise InvalidInput(problems)
    return _line_write(actor=actor, plan=plan, data=data, line=line, now=now)


@transaction.atomic
def plan_line_add(
    *,
    actor: Any,
    organization: Organization,
    fiscal_year: int,
    data: PlanLineInput,
    now: dt.datetime | None = None,
) -> PlanLine:
    """Add a line to the unit's plan of the fiscal year, starting the plan if it has none yet.

    The workspace's "add a line" form uses it, so the first line and its plan are stored together
    or not at all. Raises InvalidInput with every problem.
    """
    now = now or timezone.now()
    _require_edit(actor, organization.pk)
    problems = _fiscal_year_problems(fiscal_year, "fiscal_year") + _line_problems(data, fiscal_year)
    if problems:
        raise InvalidInput(problems)
    _lock(organization)
    plan = _plan_write(actor=actor, organization=organization, fiscal_year=fiscal_year, values=None, now=now)
    return _line_write(actor=actor, plan=plan, data=data, line=None, now=now)


@transaction.atomic
def plan_line_delete(*, actor: Any, line: PlanLine, now: dt.datetime | None = None) -> None:
    """Remove a line from its plan; records that named it keep their data and lose the link."""
    now = now or timezone.now()
    plan = ProcurementPlan.objects.select_related("organization").get(pk=line.plan_id)
    _require_edit(actor, plan.organization_id)
    unlinked = ProcurementRecord.objects.filter(plan_line=line).count()
    data = {"fiscal_year": plan.fiscal_year, "line": line.pk, "name": line.name, "records_unlinked": unlinked}
    _audit(
        actor=actor,
        action="procurement.plan_line_delete",
        target=line,
        organization=plan.organization,
        data=data,
        now=now,
    )
    line.delete()
    plan.updated_at = now
    plan.save(update_fields=["updated_at"])


# --- procurement records -----------------------------------------------------------------------------------------


def _record_values(data: RecordInput, fiscal_year: int) -> dict[str, Any]:
    return {
        "month": data.month,
        "fiscal_year": fiscal_year,
        "sequence": data.sequence,
        "item": data.item.strip(),
        "budget": _money(data.budget),
        "reference_price": _money(data.reference_price),
        "method": data.method,
        "method_detail": data.method_detail.strip(),
        "winner": data.winner.strip(),
        "winner_price": _money(data.winner_price),
        "reason": data.reason.strip(),
        "contract_kind": data.contract_kind,
        "contract_number": data.contract_number.strip(),
        "contract_date": data.contract_date,
        "egp_number": data.egp_number.strip(),
        "budget_source": data.budget_source.strip(),
        "status": data.status,
        "plan_line_id": data.plan_line_id,
    }


def _bid_values(data: RecordInput) -> list[tuple[str, Decimal | None]]:
    return [(bid.bidder.strip(), _money(bid.price)) for bid in data.bids]


def _record_database_problems(
    *, organization: Organization, data: RecordInput, fiscal_year: int, record: ProcurementRecord | None
) -> list[Problem]:
    """Return the problems only the database can tell: row number taken, plan line elsewhere, month closed."""
    problems: list[Problem] = []
    th, en = _month_names(data.month)
    taken = ProcurementRecord.objects.filter(organization=organization, month=data.month, sequence=data.sequence)
    if record is not None:
        taken = taken.exclude(pk=record.pk)
    if data.sequence >= 1 and taken.exists():
        problems.append(
            Problem(
                "sequence",
                f"ลำดับที่ {data.sequence} ของเดือน{th} มีรายการอื่นใช้อยู่แล้ว",
                f"Row number {data.sequence} of {en} is already taken by another record.",
            )
        )
    if data.plan_line_id is not None:
        line = (
            PlanLine.objects.filter(pk=data.plan_line_id, plan__organization=organization)
            .select_related("plan")
            .first()
        )
        if line is None:
            problems.append(
                Problem(
                    "plan_line",
                    "ไม่พบรายการนี้ในแผนการจัดซื้อจัดจ้างของหน่วยงาน",
                    "There is no such line in the unit's procurement plan.",
                )
            )
        elif line.plan.fiscal_year != fiscal_year:
            problems.append(
                Problem(
                    "plan_line",
                    f"รายการในแผนต้องอยู่ในแผนปีงบประมาณ {fiscal_year} เดียวกับการจัดซื้อจัดจ้าง",
                    f"The plan line must come from the plan of the record's fiscal year, {fiscal_year}.",
                )
            )
    months = {data.month} if record is None else {data.month, record.month}
    for month in sorted(months):
        if _is_closed(organization, month):
            problems.append(_closed_problem(month))
    return problems


@transaction.atomic
def record_save(
    *,
    actor: Any,
    organization: Organization,
    data: RecordInput,
    record: ProcurementRecord | None = None,
    now: dt.datetime | None = None,
) -> ProcurementRecord:
    """Store a new procurement record of the unit, or change one, with its bids in the order given.

    The fiscal year follows from the month. Refused, with every problem (InvalidInput), when the
    record fails its checks, its row number is taken in that month, its plan line is not of the
    unit's plan of that fiscal year, or its month (or, for a change, its former month) is closed.
    A new record is marked as entered in the workspace; a changed one keeps how it first came.
    """
    now = now or timezone.now()
    if record is not None and record.organization_id != organization.pk:
        raise ValueError("the record belongs to another unit")
    _require_edit(actor, organization.pk)
    _lock(organization)
    if record is not None:
        # Compare with, and check the month of, the record as stored now, not as the caller last read it.
        record = ProcurementRecord.objects.get(pk=record.pk)
    fiscal_year, _number = month_of_fiscal_year(data.month)
    problems = record_problems(data, today=timezone.localdate(now)) + _fiscal_year_problems(fiscal_year, "month")
    problems += _record_database_problems(organization=organization, data=data, fiscal_year=fiscal_year, record=record)
    if problems:
        raise InvalidInput(problems)
    values = _record_values(data, fiscal_year)
    bids = _bid_values(data)
    created = record is None
    if record is None:
        record = ProcurementRecord(
            organization=organization,
            source=ProcurementRecord.Source.ENTERED,
            created_by=_user(actor),
            created_at=now,
        )
        changed: list[str] = []
        was: dict[str, Any] = {}
    else:
        before = {name: getattr(record, name) for name in _RECORD_FIELDS}
        changed = _changed(before, values)
        if [(bid.bidder, bid.price) for bid in record.bids.order_by("position")] != bids:
            changed = sorted([*changed, "bids"])
        if not changed:
            return record
        was = {"was": {"month": month_code(record.month), "sequence": record.sequence}}
    for name, value in values.items():
        setattr(record, name, value)
    record.updated_at = now
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        # Another writer took the row number between the check and the write.
        th, en = _month_names(data.month)
        raise InvalidInput(
            [
                Problem(
                    "sequence",
                    f"ลำดับที่ {data.sequence} ของเดือน{th} มีรายการอื่นใช้อยู่แล้ว",
                    f"Row number {data.sequence} of {en} is already taken by another record.",
                )
            ]
        ) from None
    if created or "bids" in changed:
        if not created:
            Bid.objects.filter(record=record).delete()
        Bid.objects.bulk_create(
            [
                Bid(record=record, position=position, bidder=bidder, price=price)
                for position, (bidder, price) in enumerate(bids, start=1)
            ]
        )
    key = {"month": month_code(record.month), "sequence": record.sequence}
    _audit(
        actor=actor,
        action="procurement.record_save",
        target=record,
        organization=organization,
        data={**key, "created": created, "changed": changed, **was},
        now=now,
    )
    return record


@transaction.atomic
def record_delete(*, actor: Any, record: ProcurementRecord, now: dt.datetime | None = None) -> None:
    """Remove a procurement record and its bids; refused (InvalidInput) while its month is closed."""
    now = now or timezone.now()
    organization = Organization.objects.get(pk=record.organization_id)
    _require_edit(actor, organization.pk)
    _lock(organization)
    record = ProcurementRecord.objects.get(pk=record.pk)
    if _is_closed(organization, record.month):
        raise InvalidInput([_closed_problem(record.month)])
    data = {"month": month_code(record.month), "sequence": record.sequence, "item": record.item}
    _audit(
        actor=actor, action="procurement.record_delete", target=record, organization=organization, data=data, now=now
    )
    record.delete()


# --- closing a month ---------------------------------------------------------------------------------------------


@transaction.atomic
def month_close(
    *,
    actor: Any,
    organization: Organization,
    month: dt.date,
    as_of: dt.date,
    note_th: str = "",
    now: dt.datetime | None = None,
) -> ProcurementMonth:
    """Declare a month's summary (สขร.1) complete as of a date; with no records it says "ไม่มีการจัดซื้อจัดจ้าง".

    The month must have begun; the "as of" date lies between its first day and today. Closing a
    closed month again moves its "as of" date and note. Raises InvalidInput with every problem.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    _require_edit(actor, organization.pk)
    _lock(organization)
    problems: list[Problem] = []
    if month.day != 1:
        problems.append(Problem("month", "เดือนต้องเป็นวันที่ 1 ของเดือน", "The month must be its first day."))
    elif (month.year, month.month) > (today.year, today.month):
        problems.append(Problem("month", "ปิดเดือนที่ยังมาไม่ถึงไม่ได้", "A month that has not begun cannot be closed."))
    fiscal_year, _number = month_of_fiscal_year(month)
    problems += _fiscal_year_problems(fiscal_year, "month")
    if as_of < month:
        problems.append(
            Problem(
                "as_of",
                "วันที่ของข้อมูล (ณ วันที่) ต้องไม่ก่อนวันแรกของเดือน",
                "The “as of” date cannot be before the month's first day.",
            )
        )
    if as_of > today:
        problems.append(
            Problem("as_of", "วันที่ของข้อมูล (ณ วันที่) ต้องไม่อยู่ในอนาคต", "The “as of” date cannot be in the future.")
        )
    if len(note_th) > 1000:
        problems.append(Problem("note_th", "หมายเหตุยาวเกิน 1000 ตัวอักษร", "The notes are longer than 1000 characters."))
    if problems:
        raise InvalidInput(problems)
    closed = ProcurementMonth.objects.filter(organization=organization, month=month).first()
    previous = None if closed is None else closed.as_of.isoformat()
    if closed is None:
        closed = ProcurementMonth(organization=organization, month=month, fiscal_year=fiscal_year)
    closed.as_of = as_of
    closed.note_th = note_th.strip()
    closed.closed_by = _user(actor)
    closed.closed_at = now
    closed.save()
    records = ProcurementRecord.objects.filter(organization=organization, month=month).count()
    data = {"month": month_code(month), "as_of": as_of.isoformat(), "records": records, "previous_as_of": previous}
    _audit(actor=actor, action="procurement.month_close", target=closed, organization=organization, data=data, now=now)
    return closed


@transaction.atomic
def month_reopen(*, actor: Any, organization: Organization, month: dt.date, now: dt.datetime | None = None) -> None:
    """Reopen a closed month so its records can change again; refused (InvalidInput) when it is not closed."""
    now = now or timezone.now()
    _require_edit(actor, organization.pk)
    _lock(organization)
    closed = ProcurementMonth.objects.filter(organization=organization, month=month).first()
    if closed is None:
        th, en = _month_names(month)
        raise InvalidInput([Problem("month", f"เดือน{th} ยังไม่ได้ปิด", f"{en} is not closed.")])
    data = {"month": month_code(month), "as_of": closed.as_of.isoformat()}
    _audit(actor=actor, action="procurement.month_reopen", target=closed, organization=organization, data=data, now=now)
    closed.delete()
