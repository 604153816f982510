"""The pure rules of the schedule: which reminder falls due on a day, overdue, the digest's day, event keys."""

import datetime as dt

import pytest

from prongsai.notifications.schedule import (
    deadline_key,
    digest_due,
    digest_key,
    is_overdue,
    overdue_key,
    reminder_due,
    review_due_key,
    week_of,
)

DUE = dt.date(2026, 3, 30)


@pytest.mark.parametrize(
    ("days_before", "expected"),
    [
        (30, None),
        (15, None),
        (14, 14),  # the first day of the 14-day window
        (10, 14),  # a missed run catches up inside the window
        (4, 14),
        (3, 3),  # the 3-day reminder replaces the 14-day one
        (1, 3),
        (0, 3),  # the due day itself is still before the deadline
        (-1, None),  # the day after: overdue, a different event
    ],
)
def test_the_smallest_window_that_reaches_the_date_decides(days_before: int, expected: int | None) -> None:
    today = DUE - dt.timedelta(days=days_before)
    assert reminder_due(due=DUE, today=today, days=(14, 3)) == expected
    assert reminder_due(due=DUE, today=today, days=(3, 14)) == expected  # the order of the setting does not matter


def test_no_reminder_days_means_no_reminder() -> None:
    assert reminder_due(due=DUE, today=DUE, days=()) is None


def test_round_reminders_use_the_same_rule() -> None:
    assert [reminder_due(due=DUE, today=DUE - dt.timedelta(days=n), days=(7, 1)) for n in (8, 7, 2, 1, 0)] == [
        None,
        7,
        7,
        1,
        1,
    ]


@pytest.mark.parametrize(
    ("today", "overdue"), [(DUE - dt.timedelta(days=1), False), (DUE, False), (DUE + dt.timedelta(days=1), True)]
)
def test_an_item_is_overdue_from_the_day_after_its_review_date(today: dt.date, overdue: bool) -> None:
    assert is_overdue(due=DUE, today=today) is overdue


def test_the_digest_goes_out_on_its_weekday_only() -> None:
    monday = dt.date(2026, 3, 16)
    assert [digest_due(today=monday + dt.timedelta(days=n), weekday=0) for n in range(7)] == [
        True,
        False,
        False,
        False,
        False,
        False,
        False,
    ]
    assert digest_due(today=dt.date(2026, 3, 20), weekday=4)  # a Friday


def test_event_keys_name_the_event_and_the_date_it_is_about() -> None:
    assert review_due_key(threshold=14, entry_id=7, due=DUE) == "due:14:7:2026-03-30"
    assert overdue_key(entry_id=7, due=DUE) == "overdue:7:2026-03-30"
    assert deadline_key(threshold=1, round_code="2569-6", organization_id=3, deadline=DUE) == (
        "deadline:1:2569-6:3:2026-03-30"
    )
    # The whole week shares one digest key, whatever day it is sent.
    assert week_of(dt.date(2026, 3, 19)) == dt.date(2026, 3, 16)
    assert digest_key(dt.date(2026, 3, 16)) == digest_key(dt.date(2026, 3, 22)) == "digest:2026-03-16"
