"""Text rules of the portal search. Pure: no Django.

Thai is written without spaces between words, so the search matches substrings, never words:
both the stored text and the query are put in pythainlp's canonical order (`normalize_thai`,
never NFKC) and folded to lower case, then the folded query must occur in the folded text.
"""

import re
from dataclasses import dataclass

from prongsai.thaitext import normalize_thai

MAX_QUERY_LENGTH = 200
# Shortest query the SQLite trigram index can answer; shorter ones fall back to a scan.
TRIGRAM = 3
SNIPPET_CONTEXT = 70

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TONE = re.compile(r"[\u0e47-\u0e4c]")
_LEADING_VOWEL_CONSONANT = re.compile(r"([\u0e40-\u0e44])([\u0e01-\u0e2e])")


def search_text(text: str) -> str:
    """Return text as stored for display: canonical Thai order, no control characters, one space between words."""
    return normalize_thai(_CONTROL.sub(" ", text or ""))


def fold(text: str) -> str:
    """Return the form both sides of a match are compared in: `search_text` in lower case."""
    return search_text(text).lower()


def thai_sort_key(name: str) -> str:
    """Return a key whose plain character order is Thai dictionary order of the name.

    The key is made of decimal digits only, so any database collation orders it the same way.
    It follows the dictionary rules that matter for names: a leading vowel (เ แ โ ใ ไ) sorts
    after the consonant it precedes, and tone marks count only when everything else is equal.
    """
    tones = "".join(_TONE.findall(name))
    base = _LEADING_VOWEL_CONSONANT.sub(r"\2\1", _TONE.sub("", name))
    return "".join(f"{ord(char):07d}" for char in base + tones)


@dataclass(frozen=True)
class Snippet:
    """A piece of text around the first match: text before it, the matched text, text after it."""

    before: str
    match: str
    after: str


def snippet(text: str, folded_query: str, *, context: int = SNIPPET_CONTEXT) -> Snippet:
    """Return the text around the first case-insensitive occurrence of the folded query.

    Lower-casing can change a string's length (e.g. "İ"), so offsets are found character by
    character; without a match (which the index should not return) the start of the text is shown.
    """
    lowered = [char.lower() for char in text]
    starts: list[int] = []
    folded_parts: list[str] = []
    position = 0
    for part in lowered:
        starts.append(position)
        folded_parts.append(part)
        position += len(part)
    folded = "".join(folded_parts)
    found = folded.find(folded_query) if folded_query else -1
    if found < 0:
        head = text[: 2 * context]
        return Snippet("", "", head + ("…" if len(text) > len(head) else ""))
    first = max(index for index, start in enumerate(starts) if start <= found)
    end_offset = found + len(folded_query)
    last = next((index for index, start in enumerate(starts) if start >= end_offset), len(text))
    begin = max(0, first - context)
    finish = min(len(text), last + context)
    before = ("…" if begin > 0 else "") + text[begin:first]
    after = text[last:finish] + ("…" if finish < len(text) else "")
    return Snippet(before, text[first:last], after)
