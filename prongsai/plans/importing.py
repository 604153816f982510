"""Import a unit's action plan and its progress from a workbook (our template or the unit's own), all or nothing.

The projects sheet gives programmes and their projects or activities; the progress sheet gives
each project's report of a month. Every row is checked with the same rules as the workspace forms
(plans/inputs.py) and against what the plan already holds; a file with any problem is refused
with every problem by sheet, row and column, in Thai and in English, and nothing is stored.

A project is known by its programme's name and its own (compared folded: spacing, Thai or
Arabic digits and letter case do not matter), a report by its project and month, so importing
the same file again changes nothing, and an amended file updates what it changes. Projects and
reports the file does not mention are kept. A column the sheet leaves out keeps what is stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from prongsai.audit.services import audit_record
from prongsai.money import MAX_AMOUNT
from prongsai.organizations.access import Capability, capability_require
from prongsai.organizations.models import Organization
from prongsai.thaidate import fiscal_year_bounds

from .cells import (
    Unreadable,
    cell_lines,
    cell_text,
    name_key,
    read_amount,
    read_date,
    read_kind,
    read_month,
    read_percent,
    read_status,
)
from .inputs import Problem, ProgressInput, ProjectInput, progress_problems, project_problems
from .models import ActionPlan, Programme, ProgressReport, ProgressStatus, Project
from .services import FISCAL_YEAR_FIRST, FISCAL_YEAR_LAST, period_problems
from .workbook import PROGRESS, PROJECTS, SheetProblem, SheetRows, column_letter, read_workbook

__all__ = ["ACTOR_LABEL", "PlanImportRejected", "PlanImportResult", "SheetProblem", "plan_import"]

ACTOR_LABEL = "manage.py plans import"
_T = TypeVar("_T")


class PlanImportRejected(Exception):
    """The workbook has problems; nothing was stored. `problems` lists every one, by sheet, row and column."""

    def __init__(self, problems: list[SheetProblem]) -> None:
        super().__init__("; ".join(p.text("en") for p in problems[:5]))
        self.problems = problems


@dataclass(frozen=True)
class PlanImportResult:
    plan: ActionPlan
    plan_created: bool
    rows: int
    programmes_created: int
    projects_created: int
    projects_updated: int
    projects_unchanged: int
    reports_created: int
    reports_updated: int
    reports_unchanged: int


@dataclass
class _ProjectRow:
    row: int
    programme: str
    data: ProjectInput
    given: frozenset[str]  # the optional columns the sheet has
    existing: Project | None = None

    @property
    def key(self) -> tuple[str, str]:
        return name_key(self.programme), name_key(self.data.name_th)


@dataclass
class _ProgressRow:
    row: int
    target: _ProjectRow | Project
    data: ProgressInput
    given: frozenset[str]


@dataclass
class _Stored:
    """What the plan holds before the import (three queries)."""

    programmes: dict[str, Programme] = field(default_factory=dict)
    projects: dict[tuple[str, str], Project] = field(default_factory=dict)
    reports: dict[int, dict[dt.date, ProgressReport]] = field(default_factory=dict)

    @classmethod
    def of(cls, plan: ActionPlan | None) -> _Stored:
        stored = cls()
        if plan is None:
            return stored
        programmes = {p.pk: p for p in Programme.objects.filter(plan=plan).order_by("position", "id")}
        stored.programmes = {name_key(p.name_th): p for p in programmes.values()}
        for project in Project.objects.filter(programme__plan=plan).order_by("position", "id"):
            programme = programmes[project.programme_id]
            project.programme = programme
            stored.projects[(name_key(programme.name_th), name_key(project.name_th))] = project
        for report in ProgressReport.objects.filter(project__programme__plan=plan):
            stored.reports.setdefault(report.project_id, {})[report.period] = report
        return stored


_REQUIRED = ("ต้องกรอกช่องนี้", "This cell must be filled in.")
_TEXT_LIMITS = {"name_en": 500, "budget_source": 200, "division": 300, "kpi": 500, "target": 200}


class _Row:
    """Reads one data row's cells, collecting a problem for each cell that cannot be read."""

    def __init__(self, sheet: SheetRows, number: int, values: dict[str, object]) -> None:
        self.sheet, self.number, self.values = sheet, number, values
        self.problems: list[SheetProblem] = []
        self.flagged: set[str] = set()

    def add(self, key: str | None, th: str, en: str) -> None:
        self.problems.append(self.sheet.problem(self.number, key, th, en))
        if key:
            self.flagged.add(key)

    def read(self, key: str, reader: Callable[[object], _T | None], *, required: bool = False) -> _T | None:
        try:
            value = reader(self.values.get(key))
        except Unreadable as error:
            self.add(key, error.th, error.en)
            return None
        if value is None and required:
            self.add(key, *_REQUIRED)
        return value

    def text(self, key: str, *, required: bool = False) -> str:
        value = cell_text(self.values.get(key))
        if required and not value:
            self.add(key, *_REQUIRED)
        limit = _TEXT_LIMITS.get(key)
        if limit is not None and len(value) > limit:
            self.add(key, f"ข้อความยาวเกิน {limit} ตัวอักษร", f"The text is longer than {limit} characters.")
        return value

    def in_column_order(self) -> list[SheetProblem]:
        """Return the row's problems from left to right (those of the whole row first)."""
        place = {column_letter(index): index for index in self.sheet.columns.values()}
        return sorted(self.problems, key=lambda p: place.get(p.column or "", -1))

    def checks(self, problems: list[Problem]) -> None:
        """Add the input checks' problems, leaving out those of cells already reported as unreadable or empty."""
        for problem in problems:
            if problem.field not in self.flagged:
                self.add(problem.field, problem.th, problem.en)


def _project_rows(sheet: SheetRows, fiscal_year: int) -> tuple[list[_ProjectRow], list[SheetProblem]]:
    first, last = fiscal_year_bounds(fiscal_year)
    given = frozenset(sheet.columns)
    rows: list[_ProjectRow] = []
    problems: list[SheetProblem] = []
    seen: dict[tuple[str, str], int] = {}
    for number, values in sheet.rows:
        row = _Row(sheet, number, values)
        programme = row.text("programme", required=True)
        if len(programme) > 500:
            row.add("programme", "ชื่อยาวเกิน 500 ตัวอักษร", "The name is longer than 500 characters.")
        kind = row.read("kind", read_kind) or Project.Kind.PROJECT
        name_th = row.text("name_th", required=True)
        budget = row.read("budget", read_amount, required=True)
        start = row.read("start", read_date, required=True)
        end = row.read("end", read_date, required=True)
        data = ProjectInput(
            name_th=name_th,
            name_en=row.text("name_en"),
            kind=kind,
            budget=budget,
            budget_source=row.text("budget_source"),
            # A date that could not be read is reported once; the plan's bounds stand in for the other checks.
            start=start or first,
            end=end or last,
            division=row.text("division", required=True),
            kpi=row.text("kpi"),
            target=row.text("target"),
        )
        if "start" in row.flagged or "end" in row.flagged:
            row.flagged |= {"start", "end"}
        row.checks(project_problems(data, fiscal_year=fiscal_year))
        parsed = _ProjectRow(number, programme, data, given)
        if programme and name_th:
            earlier = seen.get(parsed.key)
            if earlier is not None:
                row.add(
                    "name_th",
                    f"โครงการ/กิจกรรมนี้ซ้ำกับแถว {earlier} (แผนงานและชื่อเดียวกัน)",
                    f"This project repeats row {earlier} (the same programme and name).",
                )
            else:
                seen[parsed.key] = number
        problems.extend(row.in_column_order())
        rows.append(parsed)
    return rows, problems


def _progress_rows(
    sheet: SheetRows,
    fiscal_year: int,
    projects: list[_ProjectRow],
    stored: _Stored,
    today: dt.date,
) -> tuple[list[_ProgressRow], list[SheetProblem]]:
    first, _last = fiscal_year_bounds(fiscal_year)
    given = frozenset(sheet.columns)
    by_key: dict[tuple[str, str], _ProjectRow | Project] = dict(stored.projects)
    for project in reversed(projects):  # a repeated row is refused; reports go to the first
        by_key[project.key] = project
    by_name: dict[str, list[_ProjectRow | Project]] = {}
    for (_programme, name), known in by_key.items():
        by_name.setdefault(name, []).append(known)
    rows: list[_ProgressRow] = []
    problems: list[SheetProblem] = []
    seen: dict[tuple[int, dt.date], int] = {}
    for number, values in sheet.rows:
        row = _Row(sheet, number, values)
        programme = row.text("programme")
        name = row.text("project", required=True)
        target: _ProjectRow | Project | None = None
        if name and programme:
            target = by_key.get((name_key(programme), name_key(name)))
            if target is None:
                row.add(
                    "project",
                    "ไม่พบโครงการ/กิจกรรมนี้ในแผนงานที่ระบุ ทั้งในแผ่นงานโครงการและในแผนที่บันทึกไว้",
                    "No project of this name in the given programme, in the projects sheet or in the stored plan.",
                )
        elif name:
            candidates = by_name.get(name_key(name), [])
            if len(candidates) == 1:
                target = candidates[0]
            elif candidates:
                row.add(
                    "project",
                    "มีโครงการ/กิจกรรมชื่อนี้หลายแผนงาน ให้ระบุแผนงาน",
                    "Several programmes have a project of this name: give the programme.",
                )
            else:
                row.add(
                    "project",
                    "ไม่พบโครงการ/กิจกรรมนี้ ทั้งในแผ่นงานโครงการและในแผนที่บันทึกไว้",
                    "No project of this name, in the projects sheet or in the stored plan.",
                )
        period = row.read("period", lambda value: read_month(value, fiscal_year=fiscal_year), required=True)
        as_of = row.read("as_of", read_date, required=True)
        percent = row.read("progress_percent", read_percent, required=True)
        disbursed = row.read("disbursed", read_amount, required=True)
        status = row.read("status", read_status, required=True)
        # Cells that could not be read are reported once; stand-ins let the other checks run.
        stand_in_period = period or (as_of.replace(day=1) if as_of else first)
        data = ProgressInput(
            period=stand_in_period,
            as_of=as_of or stand_in_period,
            progress_percent=percent if percent is not None else Decimal(0),
            disbursed=disbursed if disbursed is not None else Decimal(0),
            status=status or ProgressStatus.ON_SCHEDULE,
            note_th=cell_lines(values.get("note_th")),
            note_en=cell_lines(values.get("note_en")),
        )
        budget = MAX_AMOUNT
        if isinstance(target, Project):
            budget = target.budget
        elif target is not None and target.data.budget is not None:
            budget = target.data.budget
        if "period" in row.flagged:
            row.flagged.add("as_of")
        row.checks(progress_problems(data, budget=budget, today=today))
        if period is not None:
            row.checks(period_problems(period, fiscal_year=fiscal_year))
        if target is not None and period is not None:
            earlier = seen.get((id(target), period))
            if earlier is not None:
                row.add(
                    "period",
                    f"รายงานเดือนนี้ของโครงการนี้ซ้ำกับแถว {earlier}",
                    f"This project's report of this month repeats row {earlier}.",
                )
            else:
                seen[(id(target), period)] = number
        problems.extend(row.in_column_order())
        if target is not None:
            rows.append(_ProgressRow(number, target, data, given))
    return rows, problems


def _budget_problems(
    sheet: SheetRows | None, projects: list[_ProjectRow], progress: list[_ProgressRow], stored: _Stored
) -> list[SheetProblem]:
    """Refuse a new budget below what a stored report the file keeps says was disbursed."""
    if sheet is None:
        return []
    replaced = {(id(p.target), p.data.period) for p in progress}
    problems: list[SheetProblem] = []
    for row in projects:
        existing = stored.projects.get(row.key)
        if existing is None or row.data.budget is None:
            continue
        kept = [
            report.disbursed
            for period, report in stored.reports.get(existing.pk, {}).items()
            if (id(row), period) not in replaced and (id(existing), period) not in replaced
        ]
        if kept and max(kept) > row.data.budget:
            problems.append(
                sheet.problem(
                    row.row,
                    "budget",
                    "งบประมาณต้องไม่น้อยกว่าผลการเบิกจ่ายที่รายงานไว้แล้ว",
                    "The budget cannot be less than the amount already reported as disbursed.",
                )
            )
    return problems


def _project_fields(row: _ProjectRow) -> dict[str, Any]:
    data = row.data
    fields: dict[str, Any] = {
        "name_th": data.name_th,
        "budget": data.budget,
        "start": data.start,
        "end": data.end,
        "division": data.division,
    }
    for key in ("kind", "name_en", "budget_source", "kpi", "target"):
        if key in row.given:
            fields[key] = getattr(data, key)
    return fields


def _report_fields(row: _ProgressRow) -> dict[str, Any]:
    data = row.data
    fields: dict[str, Any] = {
        "as_of": data.as_of,
        "progress_percent": data.progress_percent,
        "disbursed": data.disbursed,
        "status": data.status,
    }
    for key in ("note_th", "note_en"):
        if key in row.given:
            fields[key] = getattr(data, key)
    return fields


def _changed(instance: Any, fields: dict[str, Any]) -> bool:
    return any(getattr(instance, name) != value for name, value in fields.items())


def _require(actor: Any, organization: Organization) -> None:
    if actor is not None:  # None: the operator's command
        capability_require(actor, Capability.EDIT, organization.pk)


def plan_import(
    *,
    actor: Any,
    organization: Organization,
    fiscal_year: int,
    content: bytes,
    filename: str,
    now: dt.datetime | None = None,
) -> PlanImportResult:
    """Import the unit's plan of a fiscal year (BE) and its progress from an XLSX workbook, all or nothing.

    Raises PlanImportRejected with every problem by sheet, row and column when anything is wrong;
    then nothing is stored. An actor of None is the operator at `manage.py plans import`.
    """
    now = now or timezone.now()
    _require(actor, organization)
    if not FISCAL_YEAR_FIRST <= fiscal_year <= FISCAL_YEAR_LAST:
        raise PlanImportRejected(
            [
                SheetProblem(
                    "",
                    None,
                    None,
                    "",
                    f"ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง {FISCAL_YEAR_FIRST} ถึง {FISCAL_YEAR_LAST}",
                    f"The fiscal year must be a Buddhist-era year from {FISCAL_YEAR_FIRST} to {FISCAL_YEAR_LAST}.",
                )
            ]
        )
    sheets, problems = read_workbook(content)
    if problems:
        raise PlanImportRejected(problems)
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().filter(organization=organization, fiscal_year=fiscal_year).first()
        stored = _Stored.of(plan)
        projects_sheet, progress_sheet = sheets.get(PROJECTS.key), sheets.get(PROGRESS.key)
        projects: list[_ProjectRow] = []
        progress: list[_ProgressRow] = []
        if projects_sheet is not None:
            projects, found = _project_rows(projects_sheet, fiscal_year)
            problems += found
        if progress_sheet is not None:
            progress, found = _progress_rows(progress_sheet, fiscal_year, projects, stored, timezone.localdate(now))
            problems += found
        problems += _budget_problems(projects_sheet, projects, progress, stored)
        if problems:
            raise PlanImportRejected(problems)
        return _write(
            actor=actor,
            organization=organization,
            fiscal_year=fiscal_year,
            plan=plan,
            stored=stored,
            projects=projects,
            progress=progress,
            content=content,
            filename=filename,
            now=now,
        )


def _write(
    *,
    actor: Any,
    organization: Organization,
    fiscal_year: int,
    plan: ActionPlan | None,
    stored: _Stored,
    projects: list[_ProjectRow],
    progress: list[_ProgressRow],
    content: bytes,
    filename: str,
    now: dt.datetime,
) -> PlanImportResult:
    plan_created = plan is None
    if plan is None:
        plan = ActionPlan.objects.create(
            organization=organization,
            fiscal_year=fiscal_year,
            title_th=f"แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {fiscal_year}",
            title_en=f"Annual action plan, fiscal year {fiscal_year}",
            created_at=now,
            updated_at=now,
        )
    else:
        ActionPlan.objects.filter(pk=plan.pk).update(updated_at=now)
    # Programmes the file names first, in the order it names them, after those the plan has.
    next_programme = (Programme.objects.filter(plan=plan).aggregate(last=Max("position"))["last"] or 0) + 1
    programmes = dict(stored.programmes)
    new_programmes: list[Programme] = []
    for row in projects:
        key = name_key(row.programme)
        if key not in programmes:
            programmes[key] = Programme(plan=plan, position=next_programme, name_th=row.programme)
            new_programmes.append(programmes[key])
            next_programme += 1
    Programme.objects.bulk_create(new_programmes)
    # Projects: the stored ones the file names are updated, the others added at the end of their programme.
    next_position: dict[int, int] = {
        row["programme"]: row["last"] + 1
        for row in Project.objects.filter(programme__plan=plan).values("programme").annotate(last=Max("position"))
    }
    created: list[Project] = []
    updated: list[Project] = []
    update_fields: set[str] = set()
    unchanged_projects = 0
    for row in projects:
        programme = programmes[name_key(row.programme)]
        fields = _project_fields(row)
        existing = stored.projects.get(row.key)
        if existing is None:
            position = next_position.get(programme.pk, 1)
            next_position[programme.pk] = position + 1
            project = Project(programme=programme, position=position, **fields)
            created.append(project)
            row.existing = project
        elif _changed(existing, fields):
            for name, value in fields.items():
                setattr(existing, name, value)
            update_fields |= set(fields)
            updated.append(existing)
            row.existing = existing
        else:
            unchanged_projects += 1
            row.existing = existing
    Project.objects.bulk_create(created)
    if updated:
        Project.objects.bulk_update(updated, sorted(update_fields))
    # Reports: one per project and month, replaced when the file says something else.
    recorder = actor if getattr(actor, "pk", None) is not None else None
    new_reports: list[ProgressReport] = []
    changed_reports: list[ProgressReport] = []
    report_fields: set[str] = {"recorded_by", "recorded_at"}
    unchanged_reports = 0
    for entry in progress:
        written = entry.target if isinstance(entry.target, Project) else entry.target.existing
        assert written is not None  # every project row was written above
        project = written
        fields = _report_fields(entry)
        report = stored.reports.get(project.pk, {}).get(entry.data.period) if project.pk else None
        if report is None:
            new_reports.append(
                ProgressReport(
                    project=project, period=entry.data.period, recorded_by=recorder, recorded_at=now, **fields
                )
            )
        elif _changed(report, fields):
            for name, value in fields.items():
                setattr(report, name, value)
            report.recorded_by, report.recorded_at = recorder, now
            report_fields |= set(fields)
            changed_reports.append(report)
        else:
            unchanged_reports += 1
    ProgressReport.objects.bulk_create(new_reports)
    if changed_reports:
        ProgressReport.objects.bulk_update(changed_reports, sorted(report_fields))
    result = PlanImportResult(
        plan=plan,
        plan_created=plan_created,
        rows=len(projects) + len(progress),
        programmes_created=len(new_programmes),
        projects_created=len(created),
        projects_updated=len(updated),
        projects_unchanged=unchanged_projects,
        reports_created=len(new_reports),
        reports_updated=len(changed_reports),
        reports_unchanged=unchanged_reports,
    )
    counts = {f.name: getattr(result, f.name) for f in dataclasses.fields(result) if f.name != "plan"}
    audit_record(
        actor=actor,
        action="plan.import",
        target=plan,
        organization_id=organization.pk,
        data={
            "unit": organization.slug,
            "fiscal_year": fiscal_year,
            "filename": filename,
            "sha256": hashlib.sha256(content).hexdigest(),
            **counts,
        },
        actor_label=ACTOR_LABEL if actor is None else None,
        now=now,
    )
    return result
