"""Normalise Thai text for storage and matching. Pure: no Django.

Thai can be typed or copied in several byte sequences that look the same (สำ as sara am, or
as nikhahit + sara aa when copied out of PDFs; tone marks before or after vowels). pythainlp's
normalize puts them in one order; NFKC/NFKD would break sara am and are never used.
"""

from pythainlp.util import normalize


def normalize_thai(text: str) -> str:
    """Return the text in pythainlp's canonical order with runs of whitespace collapsed to one space."""
    return " ".join(normalize(text or "").split())
