"""The pure core: the status table, due dates, overdue and tracking codes."""

import datetime as dt
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.channels.lifecycle import (
    ALLOWED,
    IllegalStatusChange,
    Status,
    due_date,
    is_overdue,
    next_status,
    tracking_code_from_bits,
    tracking_code_normalize,
)

LEGAL = {
    ("received", "in_progress"),
    ("received", "answered"),
    ("received", "closed"),
    ("in_progress", "answered"),
    ("in_progress", "closed"),
    ("answered", "in_progress"),
    ("answered", "closed"),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(list(Status), list(Status))))
def test_every_pair_of_statuses_is_legal_exactly_as_the_table_says(current: Status, target: Status) -> None:
    if (current.value, target.value) in LEGAL:
        assert next_status(current, target) is target
    else:
        with pytest.raises(IllegalStatusChange) as caught:
            next_status(current, target)
        assert (caught.value.current, caught.value.target) == (current, target)


def test_a_closed_case_goes_nowhere() -> None:
    assert ALLOWED[Status.CLOSED] == frozenset()


def test_due_date_and_overdue() -> None:
    assert due_date(dt.date(2026, 3, 16), 15) == dt.date(2026, 3, 31)
    assert due_date(dt.date(2026, 12, 20), 30) == dt.date(2027, 1, 19)
    assert is_overdue(Status.RECEIVED, dt.date(2026, 3, 31), dt.date(2026, 3, 31)) is False
    assert is_overdue(Status.ANSWERED, dt.date(2026, 3, 31), dt.date(2026, 4, 1)) is True
    assert is_overdue(Status.CLOSED, dt.date(2026, 3, 31), dt.date(2026, 4, 1)) is False


def test_tracking_code_layout() -> None:
    assert tracking_code_from_bits("complaint", 0) == "C-0000-0000-0000"
    assert tracking_code_from_bits("opinion", (1 << 60) - 1) == "F-ZZZZ-ZZZZ-ZZZZ"
    # 0x123456789ABCDEF in fives: 2 8 26 5 12 30 4 26 23 19 15 15
    assert tracking_code_from_bits("complaint", 0x123456789ABCDEF) == "C-28T5-CY4T-QKFF"
    with pytest.raises(ValueError, match="60 bits"):
        tracking_code_from_bits("complaint", 1 << 60)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("C-7K3Q-9XW2-M4TR", "C-7K3Q-9XW2-M4TR"),
        ("c 7k3q 9xw2 m4tr", "C-7K3Q-9XW2-M4TR"),
        ("  c7k3q9xw2m4tr ", "C-7K3Q-9XW2-M4TR"),
        ("C–7K3Q–9XW2–M4TR", "C-7K3Q-9XW2-M4TR"),
        ("F-0O1I-L000-0000", "F-0011-1000-0000"),
        ("C-7K3Q-๙XW๒-M๔TR", "C-7K3Q-9XW2-M4TR"),  # Thai digits, as a Thai keyboard types them
        ("\ufeffC-7K3Q\u200b-9XW2-M4TR\u202c", "C-7K3Q-9XW2-M4TR"),  # invisible characters pasted with it
        ("C-7K3Q-9XW2-M4T", None),
        ("C-7K3Q-9XW2-M4TRR", None),
        ("X-7K3Q-9XW2-M4TR", None),
        ("C-7K3Q-9XW2-M4TU", None),
        ("", None),
        ("ซ-7K3Q-9XW2-M4TR", None),
    ],
)
def test_typed_codes_are_read_tolerantly(typed: str, expected: str | None) -> None:
    assert tracking_code_normalize(typed) == expected


@given(st.integers(min_value=0, max_value=(1 << 60) - 1), st.sampled_from(["opinion", "complaint"]))
def test_every_code_reads_back_as_itself_in_small_letters(bits: int, kind: str) -> None:
    code = tracking_code_from_bits(kind, bits)
    assert re.fullmatch(r"[FC]-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code)
    assert tracking_code_normalize(code.lower().replace("-", " ")) == code


@given(st.text(max_size=40))
def test_normalizing_never_fails(text: str) -> None:
    result = tracking_code_normalize(text)
    assert result is None or tracking_code_normalize(result) == result
