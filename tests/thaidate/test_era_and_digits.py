"""Year conversion between พ.ศ. and ค.ศ., and digit conversion."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thaidate import (
    Era,
    arabic_digits,
    expand_two_digit_be_year,
    interpret_written_year,
    thai_digits,
    to_be_year,
    to_ce_year,
)


@pytest.mark.parametrize(
    ("ce_year", "be_year"),
    [(2026, 2569), (2024, 2567), (2000, 2543), (1957, 2500), (1, 544)],
)
def test_year_conversion(ce_year: int, be_year: int) -> None:
    assert to_be_year(ce_year) == be_year
    assert to_ce_year(be_year) == ce_year


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_year_conversion_round_trips(year: int) -> None:
    assert to_ce_year(to_be_year(year)) == year
    assert to_be_year(year) - year == 543


@pytest.mark.parametrize(
    ("ascii_text", "thai_text"),
    [
        ("0123456789", "๐๑๒๓๔๕๖๗๘๙"),
        ("15 มีนาคม 2569", "๑๕ มีนาคม ๒๕๖๙"),
        ("เวลา 14:05 น.", "เวลา ๑๔:๐๕ น."),
        ("no digits", "no digits"),
        ("", ""),
    ],
)
def test_digit_conversion(ascii_text: str, thai_text: str) -> None:
    assert thai_digits(ascii_text) == thai_text
    assert arabic_digits(thai_text) == ascii_text


def test_arabic_digits_leaves_other_scripts_alone() -> None:
    assert arabic_digits("ปี ๒๕๖๗ / 2024 / ١٢") == "ปี 2567 / 2024 / ١٢"


@given(st.text())
def test_digit_conversion_round_trips_and_keeps_length(text: str) -> None:
    assert len(thai_digits(text)) == len(text)
    assert thai_digits(arabic_digits(thai_digits(text))) == thai_digits(text)
    assert not any(ch in "0123456789" for ch in thai_digits(text))
    assert not any(ch in "๐๑๒๓๔๕๖๗๘๙" for ch in arabic_digits(text))


@pytest.mark.parametrize(("two_digits", "be_year"), [(0, 2500), (5, 2505), (67, 2567), (69, 2569), (99, 2599)])
def test_two_digit_window(two_digits: int, be_year: int) -> None:
    assert expand_two_digit_be_year(two_digits) == be_year


@pytest.mark.parametrize("bad", [-1, 100, 2567])
def test_two_digit_window_rejects_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError, match="two-digit year"):
        expand_two_digit_be_year(bad)


@pytest.mark.parametrize(
    ("digits", "era", "ce_year"),
    [
        ("2567", None, 2024),
        ("2401", None, 1858),
        ("2400", None, 2400),
        ("2024", None, 2024),
        ("1990", None, 1990),
        ("67", None, 2024),
        ("00", None, 1957),
        ("99", None, 2056),
        ("2567", Era.BUDDHIST, 2024),
        ("67", Era.BUDDHIST, 2024),
        ("2024", Era.COMMON, 2024),
        ("2567", Era.COMMON, None),
        ("2024", Era.BUDDHIST, None),
        ("67", Era.COMMON, None),
        ("256", None, None),
        ("25670", None, None),
        ("7", None, None),
        ("1700", None, None),
        ("9999", None, None),
        ("", None, None),
        ("๒๕๖๗", None, None),
        ("20a4", None, None),
    ],
)
def test_interpret_written_year(digits: str, era: Era | None, ce_year: int | None) -> None:
    assert interpret_written_year(digits, era=era) == ce_year


@given(st.integers(min_value=1800, max_value=2400))
def test_four_digit_years_read_by_magnitude(ce_year: int) -> None:
    assert interpret_written_year(str(ce_year)) == ce_year
    be_year = to_be_year(ce_year)
    # พ.ศ. 2400 and below (ค.ศ. 1857 and before) are read as ค.ศ. years.
    assert interpret_written_year(str(be_year)) == (ce_year if be_year > 2400 else be_year)


@given(st.text(max_size=8))
def test_interpret_written_year_never_raises(text: str) -> None:
    result = interpret_written_year(text)
    assert result is None or 1800 <= result <= 2400
