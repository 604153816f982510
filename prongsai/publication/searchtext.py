"""Text rules of the portal search. Pure: no Django.

Thai is written without spaces between words, so the search matches substrings, never words:
both the stored text and the query are folded with the project's one fold (`prongsai.thaitext.fold`:
canonical Thai order, never NFKC, no invisible characters, ASCII digits, lower case), then the
folded query must occur in the folded text. Stored text keeps its digits as written; ๒๕๖๘ and
2568 fold alike, so either finds the other.
"""

from dataclasses import dataclass

from prongsai.thaitext import ascii_digits, normalize_thai
from prongsai.thaitext import fold as thai_fold

MAX_QUERY_LENGTH = 200
# Shortest query the SQLite trigram index can answer; shorter ones fall back to a scan.
TRIGRAM = 3
SNIPPET_CONTEXT = 70


def search_text(text: str) -> str:
    """Return text as stored for display: `prongsai.thaitext.normalize_thai` (one line, digits as written)."""
    return normalize_thai(text)


def fold(text: str) -> str:
    """Return the form both sides of a match are compared in: `prongsai.thaitext.fold`."""
    return thai_fold(text)


@dataclass(frozen=True)
class Snippet:
    """A piece of text around the first match: text before it, the matched text, text after it."""

    before: str
    match: str
    after: str


def snippet(text: str, folded_query: str, *, context: int = SNIPPET_CONTEXT) -> Snippet:
    """Return the text around the first occurrence of the folded query in the stored (already normalised) text.

    The text is folded character by character (ASCII digits, lower case) so that the match is shown in the
    digits it was written in; lower-casing can change a string's length (e.g. "İ"), so offsets are kept per
    character. Without a match (which the index should not return) the start of the text is shown.
    """
    lowered = [ascii_digits(char).lower() for char in text]
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
