"""find_dates: every date expression in a page's text, with spans into the original."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thaidate import (
    DateKind,
    FoundDate,
    Precision,
    find_dates,
    format_english_date,
    format_thai_date,
    thai_digits,
)

D = DateKind.DATE
AS_OF = DateKind.AS_OF
FY = DateKind.FISCAL_YEAR
MONTH = DateKind.MONTH
RANGE = DateKind.RANGE

# (text, [(matched text, kind, date, end_date, fiscal_year)]); precision
# follows from the kind and the matched text's shape, checked separately.
Expected = tuple[str, DateKind, date, date | None, int | None]

CASES: list[tuple[str, list[Expected]]] = [
    # As-of markers.
    (
        "ข้อมูล ณ วันที่ ๑๕ มีนาคม ๒๕๖๗",
        [("๑๕ มีนาคม ๒๕๖๗", AS_OF, date(2024, 3, 15), None, None)],
    ),
    ("ปรับปรุงล่าสุด 15 มี.ค. 67", [("15 มี.ค. 67", AS_OF, date(2024, 3, 15), None, None)]),
    ("อัพเดท: 1 ต.ค. 2566", [("1 ต.ค. 2566", AS_OF, date(2023, 10, 1), None, None)]),
    ("อัปเดตล่าสุดเมื่อวันที่ 2 ม.ค. 68", [("2 ม.ค. 68", AS_OF, date(2025, 1, 2), None, None)]),
    (
        "ข้อมูล ณ วันศุกร์ที่ 15 มีนาคม 2567",
        [("15 มีนาคม 2567", AS_OF, date(2024, 3, 15), None, None)],
    ),
    ("updated on 15 March 2024", [("15 March 2024", AS_OF, date(2024, 3, 15), None, None)]),
    ("Last updated: March 15, 2024", [("March 15, 2024", AS_OF, date(2024, 3, 15), None, None)]),
    ("As of 30 Sep 2024", [("30 Sep 2024", AS_OF, date(2024, 9, 30), None, None)]),
    ("ยอด ณ 30 ก.ย. 2567 คงเหลือ", [("30 ก.ย. 2567", AS_OF, date(2024, 9, 30), None, None)]),
    # "ณ" at the end of a word (ประมาณ) is no marker.
    ("ประมาณ 15 มี.ค. 67", [("15 มี.ค. 67", D, date(2024, 3, 15), None, None)]),
    ("ประกาศวันที่ 15 มีนาคม 2567", [("15 มีนาคม 2567", D, date(2024, 3, 15), None, None)]),
    # Plain dates with surrounding text.
    (
        "คำสั่งที่ 12/2567 ลงวันที่ 15 มี.ค. 67 เวลา 10.30 น.",
        [("15 มี.ค. 67", D, date(2024, 3, 15), None, None)],
    ),
    ("เผยแพร่ 2024-03-15 โดยกองคลัง", [("2024-03-15", D, date(2024, 3, 15), None, None)]),
    (
        "วันที่ 5/1/2568 และ 6/1/2568",
        [
            ("5/1/2568", D, date(2025, 1, 5), None, None),
            ("6/1/2568", D, date(2025, 1, 6), None, None),
        ],
    ),
    # Fiscal years.
    ("ปีงบประมาณ พ.ศ. 2567", [("ปีงบประมาณ พ.ศ. 2567", FY, date(2024, 9, 30), None, 2567)]),
    ("แผนปีงบประมาณ 2567", [("ปีงบประมาณ 2567", FY, date(2024, 9, 30), None, 2567)]),
    (
        "แผนจัดซื้อจัดจ้างประจำปีงบประมาณ ๒๕๖๘",
        [("ปีงบประมาณ ๒๕๖๘", FY, date(2025, 9, 30), None, 2568)],
    ),
    ("ปีงบ 67", [("ปีงบ 67", FY, date(2024, 9, 30), None, 2567)]),
    ("Annual report, fiscal year 2024", [("fiscal year 2024", FY, date(2024, 9, 30), None, 2567)]),
    ("FY2026 plan", [("FY2026", FY, date(2026, 9, 30), None, 2569)]),
    # Months without a day.
    ("รายงานเดือนมีนาคม 2567", [("เดือนมีนาคม 2567", MONTH, date(2024, 3, 1), None, None)]),
    ("สรุปผล มี.ค. 67", [("มี.ค. 67", MONTH, date(2024, 3, 1), None, None)]),
    ("ผลการเบิกจ่าย ตุลาคม 2566", [("ตุลาคม 2566", MONTH, date(2023, 10, 1), None, None)]),
    ("Report for March 2024", [("March 2024", MONTH, date(2024, 3, 1), None, None)]),
    ("ข้อมูล ณ เดือนมีนาคม 2567", [("เดือนมีนาคม 2567", AS_OF, date(2024, 3, 1), None, None)]),
    # Ranges.
    (
        "ระยะเวลา 1 ต.ค. 2566 - 30 ก.ย. 2567",
        [("1 ต.ค. 2566 - 30 ก.ย. 2567", RANGE, date(2023, 10, 1), date(2024, 9, 30), None)],
    ),
    (
        "ตั้งแต่วันที่ 1 ตุลาคม 2566 ถึงวันที่ 30 กันยายน 2567",
        [("1 ตุลาคม 2566 ถึงวันที่ 30 กันยายน 2567", RANGE, date(2023, 10, 1), date(2024, 9, 30), None)],
    ),
    (
        "ไตรมาสแรก 1 ต.ค. - 31 ธ.ค. 2566",
        [("1 ต.ค. - 31 ธ.ค. 2566", RANGE, date(2023, 10, 1), date(2023, 12, 31), None)],
    ),
    (
        "รอบ 6 เดือน (1 ต.ค. – 31 มี.ค. 2567)",
        [("1 ต.ค. – 31 มี.ค. 2567", RANGE, date(2023, 10, 1), date(2024, 3, 31), None)],
    ),
    (
        "จัดงานวันที่ 1-31 มีนาคม 2567",
        [("1-31 มีนาคม 2567", RANGE, date(2024, 3, 1), date(2024, 3, 31), None)],
    ),
    (
        "ผลการดำเนินงาน ต.ค. 66 – มี.ค. 67",
        [("ต.ค. 66 – มี.ค. 67", RANGE, date(2023, 10, 1), date(2024, 3, 31), None)],
    ),
    (
        "ไตรมาส ตุลาคม - ธันวาคม 2566",
        [("ตุลาคม - ธันวาคม 2566", RANGE, date(2023, 10, 1), date(2023, 12, 31), None)],
    ),
    (
        "1/10/2566 - 30/9/2567",
        [("1/10/2566 - 30/9/2567", RANGE, date(2023, 10, 1), date(2024, 9, 30), None)],
    ),
    (
        "Period: October 1, 2023 to September 30, 2024.",
        [("October 1, 2023 to September 30, 2024", RANGE, date(2023, 10, 1), date(2024, 9, 30), None)],
    ),
    (
        "2023-10-01 - 2024-09-30",
        [("2023-10-01 - 2024-09-30", RANGE, date(2023, 10, 1), date(2024, 9, 30), None)],
    ),
    # A range whose end is impossible falls back to its valid start.
    ("1 ต.ค. 2566 - 31 ก.พ. 2567", [("1 ต.ค. 2566", D, date(2023, 10, 1), None, None)]),
    # A backwards range is two dates, not a range.
    (
        "30 ก.ย. 2567 - 1 ต.ค. 2566",
        [
            ("30 ก.ย. 2567", D, date(2024, 9, 30), None, None),
            ("1 ต.ค. 2566", D, date(2023, 10, 1), None, None),
        ],
    ),
    # Several kinds in one page.
    (
        "ปีงบประมาณ 2568 (1 ต.ค. 2567 - 30 ก.ย. 2568) ข้อมูล ณ วันที่ 31 มี.ค. 68",
        [
            ("ปีงบประมาณ 2568", FY, date(2025, 9, 30), None, 2568),
            ("1 ต.ค. 2567 - 30 ก.ย. 2568", RANGE, date(2024, 10, 1), date(2025, 9, 30), None),
            ("31 มี.ค. 68", AS_OF, date(2025, 3, 31), None, None),
        ],
    ),
    # Not dates at all.
    ("งบประมาณ 1,250,000 บาท", []),
    ("เบิกจ่ายเดือน มี.ค. 15 ล้านบาท", []),
    ("ค่าใช้จ่าย ต.ค. 2500 บาท", []),
    ("ราคา 15 มี.ค. 67,000 บาท", []),
    ("เพิ่มขึ้น 10 ก.พ. 12 %", []),
    ("วงเงิน 2,567,000.50 บาท", []),
    ("โทร 02 123 4567 หรือ 081-234-5678", []),
    ("โทรสาร 0-2123-4567 ต่อ 12", []),
    ("ที่ 1/2567", []),
    ("เวอร์ชัน 1.2.3 และ IP 192.168.1.1", []),
    ("เวลา 14:05 น.", []),
    ("ปี 2567 มี 366 วัน", []),
    ("พ.ศ. 2567", []),
    ("31 กุมภาพันธ์ 2567", []),
    ("สำนักงาน ก.พ. รับสมัคร 67 อัตรา", []),
    ("พยาบาล 15 คน", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_dates(text: str, expected: list[Expected]) -> None:
    found = find_dates(text)
    assert [(f.text, f.kind, f.date, f.end_date, f.fiscal_year) for f in found] == expected
    search_from = 0
    for item in found:
        start = text.index(item.text, search_from)
        assert item.span == (start, start + len(item.text))
        search_from = item.span[1]


def test_precision_and_period() -> None:
    day, fiscal_year, month, day_range, month_range = find_dates(
        "15 มี.ค. 67, ปีงบประมาณ 2567, มีนาคม 2567, 1 - 15 มี.ค. 67, ต.ค. 66 - มี.ค. 67"
    )
    assert (day.precision, day.period, day.is_range) == (
        Precision.DAY,
        (date(2024, 3, 15), date(2024, 3, 15)),
        False,
    )
    assert (fiscal_year.precision, fiscal_year.period) == (
        Precision.FISCAL_YEAR,
        (date(2023, 10, 1), date(2024, 9, 30)),
    )
    assert (month.precision, month.period) == (Precision.MONTH, (date(2024, 3, 1), date(2024, 3, 31)))
    assert (day_range.precision, day_range.period, day_range.is_range) == (
        Precision.DAY,
        (date(2024, 3, 1), date(2024, 3, 15)),
        True,
    )
    assert (month_range.precision, month_range.period) == (
        Precision.MONTH,
        (date(2023, 10, 1), date(2024, 3, 31)),
    )


def test_spans_point_into_the_original_text() -> None:
    text = "ข้อมูล\u200b ณ วันที่  ๑\u200b๕   มีนาคม\n๒๕๖๗ ครับ"
    (found,) = find_dates(text)
    assert found == FoundDate(
        span=(18, 35),
        text="๑\u200b๕   มีนาคม\n๒๕๖๗",
        kind=DateKind.AS_OF,
        date=date(2024, 3, 15),
    )
    assert text[found.span[0] : found.span[1]] == found.text


_FILLER_WORDS = ["ประกาศ", "รายงาน", "ผลการดำเนินงาน", "หน่วยงาน", "report", "the", "(", ")", ","]
_filler = st.lists(st.sampled_from(_FILLER_WORDS), max_size=4).map(" ".join)
_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def _written_dates(draw: st.DrawFn) -> tuple[str, date]:
    d = draw(_dates)
    style = draw(st.sampled_from(["full", "abbreviated", "english", "iso", "numeric"]))
    if style == "abbreviated":
        if d.year > 2056:
            # Keep inside the two-digit window (พ.ศ. 2500-2599); leap days stay leap days.
            d = d.replace(year=d.year - 100)
        text = format_thai_date(d, abbreviated=True)
    elif style == "english":
        text = format_english_date(d)
    elif style == "iso":
        text = d.isoformat()
    elif style == "numeric":
        text = f"{d.day}/{d.month}/{d.year + 543}"
    else:
        text = format_thai_date(d)
    if draw(st.booleans()):
        text = thai_digits(text)
    return text, d


@given(_filler, _written_dates(), _filler)
def test_a_date_embedded_in_text_is_found_exactly(before: str, written: tuple[str, date], after: str) -> None:
    text, d = written
    page = f"{before} {text} {after}"
    (found,) = find_dates(page)
    assert found.date == d
    assert found.text == text
    assert found.span == (len(before) + 1, len(before) + 1 + len(text))
    assert found.kind is DateKind.DATE


@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=0, max_value=999),
    st.integers(min_value=0, max_value=9999),
)
def test_amounts_and_phone_numbers_are_never_dates(amount: int, area: int, middle: int, last: int) -> None:
    page = (
        f"งบประมาณ {amount:,} บาท {amount:,}.50 บาท โทร 0{area:02d} {middle:03d} {last:04d} "
        f"หรือ 0{area:02d}-{middle:03d}-{last:04d} มือถือ 08{area % 10}-{middle:03d}-{last:04d}"
    )
    assert find_dates(page) == []
    assert find_dates(thai_digits(page)) == []


@given(st.text(max_size=120))
def test_found_items_are_consistent_for_any_text(text: str) -> None:
    found = find_dates(text)
    previous_end = 0
    for item in found:
        start, end = item.span
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == item.text
        first, last = item.period
        assert first <= last
        assert (item.kind is DateKind.FISCAL_YEAR) == (item.fiscal_year is not None)
        assert (item.kind is DateKind.RANGE) == item.is_range
        previous_end = end


_MONTH_WORDS = ["มีนาคม", "มี.ค.", "ก.พ.", "ต.ค.", "March", "Sep", "ปีงบประมาณ", "พ.ศ.", "ณ วันที่", "-", "ถึง"]


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_MONTH_WORDS),
            st.integers(min_value=0, max_value=3000).map(str),
            st.sampled_from([" ", "/", ".", ",", "\u200b", "\n"]),
        ),
        max_size=12,
    ).map("".join)
)
def test_date_like_noise_never_breaks_the_scanner(text: str) -> None:
    for item in find_dates(text):
        assert text[item.span[0] : item.span[1]] == item.text
        assert date(1800, 1, 1) <= item.date <= date(2400, 12, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A number ending a line after other words is no day of the month starting the next line.
        ("ครั้งที่ 12\nมกราคม 2567", [("มกราคม 2567", MONTH, date(2024, 1, 1))]),
        ("การประชุมครั้งที่ 12\r\nมกราคม 2567 ณ ห้องประชุม", [("มกราคม 2567", MONTH, date(2024, 1, 1))]),
        ("รายการที่ 3 -\nมีนาคม 2567", [("มีนาคม 2567", MONTH, date(2024, 3, 1))]),
        ("ลำดับ 5\n\nเมษายน 2567 ประชุม", [("เมษายน 2567", MONTH, date(2024, 4, 1))]),
        ("จำนวน 12 ครั้ง\n15 มกราคม 2567", [("15 มกราคม 2567", D, date(2024, 1, 15))]),
        # A day alone on its line, or after words that introduce a date, is a date wrapped in a narrow cell.
        ("15\nมกราคม 2567", [("15\nมกราคม 2567", D, date(2024, 1, 15))]),
        ("ข้อมูล ณ วันที่ 15\nมกราคม 2567", [("15\nมกราคม 2567", AS_OF, date(2024, 1, 15))]),
        ("ลงวันที่ ๑๕\nมกราคม ๒๕๖๗", [("๑๕\nมกราคม ๒๕๖๗", D, date(2024, 1, 15))]),
        # On one line the day and month still join, whatever comes before.
        ("ครั้งที่ 12 มกราคม 2567", [("12 มกราคม 2567", D, date(2024, 1, 12))]),
    ],
)
def test_a_line_break_after_a_number_that_ends_a_phrase_splits_day_from_month(
    text: str, expected: list[tuple[str, DateKind, date]]
) -> None:
    assert [(f.text, f.kind, f.date) for f in find_dates(text)] == expected
