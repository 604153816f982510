"""Reads of the reporting rounds: the rounds, a round's unit reports (reported or not), a report with its versions,
and what changed between two versions. Each reads a fixed number of queries whatever the number of units.
"""

import datetime as dt
import difflib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import Count, Prefetch, Q

from prongsai.organizations.access import AccessScope, Capability
from prongsai.organizations.models import Organization
from prongsai.thaitext import thai_sort_key

from .models import Round, UnitReport, UnitReportVersion
from .workflow import ReportState, UnknownRound, round_from_code

__all__ = [
    "FactChange",
    "ReportDiff",
    "RoundFilter",
    "RoundOverview",
    "RoundRow",
    "TextChange",
    "UnitRoundRow",
    "round_by_code",
    "round_list",
    "round_unit_reports",
    "unit_report_detail",
    "unit_report_diff",
]


@dataclass(frozen=True)
class RoundRow:
    round: Round
    reports: int  # unit reports started
    submitted: int  # unit reports submitted at least once
    late: int


def round_list() -> list[RoundRow]:
    """Return every round, newest first, with how many unit reports were started, submitted and late (one query)."""
    rounds = Round.objects.annotate(
        started=Count("unit_reports"),
        submitted=Count("unit_reports", filter=Q(unit_reports__first_submitted_at__isnull=False)),
        late_count=Count("unit_reports", filter=Q(unit_reports__late=True)),
    ).order_by("-fiscal_year", "-kind")
    return [RoundRow(r, r.started, r.submitted, r.late_count) for r in rounds]


def round_by_code(code: str) -> Round | None:
    """Return the round of a code such as ``2569-6`` (Thai digits read too), or None when unknown (one query)."""
    try:
        period = round_from_code(code)
    except UnknownRound:
        return None
    return Round.objects.filter(fiscal_year=period.fiscal_year, kind=period.kind.value).first()


class RoundFilter(StrEnum):
    """What the round page can narrow its units to."""

    ALL = ""
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"  # draft or awaiting the head's approval
    SUBMITTED = "submitted"  # submitted, waiting for the ICT Center
    ACCEPTED = "accepted"
    RETURNED = "returned"
    LATE = "late"
    MISSING = "missing"  # nothing submitted and the deadline has passed


@dataclass(frozen=True)
class UnitRoundRow:
    """A unit in a round: its report's state, or none; late and missing flags."""

    organization_id: int
    slug: str
    name_th: str
    name_en: str
    state: str  # a ReportState value, or "" when the unit has not started
    version: int | None
    submitted_at: dt.datetime | None
    late: bool
    missing: bool

    def name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name_th

    def matches(self, wanted: RoundFilter) -> bool:
        """Tell whether the row passes the filter."""
        match wanted:
            case RoundFilter.ALL:
                return True
            case RoundFilter.NOT_STARTED:
                return self.state == ""
            case RoundFilter.IN_PROGRESS:
                return self.state in (ReportState.DRAFT, ReportState.AWAITING_APPROVAL)
            case RoundFilter.LATE:
                return self.late
            case RoundFilter.MISSING:
                return self.missing
        return self.state == wanted.value


@dataclass
class RoundOverview:
    round: Round
    rows: list[UnitRoundRow]
    counts: dict[RoundFilter, int] = field(default_factory=dict)
    units: int = 0


def round_unit_reports(
    *, round: Round, scope: AccessScope, today: dt.date, wanted: RoundFilter = RoundFilter.ALL
) -> RoundOverview:
    """Return every active unit the person oversees with its report in the round, reported or not (two queries).

    A unit is missing when it has submitted nothing and the round's deadline has passed; late when
    its first submission came after the deadline. Units come in their configured order, then Thai
    dictionary order. `counts` counts every unit the person sees under each filter.
    """
    visible = scope.organization_ids(Capability.OVERSEE)
    units = [
        values
        for values in Organization.objects.filter(kind=Organization.Kind.UNIT, is_active=True).values_list(
            "id", "slug", "name_th", "name_en", "sort_order"
        )
        if values[0] in visible
    ]
    units.sort(key=lambda u: (u[4], thai_sort_key(u[2]), u[1]))
    reports = {
        organization_id: (state, number, first_submitted_at, late)
        for organization_id, state, number, first_submitted_at, late in UnitReport.objects.filter(
            round=round
        ).values_list("organization_id", "state", "current_version__number", "first_submitted_at", "late")
    }
    deadline_passed = today > round.deadline
    rows = []
    for pk, slug, name_th, name_en, _order in units:
        state, number, submitted_at, late = reports.get(pk, ("", None, None, False))
        rows.append(
            UnitRoundRow(
                organization_id=pk,
                slug=slug,
                name_th=name_th,
                name_en=name_en,
                state=state,
                version=number,
                submitted_at=submitted_at,
                late=late,
                missing=submitted_at is None and deadline_passed,
            )
        )
    counts = {f: sum(1 for row in rows if row.matches(f)) for f in RoundFilter}
    return RoundOverview(round, [row for row in rows if row.matches(wanted)], counts, len(rows))


def unit_report_detail(*, round: Round, organization: Organization) -> UnitReport | None:
    """Return the unit's report of the round with its versions (oldest first) and their people (two queries)."""
    versions = Prefetch(
        "versions",
        queryset=UnitReportVersion.objects.select_related(
            "created_by", "sent_by", "approved_by", "decided_by"
        ).order_by("number"),
    )
    return (
        UnitReport.objects.filter(round=round, organization=organization)
        .select_related("round", "organization")
        .prefetch_related(versions)
        .first()
    )


# --- differences between two versions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TextChange:
    """A narrative or actions text that changed, with its line diff."""

    field: str  # narrative_th, narrative_en, actions_th, actions_en
    before: str
    after: str
    lines: list[tuple[str, str]]  # (" " | "-" | "+", text)


@dataclass(frozen=True)
class FactChange:
    """An item whose facts changed: the register's status, the published version, or the monitor's finding."""

    code: str
    name_th: str
    name_en: str
    aspect: str  # status | published_version | monitor
    before: str
    after: str


@dataclass
class ReportDiff:
    before: UnitReportVersion
    after: UnitReportVersion
    texts: list[TextChange]
    items: list[FactChange]
    problems_added: list[dict[str, Any]]
    problems_resolved: list[dict[str, Any]]
    summary: list[tuple[str, Any, Any]]  # (key, before, after)
    channels: list[tuple[str, str, Any, Any]]  # (kind, figure, before, after)

    @property
    def empty(self) -> bool:
        return not (
            self.texts or self.items or self.problems_added or self.problems_resolved or self.summary or self.channels
        )


def _line_diff(before: str, after: str) -> list[tuple[str, str]]:
    lines = []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        op, text = line[:1], line[2:]
        if op in {" ", "-", "+"}:
            lines.append((op, text))
    return lines


def _monitor_word(monitor: dict[str, Any] | None) -> str:
    if not monitor:
        return ""
    return str(monitor.get("status", ""))


def _item_changes(before: dict[str, Any], after: dict[str, Any]) -> list[FactChange]:
    old = {item["code"]: item for item in before.get("items", [])}
    changes: list[FactChange] = []
    for item in after.get("items", []):
        previous = old.get(item["code"], {})
        pairs = [
            ("status", str(previous.get("status", "")), str(item.get("status", ""))),
            (
                "published_version",
                "" if previous.get("published_version") is None else str(previous["published_version"]),
                "" if item.get("published_version") is None else str(item["published_version"]),
            ),
            ("monitor", _monitor_word(previous.get("monitor")), _monitor_word(item.get("monitor"))),
        ]
        for aspect, was, now in pairs:
            if was != now:
                changes.append(FactChange(item["code"], item["name_th"], item["name_en"], aspect, was, now))
    return changes


def _problem_key(problem: dict[str, Any]) -> tuple[str, str]:
    return (str(problem.get("kind")), str(problem.get("item")))


def unit_report_diff(before: UnitReportVersion, after: UnitReportVersion) -> ReportDiff:
    """Compare two versions of a unit report: the texts line by line, and the facts item by item.

    Mirrors the register's version diff (disclosures/versiondiff.py): the reporter's four texts as
    line diffs; for the facts, each item whose status, published version or monitor finding
    changed, the problems added and resolved, the summary figures and the channel figures that
    moved. Reads only the two versions' stored fields: no queries.
    """
    texts = []
    for name in ("narrative_th", "narrative_en", "actions_th", "actions_en"):
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            texts.append(TextChange(name, old, new, _line_diff(old, new)))
    old_facts, new_facts = before.facts or {}, after.facts or {}
    old_problems = {_problem_key(p): p for p in old_facts.get("problems", [])}
    new_problems = {_problem_key(p): p for p in new_facts.get("problems", [])}
    old_summary, new_summary = old_facts.get("summary", {}), new_facts.get("summary", {})
    summary = [
        (key, old_summary.get(key), new_summary.get(key))
        for key in new_summary
        if old_summary.get(key) != new_summary.get(key)
    ]
    channels = []
    old_channels, new_channels = old_facts.get("channels", {}), new_facts.get("channels", {})
    for kind, figures in new_channels.items():
        was = old_channels.get(kind, {})
        for figure, value in figures.items():
            if was.get(figure) != value:
                channels.append((kind, figure, was.get(figure), value))
    return ReportDiff(
        before=before,
        after=after,
        texts=texts,
        items=_item_changes(old_facts, new_facts),
        problems_added=[p for key, p in new_problems.items() if key not in old_problems],
        problems_resolved=[p for key, p in old_problems.items() if key not in new_problems],
        summary=summary,
        channels=channels,
    )
