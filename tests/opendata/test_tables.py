"""The downloads' columns, row builders and writers (prongsai/opendata/tables.py), without a database.

Snapshots here are written by hand in the shapes of plans/snapshot.py and procurement/snapshot.py;
every expected cell is worked out from them.
"""

import csv
import datetime as dt
import io
import json
import re
import zipfile
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from prongsai.opendata.kinds import DatasetKind
from prongsai.opendata.tables import (
    COLUMNS,
    Column,
    ColumnType,
    Row,
    TableMeta,
    Unit,
    action_plan_rows,
    column_descriptions,
    csv_cell,
    layout_token,
    plan_progress_rows,
    procurement_plan_rows,
    procurement_record_rows,
    table_csv,
    table_json,
    table_of,
    table_xlsx,
    unit_cells,
)

BANGKOK = ZoneInfo("Asia/Bangkok")
UNIT = Unit(slug="unit-9", name_th="กองทดลอง", name_en="Trial division")
UNIT_CELLS = {"unit": "unit-9", "unit_name_th": "กองทดลอง", "unit_name_en": "Trial division"}
LABELS = {
    "method": {"specific": "เฉพาะเจาะจง", "e_bidding": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"},
    "record_status": {"": "ไม่ระบุ", "completed": "สิ้นสุดสัญญา"},
    "contract_kind": {"contract": "สัญญา"},
    "project_kind": {"project": "โครงการ", "activity": "กิจกรรม"},
    "progress_status": {"on_schedule": "เป็นไปตามแผน", "behind": "ล่าช้ากว่าแผน"},
}
TEXT = Column("note", ColumnType.TEXT, "หมายเหตุ", "A note.")
MONEY = Column("budget", ColumnType.MONEY, "งบ", "Budget.")
STAMP = dt.datetime(2026, 4, 11, 8, 0, tzinfo=BANGKOK)
T = Column("t", ColumnType.DATETIME, "", "")


# --- Columns ------------------------------------------------------------------------------------


def test_every_kind_has_snake_case_english_columns_beginning_with_the_unit() -> None:
    assert set(COLUMNS) == set(DatasetKind)
    for kind, columns in COLUMNS.items():
        names = [column.name for column in columns]
        assert all(re.fullmatch(r"^[a-z][a-z0-9_]*$", name) for name in names), kind
        assert len(names) == len(set(names)), kind
        assert names[:3] == ["unit", "unit_name_th", "unit_name_en"], kind
        assert all(column.th and column.en for column in columns), kind


def test_column_descriptions_give_name_thai_and_english_in_order() -> None:
    described = column_descriptions(DatasetKind.MONITOR_SCORES)
    assert [name for name, _th, _en in described] == [
        "unit", "unit_name_th", "unit_name_en", "fiscal_year", "round", "checked_at", "score", "website",
    ]  # fmt: skip
    assert described[4] == ("round", "รอบการรายงาน: 6 หรือ 12 เดือน", "The reporting round: 6 or 12 months.")
    assert column_descriptions(DatasetKind.PROCUREMENT_RECORDS)[13] == (
        "bidders",
        "รายชื่อผู้เสนอราคาและราคาที่เสนอ ในรูป “ชื่อ: ราคา” คั่นด้วย “; ”",
        "The bidders and their prices as “name: price”, separated by “; ”.",
    )


def test_layout_token_is_short_and_stable() -> None:
    assert re.fullmatch(r"[0-9a-f]{8}", layout_token())
    assert layout_token() == layout_token()


def test_table_of_refuses_rows_without_exactly_the_kinds_columns() -> None:
    with pytest.raises(ValueError, match=r"row 0 of monitor-scores has columns \['unit'"):
        table_of(DatasetKind.MONITOR_SCORES, [{"unit": "x"}])
    reordered: Row = {"unit_name_th": "", "unit": "", "unit_name_en": "", "fiscal_year": 1}
    with pytest.raises(ValueError, match="row 0 of monitor-scores"):
        table_of(DatasetKind.MONITOR_SCORES, [reordered])


# --- Row builders -------------------------------------------------------------------------------

RECORDS: dict[str, Any] = {
    "organization": "unit-9",
    "fiscal_year": 2569,
    "as_of": "2026-04-10",
    "records": [
        {
            "id": 41, "month": "2026-02", "fiscal_year": 2569, "sequence": 2, "item": "จ้างเหมาบริการ",
            "budget": "1200.00", "reference_price": None, "method": "specific", "method_detail": "",
            "bids": [{"bidder": "นาย ก", "price": "1150.25"}, {"bidder": "นาง ข", "price": None}],
            "winner": "นาย ก", "winner_price": "1150.25", "reason": "ราคาเหมาะสม", "contract_kind": "contract",
            "contract_number": "9/2569", "contract_date": "2026-02-14", "egp_number": "", "budget_source": "",
            "status": "", "plan_line": None,
        },
        {
            "id": 42, "month": "2026-03", "fiscal_year": 2569, "sequence": 1, "item": "ซื้อหมึก",
            "budget": "800.00", "reference_price": "790.00", "method": "unknown_method", "method_detail": "x",
            "bids": [], "winner": "", "winner_price": None, "reason": "", "contract_kind": "",
            "contract_number": "", "contract_date": None, "egp_number": "6903", "budget_source": "งบดำเนินงาน",
            "status": "completed", "plan_line": 7,
        },
    ],
}  # fmt: skip


def test_procurement_record_rows_follow_the_form() -> None:
    rows = procurement_record_rows(UNIT, RECORDS, LABELS)
    assert rows == [
        {
            **UNIT_CELLS, "fiscal_year": 2569, "as_of": dt.date(2026, 4, 10), "month": "2026-02", "sequence": 2,
            "item": "จ้างเหมาบริการ", "budget": Decimal("1200.00"), "reference_price": None, "method": "specific",
            "method_th": "เฉพาะเจาะจง", "method_detail": "", "bidders": "นาย ก: 1150.25; นาง ข", "bids": 2,
            "winner": "นาย ก", "winner_price": Decimal("1150.25"), "reason": "ราคาเหมาะสม",
            "contract_kind": "contract", "contract_kind_th": "สัญญา", "contract_number": "9/2569",
            "contract_date": dt.date(2026, 2, 14), "egp_number": "", "budget_source": "", "status": "",
            "status_th": "", "plan_line_id": None,
        },
        {
            **UNIT_CELLS, "fiscal_year": 2569, "as_of": dt.date(2026, 4, 10), "month": "2026-03", "sequence": 1,
            "item": "ซื้อหมึก", "budget": Decimal("800.00"), "reference_price": Decimal("790.00"),
            "method": "unknown_method", "method_th": "", "method_detail": "x", "bidders": "", "bids": 0,
            "winner": "", "winner_price": None, "reason": "", "contract_kind": "", "contract_kind_th": "",
            "contract_number": "", "contract_date": None, "egp_number": "6903", "budget_source": "งบดำเนินงาน",
            "status": "completed", "status_th": "สิ้นสุดสัญญา", "plan_line_id": 7,
        },
    ]  # fmt: skip
    # The rows fit the kind's columns exactly.
    assert len(table_of(DatasetKind.PROCUREMENT_RECORDS, rows).rows) == 2


def test_procurement_plan_rows_number_the_lines() -> None:
    data = {
        "organization": "unit-9", "fiscal_year": 2570, "announced_on": None, "as_of": "2026-10-20",
        "lines": [
            {"id": 5, "name": "ก", "budget": "10.00", "method": "e_bidding", "expected_month": "2027-01",
             "budget_source": "", "note": ""},
            {"id": 3, "name": "ข", "budget": "0.50", "method": "specific", "expected_month": "2026-11",
             "budget_source": "เงินรายได้", "note": "หมายเหตุ"},
        ],
        "total": "10.50",
    }  # fmt: skip
    assert procurement_plan_rows(UNIT, data, LABELS) == [
        {
            **UNIT_CELLS, "fiscal_year": 2570, "announced_on": None, "as_of": dt.date(2026, 10, 20),
            "plan_line_id": 5, "line_no": 1, "item": "ก", "budget": Decimal("10.00"), "method": "e_bidding",
            "method_th": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "expected_month": "2027-01", "budget_source": "",
            "note": "",
        },
        {
            **UNIT_CELLS, "fiscal_year": 2570, "announced_on": None, "as_of": dt.date(2026, 10, 20),
            "plan_line_id": 3, "line_no": 2, "item": "ข", "budget": Decimal("0.50"), "method": "specific",
            "method_th": "เฉพาะเจาะจง", "expected_month": "2026-11", "budget_source": "เงินรายได้", "note": "หมายเหตุ",
        },
    ]  # fmt: skip


def _report(period: str, as_of: str, percent: str, disbursed: str, status: str) -> dict[str, str]:
    return {
        "period": period,
        "as_of": as_of,
        "progress_percent": percent,
        "disbursed": disbursed,
        "status": status,
        "note_th": "",
        "note_en": "",
    }


PLAN: dict[str, Any] = {
    "organization": "unit-9",
    "fiscal_year": 2569,
    "as_of": "2026-04-30",
    "programmes": [
        {
            "name_th": "แผนงาน ก",
            "name_en": "Programme A",
            "projects": [
                {
                    "id": 11, "kind": "project", "name_th": "โครงการหนึ่ง", "name_en": "One", "budget": "100.00",
                    "budget_source": "งบลงทุน", "start": "2025-10-01", "end": "2026-09-30", "division": "ฝ่าย ก",
                    "kpi": "ตัวชี้วัด", "target": "1",
                    "latest": _report("2026-03", "2026-03-31", "40.00", "30.00", "behind"),
                    "progress": [
                        _report("2026-01", "2026-01-31", "10.00", "5.00", "on_schedule"),
                        _report("2026-03", "2026-03-31", "40.00", "30.00", "behind"),
                    ],
                },
            ],
        },
        {
            "name_th": "แผนงาน ข",
            "name_en": "",
            "projects": [
                {
                    "id": 12, "kind": "activity", "name_th": "กิจกรรม", "name_en": "", "budget": "0.00",
                    "budget_source": "", "start": "2026-01-01", "end": "2026-01-31", "division": "", "kpi": "",
                    "target": "", "latest": None, "progress": [],
                },
            ],
        },
    ],
}  # fmt: skip


def test_action_plan_rows_number_programmes_and_projects() -> None:
    assert action_plan_rows(UNIT, PLAN, LABELS) == [
        {
            **UNIT_CELLS, "fiscal_year": 2569, "as_of": dt.date(2026, 4, 30), "programme_no": 1,
            "programme_th": "แผนงาน ก", "programme_en": "Programme A", "project_id": 11, "project_no": "1.1",
            "project_th": "โครงการหนึ่ง", "project_en": "One", "kind": "project", "kind_th": "โครงการ",
            "budget": Decimal("100.00"), "budget_source": "งบลงทุน", "start": dt.date(2025, 10, 1),
            "end": dt.date(2026, 9, 30), "division": "ฝ่าย ก", "kpi": "ตัวชี้วัด", "target": "1",
        },
        {
            **UNIT_CELLS, "fiscal_year": 2569, "as_of": dt.date(2026, 4, 30), "programme_no": 2,
            "programme_th": "แผนงาน ข", "programme_en": "", "project_id": 12, "project_no": "2.1",
            "project_th": "กิจกรรม", "project_en": "", "kind": "activity", "kind_th": "กิจกรรม",
            "budget": Decimal("0.00"), "budget_source": "", "start": dt.date(2026, 1, 1),
            "end": dt.date(2026, 1, 31), "division": "", "kpi": "", "target": "",
        },
    ]  # fmt: skip


def test_plan_progress_rows_give_each_report_and_mark_the_latest() -> None:
    rows = plan_progress_rows(UNIT, PLAN, LABELS)
    summary = [
        (row["project_no"], row["month"], row["progress_percent"], row["status_th"], row["latest"]) for row in rows
    ]
    assert summary == [
        ("1.1", "2026-01", Decimal("10.00"), "เป็นไปตามแผน", False),
        ("1.1", "2026-03", Decimal("40.00"), "ล่าช้ากว่าแผน", True),
    ]  # fmt: skip
    assert rows[0] == {
        **UNIT_CELLS, "fiscal_year": 2569, "as_of": dt.date(2026, 4, 30), "project_id": 11, "project_no": "1.1",
        "project_th": "โครงการหนึ่ง", "project_en": "One", "budget": Decimal("100.00"), "month": "2026-01",
        "report_as_of": dt.date(2026, 1, 31), "progress_percent": Decimal("10.00"), "disbursed": Decimal("5.00"),
        "status": "on_schedule", "status_th": "เป็นไปตามแผน", "note_th": "", "note_en": "", "latest": False,
    }  # fmt: skip


# --- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "written"),
    [
        (TEXT, "=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        (TEXT, "+66 2 123 4567", "'+66 2 123 4567"),
        (TEXT, "-2+3", "'-2+3"),
        (TEXT, "@SUM(A1)", "'@SUM(A1)"),
        (TEXT, "\tcmd", "'\tcmd"),
        (TEXT, "\rcmd", "'\rcmd"),
        # A cell that is just a number is read as that number: nothing to guard.
        (TEXT, "-5.00", "-5.00"),
        (TEXT, "+12", "+12"),
        (TEXT, "ร้าน ก = ดี", "ร้าน ก = ดี"),
        (TEXT, "", ""),
        (TEXT, None, ""),
        (MONEY, Decimal("-5.00"), "-5.00"),
        (MONEY, Decimal("30000.50"), "30000.50"),
        (MONEY, Decimal("1E+3"), "1000"),
        (Column("n", ColumnType.INTEGER, "", ""), -3, "-3"),
        (Column("d", ColumnType.DATE, "", ""), dt.date(2026, 3, 1), "2026-03-01"),
        (T, dt.datetime(2026, 3, 1, 9, 5, 7, 123456, tzinfo=BANGKOK), "2026-03-01T09:05:07+07:00"),
        (Column("b", ColumnType.BOOLEAN, "", ""), True, "true"),
        (Column("b", ColumnType.BOOLEAN, "", ""), False, "false"),
        (Column("m", ColumnType.MONTH, "", ""), "2026-03", "2026-03"),
        (Column("u", ColumnType.URL, "", ""), "=http://x", "'=http://x"),
    ],
)  # fmt: skip
def test_csv_cells(column: Column, value: Any, written: str) -> None:
    assert csv_cell(column, value) == written


def _monitor_row(**cells: Any) -> Row:
    row: Row = {
        **UNIT_CELLS,
        "fiscal_year": 2569,
        "round": 6,
        "checked_at": dt.datetime(2026, 3, 30, 14, 0, 0, 999, tzinfo=BANGKOK),
        "score": Decimal("80.5"),
        "website": "https://x.example/",
    }
    row.update(cells)
    return row


def test_csv_has_a_bom_crlf_a_header_and_rfc_4180_quoting() -> None:
    table = table_of(
        DatasetKind.MONITOR_SCORES,
        [
            _monitor_row(),
            _monitor_row(unit_name_en='A "quoted", two-line\nname', score=None, website="@x"),
        ],
    )
    assert table_csv(table) == (
        b"\xef\xbb\xbf"
        + (
            "unit,unit_name_th,unit_name_en,fiscal_year,round,checked_at,score,website\r\n"
            "unit-9,กองทดลอง,Trial division,2569,6,2026-03-30T14:00:00+07:00,80.5,https://x.example/\r\n"
            'unit-9,กองทดลอง,"A ""quoted"", two-line\nname",2569,6,2026-03-30T14:00:00+07:00,,\'@x\r\n'
        ).encode()
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_survives_csv_and_never_reaches_a_spreadsheet_as_a_formula(text: str) -> None:
    row: Row = {**unit_cells(Unit(text, text, text)), "fiscal_year": 2569, "round": 12, "checked_at": None}
    row.update({"score": Decimal("0.0"), "website": text})
    written = table_csv(table_of(DatasetKind.MONITOR_SCORES, [row]))
    assert written.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(written[3:].decode("utf-8"), newline="")))
    assert len(parsed) == 2
    cell = parsed[1][0]
    assert cell == _guarded(text)


def _guarded(text: str) -> str:
    """Return the text as a spreadsheet-safe CSV cell holds it (by the rule of the module's docstring)."""
    risky = text[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text)
    return "'" + text if risky else text


# --- JSON ---------------------------------------------------------------------------------------


def test_json_writes_the_documented_object() -> None:
    table = table_of(DatasetKind.MONITOR_SCORES, [_monitor_row(score=None)])
    meta = TableMeta("unit-9-monitor-scores", "ผลการตรวจ", "Scores", "CC-BY-4.0", STAMP)
    document = json.loads(table_json(table, meta))
    assert document == {
        "dataset": "unit-9-monitor-scores",
        "title": {"th": "ผลการตรวจ", "en": "Scores"},
        "license": "CC-BY-4.0",
        "modified": "2026-04-11T08:00:00+07:00",
        "columns": [
            {"name": name, "type": kind, "description": {"th": th, "en": en}}
            for (name, th, en), kind in zip(
                column_descriptions(DatasetKind.MONITOR_SCORES),
                ["text", "text", "text", "integer", "integer", "datetime", "decimal", "url"],
                strict=True,
            )
        ],
        "rows": [
            {
                "unit": "unit-9",
                "unit_name_th": "กองทดลอง",
                "unit_name_en": "Trial division",
                "fiscal_year": 2569,
                "round": 6,
                "checked_at": "2026-03-30T14:00:00+07:00",
                "score": None,
                "website": "https://x.example/",
            }
        ],
    }


def test_json_keeps_money_exact_and_text_as_published() -> None:
    rows = procurement_record_rows(UNIT, RECORDS, LABELS)
    rows[0]["item"] = "=1+1"
    meta = TableMeta("x", "x", "x", "CC0-1.0", STAMP)
    document = json.loads(table_json(table_of(DatasetKind.PROCUREMENT_RECORDS, rows), meta))
    first = document["rows"][0]
    assert (first["item"], first["budget"], first["winner_price"], first["reference_price"], first["bids"]) == (
        "=1+1",
        "1200.00",
        "1150.25",
        None,
        2,
    )
    assert (first["contract_date"], first["plan_line_id"], first["sequence"]) == ("2026-02-14", None, 2)


# --- XLSX ---------------------------------------------------------------------------------------


def _sheet(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content)).active


def test_xlsx_types_cells_and_keeps_text_as_text() -> None:
    rows = procurement_record_rows(UNIT, RECORDS, LABELS)
    rows[0]["item"] = "=cmd|' /C calc'!A0"
    rows[0]["reason"] = "bell\x07 and nul\x00 gone, tab\tkept"
    rows[1]["winner"] = "ก" * 40000
    sheet = _sheet(table_xlsx(table_of(DatasetKind.PROCUREMENT_RECORDS, rows), stamped=STAMP))
    assert sheet.title == "procurement-records"
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]] == [column.name for column in COLUMNS[DatasetKind.PROCUREMENT_RECORDS]]
    assert all(cell.font.bold for cell in sheet[1])
    item = sheet["H2"]
    assert (item.value, item.data_type) == ("=cmd|' /C calc'!A0", "s")
    assert sheet["R2"].value == "bell and nul gone, tab\tkept"
    assert sheet["P3"].value == "ก" * 32767
    budget = sheet["I2"]
    assert (budget.value, budget.number_format) == (1200, "#,##0.00")
    assert sheet["J2"].value is None  # reference price not stated
    contract_date = sheet["V2"]
    assert (contract_date.value, contract_date.number_format) == (dt.datetime(2026, 2, 14), "yyyy-mm-dd")
    assert (sheet["G2"].value, sheet["O2"].value) == (2, 2)  # sequence, bids


def test_xlsx_datetimes_are_local_wall_clock_and_bytes_are_stable() -> None:
    table = table_of(DatasetKind.MONITOR_SCORES, [_monitor_row()])
    first = table_xlsx(table, stamped=STAMP)
    assert first == table_xlsx(table, stamped=STAMP)
    assert first != table_xlsx(table, stamped=STAMP + dt.timedelta(days=1))
    sheet = _sheet(first)
    checked = sheet["F2"]
    assert (checked.value, checked.number_format) == (dt.datetime(2026, 3, 30, 14, 0, 0), "yyyy-mm-dd hh:mm:ss")
    score = sheet["G2"]
    assert (score.value, score.number_format) == (80.5, "0.0")
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "2026-04-11T01:00:00Z" in core


# Text with the characters that trouble workbooks: controls, lone surrogates, U+FFFE, line ends.
AWKWARD_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec=None),
        st.sampled_from(["\x00", "\x07", "\x1f", "\ud800", "\ufffe", "\uffff", "\r", "\n", "\t", "=", "ก", "ำ"]),
    ),
    max_size=200,
)


@settings(max_examples=100, deadline=None)
@given(AWKWARD_TEXT)
def test_any_text_makes_a_workbook_that_reads_back_without_what_xml_cannot_hold(text: str) -> None:
    row: Row = {**unit_cells(Unit(text, "", "")), "fiscal_year": 2569, "round": 12, "checked_at": None}
    row.update({"score": None, "website": ""})
    sheet = _sheet(table_xlsx(table_of(DatasetKind.MONITOR_SCORES, [row]), stamped=STAMP))
    kept = "".join(
        char
        for char in text
        if char in "\t\n\r" or "\x20" <= char <= "\ud7ff" or "\ue000" <= char <= "\ufffd" or char >= "\U00010000"
    )
    # An empty text is an empty cell.
    assert sheet["A2"].value == (kept or None)


@settings(max_examples=100, deadline=None)
@given(AWKWARD_TEXT)
def test_any_text_makes_csv_and_json_without_error(text: str) -> None:
    row: Row = {**unit_cells(Unit(text, text, text)), "fiscal_year": 2569, "round": 12, "checked_at": None}
    row.update({"score": None, "website": text})
    table = table_of(DatasetKind.MONITOR_SCORES, [row])
    expected = text.encode("utf-8", "replace").decode("utf-8")
    parsed = list(csv.reader(io.StringIO(table_csv(table)[3:].decode("utf-8"), newline="")))
    assert parsed[1][1] == _guarded(expected)
    meta = TableMeta("x", "x", "x", "CC0-1.0", STAMP)
    assert json.loads(table_json(table, meta))["rows"][0]["unit_name_th"] == expected
