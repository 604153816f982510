"""Months and fiscal years of procurement records: pure, no Django.

A record belongs to the month whose summary (สขร.1) lists it, stored as that month's first day
(CE). Fiscal year 2569 runs from October 2568 (2025 CE) to September 2569; its months are
numbered 1 (October) to 12 (September).
"""

from __future__ import annotations

import datetime as dt
import re

from prongsai.thaidate import add_months, fiscal_year_bounds, fiscal_year_of
from prongsai.thaidate.digits import arabic_digits

__all__ = ["BadMonth", "fiscal_months", "month_code", "month_of_fiscal_year", "parse_month_code"]

_CODE = re.compile(r"^(\d{4})-(\d{2})$")


class BadMonth(ValueError):
    """The text is not a month written YYYY-MM (CE, or BE from 2400)."""


def parse_month_code(text: str) -> dt.date:
    """Read "2026-03" (or "2569-03", a Buddhist-era year, or Thai digits) as the first day of that month.

    Raises BadMonth for anything else, so a command can say exactly what it expected.
    """
    match = _CODE.match(arabic_digits(text.strip()))
    if match is None:
        raise BadMonth(text)
    year, month = int(match.group(1)), int(match.group(2))
    if year >= 2400:
        year -= 543
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        raise BadMonth(text)
    return dt.date(year, month, 1)


def month_code(month: dt.date) -> str:
    """Write a month as "2026-03" (CE), the form snapshots and addresses use."""
    return f"{month.year:04d}-{month.month:02d}"


def fiscal_months(be_fiscal_year: int) -> list[dt.date]:
    """Return the twelve months of a fiscal year, October first."""
    start, _end = fiscal_year_bounds(be_fiscal_year)
    return [add_months(start, offset) for offset in range(12)]


def month_of_fiscal_year(month: dt.date) -> tuple[int, int]:
    """Return (fiscal year BE, month number 1-12 counted from October) of a month."""
    return fiscal_year_of(month), (month.month - 10) % 12 + 1
