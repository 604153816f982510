"""The plan workbook: its two sheets (projects, progress), their columns, and reading them from an XLSX file.

A pure module (openpyxl, no Django). Units keep plans in spreadsheets of their own making, so
the reader does not insist on our template: it looks in every sheet for a header row (title rows
above it are fine), recognises each column by its heading in Thai or English whatever its place,
and hands back each data row's raw values by column, with where they came from (sheet, row,
column letter, heading as written). The workbook is read in openpyxl's read-only mode, one row at
a time, so a long file never sits in memory whole.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from prongsai.thaitext import fold

__all__ = [
    "LAYOUTS",
    "PROGRESS",
    "PROJECTS",
    "Column",
    "Layout",
    "SheetProblem",
    "SheetRows",
    "column_letter",
    "heading_key",
    "read_workbook",
]

# How far down a sheet the header row may sit (title rows, notes, a blank line or two above it).
HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class Column:
    """A column of a plan sheet: its field, its heading in our template (Thai, English) and other names units use."""

    key: str
    th: str
    en: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: int = 18

    @property
    def heading(self) -> str:
        """Return the heading our template writes: Thai, then English on a second line."""
        return f"{self.th}\n{self.en}"

    def names(self) -> frozenset[str]:
        return frozenset(heading_key(name) for name in (self.th, self.en, *self.aliases))


@dataclass(frozen=True)
class Layout:
    """One kind of sheet: its name in our template and its columns in the template's order."""

    key: str
    title_th: str
    title_en: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def match(self, values: Sequence[object]) -> dict[str, int] | None:
        """Return the column index of each field if the row is this sheet's header row (every required column found)."""
        found: dict[str, int] = {}
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                continue
            keys = {heading_key(line) for line in value.splitlines() if line.strip()} | {heading_key(value)}
            for column in self.columns:
                if column.key not in found and keys & column.names():
                    found[column.key] = index
                    break
        if all(c.key in found for c in self.columns if c.required):
            return found
        return None


PROJECTS = Layout(
    key="projects",
    title_th="โครงการ",
    title_en="Projects",
    columns=(
        Column("programme", "แผนงาน", "Programme", True, ("แผนงาน/ผลผลิต", "program", "plan"), 30),
        Column("kind", "ประเภท", "Kind", False, ("type", "ประเภทโครงการ"), 12),
        Column(
            "name_th",
            "ชื่อโครงการ/กิจกรรม",
            "Name (Thai)",
            True,
            ("โครงการ/กิจกรรม", "ชื่อโครงการ", "ชื่อกิจกรรม", "โครงการ", "name", "project"),
            40,
        ),
        Column("name_en", "ชื่อภาษาอังกฤษ", "Name (English)", False, ("englishname", "nameen"), 30),
        Column("budget", "งบประมาณ (บาท)", "Budget (baht)", True, ("งบประมาณ", "วงเงินงบประมาณ", "budget"), 18),
        Column("budget_source", "แหล่งงบประมาณ", "Source of funds", False, ("แหล่งเงิน", "budget source"), 20),
        Column("start", "วันเริ่มต้น", "Start", True, ("เริ่มต้น", "วันที่เริ่ม", "วันที่เริ่มต้น", "start date"), 16),
        Column("end", "วันสิ้นสุด", "End", True, ("สิ้นสุด", "วันที่สิ้นสุด", "end date"), 16),
        Column(
            "division",
            "หน่วยงานที่รับผิดชอบ",
            "Responsible division",
            True,
            ("หน่วยงานรับผิดชอบ", "ผู้รับผิดชอบ", "division", "responsible"),
            24,
        ),
        Column("kpi", "ตัวชี้วัด", "Indicator (KPI)", False, ("kpi", "indicator"), 30),
        Column("target", "ค่าเป้าหมาย", "Target", False, ("เป้าหมาย",), 16),
    ),
)

PROGRESS = Layout(
    key="progress",
    title_th="ผลการดำเนินงาน",
    title_en="Progress",
    columns=(
        Column("programme", "แผนงาน", "Programme", False, ("แผนงาน/ผลผลิต", "program", "plan"), 30),
        Column(
            "project",
            "ชื่อโครงการ/กิจกรรม",
            "Project or activity",
            True,
            ("โครงการ/กิจกรรม", "ชื่อโครงการ", "ชื่อกิจกรรม", "โครงการ", "project", "name"),
            40,
        ),
        Column("period", "เดือนที่รายงาน", "Reporting month", True, ("เดือน", "งวด", "month", "period"), 14),
        Column("as_of", "ข้อมูล ณ วันที่", "As of", True, ("ณ วันที่", "วันที่ข้อมูล", "as of date"), 16),
        Column(
            "progress_percent",
            "ความก้าวหน้า (ร้อยละ)",
            "Progress (%)",
            True,
            ("ความก้าวหน้า", "ร้อยละความก้าวหน้า", "ผลการดำเนินงาน (ร้อยละ)", "progress", "progress percent"),
            14,
        ),
        Column(
            "disbursed",
            "เบิกจ่ายสะสม (บาท)",
            "Disbursed to date (baht)",
            True,
            ("ผลการเบิกจ่าย", "ผลการเบิกจ่ายสะสม", "เบิกจ่าย", "เบิกจ่ายสะสม", "disbursed"),
            18,
        ),
        Column("status", "สถานะ", "Status", True, ("สถานะการดำเนินงาน",), 16),
        Column("note_th", "หมายเหตุ", "Notes", False, ("notes (thai)", "note"), 30),
        Column("note_en", "หมายเหตุภาษาอังกฤษ", "Notes (English)", False, ("english notes",), 30),
    ),
)

LAYOUTS = (PROJECTS, PROGRESS)

_HEADING_NOISE = re.compile(r"[\s()\[\]/.,:;*_\-–]")


def heading_key(text: str) -> str:
    """Return the form two headings are compared in: folded, without spaces, brackets or punctuation."""
    return _HEADING_NOISE.sub("", fold(text))


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@dataclass(frozen=True)
class SheetProblem:
    """Something wrong with the workbook, where it is (sheet, row, column letter and heading), in Thai and English."""

    sheet: str
    row: int | None
    column: str | None
    heading: str
    th: str
    en: str

    def text(self, language: str) -> str:
        """Say where the problem is and what it is, in `language` (English for "en…", Thai otherwise)."""
        english = language.startswith("en")
        where: list[str] = []
        if self.sheet:
            where.append(f"sheet {self.sheet}" if english else f"แผ่นงาน {self.sheet}")
        if self.row is not None:
            where.append(f"row {self.row}" if english else f"แถว {self.row}")
        if self.column:
            heading = f" ({self.heading})" if self.heading else ""
            where.append(f"column {self.column}{heading}" if english else f"คอลัมน์ {self.column}{heading}")
        message = self.en if english else self.th
        return f"{', '.join(where) if english else ' '.join(where)}: {message}" if where else message


@dataclass
class SheetRows:
    """A sheet recognised as one of the layouts: where its columns are and its data rows' values by field."""

    layout: Layout
    sheet: str
    header_row: int
    columns: dict[str, int]
    headings: dict[str, str]
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)

    def where(self, key: str) -> tuple[str, str]:
        """Return the column letter and the heading as written of a field ("" when the sheet lacks the column)."""
        if key not in self.columns:
            return "", ""
        return column_letter(self.columns[key]), self.headings[key]

    def problem(self, row: int | None, key: str | None, th: str, en: str) -> SheetProblem:
        letter, heading = self.where(key) if key else ("", "")
        return SheetProblem(self.sheet, row, letter or None, heading, th, en)


def _header(rows: Iterable[tuple[object, ...]]) -> tuple[int, Layout, dict[str, int], tuple[object, ...]] | None:
    for number, values in enumerate(rows, start=1):
        if number > HEADER_SEARCH_ROWS:
            return None
        for layout in LAYOUTS:
            found = layout.match(values)
            if found is not None:
                return number, layout, found, values
    return None


def _blank(values: Sequence[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def read_workbook(content: bytes) -> tuple[dict[str, SheetRows], list[SheetProblem]]:
    """Read the projects and progress sheets of an XLSX file, one row at a time.

    Returns the sheets found by layout key, and the problems that stop the reading: a file that
    is not an XLSX workbook, no sheet with a header row we recognise, or two sheets of one kind.
    Data rows are those below the header row with anything in them; blank rows are skipped.
    """
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        return {}, [
            SheetProblem("", None, None, "", "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)", "The file is not an Excel workbook (.xlsx).")
        ]
    found: dict[str, SheetRows] = {}
    problems: list[SheetProblem] = []
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = _header(rows)
            if header is None:
                continue
            number, layout, columns, values = header
            if layout.key in found:
                problems.append(
                    SheetProblem(
                        sheet.title,
                        number,
                        None,
                        "",
                        f"มีแผ่นงาน{layout.title_th}มากกว่าหนึ่งแผ่น (แผ่นแรกคือ {found[layout.key].sheet})",
                        f"There is more than one {layout.title_en.lower()} sheet "
                        f"(the first is {found[layout.key].sheet}).",
                    )
                )
                continue
            headings = {key: " ".join(str(values[index]).split()) for key, index in columns.items()}
            target = SheetRows(layout, sheet.title, number, columns, headings)
            width = max(columns.values()) + 1
            for offset, row in enumerate(rows, start=number + 1):
                cells = list(row[:width]) + [None] * (width - len(row))
                if _blank(cells):
                    continue
                target.rows.append((offset, {key: cells[index] for key, index in columns.items()}))
            found[layout.key] = target
    finally:
        workbook.close()
    if not found and not problems:
        problems.append(
            SheetProblem(
                "",
                None,
                None,
                "",
                "ไม่พบแถวหัวตารางของแผ่นงานโครงการหรือผลการดำเนินงาน "
                "(เช่น แผนงาน ชื่อโครงการ/กิจกรรม งบประมาณ วันเริ่มต้น วันสิ้นสุด หน่วยงานที่รับผิดชอบ)",
                "No sheet has the header row of projects or of progress "
                "(such as แผนงาน, ชื่อโครงการ/กิจกรรม, งบประมาณ, วันเริ่มต้น, วันสิ้นสุด, หน่วยงานที่รับผิดชอบ).",
            )
        )
    return found, problems
