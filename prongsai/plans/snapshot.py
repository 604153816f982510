"""The shapes of the action-plan records a register version publishes (5.1.4, 5.1.5), as JSON.

A snapshot is what the reviewer approved and what the portal, the open data and the unit report
read: dates are ISO strings (CE), money the exact string of `prongsai.money.amount_to_json`,
percentages strings with two decimals. `kind` is stored beside the data (VersionRecords.kind).
"""

from typing import Literal, TypedDict

ACTION_PLAN_KIND: Literal["action_plan"] = "action_plan"  # 5.1.4
PLAN_PROGRESS_KIND: Literal["plan_progress"] = "plan_progress"  # 5.1.5


class ProgressData(TypedDict):
    period: str  # "2026-03": the reporting month
    as_of: str  # ISO date
    progress_percent: str  # "45.00"
    disbursed: str  # baht, "120000.00"
    status: str  # ProgressStatus value
    note_th: str
    note_en: str


class ProjectData(TypedDict):
    id: int
    kind: str  # Project.Kind value
    name_th: str
    name_en: str
    budget: str
    budget_source: str
    start: str
    end: str
    division: str
    kpi: str
    target: str
    # The latest report at or before the snapshot's as-of date (None: nothing reported yet).
    latest: ProgressData | None
    # Every report up to the as-of date, by period (5.1.5 only; [] in a 5.1.4 snapshot).
    progress: list[ProgressData]


class FiguresData(TypedDict):
    """A roll-up (plans/rollup.py): of a programme, the whole plan, or the plan at a round's cut-off."""

    budget: str
    disbursed: str
    disbursed_percent: str | None  # of the budget; None when the budget is zero
    progress_percent: str | None  # physical progress weighted by budget; None when nothing reported
    projects: int
    completed: int
    behind: int
    not_reported: int


class ProgrammeData(TypedDict):
    name_th: str
    name_en: str
    projects: list[ProjectData]
    figures: FiguresData


class PlanSnapshot(TypedDict):
    """An action plan (kind action_plan) or its progress (kind plan_progress) as of a date."""

    organization: str  # slug
    fiscal_year: int  # BE
    title_th: str
    title_en: str
    approved_on: str | None
    as_of: str
    programmes: list[ProgrammeData]
    figures: FiguresData
    # The computed 6-month (to 31 March) and 12-month (to 30 September) figures, once the as-of date
    # reaches them: {"6": FiguresData, "12": FiguresData}.
    rounds: dict[str, FiguresData]
