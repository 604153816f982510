"""Convert between ASCII digits and Thai digits (๐-๙)."""

from __future__ import annotations

__all__ = ["ARABIC_DIGITS", "THAI_DIGITS", "arabic_digits", "thai_digits"]

ARABIC_DIGITS = "0123456789"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)


def thai_digits(text: str) -> str:
    """Replace every ASCII digit in ``text`` with its Thai digit.

    Formal Thai documents often print numbers with Thai digits; use this to
    render an already formatted string that way without touching other
    characters.
    """
    return text.translate(_TO_THAI)


def arabic_digits(text: str) -> str:
    """Replace every Thai digit in ``text`` with its ASCII digit: the inverse of :func:`thai_digits`.

    Websites mix both digit systems; convert to ASCII before doing arithmetic
    or pattern matching on numbers. Matching text against text uses
    :func:`prongsai.thaitext.fold` instead, which reads every decimal digit.
    """
    return text.translate(_TO_ARABIC)
