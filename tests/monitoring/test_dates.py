"""Dates in extracted text: precision, position, cue, and the choice of the "as of" date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.monitoring.engine.dates import (
    AsOf,
    Cue,
    DatePrecision,
    TextDate,
    best_as_of,
    find_text_dates,
    fiscal_quarter_bounds,
)

D = dt.date
DAY = DatePrecision.DAY
MONTH = DatePrecision.MONTH
QUARTER = DatePrecision.QUARTER
FY = DatePrecision.FISCAL_YEAR
YEAR = DatePrecision.YEAR

# text -> [(matched text, start, end, precision, cue)]
CASES: list[tuple[str, list[tuple[str, D, D, DatePrecision, Cue | None]]]] = [
    ("ข้อมูล ณ วันที่ 15 มีนาคม 2569", [("15 มีนาคม 2569", D(2026, 3, 15), D(2026, 3, 15), DAY, Cue.AS_OF)]),
    ("๑๕ มี.ค. ๖๙", [("๑๕ มี.ค. ๖๙", D(2026, 3, 15), D(2026, 3, 15), DAY, None)]),
    ("15/03/2569", [("15/03/2569", D(2026, 3, 15), D(2026, 3, 15), DAY, None)]),
    ("2026-03-15", [("2026-03-15", D(2026, 3, 15), D(2026, 3, 15), DAY, None)]),
    (
        "ประจำปีงบประมาณ พ.ศ. 2569",
        [("ปีงบประมาณ พ.ศ. 2569", D(2025, 10, 1), D(2026, 9, 30), FY, Cue.FISCAL_YEAR)],
    ),
    ("เดือนมีนาคม 2569", [("เดือนมีนาคม 2569", D(2026, 3, 1), D(2026, 3, 31), MONTH, None)]),
    ("ปรับปรุงล่าสุด: 2 ม.ค. 69", [("2 ม.ค. 69", D(2026, 1, 2), D(2026, 1, 2), DAY, Cue.AS_OF)]),
    ("Last updated 2 January 2026", [("2 January 2026", D(2026, 1, 2), D(2026, 1, 2), DAY, Cue.AS_OF)]),
    ("ประกาศ ณ วันที่ 1 เมษายน 2569", [("1 เมษายน 2569", D(2026, 4, 1), D(2026, 4, 1), DAY, Cue.DOCUMENT)]),
    ("สั่ง ณ วันที่ ๙ ตุลาคม ๒๕๖๘", [("๙ ตุลาคม ๒๕๖๘", D(2025, 10, 9), D(2025, 10, 9), DAY, Cue.DOCUMENT)]),
    ("วันที่ลงนาม 5 มีนาคม 2569", [("5 มีนาคม 2569", D(2026, 3, 5), D(2026, 3, 5), DAY, Cue.DOCUMENT)]),
    (
        "สัญญาเลขที่ 12/2569 ลงวันที่ 3 มี.ค. 69",
        [("3 มี.ค. 69", D(2026, 3, 3), D(2026, 3, 3), DAY, Cue.CONTRACT)],
    ),
    (
        "ใบสั่งจ้าง เลขที่ 7/2569 ลงวันที่ 10 ก.พ. 2569",
        [("10 ก.พ. 2569", D(2026, 2, 10), D(2026, 2, 10), DAY, Cue.CONTRACT)],
    ),
    # The fiscal year written with the quarter belongs to the quarter.
    (
        "ไตรมาสที่ 2 ปีงบประมาณ 2569",
        [("ไตรมาสที่ 2 ปีงบประมาณ 2569", D(2026, 1, 1), D(2026, 3, 31), QUARTER, Cue.FISCAL_YEAR)],
    ),
    (
        "ผลการดำเนินงาน ปีงบประมาณ ๒๕๖๙\nไตรมาสที่ ๑\nเดือนมีนาคม 2569",
        [
            ("ปีงบประมาณ ๒๕๖๙", D(2025, 10, 1), D(2026, 9, 30), FY, Cue.FISCAL_YEAR),
            ("ไตรมาสที่ ๑", D(2025, 10, 1), D(2025, 12, 31), QUARTER, Cue.FISCAL_YEAR),
            ("เดือนมีนาคม 2569", D(2026, 3, 1), D(2026, 3, 31), MONTH, None),
        ],
    ),
    ("Q4/2568", [("Q4/2568", D(2025, 7, 1), D(2025, 9, 30), QUARTER, Cue.FISCAL_YEAR)]),
    ("ไตรมาสที่ 2", []),  # no fiscal year anywhere: not a date
    ("รายงานประจำปี 2568", [("ปี 2568", D(2025, 1, 1), D(2025, 12, 31), YEAR, None)]),
    ("พ.ศ. 2569", [("พ.ศ. 2569", D(2026, 1, 1), D(2026, 12, 31), YEAR, None)]),
    (
        "1 ต.ค. 2568 - 31 มี.ค. 2569",
        [("1 ต.ค. 2568 - 31 มี.ค. 2569", D(2025, 10, 1), D(2026, 3, 31), DAY, None)],
    ),
    ("โทร 02-123-4567 งบประมาณ 1,250,000 บาท", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_text_dates(text: str, expected: list[tuple[str, D, D, DatePrecision, Cue | None]]) -> None:
    found = find_text_dates(text)

    assert [(d.text, d.start, d.end, d.precision, d.cue) for d in found] == expected
    assert all(text[d.span[0] : d.span[1]] == d.text for d in found)


def test_fiscal_year_is_set_on_fiscal_dates() -> None:
    found = find_text_dates("แผนปีงบประมาณ 2569 ไตรมาสที่ 3")

    assert [(d.precision, d.fiscal_year) for d in found] == [(FY, 2569), (QUARTER, 2569)]


@pytest.mark.parametrize(
    ("fiscal_year", "quarter", "bounds"),
    [
        (2569, 1, (D(2025, 10, 1), D(2025, 12, 31))),
        (2569, 2, (D(2026, 1, 1), D(2026, 3, 31))),
        (2569, 3, (D(2026, 4, 1), D(2026, 6, 30))),
        (2569, 4, (D(2026, 7, 1), D(2026, 9, 30))),
    ],
)
def test_fiscal_quarter_bounds(fiscal_year: int, quarter: int, bounds: tuple[D, D]) -> None:
    assert fiscal_quarter_bounds(fiscal_year, quarter) == bounds


TODAY = D(2026, 3, 20)


def _best(text: str, today: D = TODAY) -> AsOf | None:
    return best_as_of(find_text_dates(text), today=today)


@pytest.mark.parametrize(
    ("text", "date", "matched", "cued"),
    [
        # A cued as-of date beats a later plain date.
        ("ข่าว 18 มี.ค. 69\nข้อมูล ณ วันที่ 1 มีนาคม 2569", D(2026, 3, 1), "1 มีนาคม 2569", True),
        # Of several as-of dates, the latest plausible one.
        ("ข้อมูล ณ 1 ม.ค. 69 | ข้อมูล ณ 1 มี.ค. 69", D(2026, 3, 1), "1 มี.ค. 69", True),
        # An as-of date in the future (typo, next year's plan) is rejected; the rest decide.
        ("ข้อมูล ณ วันที่ 15 มีนาคม 2570\nเผยแพร่ 2 มี.ค. 69", D(2026, 3, 2), "2 มี.ค. 69", False),
        # Document dates come before plain ones.
        ("ประกาศ ณ วันที่ 1 ต.ค. 2568\nข่าว 10 มี.ค. 2569", D(2025, 10, 1), "1 ต.ค. 2568", True),
        # No cue: the latest plausible date, and before พ.ศ. 2540 is not plausible.
        ("ก่อตั้ง 1 ม.ค. 2530 ข่าว 5 ก.พ. 2569 และ 10 ม.ค. 2569", D(2026, 2, 5), "5 ก.พ. 2569", False),
        # A month counts as of its last day, but never later than today.
        ("สรุปผลการจัดซื้อจัดจ้าง เดือนกุมภาพันธ์ 2569", D(2026, 2, 28), "เดือนกุมภาพันธ์ 2569", False),
        ("ข้อมูล ณ เดือนมีนาคม 2569", TODAY, "เดือนมีนาคม 2569", True),
        # A small slack for clocks and time zones: tomorrow is accepted.
        ("ปรับปรุงล่าสุด 21 มี.ค. 2569", D(2026, 3, 21), "21 มี.ค. 2569", True),
        # A quarter is a period the data covers.
        ("ผลการเบิกจ่าย ไตรมาสที่ 1 ปีงบประมาณ 2569", D(2025, 12, 31), "ไตรมาสที่ 1 ปีงบประมาณ 2569", False),
    ],
)
def test_best_as_of(text: str, date: D, matched: str, cued: bool) -> None:
    best = _best(text)

    assert best is not None
    assert (best.date, best.found.text, best.cued) == (date, matched, cued)


@pytest.mark.parametrize(
    "text",
    [
        "แผนปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2569",  # a fiscal year is not an as-of date
        "รายงานประจำปี 2568",
        "ข้อมูล ณ วันที่ 1 มกราคม 2571",  # entirely in the future
        "ก่อตั้งเมื่อ 1 มกราคม 2535",  # before พ.ศ. 2540
        "ไม่มีวันที่",
    ],
)
def test_best_as_of_never_guesses(text: str) -> None:
    assert _best(text) is None


def test_best_as_of_of_nothing_is_none() -> None:
    assert best_as_of([], today=TODAY) is None
    only_year = TextDate("ปี 2569", (0, 7), D(2026, 1, 1), D(2026, 12, 31), YEAR)
    assert best_as_of([only_year], today=TODAY) is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=8),
            st.sampled_from(
                [
                    *("ไตรมาสที่ ", "ปีงบประมาณ ", "ข้อมูล ณ วันที่ ", "ลงวันที่ ", "สัญญา", "พ.ศ. ", "Q", "/", "\n"),
                    *("๒๕๖๙", "2569", "69", "15", "มี.ค.", "มีนาคม", "-", " ", "\u200b", "ประกาศ ณ "),
                ]
            ),
        ),
        max_size=30,
    ),
    st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 1, 1)),
)
def test_finder_never_raises_and_spans_point_into_the_text(parts: list[str], today: D) -> None:
    text = "".join(parts)

    found = find_text_dates(text)
    best = best_as_of(found, today=today)

    assert all(text[d.span[0] : d.span[1]] == d.text and d.start <= d.end for d in found)
    assert best is None or best.date <= today + dt.timedelta(days=2)
