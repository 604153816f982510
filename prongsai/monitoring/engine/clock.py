"""The engine's only seam to time: a clock passed in, so tests control delays and dates.

Every module of the engine takes a :class:`Clock` argument instead of
reading time itself; :class:`SystemClock` is the one real implementation,
chosen by the caller (the Django task, the command line), never by the core.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Time as the engine sees it: a monotonic reading for delays, the wall date for HTTP dates, and sleeping."""

    def monotonic(self) -> float:
        """Return seconds on a clock that never goes back (for spacing and budgets)."""
        ...

    def now(self) -> datetime:
        """Return the current aware UTC date and time (for ``Retry-After`` dates without a ``Date`` header)."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` (a fake clock advances instead)."""
        ...


class SystemClock:
    """The real clock: ``time.monotonic``, the system's UTC time, ``asyncio.sleep``."""

    def monotonic(self) -> float:
        """Return ``time.monotonic()``."""
        return time.monotonic()

    def now(self) -> datetime:
        """Return the system's current time in UTC."""
        return datetime.fromtimestamp(time.time(), tz=UTC)

    async def sleep(self, seconds: float) -> None:
        """Sleep on the event loop."""
        await asyncio.sleep(max(0.0, seconds))
