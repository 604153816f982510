"""Month arithmetic."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thaidate import add_months, days_in_month, first_day_of_month, last_day_of_month


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 10, 1), 6, date(2026, 4, 1)),
        (date(2025, 10, 1), 12, date(2026, 10, 1)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), -48, date(2020, 2, 29)),
        (date(2026, 5, 20), 0, date(2026, 5, 20)),
        (date(2026, 5, 20), -17, date(2024, 12, 20)),
        (date(2000, 1, 1), 1200, date(2100, 1, 1)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(("start", "months"), [(date(9999, 12, 1), 1), (date(1, 1, 1), -1)])
def test_add_months_out_of_range(start: date, months: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        add_months(start, months)


@pytest.mark.parametrize(
    ("year", "month", "days"),
    [(2024, 2, 29), (2025, 2, 28), (2100, 2, 28), (2000, 2, 29), (2025, 4, 30), (2025, 12, 31)],
)
def test_days_in_month(year: int, month: int, days: int) -> None:
    assert days_in_month(year, month) == days


def test_first_and_last_day_of_month() -> None:
    assert first_day_of_month(date(2024, 2, 17)) == date(2024, 2, 1)
    assert last_day_of_month(date(2024, 2, 17)) == date(2024, 2, 29)
    assert last_day_of_month(date(2025, 9, 1)) == date(2025, 9, 30)


_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
_months = st.integers(min_value=-600, max_value=600)


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


@given(_dates, _months)
def test_add_months_moves_exactly_that_many_months(d: date, months: int) -> None:
    result = add_months(d, months)
    assert _month_index(result) - _month_index(d) == months


@given(_dates, _months)
def test_add_months_keeps_the_day_or_clamps_to_month_end(d: date, months: int) -> None:
    result = add_months(d, months)
    assert result.day == min(d.day, days_in_month(result.year, result.month))


@given(_dates, _months)
def test_add_months_is_reversible_for_days_every_month_has(d: date, months: int) -> None:
    if d.day <= 28:
        assert add_months(add_months(d, months), -months) == d
    else:
        assert add_months(add_months(d, months), -months) <= d


@given(_dates, st.integers(min_value=0, max_value=600), st.integers(min_value=0, max_value=600))
def test_add_months_is_monotonic(d: date, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert add_months(d, low) <= add_months(d, high)
