"""When a reminder is due, and the key that makes each event happen once. Pure: no Django.

`manage.py notify` runs once a day from cron, but a day may be missed (the machine was down) or run
twice. So a reminder is not tied to one exact day: on any day inside a reminder's window the
reminder whose window it is falls due, and the event key (recipient aside) names the reminder and
the date it is about — a second run, or a second worker, finds the key taken and sends nothing.

Windows: with reminder days ``(14, 3)`` and a date 10 days away, the 14-day reminder is due (10 is
within 14 but not within 3); 3 days away, the 3-day one; on the day itself still the 3-day one; the
day after, nothing (the item is overdue, which is its own event).
"""

import datetime as dt
from collections.abc import Iterable

__all__ = [
    "deadline_key",
    "digest_due",
    "digest_key",
    "is_overdue",
    "overdue_key",
    "reminder_due",
    "review_due_key",
    "week_of",
]


def reminder_due(*, due: dt.date, today: dt.date, days: Iterable[int]) -> int | None:
    """Return which reminder (its number of days) falls due today for a date, or None.

    The smallest configured number of days that still reaches the date wins, so a missed run
    never sends the earlier, now wrong, reminder ("in 14 days" three days before).
    """
    left = (due - today).days
    if left < 0:
        return None
    reaching = [d for d in days if d >= left]
    return min(reaching) if reaching else None


def is_overdue(*, due: dt.date, today: dt.date) -> bool:
    """Tell whether a review date has passed (the due day itself is still in time)."""
    return today > due


def digest_due(*, today: dt.date, weekday: int) -> bool:
    """Tell whether the weekly digest goes out today (weekday 0 is Monday, 6 Sunday)."""
    return today.weekday() == weekday


def week_of(today: dt.date) -> dt.date:
    """Return the Monday of the week the day falls in: the digest's week."""
    return today - dt.timedelta(days=today.weekday())


def review_due_key(*, threshold: int, entry_id: int, due: dt.date) -> str:
    """Return the event key of an item's review reminder: one per threshold and review date."""
    return f"due:{threshold}:{entry_id}:{due.isoformat()}"


def overdue_key(*, entry_id: int, due: dt.date) -> str:
    """Return the event key of an item becoming overdue: once per missed review date."""
    return f"overdue:{entry_id}:{due.isoformat()}"


def deadline_key(*, threshold: int, round_code: str, organization_id: int, deadline: dt.date) -> str:
    """Return the event key of a round's deadline reminder to one unit (a moved deadline is a new event)."""
    return f"deadline:{threshold}:{round_code}:{organization_id}:{deadline.isoformat()}"


def digest_key(today: dt.date) -> str:
    """Return the event key of the weekly digest: once per week."""
    return f"digest:{week_of(today).isoformat()}"
