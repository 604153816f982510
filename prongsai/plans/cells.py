"""Read the cells of a plan workbook as units type them: Thai or Arabic digits, BE or CE dates, Thai labels.

A pure module (no Django). Each reader returns None for an empty cell, the value for a readable
one, and raises `Unreadable` (with a Thai and an English message) for a cell that holds something
else, so the import can name every bad cell by row and column. openpyxl gives a typed value
(numbers as int or float, dates as datetime) or the text as typed; both are read.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from prongsai.money import MAX_AMOUNT, parse_baht, satang
from prongsai.thaidate import find_dates, parse_thai_date, to_ce_year
from prongsai.thaidate.parsing import DateKind
from prongsai.thaitext import ascii_digits, fold, normalize_thai, normalize_thai_lines

__all__ = [
    "KINDS",
    "STATUSES",
    "Unreadable",
    "cell_lines",
    "cell_text",
    "name_key",
    "read_amount",
    "read_date",
    "read_kind",
    "read_month",
    "read_percent",
    "read_status",
]

_HUNDREDTH = Decimal("0.01")

# The kinds and progress statuses as a unit writes them (folded), mapped to the stored values.
KINDS: dict[str, str] = {
    "โครงการ": "project",
    "project": "project",
    "กิจกรรม": "activity",
    "activity": "activity",
}
STATUSES: dict[str, str] = {
    "ยังไม่เริ่ม": "not_started",
    "ยังไม่ดำเนินการ": "not_started",
    "notstarted": "not_started",
    "not_started": "not_started",
    "เป็นไปตามแผน": "on_schedule",
    "ตามแผน": "on_schedule",
    "อยู่ระหว่างดำเนินการ": "on_schedule",
    "กำลังดำเนินการ": "on_schedule",
    "onschedule": "on_schedule",
    "on_schedule": "on_schedule",
    "ล่าช้า": "behind",
    "ล่าช้ากว่าแผน": "behind",
    "behind": "behind",
    "behindschedule": "behind",
    "แล้วเสร็จ": "completed",
    "ดำเนินการแล้วเสร็จ": "completed",
    "เสร็จสิ้น": "completed",
    "completed": "completed",
    "ยกเลิก": "cancelled",
    "cancelled": "cancelled",
    "canceled": "cancelled",
}

# "2026-03", "2569-03", "2569/3", "03/2569", "3-2026", "๐๓/๒๕๖๙".
_YEAR_MONTH = re.compile(r"^(?P<year>\d{4})\s*[-/.]\s*(?P<month>\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(?P<month>\d{1,2})\s*[-/.]\s*(?P<year>\d{4}|\d{2})$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class Unreadable(Exception):
    """A cell holds something that is not what its column takes; the messages say what was expected."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(en)
        self.th = th
        self.en = en


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def cell_text(value: object) -> str:
    """Return a cell as one line of normalised text ("" for an empty cell); whole numbers lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return normalize_thai(str(value))


def cell_lines(value: object) -> str:
    """Return a cell as normalised text that keeps its line breaks (notes)."""
    if isinstance(value, str):
        return normalize_thai_lines(value)
    return cell_text(value)


def _number(value: int | float | Decimal) -> Decimal:
    # A float cell goes through its shortest decimal spelling (95000.5, never 95000.499999…).
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def read_amount(value: object) -> Decimal | None:
    """Read an amount of baht: a number cell, or text such as "1,250,000.50 บาท" or "๙๕,๐๐๐.-"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    amount: Decimal | None
    if _is_number(value):
        assert isinstance(value, int | float | Decimal)
        number = _number(value)
        amount = None
        if number.is_finite() and 0 <= number <= MAX_AMOUNT:
            amount = satang(number)
            amount = amount if amount <= MAX_AMOUNT else None
    elif isinstance(value, str):
        amount = parse_baht(value)
    else:
        amount = None
    if amount is None:
        raise Unreadable("ไม่ใช่จำนวนเงินบาท", "This is not an amount of baht.")
    return amount


def read_percent(value: object) -> Decimal | None:
    """Read a percentage of physical progress: 45, 45.5, "45%", "๔๕.๕ %" (to two decimals)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: Decimal | None = None
    if _is_number(value):
        assert isinstance(value, int | float | Decimal)
        number = _number(value)
    elif isinstance(value, str):
        text = ascii_digits(value).replace(" ", "").replace("\u00a0", "").removesuffix("%").replace(",", "")
        if _NUMBER.match(text):
            number = Decimal(text)
    if number is not None and number.is_finite() and abs(number) < 1000:
        return number.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)
    raise Unreadable("ไม่ใช่ร้อยละ", "This is not a percentage.")


def read_date(value: object) -> dt.date | None:
    """Read a date: a date cell, or text such as "15 มี.ค. 2569", "๑๕/๐๓/๒๕๖๙", "2026-03-15" (BE or CE)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    found = parse_thai_date(str(value)) if isinstance(value, str) else None
    if found is None:
        raise Unreadable(
            "ไม่ใช่วันที่ (เช่น 15 มี.ค. 2569 หรือ 15/03/2569)",
            "This is not a date (such as 15 มี.ค. 2569 or 15/03/2569).",
        )
    return found


def _year(digits: str) -> int | None:
    """Return the common-era year of a written year: four digits BE (from 2400) or CE, two digits BE."""
    year = int(digits)
    if len(digits) == 2:
        return to_ce_year(2500 + year)
    if year >= 2400:
        return to_ce_year(year)
    if 1900 <= year <= 2200:
        return year
    return None


def _month_name_only(text: str, fiscal_year: int | None) -> dt.date | None:
    """Read a month named without its year ("มีนาคม", "มี.ค.") as that month of the fiscal year."""
    if fiscal_year is None:
        return None
    probe = f"{text} 2500"
    found = find_dates(probe)
    if len(found) != 1 or found[0].kind is not DateKind.MONTH or found[0].span != (0, len(probe)):
        return None
    month = found[0].date.month
    end_year = to_ce_year(fiscal_year)
    return dt.date(end_year - 1 if month >= 10 else end_year, month, 1)


def read_month(value: object, *, fiscal_year: int | None = None) -> dt.date | None:
    """Read a reporting month as its first day: a date cell, "2569-03", "03/2569", "มี.ค. 69", "มีนาคม 2569".

    A month named without a year ("มีนาคม") is that month of `fiscal_year` (BE), when one is given.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date().replace(day=1)
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = normalize_thai(str(value)) if isinstance(value, str) else ""
    digits = ascii_digits(text)
    year: int | None = None
    month = 0
    if match := _YEAR_MONTH.match(digits) or _MONTH_YEAR.match(digits):
        year, month = _year(match.group("year")), int(match.group("month"))
    elif text:
        found = find_dates(text)
        if len(found) == 1 and found[0].kind is DateKind.MONTH and found[0].span == (0, len(text)):
            return found[0].date
        named = _month_name_only(text, fiscal_year)
        if named is not None:
            return named
    if year is not None and 1 <= month <= 12:
        return dt.date(year, month, 1)
    raise Unreadable(
        "ไม่ใช่เดือน (เช่น มี.ค. 2569 หรือ 2569-03)",
        "This is not a month (such as มี.ค. 2569 or 2569-03).",
    )


def name_key(text: str) -> str:
    """Return the form two names are compared in: folded (Thai or Arabic digits, letter case) and without spaces.

    Thai writes words without spaces, so units space the same name differently from one file to the next.
    """
    return "".join(fold(text).split())


def _key(text: str) -> str:
    return re.sub(r"[\s\-]", "", fold(text))


def read_kind(value: object) -> str | None:
    """Read "โครงการ" or "กิจกรรม" (project or activity, in Thai or English)."""
    text = cell_text(value)
    if not text:
        return None
    kind = KINDS.get(_key(text))
    if kind is None:
        raise Unreadable("ประเภทต้องเป็น โครงการ หรือ กิจกรรม", "The kind must be โครงการ (project) or กิจกรรม (activity).")
    return kind


def read_status(value: object) -> str | None:
    """Read a progress status: ยังไม่เริ่ม, เป็นไปตามแผน, ล่าช้า, แล้วเสร็จ, ยกเลิก (or the English words)."""
    text = cell_text(value)
    if not text:
        return None
    status = STATUSES.get(_key(text))
    if status is None:
        raise Unreadable(
            "สถานะต้องเป็น ยังไม่เริ่ม เป็นไปตามแผน ล่าช้า แล้วเสร็จ หรือ ยกเลิก",
            "The status must be ยังไม่เริ่ม, เป็นไปตามแผน, ล่าช้า, แล้วเสร็จ or ยกเลิก "
            "(not started, on schedule, behind, completed, cancelled).",
        )
    return status
