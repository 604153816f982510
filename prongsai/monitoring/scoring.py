"""Scores from findings. Pure: no Django.

An item scores its presence (found 1, partial ½, not found 0) times a split between substance and
currency: 80 % for being there, 20 % more when a date on it satisfies its currency rule — the split
peers such as Mexico's SIPOT use (substantive criteria 80 %, update and format 20 %). Unknown
currency earns nothing extra: the monitor never guesses a date. A unit's score is the weighted mean
of its items' scores (weights come from the checklist data), as a percentage.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from prongsai.thaidate import ReportingRound, current_round
from prongsai.thaidate.fiscal import RoundKind

from .outcome import ItemStatus

PRESENCE = {ItemStatus.FOUND: 1.0, ItemStatus.PARTIAL: 0.5, ItemStatus.NOT_FOUND: 0.0}


@dataclass(frozen=True)
class ScoreRule:
    """How much of an item's score is for being there, and how much for being current."""

    substance_share: float = 0.8

    def item(self, status: ItemStatus, current: bool | None) -> float:
        """Return the item's score between 0 and 1."""
        presence = PRESENCE[status]
        currency = 1.0 if current is True else 0.0
        return presence * (self.substance_share + (1.0 - self.substance_share) * currency)

    def site(self, items: Iterable[tuple[float, ItemStatus, bool | None]]) -> float | None:
        """Return the weighted mean of (weight, status, current) item scores as a percentage, or None with no weight."""
        total = 0.0
        earned = 0.0
        for weight, status, current in items:
            total += weight
            earned += weight * self.item(status, current)
        if total <= 0:
            return None
        return round(100.0 * earned / total, 1)


def round_of(day: dt.date) -> ReportingRound:
    """Return the reporting round a check made on this day counts for."""
    return current_round(day)


def next_round_start(day: dt.date) -> dt.date:
    """Return the first day of the round after the one this day falls in (when a monitor's override expires)."""
    running = current_round(day)
    if running.kind is RoundKind.SIX_MONTH:
        return running.end + dt.timedelta(days=1)  # 1 April: the twelve-month round's own half begins
    return ReportingRound(running.fiscal_year + 1, RoundKind.SIX_MONTH).start
