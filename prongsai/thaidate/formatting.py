"""Render dates for Thai and English readers.

Django's ``th`` locale prints common-era years, so Thai dates are formatted
here with Buddhist-era years instead.
"""

from __future__ import annotations

from datetime import date, datetime

from prongsai.thaidate.digits import thai_digits as _to_thai_digits
from prongsai.thaidate.era import to_be_year
from prongsai.thaidate.months import ENGLISH_MONTHS, THAI_MONTHS, THAI_MONTHS_ABBR

__all__ = [
    "format_english_date",
    "format_thai_date",
    "format_thai_date_range",
    "format_thai_datetime",
    "format_thai_month",
]


def _finish(text: str, use_thai_digits: bool) -> str:
    return _to_thai_digits(text) if use_thai_digits else text


def _thai_month_year(d: date, abbreviated: bool) -> str:
    be_year = to_be_year(d.year)
    if abbreviated:
        return f"{THAI_MONTHS_ABBR[d.month]} {be_year % 100:02d}"
    return f"{THAI_MONTHS[d.month]} {be_year}"


def format_thai_date(d: date, *, abbreviated: bool = False, thai_digits: bool = False) -> str:
    """Format ``d`` the Thai way with a Buddhist-era year.

    Return "15 มีนาคม 2569"; with ``abbreviated`` return "15 มี.ค. 69" (the
    two-digit year is read back inside พ.ศ. 2500-2599, see
    :mod:`prongsai.thaidate.era`); with ``thai_digits`` every digit is a
    Thai digit ("๑๕ มีนาคม ๒๕๖๙"), as formal documents print them.
    """
    return _finish(f"{d.day} {_thai_month_year(d, abbreviated)}", thai_digits)


def format_thai_datetime(dt: datetime, *, abbreviated: bool = False, thai_digits: bool = False) -> str:
    """Format ``dt`` as "15 มีนาคม 2569 เวลา 14:05 น.".

    Show timestamps (submission, review) to Thai readers. The value is used
    as given: convert an aware datetime to local time before calling.
    """
    date_part = format_thai_date(dt.date(), abbreviated=abbreviated)
    return _finish(f"{date_part} เวลา {dt.hour:02d}:{dt.minute:02d} น.", thai_digits)


def format_thai_month(d: date, *, abbreviated: bool = False, thai_digits: bool = False) -> str:
    """Format the month of ``d`` as "มีนาคม 2569" (or "มี.ค. 69").

    Label monthly figures and periods known only to month precision.
    """
    return _finish(_thai_month_year(d, abbreviated), thai_digits)


def format_thai_date_range(start: date, end: date, *, abbreviated: bool = False, thai_digits: bool = False) -> str:
    """Format an inclusive period as "1 ตุลาคม 2568 – 31 มีนาคม 2569".

    Show reporting periods in full so readers never have to guess the year
    of the first day.
    """
    first = format_thai_date(start, abbreviated=abbreviated, thai_digits=thai_digits)
    last = format_thai_date(end, abbreviated=abbreviated, thai_digits=thai_digits)
    return f"{first} – {last}"


def format_date_in(language: str, d: date) -> str:
    """Format ``d`` for a reader of ``language``: Thai (Buddhist era) for "th", English otherwise."""
    return format_thai_date(d) if language == "th" else format_english_date(d)


def format_english_date(d: date) -> str:
    """Format ``d`` as "15 March 2026" with its common-era year.

    The English interface uses international day-month-year order and
    Gregorian years.
    """
    return f"{d.day} {ENGLISH_MONTHS[d.month]} {d.year}"
