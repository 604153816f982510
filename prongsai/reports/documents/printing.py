"""The reports as printed documents: what each print template shows, and the PDF made from it.

A unit report prints its title block (unit, round, period, cut-off, version), the summary, the
items with their reviews, the changes in the period, the monitor's findings, the open problems,
the channels' figures, the unit's action plan at the cut-off (facts taken since plans are kept as
records), the reporter's narrative and actions, and who prepared, approved and decided it. The
overall report prints its headline, the three charts, compliance by item, the compact units ×
items matrix, the ranking, the common gaps, the units that did not report, the disagreements
with the monitor, the included recommendations as the ICT Center edited them, the trend and its
approval. Everything comes from the stored facts and the report rows.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from prongsai.money import format_baht
from prongsai.rendering.pdf import html_to_pdf, sarabun_font_faces

from ..charts import compliance_by_item_svg, compliance_by_unit_svg, trend_svg
from ..facts import OverallFacts, PlanFacts, UnitFacts
from ..models import OverallReport, Recommendation, UnitReportVersion
from .presenting import (
    MATRIX_MARKS,
    currency_label,
    entry_status_label,
    figure,
    iso_date,
    iso_time,
    monitor_status_label,
    overall_state_label,
    person,
    report_state_label,
    round_label,
    round_period,
    show_date,
    show_time,
    text_in,
)

__all__ = ["overall_report_html", "overall_report_pdf", "unit_report_html", "unit_report_pdf"]


_CHANNEL_ORDER = {"opinion": 0, "complaint": 1}


def _channel_label(key: str) -> str:
    """Name a channel of the facts (opinion, complaint) for the reader."""
    labels = {
        "opinion": pgettext("report file", "Opinions of service users"),
        "complaint": pgettext("report file", "Complaints and suggestions"),
    }
    return labels.get(key, key)


def _percent(value: str | None) -> str:
    """Write a stored percentage ("45.50") for reading: "45.50 %", "–" when unknown."""
    return "–" if value is None else f"{value} %"


def plan_rows(plan: PlanFacts | None, language: str) -> list[tuple[str, str]]:
    """Write the unit's plan figures at the cut-off as (label, value) rows; none when the unit keeps no plan."""
    if not plan:
        return []
    return [
        (pgettext("report file", "Plan"), text_in(language, plan["title_th"], plan["title_en"])),
        (pgettext("report file", "Fiscal year"), str(plan["fiscal_year"])),
        (pgettext("report file", "Figures as of"), show_date(iso_date(plan["as_of"]), language)),
        (pgettext("report file", "Budget (baht)"), format_baht(Decimal(plan["budget"]))),
        (pgettext("report file", "Disbursed (baht)"), format_baht(Decimal(plan["disbursed"]))),
        (pgettext("report file", "Share of the budget disbursed (%)"), _percent(plan["disbursed_percent"])),
        (pgettext("report file", "Physical progress (weighted by budget)"), _percent(plan["progress_percent"])),
        (pgettext("report file", "Projects and activities"), str(plan["projects"])),
        (pgettext("report file", "Completed"), str(plan["completed"])),
        (pgettext("report file", "Behind schedule"), str(plan["behind"])),
        (pgettext("report file", "Projects not yet reported"), str(plan["not_reported"])),
    ]


def _unit_context(version: UnitReportVersion, language: str) -> dict[str, Any]:
    """Gather what the unit report's print template shows, from the version's facts and its own fields."""
    facts: UnitFacts = version.facts
    summary = facts["summary"]
    unit_name = text_in(language, facts["unit"]["name_th"], facts["unit"]["name_en"])
    items = [
        {
            "code": item["code"],
            "name": text_in(language, item["name_th"], item["name_en"]),
            "status": entry_status_label(item["status"], language),
            "last_review": show_date(iso_date(item["last_review_on"]), language),
            "reviewers": ", ".join(item["reviewers"]) or "–",
            "next_due": show_date(iso_date(item["next_review_due"]), language),
        }
        for item in facts["items"]
    ]
    changes = [
        {
            "code": item["code"],
            "number": change["number"],
            "state": entry_status_label("published", language)
            if change["state"] == "approved"
            else entry_status_label(change["state"], language),
            "decided_on": show_date(iso_date(change["decided_on"]), language),
            "note": change["change_note"] or "–",
        }
        for item in facts["items"]
        for change in item["changes"]
    ]
    monitor_rows = [
        {
            "code": item["code"],
            "status": monitor_status_label(finding["status"], language),
            "current": currency_label(finding["current"], language),
            "as_of": show_date(iso_date(finding["as_of"]), language),
            "override": finding["override_reason"] or "–" if finding["overridden"] else "–",
        }
        for item in facts["items"]
        if (finding := item["monitor"]) is not None
    ]
    check = facts["monitor"]
    channels = [
        {
            "label": _channel_label(key),
            "received": figures["received"],
            "closed": figures["closed"],
            "overdue": figures["overdue"],
            "median": figure(figures["median_days_to_close"]),
        }
        for key, figures in sorted(facts["channels"].items(), key=lambda pair: _CHANNEL_ORDER.get(pair[0], 9))
    ]
    signatures = [
        (
            pgettext("report file", "Prepared by"),
            person(version.created_by, language),
            show_time(version.created_at, language),
        )
    ]
    if version.approved_by_id:
        signatures.append(
            (
                pgettext("report file", "Approved by the unit head"),
                person(version.approved_by, language),
                show_time(version.submitted_at, language),
            )
        )
    if version.decided_by_id:
        signatures.append(
            (
                pgettext("report file", "Decided by the ICT Center")
                + f" ({report_state_label(version.state, language)})",
                person(version.decided_by, language),
                show_time(version.decided_at, language),
            )
        )
    title = pgettext("report file", "Report on publishing information to the public through the website")
    return {
        "language": language,
        "fonts": mark_safe(sarabun_font_faces()),  # noqa: S308 - our own CSS: the font files as data: URLs
        "doc_title": f"{title} {unit_name} {facts['round']}",
        "unit_name": unit_name,
        "round_label": round_label(facts["round"], language),
        "period": round_period(facts["round"], language),
        "cut_off": show_date(iso_date(facts["cut_off"]), language),
        "number": version.number,
        "state": report_state_label(version.state, language),
        "late": version.late,
        "summary": [
            (pgettext("report file", "Checklist items"), summary["items"]),
            (pgettext("report file", "Published and current"), summary["published"]),
            (pgettext("report file", "Overdue"), summary["overdue"]),
            (pgettext("report file", "Missing"), summary["missing"]),
            (pgettext("report file", "Found by the monitor"), summary["monitor_found"]),
            (pgettext("report file", "Monitor score"), figure(summary["score"])),
        ],
        "items": items,
        "changes": changes,
        "check": (
            {
                "url": check["url"],
                "finished": show_time(iso_time(check["finished_at"]), language),
                "score": figure(check["score"]),
            }
            if check
            else None
        ),
        "monitor_rows": monitor_rows,
        "problems": [
            f"{problem['item']} {text_in(language, problem['text_th'], problem['text_en'])}".strip()
            for problem in facts["problems"]
        ],
        "channels": channels,
        # Facts taken before plans were kept as records have no "plans" at all: their print stays as it was.
        "plan_known": "plans" in facts,
        "plan_rows": plan_rows(facts.get("plans"), language),
        "narrative": text_in(language, version.narrative_th, version.narrative_en),
        "actions": text_in(language, version.actions_th, version.actions_en),
        "signatures": signatures,
        "decision_comment": version.decision_comment,
    }


def unit_report_html(version: UnitReportVersion, *, language: str = "th") -> str:
    """Return the print HTML of one version of a unit's report, from its stored facts."""
    with translation.override(language):
        return render_to_string("reports/print/unit.html", _unit_context(version, language))


def unit_report_pdf(version: UnitReportVersion, *, language: str = "th") -> bytes:
    """Return the PDF of one version of a unit's report, in the official Thai style (byte-stable)."""
    html = unit_report_html(version, language=language)
    facts = version.facts
    with translation.override(language):
        title = f"{facts['unit']['slug']} {facts['round']} v{version.number}"
    return html_to_pdf(html, title=title)


def _names(facts: OverallFacts, language: str) -> Mapping[str, str]:
    """Map each unit's slug to its name in the reader's language, as the facts recorded it."""
    return {row["slug"]: text_in(language, row["name_th"], row["name_en"]) for row in facts["units"]}


def _headline(facts: OverallFacts) -> list[tuple[str, object]]:
    """Count the headline figures from the units' rows, so they always agree with the tables below them."""
    units = facts["units"]
    scores = [row["score"] for row in units if row["score"] is not None]
    return [
        (pgettext("report file", "Units"), len(units)),
        (pgettext("report file", "Units that reported"), sum(1 for row in units if row["report_state"] is not None)),
        (pgettext("report file", "Units that did not report"), len(facts["not_reported"])),
        (pgettext("report file", "Late reports"), sum(1 for row in units if row["late"])),
        (
            pgettext("report file", "Average compliance (%)"),
            figure(sum(row["compliance"] for row in units) / len(units)) if units else "–",
        ),
        (pgettext("report file", "Average monitor score"), figure(sum(scores) / len(scores)) if scores else "–"),
    ]


def recommendation_figures(recommendation: Recommendation) -> str:
    """Write the figures behind a recommendation as "name: value" pairs, in a stable order."""
    figures = recommendation.figures or {}
    return ", ".join(f"{key}: {figures[key]}" for key in sorted(figures))


def _overall_context(report: OverallReport, language: str) -> dict[str, Any]:
    """Gather what the overall report's print template shows: facts, charts and the included recommendations."""
    facts: OverallFacts = report.facts
    names = _names(facts, language)
    item_names = {item["code"]: text_in(language, item["name_th"], item["name_en"]) for item in facts["items"]}
    item_codes = [item["code"] for item in facts["items"]]
    recommendations = [
        {
            "text": text_in(language, row.text_th, row.text_en),
            "units": ", ".join(names.get(slug, slug) for slug in row.units),
            "items": ", ".join(row.items),
            "figures": recommendation_figures(row),
        }
        for row in report.recommendations.filter(included=True).order_by("position", "id")
    ]
    signatures = [
        (
            pgettext("report file", "Compiled by the ICT Center"),
            person(report.created_by, language),
            show_time(report.created_at, language),
        )
    ]
    if report.sent_by_id:
        signatures.append(
            (
                pgettext("report file", "Sent for approval by"),
                person(report.sent_by, language),
                show_time(report.sent_at, language),
            )
        )
    if report.approved_by_id:
        signatures.append(
            (
                pgettext("report file", "Approved by the supervisor"),
                person(report.approved_by, language),
                show_time(report.approved_at, language),
            )
        )
    legend = pgettext(
        "report file", "■ published and current · △ overdue · × missing · – in progress (draft, under review, returned)"
    )
    return {
        "language": language,
        "fonts": mark_safe(sarabun_font_faces()),  # noqa: S308 - our own CSS: the font files as data: URLs
        "doc_title": f"{pgettext('report file', 'Overall report')} {facts['round']}",
        "round_label": round_label(facts["round"], language),
        "period": round_period(facts["round"], language),
        "cut_off": show_date(iso_date(facts["cut_off"]), language),
        "state": overall_state_label(report.state, language),
        "headline": _headline(facts),
        "summary": text_in(language, report.summary_th, report.summary_en),
        # The charts are our own escaped SVG (charts.py).
        "chart_by_item": mark_safe(compliance_by_item_svg(facts, language)),  # noqa: S308
        "chart_by_unit": mark_safe(compliance_by_unit_svg(facts, language)),  # noqa: S308
        "chart_trend": mark_safe(trend_svg(facts, language)),  # noqa: S308
        "by_item": [
            {
                "code": row["code"],
                "name": text_in(language, row["name_th"], row["name_en"]),
                "compliant": row["compliant_units"],
                "share": figure(row["share"]),
                "found": row["monitor_found_units"],
            }
            for row in facts["by_item"]
        ],
        "legend": legend,
        "item_codes": item_codes,
        "matrix": [
            {
                "name": names[row["slug"]],
                "marks": [MATRIX_MARKS.get(row["cells"].get(code, ""), "") for code in item_codes],
            }
            for row in facts["units"]
        ],
        "ranking": [
            {
                "rank": row["rank"],
                "name": names[row["slug"]],
                "compliance": figure(row["compliance"]),
                "score": figure(row["score"]),
                "previous": figure(row["previous_score"]),
                "report": report_state_label(row["report_state"], language)
                + (f" ({pgettext('report file', 'late')})" if row["late"] else ""),
            }
            for row in facts["units"]
        ],
        "gaps": [f"{code} {item_names.get(code, '')}".strip() for code in facts["common_gaps"]],
        "not_reported": [names.get(slug, slug) for slug in facts["not_reported"]],
        "disagreements": [
            {
                "unit": names.get(row["unit"], row["unit"]),
                "item": row["item"],
                "register": entry_status_label(row["register_status"], language),
                "monitor": monitor_status_label(row["monitor_status"], language),
            }
            for row in facts["disagreements"]
        ],
        "recommendations": recommendations,
        "trend": [
            {"round": point["round"], "compliance": figure(point["compliance"]), "score": figure(point["score"])}
            for point in facts["trend"]
        ],
        "signatures": signatures,
    }


def overall_report_html(report: OverallReport, *, language: str = "th") -> str:
    """Return the print HTML of the overall report of a round, from its stored facts and recommendations."""
    with translation.override(language):
        return render_to_string("reports/print/overall.html", _overall_context(report, language))


def overall_report_pdf(report: OverallReport, *, language: str = "th") -> bytes:
    """Return the PDF of the overall report in the official Thai style (byte-stable)."""
    html = overall_report_html(report, language=language)
    return html_to_pdf(html, title=f"overall {report.facts['round']}")
