"""Import a procurement workbook: all or nothing, and the same file twice changes nothing the second time.

`procurement_import` reads the workbook (workbook.py), and if any row has any problem it stores
nothing and raises ImportRejected with every problem by sheet, row and column. Otherwise, in one
transaction:

- records are matched to the unit's stored ones by their natural key (month, ลำดับ): a new key is
  created, a stored record whose fields or bids differ is updated (its bids replaced in order, its
  source becoming "imported"), an equal one is left untouched. Records the file does not name are
  kept. A record's link to a plan line is set only by our records template's plan-line column; the
  สขร.1 form, and a blank plan-line cell, leave it as it was;
- a month the file declares empty ("ไม่มีการจัดซื้อจัดจ้าง") is closed as of the date the sheet
  states, or else the import day (a month closed before keeps its date unless the sheet states one);
  a month declared empty that already holds records is refused;
- plan lines go to the unit's procurement plan of their fiscal year (created when missing), matched
  by their line number in the same way;
- one ImportBatch and one audit event ("procurement.import") record what the file changed.

Writes are in bulk (a few queries for any number of rows), so a 10,000-row workbook imports in one
go (bench/procurement_import/).
"""

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from prongsai.audit.services import audit_record
from prongsai.organizations.access import Capability, capability_require
from prongsai.organizations.models import Organization
from prongsai.thaidate import ENGLISH_MONTHS, fiscal_year_of, format_thai_month

from .inputs import RECORD_COLUMNS, RecordInput
from .models import Bid, ImportBatch, PlanLine, ProcurementMonth, ProcurementPlan, ProcurementRecord
from .workbook import EmptyMonth, ImportProblem, PlanRow, RecordRow, read_workbook

__all__ = ["ImportProblem", "ImportRejected", "ImportResult", "procurement_import"]

# The label of the audit event when the operator imports from the command line (no person signed in).
COMMAND_LABEL = "manage.py procurement import"
# Rows per INSERT or UPDATE statement, and ids per DELETE … IN (…).
_BATCH = 1000

# The key (month, sequence) finds the row; everything else of the record is written.
_RECORD_FIELDS = ("fiscal_year", *(name for name in RECORD_COLUMNS if name not in ("month", "sequence")))
_LINE_FIELDS = ("name", "budget", "method", "expected_month", "budget_source", "note")


class ImportRejected(Exception):
    """The workbook has problems; nothing was stored. `problems` lists every one, by sheet, row and column."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__("; ".join(f"{p.place('en')}: {p.en}" for p in problems[:5]))
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    """What an accepted import did. `rows` counts the records (or plan lines) the file holds;
    `months_closed` the months it declares without procurement."""

    kind: str
    rows: int
    created: int
    updated: int
    unchanged: int
    months_closed: int
    batch: ImportBatch | None


@dataclass(frozen=True)
class _Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _require_edit(actor: Any, organization: Organization) -> None:
    if actor is not None:  # None: the operator's command
        capability_require(actor, Capability.EDIT, organization.pk)


def _month_words(month: dt.date) -> tuple[str, str]:
    return format_thai_month(month), f"{ENGLISH_MONTHS[month.month]} {month.year}"


def _chunks[T](items: Sequence[T]) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


# --- checks against what is stored --------------------------------------------------------------------------------


def _stored_problems(
    organization: Organization, content_records: list[RecordRow], empty_months: list[EmptyMonth], today: dt.date
) -> tuple[list[ImportProblem], dict[tuple[int, int], int]]:
    """Return the problems only the database can show, and plan line ids by (fiscal year, line number)."""
    problems: list[ImportProblem] = []
    if empty_months:
        holding: dict[dt.date, int] = dict(
            ProcurementRecord.objects.filter(organization=organization, month__in={e.month for e in empty_months})
            .values("month")
            .annotate(count=Count("id"))
            .values_list("month", "count")
        )
        for empty in empty_months:
            th_month, en_month = _month_words(empty.month)
            if holding.get(empty.month):
                problems.append(
                    ImportProblem(
                        empty.sheet,
                        empty.row,
                        None,
                        f"เดือน {th_month} ระบุว่าไม่มีการจัดซื้อจัดจ้าง แต่ในระบบมีรายการของเดือนนี้แล้ว"
                        f" {holding[empty.month]} รายการ",
                        f"{en_month} is declared empty, but {holding[empty.month]} procurement(s) of it are stored.",
                    )
                )
            if (empty.month.year, empty.month.month) > (today.year, today.month):
                problems.append(
                    ImportProblem(
                        empty.sheet,
                        empty.row,
                        None,
                        f"เดือน {th_month} ยังไม่มาถึง จึงปิดเดือนไม่ได้",
                        f"{en_month} has not come yet: it cannot be closed.",
                    )
                )
            elif empty.as_of is not None and not empty.month <= empty.as_of <= today:
                problems.append(
                    ImportProblem(
                        empty.sheet,
                        empty.row,
                        None,
                        f"วันที่ “ข้อมูล ณ วันที่” ต้องอยู่ระหว่างต้นเดือน {th_month} ถึงวันนี้",
                        f"The “as of” date must fall between the start of {en_month} and today.",
                    )
                )
    wanted = {(fiscal_year_of(r.data.month), r.plan_position) for r in content_records if r.plan_position is not None}
    line_ids: dict[tuple[int, int], int] = {}
    if wanted:
        found: dict[tuple[int, int], list[int]] = {}
        lines = PlanLine.objects.filter(
            plan__organization=organization, plan__fiscal_year__in={year for year, _position in wanted}
        ).values_list("id", "plan__fiscal_year", "position")
        for line_id, year, position in lines:
            found.setdefault((year, position), []).append(line_id)
        for record in content_records:
            if record.plan_position is None:
                continue
            key = (fiscal_year_of(record.data.month), record.plan_position)
            ids = found.get(key, [])
            if len(ids) == 1:
                line_ids[key] = ids[0]
                continue
            year, position = key
            problems.append(
                ImportProblem(
                    record.sheet,
                    record.row,
                    record.plan_column,
                    f"ไม่พบรายการลำดับ {position} ในแผนการจัดซื้อจัดจ้างปีงบประมาณ {year}"
                    if not ids
                    else f"แผนการจัดซื้อจัดจ้างปีงบประมาณ {year} มีรายการลำดับ {position} มากกว่าหนึ่งรายการ",
                    f"The fiscal year {year} procurement plan has no line {position}."
                    if not ids
                    else f"The fiscal year {year} procurement plan has more than one line {position}.",
                )
            )
    return problems, line_ids


# --- records ------------------------------------------------------------------------------------------------------


def _record_values(data: RecordInput) -> dict[str, Any]:
    return {
        "fiscal_year": fiscal_year_of(data.month),
        "item": data.item,
        "budget": data.budget,
        "reference_price": data.reference_price,
        "method": data.method,
        "method_detail": data.method_detail,
        "winner": data.winner,
        "winner_price": data.winner_price,
        "reason": data.reason,
        "contract_kind": data.contract_kind,
        "contract_number": data.contract_number,
        "contract_date": data.contract_date,
        "egp_number": data.egp_number,
        "budget_source": data.budget_source,
        "status": data.status,
    }


def _bid_values(data: RecordInput) -> list[tuple[str, Any]]:
    return [(bid.bidder, bid.price) for bid in data.bids]


def _store_records(
    *,
    actor: Any,
    organization: Organization,
    rows: list[RecordRow],
    line_ids: dict[tuple[int, int], int],
    now: dt.datetime,
) -> _Counts:
    """Create, update or leave each record of the file, and replace the bids of those created or changed."""
    months = {row.data.month for row in rows}
    stored = {
        (record.month, record.sequence): record
        for record in ProcurementRecord.objects.filter(organization=organization, month__in=months)
    }
    stored_bids: dict[int, list[tuple[str, Any]]] = {}
    bids = Bid.objects.filter(record__organization=organization, record__month__in=months).order_by(
        "record_id", "position"
    )
    for record_id, bidder, price in bids.values_list("record_id", "bidder", "price"):
        stored_bids.setdefault(record_id, []).append((bidder, price))
    creator = actor if getattr(actor, "pk", None) is not None else None
    new: list[tuple[ProcurementRecord, RecordInput]] = []
    changed: list[tuple[ProcurementRecord, RecordInput]] = []
    unchanged = 0
    for row in rows:
        data = row.data
        values = _record_values(data)
        plan_line_id = None
        if row.plan_position is not None:
            plan_line_id = line_ids[(values["fiscal_year"], row.plan_position)]
        record = stored.get((data.month, data.sequence))
        if record is None:
            record = ProcurementRecord(
                organization=organization,
                month=data.month,
                sequence=data.sequence,
                plan_line_id=plan_line_id,
                source=ProcurementRecord.Source.IMPORTED,
                created_by=creator,
                created_at=now,
                updated_at=now,
                **values,
            )
            new.append((record, data))
            continue
        same = all(getattr(record, name) == value for name, value in values.items())
        same = same and stored_bids.get(record.pk, []) == _bid_values(data)
        same = same and (row.plan_position is None or record.plan_line_id == plan_line_id)
        if same:
            unchanged += 1
            continue
        for name, value in values.items():
            setattr(record, name, value)
        if row.plan_position is not None:
            record.plan_line_id = plan_line_id
        record.source = ProcurementRecord.Source.IMPORTED
        record.updated_at = now
        changed.append((record, data))
    created = ProcurementRecord.objects.bulk_create([record for record, _data in new], batch_size=_BATCH)
    if changed:
        ProcurementRecord.objects.bulk_update(
            [record for record, _data in changed],
            [*_RECORD_FIELDS, "plan_line", "source", "updated_at"],
            batch_size=_BATCH,
        )
        for ids in _chunks([record.pk for record, _data in changed]):
            Bid.objects.filter(record_id__in=ids).delete()
    Bid.objects.bulk_create(
        [
            Bid(record=record, position=position, bidder=bid.bidder, price=bid.price)
            for record, data in [*zip(created, (data for _record, data in new), strict=True), *changed]
            for position, bid in enumerate(data.bids, start=1)
        ],
        batch_size=_BATCH,
    )
    return _Counts(created=len(new), updated=len(changed), unchanged=unchanged)


def _close_months(
    *, actor: Any, organization: Organization, empty_months: list[EmptyMonth], today: dt.date, now: dt.datetime
) -> None:
    """Close each month the file declares empty, as of its stated date (or the import day for a month not closed)."""
    if not empty_months:
        return
    stored = {
        closed.month: closed
        for closed in ProcurementMonth.objects.filter(
            organization=organization, month__in=[empty.month for empty in empty_months]
        )
    }
    closer = actor if getattr(actor, "pk", None) is not None else None
    new: list[ProcurementMonth] = []
    changed: list[ProcurementMonth] = []
    for empty in empty_months:
        closed = stored.get(empty.month)
        if closed is None:
            new.append(
                ProcurementMonth(
                    organization=organization,
                    month=empty.month,
                    fiscal_year=fiscal_year_of(empty.month),
                    as_of=empty.as_of or today,
                    closed_by=closer,
                    closed_at=now,
                )
            )
        elif empty.as_of is not None and closed.as_of != empty.as_of:
            closed.as_of, closed.closed_by, closed.closed_at = empty.as_of, closer, now
            changed.append(closed)
    ProcurementMonth.objects.bulk_create(new)
    if changed:
        ProcurementMonth.objects.bulk_update(changed, ["as_of", "closed_by", "closed_at"])


# --- plan lines ---------------------------------------------------------------------------------------------------


def _store_plan_lines(*, organization: Organization, rows: list[PlanRow], now: dt.datetime) -> _Counts:
    """Put each line into the unit's plan of its fiscal year (created when missing), matched by line number."""
    years = sorted({row.fiscal_year for row in rows})
    plans = {plan.fiscal_year: plan for plan in ProcurementPlan.objects.filter(organization=organization)}
    missing = [
        ProcurementPlan(organization=organization, fiscal_year=year, created_at=now, updated_at=now)
        for year in years
        if year not in plans
    ]
    for plan in ProcurementPlan.objects.bulk_create(missing):
        plans[plan.fiscal_year] = plan
    stored: dict[tuple[int, int], PlanLine] = {}
    for line in PlanLine.objects.filter(plan__organization=organization, plan__fiscal_year__in=years).select_related(
        "plan"
    ):
        stored.setdefault((line.plan.fiscal_year, line.position), line)
    new: list[PlanLine] = []
    changed: list[PlanLine] = []
    unchanged = 0
    for row in rows:
        values = {
            "name": row.data.name,
            "budget": row.data.budget,
            "method": row.data.method,
            "expected_month": row.data.expected_month,
            "budget_source": row.data.budget_source,
            "note": row.data.note,
        }
        found = stored.get((row.fiscal_year, row.position))
        if found is None:
            new.append(PlanLine(plan=plans[row.fiscal_year], position=row.position, **values))
        elif all(getattr(found, name) == value for name, value in values.items()):
            unchanged += 1
        else:
            for name, value in values.items():
                setattr(found, name, value)
            changed.append(found)
    PlanLine.objects.bulk_create(new, batch_size=_BATCH)
    if changed:
        PlanLine.objects.bulk_update(changed, list(_LINE_FIELDS), batch_size=_BATCH)
    touched = {row.fiscal_year for row in rows}
    ProcurementPlan.objects.filter(organization=organization, fiscal_year__in=touched).update(updated_at=now)
    return _Counts(created=len(new), updated=len(changed), unchanged=unchanged)


# --- the service --------------------------------------------------------------------------------------------------


@transaction.atomic
def procurement_import(
    *, actor: Any, organization: Organization, content: bytes, filename: str, now: dt.datetime | None = None
) -> ImportResult:
    """Import a workbook of the unit's procurement records, empty months or plan lines: all, or nothing.

    The actor needs EDIT on the unit; None is the operator at the command line. Raises
    ImportRejected with every problem (nothing stored) when the file has any; otherwise stores it
    in bulk, records one ImportBatch and one audit event, and returns the counts. Importing the
    same file again creates and updates nothing.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    _require_edit(actor, organization)
    content_read = read_workbook(content, today=today)
    if content_read.problems:
        raise ImportRejected(content_read.problems)
    # One import of a unit at a time: the second waits here, then finds the first one's rows.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    problems, line_ids = _stored_problems(organization, content_read.records, content_read.empty_months, today)
    if problems:
        raise ImportRejected(problems)
    if content_read.plan_lines:
        counts = _store_plan_lines(organization=organization, rows=content_read.plan_lines, now=now)
    else:
        counts = _store_records(
            actor=actor, organization=organization, rows=content_read.records, line_ids=line_ids, now=now
        )
    _close_months(actor=actor, organization=organization, empty_months=content_read.empty_months, today=today, now=now)
    digest = hashlib.sha256(content).hexdigest()
    batch = ImportBatch.objects.create(
        organization=organization,
        kind=content_read.kind,
        filename=filename[:255],
        sha256=digest,
        rows=content_read.rows,
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        imported_by=actor if getattr(actor, "pk", None) is not None else None,
        imported_at=now,
    )
    months_closed = len(content_read.empty_months)
    audit_record(
        actor=actor,
        action="procurement.import",
        target=batch,
        organization_id=organization.pk,
        data={
            "kind": batch.kind,
            "filename": batch.filename,
            "sha256": digest,
            "rows": batch.rows,
            "created": counts.created,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "months_closed": months_closed,
        },
        actor_label=COMMAND_LABEL if actor is None else None,
        now=now,
    )
    return ImportResult(
        kind=batch.kind,
        rows=batch.rows,
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        months_closed=months_closed,
        batch=batch,
    )
