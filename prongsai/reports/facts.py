"""The shape of a report's facts: what the system knew at a round's cut-off, stored as JSON with each version.

Builders (prefill.py for a unit, overall.py for the department) write these documents; pages, PDF
and XLSX renderers read only them, never the live data, so an approved report reads the same for
ever. Dates are ISO strings (CE), times ISO with offset, money and scores plain numbers; texts
that readers see come in Thai and English pairs. Bump SCHEMA when a field changes meaning.
"""

from typing import NotRequired, TypedDict

SCHEMA = 1


class UnitRef(TypedDict):
    slug: str
    name_th: str
    name_en: str


class ItemRef(TypedDict):
    code: str
    name_th: str
    name_en: str


class VersionChange(TypedDict):
    """A version of the item decided or published within the round's period."""

    version_id: int
    number: int
    state: str  # approved or returned
    decided_on: str  # ISO date
    change_note: str


class MonitorItem(TypedDict):
    """The monitor's finding on the item in the round, the ICT monitor's override applied."""

    status: str  # found | partial | not_found
    current: bool | None
    as_of: str | None  # ISO date read from the evidence
    overridden: bool
    override_reason: str
    evidence_url: str  # the page or document on the unit's website, "" when none


class UnitItemFacts(TypedDict):
    code: str
    name_th: str
    name_en: str
    # The register's EntryStatus at the cut-off: missing, draft, awaiting_review, returned, published, due_soon, overdue
    status: str
    published_version: int | None
    last_review_on: str | None  # ISO date of the last approval
    reviewers: list[str]  # full names of who approved the published version
    next_review_due: str | None
    changes: list[VersionChange]
    monitor: MonitorItem | None


class MonitorCheck(TypedDict):
    check_id: int
    url: str
    finished_at: str
    score: float | None


class Problem(TypedDict):
    """Something open at the cut-off the report must own up to."""

    kind: str  # missing | overdue | returned | not_found_by_monitor | disagreement
    item: str  # item code
    text_th: str
    text_en: str


class ChannelFigures(TypedDict):
    received: int
    closed: int
    overdue: int
    median_days_to_close: float | None


class UnitSummary(TypedDict):
    items: int
    published: int  # published and current (not overdue)
    overdue: int
    missing: int
    monitor_found: int
    score: float | None  # the monitor's score in the round


class PlanFacts(TypedDict):
    """The unit's action plan of the round's fiscal year rolled up at the cut-off (5.1.4–5.1.5, plans/rollup.py).

    Money is the exact string of `prongsai.money.amount_to_json`, percentages strings with two decimals.
    """

    fiscal_year: int  # BE
    title_th: str
    title_en: str
    as_of: str  # ISO date: the cut-off the figures are taken at
    budget: str
    disbursed: str  # to the cut-off, from each project's latest report by then
    disbursed_percent: str | None  # of the budget; None when the budget is zero
    progress_percent: str | None  # physical progress weighted by budget; None when nothing was reported
    projects: int
    completed: int
    behind: int
    not_reported: int


class UnitFacts(TypedDict):
    schema: int
    round: str  # e.g. "2569-6"
    cut_off: str  # ISO date, the round's last day
    taken_at: str  # ISO time the facts were gathered
    unit: UnitRef
    items: list[UnitItemFacts]
    monitor: MonitorCheck | None
    problems: list[Problem]
    channels: dict[str, ChannelFigures]  # "opinion", "complaint"
    summary: UnitSummary
    # The unit's action plan at the cut-off, when the unit keeps its plan as records; None when it keeps none.
    plans: NotRequired[PlanFacts | None]


class UnitRow(TypedDict):
    """One unit in the overall report."""

    slug: str
    name_th: str
    name_en: str
    report_state: str | None  # the unit report's state at the cut-off of compiling; None: did not report
    late: bool
    submitted_on: str | None
    cells: dict[str, str]  # item code -> EntryStatus value
    monitor: dict[str, str]  # item code -> monitor status (override applied); missing when not checked
    compliance: float  # percentage of items published and current
    score: float | None  # monitor score in the round
    previous_score: float | None  # monitor score in the previous round
    rank: int
    # Added by the overall report (overall.py) for the recommendation rules:
    previous_compliance: NotRequired[float]  # compliance at the previous round's cut-off
    previous_late: NotRequired[bool]  # the unit's report of the previous round was late
    reported: NotRequired[bool]  # a version reached the ICT Center (submitted, accepted or returned)
    english_missing: NotRequired[list[str]]  # bilingual items the monitor found in Thai only
    gaps: NotRequired[list[str]]  # item codes the unit does not comply with (not published and current)


class ItemRow(TypedDict):
    code: str
    name_th: str
    name_en: str
    compliant_units: int
    share: float  # percentage of units
    monitor_found_units: int


class Disagreement(TypedDict):
    unit: str  # slug
    item: str  # code
    register_status: str
    monitor_status: str


class TrendPoint(TypedDict):
    round: str
    compliance: float
    score: float | None


class OverallFacts(TypedDict):
    schema: int
    round: str
    cut_off: str
    taken_at: str
    items: list[ItemRef]
    units: list[UnitRow]  # ranked, best first
    by_item: list[ItemRow]  # checklist order
    not_reported: list[str]  # slugs
    disagreements: list[Disagreement]
    common_gaps: list[str]  # item codes, most units missing first
    trend: list[TrendPoint]  # oldest first, this round last
    headline: dict[str, float | int | None]
    previous_round: NotRequired[str]  # the round "change vs previous" compares with, e.g. "2568-12"
