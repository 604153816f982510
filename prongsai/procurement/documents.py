"""The monthly summary (แบบ สขร.1) as a document: print HTML, PDF (landscape A4, Sarabun) and XLSX.

Everything is made from a MonthSummary (prongsai.procurement.snapshot) and the unit's names, so
a month's live summary and a published snapshot print alike, and the portal can render one
without the records. The columns are the form's, in its order:

    ลำดับ · งานที่จัดซื้อจัดจ้าง · วงเงินที่จะซื้อหรือจ้าง · ราคากลาง · วิธีซื้อหรือจ้าง ·
    รายชื่อผู้เสนอราคาและราคาที่เสนอ · ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง ·
    เหตุผลที่คัดเลือกโดยสรุป · เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง

Money prints as Thai forms write it ("95,000.00"); a bidder and the winner are written as the
units' own workbooks join a name and a price ("บริษัท ก จำกัด / 95,000.00 บาท"), several bidders
one per line and numbered, so a generated workbook reads back through the importer. Dates are
Buddhist-era in Thai ("18 มีนาคม 2569"), common-era in English. A closed month without records
prints the dated declaration "ไม่มีการจัดซื้อจัดจ้าง"; a month not yet closed says so.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import npgettext, pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from prongsai.money import amount_from_json, format_baht
from prongsai.organizations.models import Organization
from prongsai.rendering.pdf import html_to_pdf, htmls_to_pdfs, sarabun_font_faces
from prongsai.rendering.xlsx import workbook_bytes
from prongsai.thaidate import format_english_date, format_thai_date, format_thai_month
from prongsai.thaidate.months import ENGLISH_MONTHS

from .periods import parse_month_code
from .snapshot import BidData, MonthSummary, RecordData

__all__ = [
    "SummaryDocument",
    "SummaryRow",
    "method_label",
    "summary_document",
    "summary_html",
    "summary_pdf",
    "summary_xlsx",
]

CONTEXT = "procurement summary"
MONEY_FORMAT = "#,##0.00"
NOTHING = "–"
# The form's columns: width in the workbook (characters).
_WIDTHS = (7, 36, 15, 15, 18, 36, 34, 28, 30)
_LETTERS = "ABCDEFGHI"
_WRAP = Alignment(wrap_text=True, vertical="top")
_NUMBER = Alignment(horizontal="right", vertical="top")
_BOLD = Font(bold=True)


def method_label(method: str, language: str) -> str:
    """Name a procurement method as the form writes it ("เฉพาะเจาะจง"), or in English."""
    with translation.override(language):
        labels = {
            "specific": pgettext(CONTEXT, "Specific method"),
            "selection": pgettext(CONTEXT, "Selection"),
            "e_bidding": pgettext(CONTEXT, "Electronic bidding (e-bidding)"),
            "e_market": pgettext(CONTEXT, "Electronic market (e-market)"),
            "price_agreement": pgettext(CONTEXT, "Price agreement"),
            "price_inquiry": pgettext(CONTEXT, "Price inquiry"),
            "bidding": pgettext(CONTEXT, "Bidding"),
            "special": pgettext(CONTEXT, "Special method"),
            "special_case": pgettext(CONTEXT, "Special case"),
        }
    return labels.get(method, method)


def _headers() -> list[str]:
    """Return the form's column headings in its order (in the active language)."""
    return [
        pgettext(CONTEXT, "No."),
        pgettext(CONTEXT, "Procurement"),
        pgettext(CONTEXT, "Budget for the purchase or hire"),
        pgettext(CONTEXT, "Reference price"),
        pgettext(CONTEXT, "Method of purchase or hire"),
        pgettext(CONTEXT, "Bidders and prices offered"),
        pgettext(CONTEXT, "Selected vendor and agreed price"),
        pgettext(CONTEXT, "Reason for the selection, in brief"),
        pgettext(CONTEXT, "Number and date of the contract or agreement"),
    ]


def _date(value: dt.date, language: str) -> str:
    return format_thai_date(value) if language == "th" else format_english_date(value)


def _month(value: dt.date, language: str) -> str:
    return format_thai_month(value) if language == "th" else f"{ENGLISH_MONTHS[value.month]} {value.year}"


def _money(value: str | None) -> str:
    amount = amount_from_json(value)
    return NOTHING if amount is None else format_baht(amount)


def _priced(name: str, price: str | None) -> str:
    """Join a name and a price as the form's cells do: "บริษัท ก จำกัด / 95,000.00 บาท"."""
    amount = amount_from_json(price)
    if amount is None:
        return name
    return pgettext(CONTEXT, "%(name)s / %(price)s baht") % {"name": name, "price": format_baht(amount)}


def _bids(bids: list[BidData]) -> list[str]:
    """Write the bidders one per line, numbered when there are several."""
    lines = [_priced(bid["bidder"], bid["price"]) for bid in bids]
    if len(lines) > 1:
        return [f"{number}. {line}" for number, line in enumerate(lines, start=1)]
    return lines


def _contract(row: RecordData, language: str) -> str:
    """Write the contract cell: "สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม 2569"."""
    number, kind = row["contract_number"], row["contract_kind"]
    parts: list[str] = []
    if number:
        numbered = {
            "contract": pgettext(CONTEXT, "Contract No. %(number)s"),
            "purchase_order": pgettext(CONTEXT, "Purchase order No. %(number)s"),
            "work_order": pgettext(CONTEXT, "Work order No. %(number)s"),
            "agreement": pgettext(CONTEXT, "Agreement No. %(number)s"),
        }.get(kind, pgettext(CONTEXT, "No. %(number)s"))
        parts.append(numbered % {"number": number})
    elif kind:
        parts.append(
            {
                "contract": pgettext(CONTEXT, "Contract"),
                "purchase_order": pgettext(CONTEXT, "Purchase order"),
                "work_order": pgettext(CONTEXT, "Work order"),
                "agreement": pgettext(CONTEXT, "Agreement"),
            }.get(kind, kind)
        )
    if row["contract_date"]:
        signed = dt.date.fromisoformat(row["contract_date"])
        parts.append(pgettext(CONTEXT, "dated %(date)s") % {"date": _date(signed, language)})
    return " ".join(parts) or NOTHING


@dataclass(frozen=True)
class SummaryRow:
    """One row of the form: the text each column prints, and the amounts as numbers for the workbook."""

    sequence: int
    item: str
    budget: Decimal
    budget_text: str
    reference_price: Decimal | None
    reference_text: str
    method: str
    bids: list[str]
    winner: str
    reason: str
    contract: str

    @property
    def cells(self) -> list[str]:
        """Return the nine columns as printed text, bidders one per line."""
        return [
            str(self.sequence),
            self.item,
            self.budget_text,
            self.reference_text,
            self.method,
            "\n".join(self.bids) or NOTHING,
            self.winner,
            self.reason,
            self.contract,
        ]


@dataclass(frozen=True)
class SummaryDocument:
    """What the form of one month says, in one language: title block, headings, rows, totals or the declaration."""

    language: str
    form: str
    title: str
    unit_name: str
    status: str  # "ข้อมูล ณ วันที่ …", or that the month is not closed
    closed: bool
    headers: list[str]
    rows: list[SummaryRow]
    empty: str  # what the table says when there are no rows
    total_label: str
    budget_total: Decimal
    agreed_total: Decimal
    month: str
    organization: str

    @property
    def budget_total_text(self) -> str:
        return format_baht(self.budget_total)

    @property
    def agreed_total_text(self) -> str:
        return format_baht(self.agreed_total)


def _row(data: RecordData, language: str) -> SummaryRow:
    budget = amount_from_json(data["budget"]) or Decimal("0.00")
    detail = data["method_detail"] if language == "th" else ""
    return SummaryRow(
        sequence=data["sequence"],
        item=data["item"],
        budget=budget,
        budget_text=format_baht(budget),
        reference_price=amount_from_json(data["reference_price"]),
        reference_text=_money(data["reference_price"]),
        method=detail or method_label(data["method"], language),
        bids=_bids(data["bids"]),
        winner=_priced(data["winner"], data["winner_price"]) if data["winner"] else NOTHING,
        reason=data["reason"] or NOTHING,
        contract=_contract(data, language),
    )


def summary_document(summary: MonthSummary, *, organization: Organization, language: str = "th") -> SummaryDocument:
    """Say what the form of the month prints, in Thai (Buddhist-era dates) or English."""
    month = parse_month_code(summary["month"])
    with translation.override(language):
        month_name = _month(month, language)
        as_of = dt.date.fromisoformat(summary["as_of"]) if summary["as_of"] else None
        if summary["closed"] and as_of is not None:
            status = pgettext(CONTEXT, "Information as of %(date)s") % {"date": _date(as_of, language)}
            empty = pgettext(CONTEXT, "No procurement in %(month)s (information as of %(date)s)") % {
                "month": month_name,
                "date": _date(as_of, language),
            }
        else:
            status = pgettext(CONTEXT, "The month is not closed yet: the list may be incomplete.")
            empty = pgettext(CONTEXT, "No procurement recorded for the month yet.")
        count = summary["totals"]["count"]
        return SummaryDocument(
            language=language,
            form=pgettext(CONTEXT, "Form SKR.1"),
            title=pgettext(CONTEXT, "Summary of procurement results for the month of %(month)s")
            % {"month": month_name},
            unit_name=organization.name(language),
            status=status,
            closed=summary["closed"],
            headers=_headers(),
            rows=[_row(row, language) for row in summary["rows"]],
            empty=empty,
            total_label=npgettext(CONTEXT, "Total: %(count)s procurement", "Total: %(count)s procurements", count)
            % {"count": count},
            budget_total=Decimal(summary["totals"]["budget"]),
            agreed_total=Decimal(summary["totals"]["agreed"]),
            month=summary["month"],
            organization=summary["organization"],
        )


def summary_html(summary: MonthSummary, *, organization: Organization, language: str = "th") -> str:
    """Return the print HTML of a month's summary: landscape A4, Sarabun, Thai page numbers in Thai."""
    document = summary_document(summary, organization=organization, language=language)
    with translation.override(language):
        return render_to_string(
            "procurement/print/summary.html",
            {
                "document": document,
                "language": language,
                "fonts": mark_safe(sarabun_font_faces()),  # noqa: S308 - our own CSS: the font files as data: URLs
            },
        )


def summary_pdf(summary: MonthSummary, *, organization: Organization, language: str = "th") -> bytes:
    """Return the PDF of a month's summary with its Thai text layer (byte-stable: the same summary, the same bytes).

    Raise prongsai.rendering.pdf.PdfUnavailable on a machine without Chromium.
    """
    html = summary_html(summary, organization=organization, language=language)
    return html_to_pdf(html, title=f"{summary['organization']} {summary['month']}")


def summary_pdfs(summaries: Sequence[MonthSummary], *, organization: Organization, language: str = "th") -> list[bytes]:
    """Return the PDFs of several months' summaries of one unit, printed in one browser (a year at a time).

    Each PDF is the same bytes summary_pdf gives for its month alone.
    """
    return htmls_to_pdfs(
        [
            (summary_html(s, organization=organization, language=language), f"{s['organization']} {s['month']}")
            for s in summaries
        ]
    )


def _stamp(summary: MonthSummary) -> dt.datetime:
    """Return the time the workbook is stamped with: the closing date, else the month's first day; never the clock."""
    day = dt.date.fromisoformat(summary["as_of"]) if summary["as_of"] else parse_month_code(summary["month"])
    return dt.datetime(day.year, day.month, day.day)


def summary_xlsx(summary: MonthSummary, *, organization: Organization, language: str = "th") -> bytes:
    """Return the XLSX of a month's summary: title rows, the form's header row (frozen), one row per procurement.

    Amounts are numbers formatted #,##0.00 (a blank cell where the form had none); text wraps;
    the sheet prints landscape on A4 with the header row repeated. The same summary gives the
    same bytes.
    """
    document = summary_document(summary, organization=organization, language=language)
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = summary["month"]
    for letter, width in zip(_LETTERS, _WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([document.form])
    sheet.append([document.title])
    sheet.append([document.unit_name])
    sheet.append([document.status])
    sheet.append([])
    sheet.append(document.headers)
    for title_row in (2, 3, 4):
        sheet.merge_cells(f"A{title_row}:I{title_row}")
        sheet[f"A{title_row}"].alignment = Alignment(horizontal="center")
    sheet["A1"].font = _BOLD
    sheet["A2"].font = _BOLD
    for cell in sheet[6]:
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    header_row = 6
    sheet.freeze_panes = f"A{header_row + 1}"
    for row in document.rows:
        sheet.append(
            [
                row.sequence,
                row.item,
                row.budget,
                row.reference_price,
                row.method,
                "\n".join(row.bids) or None,
                _blank(row.winner),
                _blank(row.reason),
                _blank(row.contract),
            ]
        )
        _format_row(sheet, sheet.max_row)
    if not document.rows:
        sheet.append([None, document.empty])
        sheet.merge_cells(f"B{sheet.max_row}:I{sheet.max_row}")
        sheet.cell(row=sheet.max_row, column=2).alignment = _WRAP
    else:
        sheet.append([None, document.total_label, document.budget_total, None, None, None, document.agreed_total])
        last = sheet.max_row
        for column in (2, 3, 7):
            sheet.cell(row=last, column=column).font = _BOLD
        for column in (3, 7):
            sheet.cell(row=last, column=column).number_format = MONEY_FORMAT
            sheet.cell(row=last, column=column).alignment = _NUMBER
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    return workbook_bytes(workbook, stamped=_stamp(summary))


def _blank(text: str) -> str | None:
    """Leave a cell empty where the printed form shows "–": a workbook reader filters on empty cells."""
    return None if text == NOTHING else text


def _format_row(sheet: Any, row: int) -> None:
    """Format one procurement's row: amounts as #,##0.00 numbers, everything else wrapped text at the top."""
    for column in range(1, 10):
        cell = sheet.cell(row=row, column=column)
        if column in (3, 4):
            cell.number_format = MONEY_FORMAT
            cell.alignment = _NUMBER
        elif column == 1:
            cell.alignment = Alignment(horizontal="center", vertical="top")
        else:
            cell.alignment = _WRAP
