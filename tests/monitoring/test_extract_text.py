"""The text clean-up's shortcuts (no Thai characters, a bounded cache) give exactly the full normalisation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.monitoring.engine.extract.text import LineCollector, clean_text
from prongsai.thaitext import normalize_thai

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Thai consonants, vowels, tone marks and digits, mixed with Latin, spaces and zero-width characters.
_MIXED = st.text(
    alphabet=st.sampled_from("กขคงสำนักงานเแโใไะาิีึืุูั่้๊๋็์ํฺๆ๑๒๙ ABCxyz019.,-|\t\n" + _ZERO_WIDTH + "\u0e45\u0e4d"),
    max_size=400,
)


def _reference(text: str) -> str:
    return normalize_thai(text.translate(dict.fromkeys(map(ord, _ZERO_WIDTH))))


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_clean_text_equals_the_full_normalisation(text: str) -> None:
    assert clean_text(text) == _reference(text)
    assert clean_text(text) == _reference(text)  # the second call is answered from the cache


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300).filter(lambda t: not any("\u0e00" <= c <= "\u0e7f" for c in t)))
def test_text_without_thai_is_only_whitespace_collapsed(text: str) -> None:
    assert clean_text(text) == _reference(text)


def test_thai_marks_are_reordered_and_zero_width_characters_removed() -> None:
    # Nikhahit + sara aa (as copied out of PDFs) becomes sara am; ZWSP between words goes.
    assert clean_text("สํานักงาน\u200bคลัง   จังหวัด") == "สำนักงานคลัง จังหวัด"
    assert clean_text("  Annual   report\t2026 ") == "Annual report 2026"


def test_a_long_line_is_cleaned_like_a_short_one() -> None:
    line = "ข้อมูล ณ วันที่ ๑๕ มีนาคม ๒๕๖๙ " * 40
    assert len(line) > 1000
    assert clean_text(line) == _reference(line)


def test_the_line_collector_cuts_at_its_cap() -> None:
    collector = LineCollector(12)
    for raw in ("  first  ", "", "second line"):
        collector.add(raw)
    assert collector.text() == "first\nsecon"
    assert collector.truncated is True
    assert collector.full is True
