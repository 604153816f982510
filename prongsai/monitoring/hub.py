"""Many website checks at once in one event loop: the engine of a monitor worker process. Pure: no Django.

A check spends nearly all its time waiting: on the per-host delay, on slow servers, on its documents'
extraction workers. One event loop therefore crawls many hosts at once, each check still crawling only
its own host at the polite rate, and CPU is spent only on the pages that arrive. :class:`CheckHub` runs
that loop on a thread of its own, with one pool of document-extraction workers shared by every check,
and hands each submitted check back as a :class:`concurrent.futures.Future`, so the caller's thread
(the one holding the database connection) stays free to record results and write heartbeats.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import datetime as dt
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from prongsai.checklists.definition import ChecklistDefinition
from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.clock import Clock
from prongsai.monitoring.engine.extract.isolation import ExtractionPool, PoolFigures
from prongsai.monitoring.engine.render import Renderer, open_renderer
from prongsai.monitoring.outcome import CheckOutcome
from prongsai.monitoring.selfcheck import SelfCheckConfig, run_selfcheck

__all__ = ["CheckHub"]


class CheckHub:
    """Run up to ``max_sites`` checks concurrently in one event loop on a background thread.

    Use as a context manager; :meth:`submit` a check and wait on the future it returns (from any
    thread). More than ``max_sites`` submissions wait their turn inside the loop. Leaving the context
    cancels what is still running (its futures end cancelled) and stops the extraction workers.
    """

    def __init__(self, *, config: SelfCheckConfig, policy: AddressPolicy, clock: Clock, max_sites: int) -> None:
        """Prepare a hub; nothing runs until it is entered."""
        if max_sites < 1:
            raise ValueError("a hub runs at least one check at a time")
        self.config = config
        self.policy = policy
        self.clock = clock
        self.max_sites = max_sites
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="monitor-hub", daemon=True)
        self._pool: ExtractionPool | None = None
        self._browser = contextlib.AsyncExitStack()
        self._renderer: Renderer | None = None
        self._gate: asyncio.Semaphore | None = None
        self._futures: set[concurrent.futures.Future[CheckOutcome]] = set()

    def __enter__(self) -> Self:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._open(), self._loop).result()
        return self

    async def _open(self) -> None:
        self._gate = asyncio.Semaphore(self.max_sites)
        self._pool = ExtractionPool(self.config.isolation)
        await self._pool.__aenter__()
        # One browser for every check of the hub, started when a page first needs it (never without Chromium).
        self._renderer = await self._browser.enter_async_context(open_renderer(self.config.crawl.render))

    def submit(
        self,
        url: str,
        *,
        checklist: ChecklistDefinition,
        today: dt.date,
        seeds: Sequence[str] = (),
        evidence_path: Path | None = None,
        progress: Callable[[int, str], None] | None = None,
    ) -> concurrent.futures.Future[CheckOutcome]:
        """Start checking ``url`` (as :func:`run_selfcheck` would) and return the future of its outcome.

        ``progress`` is called on the hub's thread with the pages so far and the last address; keep
        it to plain attribute writes. The future raises what the check raised
        (:class:`~prongsai.monitoring.selfcheck.SiteUnreachable` for a site that never answered).
        """
        future = asyncio.run_coroutine_threadsafe(
            self._check(url, checklist, today, tuple(seeds), evidence_path, progress), self._loop
        )
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)
        return future

    async def _check(
        self,
        url: str,
        checklist: ChecklistDefinition,
        today: dt.date,
        seeds: tuple[str, ...],
        evidence_path: Path | None,
        progress: Callable[[int, str], None] | None,
    ) -> CheckOutcome:
        if self._gate is None or self._pool is None:
            raise RuntimeError("the hub is not open: use it as a context manager")
        async with self._gate:
            return await run_selfcheck(
                url, checklist=checklist, config=self.config, policy=self.policy, clock=self.clock, today=today,
                evidence_path=evidence_path, progress=progress, extractor=self._pool, seeds=seeds,
                renderer=self._renderer,
            )  # fmt: skip

    @property
    def figures(self) -> PoolFigures | None:
        """Return what the shared extraction workers did so far (None before the hub opens)."""
        return self._pool.figures if self._pool is not None else None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        for future in list(self._futures):
            future.cancel()
        if self._thread.is_alive():
            asyncio.run_coroutine_threadsafe(self._close(), self._loop).result()
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
        self._loop.close()

    async def _close(self) -> None:
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self._browser.aclose()
        if self._pool is not None:
            await self._pool.__aexit__(None, None, None)
