"""Formatting dates for Thai and English readers."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from prongsai.thaidate import (
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    format_english_date,
    format_thai_date,
    format_thai_date_range,
    format_thai_datetime,
    format_thai_month,
)


def test_month_tables() -> None:
    assert len(THAI_MONTHS) == 13
    assert THAI_MONTHS[1] == "มกราคม"
    assert THAI_MONTHS[3] == "มีนาคม"
    assert THAI_MONTHS[12] == "ธันวาคม"
    assert THAI_MONTHS_ABBR[1:] == (
        "ม.ค.",
        "ก.พ.",
        "มี.ค.",
        "เม.ย.",
        "พ.ค.",
        "มิ.ย.",
        "ก.ค.",
        "ส.ค.",
        "ก.ย.",
        "ต.ค.",
        "พ.ย.",
        "ธ.ค.",
    )


@pytest.mark.parametrize(
    ("d", "abbreviated", "use_thai_digits", "expected"),
    [
        (date(2026, 3, 15), False, False, "15 มีนาคม 2569"),
        (date(2026, 3, 15), True, False, "15 มี.ค. 69"),
        (date(2026, 3, 15), False, True, "๑๕ มีนาคม ๒๕๖๙"),
        (date(2026, 3, 15), True, True, "๑๕ มี.ค. ๖๙"),
        (date(2025, 10, 1), False, False, "1 ตุลาคม 2568"),
        (date(2024, 2, 29), False, False, "29 กุมภาพันธ์ 2567"),
        (date(1957, 1, 5), True, False, "5 ม.ค. 00"),
        (date(1962, 7, 9), True, False, "9 ก.ค. 05"),
        (date(2056, 12, 31), True, False, "31 ธ.ค. 99"),
        (date(2057, 1, 1), True, False, "1 ม.ค. 00"),
        (date(2000, 5, 1), False, True, "๑ พฤษภาคม ๒๕๔๓"),
    ],
)
def test_format_thai_date(d: date, abbreviated: bool, use_thai_digits: bool, expected: str) -> None:
    assert format_thai_date(d, abbreviated=abbreviated, thai_digits=use_thai_digits) == expected


@pytest.mark.parametrize(
    ("dt", "abbreviated", "use_thai_digits", "expected"),
    [
        (datetime(2026, 3, 15, 14, 5), False, False, "15 มีนาคม 2569 เวลา 14:05 น."),
        (datetime(2026, 3, 15, 9, 0, 59), False, False, "15 มีนาคม 2569 เวลา 09:00 น."),
        (datetime(2026, 3, 15, 0, 7), True, False, "15 มี.ค. 69 เวลา 00:07 น."),
        (datetime(2026, 3, 15, 14, 5), False, True, "๑๕ มีนาคม ๒๕๖๙ เวลา ๑๔:๐๕ น."),
        # Used as given: no conversion of aware values to another zone.
        (
            datetime(2026, 3, 15, 23, 30, tzinfo=timezone(timedelta(hours=-5))),
            False,
            False,
            "15 มีนาคม 2569 เวลา 23:30 น.",
        ),
    ],
)
def test_format_thai_datetime(dt: datetime, abbreviated: bool, use_thai_digits: bool, expected: str) -> None:
    assert format_thai_datetime(dt, abbreviated=abbreviated, thai_digits=use_thai_digits) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 3, 15), "15 March 2026"),
        (date(2025, 10, 1), "1 October 2025"),
        (date(2024, 2, 29), "29 February 2024"),
    ],
)
def test_format_english_date(d: date, expected: str) -> None:
    assert format_english_date(d) == expected


def test_format_thai_month() -> None:
    assert format_thai_month(date(2026, 3, 15)) == "มีนาคม 2569"
    assert format_thai_month(date(2026, 3, 15), abbreviated=True) == "มี.ค. 69"
    assert format_thai_month(date(2026, 3, 15), thai_digits=True) == "มีนาคม ๒๕๖๙"


def test_format_thai_date_range() -> None:
    start, end = date(2025, 10, 1), date(2026, 3, 31)
    assert format_thai_date_range(start, end) == "1 ตุลาคม 2568 – 31 มีนาคม 2569"
    assert format_thai_date_range(start, end, abbreviated=True, thai_digits=True) == "๑ ต.ค. ๖๘ – ๓๑ มี.ค. ๖๙"


@pytest.mark.parametrize(
    ("language", "expected"), [("th", "15 มีนาคม 2569"), ("en", "15 March 2026"), ("fr", "15 March 2026")]
)
def test_format_date_in_follows_the_reader_language(language: str, expected: str) -> None:
    from prongsai.thaidate import format_date_in

    assert format_date_in(language, date(2026, 3, 15)) == expected
