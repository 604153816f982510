"""Read a procurement workbook, sheet by sheet and row by row, into record and plan-line inputs with every problem.

Two shapes of workbook are read:

- the monthly summary form units already keep (แบบ สขร.1), one month a sheet: title rows, then the
  header row with the form's Thai column headers in the form's order (wrapped over lines, with
  "(บาท)" and extra spaces or not), perhaps a row numbering the columns (1)…(9), then one row a
  procurement, then totals and signature lines. The month comes from the title rows or the sheet's
  name; a row "เดือน ตุลาคม 2568" between records starts another month. A sheet whose only row says
  "ไม่มีการจัดซื้อจัดจ้าง" declares an empty month;
- our own templates (prongsai/procurement/templates.py), whose header cells end with the field's
  name in brackets: "งานที่จัดซื้อจัดจ้าง (item)".

The file is streamed (openpyxl's read-only mode, at most MAX_COLUMNS columns a row), so a large
workbook does not grow the process. Nothing here writes: the service (importing.py) stores what was
read only when no problem was found. Each problem names the sheet, the Excel row number and the
column (its letter and header) and says what is wrong in Thai and in English.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from prongsai.thaidate import ENGLISH_MONTHS, fiscal_year_of, format_thai_month
from prongsai.thaidate.digits import arabic_digits

from . import cells
from .inputs import BidInput, PlanLineInput, Problem, RecordInput, plan_line_problems, record_problems
from .models import ImportBatch, RecordStatus
from .periods import fiscal_months

__all__ = [
    "FORM_COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "PLAN_TEMPLATE_COLUMNS",
    "RECORDS_TEMPLATE_COLUMNS",
    "EmptyMonth",
    "ImportProblem",
    "PlanRow",
    "RecordRow",
    "WorkbookContent",
    "read_workbook",
]

# Limits of one workbook: its size, the rows with anything in them, the columns read, and what it unpacks to
# (a small zip can hold a huge sheet; openpyxl keeps the shared strings in memory).
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 60
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 100 * 1024 * 1024
# The header row is looked for among a sheet's first rows only.
HEADER_SEARCH_ROWS = 30

# The สขร.1 form's columns in its order (key, the header as the form prints it), then the columns the later
# ITA table adds, which a unit's workbook may carry too.
FORM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("sequence", "ลำดับ"),
    ("item", "งานที่จัดซื้อจัดจ้าง"),
    ("budget", "วงเงินที่จะซื้อหรือจ้าง"),
    ("reference_price", "ราคากลาง"),
    ("method", "วิธีซื้อหรือจ้าง"),
    ("bids", "รายชื่อผู้เสนอราคาและราคาที่เสนอ"),
    ("winner", "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง"),
    ("reason", "เหตุผลที่คัดเลือกโดยสรุป"),
    ("contract", "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง"),
)
FORM_EXTRA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("egp_number", "เลขที่โครงการในระบบ e-GP"),
    ("budget_source", "แหล่งที่มาของงบประมาณ"),
    ("status", "สถานะการจัดซื้อจัดจ้าง"),
)
# How a header cell of the form begins once folded and without spaces or bracketed parts (first match wins).
_FORM_HEADER_STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sequence", ("ลำดับ",)),
    ("contract", ("เลขที่และวันที่", "เลขที่วันที่", "วันที่และเลขที่")),
    ("egp_number", ("เลขที่โครงการ", "เลขโครงการ", "e-gp", "egp")),
    ("item", ("งานที่จัดซื้อ", "งานจัดซื้อ", "งานที่ซื้อ", "งานซื้อ", "รายการ", "ชื่องาน", "ชื่อโครงการ", "ชื่อรายการ")),
    ("budget", ("วงเงิน",)),
    ("reference_price", ("ราคากลาง",)),
    ("method", ("วิธีซื้อ", "วิธีจัดซื้อ", "วิธีการซื้อ", "วิธีการจัดซื้อ", "วิธีจัดหา", "วิธี")),
    ("bids", ("รายชื่อผู้เสนอ", "ผู้เสนอราคา", "รายชื่อผู้ยื่น", "ผู้ยื่นข้อเสนอ")),
    ("winner", ("ผู้ได้รับการคัดเลือก", "ผู้ได้รับคัดเลือก", "ผู้ชนะ")),
    ("reason", ("เหตุผล",)),
    ("budget_source", ("แหล่งที่มา", "แหล่งเงิน", "แหล่งงบประมาณ")),
    ("status", ("สถานะ",)),
)
# The columns of our templates: (field, Thai label, English label, required).
RECORDS_TEMPLATE_COLUMNS: tuple[tuple[str, str, str, bool], ...] = (
    ("month", "เดือน", "month (YYYY-MM)", True),
    ("sequence", "ลำดับ", "row number", True),
    ("item", "งานที่จัดซื้อจัดจ้าง", "item procured", True),
    ("budget", "วงเงินที่จะซื้อหรือจ้าง (บาท)", "budget (baht)", True),
    ("reference_price", "ราคากลาง (บาท)", "reference price (baht)", False),
    ("method", "วิธีซื้อหรือจ้าง", "method", True),
    ("method_detail", "รายละเอียดวิธีซื้อหรือจ้าง", "method as written", False),
    ("bids", "ผู้เสนอราคาและราคาที่เสนอ (บรรทัดละราย: ชื่อ / ราคา)", "bidders, one a line: name / price", False),
    ("winner", "ผู้ได้รับการคัดเลือก", "selected vendor", True),
    ("winner_price", "ราคาที่ตกลงซื้อหรือจ้าง (บาท)", "agreed price (baht)", True),
    ("reason", "เหตุผลที่คัดเลือกโดยสรุป", "reason for the selection", False),
    ("contract_kind", "ประเภทเอกสาร", "contract or order", False),
    ("contract_number", "เลขที่สัญญาหรือข้อตกลง", "contract number", False),
    ("contract_date", "วันที่ของสัญญาหรือข้อตกลง", "contract date", False),
    ("egp_number", "เลขที่โครงการในระบบ e-GP", "e-GP project number", False),
    ("budget_source", "แหล่งที่มาของงบประมาณ", "source of funds", False),
    ("status", "สถานะการจัดซื้อจัดจ้าง", "status", False),
    ("plan_line", "ลำดับในแผนการจัดซื้อจัดจ้าง", "line of the procurement plan", False),
)
PLAN_TEMPLATE_COLUMNS: tuple[tuple[str, str, str, bool], ...] = (
    ("fiscal_year", "ปีงบประมาณ (พ.ศ.)", "fiscal year (BE)", False),
    ("position", "ลำดับ", "line number", True),
    ("name", "รายการที่จะจัดซื้อจัดจ้าง", "item to procure", True),
    ("budget", "วงเงินงบประมาณ (บาท)", "planned budget (baht)", True),
    ("method", "วิธีซื้อหรือจ้าง", "method", True),
    ("expected_month", "เดือนที่คาดว่าจะจัดซื้อจัดจ้าง", "expected month (YYYY-MM)", True),
    ("budget_source", "แหล่งที่มาของงบประมาณ", "source of funds", False),
    ("note", "หมายเหตุ", "notes", False),
)
_TEMPLATE_FIELD = re.compile(r"\(([a-z_]+)\)$")
# The " * (item)" ending of a template's header, left out where a problem names the column.
_TEMPLATE_SUFFIX = re.compile(r"\s*\*?\s*\([a-z_]+\)$")

# Which column a record's problem belongs to (Problem.field → column key), in the form and in our template.
_FORM_COLUMN_OF_FIELD = {
    "sequence": "sequence",
    "item": "item",
    "budget": "budget",
    "reference_price": "reference_price",
    "method": "method",
    "bids": "bids",
    "winner": "winner",
    "winner_price": "winner",
    "reason": "reason",
    "contract_kind": "contract",
    "contract_number": "contract",
    "contract_date": "contract",
    "egp_number": "egp_number",
    "budget_source": "budget_source",
    "status": "status",
}
_TEMPLATE_COLUMN_OF_FIELD = {name: name for name in _FORM_COLUMN_OF_FIELD}
# The month of rows whose sheet does not say it (the sheet's problem says so; such rows are never stored).
_NO_MONTH = dt.date(1, 1, 1)


@dataclass(frozen=True)
class ImportProblem:
    """One problem of a workbook: where it is (sheet, Excel row, column) and what is wrong, in Thai and English.

    `row` and `column` are None for a problem of a whole sheet or row; `sheet` is "" for one of the whole file.
    """

    sheet: str
    row: int | None
    column: str | None
    th: str
    en: str

    def text(self, language: str) -> str:
        """Return the message in `language` (English for "en…", Thai otherwise)."""
        return self.en if language.startswith("en") else self.th

    def place(self, language: str) -> str:
        """Return where the problem is: "แผ่นงาน มี.ค.69 แถว 7 คอลัมน์ E (วิธีซื้อหรือจ้าง)"."""
        english = language.startswith("en")
        parts: list[str] = []
        if self.sheet:
            parts.append(f"sheet {self.sheet}" if english else f"แผ่นงาน {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}" if english else f"แถว {self.row}")
        if self.column:
            parts.append(f"column {self.column}" if english else f"คอลัมน์ {self.column}")
        return " ".join(parts)


@dataclass(frozen=True)
class RecordRow:
    """A procurement read from a row; `plan_position` is the plan line our template names (None: leave as is)."""

    sheet: str
    row: int
    data: RecordInput
    plan_position: int | None = None
    plan_column: str | None = None


@dataclass(frozen=True)
class EmptyMonth:
    """A month the workbook declares without procurement ("ไม่มีการจัดซื้อจัดจ้าง"), as of a date if it says one."""

    sheet: str
    row: int
    month: dt.date
    as_of: dt.date | None


@dataclass(frozen=True)
class PlanRow:
    """A line of the annual procurement plan, keyed by its fiscal year and line number."""

    sheet: str
    row: int
    fiscal_year: int
    position: int
    data: PlanLineInput


@dataclass
class WorkbookContent:
    """What a workbook holds: the kinds of sheet read, their records, empty months, plan lines, and every problem."""

    kinds: list[str] = field(default_factory=list)
    records: list[RecordRow] = field(default_factory=list)
    empty_months: list[EmptyMonth] = field(default_factory=list)
    plan_lines: list[PlanRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """Return the batch's kind: the plan template, else the form if a sheet was one, else our records template."""
        if ImportBatch.Kind.PLAN_TEMPLATE in self.kinds:
            return ImportBatch.Kind.PLAN_TEMPLATE
        if ImportBatch.Kind.SUMMARY_FORM in self.kinds:
            return ImportBatch.Kind.SUMMARY_FORM
        return ImportBatch.Kind.RECORDS_TEMPLATE

    @property
    def rows(self) -> int:
        return len(self.records) + len(self.plan_lines)


def _month_words(month: dt.date) -> tuple[str, str]:
    return format_thai_month(month), f"{ENGLISH_MONTHS[month.month]} {month.year}"


# --- header rows --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """Where a sheet's columns are: the kind of sheet, key → index in the row, key → "E (header as written)"."""

    kind: str
    header_row: int
    index: dict[str, int]
    label: dict[str, str]

    def column(self, key: str | None) -> str | None:
        return self.label.get(key) if key else None

    def order(self, problem: ImportProblem) -> tuple[int, int]:
        """Sort key of a problem within a sheet: its row, then its column from left to right (the row's own first)."""
        columns = {label: self.index[key] for key, label in self.label.items()}
        return (problem.row or 0, columns.get(problem.column or "", -1))


def _header_text(value: object) -> str:
    return cells.clean(cells.cell_text(value))


def form_header_key(text: str) -> str | None:
    """Return the column key of a สขร.1 header cell ("วงเงินที่จะซื้อ\\nหรือจ้าง (บาท)" → "budget"), or None."""
    folded = re.sub(r"\([^)]*\)|[\s*:.]", "", cells.fold(text))
    if not folded:
        return None
    if folded in {"ที่", "no", "ลำดับที่"}:
        return "sequence"
    for key, stems in _FORM_HEADER_STEMS:
        if folded.startswith(stems):
            return key
    if "สัญญา" in folded and "เลขที่" in folded:
        return "contract"
    return None


def _label(index: int, header: str) -> str:
    shown = header if len(header) <= 60 else header[:59] + "…"
    return f"{get_column_letter(index + 1)} ({shown})"


def _detect_layout(values: tuple[object, ...], row_number: int) -> _Layout | None:
    """Return the layout when the row is a header row of the form or of one of our templates."""
    headers = [(index, _header_text(value)) for index, value in enumerate(values)]
    headers = [(index, text) for index, text in headers if text]
    template: dict[str, int] = {}
    template_label: dict[str, str] = {}
    for index, text in headers:
        match = _TEMPLATE_FIELD.search(text)
        if match is not None and match.group(1) not in template:
            template[match.group(1)] = index
            template_label[match.group(1)] = _label(index, _TEMPLATE_SUFFIX.sub("", text) or text)
    if {"sequence", "item", "month"} <= template.keys():
        return _Layout(ImportBatch.Kind.RECORDS_TEMPLATE, row_number, template, template_label)
    if {"position", "name", "expected_month"} <= template.keys():
        return _Layout(ImportBatch.Kind.PLAN_TEMPLATE, row_number, template, template_label)
    form: dict[str, int] = {}
    form_label: dict[str, str] = {}
    for index, text in headers:
        key = form_header_key(text)
        if key is not None and key not in form:
            form[key] = index
            form_label[key] = _label(index, text)
    required = {key for key, _label_th in FORM_COLUMNS}
    if len(required & form.keys()) >= 5:
        return _Layout(ImportBatch.Kind.SUMMARY_FORM, row_number, form, form_label)
    return None


def _missing_columns(layout: _Layout, sheet: str) -> list[ImportProblem]:
    if layout.kind == ImportBatch.Kind.SUMMARY_FORM:
        wanted = [(key, label, label) for key, label in FORM_COLUMNS]
    else:
        records = layout.kind == ImportBatch.Kind.RECORDS_TEMPLATE
        columns = RECORDS_TEMPLATE_COLUMNS if records else PLAN_TEMPLATE_COLUMNS
        wanted = [(key, f"{th} ({key})", f"{th} ({key})") for key, th, _en, required in columns if required]
    return [
        ImportProblem(
            sheet,
            layout.header_row,
            None,
            f"แถวหัวตารางไม่มีคอลัมน์ “{th}”",
            f"The header row has no column “{en}”.",
        )
        for key, th, en in wanted
        if key not in layout.index
    ]


# --- reading rows -------------------------------------------------------------------------------------------------


class _Row:
    """One row of values with the layout's column lookups, and the problems found in it."""

    def __init__(self, sheet: str, number: int, values: tuple[object, ...], layout: _Layout) -> None:
        self.sheet = sheet
        self.number = number
        self.values = values
        self.layout = layout
        self.problems: list[ImportProblem] = []
        self.unreadable: set[str] = set()

    def value(self, key: str) -> object:
        index = self.layout.index.get(key)
        return self.values[index] if index is not None and index < len(self.values) else None

    def text(self, key: str) -> str:
        return cells.clean(cells.cell_text(self.value(key)))

    def add(self, key: str | None, th: str, en: str) -> None:
        self.problems.append(ImportProblem(self.sheet, self.number, self.layout.column(key), th, en))
        if key:
            self.unreadable.add(key)

    def read[T](self, key: str, reader: Callable[[object], T], default: T) -> T:
        """Read a cell with a reader of cells.py; an unreadable cell becomes a problem of its column."""
        try:
            return reader(self.value(key))
        except cells.Unreadable as error:
            self.add(key, error.th, error.en)
            return default


def _has_content(values: tuple[object, ...]) -> bool:
    """Return whether any cell of the row holds anything (cheaper than reading its texts)."""
    return not all(cells.is_blank(value) for value in values)


def _texts(values: tuple[object, ...]) -> list[str]:
    """Return the non-blank cells of a row as one-line texts."""
    return [text for text in (cells.clean(cells.cell_text(value)) for value in values if value is not None) if text]


def _add_record_problems(row: _Row, data: RecordInput, *, today: dt.date, column_of: dict[str, str]) -> list[Problem]:
    """Add the record's problems to the row, each in its column; return those of its month (said elsewhere)."""
    month_problems: list[Problem] = []
    for problem in record_problems(data, today=today):
        if problem.field == "month":
            month_problems.append(problem)  # said once for the sheet (or in the month column)
            continue
        key = column_of.get(problem.field)
        if key is not None and key in row.unreadable:
            continue  # the cell could not be read: that problem was said already
        row.problems.append(ImportProblem(row.sheet, row.number, row.layout.column(key), problem.th, problem.en))
    return month_problems


def _egp(text: str) -> str:
    return arabic_digits(text).replace(" ", "").replace("-", "")


def _bids(bids: tuple[cells.Bid, ...]) -> tuple[BidInput, ...]:
    return tuple(BidInput(bidder=bid.name, price=bid.price) for bid in bids)


def _form_record(
    row: _Row, month: dt.date, extra_bids: list[_Row], *, today: dt.date
) -> tuple[RecordInput, list[Problem]]:
    """Read a row of the สขร.1 form (and the bidder rows below it that belong to it); return the problems of
    its month apart, since the sheet says those once."""
    sequence = row.read("sequence", cells.read_position, None)
    method, method_detail = row.read("method", cells.read_method, ("", ""))
    no_bids: tuple[cells.Bid, ...] = ()
    bids = row.read("bids", cells.read_bids, no_bids)
    for extra in extra_bids:
        bids += extra.read("bids", cells.read_bids, no_bids)
        row.problems += extra.problems
    winner = row.read("winner", cells.read_winner, cells.Bid(""))
    contract = row.read("contract", cells.read_contract, cells.Contract())
    reason = row.text("reason")
    status = row.read("status", cells.read_status, "") if "status" in row.layout.index else ""
    if not status and not winner.name and (cells.says_cancelled(reason) or cells.says_cancelled(row.text("winner"))):
        status = RecordStatus.CANCELLED
    data = RecordInput(
        month=month,
        sequence=sequence if sequence is not None else 0,
        item=row.text("item"),
        budget=row.read("budget", cells.read_amount, None),
        method=method,
        reference_price=row.read("reference_price", cells.read_amount, None),
        method_detail=method_detail,
        bids=_bids(bids),
        winner=winner.name,
        winner_price=winner.price,
        reason=reason,
        contract_kind=contract.kind,
        contract_number=contract.number,
        contract_date=contract.date,
        egp_number=_egp(row.text("egp_number")),
        budget_source=row.text("budget_source"),
        status=status,
    )
    if sequence is None and "sequence" not in row.unreadable:
        row.add("sequence", "ต้องระบุลำดับ", "The row number (ลำดับ) is required.")
    return data, _add_record_problems(row, data, today=today, column_of=_FORM_COLUMN_OF_FIELD)


def _template_record(row: _Row, *, today: dt.date) -> tuple[RecordInput, int | None]:
    """Read a row of our records template: the record and the plan line it names (None: leave the link as is)."""
    month = row.read("month", cells.read_month, None)
    sequence = row.read("sequence", cells.read_position, None)
    method_text = row.value("method")
    method = ""
    if cells.is_blank(method_text):
        row.add("method", "ต้องระบุวิธีซื้อหรือจ้าง", "The procurement method is required.")
    else:
        method = row.read("method", lambda value: cells.read_method(value)[0], "")
    data = RecordInput(
        month=month or _NO_MONTH,
        sequence=sequence if sequence is not None else 0,
        item=row.text("item"),
        budget=row.read("budget", cells.read_amount, None),
        method=method,
        reference_price=row.read("reference_price", cells.read_amount, None),
        method_detail=row.text("method_detail"),
        bids=_bids(row.read("bids", cells.read_bids, ())),
        winner=row.text("winner"),
        winner_price=row.read("winner_price", cells.read_amount, None),
        reason=row.text("reason"),
        contract_kind=row.read("contract_kind", cells.read_contract_kind, ""),
        contract_number=row.text("contract_number"),
        contract_date=row.read("contract_date", cells.read_date, None),
        egp_number=_egp(row.text("egp_number")),
        budget_source=row.text("budget_source"),
        status=row.read("status", cells.read_status, ""),
    )
    plan_position = row.read("plan_line", cells.read_position, None)
    if month is None and "month" not in row.unreadable:
        row.add("month", "ต้องระบุเดือน (เช่น 2569-03)", "The month is required (e.g. 2026-03).")
    if sequence is None and "sequence" not in row.unreadable:
        row.add("sequence", "ต้องระบุลำดับ", "The row number is required.")
    month_problems = _add_record_problems(row, data, today=today, column_of=_TEMPLATE_COLUMN_OF_FIELD)
    if month is not None:
        for problem in month_problems:
            row.add("month", problem.th, problem.en)
    return data, plan_position


def _plan_row(row: _Row) -> PlanRow | None:
    """Read a row of our plan template into a plan line of its fiscal year (None when the row cannot be placed)."""
    fiscal_year = row.read("fiscal_year", cells.read_position, None)
    position = row.read("position", cells.read_position, None)
    expected = row.read("expected_month", cells.read_month, None)
    method_value = row.value("method")
    method = ""
    if cells.is_blank(method_value):
        row.add("method", "ต้องระบุวิธีซื้อหรือจ้าง", "The procurement method is required.")
    else:
        method = row.read("method", lambda value: cells.read_method(value)[0], "")
    if fiscal_year is not None and not 2500 <= fiscal_year <= 2700:
        row.add(
            "fiscal_year",
            f"ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2569 ไม่ใช่ {fiscal_year}",
            f"The fiscal year must be a Buddhist-era year such as 2569, not {fiscal_year}.",
        )
        fiscal_year = None
    if position is None and "position" not in row.unreadable:
        row.add("position", "ต้องระบุลำดับ", "The line number is required.")
    if expected is None and "expected_month" not in row.unreadable:
        row.add("expected_month", "ต้องระบุเดือนที่คาดว่าจะจัดซื้อจัดจ้าง", "The expected month is required.")
    if expected is None:
        return None
    year = fiscal_year if fiscal_year is not None else fiscal_year_of(expected)
    data = PlanLineInput(
        name=row.text("name"),
        budget=row.read("budget", cells.read_amount, None),
        method=method,
        expected_month=expected,
        budget_source=row.text("budget_source"),
        note=row.text("note"),
    )
    for problem in plan_line_problems(data, fiscal_year_months=fiscal_months(year)):
        if problem.field not in row.unreadable:
            row.add(problem.field, problem.th, problem.en)
    if position is None or row.problems:
        return None
    return PlanRow(row.sheet, row.number, year, position, data)


# --- sheets -------------------------------------------------------------------------------------------------------


class _RowBudget:
    """Counts the rows with content across the workbook and says when there are too many."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def take(self) -> bool:
        self.used += 1
        return self.used <= self.limit


class _TooManyRows(Exception):
    pass


@dataclass
class _FormSheet:
    """The state of a สขร.1 sheet while its rows stream past."""

    name: str
    layout: _Layout
    month: dt.date | None
    titles: list[str]
    pending: _Row | None = None
    pending_month: dt.date | None = None
    extra_bids: list[_Row] = field(default_factory=list)
    in_footer: bool = False
    footer_texts: list[str] = field(default_factory=list)
    declaration: tuple[int, str] | None = None
    records: list[RecordRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    month_said: set[tuple[dt.date | None, str]] = field(default_factory=set)


def _flush(sheet: _FormSheet, *, today: dt.date) -> None:
    """Finish the record whose row (and bidder rows) have been read."""
    row, month = sheet.pending, sheet.pending_month
    if row is None:
        return
    data, month_problems = _form_record(row, month or _NO_MONTH, sheet.extra_bids, today=today)
    sheet.problems += sorted(row.problems, key=row.layout.order)
    if month is None:
        if (None, "") not in sheet.month_said:
            sheet.month_said.add((None, ""))
            sheet.problems.append(
                ImportProblem(
                    sheet.name,
                    None,
                    None,
                    "ไม่พบเดือนของแผ่นงานนี้: ใส่เดือนในหัวเรื่อง เช่น “ประจำเดือน มีนาคม 2569” หรือตั้งชื่อแผ่นงานเป็น “มี.ค. 69”",
                    "The sheet does not say its month: put it in the title (e.g. “ประจำเดือน มีนาคม 2569”) "
                    "or name the sheet after it (e.g. “มี.ค. 69”).",
                )
            )
    else:
        for problem in month_problems:
            if (month, problem.th) not in sheet.month_said:
                sheet.month_said.add((month, problem.th))
                th_month, en_month = _month_words(month)
                sheet.problems.append(
                    ImportProblem(
                        sheet.name,
                        row.number,
                        None,
                        f"{problem.th} ({th_month})",
                        f"{problem.en.rstrip('.')} ({en_month}).",
                    )
                )
        if not row.problems:
            sheet.records.append(RecordRow(sheet.name, row.number, data))
    sheet.pending, sheet.pending_month, sheet.extra_bids = None, None, []


def _is_continuation(row: _Row) -> bool:
    """Return whether a row only adds bidders to the record above it (the other cells merged or left blank)."""
    if cells.is_blank(row.value("bids")):
        return False
    return all(cells.is_blank(row.value(key)) for key in row.layout.index if key != "bids")


def _form_row(sheet: _FormSheet, number: int, values: tuple[object, ...], *, today: dt.date) -> None:
    """Take one row of a สขร.1 sheet: a record, bidders of the record above, a month heading, a footer, or nothing."""
    row = _Row(sheet.name, number, values, sheet.layout)
    texts: list[str] | None = None
    no_budget = cells.is_blank(row.value("budget"))
    first = sheet.pending is None and not sheet.records
    if no_budget or first:
        # Only rows without an amount can declare the month empty, and only the first can number the columns;
        # a record's row is read cell by cell below, without joining its texts.
        texts = _texts(values)
        if no_budget and not sheet.in_footer and cells.says_no_procurement(" ".join(texts)):
            _flush(sheet, today=today)
            sheet.declaration = (number, " ".join(texts))
            return
        if first and cells.is_column_numbers(texts):
            return
    sequence: int | None = None
    numbered = True
    try:
        sequence = cells.read_position(row.value("sequence"))
    except cells.Unreadable:
        numbered = False
    if sequence is not None:
        _flush(sheet, today=today)
        sheet.pending, sheet.pending_month = row, sheet.month
        return
    texts = texts if texts is not None else _texts(values)
    if sheet.in_footer or cells.is_footer(texts):
        _flush(sheet, today=today)
        sheet.in_footer = True
        sheet.footer_texts += texts
        return
    if (heading := cells.read_month_heading(texts)) is not None:
        _flush(sheet, today=today)
        sheet.month = heading
        return
    if numbered and sheet.pending is not None and _is_continuation(row):
        sheet.extra_bids.append(row)
        return
    # A row with content but no row number: read it all the same, so that every problem of it is listed.
    _flush(sheet, today=today)
    sheet.pending, sheet.pending_month = row, sheet.month
    _flush(sheet, today=today)


def _finish_form(sheet: _FormSheet, content: WorkbookContent, *, today: dt.date, fiscal_year: int | None) -> None:
    _flush(sheet, today=today)
    content.problems += sheet.problems
    if fiscal_year is not None:
        months = {record.data.month for record in sheet.records}
        if sheet.declaration is not None and sheet.month is not None:
            months.add(sheet.month)
        for month in sorted(months):
            if fiscal_year_of(month) != fiscal_year:
                th_month, en_month = _month_words(month)
                content.problems.append(
                    ImportProblem(
                        sheet.name,
                        None,
                        None,
                        f"เดือน {th_month} ไม่อยู่ในปีงบประมาณ {fiscal_year} ที่หัวเรื่องระบุ",
                        f"{en_month} is not in fiscal year {fiscal_year}, which the title names.",
                    )
                )
    if sheet.declaration is not None:
        row, _text = sheet.declaration
        if sheet.records or sheet.problems:
            content.problems.append(
                ImportProblem(
                    sheet.name,
                    row,
                    None,
                    "แผ่นงานนี้มีทั้งรายการจัดซื้อจัดจ้างและข้อความ “ไม่มีการจัดซื้อจัดจ้าง”",
                    "The sheet lists procurements and also says “ไม่มีการจัดซื้อจัดจ้าง” (none).",
                )
            )
        elif sheet.month is None:
            content.problems.append(
                ImportProblem(
                    sheet.name,
                    row,
                    None,
                    "ไม่พบเดือนที่ไม่มีการจัดซื้อจัดจ้าง: ใส่เดือนในหัวเรื่อง เช่น “ประจำเดือน เมษายน 2569”",
                    "The sheet says there was no procurement but not in which month: put it in the title.",
                )
            )
        else:
            as_of = cells.read_as_of([*sheet.titles, *sheet.footer_texts, _text])
            content.empty_months.append(EmptyMonth(sheet.name, row, sheet.month, as_of))
    content.records += sheet.records


def _read_form_sheet(
    name: str,
    rows: Iterator[tuple[int, tuple[object, ...]]],
    layout: _Layout,
    titles: list[str],
    content: WorkbookContent,
    budget: _RowBudget,
    *,
    today: dt.date,
) -> None:
    month = cells.read_sheet_month(titles, name)
    sheet = _FormSheet(name=name, layout=layout, month=month, titles=titles)
    for number, values in rows:
        if not _has_content(values):
            continue
        if not budget.take():
            raise _TooManyRows
        _form_row(sheet, number, values, today=today)
    _finish_form(sheet, content, today=today, fiscal_year=cells.read_fiscal_year(titles))


def _read_template_sheet(
    name: str,
    rows: Iterator[tuple[int, tuple[object, ...]]],
    layout: _Layout,
    content: WorkbookContent,
    budget: _RowBudget,
    *,
    today: dt.date,
) -> None:
    for number, values in rows:
        if not _has_content(values):
            continue
        if not budget.take():
            raise _TooManyRows
        row = _Row(name, number, values, layout)
        if layout.kind == ImportBatch.Kind.PLAN_TEMPLATE:
            line = _plan_row(row)
            content.problems += sorted(row.problems, key=layout.order)
            if line is not None:
                content.plan_lines.append(line)
            continue
        if cells.says_no_procurement(row.text("item")) and cells.is_blank(row.value("sequence")):
            month = row.read("month", cells.read_month, None)
            if month is None and "month" not in row.unreadable:
                row.add("month", "ต้องระบุเดือน (เช่น 2569-03)", "The month is required (e.g. 2026-03).")
            content.problems += row.problems
            if month is not None:
                content.empty_months.append(EmptyMonth(name, number, month, None))
            continue
        data, plan_position = _template_record(row, today=today)
        content.problems += sorted(row.problems, key=layout.order)
        if not row.problems:
            content.records.append(RecordRow(name, number, data, plan_position, layout.column("plan_line")))


# --- the workbook -------------------------------------------------------------------------------------------------


def _file_problem(th: str, en: str) -> WorkbookContent:
    return WorkbookContent(problems=[ImportProblem("", None, None, th, en)])


def _unpacked_size_problem(content: bytes) -> WorkbookContent | None:
    """Refuse a file that is not an XLSX package, or one that unpacks to more than the limits."""
    if not content:
        return _file_problem("ไฟล์ว่างเปล่า", "The file is empty.")
    if len(content) > MAX_BYTES:
        return _file_problem(
            f"ไฟล์ใหญ่เกิน {MAX_BYTES // (1024 * 1024)} MB",
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.",
        )
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        return _file_problem(
            "ไฟล์นี้เป็น Excel รุ่นเก่า (.xls): เปิดแล้วบันทึกเป็น .xlsx ก่อนนำเข้า",
            "This is an old Excel file (.xls): open it and save it as .xlsx first.",
        )
    not_xlsx = _file_problem(
        "ไฟล์นี้ไม่ใช่ Excel (.xlsx) หรือไฟล์เสียหาย", "The file is not an Excel workbook (.xlsx), or it is damaged."
    )
    if not content.startswith(b"PK"):
        return not_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return not_xlsx
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/worksheets/") for name in names):
        return not_xlsx
    shared = sum(member.file_size for member in members if member.filename == "xl/sharedStrings.xml")
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES or shared > MAX_SHARED_STRINGS_BYTES:
        return _file_problem("ไฟล์มีข้อมูลมากเกินกว่าที่ระบบรับได้", "The workbook holds more data than the system accepts.")
    return None


# What a damaged package can raise while openpyxl opens or streams it (XML errors are SyntaxErrors).
_DAMAGED = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    OSError,
    EOFError,
    SyntaxError,
)


def _numbered_rows(worksheet: Any) -> Generator[tuple[int, tuple[object, ...]]]:
    """Yield (Excel row number, values) of every row, the empty ones between included."""
    worksheet.reset_dimensions()  # the size the file states may be wrong: read every row there is
    rows = worksheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
    yield from enumerate(rows, start=1)


def read_workbook(content: bytes, *, today: dt.date) -> WorkbookContent:
    """Read every sheet of an XLSX workbook into records, empty months and plan lines, and list every problem.

    Sheets without a header row of the form or of our templates are passed over (notes, lists,
    charts). A file that is empty, too big, not an XLSX workbook, damaged, without a usable sheet,
    or with more than MAX_ROWS rows gives one problem of the whole file.
    """
    refused = _unpacked_size_problem(content)
    if refused is not None:
        return refused
    result = WorkbookContent()
    budget = _RowBudget(MAX_ROWS)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except _DAMAGED:
        return _file_problem(
            "ไฟล์นี้ไม่ใช่ Excel (.xlsx) หรือไฟล์เสียหาย", "The file is not an Excel workbook (.xlsx), or it is damaged."
        )
    try:
        for worksheet in workbook.worksheets:
            _read_sheet(worksheet, result, budget, today=today)
    except _TooManyRows:
        return _file_problem(
            f"ไฟล์มีข้อมูลเกิน {MAX_ROWS:,} แถว: แบ่งเป็นหลายไฟล์",
            f"The workbook has more than {MAX_ROWS:,} rows: split it into several files.",
        )
    except _DAMAGED:
        return _file_problem(
            "ไฟล์นี้ไม่ใช่ Excel (.xlsx) หรือไฟล์เสียหาย", "The file is not an Excel workbook (.xlsx), or it is damaged."
        )
    finally:
        workbook.close()
    if not result.kinds:
        return _file_problem(
            "ไม่พบแผ่นงานที่มีหัวตารางแบบ สขร.1 หรือหัวตารางของแบบฟอร์มนำเข้า",
            "No sheet has the header row of the สขร.1 form or of our import templates.",
        )
    if ImportBatch.Kind.PLAN_TEMPLATE in result.kinds and len(set(result.kinds)) > 1:
        result.problems.append(
            ImportProblem(
                "",
                None,
                None,
                "ไฟล์เดียวนำเข้าได้อย่างเดียว: แผนการจัดซื้อจัดจ้าง หรือผลการจัดซื้อจัดจ้าง",
                "One file imports one thing: the procurement plan, or procurement records.",
            )
        )
    _check_repeats(result)
    if not result.problems and not result.records and not result.plan_lines and not result.empty_months:
        result.problems.append(ImportProblem("", None, None, "ไม่มีรายการให้นำเข้า", "The workbook has no rows to import."))
    return result


def _read_sheet(worksheet: Any, result: WorkbookContent, budget: _RowBudget, *, today: dt.date) -> None:
    name = str(worksheet.title)
    rows = _numbered_rows(worksheet)
    titles: list[str] = []
    try:
        for number, values in rows:
            texts = _texts(values)
            layout = _detect_layout(values, number) if texts else None
            if layout is None:
                if number >= HEADER_SEARCH_ROWS:
                    return  # no header near the top: not a sheet to import
                if texts:
                    titles.append(" ".join(texts))
                continue
            result.kinds.append(layout.kind)
            missing = _missing_columns(layout, name)
            if missing:
                result.problems += missing
                return
            if layout.kind == ImportBatch.Kind.SUMMARY_FORM:
                _read_form_sheet(name, rows, layout, titles, result, budget, today=today)
            else:
                _read_template_sheet(name, rows, layout, result, budget, today=today)
            return
    finally:
        rows.close()


def _check_repeats(result: WorkbookContent) -> None:
    """Refuse a record, an empty month or a plan line the file gives twice."""
    seen: dict[tuple[dt.date, int], RecordRow] = {}
    for record in result.records:
        key = (record.data.month, record.data.sequence)
        first = seen.setdefault(key, record)
        if first is not record:
            th_month, en_month = _month_words(record.data.month)
            result.problems.append(
                ImportProblem(
                    record.sheet,
                    record.row,
                    None,
                    f"ลำดับ {record.data.sequence} ของเดือน {th_month} ซ้ำกับแผ่นงาน {first.sheet} แถว {first.row}",
                    f"Row number {record.data.sequence} of {en_month} repeats sheet {first.sheet} row {first.row}.",
                )
            )
    record_months = {record.data.month for record in result.records}
    declared: dict[dt.date, EmptyMonth] = {}
    for empty in result.empty_months:
        th_month, en_month = _month_words(empty.month)
        first_empty = declared.setdefault(empty.month, empty)
        if first_empty is not empty:
            result.problems.append(
                ImportProblem(
                    empty.sheet,
                    empty.row,
                    None,
                    f"เดือน {th_month} ระบุว่าไม่มีการจัดซื้อจัดจ้างซ้ำกับแผ่นงาน {first_empty.sheet}",
                    f"{en_month} is declared empty twice (also in sheet {first_empty.sheet}).",
                )
            )
        if empty.month in record_months:
            result.problems.append(
                ImportProblem(
                    empty.sheet,
                    empty.row,
                    None,
                    f"เดือน {th_month} ระบุว่าไม่มีการจัดซื้อจัดจ้าง แต่ไฟล์มีรายการของเดือนนี้",
                    f"{en_month} is declared empty, but the file lists procurements in it.",
                )
            )
    lines: dict[tuple[int, int], PlanRow] = {}
    for line in result.plan_lines:
        first_line = lines.setdefault((line.fiscal_year, line.position), line)
        if first_line is not line:
            result.problems.append(
                ImportProblem(
                    line.sheet,
                    line.row,
                    None,
                    f"ลำดับ {line.position} ของแผนปีงบประมาณ {line.fiscal_year} ซ้ำกับแถว {first_line.row}",
                    f"Line {line.position} of the fiscal year {line.fiscal_year} plan repeats row {first_line.row}.",
                )
            )
