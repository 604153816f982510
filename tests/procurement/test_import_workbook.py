"""read_workbook: the layouts units' สขร.1 workbooks come in, and every problem named by sheet, row and column."""

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.procurement import workbook
from prongsai.procurement.inputs import BidInput, RecordInput
from prongsai.procurement.workbook import EmptyMonth, form_header_key, read_workbook

from .import_world import HEADER, MARCH_ROWS, TODAY, form_sheet, march_workbook, xlsx

MARCH = dt.date(2026, 3, 1)


def _read(content: bytes) -> workbook.WorkbookContent:
    return read_workbook(content, today=TODAY)


def _problems(content: bytes) -> list[tuple[str, int | None, str | None, str, str]]:
    read = _read(content)
    return [(p.sheet, p.row, p.column, p.th, p.en) for p in read.problems]


def _march_with(index: int, column: int, value: Any) -> bytes:
    rows = [list(row) for row in MARCH_ROWS]
    rows[index][column] = value
    return march_workbook(rows)


# --- what is read -------------------------------------------------------------------------------------------------


def test_the_three_march_rows() -> None:
    read = _read(march_workbook())
    assert read.problems == []
    assert (read.kind, read.rows, read.empty_months) == ("summary_form", 3, [])
    assert [(r.sheet, r.row) for r in read.records] == [("มี.ค.69", 6), ("มี.ค.69", 7), ("มี.ค.69", 8)]
    assert read.records[0].data == RecordInput(
        month=MARCH,
        sequence=1,
        item="ซื้อวัสดุสำนักงาน",
        budget=Decimal("95000.00"),
        method="specific",
        reference_price=Decimal("95000.00"),
        method_detail="วิธีเฉพาะเจาะจง",
        bids=(BidInput("บริษัท ก จำกัด", Decimal("95000.00")), BidInput("บริษัท ข จำกัด", Decimal("97500.00"))),
        winner="บริษัท ก จำกัด",
        winner_price=Decimal("95000.00"),
        reason="ราคาต่ำสุดและคุณสมบัติถูกต้อง",
        contract_kind="contract",
        contract_number="4/2569",
        contract_date=dt.date(2026, 3, 18),
    )
    third = read.records[2].data
    assert (third.sequence, third.budget, third.winner, third.winner_price, third.contract_number) == (
        3, Decimal("8000.00"), "ร้านค้า ค", Decimal("8000.00"), "๑๕/๒๕๖๙",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ลำดับ", "sequence"),
        ("ลำดับที่", "sequence"),
        ("ที่", "sequence"),
        ("งานที่จัดซื้อ\nจัดจ้าง", "item"),
        ("รายการพัสดุที่จัดซื้อจัดจ้าง", "item"),
        ("วงเงินที่จะซื้อ  หรือจ้าง\n(บาท)", "budget"),
        ("วงเงินงบประมาณ (บาท)", "budget"),
        ("ราคากลาง (บาท)", "reference_price"),
        ("วิธีซื้อ\nหรือจ้าง", "method"),
        ("รายชื่อผู้เสนอราคา\nและราคาที่เสนอ", "bids"),
        ("ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง", "winner"),
        ("เหตุผลที่คัดเลือกโดยสรุป", "reason"),
        ("เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง", "contract"),
        ("เลขที่โครงการในระบบ e-GP", "egp_number"),
        ("แหล่งที่มาของงบประมาณ", "budget_source"),
        ("สถานะการจัดซื้อจัดจ้าง", "status"),
        ("(1)", None),
        ("หมายเหตุ", None),
    ],
)
def test_form_header_keys(text: str, key: str | None) -> None:
    assert form_header_key(text) == key


def test_the_ita_columns_extra_columns_and_another_order_are_read() -> None:
    header = ["ที่", "เลขที่โครงการในระบบ e-GP", *HEADER[1:], "แหล่งที่มาของงบประมาณ", "สถานะการจัดซื้อจัดจ้าง", "หมายเหตุ"]
    row = [1, "๖๙๐๓๙๐๑๒๓๔๕", *MARCH_ROWS[0][1:], "งบประมาณรายจ่ายประจำปี", "อยู่ระหว่างระยะสัญญา", "ด่วน"]
    read = _read(march_workbook([row], header=header, numbers=False))
    assert read.problems == []
    data = read.records[0].data
    assert (data.egp_number, data.budget_source, data.status, data.item) == (
        "69039012345", "งบประมาณรายจ่ายประจำปี", "in_contract", "ซื้อวัสดุสำนักงาน",
    )  # fmt: skip


def test_bidders_on_rows_of_their_own_belong_to_the_record_above() -> None:
    rows = [
        [1, "ซื้อวัสดุ", 9000, 9000, "เฉพาะเจาะจง", "1. ร้าน ก 9,000 บาท", "ร้าน ก / 9,000 บาท", "ราคาต่ำสุด", "-"],
        [None, None, None, None, None, "2. ร้าน ข 9,500 บาท"],
        [None, None, None, None, None, "3. ร้าน ค 9,900 บาท"],
        [2, "ซื้อหมึก", 500, None, "เฉพาะเจาะจง", "ร้าน ง 500 บาท", "ร้าน ง 500 บาท", "ราคาต่ำสุด", "-"],
    ]
    read = _read(march_workbook(rows))
    assert read.problems == []
    assert [[(b.bidder, b.price) for b in r.data.bids] for r in read.records] == [
        [("ร้าน ก", Decimal("9000.00")), ("ร้าน ข", Decimal("9500.00")), ("ร้าน ค", Decimal("9900.00"))],
        [("ร้าน ง", Decimal("500.00"))],
    ]


def test_a_sheet_of_several_months_with_headings_and_a_fiscal_year_title() -> None:
    rows = [
        ["เดือน ตุลาคม 2568"],
        [1, "ซื้อวัสดุ", 900, None, "เฉพาะเจาะจง", "ร้าน ก 900 บาท", "ร้าน ก 900 บาท", "ราคาต่ำสุด", "-"],
        ["เดือน พฤศจิกายน 2568"],
        [1, "ซื้อหมึก", 500, None, "เฉพาะเจาะจง", "ร้าน ง 500 บาท", "ร้าน ง 500 บาท", "ราคาต่ำสุด", "-"],
    ]
    read = _read(xlsx(("ทั้งปี", lambda s: form_sheet(s, rows, titles=["สรุปผลการจัดซื้อจัดจ้าง ปีงบประมาณ 2569"]))))
    assert read.problems == []
    assert [(r.data.month, r.data.sequence, r.data.item) for r in read.records] == [
        (dt.date(2025, 10, 1), 1, "ซื้อวัสดุ"),
        (dt.date(2025, 11, 1), 1, "ซื้อหมึก"),
    ]


def test_totals_signatures_and_notes_below_the_table_are_not_records() -> None:
    footer = [
        ["รวม", None, "115,500.00"],
        [None, "หมายเหตุ: ข้อมูลจากระบบ e-GP"],
        [None, "(ลงชื่อ) ..................... ผู้รายงาน"],
        [None, "(นางสาว ก ข)"],
        [None, "ตำแหน่ง เจ้าหน้าที่พัสดุ"],
    ]
    read = _read(march_workbook(footer=footer))
    assert (read.problems, read.rows) == ([], 3)


def test_a_cancelled_procurement_needs_no_winner() -> None:
    row = [1, "จ้างปรับปรุงห้อง", 50000, 50000, "คัดเลือก", "-", "-", "ยกเลิกเนื่องจากไม่มีผู้เสนอราคา", "-"]
    read = _read(march_workbook([row]))
    assert read.problems == []
    assert (read.records[0].data.status, read.records[0].data.winner) == ("cancelled", "")


def test_cells_holding_numbers_and_dates() -> None:
    row = [1.0, "ซื้อวัสดุ", 95000.5, 95000.5, "เฉพาะเจาะจง", "ร้าน ก 95,000.50 บาท", "ร้าน ก\n95000.5",
           "ราคาต่ำสุด", dt.datetime(2026, 3, 18)]  # fmt: skip
    read = _read(march_workbook([row]))
    assert read.problems == []
    data = read.records[0].data
    assert (data.sequence, data.budget, data.winner_price, data.contract_date, data.contract_number) == (
        1, Decimal("95000.50"), Decimal("95000.50"), dt.date(2026, 3, 18), "",
    )  # fmt: skip


def test_the_month_may_come_from_the_sheet_name() -> None:
    read = _read(xlsx(("2569-02", lambda sheet: form_sheet(sheet, MARCH_ROWS[1:2], titles=["กองเกษตร"]))))
    assert read.problems == []
    assert read.records[0].data.month == dt.date(2026, 2, 1)


def test_an_empty_month_sheet_with_its_as_of_date() -> None:
    titles = ["สรุปผลการดำเนินการจัดซื้อจัดจ้าง ประจำเดือน กุมภาพันธ์ 2569", "ข้อมูล ณ วันที่ 3 มีนาคม 2569"]
    read = _read(xlsx(("ก.พ.69", lambda sheet: form_sheet(sheet, [[None, "ไม่มีการจัดซื้อจัดจ้าง"]], titles=titles))))
    assert read.problems == []
    assert (read.records, read.empty_months) == (
        [],
        [EmptyMonth("ก.พ.69", 5, dt.date(2026, 2, 1), dt.date(2026, 3, 3))],
    )


def test_sheets_without_the_header_are_passed_over() -> None:
    def notes(sheet: Any) -> None:
        sheet.append(["หมายเหตุ"])
        sheet.append(["ลำดับ", "งานที่จัดซื้อจัดจ้าง"])  # two headers of nine are not the form

    def late(sheet: Any) -> None:
        for _ in range(40):
            sheet.append(["ข้อความ"])
        form_sheet(sheet, MARCH_ROWS)

    read = _read(xlsx(("notes", notes), ("late", late), ("มี.ค.69", lambda sheet: form_sheet(sheet, MARCH_ROWS))))
    assert (read.problems, [r.sheet for r in read.records]) == ([], ["มี.ค.69"] * 3)


# --- every problem, named -----------------------------------------------------------------------------------------

C_BUDGET = "C (วงเงินที่จะซื้อ หรือจ้าง (บาท))"


def test_missing_header_column() -> None:
    header = [text for text in HEADER if not text.startswith("ราคากลาง")]
    rows = [[cell for index, cell in enumerate(row) if index != 3] for row in MARCH_ROWS]
    assert _problems(march_workbook(rows, header=header, numbers=False)) == [
        ("มี.ค.69", 4, None, "แถวหัวตารางไม่มีคอลัมน์ “ราคากลาง”", "The header row has no column “ราคากลาง”.")
    ]


def test_bad_amount() -> None:
    assert _problems(_march_with(0, 2, "เก้าหมื่น")) == [
        ("มี.ค.69", 6, C_BUDGET, "อ่านจำนวนเงินไม่ได้: “เก้าหมื่น”", "Cannot read an amount of baht: “เก้าหมื่น”.")
    ]


def test_negative_amount() -> None:
    assert _problems(_march_with(0, 2, "-95,000.00")) == [
        ("มี.ค.69", 6, C_BUDGET, "วงเงินที่จะซื้อหรือจ้างต้องไม่ติดลบ", "The budget cannot be negative.")
    ]


def test_unknown_method() -> None:
    assert _problems(_march_with(1, 4, "จ้างเหมา")) == [
        (
            "มี.ค.69",
            7,
            "E (วิธีซื้อหรือจ้าง)",
            "ไม่รู้จักวิธีซื้อหรือจ้าง “จ้างเหมา” (เช่น เฉพาะเจาะจง คัดเลือก e-bidding e-market)",
            "Unknown procurement method “จ้างเหมา” (e.g. เฉพาะเจาะจง, คัดเลือก, e-bidding, e-market).",
        )
    ]


def test_future_month_is_said_once_for_the_sheet() -> None:
    content = xlsx(("พ.ค.69", lambda sheet: form_sheet(sheet, MARCH_ROWS, titles=["ประจำเดือน พฤษภาคม 2569"])))
    assert _problems(content) == [
        (
            "พ.ค.69",
            4,
            None,
            "เดือนต้องไม่อยู่ในอนาคต (พฤษภาคม 2569)",
            "The month cannot be in the future (May 2026).",
        )
    ]


def test_duplicate_row() -> None:
    rows = [*MARCH_ROWS, MARCH_ROWS[1]]
    assert _problems(march_workbook(rows)) == [
        (
            "มี.ค.69",
            9,
            None,
            "ลำดับ 2 ของเดือน มีนาคม 2569 ซ้ำกับแผ่นงาน มี.ค.69 แถว 7",
            "Row number 2 of March 2026 repeats sheet มี.ค.69 row 7.",
        )
    ]


def test_duplicate_row_across_sheets() -> None:
    content = xlsx(
        ("มี.ค.69", lambda sheet: form_sheet(sheet, MARCH_ROWS)),
        ("มี.ค.69 (2)", lambda sheet: form_sheet(sheet, MARCH_ROWS[:1])),
    )
    assert [(p[0], p[1], p[4]) for p in _problems(content)] == [
        ("มี.ค.69 (2)", 6, "Row number 1 of March 2026 repeats sheet มี.ค.69 row 6.")
    ]


def test_bad_contract_date() -> None:
    assert _problems(_march_with(0, 8, "สัญญาเลขที่ 4/2569 ลงวันที่ 31 ก.พ. 2569")) == [
        (
            "มี.ค.69",
            6,
            "I (เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง)",
            "อ่านวันที่ของสัญญาไม่ได้: “สัญญาเลขที่ 4/2569 ลงวันที่ 31 ก.พ. 2569” (เช่น สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม 2569)",
            "Cannot read the contract's date: “สัญญาเลขที่ 4/2569 ลงวันที่ 31 ก.พ. 2569”"
            " (write e.g. สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม 2569).",
        )
    ]


def test_a_contract_dated_after_today() -> None:
    assert [p[4] for p in _problems(_march_with(0, 8, "สัญญาเลขที่ 4/2569 ลงวันที่ 1 พ.ค. 2569"))] == [
        "The contract date cannot be in the future."
    ]


def test_missing_winner_and_missing_agreed_price() -> None:
    rows = [list(row) for row in MARCH_ROWS]
    rows[0][6] = "-"
    rows[1][6] = "หจก. ข"
    assert _problems(march_workbook(rows)) == [
        (
            "มี.ค.69",
            6,
            "G (ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง)",
            "ต้องระบุผู้ได้รับการคัดเลือก",
            "The selected vendor is required (unless cancelled).",
        ),
        (
            "มี.ค.69",
            7,
            "G (ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง)",
            "ต้องระบุราคาที่ตกลงซื้อหรือจ้าง",
            "The agreed price is required.",
        ),
    ]


def test_a_row_without_its_number() -> None:
    assert _problems(_march_with(1, 0, None)) == [
        ("มี.ค.69", 7, "A (ลำดับ)", "ต้องระบุลำดับ", "The row number (ลำดับ) is required.")
    ]


def test_every_problem_of_a_row_in_column_order() -> None:
    row = ["หนึ่ง", "", "abc", -1, "??", "95,000 บาท", "-", "", "ลงวันที่ 40 มี.ค. 69"]
    assert [(p[2], p[4]) for p in _problems(march_workbook([row]))] == [
        ("A (ลำดับ)", "The row number must be a whole number."),
        ("B (งานที่จัดซื้อ จัดจ้าง)", "The item procured is required."),
        (C_BUDGET, "Cannot read an amount of baht: “abc”."),
        ("D (ราคากลาง (บาท))", "The reference price cannot be negative."),
        ("E (วิธีซื้อหรือจ้าง)", "Unknown procurement method “??” (e.g. เฉพาะเจาะจง, คัดเลือก, e-bidding, e-market)."),
        ("F (รายชื่อผู้เสนอราคาและราคาที่เสนอ)", "A price without the name of a bidder: “95,000 บาท”."),
        ("G (ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง)", "The selected vendor is required (unless cancelled)."),
        (
            "I (เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง)",
            "Cannot read the contract's date: “ลงวันที่ 40 มี.ค. 69” (write e.g. สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม 2569).",
        ),
    ]


def test_a_sheet_that_does_not_say_its_month() -> None:
    content = xlsx(("Sheet1", lambda sheet: form_sheet(sheet, MARCH_ROWS, titles=["แบบ สขร.1", "กองเกษตร"])))
    assert _problems(content) == [
        (
            "Sheet1",
            None,
            None,
            "ไม่พบเดือนของแผ่นงานนี้: ใส่เดือนในหัวเรื่อง เช่น “ประจำเดือน มีนาคม 2569” หรือตั้งชื่อแผ่นงานเป็น “มี.ค. 69”",
            "The sheet does not say its month: put it in the title (e.g. “ประจำเดือน มีนาคม 2569”) "
            "or name the sheet after it (e.g. “มี.ค. 69”).",
        )
    ]


def test_a_month_outside_the_fiscal_year_the_title_names() -> None:
    titles = ["สรุปผลการจัดซื้อจัดจ้าง ปีงบประมาณ 2569", "ประจำเดือน ตุลาคม 2569"]  # should be ตุลาคม 2568
    content = xlsx(("ต.ค.", lambda sheet: form_sheet(sheet, MARCH_ROWS[:1], titles=titles)))
    problems = _problems(content)
    assert ("ต.ค.", None, None, "เดือน ตุลาคม 2569 ไม่อยู่ในปีงบประมาณ 2569 ที่หัวเรื่องระบุ",
            "October 2026 is not in fiscal year 2569, which the title names.") in problems  # fmt: skip


def test_an_empty_month_sheet_that_also_lists_records() -> None:
    rows = [*MARCH_ROWS[:1], [None, "ไม่มีการจัดซื้อจัดจ้าง"]]
    assert _problems(march_workbook(rows)) == [
        (
            "มี.ค.69",
            7,
            None,
            "แผ่นงานนี้มีทั้งรายการจัดซื้อจัดจ้างและข้อความ “ไม่มีการจัดซื้อจัดจ้าง”",
            "The sheet lists procurements and also says “ไม่มีการจัดซื้อจัดจ้าง” (none).",
        )
    ]


def _file_problem(content: bytes) -> tuple[str, str]:
    read = _read(content)
    assert [(p.sheet, p.row, p.column) for p in read.problems] == [("", None, None)]
    assert (read.records, read.empty_months, read.plan_lines) == ([], [], [])
    return read.problems[0].th, read.problems[0].en


def test_empty_file() -> None:
    assert _file_problem(b"") == ("ไฟล์ว่างเปล่า", "The file is empty.")


@pytest.mark.parametrize(
    "content",
    [
        "ลำดับ,งานที่จัดซื้อจัดจ้าง\n1,ซื้อ\n".encode(),  # a CSV file
        b"%PDF-1.7 ...",
        b"PK\x03\x04 but not a zip",
    ],
)
def test_not_xlsx(content: bytes) -> None:
    assert _file_problem(content) == (
        "ไฟล์นี้ไม่ใช่ Excel (.xlsx) หรือไฟล์เสียหาย",
        "The file is not an Excel workbook (.xlsx), or it is damaged.",
    )


def test_a_zip_that_is_no_workbook_and_a_damaged_workbook() -> None:
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "hello")
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(march_workbook())) as source, zipfile.ZipFile(damaged, "w") as target:
        for member in source.infolist():
            data = source.read(member.filename)
            target.writestr(member, data[: len(data) // 2] if member.filename.startswith("xl/worksheets/") else data)
    message = ("ไฟล์นี้ไม่ใช่ Excel (.xlsx) หรือไฟล์เสียหาย", "The file is not an Excel workbook (.xlsx), or it is damaged.")
    assert _file_problem(other.getvalue()) == message
    assert _file_problem(damaged.getvalue()) == message


def test_old_excel_file() -> None:
    assert _file_problem(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)) == (
        "ไฟล์นี้เป็น Excel รุ่นเก่า (.xls): เปิดแล้วบันทึกเป็น .xlsx ก่อนนำเข้า",
        "This is an old Excel file (.xls): open it and save it as .xlsx first.",
    )


def test_too_big(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_BYTES", 1024 * 1024)
    assert _file_problem(b"PK\x03\x04" + bytes(1024 * 1024)) == ("ไฟล์ใหญ่เกิน 1 MB", "The file is larger than 1 MB.")


def test_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_ROWS", 4)
    assert _file_problem(march_workbook()) == (
        "ไฟล์มีข้อมูลเกิน 4 แถว: แบ่งเป็นหลายไฟล์",
        "The workbook has more than 4 rows: split it into several files.",
    )
    monkeypatch.setattr(workbook, "MAX_ROWS", 7)  # 3 records, the column numbers, the 2 footer lines: within
    assert _read(march_workbook()).problems == []


def test_no_usable_sheet() -> None:
    content = xlsx(("Sheet1", lambda sheet: sheet.append(["สวัสดี"])))
    assert _file_problem(content) == (
        "ไม่พบแผ่นงานที่มีหัวตารางแบบ สขร.1 หรือหัวตารางของแบบฟอร์มนำเข้า",
        "No sheet has the header row of the สขร.1 form or of our import templates.",
    )


def test_a_header_without_rows() -> None:
    assert _problems(march_workbook([])) == [
        ("", None, None, "ไม่มีรายการให้นำเข้า", "The workbook has no rows to import.")
    ]


cell_values = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.sampled_from(["-", "ไม่มีการจัดซื้อจัดจ้าง", "รวม", "(ลงชื่อ)", "เดือน มีนาคม 2569", "1. ร้าน ก 100 บาท\n2."]),
    st.integers(min_value=-(10**6), max_value=10**12),
    st.floats(min_value=-1e9, max_value=1e12, allow_nan=False),
    st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cell_values, min_size=0, max_size=11), max_size=6))
def test_any_cells_under_the_header_give_records_or_problems_never_an_error(rows: list[list[Any]]) -> None:
    read = _read(march_workbook(rows))
    assert all(problem.th and problem.en for problem in read.problems)
    if not read.problems:
        assert all(record.data.sequence >= 1 and record.data.budget is not None for record in read.records)
