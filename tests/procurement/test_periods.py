"""Months and fiscal years of procurement records: the month codes addresses and commands take, fiscal order."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.procurement.periods import (
    BadMonth,
    fiscal_months,
    month_code,
    month_of_fiscal_year,
    parse_month_code,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03", dt.date(2026, 3, 1)),
        ("2569-03", dt.date(2026, 3, 1)),  # Buddhist era
        ("๒๕๖๙-๐๓", dt.date(2026, 3, 1)),  # Thai digits
        ("2026-03 ", dt.date(2026, 3, 1)),
        (" 2568-10", dt.date(2025, 10, 1)),
        ("2025-12", dt.date(2025, 12, 1)),
    ],
)
def test_month_codes_read(text: str, expected: dt.date) -> None:
    assert parse_month_code(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-3",
        "2026-13",
        "2026-00",
        "26-03",
        "2026/03",
        "03-2026",
        "มีนาคม 2569",
        "2026-03-01",
        "1899-12",
        "2201-01",
        "2400-01",
    ],
)
def test_other_texts_are_not_month_codes(text: str) -> None:
    with pytest.raises(BadMonth):
        parse_month_code(text)


def test_month_code_is_the_ce_year_and_two_digit_month() -> None:
    assert month_code(dt.date(2026, 3, 1)) == "2026-03"
    assert month_code(dt.date(2025, 10, 17)) == "2025-10"


def test_fiscal_year_2569_runs_october_2025_to_september_2026() -> None:
    assert fiscal_months(2569) == [
        dt.date(2025, 10, 1),
        dt.date(2025, 11, 1),
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
        dt.date(2026, 3, 1),
        dt.date(2026, 4, 1),
        dt.date(2026, 5, 1),
        dt.date(2026, 6, 1),
        dt.date(2026, 7, 1),
        dt.date(2026, 8, 1),
        dt.date(2026, 9, 1),
    ]


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        (dt.date(2025, 10, 1), (2569, 1)),
        (dt.date(2025, 12, 1), (2569, 3)),
        (dt.date(2026, 1, 1), (2569, 4)),
        (dt.date(2026, 3, 1), (2569, 6)),  # the last month of the 6-month round
        (dt.date(2026, 9, 30), (2569, 12)),
        (dt.date(2026, 10, 1), (2570, 1)),
        (dt.date(2025, 9, 1), (2568, 12)),
    ],
)
def test_month_of_fiscal_year(month: dt.date, expected: tuple[int, int]) -> None:
    assert month_of_fiscal_year(month) == expected


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_a_month_code_reads_back_as_the_first_day_of_its_month(day: dt.date) -> None:
    assert parse_month_code(month_code(day)) == day.replace(day=1)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_every_month_is_in_its_fiscal_years_list_at_its_number(day: dt.date) -> None:
    fiscal_year, number = month_of_fiscal_year(day)
    assert fiscal_months(fiscal_year)[number - 1] == day.replace(day=1)


@given(st.text(max_size=12))
def test_any_text_is_a_month_or_refused_as_bad_month(text: str) -> None:
    try:
        month = parse_month_code(text)
    except BadMonth:
        return
    assert month.day == 1
    assert 1900 <= month.year <= 2200
