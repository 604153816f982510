"""A monitor worker process: many hosts at once in one event loop (`manage.py monitor work`).

The task workers run one check per task, and a check spends most of its time waiting on the per-host
delay. For a national round a worker process instead takes up to ``PRONGSAI_MONITOR_SITES_PER_WORKER``
queued checks at a time straight from the queue (the ``SiteCheck`` rows), each on its own host under
the same host lease as every other worker, and crawls them all in one event loop (:class:`CheckHub`)
while this thread records outcomes, writes heartbeats and renews leases. Any number of such processes,
on any number of machines, share one queue: the database decides who takes a check and a host.
"""

import concurrent.futures
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from .engine.clock import SystemClock
from .engine.urls import url_host
from .hub import CheckHub
from .models import SiteCheck
from .outcome import CheckOutcome
from .runner import (
    Progress,
    RunResult,
    check_conclude,
    check_heartbeat,
    check_inputs,
    check_take,
    monitor_config,
    monitor_policy,
)
from .services import checks_reap

logger = logging.getLogger(__name__)

Concluded = Callable[[SiteCheck, RunResult], None]


def _host_of(site_check: SiteCheck) -> str:
    return url_host(site_check.url)


@dataclass
class _Running:
    site_check: SiteCheck
    host: str
    progress: Progress
    future: concurrent.futures.Future[CheckOutcome]


@dataclass
class WorkerFigures:
    """What a worker did: checks it took and how they ended."""

    taken: int = 0
    done: int = 0
    failed: int = 0
    reaped: int = 0


class MonitorWorker:
    """Take queued checks and run up to ``max_sites`` of them at once until told to stop.

    ``stop`` ends the taking of new checks; those running finish and are recorded before :meth:`run`
    returns (``abort`` cancels them instead: they are failed as abandoned). With ``drain`` the worker
    returns as soon as nothing is running and nothing more can be taken. ``heartbeat_seconds`` is how
    often running checks report progress and renew their hosts; ``poll_seconds`` how often an idle
    worker looks at the queue again.

    A worker reaps checks abandoned by dead workers (``services.checks_reap``) when it starts and
    then every ``reap_seconds``, so that what a killed worker left running is failed and its hosts
    freed without waiting for the scheduler. ``clock`` gives the time written in heartbeats and
    judged by the reaper (injected by tests).
    """

    def __init__(
        self,
        *,
        max_sites: int | None = None,
        drain: bool = False,
        heartbeat_seconds: float = 2.0,
        poll_seconds: float = 5.0,
        reap_seconds: float = 60.0,
        clock: Callable[[], dt.datetime] = timezone.now,
        on_concluded: Concluded | None = None,
    ) -> None:
        self.max_sites = max_sites or settings.PRONGSAI_MONITOR_SITES_PER_WORKER
        self.drain = drain
        self.heartbeat_seconds = heartbeat_seconds
        self.poll_seconds = poll_seconds
        self.reap_seconds = reap_seconds
        self.clock = clock
        self.on_concluded = on_concluded
        self.stop = threading.Event()
        self.abort = threading.Event()
        self.figures = WorkerFigures()
        self._running: dict[int, _Running] = {}

    def run(self) -> WorkerFigures:
        """Work until stopped (or, with ``drain``, until the queue is empty); return what was done."""
        hub = CheckHub(config=monitor_config(), policy=monitor_policy(), clock=SystemClock(), max_sites=self.max_sites)
        with hub:
            last_heartbeat = time.monotonic()
            last_reap = -float("inf")
            while True:
                if time.monotonic() - last_reap >= self.reap_seconds:
                    self._reap()
                    last_reap = time.monotonic()
                self._conclude_finished()
                took = 0 if self.stop.is_set() else self._take(hub)
                if self.abort.is_set():
                    self._abandon()
                    break
                if not self._running and (self.stop.is_set() or (self.drain and not took)):
                    break
                if time.monotonic() - last_heartbeat >= self.heartbeat_seconds:
                    now = self.clock()
                    for running in self._running.values():
                        check_heartbeat(running.site_check, running.host, running.progress, now=now)
                    last_heartbeat = time.monotonic()
                self._wait()
        return self.figures

    def _reap(self) -> None:
        """Fail the checks whose workers died (this worker's own are alive: it beats for them)."""
        for site_check in checks_reap(now=self.clock()):
            self.figures.reaped += 1
            logger.warning("check %s of %s: its worker stopped; reaped", site_check.pk, site_check.url)

    def _wait(self) -> None:
        """Sleep until a running check ends, the next heartbeat, or the next look at the queue."""
        pending = [running.future for running in self._running.values()]
        timeout = self.heartbeat_seconds if pending else self.poll_seconds
        if pending:
            concurrent.futures.wait(pending, timeout=timeout, return_when=concurrent.futures.FIRST_COMPLETED)
        else:
            self.stop.wait(0 if self.drain else timeout)

    def _take(self, hub: CheckHub) -> int:
        """Take queued checks for the free places, skipping hosts held elsewhere; return how many were taken."""
        free = self.max_sites - len(self._running)
        if free <= 0:
            return 0
        hosts = {running.host for running in self._running.values()}
        queued = (
            SiteCheck.objects.filter(state=SiteCheck.State.QUEUED)
            .exclude(pk__in=list(self._running))
            .select_related("checklist")
            .order_by("queued_at", "pk")[: free * 4]
        )
        took = 0
        for site_check in queued:
            if took >= free:
                break
            if site_check.url and _host_of(site_check) in hosts:
                continue  # this worker already crawls that host: the lease would refuse it anyway
            taken = check_take(site_check, now=self.clock())
            if isinstance(taken, RunResult):
                continue
            inputs = check_inputs(site_check)
            progress = Progress()
            future = hub.submit(
                inputs.url, checklist=inputs.checklist, today=inputs.today, seeds=inputs.seeds,
                evidence_path=inputs.evidence, progress=progress.update,
            )  # fmt: skip
            self._running[site_check.pk] = _Running(site_check, taken, progress, future)
            hosts.add(taken)
            took += 1
            self.figures.taken += 1
        return took

    def _conclude_finished(self) -> None:
        for pk, running in list(self._running.items()):
            if not running.future.done():
                continue
            del self._running[pk]
            try:
                result: CheckOutcome | BaseException = running.future.result()
            except Exception as exc:  # noqa: BLE001 - the check's failure is its result (SiteUnreachable, a bug), logged
                result = exc
            except concurrent.futures.CancelledError as exc:
                result = exc
            self._concluded(running, check_conclude(running.site_check, running.host, result))

    def _abandon(self) -> None:
        """Cancel what is still running and fail it: the worker is going away before it could finish."""
        for running in self._running.values():
            running.future.cancel()
            result = RuntimeError("the worker was stopped before the check finished")
            self._concluded(running, check_conclude(running.site_check, running.host, result))
        self._running.clear()

    def _concluded(self, running: _Running, result: RunResult) -> None:
        if result is RunResult.DONE:
            self.figures.done += 1
        else:
            self.figures.failed += 1
        logger.info("check %s of %s: %s", running.site_check.pk, running.site_check.url, result.value)
        if self.on_concluded is not None:
            self.on_concluded(running.site_check, result)
