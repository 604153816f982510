"""Thai-safe clean-up of extracted text, and a line collector with a size cap.

:func:`prongsai.thaitext.normalize_thai` puts Thai marks in pythainlp's canonical order and
collapses whitespace, but leaves U+200D and U+FEFF in place; Thai CMSs insert zero-width
characters as word-break hints, and they would split the phrases the classifier looks for, so
they are removed here first. Never NFKC: it breaks sara am (ำ).

pythainlp's normalisation is a chain of some twenty regular-expression passes, and it was the
largest cost of reading a page. Every pass works on Thai-block characters only, so a string without
any is merely whitespace-collapsed; and the same short strings (menu labels, headings, table
cells) recur on every page of a site, so their cleaned form is remembered in a bounded cache.
"""

from __future__ import annotations

import functools
import re
from typing import Final

from prongsai.thaitext import normalize_thai

__all__ = ["LineCollector", "clean_text"]

_ZERO_WIDTH: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_THAI_BLOCK: Final = re.compile("[\u0e00-\u0e7f]")
# Long strings rarely repeat and would crowd the cache; these bounds keep it under ~10 MB.
_CACHED_CHARS: Final = 256
_CACHE_ENTRIES: Final = 8192


def clean_text(text: str) -> str:
    """Return ``text`` without zero-width characters, Thai-normalised, on one line."""
    if len(text) <= _CACHED_CHARS:
        return _clean_short(text)
    return _clean(text)


@functools.lru_cache(maxsize=_CACHE_ENTRIES)
def _clean_short(text: str) -> str:
    return _clean(text)


def _clean(text: str) -> str:
    text = text.translate(_ZERO_WIDTH)
    if _THAI_BLOCK.search(text) is None:
        return " ".join(text.split())
    return normalize_thai(text)


class LineCollector:
    """Collect cleaned, non-empty lines until a character cap, remembering whether it was hit.

    Extractors feed raw lines in reading order; the cap keeps a hostile document from growing
    the text without bound.
    """

    def __init__(self, max_chars: int) -> None:
        """Start empty with room for ``max_chars`` characters (newlines included)."""
        self._lines: list[str] = []
        self._room = max_chars
        self.truncated = False

    @property
    def count(self) -> int:
        """Return how many lines have been kept so far: the index the next line will have."""
        return len(self._lines)

    @property
    def full(self) -> bool:
        """Return whether the cap has been reached, so callers can stop reading early."""
        return self._room <= 0

    def add(self, raw: str) -> None:
        """Clean ``raw`` and keep it as one line unless it is empty; cut it at the cap."""
        if self.full:
            self.truncated = self.truncated or bool(raw.strip())
            return
        line = clean_text(raw)
        if not line:
            return
        if len(line) + 1 > self._room:
            line = line[: max(self._room - 1, 0)]
            self.truncated = True
        self._lines.append(line)
        self._room -= len(line) + 1

    def text(self) -> str:
        """Return the collected lines joined by newlines."""
        return "\n".join(self._lines)
