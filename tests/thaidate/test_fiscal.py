"""Fiscal years and reporting rounds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thaidate import (
    ReportingRound,
    RoundKind,
    current_round,
    fiscal_year_bounds,
    fiscal_year_of,
    rounds_of_fiscal_year,
    to_be_year,
)


@pytest.mark.parametrize(
    ("d", "fiscal_year"),
    [
        (date(2025, 10, 1), 2569),
        (date(2026, 9, 30), 2569),
        (date(2026, 10, 1), 2570),
        (date(2025, 9, 30), 2568),
        (date(2026, 1, 1), 2569),
        (date(2025, 12, 31), 2569),
        (date(2026, 3, 31), 2569),
        (date(2026, 4, 1), 2569),
        (date(2024, 2, 29), 2567),
    ],
)
def test_fiscal_year_of(d: date, fiscal_year: int) -> None:
    assert fiscal_year_of(d) == fiscal_year


@pytest.mark.parametrize(
    ("fiscal_year", "start", "end"),
    [
        (2569, date(2025, 10, 1), date(2026, 9, 30)),
        (2567, date(2023, 10, 1), date(2024, 9, 30)),
        (2543, date(1999, 10, 1), date(2000, 9, 30)),
    ],
)
def test_fiscal_year_bounds(fiscal_year: int, start: date, end: date) -> None:
    assert fiscal_year_bounds(fiscal_year) == (start, end)


_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(_dates)
def test_every_date_lies_inside_its_fiscal_year(d: date) -> None:
    start, end = fiscal_year_bounds(fiscal_year_of(d))
    assert start <= d <= end
    assert (start.month, start.day, end.month, end.day) == (10, 1, 9, 30)
    assert end.year == start.year + 1


@given(st.integers(min_value=2445, max_value=2742))
def test_fiscal_years_tile_the_calendar(fiscal_year: int) -> None:
    start, end = fiscal_year_bounds(fiscal_year)
    assert fiscal_year_of(start) == fiscal_year == fiscal_year_of(end)
    assert fiscal_year_of(start - timedelta(days=1)) == fiscal_year - 1
    assert fiscal_year_of(end + timedelta(days=1)) == fiscal_year + 1
    assert fiscal_year_bounds(fiscal_year + 1)[0] == end + timedelta(days=1)
    assert to_be_year(end.year) == fiscal_year


@pytest.mark.parametrize(
    ("kind", "start", "end", "label_th", "label_en"),
    [
        (
            RoundKind.SIX_MONTH,
            date(2025, 10, 1),
            date(2026, 3, 31),
            "รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2569",
            "6-month round, fiscal year 2026",
        ),
        (
            RoundKind.TWELVE_MONTH,
            date(2025, 10, 1),
            date(2026, 9, 30),
            "รอบ 12 เดือน ปีงบประมาณ พ.ศ. 2569",
            "12-month round, fiscal year 2026",
        ),
    ],
)
def test_reporting_round(kind: RoundKind, start: date, end: date, label_th: str, label_en: str) -> None:
    reporting_round = ReportingRound(2569, kind)
    assert reporting_round.start == start
    assert reporting_round.end == end
    assert reporting_round.label_th == label_th
    assert reporting_round.label_en == label_en


def test_round_kind_values_and_string_coercion() -> None:
    assert [kind.value for kind in RoundKind] == ["six_month", "twelve_month"]
    from_string = ReportingRound(2569, "twelve_month")
    assert from_string == ReportingRound(2569, RoundKind.TWELVE_MONTH)
    assert from_string.kind is RoundKind.TWELVE_MONTH
    with pytest.raises(ValueError, match="nine_month"):
        ReportingRound(2569, "nine_month")


def test_reporting_round_is_frozen_hashable_and_ordered() -> None:
    six = ReportingRound(2569, RoundKind.SIX_MONTH)
    twelve = ReportingRound(2569, RoundKind.TWELVE_MONTH)
    with pytest.raises(AttributeError):
        six.fiscal_year = 2570  # type: ignore[misc]
    assert {six, ReportingRound(2569, RoundKind.SIX_MONTH)} == {six}
    assert sorted([ReportingRound(2570, RoundKind.SIX_MONTH), twelve, six]) == [
        six,
        twelve,
        ReportingRound(2570, RoundKind.SIX_MONTH),
    ]


def test_rounds_of_fiscal_year() -> None:
    assert rounds_of_fiscal_year(2569) == [
        ReportingRound(2569, RoundKind.SIX_MONTH),
        ReportingRound(2569, RoundKind.TWELVE_MONTH),
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 10, 1), ReportingRound(2569, RoundKind.SIX_MONTH)),
        (date(2025, 12, 31), ReportingRound(2569, RoundKind.SIX_MONTH)),
        (date(2026, 3, 31), ReportingRound(2569, RoundKind.SIX_MONTH)),
        (date(2026, 4, 1), ReportingRound(2569, RoundKind.TWELVE_MONTH)),
        (date(2026, 9, 30), ReportingRound(2569, RoundKind.TWELVE_MONTH)),
        (date(2026, 10, 1), ReportingRound(2570, RoundKind.SIX_MONTH)),
    ],
)
def test_current_round(today: date, expected: ReportingRound) -> None:
    assert current_round(today) == expected


@given(_dates)
def test_current_round_contains_today(today: date) -> None:
    reporting_round = current_round(today)
    assert reporting_round.contains(today)
    assert reporting_round.fiscal_year == fiscal_year_of(today)
    assert reporting_round.start <= today <= reporting_round.end
    if reporting_round.kind is RoundKind.TWELVE_MONTH:
        # April-September: the six-month period is already over.
        assert today > ReportingRound(reporting_round.fiscal_year, RoundKind.SIX_MONTH).end


@given(st.integers(min_value=2445, max_value=2742))
def test_round_periods(fiscal_year: int) -> None:
    six, twelve = rounds_of_fiscal_year(fiscal_year)
    assert six.start == twelve.start == fiscal_year_bounds(fiscal_year)[0]
    assert twelve.end == fiscal_year_bounds(fiscal_year)[1]
    assert six.end + timedelta(days=1) == date(twelve.end.year, 4, 1)
    assert (six.months_covered, twelve.months_covered) == (6, 12)
