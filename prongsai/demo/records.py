"""Structured plans, progress and procurement of some demo units, published through the register.

For the units in RECORD_UNITS (central divisions and provincial offices), the previous fiscal year
and the current one (relative to the demo's `now`) are played month by month through the plans and
procurement services, as their editors would have entered them: the action plan with its
programmes and projects before the year begins, each project's cumulative progress after every
month, the procurement plan early in October, each procurement (with its bids) on the day its
contract or order was signed, and the month closed with its "as of" date early the next month,
a month without any procurement thus becoming the dated "ไม่มีการจัดซื้อจัดจ้าง". Only months that
have ended are recorded.

The same editors publish the records as register versions of items 5.1.4, 5.1.5 and 5.1.7.1-3
(plan_publish / procurement_publish put a snapshot into a draft), submit them, and the unit's
reviewer of the item's step approves them: the action and procurement plans when the year begins
and again after the 6-month round, the progress after every quarter, the procurement details and
the monthly summary after every closed month. These entries have no document history
(histories.py leaves them out): their first version of a year carries the unit's spreadsheet and
the address of the page on its website, later ones keep them.

All of it derives from plans.py, like the text and spreadsheets the other units publish, so the
records, the snapshots and the attached spreadsheets agree. Writes go through the audited services
with back-dated `now=`, in time order, nothing is notified, and every run creates the same rows.
"""

import datetime as dt
import functools
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from prongsai.disclosures.models import Entry, EntryVersion
from prongsai.disclosures.services import DraftContent, NewDocument, version_approve, version_save_draft, version_submit
from prongsai.organizations.models import Organization, reviewer_role_for_step
from prongsai.plans.inputs import ProgressInput, ProjectInput
from prongsai.plans.models import Programme
from prongsai.plans.models import Project as PlanProject
from prongsai.plans.publishing import plan_publish
from prongsai.plans.services import action_plan_save, programme_save, progress_record, project_save
from prongsai.procurement.inputs import BidInput, PlanLineInput, RecordInput
from prongsai.procurement.models import PlanLine
from prongsai.procurement.publishing import procurement_publish
from prongsai.procurement.services import month_close, plan_line_save, procurement_plan_save, record_save
from prongsai.thaidate import add_months, fiscal_year_bounds, fiscal_year_of, format_thai_month, last_day_of_month

from . import documents
from .content import approve_verdicts
from .people import Cast
from .plans import (
    METHOD_CODES,
    PROGRAMMES,
    Procurement,
    budget_source,
    contract_kind,
    division_of,
    egp_number,
    month_of_fiscal_year,
    month_procurements,
    procurements,
    programme_of,
    project_progress,
    projects,
    record_status,
)
from .units import ALL_ORGANIZATIONS, UnitSpec

# Two central divisions (one a support unit with review groups) and four provincial offices.
RECORD_UNITS = ("ict", "ethics", "cri", "kri", "nst", "skh")
PLAN_CODES = ("5.1.4", "5.1.5")
PROCUREMENT_CODES = ("5.1.7.1", "5.1.7.2", "5.1.7.3")
RECORD_CODES = PLAN_CODES + PROCUREMENT_CODES
STRUCTURED_ENTRIES = frozenset((unit, code) for unit in RECORD_UNITS for code in RECORD_CODES)

# The page of the unit's website each item's versions of a fiscal year name.
_PAGES = {
    "5.1.4": "plans/action-plan-{year}",
    "5.1.5": "plans/progress-{year}",
    "5.1.7.1": "procurement/plan-{year}",
    "5.1.7.2": "procurement/results-{year}",
    "5.1.7.3": "procurement/summaries-{year}",
}
_QUARTER_ENDS = (3, 6, 9, 12)  # December, March, June, September
_SIX_MONTHS = 6  # March: after it the plans are reviewed again


@dataclass
class RecordsOutcome:
    """What demo_records_play wrote: the units and years, and counts to print."""

    units: list[str] = field(default_factory=list)
    fiscal_years: list[int] = field(default_factory=list)
    months_closed: int = 0
    empty_months: list[tuple[str, dt.date]] = field(default_factory=list)
    versions_approved: int = 0


@dataclass(frozen=True)
class _Step:
    at: dt.datetime
    order: int
    run: Callable[[dt.datetime], None]


class _UnitRecords:
    """One unit's records and publications being played: who works on them and what exists so far."""

    def __init__(
        self,
        unit: UnitSpec,
        organization: Organization,
        editor: Any,
        reviewers: dict[int, list[Any]],
        outcome: RecordsOutcome,
        seed: int,
    ) -> None:
        self.unit = unit
        self.organization = organization
        self.editor = editor
        self.reviewers = reviewers
        self.outcome = outcome
        self.rng = random.Random(f"{seed}:records:{unit.slug}")
        self.zone = timezone.get_current_timezone()
        self.entries = {
            entry.item.code: entry
            for entry in Entry.objects.filter(
                organization=organization, item__checklist__is_active=True, item__code__in=RECORD_CODES
            ).select_related("item")
        }
        self.projects: dict[int, list[PlanProject]] = {}
        self.lines: dict[int, dict[str, PlanLine]] = {}
        self.drafts: dict[str, EntryVersion] = {}
        self.pages_set: set[tuple[str, int]] = set()
        self._steps: list[_Step] = []

    # --- the timeline ------------------------------------------------------------------------------

    def _at(self, day: dt.date, hour: int, minute: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.zone)

    def _add(self, at: dt.datetime, run: Callable[[dt.datetime], None]) -> None:
        self._steps.append(_Step(at, len(self._steps), run))

    def plan_year(self, fiscal_year: int, today: dt.date) -> None:
        """Lay out the fiscal year's steps, up to the last month that has ended before `today`."""
        start, _end = fiscal_year_bounds(fiscal_year)
        self._add(self._at(start - dt.timedelta(days=9), 10, 0), lambda now: self._action_plan(fiscal_year, now))
        self._add(self._at(start + dt.timedelta(days=1), 10, 0), lambda now: self._procurement_plan(fiscal_year, now))
        published = start + dt.timedelta(days=3)
        self._publication("5.1.4", fiscal_year, published, self._at(published, 10, 0))
        self._publication("5.1.7.1", fiscal_year, published, self._at(published, 11, 0))
        for index in range(1, 13):
            month = month_of_fiscal_year(fiscal_year, index)
            following = add_months(month, 1)
            if following > today:
                break
            self._month(fiscal_year, index, month, following)

    def _month(self, fiscal_year: int, index: int, month: dt.date, following: dt.date) -> None:
        as_of = last_day_of_month(month)
        for sequence, procurement in enumerate(month_procurements(self.unit, month), start=1):
            at = self._at(procurement.contract_date, 13, 0) + dt.timedelta(minutes=7 * sequence)
            self._add(at, functools.partial(self._record, fiscal_year, month, sequence, procurement))
        self._add(self._at(following + dt.timedelta(days=2), 9, 30), lambda now: self._close(month, as_of, now))
        self._publication("5.1.7.3", fiscal_year, as_of, self._at(following + dt.timedelta(days=2), 10, 30))
        if any(month_procurements(self.unit, month_of_fiscal_year(fiscal_year, i)) for i in range(1, index + 1)):
            # The details are published once the year has any; until then the monthly summaries say there is none.
            self._publication("5.1.7.2", fiscal_year, as_of, self._at(following + dt.timedelta(days=2), 11, 0))
        self._add(
            self._at(following + dt.timedelta(days=4), 10, 0), lambda now: self._progress(fiscal_year, index, now)
        )
        if index in _QUARTER_ENDS:
            self._publication("5.1.5", fiscal_year, as_of, self._at(following + dt.timedelta(days=7), 10, 0))
        if index == _SIX_MONTHS:
            reviewed = following + dt.timedelta(days=9)
            self._publication("5.1.4", fiscal_year, reviewed, self._at(reviewed, 10, 0))
            self._publication("5.1.7.1", fiscal_year, reviewed, self._at(reviewed, 11, 0))

    def _publication(self, code: str, fiscal_year: int, as_of: dt.date, at: dt.datetime) -> None:
        """Draft the records' snapshot at `at`, submit it 40 minutes later, approve it the next afternoon."""
        self._add(at, lambda now: self._draft(code, fiscal_year, as_of, now))
        self._add(at + dt.timedelta(minutes=40), lambda now: self._submit(code, now))
        approved = self._at(at.date() + dt.timedelta(days=1), 14, at.minute)
        self._add(approved, lambda now: self._approve(code, now))

    def play(self, now: dt.datetime) -> None:
        """Run the laid-out steps in time order, up to `now`: later steps have not happened yet."""
        for step in sorted(self._steps, key=lambda s: (s.at, s.order)):
            if step.at >= now:
                break
            step.run(step.at)

    # --- plans ---------------------------------------------------------------------------------------

    def _action_plan(self, fiscal_year: int, now: dt.datetime) -> None:
        unit = self.unit
        start, _end = fiscal_year_bounds(fiscal_year)
        plan = action_plan_save(
            actor=self.editor,
            organization=self.organization,
            fiscal_year=fiscal_year,
            title_th=f"แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {fiscal_year} {unit.name_th}",
            title_en=f"Action plan of the {unit.name_en}, fiscal year {fiscal_year - 543}",
            approved_on=start - dt.timedelta(days=12),
            now=now,
        )
        programmes: list[Programme] = [
            programme_save(actor=self.editor, plan=plan, name_th=name_th, name_en=name_en, now=now)
            for name_th, name_en in PROGRAMMES
        ]
        saved = []
        for position, project in enumerate(projects(unit, fiscal_year)):
            data = ProjectInput(
                name_th=project.name,
                budget=project.budget,
                start=month_of_fiscal_year(fiscal_year, project.start_month),
                end=last_day_of_month(month_of_fiscal_year(fiscal_year, project.end_month)),
                division=division_of(unit, position),
                budget_source=budget_source(fiscal_year),
                kpi=project.indicator,
                target=project.target,
            )
            programme = programmes[programme_of(position)]
            saved.append(project_save(actor=self.editor, programme=programme, data=data, now=now))
        self.projects[fiscal_year] = saved

    def _progress(self, fiscal_year: int, index: int, now: dt.datetime) -> None:
        month = month_of_fiscal_year(fiscal_year, index)
        for position, (stored, project) in enumerate(
            zip(self.projects[fiscal_year], projects(self.unit, fiscal_year), strict=True)
        ):
            reported = project_progress(self.unit, fiscal_year, project, position)[index - 1]
            data = ProgressInput(
                period=month,
                as_of=last_day_of_month(month),
                progress_percent=reported.percent,
                disbursed=reported.disbursed,
                status=reported.status,
                note_th=reported.note_th,
                note_en=reported.note_en,
            )
            progress_record(actor=self.editor, project=stored, data=data, now=now)

    # --- procurement ---------------------------------------------------------------------------------

    def _procurement_plan(self, fiscal_year: int, now: dt.datetime) -> None:
        plan = procurement_plan_save(
            actor=self.editor,
            organization=self.organization,
            fiscal_year=fiscal_year,
            announced_on=timezone.localdate(now, self.zone),
            note_th="ประกาศเผยแพร่ในระบบการจัดซื้อจัดจ้างภาครัฐ (e-GP) แล้ว",
            now=now,
        )
        lines = {}
        for procurement in procurements(self.unit, fiscal_year):
            data = PlanLineInput(
                name=procurement.name,
                budget=procurement.budget,
                method=METHOD_CODES[procurement.method],
                expected_month=month_of_fiscal_year(fiscal_year, procurement.planned_month),
                budget_source=budget_source(fiscal_year),
            )
            lines[procurement.name] = plan_line_save(actor=self.editor, plan=plan, data=data, now=now)
        self.lines[fiscal_year] = lines

    def _record(self, fiscal_year: int, month: dt.date, sequence: int, p: Procurement, now: dt.datetime) -> None:
        line = self.lines[fiscal_year].get(p.name) if p.planned_month else None
        winner, price = p.winner
        data = RecordInput(
            month=month,
            sequence=sequence,
            item=p.name,
            budget=p.budget,
            method=METHOD_CODES[p.method],
            reference_price=p.reference_price,
            method_detail=p.method,
            bids=tuple(BidInput(bidder=bidder, price=offered) for bidder, offered in p.bids),
            winner=winner,
            winner_price=price,
            reason=p.reason,
            contract_kind=contract_kind(p),
            contract_number=p.contract_no,
            contract_date=p.contract_date,
            egp_number=egp_number(self.unit, p),
            budget_source=budget_source(fiscal_year),
            status=record_status(p),
            plan_line_id=line.pk if line is not None else None,
        )
        record_save(actor=self.editor, organization=self.organization, data=data, now=now)

    def _close(self, month: dt.date, as_of: dt.date, now: dt.datetime) -> None:
        empty = not month_procurements(self.unit, month)
        note = f"ในเดือน{format_thai_month(month)} ไม่มีการจัดซื้อจัดจ้าง" if empty else ""
        month_close(actor=self.editor, organization=self.organization, month=month, as_of=as_of, note_th=note, now=now)
        self.outcome.months_closed += 1
        if empty:
            self.outcome.empty_months.append((self.unit.slug, month))

    # --- publication -------------------------------------------------------------------------------

    def _draft(self, code: str, fiscal_year: int, as_of: dt.date, now: dt.datetime) -> None:
        """Put the records' snapshot into a draft; a year's first one names the year's page and spreadsheet."""
        if (code, fiscal_year) not in self.pages_set:
            self._new_year_page(code, fiscal_year, as_of, now)
            self.pages_set.add((code, fiscal_year))
        if code in PLAN_CODES:
            version = plan_publish(
                actor=self.editor, organization=self.organization, fiscal_year=fiscal_year, code=code, as_of=as_of,
                now=now,
            )  # fmt: skip
        else:
            version = procurement_publish(
                actor=self.editor, organization=self.organization, fiscal_year=fiscal_year, code=code, as_of=as_of,
                now=now,
            )  # fmt: skip
        self.drafts[code] = version

    def _new_year_page(self, code: str, fiscal_year: int, as_of: dt.date, now: dt.datetime) -> None:
        entry = self.entries[code]
        attachments = list(self._attachments(code, as_of))
        content = DraftContent(url_th=self.unit.page(_PAGES[code].format(year=fiscal_year)), as_of=as_of)
        draft = version_save_draft(actor=self.editor, entry=entry, content=content, add_documents=attachments, now=now)
        if attachments:
            # Last year's spreadsheet, carried over from the published version, gives way to this year's.
            last_year = draft.documents.exclude(original_name__in=[a.upload.name for a in attachments])
            stale = list(last_year.values_list("pk", flat=True))
            if stale:
                version_save_draft(actor=self.editor, entry=entry, content=content, remove_document_ids=stale, now=now)

    def _attachments(self, code: str, as_of: dt.date) -> Iterable[NewDocument]:
        if code == "5.1.4":
            yield documents.action_plan_xlsx(self.unit, as_of)
        elif code == "5.1.7.1":
            yield documents.procurement_plan_xlsx(self.unit, as_of)

    def _submit(self, code: str, now: dt.datetime) -> None:
        self.drafts[code] = version_submit(actor=self.editor, version=self.drafts[code], now=now, notify=False)

    def _approve(self, code: str, now: dt.datetime) -> None:
        step = self.entries[code].item.review_step
        version_approve(
            actor=self.rng.choice(self.reviewers[step]),
            version=self.drafts.pop(code),
            verdicts=approve_verdicts(self.rng),
            now=now,
            notify=False,
        )
        self.outcome.versions_approved += 1


def demo_records_play(
    *, cast: Cast, users: dict[str, Any], organizations: dict[str, Organization], now: dt.datetime, seed: int
) -> RecordsOutcome:
    """Record and publish the RECORD_UNITS' plans, progress and procurement of last fiscal year and this one.

    Runs inside the demo's transaction, after the register histories (which leave these entries
    alone) and before the reporting rounds, whose unit reports take the plans' figures.
    """
    today = timezone.localdate(now)
    current = fiscal_year_of(today)
    outcome = RecordsOutcome(units=list(RECORD_UNITS), fiscal_years=[current - 1, current])
    specs = {unit.slug: unit for unit in ALL_ORGANIZATIONS}
    for slug in RECORD_UNITS:
        staff = cast.staff[slug]
        editor = users[staff.editor.username]
        reviewers = {
            step: [
                users[username]
                for username in cast.reviewers(slug, reviewer_role_for_step(step))
                if username != staff.editor.username
            ]
            for step in (1, 2)
        }
        records = _UnitRecords(specs[slug], organizations[slug], editor, reviewers, outcome, seed)
        for fiscal_year in outcome.fiscal_years:
            records.plan_year(fiscal_year, today)
        records.play(now)
    return outcome
