"""Baht and satang: Decimal money, rounded to the satang, read and written as Thai documents write it.

A pure module (no Django). Amounts are `Decimal` from the first keystroke to the last cell of a
report; a float never holds money. Rounding is half-up to the satang (0.01 baht), as Thai
finance forms round. In JSON an amount travels as its exact string ("95000.00").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from prongsai.thaidate.digits import arabic_digits, thai_digits

__all__ = [
    "MAX_AMOUNT",
    "SATANG",
    "ZERO",
    "amount_from_json",
    "amount_to_json",
    "format_baht",
    "parse_baht",
    "percent_of",
    "satang",
    "total",
]

SATANG = Decimal("0.01")
ZERO = Decimal("0.00")
# The largest amount a money column holds (DecimalField(max_digits=15, decimal_places=2)).
MAX_AMOUNT = Decimal("9999999999999.99")

# "95,000.00 บาท", "95000.-", "๙๕,๐๐๐", "฿ 1,250.50", "1,250.50 บ.", "95,000 บาท (เก้าหมื่นห้าพันบาทถ้วน)".
_AMOUNT = re.compile(
    r"""^\s*(?:฿\s*)?
        (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
        \s*(?:\.-|-)?\s*
        (?:บาท|บ\.|baht|thb)?\s*(?:\.-|-)?\s*
        (?:\(.*\))?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def satang(value: Decimal) -> Decimal:
    """Round an amount half-up to the satang."""
    return value.quantize(SATANG, rounding=ROUND_HALF_UP)


def parse_baht(text: str) -> Decimal | None:
    """Read an amount of baht as written in a form cell; None when the text is not an amount.

    Thai or Arabic digits, thousands commas, an optional "บาท"/"บ."/"฿", a trailing ".-" and an
    amount in words in brackets are accepted. More than two decimals are rounded to the satang.
    Negative amounts and amounts beyond `MAX_AMOUNT` are not money on these forms: None.
    """
    match = _AMOUNT.match(arabic_digits(text.replace("\u00a0", " ")))
    if match is None:
        return None
    try:
        value = satang(Decimal(match.group("number").replace(",", "")))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    return value if value <= MAX_AMOUNT else None


def format_baht(value: Decimal, *, use_thai_digits: bool = False) -> str:
    """Write an amount as Thai documents do: 1,234,567.50 (or with Thai digits)."""
    text = f"{satang(value):,.2f}"
    return thai_digits(text) if use_thai_digits else text


def amount_to_json(value: Decimal | None) -> str | None:
    """Return the exact string an amount travels as in JSON ("95000.00"), or None."""
    return None if value is None else str(satang(value))


def amount_from_json(value: str | None) -> Decimal | None:
    """Read an amount written by `amount_to_json`."""
    return None if value is None else Decimal(value)


def total(values: Iterable[Decimal | None]) -> Decimal:
    """Add amounts, leaving out the unknown ones, rounded to the satang."""
    return satang(sum((v for v in values if v is not None), ZERO))


def percent_of(part: Decimal, whole: Decimal) -> Decimal | None:
    """Return part as a percentage of whole, to two decimals; None when whole is zero."""
    if whole == 0:
        return None
    return (part * 100 / whole).quantize(SATANG, rounding=ROUND_HALF_UP)
