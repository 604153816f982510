"""The one normalisation of stored and searched text, and the one fold for matching, without NFKC."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.thaitext import ascii_digits, fold, normalize_thai, normalize_thai_lines

# Written out by hand from the Unicode charts, not taken from the module under test.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Thai letters, vowels, tone marks, digits and signs; NFKC-sensitive characters (sara am, fullwidth and circled
# digits, a ligature); invisible and bidi controls; spaces, tabs and line breaks; some Latin.
_ALPHABET = (
    "กขคงจสำนักงานเแโใไะาิีึืุูั่้๊๋็์ํฺๆฯ๐๑๒๓๙\u0e45\u0e4d"
    "\uff11\uff15\u2460\ufb01ÅA\u030a" + INVISIBLE + BIDI + " \t\n\r\u00a0\u3000\x00\x07" + "ABCxyz019.,-|"
)
_MIXED = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=120)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # zero-width characters and the BOM vanish, even inside a word
        ("คอม\u200bพิว\u200cเต\u200dอร์\u2060แม่\ufeffข่าย", "คอมพิวเตอร์แม่ข่าย"),
        # every bidi embedding, override, isolate and mark vanishes
        ("\u202eรอ\u202aคิว\u202b\u202c\u202dนาน\u2066\u2067\u2068\u2069\u200e\u200f", "รอคิวนาน"),
        # nikhahit + sara aa (as copied out of PDFs) becomes sara am; sara am itself stays one character
        ("สํานักงาน", "สำนักงาน"),
        ("ทำงาน", "ทำงาน"),
        # tone mark typed before the vowel, doubled vowels, two sara e for sara ae
        ("ก\u0e48\u0e35", "ก\u0e35\u0e48"),
        ("ดีีี", "ดี"),
        ("เเปลก", "แปลก"),
        # decomposed Latin is composed (NFC); compatibility characters stay as typed (no NFKC)
        ("A\u030angstr\u00f6m", "\u00c5ngstr\u00f6m"),
        ("\uff12\uff10\uff12\uff16 \ufb01le \u2460", "\uff12\uff10\uff12\uff16 \ufb01le \u2460"),
        # digits stay as typed: a citizen's Thai digits are theirs
        ("พ.ศ. ๒๕๖๘", "พ.ศ. ๒๕๖๘"),
        # whitespace of every kind collapses to one space, control characters go
        ("  ขอ\x00บคุณ\t\u00a0 มาก\n\nครับ  ", "ขอบคุณ มาก ครับ"),
        ("", ""),
    ],
)
def test_normalize_thai(raw: str, expected: str) -> None:
    assert normalize_thai(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # lines keep their breaks (any line break becomes \n), each line is normalised on its own
        ("บรรทัดแรก\r\n\u200dบรรทัด  สอง\rสาม\u2028สี่", "บรรทัดแรก\nบรรทัด สอง\nสาม\nสี่"),
        # one blank line between paragraphs is kept, longer runs become one, the ends are trimmed
        ("\n\n  ย่อหน้าหนึ่ง \n\n\n\u202e\n ย่อหน้าสอง\n\n", "ย่อหน้าหนึ่ง\n\nย่อหน้าสอง"),
        ("\ufeff", ""),
    ],
)
def test_normalize_thai_lines(raw: str, expected: str) -> None:
    assert normalize_thai_lines(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("พ.ศ. ๒๕๖๘", "พ.ศ. 2568"),
        ("พ.ศ. 2568", "พ.ศ. 2568"),
        ("โทร ๐๘๑ ๒๓๔ ๕๖๗๘", "โทร 081 234 5678"),
        ("\uff12\uff10\uff12\uff16", "2026"),  # fullwidth digits are digits too
        ("Annual REPORT\u200b ๒๕๖๘", "annual report 2568"),
        ("ช่วงค\u0e48\u0e4d\u0e32", "ช่วงค่ำ"),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_ascii_digits_touches_nothing_but_digits() -> None:
    assert ascii_digits("๐๑๒๓๔๕๖๗๘๙ ข้อ ๑.๒ \u0663\uff19") == "0123456789 ข้อ 1.2 39"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # one pass of pythainlp turns only the first lakkhangyao into sara aa; the doubled sara aa goes later
        ("กๅๅ", "กา"),
        ("ก\u0e48\u0e31\u0e3a", "ก\u0e31\u0e3a\u0e48"),  # NFC puts phinthu before the tone pythainlp moved
    ],
)
def test_text_that_needs_more_than_one_pass_settles(raw: str, expected: str) -> None:
    assert normalize_thai(raw) == expected
    assert normalize_thai(expected) == expected


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_thai(text)
    assert normalize_thai(once) == once
    lines = normalize_thai_lines(text)
    assert normalize_thai_lines(lines) == lines
    assert fold(fold(text)) == fold(text)


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_normalisation_never_makes_nfkc_only_changes(text: str) -> None:
    for normalized in (normalize_thai(text), normalize_thai_lines(text)):
        # NFKC would split sara am into nikhahit + sara aa; that pair never comes out
        assert "\u0e4d\u0e32" not in normalized
        if "\u0e33" in text:
            assert "\u0e33" in normalized
        # compatibility characters survive as typed: NFKC would have replaced every one of them
        for char in "\uff11\uff15\u2460\ufb01":
            assert normalized.count(char) == text.count(char)
        # nothing but NFC composition: NFC of the result is the result
        assert unicodedata.is_normalized("NFC", normalized)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_invisible_and_bidi_characters_never_survive(text: str) -> None:
    for normalized in (normalize_thai(text), normalize_thai_lines(text), fold(text)):
        assert not set(normalized) & set(INVISIBLE + BIDI + "\x00\x07")
