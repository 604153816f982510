"""Read dates out of text the way Thai government websites write them.

General date libraries misread Buddhist-era years and Thai month
abbreviations, so this parser is purpose-built. It understands:

* Thai dates with full, colloquial or abbreviated month names, with or
  without dots and spaces: "๑๕ มีนาคม ๒๕๖๗", "15 มี.ค. 67", "15มีค67";
* numeric dates, day first: "15/03/2567", "15-3-2024", "15/3/67", and ISO
  "2024-03-15";
* English dates: "15 March 2024", "March 15, 2024", "15th Mar 2024";
* in :func:`find_dates` also as-of dates, months without a day, fiscal years
  and ranges.

Years follow :mod:`prongsai.thaidate.era`: two digits are พ.ศ. 25xx, four
digits above 2400 are พ.ศ., anything else ค.ศ. Numeric dates are always read
day first ("03/15/2024" is not a date). Impossible dates such as
31 กุมภาพันธ์ are rejected, never rolled over.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from prongsai.thaidate import date_patterns as patterns
from prongsai.thaidate.calendar_math import days_in_month, last_day_of_month
from prongsai.thaidate.era import Era, interpret_written_year, to_be_year
from prongsai.thaidate.fiscal import fiscal_year_bounds
from prongsai.thaidate.normalization import NormalizedText, normalize_text, normalize_with_offsets

__all__ = [
    "DateKind",
    "FoundDate",
    "Precision",
    "find_dates",
    "parse_fiscal_year",
    "parse_thai_date",
]


class DateKind(StrEnum):
    """What a date found in text stands for."""

    DATE = "date"
    """A plain single date."""
    AS_OF = "as_of"
    """A date introduced by "ข้อมูล ณ วันที่", "ปรับปรุงล่าสุด", "as of", "updated" ..."""
    FISCAL_YEAR = "fiscal_year"
    """A fiscal year such as "ปีงบประมาณ พ.ศ. 2567" or "fiscal year 2024"."""
    MONTH = "month"
    """A month without a day: "เดือนมีนาคม 2567", "มี.ค. 67"."""
    RANGE = "range"
    """A period with two ends: "1 ต.ค. 2566 - 30 ก.ย. 2567"."""


class Precision(StrEnum):
    """How precisely the text pinned the date down."""

    DAY = "day"
    MONTH = "month"
    FISCAL_YEAR = "fiscal_year"


@dataclass(frozen=True, slots=True)
class FoundDate:
    """One date expression found by :func:`find_dates`.

    ``span`` and ``text`` refer to the original, un-normalised input, so
    ``original[span[0]:span[1]] == text``. For ``AS_OF`` the span covers the
    date only; the marker words before it are context. ``date`` is the date
    itself, the first day of a month (``Precision.MONTH``), the last day of a
    fiscal year (``FISCAL_YEAR``, with ``fiscal_year`` set to the พ.ศ. year),
    or the first day of a range (``RANGE``, with ``end_date`` its last day).
    """

    span: tuple[int, int]
    text: str
    kind: DateKind
    date: dt.date
    precision: Precision = Precision.DAY
    end_date: dt.date | None = None
    fiscal_year: int | None = None

    @property
    def is_range(self) -> bool:
        """Return whether this is a period with two written ends."""
        return self.end_date is not None

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """Return the first and last day (inclusive) the expression covers.

        A day covers itself, a month its whole month, a fiscal year
        1 October - 30 September, a range its two ends.
        """
        if self.end_date is not None:
            return self.date, self.end_date
        if self.fiscal_year is not None:
            return fiscal_year_bounds(self.fiscal_year)
        if self.precision is Precision.MONTH:
            return self.date, last_day_of_month(self.date)
        return self.date, self.date


@dataclass(frozen=True, slots=True)
class _Piece:
    """One end of a date expression.

    ``year`` is ค.ศ. or None when not written; ``day`` is None for a month;
    ``month`` is 0 for a bare day that takes its month from the range's end.
    """

    end: int
    month: int
    year: int | None
    day: int | None


@dataclass(frozen=True, slots=True)
class _Hit:
    """A match in normalised text, before spans are mapped back."""

    start: int
    end: int
    kind: DateKind
    date: dt.date
    precision: Precision
    end_date: dt.date | None = None
    fiscal_year: int | None = None


def _era_of(marker: str | None) -> Era | None:
    if not marker:
        return None
    first = marker.lstrip()[0].lower()
    return Era.BUDDHIST if first in {"พ", "b"} else Era.COMMON


def _piece_from(match: re.Match[str]) -> _Piece | None:
    groups = match.groupdict()
    month_token = groups.get("month")
    month = patterns.month_number(month_token) if month_token else int(groups["month_num"])
    if month is None or not 1 <= month <= 12:
        return None
    written_year = groups.get("year") or groups.get("glued_year")
    year: int | None = None
    if written_year:
        separator = groups.get("sep")
        if separator is not None and separator != "/" and len(written_year) == 2:
            return None
        year = interpret_written_year(written_year, era=_era_of(groups.get("era")))
        if year is None:
            return None
    day_text = groups.get("day")
    day = int(day_text) if day_text else None
    if day is not None:
        # Without a year, allow 29 February: the year comes from the other end.
        longest = days_in_month(year if year is not None else 2000, month)
        if not 1 <= day <= longest:
            return None
    return _Piece(match.end(), month, year, day)


def _first_piece(candidates: tuple[re.Pattern[str], ...], text: str, pos: int, *, need_year: bool) -> _Piece | None:
    for pattern in candidates:
        match = pattern.match(text, pos)
        if match is None:
            continue
        piece = _piece_from(match)
        if piece is not None and (piece.year is not None or not need_year):
            return piece
    return None


def _starts_number_cleanly(text: str, pos: int) -> bool:
    """Reject numbers glued to a preceding number (phone numbers, amounts, versions)."""
    if pos == 0:
        return True
    if text[pos - 1].isdigit():
        return False
    return not (pos >= 2 and text[pos - 1] in ".,:/-" and text[pos - 2].isdigit())


def _follows_day_number(text: str, pos: int, breaks: frozenset[int] = frozenset()) -> bool:
    # A number that ended the previous line is not this month's day ("ครั้งที่ 12" / "มกราคม 2567").
    if pos - 1 in breaks:
        return False
    return re.search(r"[0-9]\s?$", text[max(0, pos - 2) : pos]) is not None


_DAY_GAP: Final = re.compile(r"[0-9]+[\s\-/]*")


def _day_cut_by_line_break(text: str, pos: int, breaks: frozenset[int]) -> bool:
    """Say whether the number at ``pos`` ends its line after other words, so it is no day of the next line's month.

    "ครั้งที่ 12" at the end of one line and "มกราคม 2567" at the start of the next are two things.
    A day number alone on its line, or after words that introduce a date ("ข้อมูล ณ วันที่"), is a
    date wrapped in a narrow table cell and still reads as one.
    """
    if not breaks:
        return False
    gap = _DAY_GAP.match(text, pos)
    if gap is None or not any(index in breaks for index in range(gap.start(), gap.end())):
        return False
    line_start = max((index + 1 for index in breaks if index < pos), default=0)
    return patterns.PARSE_PREFIX.fullmatch(text, line_start, pos) is None


def _start_year(start: _Piece, end: _Piece, end_year: int) -> int:
    """Give a year-less range start the end's year, or the one before if it would come later."""
    if start.year is not None:
        return start.year
    start_key = (start.month, start.day or 1)
    end_key = (end.month, end.day or 1)
    return end_year if start_key <= end_key else end_year - 1


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_range(text: str, pos: int) -> _Hit | None:
    start_piece = _first_piece(patterns.DAY_DATE_PATTERNS, text, pos, need_year=False)
    if start_piece is None:
        # "1 - 31 มีนาคม 2567": a bare day borrows month and year from the end.
        bare_day = patterns.DAY_ONLY.match(text, pos)
        if bare_day is None:
            return None
        start_piece = _Piece(bare_day.end(), 0, None, int(bare_day["day"]))
    connector = patterns.CONNECTOR.match(text, start_piece.end)
    if connector is None:
        return None
    end_piece = _first_piece(patterns.DAY_DATE_PATTERNS, text, connector.end(), need_year=True)
    if end_piece is None or end_piece.year is None or end_piece.day is None or start_piece.day is None:
        return None
    if start_piece.month == 0:
        first = _make_date(end_piece.year, end_piece.month, start_piece.day)
    else:
        year = _start_year(start_piece, end_piece, end_piece.year)
        first = _make_date(year, start_piece.month, start_piece.day)
    last = _make_date(end_piece.year, end_piece.month, end_piece.day)
    if first is None or last is None or first >= last:
        return None
    return _Hit(pos, end_piece.end, DateKind.RANGE, first, Precision.DAY, end_date=last)


def _month_range(text: str, pos: int) -> _Hit | None:
    start_piece = _first_piece(patterns.MONTH_PATTERNS, text, pos, need_year=False)
    if start_piece is None:
        return None
    connector = patterns.CONNECTOR.match(text, start_piece.end)
    if connector is None:
        return None
    end_piece = _first_piece(patterns.MONTH_PATTERNS, text, connector.end(), need_year=True)
    if end_piece is None or end_piece.year is None:
        return None
    first = dt.date(_start_year(start_piece, end_piece, end_piece.year), start_piece.month, 1)
    last = last_day_of_month(dt.date(end_piece.year, end_piece.month, 1))
    if first > last or (first.year, first.month) == (last.year, last.month):
        return None
    return _Hit(pos, end_piece.end, DateKind.RANGE, first, Precision.MONTH, end_date=last)


def _fiscal_year(text: str, pos: int) -> _Hit | None:
    match = patterns.FISCAL_YEAR.match(text, pos)
    if match is None:
        return None
    if match["year"] is not None:
        ce_end_year = interpret_written_year(match["year"], era=_era_of(match["era"]))
    else:
        ce_end_year = interpret_written_year(match["year_en"])
    if ce_end_year is None:
        return None
    be_year = to_be_year(ce_end_year)
    fy_end = fiscal_year_bounds(be_year)[1]
    return _Hit(pos, match.end(), DateKind.FISCAL_YEAR, fy_end, Precision.FISCAL_YEAR, fiscal_year=be_year)


def _single_day(text: str, pos: int) -> _Hit | None:
    piece = _first_piece(patterns.DAY_DATE_PATTERNS, text, pos, need_year=True)
    if piece is None or piece.year is None or piece.day is None:
        return None
    found = _make_date(piece.year, piece.month, piece.day)
    if found is None:
        return None
    return _Hit(pos, piece.end, DateKind.DATE, found, Precision.DAY)


def _single_month(text: str, pos: int) -> _Hit | None:
    piece = _first_piece(patterns.MONTH_PATTERNS, text, pos, need_year=True)
    if piece is None or piece.year is None:
        return None
    return _Hit(pos, piece.end, DateKind.MONTH, dt.date(piece.year, piece.month, 1), Precision.MONTH)


def _hit_at(text: str, pos: int, breaks: frozenset[int] = frozenset()) -> _Hit | None:
    if text[pos].isdigit():
        if not _starts_number_cleanly(text, pos) or _day_cut_by_line_break(text, pos, breaks):
            return None
        return _day_range(text, pos) or _single_day(text, pos)
    hit = _fiscal_year(text, pos)
    if hit is not None:
        return hit
    # English month-first dates ("March 15, 2024") start with a month word.
    hit = _day_range(text, pos) or _single_day(text, pos)
    if hit is not None:
        return hit
    if _follows_day_number(text, pos, breaks):
        return None
    return _month_range(text, pos) or _single_month(text, pos)


def _mark_as_of(text: str, hit: _Hit) -> _Hit:
    if hit.kind not in {DateKind.DATE, DateKind.MONTH}:
        return hit
    if patterns.AS_OF_BEFORE.search(text, max(0, hit.start - 80), hit.start) is None:
        return hit
    return _Hit(hit.start, hit.end, DateKind.AS_OF, hit.date, hit.precision)


def _scan(text: str, breaks: frozenset[int] = frozenset()) -> list[_Hit]:
    """Return the date expressions in normalised ``text``; ``breaks`` are the spaces that stand for a line break."""
    hits: list[_Hit] = []
    pos = 0
    while (trigger := patterns.TRIGGER.search(text, pos)) is not None:
        hit = _hit_at(text, trigger.start(), breaks)
        if hit is None:
            pos = trigger.start() + 1
            continue
        hits.append(_mark_as_of(text, hit))
        pos = hit.end
    return hits


def find_dates(text: str) -> list[FoundDate]:
    """Return every date expression in ``text`` in reading order.

    Scan a web page's text to learn which dates, as-of dates, months,
    fiscal years and periods it mentions. Spans point into ``text`` as given
    (zero-width characters, extra spaces and Thai digits are normalised
    internally without shifting them). Phone numbers, amounts and reference
    numbers such as "1,250,000 บาท" or "ที่ 1/2567" are not dates.
    """
    normalized = normalize_with_offsets(text)
    found: list[FoundDate] = []
    for hit in _scan(normalized.text, _line_breaks(text, normalized)):
        start, end = normalized.original_span(hit.start, hit.end)
        found.append(
            FoundDate(
                span=(start, end),
                text=text[start:end],
                kind=hit.kind,
                date=hit.date,
                precision=hit.precision,
                end_date=hit.end_date,
                fiscal_year=hit.fiscal_year,
            )
        )
    return found


def _line_breaks(original: str, normalized: NormalizedText) -> frozenset[int]:
    """Return the positions of the spaces in ``normalized`` whose whitespace run in ``original`` broke a line."""
    spaces = [index for index, char in enumerate(normalized.text) if char == " "]
    breaks = set()
    for index in spaces:
        start = normalized.origins[index]
        end = normalized.origins[index + 1] if index + 1 < len(normalized.origins) else len(original)
        if "\n" in original[start:end] or "\r" in original[start:end]:
            breaks.add(index)
    return frozenset(breaks)


def _only_hit(text: str) -> _Hit | None:
    hits = _scan(text)
    if len(hits) != 1:
        return None
    return hits[0]


def parse_thai_date(text: str) -> dt.date | None:
    """Return the single calendar date ``text`` holds, or ``None``.

    Read a date typed by a user or scraped from one field of a page, written
    any of the ways the module describes. Words around the date that do not
    change its meaning are allowed ("ข้อมูล ณ วันที่", "วันศุกร์ที่",
    "Friday,", a trailing time such as "เวลา 14:05 น."). Return ``None`` for
    anything else: impossible dates ("31 กุมภาพันธ์ 2567"), months without a
    day, fiscal years, ranges, or text with other content.
    """
    normalized = normalize_text(text)
    hit = _only_hit(normalized)
    if hit is None or hit.precision is not Precision.DAY or hit.kind is DateKind.RANGE:
        return None
    if patterns.PARSE_PREFIX.fullmatch(normalized, 0, hit.start) is None:
        return None
    if patterns.PARSE_SUFFIX.fullmatch(normalized, hit.end) is None:
        return None
    return hit.date


def parse_fiscal_year(text: str) -> int | None:
    """Return the Buddhist-era fiscal year ``text`` names, or ``None``.

    Read "ปีงบประมาณ พ.ศ. 2567", "ปีงบ 67" or "fiscal year 2024" (which ends
    in ค.ศ. 2024, so FY 2567) from a form field or a page heading.
    """
    normalized = normalize_text(text)
    hit = _only_hit(normalized)
    if hit is None or hit.kind is not DateKind.FISCAL_YEAR:
        return None
    if re.fullmatch(r"\s?(?:ประจำ\s?)?", normalized[: hit.start]) is None:
        return None
    if re.fullmatch(r"[\s.,;:)]*", normalized[hit.end :]) is None:
        return None
    return hit.fiscal_year
