"""Our structured templates for procurement records and the annual procurement plan, as XLSX to download and fill.

Each template has the sheet to fill (a header row of "Thai label (field)" cells, one column per
field of RecordInput or PlanLineInput, with drop-down lists for the method, the kind of contract
and the status), a sheet of instructions in Thai and English, and the sheet holding the lists.
The import (workbook.py) finds the header by the field names in brackets, so a unit may reorder
the columns, add its own, or put title rows above. The bytes are the same on every download.
"""

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from prongsai.rendering.xlsx import workbook_bytes

from .workbook import PLAN_TEMPLATE_COLUMNS, RECORDS_TEMPLATE_COLUMNS

__all__ = [
    "CONTRACT_KIND_LABELS",
    "METHOD_LABELS",
    "STATUS_LABELS",
    "plan_template_xlsx",
    "records_template_xlsx",
]

# The template's version: the time stamped into the file, so that every download is the same bytes.
TEMPLATE_STAMP = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)

# What the drop-down lists offer (the reader, cells.py, reads each back as the stored value on the left).
METHOD_LABELS: tuple[tuple[str, str], ...] = (
    ("specific", "เฉพาะเจาะจง"),
    ("selection", "คัดเลือก"),
    ("e_bidding", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"),
    ("e_market", "ตลาดอิเล็กทรอนิกส์ (e-market)"),
    ("price_agreement", "ตกลงราคา"),
    ("price_inquiry", "สอบราคา"),
    ("bidding", "ประกวดราคา"),
    ("special", "วิธีพิเศษ"),
    ("special_case", "กรณีพิเศษ"),
)
CONTRACT_KIND_LABELS: tuple[tuple[str, str], ...] = (
    ("contract", "สัญญา"),
    ("purchase_order", "ใบสั่งซื้อ"),
    ("work_order", "ใบสั่งจ้าง"),
    ("agreement", "ข้อตกลง"),
)
STATUS_LABELS: tuple[tuple[str, str], ...] = (
    ("not_signed", "ยังไม่ได้ลงนามในสัญญา"),
    ("in_contract", "อยู่ระหว่างระยะสัญญา"),
    ("completed", "สิ้นสุดระยะสัญญา"),
    ("cancelled", "ยกเลิกการดำเนินการ"),
)

RECORDS_SHEET = "ผลการจัดซื้อจัดจ้าง"
PLAN_SHEET = "แผนการจัดซื้อจัดจ้าง"
INSTRUCTIONS_SHEET = "คำอธิบาย"
LISTS_SHEET = "ตัวเลือก"
_DATA_ROWS = 2000  # rows the drop-down lists and formats cover

_MONEY = {"budget", "reference_price", "winner_price"}
_TEXT = {"month", "expected_month", "contract_number", "egp_number"}
_WIDE = {"item", "name", "bids", "reason", "method_detail", "note"}

_RECORD_NOTES: dict[str, tuple[str, str]] = {
    "month": ("เดือนที่สรุปผล เช่น 2569-03 หรือ 2026-03 หรือ มี.ค. 69", "the month of the summary, e.g. 2026-03"),
    "sequence": ("ลำดับในสรุปผลของเดือนนั้น (1, 2, 3 …)", "the row number in that month's summary"),
    "item": ("ชื่องานที่จัดซื้อจัดจ้าง", "what was procured"),
    "budget": ("ตัวเลข เช่น 95000 หรือ 95,000.00", "a number, e.g. 95000 or 95,000.00"),
    "reference_price": ("เว้นว่างได้", "may be left empty"),
    "method": ("เลือกจากรายการ", "choose from the list"),
    "method_detail": ("เช่น มาตรา 56 (2) (ข) เว้นว่างได้", "e.g. the section of the Act; may be left empty"),
    "bids": (
        "บรรทัดละราย: ชื่อ / ราคา เช่น บริษัท ก จำกัด / 95,000.00 (ขึ้นบรรทัดใหม่ในเซลล์ด้วย Alt+Enter)",
        "one bidder a line: name / price (a new line in a cell: Alt+Enter)",
    ),
    "winner": ("ชื่อผู้ได้รับการคัดเลือก (เว้นว่างได้เมื่อสถานะเป็นยกเลิก)", "the selected vendor (empty if cancelled)"),
    "winner_price": ("ราคาที่ตกลงซื้อหรือจ้าง", "the agreed price"),
    "reason": ("เช่น ราคาต่ำสุดและคุณสมบัติถูกต้อง", "e.g. the lowest price meeting the requirements"),
    "contract_kind": ("เลือกจากรายการ", "choose from the list"),
    "contract_number": ("เช่น 4/2569", "e.g. 4/2569"),
    "contract_date": ("เช่น 18 มีนาคม 2569 หรือ 18/03/2569", "e.g. 18/03/2569 or 2026-03-18"),
    "egp_number": ("ตัวเลขเท่านั้น เว้นว่างได้", "digits only; may be left empty"),
    "budget_source": ("เช่น งบประมาณรายจ่ายประจำปี", "e.g. the annual budget"),
    "status": ("เลือกจากรายการ เว้นว่างได้", "choose from the list; may be left empty"),
    "plan_line": (
        "ลำดับของรายการในแผนการจัดซื้อจัดจ้างปีงบประมาณเดียวกัน เว้นว่างได้",
        "the line number in the same fiscal year's procurement plan; may be left empty",
    ),
}
_PLAN_NOTES: dict[str, tuple[str, str]] = {
    "fiscal_year": ("ปี พ.ศ. เช่น 2569 เว้นว่างได้ (คิดจากเดือนที่คาดว่าจะจัดซื้อ)", "BE, e.g. 2569; may be left empty"),
    "position": ("ลำดับในแผน (1, 2, 3 …) นำเข้าซ้ำจะปรับปรุงรายการลำดับเดิม", "the line number; a re-import updates it"),
    "name": ("ชื่อรายการที่จะจัดซื้อจัดจ้าง", "what will be procured"),
    "budget": ("ตัวเลข เช่น 500000", "a number, e.g. 500000"),
    "method": ("เลือกจากรายการ", "choose from the list"),
    "expected_month": ("เช่น 2569-01 ต้องอยู่ในปีงบประมาณ", "e.g. 2026-01, within the fiscal year"),
    "budget_source": ("เช่น งบประมาณรายจ่ายประจำปี", "e.g. the annual budget"),
    "note": ("เว้นว่างได้", "may be left empty"),
}


def _lists_sheet(workbook: Workbook) -> dict[str, str]:
    """Write the lists the drop-downs offer; return each list's range for a validation formula."""
    sheet = workbook.create_sheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    for column, (key, title, labels) in enumerate(
        (
            ("method", "วิธีซื้อหรือจ้าง (method)", METHOD_LABELS),
            ("contract_kind", "ประเภทเอกสาร (contract_kind)", CONTRACT_KIND_LABELS),
            ("status", "สถานะ (status)", STATUS_LABELS),
        ),
        start=1,
    ):
        letter = get_column_letter(column)
        sheet.cell(row=1, column=column, value=title).font = Font(bold=True)
        for row, (_stored, label) in enumerate(labels, start=2):
            sheet.cell(row=row, column=column, value=label)
        sheet.column_dimensions[letter].width = 40
        ranges[key] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(labels) + 1}"
    return ranges


def _data_sheet(sheet: Worksheet, columns: tuple[tuple[str, str, str, bool], ...], lists: dict[str, str]) -> None:
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, (key, label_th, _label_en, required) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=f"{label_th}{' *' if required else ''} ({key})")
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = 45 if key in _WIDE else 20
        cells = f"{letter}2:{letter}{_DATA_ROWS + 1}"
        if key in lists:
            validation = DataValidation(type="list", formula1=f"={lists[key]}", allow_blank=not required)
            validation.error = "เลือกจากรายการ / choose from the list"
            validation.showErrorMessage = True
            sheet.add_data_validation(validation)
            validation.add(cells)
        number_format = "#,##0.00" if key in _MONEY else "@" if key in _TEXT else None
        if number_format is not None:
            for (data_cell,) in sheet.iter_rows(min_row=2, max_row=_DATA_ROWS + 1, min_col=index, max_col=index):
                data_cell.number_format = number_format
        if key in _WIDE:
            for (data_cell,) in sheet.iter_rows(min_row=2, max_row=_DATA_ROWS + 1, min_col=index, max_col=index):
                data_cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 45


def _instructions(
    workbook: Workbook,
    title_th: str,
    title_en: str,
    columns: tuple[tuple[str, str, str, bool], ...],
    notes: dict[str, tuple[str, str]],
    extra: list[tuple[str, str]],
) -> None:
    sheet = workbook.create_sheet(INSTRUCTIONS_SHEET)
    sheet.append([title_th])
    sheet.append([title_en])
    sheet.append([])
    for th, en in extra:
        sheet.append([th, en])
    sheet.append([])
    sheet.append(["คอลัมน์", "Column", "ต้องกรอก / required", "คำอธิบาย", "Notes"])
    for key, label_th, label_en, required in columns:
        note_th, note_en = notes[key]
        sheet.append([f"{label_th} ({key})", label_en, "ใช่ / yes" if required else "", note_th, note_en])
    sheet["A1"].font = Font(bold=True, size=14)
    for letter, width in zip("ABCDE", (45, 30, 18, 60, 50), strict=True):
        sheet.column_dimensions[letter].width = width


_COMMON_RULES: list[tuple[str, str]] = [
    (
        "กรอกในแผ่นงานแรก บรรทัดละหนึ่งรายการ ห้ามแก้ชื่อในวงเล็บของหัวคอลัมน์ (ระบบใช้อ่านคอลัมน์)",
        "Fill in the first sheet, one row an item; keep the names in brackets in the headers (the import reads them).",
    ),
    (
        "ตัวเลขใช้เลขไทยหรือเลขอารบิกก็ได้ วันที่ใช้ พ.ศ. หรือ ค.ศ. ก็ได้",
        "Thai or Arabic digits; Buddhist-era or common-era years.",
    ),
    (
        "ถ้ามีข้อผิดพลาดแม้แถวเดียว ระบบจะไม่นำเข้าทั้งไฟล์ และแจ้งทุกข้อผิดพลาดตามแถวและคอลัมน์",
        "If any row has a problem, nothing is imported and every problem is listed by row and column.",
    ),
]


def records_template_xlsx() -> bytes:
    """Return our template for procurement records (one row a procurement) as XLSX bytes."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = RECORDS_SHEET
    lists = _lists_sheet(workbook)
    _data_sheet(sheet, RECORDS_TEMPLATE_COLUMNS, lists)
    _instructions(
        workbook,
        "แบบฟอร์มนำเข้าผลการจัดซื้อจัดจ้าง (สขร.1) ของโปร่งใส",
        "Prongsai procurement records template (the สขร.1 monthly summary)",
        RECORDS_TEMPLATE_COLUMNS,
        _RECORD_NOTES,
        [
            *_COMMON_RULES,
            (
                "นำเข้าซ้ำได้: รายการที่เดือนและลำดับตรงกับที่มีอยู่จะถูกปรับปรุง ไม่เพิ่มซ้ำ",
                "Re-importing is safe: a row with the same month and row number updates the stored one.",
            ),
            (
                "เดือนที่ไม่มีการจัดซื้อจัดจ้าง: ใส่เดือน และพิมพ์ “ไม่มีการจัดซื้อจัดจ้าง” ในคอลัมน์งานที่จัดซื้อจัดจ้าง เว้นลำดับว่าง",
                "A month without procurement: give the month, write “ไม่มีการจัดซื้อจัดจ้าง” as the item and leave"
                " the row number empty.",
            ),
        ],
    )
    workbook.move_sheet(LISTS_SHEET, offset=1)
    workbook[LISTS_SHEET].sheet_state = "hidden"
    return workbook_bytes(workbook, stamped=TEMPLATE_STAMP)


def plan_template_xlsx() -> bytes:
    """Return our template for the annual procurement plan (one row a plan line) as XLSX bytes."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = PLAN_SHEET
    lists = _lists_sheet(workbook)
    _data_sheet(sheet, PLAN_TEMPLATE_COLUMNS, lists)
    _instructions(
        workbook,
        "แบบฟอร์มนำเข้าแผนการจัดซื้อจัดจ้างประจำปีของโปร่งใส",
        "Prongsai annual procurement plan template",
        PLAN_TEMPLATE_COLUMNS,
        _PLAN_NOTES,
        [
            *_COMMON_RULES,
            (
                "รายการไปอยู่ในแผนของปีงบประมาณที่ระบุ (หรือของเดือนที่คาดว่าจะจัดซื้อ) นำเข้าซ้ำจะปรับปรุงตามลำดับ",
                "Lines go to the plan of their fiscal year; a re-import updates the lines of the same number.",
            ),
        ],
    )
    workbook.move_sheet(LISTS_SHEET, offset=1)
    workbook[LISTS_SHEET].sheet_state = "hidden"
    return workbook_bytes(workbook, stamped=TEMPLATE_STAMP)
