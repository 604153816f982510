"""A published plan snapshot (5.1.4, 5.1.5) as the tables a reader reads, in the reader's language.

The portal's item page, the workspace's version and review pages and the "fill from records"
preview all show a snapshot through the same templates (portal/records/_<kind>.html); this module
turns the snapshot's JSON (ISO dates, exact money strings, status values) into what those tables
print: Buddhist-era dates in Thai, amounts with thousands separators and satang, labels in the
reader's language. It reads only the snapshot, never the live records.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext, pgettext_lazy

from prongsai.money import format_baht, percent_of
from prongsai.thaidate import ENGLISH_MONTHS, format_date_in, format_thai_month, to_ce_year

from .charts import progress_chart_svg
from .rollup import round_cutoffs
from .snapshot import PLAN_PROGRESS_KIND, FiguresData, PlanSnapshot, ProgressData, ProjectData

__all__ = ["FiguresView", "PlanTables", "ProgrammeView", "ProjectView", "ReportView", "RoundView", "plan_tables"]

_STATUS: dict[str, Promise] = {
    "not_started": pgettext_lazy("records table", "Not started"),
    "on_schedule": pgettext_lazy("records table", "On schedule"),
    "behind": pgettext_lazy("records table", "Behind schedule"),
    "completed": pgettext_lazy("records table", "Completed"),
    "cancelled": pgettext_lazy("records table", "Cancelled"),
}
_KIND: dict[str, Promise] = {
    "project": pgettext_lazy("records table", "project"),
    "activity": pgettext_lazy("records table", "activity"),
}
_DASH = "–"


@dataclass(frozen=True)
class FiguresView:
    budget: str
    disbursed: str
    disbursed_percent: str
    progress_percent: str
    projects: int
    completed: int
    behind: int
    not_reported: int


@dataclass(frozen=True)
class ReportView:
    period: str
    as_of: str
    progress_percent: str
    disbursed: str
    status: str
    note: str


@dataclass(frozen=True)
class ProjectView:
    number: str  # "2.1": programme 2, its first project
    kind: str
    name: str
    name_lang: str  # the language the name is written in (Thai when there is no English name)
    budget: str
    budget_source: str
    start: str
    end: str
    division: str
    kpi: str
    target: str
    # The latest report (dashes when nothing is reported yet).
    progress_percent: str
    disbursed: str
    disbursed_percent: str
    status: str
    as_of: str
    note: str
    reports: list[ReportView]


@dataclass(frozen=True)
class ProgrammeView:
    number: int
    name: str
    name_lang: str
    projects: list[ProjectView]
    figures: FiguresView


@dataclass(frozen=True)
class RoundView:
    label: str
    figures: FiguresView


@dataclass(frozen=True)
class PlanTables:
    kind: str
    title: str
    title_lang: str
    fiscal_year: str
    as_of: str
    approved_on: str
    programmes: list[ProgrammeView]
    figures: FiguresView
    rounds: list[RoundView]
    chart: SafeString  # the progress chart (5.1.5); empty for the plan alone


def _date(text: str | None, language: str) -> str:
    return format_date_in(language, dt.date.fromisoformat(text)) if text else ""


def _month(code: str, language: str) -> str:
    month = dt.date.fromisoformat(code + "-01")
    return format_thai_month(month) if language == "th" else f"{ENGLISH_MONTHS[month.month]} {month.year}"


def _baht(text: str) -> str:
    return format_baht(Decimal(text))


def _pair(th: str, en: str, language: str) -> tuple[str, str]:
    """Return the text in the reader's language and the language it is written in (Thai when there is no English)."""
    return (en, "en") if language == "en" and en else (th, "th")


def _figures(figures: FiguresData) -> FiguresView:
    return FiguresView(
        budget=_baht(figures["budget"]),
        disbursed=_baht(figures["disbursed"]),
        disbursed_percent=figures["disbursed_percent"] or _DASH,
        progress_percent=figures["progress_percent"] or _DASH,
        projects=figures["projects"],
        completed=figures["completed"],
        behind=figures["behind"],
        not_reported=figures["not_reported"],
    )


def _report(report: ProgressData, language: str) -> ReportView:
    return ReportView(
        period=_month(report["period"], language),
        as_of=_date(report["as_of"], language),
        progress_percent=report["progress_percent"],
        disbursed=_baht(report["disbursed"]),
        status=str(_STATUS.get(report["status"], report["status"])),
        note=_pair(report["note_th"], report["note_en"], language)[0],
    )


def _project(number: str, project: ProjectData, language: str) -> ProjectView:
    name, name_lang = _pair(project["name_th"], project["name_en"], language)
    latest = _report(project["latest"], language) if project["latest"] is not None else None
    share = (
        percent_of(Decimal(project["latest"]["disbursed"]), Decimal(project["budget"]))
        if project["latest"] is not None
        else None
    )
    return ProjectView(
        number=number,
        kind=str(_KIND.get(project["kind"], project["kind"])),
        name=name,
        name_lang=name_lang,
        budget=_baht(project["budget"]),
        budget_source=project["budget_source"],
        start=_date(project["start"], language),
        end=_date(project["end"], language),
        division=project["division"],
        kpi=project["kpi"],
        target=project["target"],
        progress_percent=latest.progress_percent if latest else _DASH,
        disbursed=latest.disbursed if latest else _DASH,
        disbursed_percent=str(share) if share is not None else _DASH,
        status=latest.status if latest else str(pgettext("records table", "Not reported")),
        as_of=latest.as_of if latest else _DASH,
        note=latest.note if latest else "",
        reports=[_report(r, language) for r in project["progress"]],
    )


def _round_label(kind: str, cutoff: dt.date, language: str) -> str:
    return pgettext("records table", "%(months)s-month figure (to %(date)s)") % {
        "months": kind,
        "date": format_date_in(language, cutoff),
    }


def plan_tables(snapshot: PlanSnapshot, *, kind: str, language: str, prefix: str = "") -> PlanTables:
    """Return an action plan (kind action_plan) or its progress (kind plan_progress) as printable tables.

    `prefix` starts the chart's ids, so that two versions shown on one page do not share them.
    """
    with translation.override(language):
        year = snapshot["fiscal_year"]
        cutoffs = round_cutoffs(year)
        title, title_lang = _pair(snapshot["title_th"], snapshot["title_en"], language)
        programmes = [
            ProgrammeView(
                number=p_number,
                name=_pair(programme["name_th"], programme["name_en"], language)[0],
                name_lang=_pair(programme["name_th"], programme["name_en"], language)[1],
                projects=[
                    _project(f"{p_number}.{number}", project, language)
                    for number, project in enumerate(programme["projects"], start=1)
                ],
                figures=_figures(programme["figures"]),
            )
            for p_number, programme in enumerate(snapshot["programmes"], start=1)
        ]
        rounds = [
            RoundView(label=_round_label(code, cutoffs[code], language), figures=_figures(figures))
            for code, figures in sorted(snapshot["rounds"].items(), key=lambda pair: int(pair[0]))
        ]
        chart = (
            mark_safe(progress_chart_svg(snapshot, language=language, key=f"{prefix}progress-chart"))  # noqa: S308 - escaped by the chart
            if kind == PLAN_PROGRESS_KIND
            else SafeString("")
        )
        return PlanTables(
            kind=kind,
            title=title,
            title_lang=title_lang,
            fiscal_year=f"ปีงบประมาณ พ.ศ. {year}" if language == "th" else f"Fiscal year {to_ce_year(year)}",
            as_of=_date(snapshot["as_of"], language),
            approved_on=_date(snapshot["approved_on"], language),
            programmes=programmes,
            figures=_figures(snapshot["figures"]),
            rounds=rounds,
            chart=chart,
        )
