"""The ITA sheet as an XLSX workbook (openpyxl): the sheet a unit copies into the ITAS form, and its gaps."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from prongsai.disclosures.models import EntryStatusChoices
from prongsai.thaidate import format_date_in

from .ita import FLAG_LABELS, SOURCE_LABELS, ItaSheet

DATE_FORMAT = "yyyy-mm-dd"
HEADER_ROW = 6  # rows 1–4 name the sheet, the unit, the fiscal year and the day; row 5 is blank
MAIN_SHEET = "OIT"
GAPS_SHEET = "Gaps"
_BOLD = Font(bold=True)


def _link(sheet: Worksheet, row: int, column: int, url: str) -> None:
    """Write an address as a real hyperlink (one target per cell, which is why the sheet has a row per address)."""
    if not url:
        return
    cell = sheet.cell(row=row, column=column, value=url)
    cell.hyperlink = url
    cell.style = "Hyperlink"


def ita_sheet_xlsx(sheet: ItaSheet, *, language: str = "th") -> bytes:
    """Return the ITA sheet as an XLSX file: one row per OIT code × mapped item, and a "Gaps" sheet.

    One row per code and item, not one row per code with joined cells: the ITAS form takes one address
    per field and a unit pastes them one by one, and a spreadsheet cell holds only one real hyperlink, so
    joined addresses could not be clicked to check them. A code no item maps to still gets its row, with
    the gap written in the gaps column. Headers are Thai by default (the ITAS is in Thai); dates are real
    dates, the fiscal year a number, addresses hyperlinks.
    """
    with translation.override(language):
        return _workbook(sheet, language)


def _workbook(sheet: ItaSheet, language: str) -> bytes:
    book = Workbook()
    main = book.active
    assert main is not None  # a new workbook always has its first sheet
    main.title = MAIN_SHEET
    organization = sheet.organization
    main["A1"] = _("ITA sheet: evidence of the open data assessment (OIT)")
    main["A1"].font = Font(bold=True, size=14)
    main["A2"] = _("Unit")
    main["B2"] = organization.name(language)
    main["A3"] = _("Fiscal year")
    main["B3"] = sheet.fiscal_year
    main["C3"] = sheet.oit.title_en if language == "en" else sheet.oit.title_th
    main["A4"] = _("As of")
    main["B4"] = sheet.today
    main["B4"].number_format = DATE_FORMAT
    main["C4"] = format_date_in(language, sheet.today)
    for cell in ("A2", "A3", "A4"):
        main[cell].font = _BOLD

    headers = [
        _("OIT code"),
        _("OIT item"),
        _("Item code"),
        _("Register item"),
        _("Evidence address on the unit's own website"),
        _("Address from"),
        _("Register status"),
        _("Information as of"),
        _("Last reviewed"),
        _("Review due"),
        _("Gaps"),
        _("The register's address elsewhere"),
    ]
    for column, header in enumerate(headers, start=1):
        cell = main.cell(row=HEADER_ROW, column=column, value=header)
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    row_number = HEADER_ROW
    for row in sheet.rows:
        title = row.title(language)
        if not row.items:
            row_number += 1
            main.cell(row=row_number, column=1, value=row.code)
            main.cell(row=row_number, column=2, value=title)
            main.cell(row=row_number, column=11, value=str(FLAG_LABELS[row.flags[0]]))
            continue
        for item in row.items:
            row_number += 1
            main.cell(row=row_number, column=1, value=row.code)
            main.cell(row=row_number, column=2, value=title)
            main.cell(row=row_number, column=3, value=item.code)
            main.cell(row=row_number, column=4, value=item.name(language))
            _link(main, row_number, 5, item.url)
            if item.source is not None:
                main.cell(row=row_number, column=6, value=str(SOURCE_LABELS[item.source]))
            main.cell(row=row_number, column=7, value=str(EntryStatusChoices(item.status.value).label))
            for column, value in ((8, item.as_of), (9, item.reviewed_on), (10, item.next_review_due)):
                if value is not None:
                    main.cell(row=row_number, column=column, value=value).number_format = DATE_FORMAT
            if item.flags:
                main.cell(row=row_number, column=11, value="; ".join(str(FLAG_LABELS[f]) for f in item.flags))
            _link(main, row_number, 12, item.offsite_url)
    for letter, width in zip("ABCDEFGHIJKL", (10, 48, 10, 36, 48, 16, 16, 14, 14, 14, 48, 40), strict=True):
        main.column_dimensions[letter].width = width
    main.freeze_panes = main.cell(row=HEADER_ROW + 1, column=1)

    gaps = book.create_sheet(GAPS_SHEET)
    gap_headers = [_("OIT code"), _("OIT item"), _("Item code"), _("Register item"), _("Gap")]
    for column, header in enumerate(gap_headers, start=1):
        gaps.cell(row=1, column=column, value=header).font = _BOLD
    for number, gap in enumerate(sheet.gaps, start=2):
        gaps.cell(row=number, column=1, value=gap.code)
        gaps.cell(row=number, column=2, value=gap.title_en if language == "en" else gap.title_th)
        if gap.item_code:
            gaps.cell(row=number, column=3, value=gap.item_code)
            gaps.cell(row=number, column=4, value=gap.item_name_en if language == "en" else gap.item_name_th)
        gaps.cell(row=number, column=5, value=str(FLAG_LABELS[gap.flag]))
    for letter, width in zip("ABCDE", (10, 48, 10, 36, 48), strict=True):
        gaps.column_dimensions[letter].width = width
    gaps.freeze_panes = "A2"

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
