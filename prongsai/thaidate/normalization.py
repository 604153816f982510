"""Clean scraped or typed text before looking for dates in it.

Never apply Unicode NFKC/NFKD to Thai text: it decomposes ำ (SARA AM) and
breaks words. :func:`normalize_text` starts from the project's one
normalisation, :func:`prongsai.thaitext.normalize_thai`.
:func:`normalize_with_offsets` performs the span-safe subset of that
clean-up with the same character rules (which characters are dropped, what
a digit is) and remembers where every output character came from, so
matches can be reported against the original text.
"""

from __future__ import annotations

from dataclasses import dataclass

from prongsai.thaitext import ascii_digit, is_dropped, normalize_thai

__all__ = ["NormalizedText", "normalize_text", "normalize_with_offsets"]

# Dash look-alikes, all read as an ASCII hyphen-minus (date ranges only: stored text keeps its dashes).
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")


def _is_thai_combining_mark(char: str) -> bool:
    code = ord(char)
    return code == 0x0E31 or 0x0E34 <= code <= 0x0E3A or 0x0E47 <= code <= 0x0E4E


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text plus, for each of its characters, the index it came from."""

    text: str
    origins: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the span in the original text that ``text[start:end]`` came from.

        Report matches found in normalised text at the place the user sees
        them.
        """
        if start >= end:
            raise ValueError("empty span")
        return self.origins[start], self.origins[end - 1] + 1


def normalize_with_offsets(text: str) -> NormalizedText:
    """Normalise ``text`` for date matching and keep an offset map.

    Drop the characters :func:`prongsai.thaitext.normalize_thai` drops
    (invisible, bidi and control characters), collapse every run of
    whitespace to one space (trimming both ends), drop spaces typed before Thai vowel and tone
    marks and repeated identical marks, turn any decimal digit (Thai ๐-๙
    included) into its ASCII digit and dash look-alikes into "-". No
    character is ever composed or decomposed, so Thai vowels stay intact.
    """
    chars: list[str] = []
    origins: list[int] = []
    pending_space: int | None = None
    for index, char in enumerate(text):
        if is_dropped(char):
            continue
        if char.isspace():
            if chars and pending_space is None:
                pending_space = index
            continue
        if _is_thai_combining_mark(char):
            if chars and chars[-1] == char:
                continue
            pending_space = None
        if pending_space is not None:
            chars.append(" ")
            origins.append(pending_space)
            pending_space = None
        digit = ascii_digit(char)
        if digit is not None:
            char = digit
        elif char in _DASHES:
            char = "-"
        chars.append(char)
        origins.append(index)
    return NormalizedText("".join(chars), tuple(origins))


def normalize_text(text: str) -> str:
    """Return ``text`` cleaned for parsing: Thai normalisation, ASCII digits, single spaces.

    Apply :func:`prongsai.thaitext.normalize_thai` (invisible and bidi
    characters, NFC, misplaced and repeated vowels and tone marks, spaces)
    and then the clean-up of :func:`normalize_with_offsets`. Never NFKC,
    which breaks ำ.
    """
    return normalize_with_offsets(normalize_thai(text)).text
