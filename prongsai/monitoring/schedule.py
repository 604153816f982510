"""When the monitor sweeps every website on its own: monthly, and ahead of each reporting round's report. Pure.

A sweep is named by its kind and the day it fell due; the scheduler may run as often as it likes
(a daily timer, every worker start) because a sweep already made is not made again.
"""

import datetime as dt
from dataclasses import dataclass

from prongsai.thaidate import current_round


@dataclass(frozen=True)
class SweepDue:
    """A sweep that is due: ``monthly`` (the first of the month) or ``round`` (``lead_days`` before a round ends)."""

    kind: str
    due_on: dt.date


def sweeps_due(today: dt.date, *, lead_days: int) -> list[SweepDue]:
    """Return the sweeps due on ``today``: this month's, and the running round's once its lead time has begun."""
    due = [SweepDue("monthly", today.replace(day=1))]
    running = current_round(today)
    before_report = running.end - dt.timedelta(days=lead_days)
    if before_report <= today <= running.end:
        due.append(SweepDue("round", before_report))
    return due
