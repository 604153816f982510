"""Month arithmetic on Gregorian dates."""

from __future__ import annotations

import calendar
from datetime import date

__all__ = ["add_months", "days_in_month", "first_day_of_month", "last_day_of_month"]


def days_in_month(year: int, month: int) -> int:
    """Return how many days ``month`` of common-era ``year`` has.

    Month arithmetic and validation both need the length of a month,
    including 29 February in leap years.
    """
    return calendar.monthrange(year, month)[1]


def first_day_of_month(d: date) -> date:
    """Return the first day of the month ``d`` falls in.

    A date known only to month precision is stored as that month's first day.
    """
    return d.replace(day=1)


def last_day_of_month(d: date) -> date:
    """Return the last day of the month ``d`` falls in.

    Periods given by month ("ต.ค. 66 - มี.ค. 67") end on their last month's
    final day.
    """
    return d.replace(day=days_in_month(d.year, d.month))


def add_months(d: date, months: int) -> date:
    """Return ``d`` moved by ``months`` calendar months (negative moves back).

    Deadlines are set "six months after" a date; when the target month is
    shorter, clamp to its last day (31 August + 6 months is the last day of
    February) instead of failing or spilling into the next month. Raise
    ``ValueError`` if the result falls outside the years ``date`` supports.
    """
    month_index = d.year * 12 + (d.month - 1) + months
    year, month_zero_based = divmod(month_index, 12)
    month = month_zero_based + 1
    if not 1 <= year <= 9999:
        raise ValueError(f"date out of range: {d.isoformat()} + {months} months")
    return date(year, month, min(d.day, days_in_month(year, month)))
