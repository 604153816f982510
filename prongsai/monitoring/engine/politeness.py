"""Politeness: how hard the monitor may press on one host, shared by every task of a crawl.

A ministry runs one crawl per unit, many at once, and several units may live
on the same host; the host's limits must hold across all of them. Two rules
per host: at most ``per_host_concurrency`` requests in flight, and request
starts spaced at least ``delay`` seconds apart, where ``delay`` is the larger
of our minimum and the site's robots ``Crawl-delay``, capped at ``max_delay``
so a site cannot stall a national round with ``Crawl-delay: 86400``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from prongsai.monitoring.engine.clock import Clock


@dataclass(frozen=True)
class PolitenessConfig:
    """Per-host limits. Defaults: 2 requests in flight, 1 s between starts, Crawl-delay honoured up to 30 s."""

    per_host_concurrency: int = 2
    min_delay: float = 1.0
    max_delay: float = 30.0


class _HostGate:
    """One host's state: its semaphore, its delay and the earliest time the next request may start."""

    __slots__ = ("delay", "next_start", "semaphore", "users")

    def __init__(self, concurrency: int, delay: float) -> None:
        """Start with the configured concurrency and delay, free to start now."""
        self.semaphore = asyncio.Semaphore(concurrency)
        self.delay = delay
        self.next_start = float("-inf")
        self.users = 0


class Politeness:
    """Hands out request slots per host; use ``async with politeness.slot(host):`` around each request."""

    def __init__(self, config: PolitenessConfig, clock: Clock) -> None:
        """Keep per-host gates for ``config``, timing them with ``clock``."""
        self.config = config
        self._clock = clock
        self._gates: dict[str, _HostGate] = {}
        self._crawl_delays: dict[str, float] = {}

    def delay_for(self, host: str) -> float:
        """Return the spacing applied to ``host``: max(minimum, Crawl-delay), capped at the maximum."""
        wanted = max(self.config.min_delay, self._crawl_delays.get(host, 0.0))
        return min(wanted, max(self.config.max_delay, self.config.min_delay))

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        """Record a robots ``Crawl-delay`` for ``host`` (``None`` clears it)."""
        if seconds is None or seconds <= 0:
            self._crawl_delays.pop(host, None)
        else:
            self._crawl_delays[host] = float(seconds)
        gate = self._gates.get(host)
        if gate is not None:
            gate.delay = self.delay_for(host)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Wait for a free request slot on ``host`` and its turn in the spacing, then hold the slot."""
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = _HostGate(self.config.per_host_concurrency, self.delay_for(host))
        gate.users += 1
        try:
            async with gate.semaphore:
                # Reserve the start time before sleeping (no await in between), so
                # concurrent waiters queue up one delay apart rather than all at once.
                now = self._clock.monotonic()
                start = max(now, gate.next_start)
                gate.next_start = start + gate.delay
                if start > now:
                    await self._clock.sleep(start - now)
                yield
        finally:
            gate.users -= 1
            self._forget_idle(host, gate)

    def _forget_idle(self, host: str, gate: _HostGate) -> None:
        """Drop a host's gate when nobody uses it and its spacing has passed, so memory follows active hosts only."""
        if gate.users == 0 and gate.next_start <= self._clock.monotonic():
            self._gates.pop(host, None)

    def active_hosts(self) -> int:
        """Return how many hosts have a gate (for tests and memory checks)."""
        return len(self._gates)
