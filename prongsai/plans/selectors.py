"""Reads of action plans (5.1.4) and their progress (5.1.5), with the roll-ups computed from the reports.

Every selector costs a fixed number of queries whatever the size of the plan: a plan's programmes,
its projects and their reports are three queries; a unit's plan figures for the unit report one.
The figures come from plans/rollup.py, so the pages, the unit report and the published snapshots
add up the same way.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Sum

from prongsai.money import ZERO
from prongsai.organizations.models import Organization

from .models import ActionPlan, Programme, ProgressReport, Project
from .rollup import Figures, ProjectFacts, Report, latest_report, roll_up, round_cutoffs

__all__ = [
    "PlanFigures",
    "PlanOverview",
    "PlanRow",
    "ProgrammeOverview",
    "ProjectLine",
    "RoundFigures",
    "UnitPlanFigures",
    "figures_of",
    "plan_figures",
    "plan_for",
    "plan_list",
    "plan_overview",
    "plan_projects",
    "project_facts",
    "project_for",
    "report_facts",
    "unit_plan_figures",
]


@dataclass(frozen=True)
class PlanRow:
    """A plan in the unit's list: its year and title, with how many programmes and projects and their budget."""

    plan: ActionPlan
    programmes: int
    projects: int
    budget: Decimal


@dataclass(frozen=True)
class RoundFigures:
    """A reporting round's figure of the plan: computed at its cut-off, or None before the cut-off is reached."""

    kind: str  # "6" or "12"
    cutoff: dt.date
    figures: Figures | None


@dataclass(frozen=True)
class PlanFigures:
    """A plan's roll-ups as of a date: each programme's, the whole plan's, and its rounds' (6 and 12 months)."""

    as_of: dt.date
    programmes: list[tuple[Programme, Figures]]
    total: Figures
    rounds: list[RoundFigures]


@dataclass(frozen=True)
class ProjectLine:
    """A project as the plan's table shows it: the report in force on the as-of date (None: not reported)."""

    project: Project
    latest: ProgressReport | None


@dataclass(frozen=True)
class ProgrammeOverview:
    programme: Programme
    lines: list[ProjectLine]
    figures: Figures


@dataclass(frozen=True)
class PlanOverview:
    """Everything the plan's page shows: programmes with their projects' lines and figures, the plan's figures."""

    plan: ActionPlan
    as_of: dt.date
    programmes: list[ProgrammeOverview]
    total: Figures
    rounds: list[RoundFigures]


@dataclass(frozen=True)
class UnitPlanFigures:
    """A unit's plan of a fiscal year rolled up at a cut-off, for the unit report of a round."""

    fiscal_year: int
    title_th: str
    title_en: str
    as_of: dt.date
    figures: Figures


def plan_for(*, organization: Organization, fiscal_year: int) -> ActionPlan | None:
    """Return the unit's action plan of the fiscal year (BE), or None (one query)."""
    return ActionPlan.objects.filter(organization=organization, fiscal_year=fiscal_year).first()


def plan_list(*, organization: Organization) -> list[PlanRow]:
    """List the unit's plans, newest fiscal year first, with their counts and total budget (one query)."""
    plans = (
        ActionPlan.objects.filter(organization=organization)
        .annotate(
            programme_count=Count("programmes", distinct=True),
            project_count=Count("programmes__projects"),
            budget_total=Sum("programmes__projects__budget"),
        )
        .order_by("-fiscal_year")
    )
    return [
        PlanRow(
            plan=plan,
            programmes=plan.programme_count,
            projects=plan.project_count,
            budget=plan.budget_total if plan.budget_total is not None else ZERO,
        )
        for plan in plans
    ]


def project_for(*, plan: ActionPlan, pk: int) -> Project | None:
    """Return a project of the plan with its programme, or None when the plan has no such project (one query)."""
    return Project.objects.select_related("programme").filter(programme__plan=plan, pk=pk).first()


def plan_projects(*, plan: ActionPlan) -> list[tuple[Programme, list[Project]]]:
    """Return the plan's programmes in order, each with its projects in order and their reports by period.

    Three queries whatever the size of the plan: programmes, projects, reports.
    """
    programmes = list(Programme.objects.filter(plan=plan).order_by("position", "id"))
    projects = Project.objects.filter(programme__plan=plan).order_by("position", "id")
    reports = Prefetch("progress", queryset=ProgressReport.objects.order_by("period"))
    by_programme: dict[int, list[Project]] = defaultdict(list)
    for project in projects.prefetch_related(reports):
        by_programme[project.programme_id].append(project)
    return [(programme, by_programme.get(programme.pk, [])) for programme in programmes]


def report_facts(report: ProgressReport) -> Report:
    """Return a stored progress report as the roll-up reads it."""
    return Report(
        period=report.period,
        as_of=report.as_of,
        progress_percent=report.progress_percent,
        disbursed=report.disbursed,
        status=report.status,
    )


def project_facts(project: Project) -> ProjectFacts:
    """Return a project (its reports prefetched) as the roll-up reads it."""
    return ProjectFacts(budget=project.budget, reports=[report_facts(r) for r in project.progress.all()])


def _rounds(facts: list[ProjectFacts], fiscal_year: int, as_of: dt.date) -> list[RoundFigures]:
    return [
        RoundFigures(kind=kind, cutoff=cutoff, figures=roll_up(facts, cutoff) if cutoff <= as_of else None)
        for kind, cutoff in round_cutoffs(fiscal_year).items()
    ]


def figures_of(groups: list[tuple[Programme, list[Project]]], *, fiscal_year: int, as_of: dt.date) -> PlanFigures:
    """Roll loaded programmes and projects up as of a date (no query): per programme, plan, and each round reached."""
    every: list[ProjectFacts] = []
    programmes: list[tuple[Programme, Figures]] = []
    for programme, projects in groups:
        facts = [project_facts(p) for p in projects]
        every.extend(facts)
        programmes.append((programme, roll_up(facts, as_of)))
    return PlanFigures(
        as_of=as_of, programmes=programmes, total=roll_up(every, as_of), rounds=_rounds(every, fiscal_year, as_of)
    )


def plan_figures(*, plan: ActionPlan, as_of: dt.date) -> PlanFigures:
    """Return the plan's roll-ups as of a date: per programme, the plan, the 6- and 12-month rounds (three queries)."""
    return figures_of(plan_projects(plan=plan), fiscal_year=plan.fiscal_year, as_of=as_of)


def _latest(project: Project, as_of: dt.date) -> ProgressReport | None:
    """Return the stored report in force on the date, chosen by the roll-up's own rule."""
    reports = list(project.progress.all())
    chosen = latest_report([report_facts(r) for r in reports], as_of)
    if chosen is None:
        return None
    return next(r for r in reports if r.period == chosen.period)


def plan_overview(*, plan: ActionPlan, as_of: dt.date) -> PlanOverview:
    """Return what the plan's page shows as of a date (three queries)."""
    groups = plan_projects(plan=plan)
    figures = figures_of(groups, fiscal_year=plan.fiscal_year, as_of=as_of)
    programmes = [
        ProgrammeOverview(
            programme=programme,
            lines=[ProjectLine(project=p, latest=_latest(p, as_of)) for p in projects],
            figures=programme_figures,
        )
        for (programme, projects), (_same, programme_figures) in zip(groups, figures.programmes, strict=True)
    ]
    return PlanOverview(plan=plan, as_of=as_of, programmes=programmes, total=figures.total, rounds=figures.rounds)


def unit_plan_figures(*, organization: Organization, fiscal_year: int, as_of: dt.date) -> UnitPlanFigures | None:
    """Roll the unit's plan of the fiscal year up as of a date; None when the unit keeps no plan that year.

    One query: the plan joined to its projects and their reports (left joins, so a plan without
    projects, or a project without reports, still answers). Reports count by their as-of date:
    one recorded after the date about a month before it (a unit reporting its March figures in
    April) is the figure of that date.
    """
    rows = ActionPlan.objects.filter(organization=organization, fiscal_year=fiscal_year).values_list(
        "title_th",
        "title_en",
        "programmes__projects__id",
        "programmes__projects__budget",
        "programmes__projects__progress__period",
        "programmes__projects__progress__as_of",
        "programmes__projects__progress__progress_percent",
        "programmes__projects__progress__disbursed",
        "programmes__projects__progress__status",
    )
    title: tuple[str, str] | None = None
    budgets: dict[int, Decimal] = {}
    reports: dict[int, list[Report]] = defaultdict(list)
    for title_th, title_en, project_id, budget, period, report_as_of, percent, disbursed, status in rows:
        title = (title_th, title_en)
        if project_id is None:
            continue
        budgets[project_id] = budget
        if period is not None:
            reports[project_id].append(
                Report(period=period, as_of=report_as_of, progress_percent=percent, disbursed=disbursed, status=status)
            )
    if title is None:
        return None
    facts = [ProjectFacts(budget=budget, reports=reports.get(pk, [])) for pk, budget in sorted(budgets.items())]
    return UnitPlanFigures(
        fiscal_year=fiscal_year, title_th=title[0], title_en=title[1], as_of=as_of, figures=roll_up(facts, as_of)
    )
