"""Put a unit's action plan (5.1.4) or its progress (5.1.5) into the register as a frozen snapshot.

The snapshot builders read the plan of a fiscal year in a fixed number of queries and return the
JSON shapes of plans.snapshot; figures come from plans.rollup, never typed. `plan_publish` puts the
snapshot with a one-sentence summary in each language into the draft of the unit's entry for the
item, where it is reviewed and approved like any other content: what the reviewer approves is what
the portal shows, however the plan changes afterwards.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.db.models import Prefetch

from prongsai.disclosures.models import EntryVersion
from prongsai.disclosures.services import records_to_draft
from prongsai.money import amount_to_json, format_baht
from prongsai.organizations.models import Organization
from prongsai.problems import InvalidInput, Problem
from prongsai.thaidate import format_english_date, format_thai_date, to_ce_year

from .models import ActionPlan, Programme, ProgressReport, Project
from .rollup import Figures, ProjectFacts, Report, figures_json, roll_up, round_figures
from .snapshot import (
    ACTION_PLAN_KIND,
    PLAN_PROGRESS_KIND,
    FiguresData,
    PlanSnapshot,
    ProgrammeData,
    ProgressData,
    ProjectData,
)

__all__ = [
    "PLAN_CODES",
    "PlanRecords",
    "action_plan_snapshot",
    "plan_publish",
    "plan_records",
    "progress_snapshot",
]

# The checklist items an action plan satisfies, and the kind of snapshot each publishes.
PLAN_CODES: dict[str, str] = {"5.1.4": ACTION_PLAN_KIND, "5.1.5": PLAN_PROGRESS_KIND}


@dataclass(frozen=True)
class PlanRecords:
    """What goes into the draft: the snapshot, its kind, and the sentence that sums it up in each language."""

    code: str
    kind: str
    data: PlanSnapshot
    summary_th: str
    summary_en: str


def _plan_tree(plan: ActionPlan, *, with_progress: bool) -> list[tuple[Programme, list[Project]]]:
    """Return the plan's programmes with their projects in order (and their reports): two or three queries."""
    projects = Project.objects.order_by("position", "id")
    if with_progress:
        projects = projects.prefetch_related(
            Prefetch("progress", queryset=ProgressReport.objects.order_by("period", "as_of"))
        )
    programmes = plan.programmes.order_by("position", "id").prefetch_related(Prefetch("projects", queryset=projects))
    return [(programme, list(programme.projects.all())) for programme in programmes]


def _percent(value: Decimal) -> str:
    return f"{value:.2f}"


def _progress_data(report: ProgressReport) -> ProgressData:
    return {
        "period": f"{report.period:%Y-%m}",
        "as_of": report.as_of.isoformat(),
        "progress_percent": _percent(report.progress_percent),
        "disbursed": amount_to_json(report.disbursed) or "0.00",
        "status": report.status,
        "note_th": report.note_th,
        "note_en": report.note_en,
    }


def _report(report: ProgressReport) -> Report:
    return Report(
        period=report.period,
        as_of=report.as_of,
        progress_percent=report.progress_percent,
        disbursed=report.disbursed,
        status=report.status,
    )


def _project_data(project: Project, reports: Sequence[ProgressReport], as_of: dt.date) -> ProjectData:
    """Return a project in its snapshot shape with its reports known on `as_of` (none for a plan alone)."""
    latest = max(reports, key=lambda r: (r.as_of, r.period), default=None)
    return {
        "id": project.pk,
        "kind": project.kind,
        "name_th": project.name_th,
        "name_en": project.name_en,
        "budget": amount_to_json(project.budget) or "0.00",
        "budget_source": project.budget_source,
        "start": project.start.isoformat(),
        "end": project.end.isoformat(),
        "division": project.division,
        "kpi": project.kpi,
        "target": project.target,
        "latest": _progress_data(latest) if latest is not None else None,
        "progress": [_progress_data(r) for r in reports],
    }


def _figures(figures: Figures) -> FiguresData:
    return cast(FiguresData, figures_json(figures))


def _snapshot(plan: ActionPlan, as_of: dt.date, *, with_progress: bool) -> PlanSnapshot:
    programmes: list[ProgrammeData] = []
    every: list[ProjectFacts] = []
    for programme, projects in _plan_tree(plan, with_progress=with_progress):
        facts: list[ProjectFacts] = []
        rows: list[ProjectData] = []
        for project in projects:
            # Reports are cumulative and dated: the snapshot knows only those written by its as-of date.
            known = [r for r in project.progress.all() if r.as_of <= as_of] if with_progress else []
            rows.append(_project_data(project, known, as_of))
            facts.append(ProjectFacts(budget=project.budget, reports=[_report(r) for r in known]))
        every += facts
        programmes.append(
            {
                "name_th": programme.name_th,
                "name_en": programme.name_en,
                "projects": rows,
                "figures": _figures(roll_up(facts, as_of)),
            }
        )
    rounds = round_figures(every, plan.fiscal_year, as_of) if with_progress else {}
    return {
        "organization": plan.organization.slug,
        "fiscal_year": plan.fiscal_year,
        "title_th": plan.title_th,
        "title_en": plan.title_en,
        "approved_on": plan.approved_on.isoformat() if plan.approved_on else None,
        "as_of": as_of.isoformat(),
        "programmes": programmes,
        "figures": _figures(roll_up(every, as_of)),
        "rounds": {kind: _figures(figures) for kind, figures in rounds.items()},
    }


def action_plan_snapshot(*, plan: ActionPlan, as_of: dt.date) -> PlanSnapshot:
    """Return the action plan (5.1.4) as of a date: programmes, projects with budgets and dates, budget totals.

    Two queries (programmes, projects) whatever the plan's size, the plan's unit loaded with it;
    progress is left out (`latest` None, `progress` empty), so the figures show budgets only.
    """
    return _snapshot(plan, as_of, with_progress=False)


def progress_snapshot(*, plan: ActionPlan, as_of: dt.date) -> PlanSnapshot:
    """Return the plan's progress (5.1.5) as of a date: every report written by then, and the roll-ups.

    Each project carries its reports with an as-of date on or before `as_of` and the latest of
    them; programmes and the plan carry their roll-ups, and `rounds` the 6- and 12-month figures
    whose cut-off `as_of` has reached. Three queries (programmes, projects, reports) whatever the
    plan's size, the plan's unit loaded with it.
    """
    return _snapshot(plan, as_of, with_progress=True)


def _fiscal_year_en(fiscal_year: int) -> str:
    return f"fiscal year {to_ce_year(fiscal_year)}"


def _projects_en(count: int) -> str:
    return f"{count} project" if count == 1 else f"{count} projects"


def _summary(code: str, snapshot: PlanSnapshot, as_of: dt.date) -> tuple[str, str]:
    """Sum the snapshot up in one sentence in Thai and one in English (the draft's text)."""
    figures = snapshot["figures"]
    year = snapshot["fiscal_year"]
    count = figures["projects"]
    budget = format_baht(Decimal(figures["budget"]))
    if code == "5.1.4":
        return (
            f"แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {year}: {count} โครงการ งบประมาณรวม {budget} บาท",
            f"Action plan for {_fiscal_year_en(year)}: {_projects_en(count)}, total budget {budget} baht",
        )
    disbursed = format_baht(Decimal(figures["disbursed"]))
    progress, share = figures["progress_percent"], figures["disbursed_percent"]
    thai = (
        f"ความก้าวหน้าตามแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {year} ณ วันที่ {format_thai_date(as_of)}: "
        f"{count} โครงการ "
        + (f"ความก้าวหน้าร้อยละ {progress} " if progress is not None else "ยังไม่มีรายงานความก้าวหน้า ")
        + f"เบิกจ่ายแล้ว {disbursed} บาท จากงบประมาณ {budget} บาท"
        + (f" (ร้อยละ {share})" if share is not None else "")
    )
    english = (
        f"Progress of the action plan for {_fiscal_year_en(year)} as of {format_english_date(as_of)}: "
        f"{_projects_en(count)}, "
        + (f"{progress}% complete, " if progress is not None else "no progress reported yet, ")
        + f"{disbursed} of {budget} baht disbursed"
        + (f" ({share}%)" if share is not None else "")
    )
    return thai, english


def plan_records(*, organization: Organization, fiscal_year: int, code: str, as_of: dt.date) -> PlanRecords:
    """Return what publishing the unit's plan of a fiscal year for an item would put into the draft.

    Raises InvalidInput when the item is not one a plan satisfies or the unit has no plan for the
    year. The workspace shows this as the preview before anything is saved.
    """
    if code not in PLAN_CODES:
        raise InvalidInput(
            [
                Problem(
                    "code",
                    f"รายการ {code} ไม่ได้เผยแพร่จากแผนปฏิบัติราชการ",
                    f"Item {code} is not published from an action plan.",
                )
            ]
        )
    plan = (
        ActionPlan.objects.select_related("organization")
        .filter(organization=organization, fiscal_year=fiscal_year)
        .first()
    )
    if plan is None:
        raise InvalidInput(
            [
                Problem(
                    "fiscal_year",
                    f"หน่วยงานยังไม่มีแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {fiscal_year}",
                    f"The unit has no action plan for fiscal year {fiscal_year} (B.E.).",
                )
            ]
        )
    kind = PLAN_CODES[code]
    snapshot = (
        action_plan_snapshot(plan=plan, as_of=as_of)
        if kind == ACTION_PLAN_KIND
        else progress_snapshot(plan=plan, as_of=as_of)
    )
    summary_th, summary_en = _summary(code, snapshot, as_of)
    return PlanRecords(code=code, kind=kind, data=snapshot, summary_th=summary_th, summary_en=summary_en)


def plan_publish(
    *,
    actor: Any,
    organization: Organization,
    fiscal_year: int,
    code: str,
    as_of: dt.date,
    now: dt.datetime | None = None,
) -> EntryVersion:
    """Put the unit's action plan (5.1.4) or its progress (5.1.5) as of a date into the entry's draft.

    The draft (the open one, or a new one from the returned or published version) takes the
    snapshot, its as-of date and the summary sentence; it then goes through review as any
    version does. Raises PermissionDenied without EDIT on the unit, InvalidInput (every problem at
    once) when the item is not a plan's, the unit has no entry for it or no plan for the year, a
    version is awaiting review, or the date is in the future.
    """
    return records_to_draft(
        actor=actor,
        organization=organization,
        code=code,
        as_of=as_of,
        build=lambda: plan_records(organization=organization, fiscal_year=fiscal_year, code=code, as_of=as_of),
        action="plan.publish",
        audit_data=lambda records: {"fiscal_year": fiscal_year, "projects": records.data["figures"]["projects"]},
        now=now,
    )
