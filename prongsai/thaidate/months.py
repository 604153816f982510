"""Month names in Thai and English, and the spellings the parser accepts."""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

__all__ = [
    "ENGLISH_MONTHS",
    "ENGLISH_MONTHS_ABBR",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "THAI_MONTH_SPELLINGS",
]

# Index 0 is an empty placeholder so that ``THAI_MONTHS[3]`` is March.
THAI_MONTHS: Final[tuple[str, ...]] = (
    "",
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)

THAI_MONTHS_ABBR: Final[tuple[str, ...]] = (
    "",
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

ENGLISH_MONTHS: Final[tuple[str, ...]] = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

ENGLISH_MONTHS_ABBR: Final[tuple[str, ...]] = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

# Colloquial short forms ("มีนา", "ตุลา") and a frequent misspelling of
# July (ฏ instead of ฎ) that appear on real websites.
_THAI_EXTRA_SPELLINGS: Final[dict[str, int]] = {
    "มกรา": 1,
    "กุมภา": 2,
    "กุมภาพันธ": 2,
    "มีนา": 3,
    "เมษา": 4,
    "พฤษภา": 5,
    "มิถุนา": 6,
    "กรกฎา": 7,
    "กรกฏา": 7,
    "กรกฏาคม": 7,
    "สิงหา": 8,
    "กันยา": 9,
    "ตุลา": 10,
    "พฤศจิกา": 11,
    "ธันวา": 12,
}


def _build_thai_spellings() -> dict[str, int]:
    spellings: dict[str, int] = {}
    for number in range(1, 13):
        spellings[THAI_MONTHS[number]] = number
    spellings.update(_THAI_EXTRA_SPELLINGS)
    return spellings


# Full and colloquial Thai month words (abbreviations are handled separately
# because their dots and spaces vary).
THAI_MONTH_SPELLINGS: Final = MappingProxyType(_build_thai_spellings())
