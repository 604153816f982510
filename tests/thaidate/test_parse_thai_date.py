"""parse_thai_date: one date, written any of the ways websites write it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from prongsai.thaidate import (
    format_english_date,
    format_thai_date,
    format_thai_datetime,
    parse_fiscal_year,
    parse_thai_date,
    thai_digits,
)

MARCH_15_2024 = date(2024, 3, 15)

PARSES = [
    # Thai month names, Buddhist-era years, Thai or ASCII digits.
    ("15 มีนาคม 2567", MARCH_15_2024),
    ("๑๕ มีนาคม ๒๕๖๗", MARCH_15_2024),
    ("ข้อมูล ณ วันที่ ๑๕ มีนาคม ๒๕๖๗", MARCH_15_2024),
    ("วันที่ 15 มีนาคม พ.ศ. 2567", MARCH_15_2024),
    ("15 มีนาคม พ.ศ.2567", MARCH_15_2024),
    ("15 มีนาคม พศ 2567", MARCH_15_2024),
    ("วันที่ ๑ เดือนตุลาคม พ.ศ. ๒๕๖๖", date(2023, 10, 1)),
    ("วันศุกร์ที่ 15 มีนาคม 2567", MARCH_15_2024),
    ("15มีนาคม2567", MARCH_15_2024),
    ("15 มีนา 67", MARCH_15_2024),
    ("17 กรกฏาคม 2567", date(2024, 7, 17)),
    ("17 กุมภาพันธ 2567", date(2024, 2, 17)),
    # Abbreviated months, with and without dots and spaces, 2- and 4-digit years.
    ("15 มี.ค. 67", MARCH_15_2024),
    ("15 มี.ค. 2567", MARCH_15_2024),
    ("15 มี.ค.67", MARCH_15_2024),
    ("15มี.ค.67", MARCH_15_2024),
    ("15 มีค 67", MARCH_15_2024),
    ("15 มีค. 2567", MARCH_15_2024),
    ("15 มี. ค. 67", MARCH_15_2024),
    ("15 มี.ค 67", MARCH_15_2024),
    ("๑๕ มี.ค. ๖๗", MARCH_15_2024),
    ("1 ม.ค. 67", date(2024, 1, 1)),
    ("29 ก.พ. 67", date(2024, 2, 29)),
    ("13 เม.ย. 68", date(2025, 4, 13)),
    ("5 พ.ค. 2568", date(2025, 5, 5)),
    ("30 มิ.ย. 68", date(2025, 6, 30)),
    ("31 ก.ค. 68", date(2025, 7, 31)),
    ("12 ส.ค. 68", date(2025, 8, 12)),
    ("30 ก.ย. 67", date(2024, 9, 30)),
    ("1 ต.ค. 66", date(2023, 10, 1)),
    ("30 พ.ย. 66", date(2023, 11, 30)),
    ("31 ธ.ค. 66", date(2023, 12, 31)),
    ("5 ม.ค. 05", date(1962, 1, 5)),
    # Common-era years: by magnitude, or stated with ค.ศ.
    ("15 มีนาคม 2024", MARCH_15_2024),
    ("15 มีนาคม ค.ศ. 2024", MARCH_15_2024),
    ("15 มี.ค. 2024", MARCH_15_2024),
    # Numeric, day first; ISO.
    ("2024-03-15", MARCH_15_2024),
    ("2567-03-15", MARCH_15_2024),
    ("2024/03/15", MARCH_15_2024),
    ("15/03/2567", MARCH_15_2024),
    ("15/3/2567", MARCH_15_2024),
    ("15/03/2024", MARCH_15_2024),
    ("15-03-2567", MARCH_15_2024),
    ("15.03.2567", MARCH_15_2024),
    ("15/3/67", MARCH_15_2024),
    ("01/10/2566", date(2023, 10, 1)),
    ("๑๕/๐๓/๒๕๖๗", MARCH_15_2024),
    # English.
    ("15 March 2024", MARCH_15_2024),
    ("15 Mar 2024", MARCH_15_2024),
    ("15 Mar. 2024", MARCH_15_2024),
    ("15th March 2024", MARCH_15_2024),
    ("1st of October 2023", date(2023, 10, 1)),
    ("March 15, 2024", MARCH_15_2024),
    ("Mar 15, 2024", MARCH_15_2024),
    ("Sept 30, 2024", date(2024, 9, 30)),
    ("september 30 2024", date(2024, 9, 30)),
    ("15-Mar-2024", MARCH_15_2024),
    ("15 March 2567", MARCH_15_2024),
    ("Friday, 15 March 2024", MARCH_15_2024),
    ("Fri, 15 Mar 2024 10:00:00 +0700", MARCH_15_2024),
    ("2024-03-15T10:00:00+07:00", MARCH_15_2024),
    # Markers, times and stray whitespace around the date.
    ("15 มีนาคม 2567 เวลา 14.05 น.", MARCH_15_2024),
    ("15 มีนาคม 2569 เวลา 14:05 น.", date(2026, 3, 15)),
    ("ปรับปรุงล่าสุด: 15 มี.ค. 67", MARCH_15_2024),
    ("อัปเดตเมื่อ 15 มีนาคม 2567", MARCH_15_2024),
    ("อัพเดท 15 มีนาคม 2567", MARCH_15_2024),
    ("Last updated: March 15, 2024", MARCH_15_2024),
    ("as of 15 March 2024", MARCH_15_2024),
    ("  15 \u200bมีนาคม \u00a0 2567  ", MARCH_15_2024),
    ("1\u200b5 มีนาคม 2567", MARCH_15_2024),
    ("15\nมีนาคม\n2567", MARCH_15_2024),
    ("15 มีนาคม 2567.", MARCH_15_2024),
    ("(15 มีนาคม 2567)", MARCH_15_2024),
]

REJECTS = [
    "31 กุมภาพันธ์ 2567",  # no such day
    "29 ก.พ. 66",  # 2023 is not a leap year
    "31 เมษายน 2567",
    "0 มีนาคม 2567",
    "32 มีนาคม 2567",
    "31/02/2567",
    "15/13/2567",
    "03/15/2024",  # numeric dates are day first
    "2024-02-30",
    "โทร 02 123 4567",  # phone numbers
    "02-123-4567",
    "081-234-5678",
    "1,250,000 บาท",  # amounts
    "ปีงบประมาณ พ.ศ. 2567",  # a fiscal year is not a day
    "มีนาคม 2567",  # a month is not a day
    "มี.ค. 67",
    "1 ต.ค. 2566 - 30 ก.ย. 2567",  # a range is not one date
    "15 มีนาคม",  # no year
    "15 มีนาคม 256",
    "15 มีนาคม ค.ศ. 2567",  # era marker contradicts the magnitude
    "15 มีนาคม พ.ศ. 2024",
    "15 มีนาคม 1700",  # implausible year
    "15.3.67",  # two-digit years only with slashes
    "15-3-67",
    "15 มีนาคม 2567 และ 16 มีนาคม 2567",  # two dates
    "ประชุมวันที่ 15 มีนาคม 2567",  # other content
    "ที่ 1/2567",  # document number
    "1.2.3",
    "",
    "   ",
    "hello",
    "2567",
]


@pytest.mark.parametrize(("text", "expected"), PARSES)
def test_parses(text: str, expected: date) -> None:
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize("text", REJECTS)
def test_rejects(text: str) -> None:
    assert parse_thai_date(text) is None


def test_there_are_plenty_of_cases() -> None:
    assert len(PARSES) + len(REJECTS) >= 40


@pytest.mark.parametrize(
    ("text", "fiscal_year"),
    [
        ("ปีงบประมาณ พ.ศ. 2567", 2567),
        ("ปีงบประมาณ 2567", 2567),
        ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", 2568),
        ("ปีงบ 67", 2567),
        ("ปีงบฯ 2569", 2569),
        ("fiscal year 2024", 2567),
        ("Fiscal Year 2026", 2569),
        ("FY2026", 2569),
        ("FY 2569", 2569),
        ("ปีงบประมาณ 2024", 2567),
        ("15 มีนาคม 2567", None),
        ("ปีงบประมาณ", None),
        ("ปีงบประมาณ ค.ศ. 2567", None),
        ("งบประมาณ 2567 ล้านบาท", None),
        ("FY24", None),
    ],
)
def test_parse_fiscal_year(text: str, fiscal_year: int | None) -> None:
    assert parse_fiscal_year(text) == fiscal_year


# Round trips. Full forms carry four-digit พ.ศ. years and round-trip for
# every date. Abbreviated forms carry two-digit years read in the window
# พ.ศ. 2500-2599 (ค.ศ. 1957-2056): inside it they round-trip; after it the
# year reads back exactly 100 years early.
LAST_CE_YEAR_OF_TWO_DIGIT_WINDOW = 2056
_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(_dates, st.booleans())
@example(date(2024, 2, 29), False)
@example(date(2024, 2, 29), True)
def test_full_thai_format_round_trips(d: date, use_thai_digits: bool) -> None:
    assert parse_thai_date(format_thai_date(d, thai_digits=use_thai_digits)) == d


@given(_dates, st.booleans())
@example(date(2056, 12, 31), False)
@example(date(2057, 1, 1), False)
@example(date(1990, 1, 1), True)
def test_abbreviated_thai_format_round_trips_inside_window(d: date, use_thai_digits: bool) -> None:
    parsed = parse_thai_date(format_thai_date(d, abbreviated=True, thai_digits=use_thai_digits))
    if d.year <= LAST_CE_YEAR_OF_TWO_DIGIT_WINDOW:
        assert parsed == d
    else:
        assert parsed == d.replace(year=d.year - 100)


@given(_dates)
def test_english_format_round_trips(d: date) -> None:
    assert parse_thai_date(format_english_date(d)) == d
    assert parse_thai_date(d.isoformat()) == d


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31, 23, 59)), st.booleans())
def test_thai_datetime_format_parses_to_its_date(dt: datetime, use_thai_digits: bool) -> None:
    assert parse_thai_date(format_thai_datetime(dt, thai_digits=use_thai_digits)) == dt.date()


@given(_dates)
def test_numeric_buddhist_era_dates_round_trip(d: date) -> None:
    be_year = d.year + 543
    assert parse_thai_date(f"{d.day}/{d.month}/{be_year}") == d
    assert parse_thai_date(thai_digits(f"{d.day:02d}/{d.month:02d}/{be_year}")) == d


@given(st.text(max_size=60))
def test_never_raises_and_returns_plausible_dates(text: str) -> None:
    result = parse_thai_date(text)
    assert result is None or date(1800, 1, 1) <= result <= date(2400, 12, 31)


@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_alone_are_not_dates(number: int) -> None:
    assert parse_thai_date(str(number)) is None
    assert parse_thai_date(f"{number:,} บาท") is None
    assert parse_thai_date(thai_digits(str(number))) is None


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=29, max_value=35), st.booleans())
def test_days_past_month_end_are_rejected(month: int, day: int, abbreviated: bool) -> None:
    probe = date(2023, month, 1)
    text = format_thai_date(probe, abbreviated=abbreviated).replace("1 ", f"{day} ", 1)
    month_length = (date(2023 + month // 12, month % 12 + 1, 1) - probe).days
    assert parse_thai_date(text) == (date(2023, month, day) if day <= month_length else None)
