"""The one set of rules for Thai text: how it is stored, matched and ordered. Pure: no Django.

Thai can be typed or copied in several code-point sequences that look the same (สำ as sara am, or as nikhahit +
sara aa when copied out of PDFs; tone marks before or after vowels), and text pasted from web pages and word
processors carries characters nobody sees. Every text the project stores or searches goes through
:func:`normalize_thai` (one line) or :func:`normalize_thai_lines` (a message that keeps its line breaks):

- control characters are dropped (PostgreSQL refuses NUL; the others have no meaning in a form field);
- zero-width characters, the BOM and the soft hyphen are dropped (CMSs put them inside words as break hints,
  where they split the phrases a search or the monitor looks for);
- bidirectional embeddings, overrides, isolates and marks are dropped (U+202E can make a stored complaint read
  differently from what was sent; Thai and English never need them);
- the text is put in Unicode NFC, then in pythainlp's canonical Thai order. Never NFKC or NFKD: they split sara am
  into nikhahit + sara aa and replace the compatibility characters a citizen typed;
- runs of whitespace become one space, and the ends are trimmed.

Digits are stored as they were typed: a citizen's ๒๕๖๘ is their words, and formal Thai documents print Thai
digits. Matching uses :func:`fold`, which also turns every decimal digit into its ASCII digit and lower-cases, so
๒๕๖๘ finds 2568 and 2568 finds ๒๕๖๘. A telephone number is the exception: it is dialled, not read, so it is
stored in ASCII digits (:func:`ascii_digits`).

Ordering has one rule as well, :func:`thai_sort_key`, whose key any database orders the same way.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

__all__ = [
    "BIDI_CONTROLS",
    "ZERO_WIDTH",
    "ascii_digit",
    "ascii_digits",
    "fold",
    "is_dropped",
    "normalize_thai",
    "normalize_thai_lines",
    "thai_sort_key",
]

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
"""Zero-width space, non-joiner and joiner, word joiner, BOM (zero-width no-break space) and soft hyphen."""
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Left-to-right and right-to-left marks, the Arabic letter mark, embeddings and overrides (U+202A–U+202E)
and isolates (U+2066–U+2069)."""
# Control characters other than whitespace (which is collapsed, not dropped): C0, DEL and C1.
_CONTROLS = "".join(chr(code) for code in (*range(0x20), *range(0x7F, 0xA0)) if not chr(code).isspace())
_DROPPED = frozenset(ZERO_WIDTH + BIDI_CONTROLS + _CONTROLS)
_DROP_TABLE = dict.fromkeys(map(ord, _DROPPED))
_THAI_BLOCK = re.compile("[\u0e00-\u0e7f]")
_TONE = re.compile("[\u0e47-\u0e4c]")
_LEADING_VOWEL_CONSONANT = re.compile("([\u0e40-\u0e44])([\u0e01-\u0e2e])")
_MAX_PASSES = 4


def is_dropped(char: str) -> bool:
    """Return whether the normalisation drops ``char`` (an invisible, bidi or control character)."""
    return char in _DROPPED


def ascii_digit(char: str) -> str | None:
    """Return the ASCII digit of a non-ASCII decimal digit (Thai ๐–๙, fullwidth, Arabic-Indic …), else None."""
    if char.isascii():
        return None
    value = unicodedata.decimal(char, None)
    return None if value is None else str(value)


class _DigitTable(dict[int, int]):
    """A ``str.translate`` table that learns each character's digit the first time it meets it."""

    def __missing__(self, code: int) -> int:
        digit = ascii_digit(chr(code))
        self[code] = ord(digit) if digit is not None else code
        return self[code]


_DIGITS = _DigitTable()


def ascii_digits(text: str) -> str:
    """Return ``text`` with every decimal digit written as its ASCII digit and nothing else changed."""
    return text.translate(_DIGITS)


@functools.cache
def _thai_order() -> Callable[[str], str]:
    # pythainlp takes a tenth of a second to import; text without Thai never needs it.
    from pythainlp.util import normalize

    return normalize


def normalize_thai(text: str) -> str:
    """Return one line of text as it is stored and displayed: without invisible, bidi and control characters,
    in NFC and pythainlp's canonical Thai order, with every run of whitespace (line breaks included) made one space.

    Idempotent, and never a compatibility (NFKC) change.
    """
    text = unicodedata.normalize("NFC", (text or "").translate(_DROP_TABLE))
    text = " ".join(text.split())
    if _THAI_BLOCK.search(text) is None:
        return text
    # One pass of pythainlp's rules can leave work for the next ("กๅๅ"), and NFC orders some marks differently
    # from pythainlp ("ก่ัฺ"), so the rules run until nothing changes: one pass for text already in order, two or
    # three for the rest (the idempotence property test checks the bound holds).
    for _ in range(_MAX_PASSES):
        settled = unicodedata.normalize("NFC", " ".join(_thai_order()(text).split()))
        if settled == text:
            break
        text = settled
    return text


def normalize_thai_lines(text: str) -> str:
    """Return multi-line text (a message, a reply) normalised line by line, keeping its line breaks as "\\n".

    A blank line between paragraphs is kept; longer runs of blank lines become one, and blank lines at either end go.
    """
    lines: list[str] = []
    for raw in (text or "").splitlines():
        line = normalize_thai(raw)
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip("\n")


def fold(text: str) -> str:
    """Return the form in which two texts are compared: :func:`normalize_thai`, ASCII digits, lower case."""
    return ascii_digits(normalize_thai(text)).lower()


def thai_sort_key(name: str) -> str:
    """Return a key whose plain character order is Thai dictionary order of the name.

    The key is made of decimal digits only, so a database orders it the same way under any collation (it is
    stored for ORDER BY) and Python's ``sorted`` agrees with it. It follows the dictionary rules that matter for
    names: a leading vowel (เ แ โ ใ ไ) sorts after the consonant it precedes, and tone marks count only when
    everything else is equal.
    """
    tones = "".join(_TONE.findall(name))
    base = _LEADING_VOWEL_CONSONANT.sub(r"\2\1", _TONE.sub("", name))
    return "".join(f"{ord(char):07d}" for char in base + tones)
