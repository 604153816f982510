"""Text normalisation for parsing, without NFKC."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thaidate import normalize_text
from prongsai.thaidate.normalization import normalize_with_offsets


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ข้อมูล ณ วันที่ ๑๕ มีนาคม ๒๕๖๗", "ข้อมูล ณ วันที่ 15 มีนาคม 2567"),
        ("  15\u200b มีนาคม\u00a0\u00a0 2567\n", "15 มีนาคม 2567"),
        ("1 ต.ค. 2566 \u2013 30 ก.ย. 2567", "1 ต.ค. 2566 - 30 ก.ย. 2567"),
        ("ทำ\u200bงาน", "ทำงาน"),
        ("ดีีี", "ดี"),
        ("ค\u0e48\u0e48า", "ค\u0e48า"),
        ("\uff11\uff15 March", "15 March"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_sara_am_survives() -> None:
    # NFKC would split ำ into ํ + า; the normaliser must not.
    assert normalize_text("ทำ") == "ทำ"
    assert "\u0e33" in normalize_text("กำหนด ๑๕ มี.ค.")
    assert unicodedata.normalize("NFKC", "ทำ") != "ทำ"


@given(st.text(max_size=80))
def test_offsets_map_every_character_back(text: str) -> None:
    normalized = normalize_with_offsets(text)
    assert len(normalized.origins) == len(normalized.text)
    assert list(normalized.origins) == sorted(set(normalized.origins))
    for char, origin in zip(normalized.text, normalized.origins, strict=True):
        source = text[origin]
        assert char == source or char in " -0123456789"
    assert normalized.text == normalized.text.strip()
    assert "  " not in normalized.text


@given(st.text(max_size=80))
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_original_span_rejects_empty_spans() -> None:
    with pytest.raises(ValueError, match="empty span"):
        normalize_with_offsets("abc").original_span(1, 1)
