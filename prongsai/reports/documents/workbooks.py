"""The reports as XLSX workbooks: one sheet per view, real numbers and dates, Thai headers, frozen header rows.

A unit report has the sheets Summary, Items, Monitor, Problems and Channels (and Plan, the unit's
action plan at the cut-off, in facts taken since plans are kept as records); the overall report
Summary, Matrix, Ranking, Items, Not reported, Disagreements, Recommendations and Trend. Counts
are integers, percentages and scores floats, dates date cells with a date format — never text,
so a reader can sort, sum and chart them. The workbooks are written in openpyxl's write-only
mode (a national overall report has thousands of rows) and stamped with the facts' time, so the
same report gives the same bytes.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from prongsai.rendering.xlsx import workbook_bytes

from ..facts import OverallFacts, PlanFacts, UnitFacts
from ..models import OverallReport, UnitReportVersion
from .presenting import (
    currency_label,
    entry_status_label,
    iso_date,
    iso_time,
    local_naive,
    monitor_status_label,
    overall_state_label,
    person,
    report_state_label,
    round_label,
    text_in,
)
from .printing import recommendation_figures

__all__ = ["overall_report_xlsx", "unit_report_xlsx"]

DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "yyyy-mm-dd hh:mm"
_BOLD = Font(bold=True)


def _sheet(workbook: Workbook, title: str, headers: Sequence[str], widths: Sequence[int] = ()) -> WriteOnlyWorksheet:
    """Add a write-only sheet with a bold header row that stays in view when scrolling."""
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for index, width in enumerate(widths):
        if index < len(letters):
            sheet.column_dimensions[letters[index]].width = width
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = _BOLD
        header_cells.append(cell)
    sheet.append(header_cells)
    return sheet


def _cells(sheet: WriteOnlyWorksheet, values: Iterable[Any]) -> list[Any]:
    """Turn a row's values into cells: dates and times get a date format, everything else stays as it is."""
    row: list[Any] = []
    for value in values:
        if isinstance(value, dt.datetime):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = TIME_FORMAT
            row.append(cell)
        elif isinstance(value, dt.date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = DATE_FORMAT
            row.append(cell)
        else:
            row.append(value)
    return row


def _append(sheet: WriteOnlyWorksheet, *values: Any) -> None:
    """Add one row of values, dates formatted as dates."""
    sheet.append(_cells(sheet, values))


def _stamp(taken_at: str, fallback: dt.datetime) -> dt.datetime:
    """Return the time the workbook is stamped with: when its facts were taken, so it never changes."""
    return iso_time(taken_at) or fallback


def unit_report_xlsx(version: UnitReportVersion, *, language: str = "th") -> bytes:
    """Return the XLSX of one version of a unit's report: Summary, Items, Monitor, Problems, Channels."""
    facts: UnitFacts = version.facts
    with translation.override(language):
        workbook = Workbook(write_only=True)
        summary = facts["summary"]
        sheet = _sheet(
            workbook, "Summary", [pgettext("report file", "Field"), pgettext("report file", "Value")], (36, 48)
        )
        period_round = facts["round"]
        rows: list[tuple[str, Any]] = [
            (pgettext("report file", "Unit"), text_in(language, facts["unit"]["name_th"], facts["unit"]["name_en"])),
            (pgettext("report file", "Unit code"), facts["unit"]["slug"]),
            (pgettext("report file", "Round"), round_label(period_round, language)),
            (pgettext("report file", "Round code"), period_round),
            (pgettext("report file", "Information as of"), iso_date(facts["cut_off"])),
            (pgettext("report file", "Facts taken"), local_naive(iso_time(facts["taken_at"]))),
            (pgettext("report file", "Version"), version.number),
            (pgettext("report file", "State"), report_state_label(version.state, language)),
            (pgettext("report file", "Submitted on"), local_naive(version.submitted_at)),
            (pgettext("report file", "Submitted late"), version.late),
            (
                pgettext("report file", "Approved by the unit head"),
                person(version.approved_by, language) if version.approved_by_id else None,
            ),
            (pgettext("report file", "Checklist items"), summary["items"]),
            (pgettext("report file", "Published and current"), summary["published"]),
            (pgettext("report file", "Overdue"), summary["overdue"]),
            (pgettext("report file", "Missing"), summary["missing"]),
            (pgettext("report file", "Found by the monitor"), summary["monitor_found"]),
            (pgettext("report file", "Monitor score"), summary["score"]),
            (pgettext("report file", "Narrative"), text_in(language, version.narrative_th, version.narrative_en)),
            (pgettext("report file", "Actions"), text_in(language, version.actions_th, version.actions_en)),
        ]
        for label, value in rows:
            _append(sheet, label, value)

        sheet = _sheet(
            workbook,
            "Items",
            [
                pgettext("report file", "Item code"),
                pgettext("report file", "Item"),
                pgettext("report file", "Status"),
                pgettext("report file", "Published version"),
                pgettext("report file", "Last review"),
                pgettext("report file", "Reviewers"),
                pgettext("report file", "Next review due"),
                pgettext("report file", "Changes in the period"),
            ],
            (10, 40, 16, 10, 14, 30, 14, 10),
        )
        for item in facts["items"]:
            _append(
                sheet,
                item["code"],
                text_in(language, item["name_th"], item["name_en"]),
                entry_status_label(item["status"], language),
                item["published_version"],
                iso_date(item["last_review_on"]),
                ", ".join(item["reviewers"]),
                iso_date(item["next_review_due"]),
                len(item["changes"]),
            )

        sheet = _sheet(
            workbook,
            "Monitor",
            [
                pgettext("report file", "Item code"),
                pgettext("report file", "Finding"),
                pgettext("report file", "Currency"),
                pgettext("report file", "Date on the evidence"),
                pgettext("report file", "Overridden"),
                pgettext("report file", "Reason for the override"),
                pgettext("report file", "Evidence address"),
            ],
            (10, 16, 16, 14, 10, 30, 50),
        )
        for item in facts["items"]:
            finding = item["monitor"]
            if finding is None:
                continue
            _append(
                sheet,
                item["code"],
                monitor_status_label(finding["status"], language),
                currency_label(finding["current"], language),
                iso_date(finding["as_of"]),
                finding["overridden"],
                finding["override_reason"],
                finding["evidence_url"],
            )

        sheet = _sheet(
            workbook,
            "Problems",
            [pgettext("report file", "Kind"), pgettext("report file", "Item code"), pgettext("report file", "Problem")],
            (20, 10, 70),
        )
        for problem in facts["problems"]:
            _append(sheet, problem["kind"], problem["item"], text_in(language, problem["text_th"], problem["text_en"]))

        sheet = _sheet(
            workbook,
            "Channels",
            [
                pgettext("report file", "Channel"),
                pgettext("report file", "Received"),
                pgettext("report file", "Closed"),
                pgettext("report file channels", "Overdue"),
                pgettext("report file", "Median days to close"),
            ],
            (24, 10, 10, 10, 14),
        )
        for key in sorted(facts["channels"], key=lambda name: ({"opinion": 0, "complaint": 1}.get(name, 9), name)):
            figures = facts["channels"][key]
            _append(
                sheet, key, figures["received"], figures["closed"], figures["overdue"], figures["median_days_to_close"]
            )
        if "plans" in facts:
            _plan_sheet(workbook, facts.get("plans"), language)
        return workbook_bytes(workbook, stamped=_stamp(facts["taken_at"], version.facts_taken_at))


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _plan_sheet(workbook: Workbook, plan: PlanFacts | None, language: str) -> None:
    """Add the unit's plan at the cut-off: amounts and percentages as numbers, the cut-off as a date."""
    sheet = _sheet(workbook, "Plan", [pgettext("report file", "Field"), pgettext("report file", "Value")], (40, 48))
    if not plan:
        _append(
            sheet,
            pgettext("report file", "Plan"),
            pgettext("report file", "The unit keeps no action plan of this fiscal year in the system."),
        )
        return
    rows: list[tuple[str, Any]] = [
        (pgettext("report file", "Plan"), text_in(language, plan["title_th"], plan["title_en"])),
        (pgettext("report file", "Fiscal year"), plan["fiscal_year"]),
        (pgettext("report file", "Figures as of"), iso_date(plan["as_of"])),
        (pgettext("report file", "Budget (baht)"), Decimal(plan["budget"])),
        (pgettext("report file", "Disbursed (baht)"), Decimal(plan["disbursed"])),
        (pgettext("report file", "Share of the budget disbursed (%)"), _decimal(plan["disbursed_percent"])),
        (pgettext("report file", "Physical progress (weighted by budget)"), _decimal(plan["progress_percent"])),
        (pgettext("report file", "Projects and activities"), plan["projects"]),
        (pgettext("report file", "Completed"), plan["completed"]),
        (pgettext("report file", "Behind schedule"), plan["behind"]),
        (pgettext("report file", "Projects not yet reported"), plan["not_reported"]),
    ]
    for label, value in rows:
        _append(sheet, label, value)


def overall_report_xlsx(report: OverallReport, *, language: str = "th") -> bytes:
    """Return the XLSX of the overall report: Summary, Matrix, Ranking, Items, Not reported, Disagreements,
    Recommendations, Trend."""
    facts: OverallFacts = report.facts
    names = {row["slug"]: text_in(language, row["name_th"], row["name_en"]) for row in facts["units"]}
    codes = [item["code"] for item in facts["items"]]
    with translation.override(language):
        workbook = Workbook(write_only=True)
        units = facts["units"]
        sheet = _sheet(
            workbook, "Summary", [pgettext("report file", "Field"), pgettext("report file", "Value")], (36, 40)
        )
        scores = [row["score"] for row in units if row["score"] is not None]
        rows: list[tuple[str, Any]] = [
            (pgettext("report file", "Round"), round_label(facts["round"], language)),
            (pgettext("report file", "Round code"), facts["round"]),
            (pgettext("report file", "Information as of"), iso_date(facts["cut_off"])),
            (pgettext("report file", "Facts taken"), local_naive(iso_time(facts["taken_at"]))),
            (pgettext("report file", "State"), overall_state_label(report.state, language)),
            (
                pgettext("report file", "Approved by the supervisor"),
                person(report.approved_by, language) if report.approved_by_id else None,
            ),
            (pgettext("report file", "Approved"), local_naive(report.approved_at)),
            (pgettext("report file", "Units"), len(units)),
            (
                pgettext("report file", "Units that reported"),
                sum(1 for row in units if row["report_state"] is not None),
            ),
            (pgettext("report file", "Units that did not report"), len(facts["not_reported"])),
            (pgettext("report file", "Late reports"), sum(1 for row in units if row["late"])),
            (
                pgettext("report file", "Average compliance (%)"),
                round(sum(row["compliance"] for row in units) / len(units), 2) if units else None,
            ),
            (pgettext("report file", "Average monitor score"), round(sum(scores) / len(scores), 2) if scores else None),
        ]
        rows += [(key, value) for key, value in sorted(facts["headline"].items())]
        for label, value in rows:
            _append(sheet, label, value)

        sheet = _sheet(
            workbook,
            "Matrix",
            [
                pgettext("report file", "Unit code"),
                pgettext("report file", "Unit"),
                *codes,
                pgettext("report file", "Compliance (%)"),
            ],
            (16, 40, *[8] * len(codes)),
        )
        for row in units:
            _append(
                sheet,
                row["slug"],
                names[row["slug"]],
                *[entry_status_label(row["cells"].get(code), language) for code in codes],
                row["compliance"],
            )

        sheet = _sheet(
            workbook,
            "Ranking",
            [
                pgettext("report file", "Rank"),
                pgettext("report file", "Unit code"),
                pgettext("report file", "Unit"),
                pgettext("report file", "Compliance (%)"),
                pgettext("report file", "Score"),
                pgettext("report file", "Previous round"),
                pgettext("report file", "Report"),
                pgettext("report file", "Submitted late"),
                pgettext("report file", "Submitted on"),
            ],
            (6, 16, 40, 12, 10, 12, 20, 10, 12),
        )
        for row in units:
            _append(
                sheet,
                row["rank"],
                row["slug"],
                names[row["slug"]],
                row["compliance"],
                row["score"],
                row["previous_score"],
                report_state_label(row["report_state"], language),
                row["late"],
                iso_date(row["submitted_on"]),
            )

        sheet = _sheet(
            workbook,
            "Items",
            [
                pgettext("report file", "Item code"),
                pgettext("report file", "Item"),
                pgettext("report file", "Units compliant"),
                pgettext("report file", "Share (%)"),
                pgettext("report file", "Found by the monitor"),
            ],
            (10, 40, 12, 10, 12),
        )
        for item in facts["by_item"]:
            _append(
                sheet,
                item["code"],
                text_in(language, item["name_th"], item["name_en"]),
                item["compliant_units"],
                item["share"],
                item["monitor_found_units"],
            )

        sheet = _sheet(
            workbook, "Not reported", [pgettext("report file", "Unit code"), pgettext("report file", "Unit")], (16, 40)
        )
        for slug in facts["not_reported"]:
            _append(sheet, slug, names.get(slug, slug))

        sheet = _sheet(
            workbook,
            "Disagreements",
            [
                pgettext("report file", "Unit code"),
                pgettext("report file", "Unit"),
                pgettext("report file", "Item code"),
                pgettext("report file", "Register"),
                pgettext("report file", "Monitor"),
            ],
        )
        for disagreement in facts["disagreements"]:
            _append(
                sheet,
                disagreement["unit"],
                names.get(disagreement["unit"], disagreement["unit"]),
                disagreement["item"],
                entry_status_label(disagreement["register_status"], language),
                monitor_status_label(disagreement["monitor_status"], language),
            )

        sheet = _sheet(
            workbook,
            "Recommendations",
            [
                pgettext("report file", "Order"),
                pgettext("report file", "Rule"),
                pgettext("report file", "Included in the report"),
                pgettext("report file", "Recommendation"),
                pgettext("report file", "Generated text"),
                pgettext("report file", "Units"),
                pgettext("report file", "Items"),
                pgettext("report file", "Figures"),
            ],
            (6, 20, 10, 60, 60, 30, 20, 30),
        )
        for recommendation in report.recommendations.order_by("position", "id"):
            _append(
                sheet,
                recommendation.position,
                recommendation.rule,
                recommendation.included,
                text_in(language, recommendation.text_th, recommendation.text_en),
                text_in(language, recommendation.generated_th, recommendation.generated_en),
                ", ".join(recommendation.units),
                ", ".join(recommendation.items),
                recommendation_figures(recommendation),
            )

        sheet = _sheet(
            workbook,
            "Trend",
            [
                pgettext("report file", "Round"),
                pgettext("report file", "Compliance (%)"),
                pgettext("report file", "Score"),
            ],
            (12, 12, 10),
        )
        for point in facts["trend"]:
            _append(sheet, point["round"], point["compliance"], point["score"])
        return workbook_bytes(workbook, stamped=_stamp(facts["taken_at"], report.facts_taken_at))
