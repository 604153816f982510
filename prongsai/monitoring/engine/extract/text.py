"""Thai-safe clean-up of extracted text, and a line collector with a size cap.

Extracted text is cleaned with the project's one normalisation, :func:`prongsai.thaitext.normalize_thai`:
zero-width characters (which Thai CMSs insert as word-break hints, and which would split the phrases the
classifier looks for), bidi and control characters dropped, Thai marks in pythainlp's canonical order,
whitespace collapsed. Never NFKC: it breaks sara am (ำ).

pythainlp's normalisation is a chain of some twenty regular-expression passes, and it was the largest cost
of reading a page. ``normalize_thai`` skips it for strings without Thai; and the same short strings (menu
labels, headings, table cells) recur on every page of a site, so their cleaned form is remembered here in a
bounded cache.
"""

from __future__ import annotations

import functools
from typing import Final

from prongsai.thaitext import normalize_thai

__all__ = ["LineCollector", "clean_text"]

# Long strings rarely repeat and would crowd the cache; these bounds keep it under ~10 MB.
_CACHED_CHARS: Final = 256
_CACHE_ENTRIES: Final = 8192


def clean_text(text: str) -> str:
    """Return ``text`` normalised (:func:`prongsai.thaitext.normalize_thai`), on one line."""
    if len(text) <= _CACHED_CHARS:
        return _clean_short(text)
    return normalize_thai(text)


@functools.lru_cache(maxsize=_CACHE_ENTRIES)
def _clean_short(text: str) -> str:
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
