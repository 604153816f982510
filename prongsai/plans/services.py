"""Writes to action plans (5.1.4) and their progress (5.1.5): plans, programmes, projects, progress reports.

Each service checks that the actor may edit the plan's unit (an actor of None is the operator at a
management command: no check), validates the whole input and refuses it with every problem
(InvalidInput), writes in one transaction and records the audit event inside it. Programmes and
projects keep their positions 1, 2, 3… in order: a new one goes last, a deleted one closes the gap.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from prongsai.audit.services import audit_record
from prongsai.organizations.access import Capability, capability_require
from prongsai.organizations.models import Organization
from prongsai.thaidate import fiscal_year_bounds
from prongsai.thaitext import normalize_thai, normalize_thai_lines

from .cells import name_key
from .inputs import InvalidInput, Problem, ProgressInput, ProjectInput, progress_problems, project_problems
from .models import ActionPlan, Programme, ProgressReport, Project

__all__ = [
    "action_plan_delete",
    "action_plan_save",
    "plan_problems",
    "programme_delete",
    "programme_move",
    "programme_save",
    "progress_delete",
    "progress_record",
    "project_delete",
    "project_move",
    "project_save",
]

FISCAL_YEAR_FIRST = 2500
FISCAL_YEAR_LAST = 2700
_NAME_LIMIT = 500


def _require(actor: Any, organization_id: int) -> None:
    """Refuse an actor who may not edit the unit's plans; None (a management command) may."""
    if actor is not None:
        capability_require(actor, Capability.EDIT, organization_id)


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _plan_data(plan: ActionPlan, **extra: Any) -> dict[str, Any]:
    return {"unit": plan.organization.slug, "fiscal_year": plan.fiscal_year, **extra}


def plan_problems(
    *, fiscal_year: int, title_th: str, title_en: str, approved_on: dt.date | None, today: dt.date
) -> list[Problem]:
    """Return every problem of a plan's heading: a Buddhist-era fiscal year, a Thai title, a past approval date."""
    problems: list[Problem] = []
    if not FISCAL_YEAR_FIRST <= fiscal_year <= FISCAL_YEAR_LAST:
        problems.append(
            Problem(
                "fiscal_year",
                f"ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง {FISCAL_YEAR_FIRST} ถึง {FISCAL_YEAR_LAST}",
                f"The fiscal year must be a Buddhist-era year from {FISCAL_YEAR_FIRST} to {FISCAL_YEAR_LAST}.",
            )
        )
    if not title_th.strip():
        problems.append(Problem("title_th", "ต้องระบุชื่อแผน", "The plan's Thai title is required."))
    if len(title_th) > _NAME_LIMIT or len(title_en) > _NAME_LIMIT:
        problems.append(Problem("title_th", "ชื่อยาวเกิน 500 ตัวอักษร", "The title is longer than 500 characters."))
    if approved_on is not None and approved_on > today:
        problems.append(Problem("approved_on", "วันที่อนุมัติต้องไม่อยู่ในอนาคต", "The approval date cannot be in the future."))
    return problems


@transaction.atomic
def action_plan_save(
    *,
    actor: Any,
    organization: Organization,
    fiscal_year: int,
    title_th: str,
    title_en: str = "",
    approved_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> ActionPlan:
    """Create the unit's action plan of a fiscal year (BE), or update its title and approval date."""
    now = _now(now)
    _require(actor, organization.pk)
    title_th, title_en = normalize_thai(title_th), normalize_thai(title_en)
    problems = plan_problems(
        fiscal_year=fiscal_year,
        title_th=title_th,
        title_en=title_en,
        approved_on=approved_on,
        today=timezone.localdate(now),
    )
    if problems:
        raise InvalidInput(problems)
    plan = ActionPlan.objects.select_for_update().filter(organization=organization, fiscal_year=fiscal_year).first()
    created = plan is None
    if plan is None:
        plan = ActionPlan(organization=organization, fiscal_year=fiscal_year, created_at=now)
    plan.title_th, plan.title_en, plan.approved_on, plan.updated_at = title_th, title_en, approved_on, now
    plan.save()
    audit_record(
        actor=actor,
        action="plan.save",
        target=plan,
        organization_id=organization.pk,
        data=_plan_data(
            plan, created=created, title_th=title_th, approved_on=approved_on.isoformat() if approved_on else None
        ),
        now=now,
    )
    return plan


@transaction.atomic
def action_plan_delete(*, actor: Any, plan: ActionPlan, now: dt.datetime | None = None) -> None:
    """Delete a plan with its programmes, projects and progress reports (a plan started by mistake)."""
    now = _now(now)
    _require(actor, plan.organization_id)
    counts = {
        "programmes": plan.programmes.count(),
        "projects": Project.objects.filter(programme__plan=plan).count(),
    }
    audit_record(
        actor=actor,
        action="plan.delete",
        target=plan,
        organization_id=plan.organization_id,
        data=_plan_data(plan, **counts),
        now=now,
    )
    plan.delete()


def _touch(plan: ActionPlan, now: dt.datetime) -> None:
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=now)


def _renumber(rows: QuerySet[Any]) -> None:
    """Give the rows positions 1, 2, 3… in their current order, writing only those that change."""
    for position, row in enumerate(rows, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])


def _name_taken(names: QuerySet[Any], name_th: str) -> bool:
    """Tell whether a sibling already has this Thai name, compared as the import compares keys."""
    wanted = name_key(name_th)
    return any(name_key(name) == wanted for name in names.values_list("name_th", flat=True))


@transaction.atomic
def programme_save(
    *,
    actor: Any,
    plan: ActionPlan,
    name_th: str,
    name_en: str = "",
    programme: Programme | None = None,
    now: dt.datetime | None = None,
) -> Programme:
    """Add a programme (แผนงาน) at the end of the plan, or rename one; names are unique within the plan."""
    now = _now(now)
    _require(actor, plan.organization_id)
    if programme is not None and programme.plan_id != plan.pk:
        raise ValueError("The programme belongs to another plan.")
    name_th, name_en = normalize_thai(name_th), normalize_thai(name_en)
    problems: list[Problem] = []
    if not name_th:
        problems.append(Problem("name_th", "ต้องระบุชื่อแผนงาน", "The programme's Thai name is required."))
    if len(name_th) > _NAME_LIMIT or len(name_en) > _NAME_LIMIT:
        problems.append(Problem("name_th", "ชื่อยาวเกิน 500 ตัวอักษร", "The name is longer than 500 characters."))
    siblings = Programme.objects.filter(plan=plan)
    if programme is not None:
        siblings = siblings.exclude(pk=programme.pk)
    if name_th and _name_taken(siblings, name_th):
        problems.append(Problem("name_th", "มีแผนงานชื่อนี้ในแผนแล้ว", "The plan already has a programme of this name."))
    if problems:
        raise InvalidInput(problems)
    created = programme is None
    if programme is None:
        last = Programme.objects.filter(plan=plan).aggregate(last=Max("position"))["last"] or 0
        programme = Programme(plan=plan, position=last + 1)
    programme.name_th, programme.name_en = name_th, name_en
    programme.save()
    _touch(plan, now)
    audit_record(
        actor=actor,
        action="plan.programme_save",
        target=programme,
        organization_id=plan.organization_id,
        data=_plan_data(plan, created=created, programme=name_th, position=programme.position),
        now=now,
    )
    return programme


@transaction.atomic
def programme_delete(*, actor: Any, programme: Programme, now: dt.datetime | None = None) -> None:
    """Delete a programme with its projects and their progress; the programmes after it move up."""
    now = _now(now)
    plan = programme.plan
    _require(actor, plan.organization_id)
    projects = programme.projects.count()
    audit_record(
        actor=actor,
        action="plan.programme_delete",
        target=programme,
        organization_id=plan.organization_id,
        data=_plan_data(plan, programme=programme.name_th, projects=projects),
        now=now,
    )
    programme.delete()
    _renumber(Programme.objects.filter(plan=plan).order_by("position", "id"))
    _touch(plan, now)


def _swap(rows: list[Any], row: Any, offset: int) -> bool:
    """Swap the row with its neighbour `offset` (-1 up, +1 down) and renumber; False at either end."""
    index = next(i for i, candidate in enumerate(rows) if candidate.pk == row.pk)
    other = index + offset
    if offset not in (-1, 1) or not 0 <= other < len(rows):
        return False
    rows[index], rows[other] = rows[other], rows[index]
    for position, candidate in enumerate(rows, start=1):
        if candidate.position != position:
            candidate.position = position
            candidate.save(update_fields=["position"])
    return True


@transaction.atomic
def programme_move(*, actor: Any, programme: Programme, offset: int, now: dt.datetime | None = None) -> bool:
    """Move a programme one place up (offset -1) or down (+1); False when it is already at that end."""
    now = _now(now)
    plan = programme.plan
    _require(actor, plan.organization_id)
    rows = list(Programme.objects.select_for_update().filter(plan=plan).order_by("position", "id"))
    moved = _swap(rows, programme, offset)
    if moved:
        _touch(plan, now)
        audit_record(
            actor=actor,
            action="plan.programme_move",
            target=programme,
            organization_id=plan.organization_id,
            data=_plan_data(plan, programme=programme.name_th, offset=offset),
            now=now,
        )
    return moved


def _clean_project(data: ProjectInput) -> ProjectInput:
    """Return the input with its texts in the project's one normalisation."""
    return dataclasses.replace(
        data,
        name_th=normalize_thai(data.name_th),
        name_en=normalize_thai(data.name_en),
        budget_source=normalize_thai(data.budget_source),
        division=normalize_thai(data.division),
        kpi=normalize_thai(data.kpi),
        target=normalize_thai(data.target),
    )


def _project_fields(data: ProjectInput) -> dict[str, Any]:
    return {
        "kind": data.kind,
        "name_th": data.name_th,
        "name_en": data.name_en,
        "budget": data.budget,
        "budget_source": data.budget_source,
        "start": data.start,
        "end": data.end,
        "division": data.division,
        "kpi": data.kpi,
        "target": data.target,
    }


@transaction.atomic
def project_save(
    *,
    actor: Any,
    programme: Programme,
    data: ProjectInput,
    project: Project | None = None,
    now: dt.datetime | None = None,
) -> Project:
    """Add a project or activity at the end of a programme, or change one (moving it to `programme` if needed).

    Refused with every problem: those of `project_problems` for the plan's fiscal year, a name the
    programme already has, and a budget below what the project's reports say was disbursed.
    """
    now = _now(now)
    plan = programme.plan
    _require(actor, plan.organization_id)
    if project is not None and project.programme.plan_id != plan.pk:
        raise ValueError("The project belongs to another plan.")
    data = _clean_project(data)
    problems = project_problems(data, fiscal_year=plan.fiscal_year)
    siblings = Project.objects.filter(programme=programme)
    if project is not None:
        siblings = siblings.exclude(pk=project.pk)
    if data.name_th and _name_taken(siblings, data.name_th):
        problems.append(
            Problem(
                "name_th",
                "มีโครงการ/กิจกรรมชื่อนี้ในแผนงานนี้แล้ว",
                "The programme already has a project or activity of this name.",
            )
        )
    if project is not None and data.budget is not None:
        spent = project.progress.aggregate(most=Max("disbursed"))["most"]
        if spent is not None and spent > data.budget:
            problems.append(
                Problem(
                    "budget",
                    "งบประมาณต้องไม่น้อยกว่าผลการเบิกจ่ายที่รายงานไว้แล้ว",
                    "The budget cannot be less than the amount already reported as disbursed.",
                )
            )
    if problems:
        raise InvalidInput(problems)
    created = project is None
    old_programme: Programme | None = None
    if project is None:
        project = Project(programme=programme)
    elif project.programme_id != programme.pk:
        old_programme = project.programme
    if created or old_programme is not None:
        last = Project.objects.filter(programme=programme).aggregate(last=Max("position"))["last"] or 0
        project.programme, project.position = programme, last + 1
    for name, value in _project_fields(data).items():
        setattr(project, name, value)
    project.save()
    if old_programme is not None:
        _renumber(Project.objects.filter(programme=old_programme).order_by("position", "id"))
    _touch(plan, now)
    audit_record(
        actor=actor,
        action="plan.project_save",
        target=project,
        organization_id=plan.organization_id,
        data=_plan_data(
            plan,
            created=created,
            programme=programme.name_th,
            project=data.name_th,
            budget=str(project.budget),
            moved_from=old_programme.name_th if old_programme is not None else None,
        ),
        now=now,
    )
    return project


@transaction.atomic
def project_delete(*, actor: Any, project: Project, now: dt.datetime | None = None) -> None:
    """Delete a project or activity with its progress reports; the projects after it move up."""
    now = _now(now)
    programme = project.programme
    plan = programme.plan
    _require(actor, plan.organization_id)
    audit_record(
        actor=actor,
        action="plan.project_delete",
        target=project,
        organization_id=plan.organization_id,
        data=_plan_data(plan, programme=programme.name_th, project=project.name_th, reports=project.progress.count()),
        now=now,
    )
    project.delete()
    _renumber(Project.objects.filter(programme=programme).order_by("position", "id"))
    _touch(plan, now)


@transaction.atomic
def project_move(*, actor: Any, project: Project, offset: int, now: dt.datetime | None = None) -> bool:
    """Move a project one place up (offset -1) or down (+1) within its programme; False at that end."""
    now = _now(now)
    plan = project.programme.plan
    _require(actor, plan.organization_id)
    rows = list(
        Project.objects.select_for_update().filter(programme_id=project.programme_id).order_by("position", "id")
    )
    moved = _swap(rows, project, offset)
    if moved:
        _touch(plan, now)
        audit_record(
            actor=actor,
            action="plan.project_move",
            target=project,
            organization_id=plan.organization_id,
            data=_plan_data(plan, project=project.name_th, offset=offset),
            now=now,
        )
    return moved


def period_problems(period: dt.date, *, fiscal_year: int) -> list[Problem]:
    """Return the problem of a reporting month outside the plan's fiscal year (October to September)."""
    first, last = fiscal_year_bounds(fiscal_year)
    if first <= period <= last:
        return []
    return [
        Problem(
            "period",
            f"เดือนที่รายงานต้องอยู่ในปีงบประมาณ {fiscal_year}",
            f"The reporting month must be in fiscal year {fiscal_year}.",
        )
    ]


@transaction.atomic
def progress_record(
    *, actor: Any, project: Project, data: ProgressInput, now: dt.datetime | None = None
) -> ProgressReport:
    """Record a project's progress in a month, replacing the report of that month if there is one.

    Refused with every problem of `progress_problems` (today is `now`'s day in Bangkok) and a month
    outside the plan's fiscal year.
    """
    now = _now(now)
    plan = project.programme.plan
    _require(actor, plan.organization_id)
    data = dataclasses.replace(
        data, note_th=normalize_thai_lines(data.note_th), note_en=normalize_thai_lines(data.note_en)
    )
    problems = progress_problems(data, budget=project.budget, today=timezone.localdate(now))
    problems += period_problems(data.period, fiscal_year=plan.fiscal_year)
    if problems:
        raise InvalidInput(problems)
    assert data.progress_percent is not None  # checked above
    assert data.disbursed is not None
    report = ProgressReport.objects.select_for_update().filter(project=project, period=data.period).first()
    created = report is None
    if report is None:
        report = ProgressReport(project=project, period=data.period)
    report.as_of, report.status = data.as_of, data.status
    report.progress_percent, report.disbursed = data.progress_percent, data.disbursed
    report.note_th, report.note_en = data.note_th, data.note_en
    report.recorded_by = actor if getattr(actor, "pk", None) is not None else None
    report.recorded_at = now
    report.save()
    _touch(plan, now)
    audit_record(
        actor=actor,
        action="plan.progress_record",
        target=report,
        organization_id=plan.organization_id,
        data=_plan_data(
            plan,
            created=created,
            project=project.name_th,
            period=data.period.strftime("%Y-%m"),
            as_of=data.as_of.isoformat(),
            progress_percent=str(data.progress_percent),
            disbursed=str(data.disbursed),
            status=data.status,
        ),
        now=now,
    )
    return report


@transaction.atomic
def progress_delete(*, actor: Any, report: ProgressReport, now: dt.datetime | None = None) -> None:
    """Delete a progress report entered for the wrong month."""
    now = _now(now)
    project = report.project
    plan = project.programme.plan
    _require(actor, plan.organization_id)
    audit_record(
        actor=actor,
        action="plan.progress_delete",
        target=report,
        organization_id=plan.organization_id,
        data=_plan_data(plan, project=project.name_th, period=report.period.strftime("%Y-%m")),
        now=now,
    )
    report.delete()
    _touch(plan, now)
