"""Convert years between the Buddhist era (พ.ศ.) and the common era (ค.ศ.).

Thai writers give years in three shapes, and this module decides what each
one means:

* four digits above :data:`BE_THRESHOLD` (2400) are Buddhist-era years,
  four digits up to and including it are common-era years;
* two digits are always the last two digits of a Buddhist-era year inside
  the fixed window :data:`TWO_DIGIT_WINDOW_START` .. ``+ 99``, that is
  พ.ศ. 2500-2599 (ค.ศ. 1957-2056), so ``67`` means พ.ศ. 2567. Writers drop
  the leading "25", so this window reads every abbreviated year printed
  today the way it was meant. Dates from ค.ศ. 2057 on (พ.ศ. 2600+) print
  abbreviated years that read back 100 years too early; use a four-digit
  year for them.
* an explicit era marker (พ.ศ./B.E. or ค.ศ./A.D./C.E.) must agree with the
  magnitude rule; a contradiction such as "ค.ศ. 2567" is rejected.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

__all__ = [
    "BE_OFFSET",
    "BE_THRESHOLD",
    "MAX_CE_YEAR",
    "MIN_CE_YEAR",
    "TWO_DIGIT_WINDOW_START",
    "Era",
    "expand_two_digit_be_year",
    "interpret_written_year",
    "to_be_year",
    "to_ce_year",
]

BE_OFFSET: Final = 543
BE_THRESHOLD: Final = 2400
TWO_DIGIT_WINDOW_START: Final = 2500
# Years outside this common-era range are treated as "not a date" by the
# parser: they are far likelier to be amounts or reference numbers.
MIN_CE_YEAR: Final = 1800
MAX_CE_YEAR: Final = 2400


class Era(StrEnum):
    """An explicit era marker written next to a year."""

    BUDDHIST = "be"
    COMMON = "ce"


def to_be_year(ce_year: int) -> int:
    """Return the Buddhist-era year for a common-era year (พ.ศ. = ค.ศ. + 543).

    Thai users read years in พ.ศ.; storage and Python dates use ค.ศ.
    """
    return ce_year + BE_OFFSET


def to_ce_year(be_year: int) -> int:
    """Return the common-era year for a Buddhist-era year (ค.ศ. = พ.ศ. - 543).

    Use it to turn a year typed or scraped in พ.ศ. into one ``datetime.date``
    accepts.
    """
    return be_year - BE_OFFSET


def expand_two_digit_be_year(two_digits: int) -> int:
    """Return the four-digit Buddhist-era year a two-digit year stands for.

    Abbreviated Thai dates ("15 มี.ค. 67") drop the century; the year is read
    inside the window พ.ศ. 2500-2599 so that 67 becomes 2567.
    """
    if not 0 <= two_digits <= 99:
        raise ValueError(f"two-digit year out of range: {two_digits}")
    return TWO_DIGIT_WINDOW_START + two_digits


def interpret_written_year(digits: str, *, era: Era | None = None) -> int | None:
    """Return the common-era year meant by a year written as ``digits``.

    Apply the module's rules (two digits = พ.ศ. in the 2500s window; four
    digits above 2400 = พ.ศ., otherwise ค.ศ.; an era marker must agree) so
    that every caller reads years the same way. Return ``None`` when the
    text is not a plausible year (wrong length, contradiction with the era
    marker, or a resulting ค.ศ. year outside :data:`MIN_CE_YEAR` ..
    :data:`MAX_CE_YEAR`).
    """
    if not (digits.isascii() and digits.isdigit()):
        return None
    value = int(digits)
    if len(digits) == 2:
        if era is Era.COMMON:
            return None
        ce_year = to_ce_year(expand_two_digit_be_year(value))
    elif len(digits) == 4:
        is_buddhist = value > BE_THRESHOLD
        if era is not None and (era is Era.BUDDHIST) != is_buddhist:
            return None
        ce_year = to_ce_year(value) if is_buddhist else value
    else:
        return None
    if not MIN_CE_YEAR <= ce_year <= MAX_CE_YEAR:
        return None
    return ce_year
