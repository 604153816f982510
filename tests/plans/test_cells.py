"""Reading plan workbook cells and headings (plans/cells.py, plans/workbook.py): tables of cases, then properties."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.money import format_baht
from prongsai.plans.cells import (
    Unreadable,
    cell_lines,
    cell_text,
    read_amount,
    read_date,
    read_kind,
    read_month,
    read_percent,
    read_status,
)
from prongsai.plans.workbook import PROGRESS, PROJECTS, SheetProblem, column_letter
from prongsai.thaidate import format_thai_date, format_thai_month, thai_digits

D = Decimal


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1,250,000.50 บาท", D("1250000.50")),
        ("๙๕,๐๐๐.-", D("95000.00")),
        ("฿ 1,250.50", D("1250.50")),
        ("95,000 บาท (เก้าหมื่นห้าพันบาทถ้วน)", D("95000.00")),
        (95000, D("95000.00")),
        (95000.5, D("95000.50")),
        (0.1 + 0.2, D("0.30")),  # the float 0.30000000000000004 is 30 satang
        (D("12.345"), D("12.35")),
        (None, None),
        ("   ", None),
    ],
)
def test_amounts(cell: object, expected: Decimal | None) -> None:
    assert read_amount(cell) == expected


@pytest.mark.parametrize("cell", ["abc", "-5", -5, 1e20, True, dt.datetime(2026, 3, 1), "1.2.3"])
def test_what_is_not_an_amount(cell: object) -> None:
    with pytest.raises(Unreadable) as error:
        read_amount(cell)
    assert (error.value.th, error.value.en) == ("ไม่ใช่จำนวนเงินบาท", "This is not an amount of baht.")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (45, D("45.00")),
        (45.555, D("45.56")),
        ("45%", D("45.00")),
        ("๔๕.๕ %", D("45.50")),
        ("100", D("100.00")),
        ("150", D("150.00")),  # read; the input's check says it is above 100
        (None, None),
    ],
)
def test_percentages(cell: object, expected: Decimal | None) -> None:
    assert read_percent(cell) == expected


@pytest.mark.parametrize("cell", ["x", "1e5", "nan", 1000, "9" * 40, float("inf"), "45%%"])
def test_what_is_not_a_percentage(cell: object) -> None:
    with pytest.raises(Unreadable, match=r"This is not a percentage\."):
        read_percent(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("15 มีนาคม 2569", dt.date(2026, 3, 15)),
        ("๑๕ มี.ค. ๖๙", dt.date(2026, 3, 15)),
        ("2026-03-15", dt.date(2026, 3, 15)),
        ("15/03/2569", dt.date(2026, 3, 15)),
        ("15/03/2026", dt.date(2026, 3, 15)),
        ("1 ต.ค. 2568", dt.date(2025, 10, 1)),
        (dt.datetime(2026, 3, 15, 0, 0), dt.date(2026, 3, 15)),
        (dt.date(2026, 3, 15), dt.date(2026, 3, 15)),
        ("", None),
    ],
)
def test_dates(cell: object, expected: dt.date | None) -> None:
    assert read_date(cell) == expected


@pytest.mark.parametrize("cell", ["31 กุมภาพันธ์ 2569", "พรุ่งนี้", 45000, "มีนาคม 2569", "1 ต.ค. 2568 - 30 ก.ย. 2569"])
def test_what_is_not_a_date(cell: object) -> None:
    with pytest.raises(Unreadable) as error:
        read_date(cell)
    assert error.value.th == "ไม่ใช่วันที่ (เช่น 15 มี.ค. 2569 หรือ 15/03/2569)"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-03", dt.date(2026, 3, 1)),
        ("2569-03", dt.date(2026, 3, 1)),
        ("03/2569", dt.date(2026, 3, 1)),
        ("3/69", dt.date(2026, 3, 1)),
        ("๐๓/๒๕๖๙", dt.date(2026, 3, 1)),
        ("มี.ค. 69", dt.date(2026, 3, 1)),
        ("มีนาคม 2569", dt.date(2026, 3, 1)),
        ("March 2026", dt.date(2026, 3, 1)),
        # A month without its year is that month of the plan's fiscal year (2569: October 2025 – September 2026).
        ("มีนาคม", dt.date(2026, 3, 1)),
        ("ต.ค.", dt.date(2025, 10, 1)),
        (dt.datetime(2026, 3, 15), dt.date(2026, 3, 1)),
        (None, None),
    ],
)
def test_months(cell: object, expected: dt.date | None) -> None:
    assert read_month(cell, fiscal_year=2569) == expected


@pytest.mark.parametrize("cell", ["13/2569", "สวัสดี", "2569", "15 มีนาคม 2569 ถึง 20 มีนาคม 2569", 3])
def test_what_is_not_a_month(cell: object) -> None:
    with pytest.raises(Unreadable, match=r"This is not a month \(such as มี.ค. 2569 or 2569-03\)."):
        read_month(cell, fiscal_year=2569)


def test_a_month_without_its_year_needs_the_fiscal_year() -> None:
    with pytest.raises(Unreadable):
        read_month("มีนาคม")


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("โครงการ", "project"), ("กิจกรรม", "activity"), ("Project", "project"), (" activity ", "activity"), (None, None)],
)
def test_kinds(cell: object, kind: str | None) -> None:
    assert read_kind(cell) == kind


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("ยังไม่เริ่ม", "not_started"),
        ("เป็นไปตามแผน", "on_schedule"),
        ("อยู่ระหว่างดำเนินการ", "on_schedule"),
        ("ล่าช้า", "behind"),
        ("ล่าช้ากว่าแผน", "behind"),
        ("แล้วเสร็จ", "completed"),
        ("ยกเลิก", "cancelled"),
        ("On schedule", "on_schedule"),
        ("Behind schedule", "behind"),
        ("not_started", "not_started"),
        ("", None),
    ],
)
def test_statuses(cell: object, status: str | None) -> None:
    assert read_status(cell) == status


def test_unknown_kinds_and_statuses_name_the_accepted_words() -> None:
    with pytest.raises(Unreadable) as kind:
        read_kind("แผนงาน")
    assert kind.value.th == "ประเภทต้องเป็น โครงการ หรือ กิจกรรม"
    with pytest.raises(Unreadable) as status:
        read_status("ดี")
    assert status.value.th == "สถานะต้องเป็น ยังไม่เริ่ม เป็นไปตามแผน ล่าช้า แล้วเสร็จ หรือ ยกเลิก"


def test_texts_are_normalised_and_whole_numbers_lose_their_point() -> None:
    assert cell_text("  กอง\u200bคลัง   ฝ่าย  ") == "กองคลัง ฝ่าย"
    assert cell_text(500.0) == "500"
    assert cell_text(12.5) == "12.5"
    assert cell_text(None) == ""
    assert cell_lines("บรรทัดแรก \n\n\n บรรทัดสอง") == "บรรทัดแรก\n\nบรรทัดสอง"


# --- headings and places ----------------------------------------------------------------------------------------------


def test_the_header_row_is_found_by_headings_in_any_order_and_language() -> None:
    template = [column.heading for column in PROJECTS.columns]
    assert PROJECTS.match(template) == {column.key: i for i, column in enumerate(PROJECTS.columns)}
    assert PROGRESS.match(template) is None
    theirs = ["ลำดับ", "ชื่อโครงการ", "แผนงาน", "หน่วยงานรับผิดชอบ", "งบประมาณ", "วันที่เริ่มต้น", "วันที่สิ้นสุด", None]
    assert PROJECTS.match(theirs) == {"name_th": 1, "programme": 2, "division": 3, "budget": 4, "start": 5, "end": 6}
    english = ["Project", "Reporting month", "As of", "Progress (%)", "Disbursed", "Status", "Notes (English)"]
    assert PROGRESS.match(english) == {
        "project": 0, "period": 1, "as_of": 2, "progress_percent": 3, "disbursed": 4, "status": 5, "note_en": 6,
    }  # fmt: skip
    # A row missing a required column is not the header row.
    assert PROJECTS.match(["แผนงาน", "ชื่อโครงการ", "งบประมาณ"]) is None


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (4, "E"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
def test_column_letters(index: int, letter: str) -> None:
    assert column_letter(index) == letter


def test_a_problem_says_where_it_is_in_thai_and_english() -> None:
    problem = SheetProblem(
        "โครงการ", 5, "E", "งบประมาณ (บาท) Budget (baht)", "ต้องกรอกช่องนี้", "This cell must be filled in."
    )
    assert problem.text("th") == "แผ่นงาน โครงการ แถว 5 คอลัมน์ E (งบประมาณ (บาท) Budget (baht)): ต้องกรอกช่องนี้"
    assert problem.text("en") == (
        "sheet โครงการ, row 5, column E (งบประมาณ (บาท) Budget (baht)): This cell must be filled in."
    )
    assert SheetProblem("", None, None, "", "ไฟล์เสีย", "Broken file.").text("en") == "Broken file."


# --- properties -------------------------------------------------------------------------------------------------------

_amounts = st.decimals(min_value=0, max_value=D("9999999999999.99"), places=2, allow_nan=False, allow_infinity=False)
_days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2150, 12, 31))
# Two-digit years ("มี.ค. 69") are read in the window พ.ศ. 2500–2599: CE 1957–2056.
_two_digit_days = st.dates(min_value=dt.date(1957, 1, 1), max_value=dt.date(2056, 12, 31))


@given(_amounts, st.booleans(), st.booleans())
def test_an_amount_written_the_thai_way_reads_back(amount: Decimal, use_thai: bool, baht_word: bool) -> None:
    text = format_baht(amount, use_thai_digits=use_thai) + (" บาท" if baht_word else "")
    assert read_amount(text) == amount


@given(_days, _two_digit_days, st.booleans())
def test_a_date_written_the_thai_way_reads_back(day: dt.date, near: dt.date, use_thai: bool) -> None:
    assert read_date(format_thai_date(day, thai_digits=use_thai)) == day
    assert read_date(format_thai_date(near, abbreviated=True, thai_digits=use_thai)) == near


@given(_days, st.booleans())
def test_a_month_written_the_thai_way_or_as_a_code_reads_back(day: dt.date, use_thai: bool) -> None:
    month = day.replace(day=1)
    assert read_month(format_thai_month(month, thai_digits=use_thai)) == month
    assert read_month(f"{month.year + 543}-{month.month:02d}") == month
    assert read_month(thai_digits(f"{month.month:02d}/{month.year + 543}")) == month


@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none()))
def test_any_cell_is_read_or_refused_with_a_message(cell: object) -> None:
    readers = (read_amount, read_percent, read_date, read_kind, read_status, lambda c: read_month(c, fiscal_year=2569))
    refusals: list[Unreadable] = []
    for reader in readers:
        try:
            reader(cell)
        except Unreadable as error:
            refusals.append(error)
    assert all(error.th and error.en for error in refusals)
