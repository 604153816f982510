"""The demo's website checks: every demo unit's site checked for real, last round and this week.

The demo sites (sites.py) are served on their registered address while the monitor's engine
crawls them exactly as a worker would: seeds from the register, the same classifier, WARC evidence.
The first pass sees the sites as they stood in the previous reporting round, the second as they
stand now, so history, trend and "what changed" have something to show. The results are written
through the monitor's services with back-dated times, like the rest of the demo's history, and one
ICT monitor overrides one finding with a reason.
"""

import asyncio
import concurrent.futures
import datetime as dt
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from prongsai.checklists.definition import ChecklistDefinition
from prongsai.checklists.selectors import checklist_active, checklist_definition
from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.clock import SystemClock
from prongsai.monitoring.engine.extract.isolation import ExtractionPool
from prongsai.monitoring.models import ItemFinding, SiteCheck
from prongsai.monitoring.outcome import CheckOutcome
from prongsai.monitoring.runner import monitor_config, registered_item_urls
from prongsai.monitoring.selfcheck import run_selfcheck
from prongsai.monitoring.services import check_record, check_start, finding_override
from prongsai.organizations.models import Website

from .sites import DemoSites, demo_sites_serving

# How many sites are crawled at once (they share one local server; each keeps its own politeness).
CONCURRENT_SITES = 6
# When the previous round's pass is dated, counted back from now.
EARLIER = dt.timedelta(days=182)


def _evidence_path(moment: dt.datetime, website: Website) -> str:
    return f"{moment:%Y/%m}/demo-{moment:%Y%m%d}-{website.organization.slug}.warc.gz"


async def _crawl_all(
    jobs: list[tuple[SiteCheck, list[str]]], *, checklist: ChecklistDefinition, today: dt.date
) -> list[CheckOutcome]:
    config = monitor_config()
    config = replace(config, crawl=replace(config.crawl, politeness=replace(config.crawl.politeness, min_delay=0.0)))
    gate = asyncio.Semaphore(CONCURRENT_SITES)
    clock = SystemClock()
    root = Path(settings.PRONGSAI_MONITOR_EVIDENCE_ROOT)

    async def one(site_check: SiteCheck, seeds: list[str], pool: ExtractionPool) -> CheckOutcome:
        async with gate:
            evidence = root / site_check.evidence_path
            evidence.parent.mkdir(parents=True, exist_ok=True)
            return await run_selfcheck(
                site_check.url,
                checklist=checklist,
                config=config,
                policy=AddressPolicy(allow_private=True),
                clock=clock,
                today=today,
                evidence_path=evidence,
                seeds=seeds,
                extractor=pool,
            )

    # One pool of document workers for every site, as a worker process would keep.
    async with ExtractionPool(config.isolation) as pool:
        return list(await asyncio.gather(*(one(site_check, seeds, pool) for site_check, seeds in jobs)))


def _pass(moment: dt.datetime) -> list[SiteCheck]:
    """Check every registered website as the sites stood at ``moment``; record the checks at that time."""
    websites = list(Website.objects.select_related("organization").order_by("organization__slug", "url"))
    active = checklist_active()
    if active is None or not websites:
        return []
    checklist = checklist_definition(active)
    jobs = []
    for website in websites:
        site_check = check_start(
            actor=None,
            organization=website.organization,
            website=website,
            trigger=SiteCheck.Trigger.SCHEDULE,
            now=moment,
            evidence_path=_evidence_path(moment, website),
        )
        jobs.append((site_check, registered_item_urls(website.organization_id)))
    # Lay the sites out before serving them, so the server's threads never need the database.
    sites = DemoSites(as_of=moment)
    sites.load_all()
    with demo_sites_serving(sites), concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        outcomes = pool.submit(
            asyncio.run, _crawl_all(jobs, checklist=checklist, today=timezone.localdate(moment))
        ).result()
    return [
        check_record(site_check=site_check, outcome=outcome, now=moment + dt.timedelta(seconds=outcome.seconds))
        for (site_check, _), outcome in zip(jobs, outcomes, strict=True)
    ]


def demo_checks_play(*, monitor: object, now: dt.datetime | None = None) -> int:
    """Record the demo's two passes of website checks and one override; return how many checks were recorded.

    ``monitor`` is the ICT monitor who overrides a finding. Needs the demo sites' address free.
    """
    now = now or timezone.now()
    checks = _pass(now - EARLIER) + _pass(now - dt.timedelta(hours=2))
    latest = checks[len(checks) // 2 :]
    partial = (
        ItemFinding.objects.filter(site_check__in=latest, status="partial")
        .select_related("site_check", "item")
        .order_by("site_check__organization__slug", "item__position")
        .first()
    )
    if partial is not None:
        finding_override(
            actor=monitor,
            finding=partial,
            status="found",
            current=True,
            reason="ตรวจด้วยตนเองแล้ว หน่วยงานเผยแพร่ข้อมูลครบถ้วนในหน้าเดียวกัน เพียงแต่จัดรูปแบบต่างจากที่ระบบคาด",
            now=now - dt.timedelta(hours=1),
        )
    return len(checks)
