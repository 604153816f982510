"""Reads of the overall report for its pages: the stored facts, paged and put in the reader's language.

Pages read only what the report stored (facts.OverallFacts) and its recommendations, never the
live data, so an approved report reads the same for ever. Each selector issues a fixed number of
queries whatever the number of units.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from prongsai.audit.models import AuditEvent
from prongsai.thaitext import normalize_thai

from .charts import compliance_by_item_svg, compliance_by_unit_svg, trend_svg
from .models import OverallReport, Recommendation, Round

__all__ = [
    "MATRIX_PAGE_SIZE",
    "ExecutiveView",
    "OverallPage",
    "executive_chart",
    "executive_view",
    "overall_charts",
    "overall_history",
    "overall_page",
    "overall_report_of",
]

MATRIX_PAGE_SIZE = 100
# Lists that can run to thousands of units show this many names and count the rest.
LIST_LIMIT = 50


def overall_report_of(round: Round) -> OverallReport | None:
    """Return the round's overall report with the people named on it, or None before it is compiled (one query)."""
    return OverallReport.objects.filter(round=round).select_related("created_by", "sent_by", "approved_by").first()


def _name(row: dict[str, Any], language: str) -> str:
    return str(row.get("name_en") or row["name_th"]) if language == "en" else str(row["name_th"])


def _change(now: float | None, before: float | None) -> float | None:
    return round(now - before, 1) if now is not None and before is not None else None


@dataclass(frozen=True)
class Cell:
    code: str
    status: str
    monitor: str  # "" when the monitor did not check the item


@dataclass(frozen=True)
class UnitLine:
    """One unit in the matrix and ranking, in the reader's language."""

    slug: str
    name: str
    rank: int
    compliance: float
    compliance_change: float | None
    score: float | None
    score_change: float | None
    report_state: str | None
    late: bool
    cells: list[Cell]


@dataclass(frozen=True)
class ItemLine:
    code: str
    name: str
    compliant_units: int
    share: float
    gap_units: int
    monitor_found_units: int


@dataclass
class OverallPage:
    """The overall report's page: headline, matrix page, items, gaps, reports, disagreements, trend."""

    headline: dict[str, Any]
    items: list[ItemLine]
    rows: list[UnitLine]
    unit_count: int
    page: int
    page_count: int
    common_gaps: list[ItemLine]
    not_reported: list[str]  # names, at most LIST_LIMIT
    not_reported_count: int
    disagreements: list[dict[str, str]]  # unit (name), item, register_status, monitor_status; at most LIST_LIMIT
    disagreement_count: int
    trend: list[dict[str, Any]]
    round_code: str
    previous_round: str
    cut_off: str
    names: dict[str, str] = field(default_factory=dict)


def overall_page(
    *,
    report: OverallReport,
    language: str,
    search: str = "",
    gap_item: str = "",
    page: int = 1,
    page_size: int = MATRIX_PAGE_SIZE,
) -> OverallPage:
    """Put the report's stored facts on a page: units filtered by name and by a gap in an item, a page at a time.

    No query: everything comes from the report already loaded.
    """
    facts: dict[str, Any] = report.facts
    units: list[dict[str, Any]] = facts.get("units", [])
    names = {row["slug"]: _name(row, language) for row in units}
    item_names = {item["code"]: _name(item, language) for item in facts.get("items", [])}
    term = normalize_thai(search).casefold()
    chosen = [
        row
        for row in units
        if (not term or term in row["name_th"].casefold() or term in row["name_en"].casefold() or term in row["slug"])
        and (not gap_item or gap_item in row.get("gaps", []))
    ]
    page_count = max(1, -(-len(chosen) // page_size))
    page = min(max(page, 1), page_count)
    codes = [item["code"] for item in facts.get("items", [])]
    rows = [
        UnitLine(
            slug=row["slug"],
            name=names[row["slug"]],
            rank=row["rank"],
            compliance=row["compliance"],
            compliance_change=_change(row["compliance"], row.get("previous_compliance")),
            score=row["score"],
            score_change=_change(row["score"], row["previous_score"]),
            report_state=row["report_state"] if row.get("reported", row["report_state"] is not None) else None,
            late=row["late"],
            cells=[Cell(code, row["cells"].get(code, "missing"), row["monitor"].get(code, "")) for code in codes],
        )
        for row in chosen[(page - 1) * page_size : page * page_size]
    ]
    total = len(units)
    items = [
        ItemLine(
            code=line["code"],
            name=item_names.get(line["code"], line["code"]),
            compliant_units=line["compliant_units"],
            share=line["share"],
            gap_units=total - line["compliant_units"],
            monitor_found_units=line["monitor_found_units"],
        )
        for line in facts.get("by_item", [])
    ]
    by_code = {line.code: line for line in items}
    not_reported = facts.get("not_reported", [])
    disagreements = facts.get("disagreements", [])
    return OverallPage(
        headline=facts.get("headline", {}),
        items=items,
        rows=rows,
        unit_count=len(chosen),
        page=page,
        page_count=page_count,
        common_gaps=[by_code[code] for code in facts.get("common_gaps", [])[:10] if code in by_code],
        not_reported=[names.get(slug, slug) for slug in not_reported[:LIST_LIMIT]],
        not_reported_count=len(not_reported),
        disagreements=[
            {
                "unit": names.get(d["unit"], d["unit"]),
                "slug": d["unit"],
                "item": d["item"],
                "item_name": item_names.get(d["item"], ""),
                "register_status": d["register_status"],
                "monitor_status": d["monitor_status"],
            }
            for d in disagreements[:LIST_LIMIT]
        ],
        disagreement_count=len(disagreements),
        trend=facts.get("trend", []),
        round_code=facts.get("round", report.round.code),
        previous_round=facts.get("previous_round", ""),
        cut_off=facts.get("cut_off", ""),
        names=names,
    )


def overall_recommendations(report: OverallReport, *, included_only: bool = False) -> QuerySet[Recommendation]:
    """Return the report's recommendations in order, with who edited them (one query)."""
    found = report.recommendations.select_related("edited_by").order_by("position", "id")
    return found.filter(included=True) if included_only else found


def overall_history(report: OverallReport) -> list[AuditEvent]:
    """Return what happened to the report, oldest first, from the audit trail (one query)."""
    return list(
        AuditEvent.objects.filter(object_type=OverallReport._meta.label_lower, object_id=str(report.pk))
        .select_related("actor")
        .order_by("sequence")
    )


@dataclass(frozen=True)
class ExecutiveView:
    """What an executive reads of a round: the state, headline figures, the summary, the trend, the recommendations."""

    state: str
    headline: dict[str, Any]
    trend: list[dict[str, Any]]
    cut_off: str
    previous_round: str
    summary_th: str
    summary_en: str
    recommendations: list[dict[str, Any]]


def executive_view(round: Round) -> ExecutiveView | None:
    """Return the executive summary of the round's overall report, or None before it is compiled (two queries).

    Only the headline and the trend are read out of the stored facts (by the database), never the
    per-unit rows, so the page costs the same for ten units or ten thousand.
    """
    found = (
        OverallReport.objects.filter(round=round)
        .values_list(
            "pk",
            "state",
            "facts__headline",
            "facts__trend",
            "facts__cut_off",
            "facts__previous_round",
            "summary_th",
            "summary_en",
        )
        .first()
    )
    if found is None:
        return None
    pk, state, headline, trend, cut_off, previous, summary_th, summary_en = found
    recommendations: list[dict[str, Any]] = [
        dict(row)
        for row in Recommendation.objects.filter(report_id=pk, included=True)
        .order_by("position", "id")
        .values("rule", "text_th", "text_en", "figures", "units", "items")
    ]
    return ExecutiveView(
        state=state,
        headline=headline or {},
        trend=trend or [],
        cut_off=cut_off or "",
        previous_round=previous or "",
        summary_th=summary_th,
        summary_en=summary_en,
        recommendations=recommendations,
    )


def overall_charts(report: OverallReport, *, language: str) -> dict[str, str]:
    """Draw the overall report's three charts from its stored facts (one query).

    Only the parts of the facts the charts read are fetched — items by item, the units' ranking
    rows and the trend — never the summary or the disagreements.
    """
    by_item, units, trend = (
        OverallReport.objects.filter(pk=report.pk).values_list("facts__by_item", "facts__units", "facts__trend").get()
    )
    facts: Any = {"by_item": by_item or [], "units": units or [], "trend": trend or []}
    return {
        "item": compliance_by_item_svg(facts, language),
        "unit": compliance_by_unit_svg(facts, language),
        "trend": trend_svg(facts, language),
    }


def executive_chart(view: "ExecutiveView", *, language: str) -> str:
    """Draw the trend chart of the executive view from the trend it already read (no query)."""
    facts: Any = {"trend": view.trend}
    return trend_svg(facts, language)
