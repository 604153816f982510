"""The rows of each kind of dataset as the CSV, JSON and XLSX downloads give them. Pure: no Django.

Every kind has a fixed list of columns (`COLUMNS[kind]`): English names in snake_case, without
spaces (the Government Website Standard asks for English column names without spaces), each with
its type and what it means in Thai and English (`column_descriptions`, which the dataset page
shows). Every kind begins with the unit's columns, so a department-wide dataset is its units'
rows one after another, each saying whose it is.

A row is a dict from column name to a typed value: `Decimal` for money and other exact decimals,
`int` for counts and fiscal years (Buddhist era), `date` / `datetime` (aware, in local time) for
dates and times, `bool`, and `str` for text, months ("YYYY-MM") and addresses; None is an empty
cell. The row builders here read the snapshots a register version published (plans/snapshot.py,
procurement/snapshot.py); downloads.py builds the register's, the channels' and the monitor's
rows from the database. The three writers then render the same rows:

- CSV: UTF-8 with a byte-order mark (so Excel reads Thai), CRLF line ends, RFC 4180 quoting, one
  header row of column names. Money and numbers are plain ("30000.50", "-5.00"); a text cell that
  a spreadsheet would take for a formula (beginning with = + - @, a tab or a carriage return, and
  not simply a number) gets a leading apostrophe, so opening the file never runs anything.
- JSON: one object, `{"dataset", "title": {"th", "en"}, "license", "modified", "columns", "rows"}`
  with `columns` a list of `{"name", "type", "description": {"th", "en"}}` and `rows` a list of
  objects in column order. Money and decimals are exact strings ("30000.50"), counts and years
  integers, dates ISO strings, booleans true/false, empty cells null. Text is exactly as published.
- XLSX: one sheet named for the kind, a bold header row frozen above the data, money as numbers
  formatted "#,##0.00", dates as dates; text cells are always text (never a formula) and lose only
  the control characters a workbook cannot hold. The bytes depend only on the rows and the
  dataset's modification time.
"""

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from prongsai.rendering.xlsx import workbook_bytes

from .kinds import DatasetKind

__all__ = [
    "COLUMNS",
    "FORMAT_VERSION",
    "Cell",
    "Column",
    "ColumnType",
    "Labels",
    "Row",
    "Table",
    "TableMeta",
    "Unit",
    "action_plan_rows",
    "column_descriptions",
    "csv_cell",
    "layout_token",
    "plan_progress_rows",
    "procurement_plan_rows",
    "procurement_record_rows",
    "table_csv",
    "table_json",
    "table_of",
    "table_xlsx",
    "unit_cells",
]

# Bump when a writer changes what it writes for the same rows: cached downloads and ETags carry it.
FORMAT_VERSION = 1

type Cell = str | int | Decimal | dt.date | dt.datetime | bool | None
type Row = dict[str, Cell]
# Thai labels of stored codes, by the set they belong to ("method": {"specific": "เฉพาะเจาะจง", …}).
type Labels = Mapping[str, Mapping[str, str]]

# The label sets `Labels` holds (downloads.py fills them from the models' choices, in Thai).
METHOD = "method"
RECORD_STATUS = "record_status"
CONTRACT_KIND = "contract_kind"
PROJECT_KIND = "project_kind"
PROGRESS_STATUS = "progress_status"
CHANNEL_KIND = "channel_kind"
CHANNEL_TOPIC = "channel_topic"
CHANNEL_STATUS = "channel_status"


class ColumnType(StrEnum):
    """What a column holds, which decides how each format writes it."""

    TEXT = "text"
    INTEGER = "integer"
    MONEY = "money"  # baht with satang, exact
    DECIMAL = "decimal"  # an exact decimal that is not money (a percentage, a score)
    DATE = "date"
    DATETIME = "datetime"
    MONTH = "month"  # "YYYY-MM"
    BOOLEAN = "boolean"
    URL = "url"


@dataclass(frozen=True)
class Column:
    """A column of a download: its name, type and meaning in Thai and English."""

    name: str
    type: ColumnType
    th: str
    en: str
    # How an XLSX cell shows a number ("" for the type's own format).
    number_format: str = ""


@dataclass(frozen=True)
class Unit:
    """The unit a row belongs to: its slug and names (the first three columns of every kind)."""

    slug: str
    name_th: str
    name_en: str


_T = ColumnType
_UNIT = (
    Column(
        "unit", _T.TEXT, "รหัสหน่วยงาน (slug ที่ใช้ในที่อยู่ของพอร์ทัล)", "The unit's code (the slug in the portal's addresses)."
    ),
    Column("unit_name_th", _T.TEXT, "ชื่อหน่วยงานภาษาไทย", "The unit's name in Thai."),
    Column("unit_name_en", _T.TEXT, "ชื่อหน่วยงานภาษาอังกฤษ", "The unit's name in English."),
)
_FISCAL_YEAR = Column(
    "fiscal_year", _T.INTEGER, "ปีงบประมาณ (พ.ศ.)", "The fiscal year (Buddhist era; FY 2569 is Oct 2025-Sep 2026)."
)
_AS_OF = Column("as_of", _T.DATE, "ข้อมูล ณ วันที่ของฉบับที่เผยแพร่", "The date the published version's information is as of.")

COLUMNS: dict[DatasetKind, tuple[Column, ...]] = {
    DatasetKind.REGISTER: (
        *_UNIT,
        Column("item_code", _T.TEXT, "ข้อของมาตรการ เช่น 5.1.4", "The measure's item, e.g. 5.1.4."),
        Column("item_name_th", _T.TEXT, "ชื่อรายการข้อมูลภาษาไทย", "The item's name in Thai."),
        Column("item_name_en", _T.TEXT, "ชื่อรายการข้อมูลภาษาอังกฤษ", "The item's name in English."),
        Column("published", _T.BOOLEAN, "เผยแพร่แล้วหรือไม่", "Whether the unit has published the item."),
        Column(
            "version",
            _T.INTEGER,
            "ฉบับที่เผยแพร่อยู่ (ว่าง: ยังไม่เผยแพร่)",
            "The published version's number (empty: not published).",
        ),
        Column("published_at", _T.DATETIME, "วันเวลาที่เผยแพร่ฉบับนี้", "When the published version was published."),
        Column("as_of", _T.DATE, "ข้อมูล ณ วันที่ของฉบับที่เผยแพร่", "The date the published version's information is as of."),
        Column(
            "nothing_to_publish",
            _T.BOOLEAN,
            "ฉบับที่เผยแพร่เป็นการประกาศว่าไม่มีข้อมูลในรอบนี้",
            "Whether the published version declares there was nothing to publish in the period.",
        ),
        Column("next_review_due", _T.DATE, "วันที่ต้องทบทวนข้อมูลครั้งถัดไป", "When the item is next due for review."),
        Column("portal_url", _T.URL, "ที่อยู่หน้ารายการนี้บนพอร์ทัล", "The item's page on the portal."),
    ),
    DatasetKind.ACTION_PLANS: (
        *_UNIT,
        _FISCAL_YEAR,
        _AS_OF,
        Column("programme_no", _T.INTEGER, "ลำดับแผนงานในแผนปฏิบัติการ", "The programme's number in the plan."),
        Column("programme_th", _T.TEXT, "ชื่อแผนงานภาษาไทย", "The programme's name in Thai."),
        Column("programme_en", _T.TEXT, "ชื่อแผนงานภาษาอังกฤษ", "The programme's name in English."),
        Column(
            "project_id",
            _T.INTEGER,
            "รหัสโครงการ (ใช้เชื่อมกับชุดข้อมูลความก้าวหน้า)",
            "The project's id (links to the progress dataset).",
        ),
        Column("project_no", _T.TEXT, "ลำดับโครงการ เช่น 1.2", "The project's number, e.g. 1.2."),
        Column("project_th", _T.TEXT, "ชื่อโครงการหรือกิจกรรมภาษาไทย", "The project's or activity's name in Thai."),
        Column("project_en", _T.TEXT, "ชื่อโครงการหรือกิจกรรมภาษาอังกฤษ", "The project's or activity's name in English."),
        Column("kind", _T.TEXT, "ประเภท: project หรือ activity", "The kind: project or activity."),
        Column("kind_th", _T.TEXT, "ประเภทภาษาไทย", "The kind in Thai."),
        Column("budget", _T.MONEY, "งบประมาณ (บาท)", "The budget (baht)."),
        Column("budget_source", _T.TEXT, "แหล่งงบประมาณ", "Where the budget comes from."),
        Column("start", _T.DATE, "วันเริ่มต้น", "The first day."),
        Column("end", _T.DATE, "วันสิ้นสุด", "The last day."),
        Column("division", _T.TEXT, "ผู้รับผิดชอบ", "The division responsible."),
        Column("kpi", _T.TEXT, "ตัวชี้วัด", "The indicator."),
        Column("target", _T.TEXT, "ค่าเป้าหมาย", "The target."),
    ),
    DatasetKind.PLAN_PROGRESS: (
        *_UNIT,
        _FISCAL_YEAR,
        _AS_OF,
        Column(
            "project_id",
            _T.INTEGER,
            "รหัสโครงการ (ตรงกับชุดข้อมูลแผนปฏิบัติการ)",
            "The project's id (as in the action plans dataset).",
        ),
        Column("project_no", _T.TEXT, "ลำดับโครงการ เช่น 1.2", "The project's number, e.g. 1.2."),
        Column("project_th", _T.TEXT, "ชื่อโครงการหรือกิจกรรมภาษาไทย", "The project's or activity's name in Thai."),
        Column("project_en", _T.TEXT, "ชื่อโครงการหรือกิจกรรมภาษาอังกฤษ", "The project's or activity's name in English."),
        Column("budget", _T.MONEY, "งบประมาณของโครงการ (บาท)", "The project's budget (baht)."),
        Column("month", _T.MONTH, "เดือนที่รายงาน (YYYY-MM)", "The month reported on (YYYY-MM)."),
        Column("report_as_of", _T.DATE, "ข้อมูลของรายงาน ณ วันที่", "The date the report is as of."),
        Column(
            "progress_percent",
            _T.DECIMAL,
            "ความก้าวหน้าของงาน (ร้อยละ)",
            "Physical progress (percent).",
            number_format="0.00",
        ),
        Column("disbursed", _T.MONEY, "เบิกจ่ายสะสม (บาท)", "Budget disbursed so far (baht)."),
        Column("status", _T.TEXT, "สถานะ: not_started, on_schedule, behind, completed, cancelled", "The status code."),
        Column("status_th", _T.TEXT, "สถานะภาษาไทย", "The status in Thai."),
        Column("note_th", _T.TEXT, "หมายเหตุภาษาไทย", "A note in Thai."),
        Column("note_en", _T.TEXT, "หมายเหตุภาษาอังกฤษ", "A note in English."),
        Column(
            "latest",
            _T.BOOLEAN,
            "เป็นรายงานล่าสุดของโครงการ ณ วันที่ของข้อมูล",
            "Whether this is the project's latest report as of the version's date.",
        ),
    ),
    DatasetKind.PROCUREMENT_PLANS: (
        *_UNIT,
        _FISCAL_YEAR,
        Column("announced_on", _T.DATE, "วันที่ประกาศแผน", "The day the plan was announced."),
        _AS_OF,
        Column(
            "plan_line_id",
            _T.INTEGER,
            "รหัสรายการในแผน (ตรงกับชุดข้อมูลผลการจัดซื้อจัดจ้าง)",
            "The line's id (as in procurement results).",
        ),
        Column("line_no", _T.INTEGER, "ลำดับรายการในแผน", "The line's number in the plan."),
        Column("item", _T.TEXT, "รายการที่จะจัดซื้อจัดจ้าง", "What is to be procured."),
        Column("budget", _T.MONEY, "วงเงินงบประมาณ (บาท)", "The budget (baht)."),
        Column(
            "method",
            _T.TEXT,
            "วิธีจัดซื้อจัดจ้าง (รหัส เช่น specific, e_bidding)",
            "The method's code, e.g. specific, e_bidding.",
        ),
        Column("method_th", _T.TEXT, "วิธีจัดซื้อจัดจ้างภาษาไทย", "The method in Thai."),
        Column("expected_month", _T.MONTH, "เดือนที่คาดว่าจะจัดซื้อจัดจ้าง (YYYY-MM)", "The month it is expected (YYYY-MM)."),
        Column("budget_source", _T.TEXT, "แหล่งงบประมาณ", "Where the budget comes from."),
        Column("note", _T.TEXT, "หมายเหตุ", "A note."),
    ),
    DatasetKind.PROCUREMENT_RECORDS: (
        *_UNIT,
        _FISCAL_YEAR,
        _AS_OF,
        Column("month", _T.MONTH, "เดือนที่จัดซื้อจัดจ้าง (YYYY-MM)", "The month of the procurement (YYYY-MM)."),
        Column("sequence", _T.INTEGER, "ลำดับในเดือน (ตามแบบ สขร.1)", "The number in the month (as in form สขร.1)."),
        Column("item", _T.TEXT, "งานที่จัดซื้อจัดจ้าง", "What was procured."),
        Column("budget", _T.MONEY, "วงเงินที่จะซื้อหรือจ้าง (บาท)", "The budget (baht)."),
        Column("reference_price", _T.MONEY, "ราคากลาง (บาท)", "The reference price (baht)."),
        Column(
            "method",
            _T.TEXT,
            "วิธีซื้อหรือจ้าง (รหัส เช่น specific, e_bidding)",
            "The method's code, e.g. specific, e_bidding.",
        ),
        Column("method_th", _T.TEXT, "วิธีซื้อหรือจ้างภาษาไทย", "The method in Thai."),
        Column("method_detail", _T.TEXT, "วิธีซื้อหรือจ้างตามที่หน่วยงานระบุ", "The method as the unit wrote it."),
        Column(
            "bidders",
            _T.TEXT,
            "รายชื่อผู้เสนอราคาและราคาที่เสนอ ในรูป “ชื่อ: ราคา” คั่นด้วย “; ”",
            "The bidders and their prices as “name: price”, separated by “; ”.",
        ),
        Column("bids", _T.INTEGER, "จำนวนผู้เสนอราคา", "How many bids there were."),
        Column("winner", _T.TEXT, "ผู้ได้รับการคัดเลือก", "The selected vendor."),
        Column("winner_price", _T.MONEY, "ราคาที่ตกลงซื้อหรือจ้าง (บาท)", "The agreed price (baht)."),
        Column("reason", _T.TEXT, "เหตุผลที่คัดเลือกโดยสรุป", "Why the vendor was selected, in short."),
        Column(
            "contract_kind",
            _T.TEXT,
            "ประเภทเอกสาร (รหัส เช่น contract, purchase_order)",
            "The kind of contract document's code.",
        ),
        Column("contract_kind_th", _T.TEXT, "ประเภทเอกสารภาษาไทย", "The kind of contract document in Thai."),
        Column("contract_number", _T.TEXT, "เลขที่สัญญาหรือข้อตกลง", "The contract's or agreement's number."),
        Column("contract_date", _T.DATE, "วันที่ของสัญญาหรือข้อตกลง", "The contract's or agreement's date."),
        Column("egp_number", _T.TEXT, "เลขที่โครงการในระบบ e-GP", "The project number in the e-GP system."),
        Column("budget_source", _T.TEXT, "แหล่งงบประมาณ", "Where the budget comes from."),
        Column("status", _T.TEXT, "สถานะ (รหัส เช่น in_contract, completed)", "The procurement status's code."),
        Column("status_th", _T.TEXT, "สถานะภาษาไทย", "The procurement status in Thai."),
        Column("plan_line_id", _T.INTEGER, "รหัสรายการในแผนการจัดซื้อจัดจ้าง", "The procurement plan line it carries out."),
    ),
    DatasetKind.CHANNEL_STATISTICS: (
        *_UNIT,
        _FISCAL_YEAR,
        Column("month", _T.MONTH, "เดือนที่ได้รับเรื่อง (YYYY-MM)", "The month received (YYYY-MM)."),
        Column("kind", _T.TEXT, "ประเภท: opinion หรือ complaint", "The kind: opinion or complaint."),
        Column("kind_th", _T.TEXT, "ประเภทภาษาไทย", "The kind in Thai."),
        Column("topic", _T.TEXT, "หัวข้อ (รหัส)", "The topic's code."),
        Column("topic_th", _T.TEXT, "หัวข้อภาษาไทย", "The topic in Thai."),
        Column("status", _T.TEXT, "สถานะ (รหัส)", "The status's code."),
        Column("status_th", _T.TEXT, "สถานะภาษาไทย", "The status in Thai."),
        Column("count", _T.INTEGER, "จำนวนเรื่อง", "How many were received."),
    ),
    DatasetKind.MONITOR_SCORES: (
        *_UNIT,
        _FISCAL_YEAR,
        Column("round", _T.INTEGER, "รอบการรายงาน: 6 หรือ 12 เดือน", "The reporting round: 6 or 12 months."),
        Column("checked_at", _T.DATETIME, "วันเวลาที่ตรวจครั้งล่าสุดของรอบ", "When the round's last check finished."),
        Column("score", _T.DECIMAL, "คะแนน (เต็ม 100)", "The score (out of 100).", number_format="0.0"),
        Column("website", _T.URL, "เว็บไซต์ที่ตรวจ", "The website checked."),
    ),
}


def column_descriptions(kind: DatasetKind) -> list[tuple[str, str, str]]:
    """Return (column name, Thai description, English description) for each column of a kind's downloads, in order."""
    return [(column.name, column.th, column.en) for column in COLUMNS[kind]]


def layout_token() -> str:
    """Return a short token that changes whenever the columns or the writers change (caches and ETags carry it)."""
    layout = [
        (kind.value, [(column.name, column.type.value, column.number_format) for column in columns])
        for kind, columns in COLUMNS.items()
    ]
    return hashlib.sha256(json.dumps([FORMAT_VERSION, layout]).encode()).hexdigest()[:8]


@dataclass(frozen=True)
class Table:
    """A kind's rows, each with exactly the kind's columns."""

    kind: DatasetKind
    rows: tuple[Row, ...]

    @property
    def columns(self) -> tuple[Column, ...]:
        return COLUMNS[self.kind]


def table_of(kind: DatasetKind, rows: Iterable[Row]) -> Table:
    """Return the rows as a table of the kind; raise ValueError when a row's columns are not the kind's."""
    names = [column.name for column in COLUMNS[kind]]
    found = tuple(rows)
    for index, row in enumerate(found):
        if list(row) != names:
            raise ValueError(f"row {index} of {kind.value} has columns {list(row)}, not {names}")
    return Table(kind, found)


def unit_cells(unit: Unit) -> Row:
    """Return the unit's columns, which every row begins with."""
    return {"unit": unit.slug, "unit_name_th": unit.name_th, "unit_name_en": unit.name_en}


# --- Rows from published snapshots ------------------------------------------------------------


def _money(value: Any) -> Decimal | None:
    """Read an amount of a snapshot (the exact string of amount_to_json, or None)."""
    return None if value is None or value == "" else Decimal(str(value))


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _label(labels: Labels, kind: str, code: str) -> str:
    """Return the Thai label of a code ("" for an empty or unknown code: a blank stays blank)."""
    return labels.get(kind, {}).get(code, "") if code else ""


def _projects(data: Mapping[str, Any]) -> Iterable[tuple[int, Mapping[str, Any], int, Mapping[str, Any]]]:
    """Yield (programme number, programme, project number, project) in plan order, numbered from 1."""
    for programme_no, programme in enumerate(data.get("programmes", []), start=1):
        for project_no, project in enumerate(programme.get("projects", []), start=1):
            yield programme_no, programme, project_no, project


def action_plan_rows(unit: Unit, data: Mapping[str, Any], labels: Labels) -> list[Row]:
    """Return one row per project or activity of an action plan snapshot (5.1.4), in plan order."""
    rows: list[Row] = []
    for programme_no, programme, project_no, project in _projects(data):
        kind = str(project.get("kind", ""))
        rows.append(
            {
                **unit_cells(unit),
                "fiscal_year": data["fiscal_year"],
                "as_of": _date(data.get("as_of")),
                "programme_no": programme_no,
                "programme_th": programme.get("name_th", ""),
                "programme_en": programme.get("name_en", ""),
                "project_id": project.get("id"),
                "project_no": f"{programme_no}.{project_no}",
                "project_th": project.get("name_th", ""),
                "project_en": project.get("name_en", ""),
                "kind": kind,
                "kind_th": _label(labels, PROJECT_KIND, kind),
                "budget": _money(project.get("budget")),
                "budget_source": project.get("budget_source", ""),
                "start": _date(project.get("start")),
                "end": _date(project.get("end")),
                "division": project.get("division", ""),
                "kpi": project.get("kpi", ""),
                "target": project.get("target", ""),
            }
        )
    return rows


def plan_progress_rows(unit: Unit, data: Mapping[str, Any], labels: Labels) -> list[Row]:
    """Return one row per project per reported month of a progress snapshot (5.1.5), projects in plan order.

    `latest` marks the report the snapshot names as the project's latest as of its date.
    """
    rows: list[Row] = []
    for programme_no, _programme, project_no, project in _projects(data):
        latest = project.get("latest") or {}
        latest_key = (latest.get("period"), latest.get("as_of"))
        for report in project.get("progress", []):
            status = str(report.get("status", ""))
            rows.append(
                {
                    **unit_cells(unit),
                    "fiscal_year": data["fiscal_year"],
                    "as_of": _date(data.get("as_of")),
                    "project_id": project.get("id"),
                    "project_no": f"{programme_no}.{project_no}",
                    "project_th": project.get("name_th", ""),
                    "project_en": project.get("name_en", ""),
                    "budget": _money(project.get("budget")),
                    "month": report.get("period", ""),
                    "report_as_of": _date(report.get("as_of")),
                    "progress_percent": _money(report.get("progress_percent")),
                    "disbursed": _money(report.get("disbursed")),
                    "status": status,
                    "status_th": _label(labels, PROGRESS_STATUS, status),
                    "note_th": report.get("note_th", ""),
                    "note_en": report.get("note_en", ""),
                    "latest": (report.get("period"), report.get("as_of")) == latest_key,
                }
            )
    return rows


def procurement_plan_rows(unit: Unit, data: Mapping[str, Any], labels: Labels) -> list[Row]:
    """Return one row per line of a procurement plan snapshot (5.1.7.1), in plan order."""
    rows: list[Row] = []
    for line_no, line in enumerate(data.get("lines", []), start=1):
        method = str(line.get("method", ""))
        rows.append(
            {
                **unit_cells(unit),
                "fiscal_year": data["fiscal_year"],
                "announced_on": _date(data.get("announced_on")),
                "as_of": _date(data.get("as_of")),
                "plan_line_id": line.get("id"),
                "line_no": line_no,
                "item": line.get("name", ""),
                "budget": _money(line.get("budget")),
                "method": method,
                "method_th": _label(labels, METHOD, method),
                "expected_month": line.get("expected_month", ""),
                "budget_source": line.get("budget_source", ""),
                "note": line.get("note", ""),
            }
        )
    return rows


def _bidders(bids: Sequence[Mapping[str, Any]]) -> str:
    """Write the bids as สขร.1 lists them: "name: price" joined by "; " (a bid without a price is its name)."""
    return "; ".join(
        f"{bid.get('bidder', '')}: {bid['price']}" if bid.get("price") is not None else str(bid.get("bidder", ""))
        for bid in bids
    )


def procurement_record_rows(unit: Unit, data: Mapping[str, Any], labels: Labels) -> list[Row]:
    """Return one row per procurement of a records snapshot (5.1.7.2), in form order (month, then ลำดับ)."""
    rows: list[Row] = []
    for record in data.get("records", []):
        method = str(record.get("method", ""))
        contract_kind = str(record.get("contract_kind", ""))
        status = str(record.get("status", ""))
        bids = record.get("bids", [])
        rows.append(
            {
                **unit_cells(unit),
                "fiscal_year": record.get("fiscal_year", data["fiscal_year"]),
                "as_of": _date(data.get("as_of")),
                "month": record.get("month", ""),
                "sequence": record.get("sequence"),
                "item": record.get("item", ""),
                "budget": _money(record.get("budget")),
                "reference_price": _money(record.get("reference_price")),
                "method": method,
                "method_th": _label(labels, METHOD, method),
                "method_detail": record.get("method_detail", ""),
                "bidders": _bidders(bids),
                "bids": len(bids),
                "winner": record.get("winner", ""),
                "winner_price": _money(record.get("winner_price")),
                "reason": record.get("reason", ""),
                "contract_kind": contract_kind,
                "contract_kind_th": _label(labels, CONTRACT_KIND, contract_kind),
                "contract_number": record.get("contract_number", ""),
                "contract_date": _date(record.get("contract_date")),
                "egp_number": record.get("egp_number", ""),
                "budget_source": record.get("budget_source", ""),
                "status": status,
                "status_th": _label(labels, RECORD_STATUS, status),
                "plan_line_id": record.get("plan_line"),
            }
        )
    return rows


# --- Writers ----------------------------------------------------------------------------------

# A cell beginning with one of these is a formula (or the start of one) to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ...unless the whole cell is a plain number, which a spreadsheet reads as that number and nothing else.
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


def _iso_time(value: dt.datetime) -> str:
    return value.replace(microsecond=0).isoformat()


def _text(column: Column, value: Cell) -> str | None:
    """Return a cell as the text CSV and JSON write (None for an empty cell); JSON keeps ints and booleans."""
    if value is None:
        return None
    if column.type is ColumnType.DATETIME and isinstance(value, dt.datetime):
        return _iso_time(value)
    if column.type is ColumnType.DATE and isinstance(value, dt.date):
        return value.isoformat()
    if column.type is ColumnType.BOOLEAN:
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}"  # never an exponent: "30000.50", "0.00"
    return str(value)


def csv_cell(column: Column, value: Cell) -> str:
    """Return a cell as the CSV writes it: numbers plain, text that a spreadsheet would run guarded by an apostrophe."""
    text = _text(column, value)
    if text is None:
        return ""
    textual = column.type in (ColumnType.TEXT, ColumnType.URL, ColumnType.MONTH)
    if textual and text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def table_csv(table: Table) -> bytes:
    """Write the table as CSV: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, a header row of names."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    columns = table.columns
    writer.writerow([column.name for column in columns])
    for row in table.rows:
        writer.writerow([csv_cell(column, row[column.name]) for column in columns])
    # "replace": a lone surrogate (never from a form, which decodes UTF-8) must not stop the file.
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8", "replace")


@dataclass(frozen=True)
class TableMeta:
    """What the JSON download says about its dataset."""

    name: str
    title_th: str
    title_en: str
    license: str
    modified: dt.datetime  # aware, in local time


def _json_value(column: Column, value: Cell) -> object:
    if value is None:
        return None
    if column.type is ColumnType.INTEGER and isinstance(value, int) and not isinstance(value, bool):
        return value
    if column.type is ColumnType.BOOLEAN:
        return bool(value)
    return _text(column, value)


def table_json(table: Table, meta: TableMeta) -> bytes:
    """Write the table as one JSON object (see the module's docstring), UTF-8."""
    columns = table.columns
    document = {
        "dataset": meta.name,
        "title": {"th": meta.title_th, "en": meta.title_en},
        "license": meta.license,
        "modified": _iso_time(meta.modified),
        "columns": [
            {"name": column.name, "type": column.type.value, "description": {"th": column.th, "en": column.en}}
            for column in columns
        ],
        "rows": [{column.name: _json_value(column, row[column.name]) for column in columns} for row in table.rows],
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "replace") + b"\n"


# Characters a workbook's XML cannot hold: C0 controls other than tab, line feed and carriage return,
# lone surrogates, and U+FFFE/U+FFFF (XML 1.0's Char production).
_XLSX_ILLEGAL = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The most characters a cell holds.
_XLSX_CELL_LIMIT = 32767
_NUMBER_FORMATS = {
    ColumnType.MONEY: "#,##0.00",
    ColumnType.DECIMAL: "0.00",
    ColumnType.INTEGER: "0",
    ColumnType.DATE: "yyyy-mm-dd",
    ColumnType.DATETIME: "yyyy-mm-dd hh:mm:ss",
}
_WIDTHS = {
    ColumnType.TEXT: 28,
    ColumnType.URL: 40,
    ColumnType.MONEY: 16,
    ColumnType.DECIMAL: 10,
    ColumnType.INTEGER: 10,
    ColumnType.DATE: 12,
    ColumnType.DATETIME: 20,
    ColumnType.MONTH: 10,
    ColumnType.BOOLEAN: 10,
}


def _xlsx_value(column: Column, value: Cell) -> object:
    """Return a cell as the workbook stores it: numbers and dates as themselves, local times without their zone."""
    if value is None:
        return None
    if column.type is ColumnType.DATETIME and isinstance(value, dt.datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if column.type in (ColumnType.MONEY, ColumnType.DECIMAL, ColumnType.INTEGER, ColumnType.DATE, ColumnType.BOOLEAN):
        return value
    return _XLSX_ILLEGAL.sub("", str(value))[:_XLSX_CELL_LIMIT]


def table_xlsx(table: Table, *, stamped: dt.datetime) -> bytes:
    """Write the table as a one-sheet workbook: bold frozen header, typed cells, the same bytes for the same rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.kind.value[:31]
    columns = table.columns
    bold = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.name)
        cell.font = bold
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS[column.type]
    for row_index, row in enumerate(table.rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = _xlsx_value(column, row[column.name])
            if value is None:
                continue
            cell = sheet.cell(row=row_index, column=index, value=value)
            if isinstance(value, str):
                # Text stays text: openpyxl would take a leading "=" for a formula.
                cell.data_type = "s"
            number_format = column.number_format or _NUMBER_FORMATS.get(column.type)
            if number_format:
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
    return workbook_bytes(workbook, stamped=stamped)
