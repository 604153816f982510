"""Dates in extracted text: what each one is, and which one says how current the page is.

:func:`find_text_dates` builds on :func:`prongsai.thaidate.find_dates` (Thai and common-era
dates, Thai digits, abbreviated months, two-digit Buddhist-era years, months, fiscal years and
ranges) and adds fiscal quarters ("ไตรมาสที่ 2"), bare years ("พ.ศ. 2569") and a *cue* read from
the words just before each date: "ข้อมูล ณ วันที่" says the data is as of that date, "ประกาศ ณ
วันที่" dates an announcement, "สัญญาเลขที่ … ลงวันที่" a contract.

:func:`best_as_of` then picks the most credible "as of" date for the currency rules, or None:
a page without a credible date is "unknown", never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from prongsai.thaidate import DateKind, FoundDate, Precision, arabic_digits, find_dates, fiscal_year_bounds
from prongsai.thaidate.calendar_math import last_day_of_month
from prongsai.thaidate.era import interpret_written_year, to_be_year, to_ce_year
from prongsai.thaidate.normalization import normalize_with_offsets

__all__ = ["AsOf", "Cue", "DatePrecision", "TextDate", "best_as_of", "find_text_dates", "fiscal_quarter_bounds"]


class DatePrecision(StrEnum):
    """How precisely the text pins the date down."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    FISCAL_YEAR = "fiscal_year"
    YEAR = "year"


class Cue(StrEnum):
    """What the words before a date say it means."""

    AS_OF = "as_of"
    """"ข้อมูล ณ วันที่", "ปรับปรุงล่าสุด", "as of", "updated": the data is current to this date."""
    DOCUMENT = "document"
    """"ประกาศ ณ วันที่", "สั่ง ณ วันที่", "วันที่ลงนาม", "ลงวันที่": the date a document was issued or signed."""
    CONTRACT = "contract"
    """"สัญญาเลขที่ … ลงวันที่": the date of a contract or purchase order."""
    FISCAL_YEAR = "fiscal_year"
    """"ปีงบประมาณ", "ไตรมาส": the period a plan or report covers."""


@dataclass(frozen=True, slots=True)
class TextDate:
    """One date found in text: the period it covers, its precision, where it is, and its cue.

    ``start`` and ``end`` are the first and last day covered (equal for a single day; a range
    covers both ends). ``span`` indexes the text as given, so ``text == original[span[0]:span[1]]``.
    """

    text: str
    span: tuple[int, int]
    start: dt.date
    end: dt.date
    precision: DatePrecision
    cue: Cue | None = None
    fiscal_year: int | None = None


@dataclass(frozen=True, slots=True)
class AsOf:
    """The date a page's content is current to, and the found date it comes from.

    ``cued`` tells whether the text said so in words (an as-of, document or contract cue) or the
    date is only the latest plausible one on the page.
    """

    date: dt.date
    found: TextDate
    cued: bool


_PRECISIONS: Final = {
    Precision.DAY: DatePrecision.DAY,
    Precision.MONTH: DatePrecision.MONTH,
    Precision.FISCAL_YEAR: DatePrecision.FISCAL_YEAR,
}
_DIGIT: Final = r"[0-9๐-๙]"
_QUARTER: Final = re.compile(
    rf"(?:ไตรมาส(?:ที่)?\s?(?P<q>[1-4๑-๔])|(?<![a-z])(?:q|quarter\s)(?P<q_en>[1-4])(?![0-9]))"
    rf"(?:\s?(?:/|ปี(?:งบประมาณ|งบ)?\s?(?:พ\.?\s?ศ\.?)?|of\s(?:fy|fiscal\syear)|fy)\s?"
    rf"(?P<year>{_DIGIT}{{4}}|{_DIGIT}{{2}})(?!{_DIGIT}))?",
    re.IGNORECASE,
)
_YEAR: Final = re.compile(rf"(?:ปี\s?(?:พ\.?\s?ศ\.?\s?)?|พ\.?\s?ศ\.?\s?)(?P<year>{_DIGIT}{{4}})(?!{_DIGIT})")
_AS_OF_CUE: Final = re.compile(
    r"ข้อมูล\s?ณ|ณ\s?วันที่|ปรับปรุง(?:ข้อมูล)?(?:ล่าสุด)?|แก้ไข(?:ข้อมูล)?ล่าสุด|อั[ปพ]เด[ตท](?:ล่าสุด)?|ข้อมูลถึง"
    r"|(?<![a-z])(?:as\s(?:of|at)|(?:last\s)?updated|last\smodified)(?![a-z])",
    re.IGNORECASE,
)
_DOCUMENT_CUE: Final = re.compile(
    r"ประกาศ\s?ณ\s?(?:วันที่)?|ประกาศ(?:เมื่อ)?\s?วันที่|(?:สั่ง|ให้ไว้|ออก)\s?ณ\s?(?:วันที่)?|วันที่ลงนาม"
    r"|ลงนาม(?:เมื่อ)?\s?(?:วันที่)?|ลงวันที่|วันที่ทำสัญญา"
    r"|(?<![a-z])(?:signed|announced|issued)(?:\s(?:on|at))?(?![a-z])|(?<![a-z])dated(?![a-z])",
    re.IGNORECASE,
)
_CONTRACT_CONTEXT: Final = re.compile(r"สัญญา|ข้อตกลง|ใบสั่ง(?:ซื้อ|จ้าง)|contract|agreement|purchase\sorder", re.IGNORECASE)
_CUE_WINDOW: Final = 100
_CUE_GAP: Final = 30
_ANY_DIGIT: Final = re.compile(_DIGIT)


def fiscal_quarter_bounds(be_fiscal_year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a quarter (1-4) of a Buddhist-era fiscal year.

    Quarter 1 is October-December of the year before the one the fiscal year is named by:
    quarter 2 of FY 2569 is 1 January - 31 March 2026.
    """
    first_of_year = fiscal_year_bounds(be_fiscal_year)[0]
    month_index = first_of_year.month - 1 + 3 * (quarter - 1)
    start = dt.date(first_of_year.year + month_index // 12, month_index % 12 + 1, 1)
    end_index = month_index + 2
    end = last_day_of_month(dt.date(first_of_year.year + end_index // 12, end_index % 12 + 1, 1))
    return start, end


def _cue_before(text: str, start: int) -> Cue | None:
    """Return the cue the words just before ``start`` give, within the same line."""
    window = text[max(0, start - _CUE_WINDOW) : start]
    window = window[window.rfind("\n") + 1 :]
    normalized = normalize_with_offsets(window).text
    best: tuple[int, int, Cue] | None = None
    for pattern, cue in ((_DOCUMENT_CUE, Cue.DOCUMENT), (_AS_OF_CUE, Cue.AS_OF)):
        for match in pattern.finditer(normalized):
            gap = normalized[match.end() :]
            if len(gap) > _CUE_GAP or _ANY_DIGIT.search(gap):
                continue
            # The cue ending nearest the date wins; on a tie the one starting earlier
            # ("ประกาศ ณ วันที่" over its tail "ณ วันที่").
            candidate = (match.end(), -match.start(), cue)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        return None
    if best[2] is Cue.DOCUMENT and _CONTRACT_CONTEXT.search(normalized, 0, -best[1]):
        return Cue.CONTRACT
    return best[2]


def _from_thaidate(text: str, found: FoundDate) -> TextDate:
    start, end = found.period
    cue = _cue_before(text, found.span[0])
    if found.kind is DateKind.FISCAL_YEAR:
        cue = Cue.FISCAL_YEAR
    elif cue is None and found.kind is DateKind.AS_OF:
        cue = Cue.AS_OF
    return TextDate(
        text=found.text,
        span=found.span,
        start=start,
        end=end,
        precision=_PRECISIONS[found.precision],
        cue=cue,
        fiscal_year=found.fiscal_year,
    )


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < other[1] and other[0] < span[1] for other in taken)


def _quarters(text: str, dates: list[TextDate]) -> list[TextDate]:
    found: list[TextDate] = []
    for match in _QUARTER.finditer(text):
        quarter = int(arabic_digits(match["q"] or match["q_en"]))
        fiscal_year: int | None = None
        if match["year"]:
            ce_year = interpret_written_year(arabic_digits(match["year"]))
            fiscal_year = to_be_year(ce_year) if ce_year is not None else None
        else:
            # "ปีงบประมาณ 2569 … ไตรมาสที่ 2": the nearest fiscal year written before it.
            earlier = [d.fiscal_year for d in dates if d.fiscal_year is not None and d.span[1] <= match.start()]
            fiscal_year = earlier[-1] if earlier else None
        if fiscal_year is None:
            continue
        start, end = fiscal_quarter_bounds(fiscal_year, quarter)
        found.append(
            TextDate(
                text=match[0],
                span=match.span(),
                start=start,
                end=end,
                precision=DatePrecision.QUARTER,
                cue=Cue.FISCAL_YEAR,
                fiscal_year=fiscal_year,
            )
        )
    return found


def _years(text: str, taken: list[tuple[int, int]]) -> list[TextDate]:
    found: list[TextDate] = []
    for match in _YEAR.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        ce_year = interpret_written_year(arabic_digits(match["year"]))
        if ce_year is None:
            continue
        found.append(
            TextDate(
                text=match[0],
                span=match.span(),
                start=dt.date(ce_year, 1, 1),
                end=dt.date(ce_year, 12, 31),
                precision=DatePrecision.YEAR,
                cue=_cue_before(text, match.start()),
            )
        )
    return found


def _without_quarter_numbers(text: str, dates: list[TextDate], quarters: list[TextDate]) -> list[TextDate]:
    """Re-read dates that swallowed a quarter's number ("ไตรมาสที่ 2 เดือนมีนาคม 2569" is not 2 March)."""
    kept: list[TextDate] = []
    for found in dates:
        quarter = next((q for q in quarters if q.span[0] < found.span[0] < q.span[1]), None)
        if quarter is None:
            kept.append(found)
            continue
        offset = quarter.span[1]
        for again in find_dates(text[offset : found.span[1]]):
            shifted = FoundDate(
                span=(again.span[0] + offset, again.span[1] + offset),
                text=again.text,
                kind=again.kind,
                date=again.date,
                precision=again.precision,
                end_date=again.end_date,
                fiscal_year=again.fiscal_year,
            )
            kept.append(_from_thaidate(text, shifted))
    return kept


def find_text_dates(text: str) -> list[TextDate]:
    """Return every date, month, quarter, fiscal year and year in ``text``, in reading order.

    Each carries the period it covers, its precision and, when the words before it say what
    it means, its cue. A quarter without a fiscal year written with it or earlier in the text
    is not a date and is left out.
    """
    dates = [_from_thaidate(text, found) for found in find_dates(text)]
    quarters = _quarters(text, dates)
    dates = _without_quarter_numbers(text, dates, quarters)
    taken = [d.span for d in dates] + [q.span for q in quarters]
    everything = dates + quarters + _years(text, taken)
    return sorted(everything, key=lambda d: d.span)


_AS_OF_PRECISIONS: Final = frozenset({DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.QUARTER})
_TIERS: Final = {Cue.AS_OF: 0, Cue.DOCUMENT: 1, Cue.CONTRACT: 1}
_EARLIEST: Final = dt.date(to_ce_year(2540), 1, 1)


def best_as_of(
    found: list[TextDate],
    *,
    today: dt.date,
    slack: dt.timedelta = dt.timedelta(days=2),
    earliest: dt.date = _EARLIEST,
) -> AsOf | None:
    """Return the most credible "as of" date among ``found``, or None.

    Only days, months and quarters qualify (a fiscal year or a bare year names a period, not
    how current the data is). Dates that start after ``today`` + ``slack`` (a plan for next
    year, a typo) or end before ``earliest`` (พ.ศ. 2540 by default) are implausible. Among
    the rest, as-of cues come first, then document and contract dates, then any date; within a
    tier the latest wins. A month or quarter counts as of its last day, but never later than
    ``today``.
    """
    best: tuple[int, dt.date, TextDate] | None = None
    for candidate in found:
        if candidate.precision not in _AS_OF_PRECISIONS:
            continue
        if candidate.start > today + slack or candidate.end < earliest:
            continue
        tier = _TIERS.get(candidate.cue, 2) if candidate.cue is not None else 2
        effective = min(candidate.end, today) if candidate.end > today + slack else candidate.end
        if best is None or (tier, -effective.toordinal()) < (best[0], -best[1].toordinal()):
            best = (tier, effective, candidate)
    if best is None:
        return None
    return AsOf(date=best[1], found=best[2], cued=best[0] < 2)
