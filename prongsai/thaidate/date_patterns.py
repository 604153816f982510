"""Regular expressions for the ways websites write dates.

Every pattern runs on text already passed through
:func:`prongsai.thaidate.normalization.normalize_with_offsets`: digits are
ASCII, dashes are "-", whitespace is single spaces. Patterns that describe
one date share the group names ``day``, ``month`` (a month word),
``month_num``, ``sep``, ``era`` and ``year`` so one function can read them.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Final

from prongsai.thaidate.months import (
    ENGLISH_MONTHS,
    ENGLISH_MONTHS_ABBR,
    THAI_MONTH_SPELLINGS,
    THAI_MONTHS_ABBR,
)

__all__ = [
    "AS_OF_BEFORE",
    "CONNECTOR",
    "DAY_DATE_PATTERNS",
    "DAY_ONLY",
    "FISCAL_YEAR",
    "MONTH_PATTERNS",
    "PARSE_PREFIX",
    "PARSE_SUFFIX",
    "TRIGGER",
    "month_number",
]

_FLAGS: Final = re.IGNORECASE


def _alternation(options: list[str]) -> str:
    # Longest first, so "มีนาคม" is tried before "มีนา".
    return "|".join(sorted(options, key=len, reverse=True))


def _thai_abbreviation(abbr: str, *, require_dot: bool) -> str:
    first, second = abbr.rstrip(".").split(".")
    middle = r"\.\s?" if require_dot else r"(?:\.\s?)?"
    return rf"{re.escape(first)}{middle}{re.escape(second)}\.?"


_THAI_WORDS: Final = [re.escape(word) for word in THAI_MONTH_SPELLINGS]
# Any Thai month token: words, dotted and undotted abbreviations ("มี.ค.", "มีค").
THAI_MONTH: Final = _alternation(_THAI_WORDS + [_thai_abbreviation(a, require_dot=False) for a in THAI_MONTHS_ABBR[1:]])
# Stricter tokens for a month without a day: undotted "มค" is too word-like.
THAI_MONTH_STRICT: Final = _alternation(
    _THAI_WORDS + [_thai_abbreviation(a, require_dot=True) for a in THAI_MONTHS_ABBR[1:]]
)
ENGLISH_MONTH: Final = (
    r"(?<![a-z])(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
ERA: Final = r"พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|b\.\s?e\.|a\.\s?d\.|c\.\s?e\."
# A year must not run on into more digits, a decimal, a time, a number like
# 67/1, or a money unit ("มี.ค. 15 ล้านบาท" is an amount, not March 2515).
_YEAR_END: Final = r"(?![0-9]|[.,/:][0-9]|\s?(?:บาท|ล้าน|แสน|หมื่น|%|baht|million))"
_DAY: Final = r"(?P<day>[0-9]{1,2})(?![0-9])"
_ORDINAL: Final = r"(?:st|nd|rd|th)?"
# Month word then an optional year; "-" or "/" only glue a four-digit year
# ("15-Mar-2024"), so "1 ต.ค.-30 ก.ย." never reads 30 as a year.
_THAI_YEAR_TAIL: Final = (
    rf"(?:(?:\s*,\s*|\s?)(?:(?P<era>{ERA})\s?)?(?P<year>[0-9]{{4}}|[0-9]{{2}}){_YEAR_END}"
    rf"|[-/](?P<glued_year>[0-9]{{4}}){_YEAR_END})?"
)
_ENGLISH_YEAR_TAIL: Final = rf"(?:(?:\s*,\s*|\s?|[-/])(?:(?P<era>{ERA})\s?)?(?P<year>[0-9]{{4}}){_YEAR_END})?"
_DAY_MONTH_GLUE: Final = r"(?:\s?[-/]\s?|\s?)"

THAI_DMY: Final = re.compile(rf"{_DAY}{_DAY_MONTH_GLUE}(?:เดือน\s?)?(?P<month>{THAI_MONTH}){_THAI_YEAR_TAIL}", _FLAGS)
ENGLISH_DMY: Final = re.compile(
    rf"(?P<day>[0-9]{{1,2}}){_ORDINAL}(?![0-9a-z]){_DAY_MONTH_GLUE}(?:of\s)?"
    rf"(?P<month>{ENGLISH_MONTH}){_ENGLISH_YEAR_TAIL}",
    _FLAGS,
)
ENGLISH_MDY: Final = re.compile(
    rf"(?P<month>{ENGLISH_MONTH})\s?(?P<day>[0-9]{{1,2}}){_ORDINAL}(?![0-9a-z])"
    rf"(?:\s*,?\s?(?P<year>[0-9]{{4}}){_YEAR_END})?",
    _FLAGS,
)
ISO_DATE: Final = re.compile(
    r"(?P<year>[0-9]{4})(?P<sep>[-/.])(?P<month_num>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})"
    r"(?![0-9]|[-/.][0-9])"
)
NUMERIC_DMY: Final = re.compile(
    r"(?P<day>[0-9]{1,2})(?P<sep>[-/.])(?P<month_num>[0-9]{1,2})(?P=sep)"
    r"(?P<year>[0-9]{4}|[0-9]{2})(?![0-9]|[-/.:][0-9])"
)
DAY_DATE_PATTERNS: Final = (ISO_DATE, NUMERIC_DMY, THAI_DMY, ENGLISH_DMY, ENGLISH_MDY)

THAI_MONTH_YEAR: Final = re.compile(rf"(?:เดือน\s?)?(?P<month>{THAI_MONTH_STRICT}){_THAI_YEAR_TAIL}", _FLAGS)
ENGLISH_MONTH_YEAR: Final = re.compile(
    rf"(?P<month>{ENGLISH_MONTH})(?:\s*,?\s?(?P<year>[0-9]{{4}}){_YEAR_END})?", _FLAGS
)
MONTH_PATTERNS: Final = (THAI_MONTH_YEAR, ENGLISH_MONTH_YEAR)

DAY_ONLY: Final = re.compile(rf"(?P<day>[0-9]{{1,2}}){_ORDINAL}(?![0-9a-z])", _FLAGS)

# Between the two ends of a range: "-", "ถึง", "จนถึง(วันที่)", "to", "until".
CONNECTOR: Final = re.compile(r"\s?(?:-|~|(?:จน)?ถึง|\s(?:to|until|till|through|thru)\s)\s?(?:วันที่\s?)?", _FLAGS)

FISCAL_YEAR: Final = re.compile(
    rf"(?:ปีงบประมาณ|ปีงบฯ|ปีงบ)\s?(?:(?P<era>พ\.?\s?ศ\.?)\s?)?(?P<year>[0-9]{{4}}|[0-9]{{2}}){_YEAR_END}"
    rf"|(?<![a-z])(?:fiscal\syear|fy)\s?(?P<year_en>[0-9]{{4}}){_YEAR_END}",
    _FLAGS,
)

_THAI_WEEKDAY: Final = r"(?:วัน\s?)?(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัสฯ?|ศุกร์|เสาร์|อาทิตย์)(?:\s?ที่)?"
_ENGLISH_WEEKDAY: Final = (
    r"(?<![a-z])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?(?![a-z])"
)
# Words that say "this is the data's as-of / last-updated date". "ณ" counts
# only as a word of its own, not as the end of ประมาณ or งบประมาณ.
_AS_OF_MARKER: Final = (
    r"ข้อมูล\s?ณ|(?<![\u0e01-\u0e4e])ณ|ปรับปรุง(?:ข้อมูล)?|แก้ไข(?:ข้อมูล)?ล่าสุด|อั[ปพ]เด[ตท]"
    r"|(?<![a-z])(?:(?:last\s)?updated|last\smodified|as\s(?:of|at))(?![a-z])"
)
_AS_OF_FILLER: Final = rf"\s?(?:ล่าสุด|ข้อมูล|เมื่อ|วันที่|ที่|on|date|[:,-]|{_THAI_WEEKDAY}|{_ENGLISH_WEEKDAY})"
AS_OF_BEFORE: Final = re.compile(rf"(?:{_AS_OF_MARKER})(?:{_AS_OF_FILLER})*\s?$", _FLAGS)

# What may surround a single date handed to parse_thai_date.
PARSE_PREFIX: Final = re.compile(
    rf"(?:\s?(?:{_AS_OF_MARKER}|ลงวันที่|วันที่|เมื่อ|ที่|ล่าสุด|ข้อมูล|dated|date|on"
    rf"|{_THAI_WEEKDAY}|{_ENGLISH_WEEKDAY}|[:,(\[]))*\s?",
    _FLAGS,
)
PARSE_SUFFIX: Final = re.compile(
    r"(?:\s?,?\s?(?:เวลา\s?|T)?[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2}(?:\.[0-9]+)?)?"
    r"\s?(?:น\.?|นาฬิกา|a\.?m\.?|p\.?m\.?)?\s?(?:z|gmt|utc|ict|[+-][0-9]{2}:?[0-9]{2})?)?"
    r"[\s.,;:)\]]*",
    _FLAGS,
)

# Places where some pattern may start: a number not inside another number,
# a month word, "เดือน", or a fiscal-year keyword.
TRIGGER: Final = re.compile(rf"(?<![0-9])[0-9]|เดือน|ปีงบ|(?<![a-z])(?:fiscal|fy)|{ENGLISH_MONTH}|{THAI_MONTH}", _FLAGS)


def _build_month_numbers() -> dict[str, int]:
    numbers: dict[str, int] = dict(THAI_MONTH_SPELLINGS)
    for number in range(1, 13):
        numbers[THAI_MONTHS_ABBR[number].replace(".", "")] = number
        numbers[ENGLISH_MONTHS[number].lower()] = number
        numbers[ENGLISH_MONTHS_ABBR[number].lower()] = number
    numbers["sept"] = 9
    return numbers


_MONTH_NUMBERS: Final = MappingProxyType(_build_month_numbers())
_TOKEN_NOISE: Final = re.compile(r"[.\s]")


def month_number(token: str) -> int | None:
    """Return the month (1-12) a month word or abbreviation names, or ``None``.

    Map every spelling the patterns accept ("มี.ค.", "มี. ค", "มีนา",
    "Sept.") to one number.
    """
    return _MONTH_NUMBERS.get(_TOKEN_NOISE.sub("", token).lower())
