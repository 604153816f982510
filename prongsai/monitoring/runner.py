"""Run one queued check: take its host, crawl and classify in a thread of its own, record the outcome.

The engine is pure asyncio and knows nothing of Django; this module is the bridge. The engine runs
on its own thread with its own event loop while this thread, which owns the database connection,
writes the live progress and the heartbeat about once a second and renews the host lease. Whatever
happens, the check ends recorded or failed and the host is given back.
"""

import asyncio
import concurrent.futures
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from prongsai.checklists.definition import ChecklistDefinition
from prongsai.checklists.selectors import checklist_definition
from prongsai.disclosures.models import Entry

from .engine.addresses import AddressPolicy
from .engine.clock import SystemClock
from .engine.crawl import CrawlConfig
from .engine.politeness import PolitenessConfig
from .engine.render import RenderConfig
from .engine.urls import url_host
from .leases import host_lease_acquire, host_lease_release, host_lease_renew
from .models import SiteCheck
from .outcome import CheckOutcome
from .selfcheck import SelfCheckConfig, SiteUnreachable, run_selfcheck
from .services import check_claim, check_fail, check_record

logger = logging.getLogger(__name__)

# How often the running check writes its progress and heartbeat, in seconds.
HEARTBEAT_SECONDS = 1.0

ProgressCallback = Callable[[int, str], None]


class RunResult(StrEnum):
    """How a run ended: recorded, failed, deferred because its host was busy, or skipped (not queued any more)."""

    DONE = "done"
    FAILED = "failed"
    BUSY = "busy"
    SKIPPED = "skipped"


@dataclass
class Progress:
    """What a check's engine thread has done so far; plain attribute writes, read by the database thread."""

    pages: int = 0
    url: str = ""
    listeners: list[ProgressCallback] = field(default_factory=list)

    def update(self, pages: int, url: str) -> None:
        self.pages, self.url = pages, url


def monitor_config() -> SelfCheckConfig:
    """Return the engine's budgets from the settings: pages, seconds, per-host delay, pages rendered, OCR pages."""
    crawl = CrawlConfig(
        max_pages=settings.PRONGSAI_MONITOR_MAX_PAGES,
        max_seconds=settings.PRONGSAI_MONITOR_MAX_SECONDS,
        politeness=PolitenessConfig(min_delay=settings.PRONGSAI_MONITOR_DELAY),
        render=RenderConfig(max_pages=settings.PRONGSAI_MONITOR_RENDER_PAGES),
    )
    return SelfCheckConfig(crawl=crawl, ocr_pages=settings.PRONGSAI_MONITOR_OCR_PAGES)


def monitor_policy() -> AddressPolicy:
    """Return which non-public addresses the monitor may fetch (none unless the settings allow private ones)."""
    return AddressPolicy(allow_private=settings.PRONGSAI_MONITOR_ALLOW_PRIVATE)


def evidence_file(site_check: SiteCheck) -> Path | None:
    """Return where the check's WARC evidence is kept, or None when it has none."""
    if not site_check.evidence_path:
        return None
    return Path(settings.PRONGSAI_MONITOR_EVIDENCE_ROOT) / site_check.evidence_path


def registered_item_urls(organization_id: int) -> list[str]:
    """Return the item pages the unit's published entries point at (Thai, then English), fetched first."""
    rows = (
        Entry.objects.filter(organization_id=organization_id, published_version__isnull=False)
        .filter(~Q(published_version__url_th="") | ~Q(published_version__url_en=""))
        .order_by("item__position")
        .values_list("published_version__url_th", "published_version__url_en")
    )
    urls: list[str] = []
    for url_th, url_en in rows:
        urls.extend(url for url in (url_th, url_en) if url and url not in urls)
    return urls


@dataclass(frozen=True)
class CheckInputs:
    """What the engine needs to run one check: the site, the checklist, the seeds, where evidence goes, the day."""

    url: str
    checklist: ChecklistDefinition
    seeds: tuple[str, ...]
    evidence: Path | None
    today: dt.date


def check_inputs(site_check: SiteCheck) -> CheckInputs:
    """Gather a taken check's inputs (and make its evidence directory)."""
    evidence = evidence_file(site_check)
    if evidence is not None:
        evidence.parent.mkdir(parents=True, exist_ok=True)
    return CheckInputs(
        url=site_check.url,
        checklist=checklist_definition(site_check.checklist),
        seeds=tuple(registered_item_urls(site_check.organization_id)),
        evidence=evidence,
        today=timezone.localdate(),
    )


def check_heartbeat(site_check: SiteCheck, host: str, progress: Progress, *, now: dt.datetime | None = None) -> None:
    """Write a running check's progress and sign of life, and renew its hold on the host."""
    now = now or timezone.now()
    SiteCheck.objects.filter(pk=site_check.pk, state=SiteCheck.State.RUNNING).update(
        progress_pages=progress.pages, progress_url=progress.url[:1000], heartbeat_at=now
    )
    if not host_lease_renew(
        host=host, holder_id=site_check.pk, now=now, seconds=settings.PRONGSAI_MONITOR_LEASE_SECONDS
    ):
        logger.warning("check %s lost its lease on %s", site_check.pk, host)


def _crawl(site_check: SiteCheck, host: str, progress: Progress) -> CheckOutcome:
    """Run the engine on its own thread; meanwhile report progress and keep the lease and heartbeat fresh."""
    inputs = check_inputs(site_check)
    work = run_selfcheck(
        inputs.url,
        checklist=inputs.checklist,
        config=monitor_config(),
        policy=monitor_policy(),
        clock=SystemClock(),
        today=inputs.today,
        evidence_path=inputs.evidence,
        progress=progress.update,
        seeds=inputs.seeds,
    )
    reported = -1
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"monitor-{site_check.pk}") as pool:
        future = pool.submit(asyncio.run, work)
        while True:
            try:
                return future.result(timeout=HEARTBEAT_SECONDS)
            except concurrent.futures.TimeoutError:
                pass
            check_heartbeat(site_check, host, progress)
            if progress.pages != reported:
                reported = progress.pages
                for listener in progress.listeners:
                    listener(progress.pages, progress.url)


def check_take(site_check: SiteCheck, *, now: dt.datetime | None = None, task_id: str = "") -> str | RunResult:
    """Take the check's host and move the check to running; return the host, or why it cannot start now.

    ``BUSY`` when another check holds the host, ``SKIPPED`` when the check is no longer queued (another
    worker took it, or it was withdrawn). Whoever gets the host must :func:`check_conclude` the check.
    ``task_id`` names the background task running it (see ``services.checks_reap``).
    """
    if site_check.state != SiteCheck.State.QUEUED:
        return RunResult.SKIPPED
    host = url_host(site_check.url)
    now = now or timezone.now()
    if not host_lease_acquire(
        host=host, holder_id=site_check.pk, now=now, seconds=settings.PRONGSAI_MONITOR_LEASE_SECONDS
    ):
        return RunResult.BUSY
    evidence_path = f"{now:%Y/%m}/check-{site_check.pk}.warc.gz"
    if not check_claim(site_check=site_check, evidence_path=evidence_path, now=now, task_id=task_id):
        host_lease_release(host=host, holder_id=site_check.pk)
        return RunResult.SKIPPED
    site_check.evidence_path = evidence_path
    return host


def check_conclude(site_check: SiteCheck, host: str, result: CheckOutcome | BaseException) -> RunResult:
    """Record a taken check's outcome, or fail it with what went wrong; always give the host back.

    A check reaped meanwhile (its heartbeats stopped for too long, so it was taken for dead) stays
    as the reaper left it: failed, its host free for another check.
    """
    try:
        if not SiteCheck.objects.filter(pk=site_check.pk, state=SiteCheck.State.RUNNING).exists():
            logger.warning("check %s of %s was reaped before it finished", site_check.pk, site_check.url)
            return RunResult.FAILED
        if isinstance(result, SiteUnreachable):
            # Not a finished check that found nothing: the site never answered, and the reason says why.
            check_fail(site_check=site_check, error=f"{result.reason_th} / {result.reason_en}")
            return RunResult.FAILED
        if isinstance(result, BaseException):
            logger.error("check %s of %s failed", site_check.pk, site_check.url, exc_info=result)
            check_fail(site_check=site_check, error=f"{type(result).__name__}: {result}")
            return RunResult.FAILED
        try:
            check_record(site_check=site_check, outcome=result)
        except Exception as exc:  # an outcome that cannot be recorded must still end the check
            logger.exception("check %s of %s could not be recorded", site_check.pk, site_check.url)
            check_fail(site_check=site_check, error=f"{type(exc).__name__}: {exc}")
            return RunResult.FAILED
        return RunResult.DONE
    finally:
        host_lease_release(host=host, holder_id=site_check.pk)


def check_execute(site_check_id: int, *, on_progress: ProgressCallback | None = None, task_id: str = "") -> RunResult:
    """Run the queued check ``site_check_id`` to its end, unless its host is busy or it is no longer queued."""
    site_check = SiteCheck.objects.select_related("checklist").get(pk=site_check_id)
    taken = check_take(site_check, task_id=task_id)
    if isinstance(taken, RunResult):
        return taken
    progress = Progress(listeners=[on_progress] if on_progress else [])
    result: CheckOutcome | BaseException
    try:
        result = _crawl(site_check, taken, progress)
    except Exception as exc:  # noqa: BLE001 - whatever went wrong ends the check failed (logged there), never running
        result = exc
    return check_conclude(site_check, taken, result)
