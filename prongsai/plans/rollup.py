"""Roll project progress up to programme, plan and unit figures, as of any date: pure, no Django.

Progress reports are cumulative: each says how far the project is and how much of its budget has
been disbursed to date. A figure as of a date therefore takes each project's latest report on or
before that date. The 6-month figure is the roll-up as of 31 March, the 12-month one as of
30 September: computed from the reports, never typed. Physical progress is weighted by budget (a
project of 4 million baht moves the plan more than one of 40,000); a project not yet reported
counts as 0 %, so a plan never looks further along than its reports show. Money stays Decimal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from prongsai.money import ZERO, amount_to_json, percent_of, satang, total
from prongsai.thaidate import fiscal_year_bounds

__all__ = [
    "BEHIND",
    "COMPLETED",
    "Figures",
    "ProjectFacts",
    "Report",
    "figures_json",
    "latest_report",
    "roll_up",
    "round_cutoffs",
    "round_figures",
]

COMPLETED = "completed"
BEHIND = "behind"
_HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Report:
    period: dt.date
    as_of: dt.date
    progress_percent: Decimal
    disbursed: Decimal
    status: str


@dataclass(frozen=True)
class ProjectFacts:
    budget: Decimal
    reports: Sequence[Report]


@dataclass(frozen=True)
class Figures:
    budget: Decimal
    disbursed: Decimal
    disbursed_percent: Decimal | None
    progress_percent: Decimal | None
    projects: int
    completed: int
    behind: int
    not_reported: int


def latest_report(reports: Iterable[Report], cutoff: dt.date) -> Report | None:
    """Return the report in force on `cutoff`: the latest as-of date on or before it (then the latest period)."""
    known = [r for r in reports if r.as_of <= cutoff]
    return max(known, key=lambda r: (r.as_of, r.period), default=None)


def roll_up(projects: Sequence[ProjectFacts], cutoff: dt.date) -> Figures:
    """Add up projects as of `cutoff`: budget, disbursed, the share disbursed and budget-weighted progress."""
    latest = [(p.budget, latest_report(p.reports, cutoff)) for p in projects]
    budget = total(b for b, _r in latest)
    disbursed = total(r.disbursed for _b, r in latest if r is not None)
    reported = [r for _b, r in latest if r is not None]
    progress: Decimal | None = None
    if reported:
        if budget > 0:
            weighted = sum((b * r.progress_percent for b, r in latest if r is not None), ZERO)
            progress = (weighted / budget).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)
        else:
            plain = sum((r.progress_percent if r is not None else ZERO for _b, r in latest), ZERO)
            progress = (plain / len(latest)).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)
    return Figures(
        budget=satang(budget),
        disbursed=disbursed,
        disbursed_percent=percent_of(disbursed, budget),
        progress_percent=progress,
        projects=len(projects),
        completed=sum(1 for r in reported if r.status == COMPLETED),
        behind=sum(1 for r in reported if r.status == BEHIND),
        not_reported=len(latest) - len(reported),
    )


def round_cutoffs(be_fiscal_year: int) -> dict[str, dt.date]:
    """Return the cut-offs of the fiscal year's rounds: "6" on 31 March, "12" on 30 September."""
    _start, end = fiscal_year_bounds(be_fiscal_year)
    return {"6": dt.date(end.year, 3, 31), "12": end}


def round_figures(projects: Sequence[ProjectFacts], be_fiscal_year: int, as_of: dt.date) -> dict[str, Figures]:
    """Return the 6- and 12-month figures of the rounds whose cut-off `as_of` has reached."""
    return {
        kind: roll_up(projects, cutoff) for kind, cutoff in round_cutoffs(be_fiscal_year).items() if cutoff <= as_of
    }


def _percent_json(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP))


def figures_json(figures: Figures) -> dict[str, object]:
    """Return figures in the JSON shape of a snapshot (plans.snapshot.FiguresData)."""
    return {
        "budget": amount_to_json(figures.budget),
        "disbursed": amount_to_json(figures.disbursed),
        "disbursed_percent": _percent_json(figures.disbursed_percent),
        "progress_percent": _percent_json(figures.progress_percent),
        "projects": figures.projects,
        "completed": figures.completed,
        "behind": figures.behind,
        "not_reported": figures.not_reported,
    }
