"""Money (prongsai.money): Decimal baht rounded half-up to the satang, read and written as Thai forms write it."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.money import (
    MAX_AMOUNT,
    ZERO,
    amount_from_json,
    amount_to_json,
    format_baht,
    parse_baht,
    percent_of,
    satang,
    total,
)


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        ("0.005", "0.01"),  # half up, not to even
        ("0.015", "0.02"),
        ("0.025", "0.03"),
        ("2.675", "2.68"),  # exact in Decimal (a float would hold 2.67499…)
        ("1.004", "1.00"),
        ("1999.995", "2000.00"),
        ("12", "12.00"),
    ],
)
def test_satang_rounds_half_up(value: str, rounded: str) -> None:
    assert str(satang(Decimal(value))) == rounded


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("95,000.00 บาท", "95000.00"),
        ("95000", "95000.00"),
        ("95,000.-", "95000.00"),
        ("95,000.- บาท", "95000.00"),
        ("๙๕,๐๐๐.๐๐ บาท", "95000.00"),
        ("฿ 1,250.50", "1250.50"),
        ("1,250.50 บ.", "1250.50"),
        ("95,000 บาท (เก้าหมื่นห้าพันบาทถ้วน)", "95000.00"),
        ("12,500บาท", "12500.00"),
        ("0.125", "0.13"),
        ("9,999,999,999,999.99", "9999999999999.99"),
    ],
)
def test_parse_baht_reads_what_forms_write(text: str, amount: str) -> None:
    assert parse_baht(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["", "-", "แปดพัน", "1,2,3", "95,0000", "-5,000", "10,000,000,000,000.00", "1e5"])
def test_parse_baht_refuses_what_is_not_money(text: str) -> None:
    assert parse_baht(text) is None


def test_format_baht_writes_thousands_and_satang() -> None:
    assert format_baht(Decimal("1234567.5")) == "1,234,567.50"
    assert format_baht(Decimal("0.005")) == "0.01"
    assert format_baht(Decimal("95000"), use_thai_digits=True) == "๙๕,๐๐๐.๐๐"


def test_total_leaves_out_unknown_amounts_and_rounds() -> None:
    assert total([Decimal("0.10"), None, Decimal("0.20"), Decimal("0.004")]) == Decimal("0.30")
    assert total([]) == ZERO
    # Adding in Decimal: 0.1 + 0.2 is 0.3 exactly, not 0.30000000000000004.
    assert total([Decimal("0.1")] * 3) == Decimal("0.30")


def test_percent_of() -> None:
    assert percent_of(Decimal("1"), Decimal("3")) == Decimal("33.33")
    assert percent_of(Decimal("2"), Decimal("3")) == Decimal("66.67")
    assert percent_of(Decimal("5"), ZERO) is None


def test_json_travels_as_the_exact_string() -> None:
    assert amount_to_json(Decimal("95000")) == "95000.00"
    assert amount_to_json(None) is None
    assert amount_from_json("95000.00") == Decimal("95000.00")
    assert amount_from_json(None) is None


amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(amounts, st.booleans())
def test_formatted_amounts_read_back(amount: Decimal, thai: bool) -> None:
    written = format_baht(amount, use_thai_digits=thai)
    assert parse_baht(written) == amount
    assert parse_baht(f"{written} บาท") == amount
    assert parse_baht(f"{written}.-") == amount


@settings(max_examples=200, deadline=None)
@given(amounts)
def test_json_round_trip(amount: Decimal) -> None:
    assert amount_from_json(amount_to_json(amount)) == amount


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_parse_baht_never_raises(text: str) -> None:
    result = parse_baht(text)
    assert result is None or (ZERO <= result <= MAX_AMOUNT and result == satang(result))
