"""Check any website against a checklist without a database: crawl, extract, classify. Pure asyncio, no Django.

This is what ``python -m prongsai.monitoring check URL`` runs, and what the farm benchmark
measures. Each response is extracted as it arrives and reduced to a small page summary; the
body is then dropped (or, when evidence is asked for, appended to a WARC file first), so a
check holds summaries, never a site's bodies. Documents (PDF, DOCX, XLSX) are read in an
:class:`~prongsai.monitoring.engine.extract.isolation.ExtractionPool`, so a hostile file costs
at most its time limit; one that cannot be read gets an error in its summary instead of text.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from prongsai.checklists.definition import ChecklistDefinition
from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.classify import (
    ClassifyConfig,
    PageSummary,
    classify_site,
    site_findings,
    summarize,
    summary_index,
)
from prongsai.monitoring.engine.clock import Clock
from prongsai.monitoring.engine.crawl import CrawlConfig, CrawledResponse, CrawlResult, ResponseKind, crawl_site
from prongsai.monitoring.engine.evidence import EvidenceWriter
from prongsai.monitoring.engine.extract import Document, ExtractConfig, Extracted, Problem, sniff_kind
from prongsai.monitoring.engine.extract.isolation import ExtractionPool, IsolationConfig
from prongsai.monitoring.engine.extract.model import EXTRACTION_FAILURES
from prongsai.monitoring.outcome import CheckOutcome

__all__ = ["SelfCheckConfig", "crawl_summaries", "run_selfcheck"]


@dataclass(frozen=True)
class SelfCheckConfig:
    """Budgets and thresholds of one self-check: the crawl's, the extractors' (and their workers'), the classifier's."""

    crawl: CrawlConfig = field(default_factory=CrawlConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    isolation: IsolationConfig = field(default_factory=IsolationConfig)
    classify: ClassifyConfig = field(default_factory=ClassifyConfig)


async def _summary(
    response: CrawledResponse, *, today: dt.date, config: SelfCheckConfig, extractor: ExtractionPool
) -> PageSummary:
    result = response.result
    aliases = tuple(url for url in (result.requested_url, *result.redirects) if url != result.final_url)
    summary = functools.partial(
        summarize,
        url=result.final_url,
        status=result.status,
        today=today,
        last_modified=result.last_modified,
        aliases=aliases,
        config=config.classify,
    )
    answered = result.error is None and result.status is not None and result.status < 400
    if answered and result.truncated and not result.body:
        # The fetcher refused a document that announced more bytes than the cap: too large to read.
        head = Document(url=result.final_url, content_type=result.content_type, charset=result.charset, body=b"")
        return summary(Extracted(kind=sniff_kind(head), url=result.final_url, problems=(Problem.TOO_LARGE,)))
    if not answered or not result.body:
        return summary(None, error=str(result.error) if result.error is not None else None)
    extracted = await extractor.extract(
        Document(url=result.final_url, content_type=result.content_type, charset=result.charset, body=result.body),
        config.extract,
    )
    failure = next((problem for problem in extracted.problems if problem in EXTRACTION_FAILURES), None)
    if failure is not None:
        return summary(None, error=str(failure))
    return summary(extracted, body=result.body[:200_000])


async def run_selfcheck(
    url: str,
    *,
    checklist: ChecklistDefinition,
    config: SelfCheckConfig,
    policy: AddressPolicy,
    clock: Clock,
    today: dt.date,
    evidence_path: Path | None = None,
    progress: Callable[[int, str], None] | None = None,
    extractor: ExtractionPool | None = None,
    seeds: Sequence[str] = (),
) -> CheckOutcome:
    """Crawl the site at ``url`` within the configured budgets and judge every checklist item as of ``today``.

    ``evidence_path``, when given, receives every fetched response as a gzip WARC file.
    ``progress`` is called with the count of pages so far and the URL just fetched.
    ``extractor`` is a pool to share between concurrent checks; without one, the check opens
    its own (its workers start only if the site has documents).
    ``seeds`` are the unit's registered item URLs, fetched before the rest of the site.
    """
    checked_at = clock.now()
    started = clock.monotonic()
    crawl, summaries = await crawl_summaries(
        url, config=config, policy=policy, clock=clock, today=today, evidence_path=evidence_path, progress=progress,
        extractor=extractor, seeds=seeds,
    )  # fmt: skip
    items = classify_site(checklist, summaries, today=today, config=config.classify)
    findings = site_findings(url, summary_index(summaries), sitemaps=crawl.sitemaps, config=config.classify)
    return CheckOutcome(
        site=url,
        checklist=checklist.code,
        checked_at=checked_at,
        items=items,
        site_findings=findings,
        pages=crawl.stats.pages,
        bytes=crawl.stats.bytes,
        seconds=round(clock.monotonic() - started, 3),
        stopped_by=str(crawl.stats.stopped_by),
    )


async def crawl_summaries(
    url: str,
    *,
    config: SelfCheckConfig,
    policy: AddressPolicy,
    clock: Clock,
    today: dt.date,
    evidence_path: Path | None = None,
    progress: Callable[[int, str], None] | None = None,
    extractor: ExtractionPool | None = None,
    seeds: Sequence[str] = (),
) -> tuple[CrawlResult, list[PageSummary]]:
    """Crawl the site at ``url`` and reduce every page and document to its summary, in the order fetched.

    The arguments are :func:`run_selfcheck`'s; this is its first half, without the judging.
    """
    if extractor is None:
        async with ExtractionPool(config.isolation) as own:
            return await crawl_summaries(
                url, config=config, policy=policy, clock=clock, today=today, evidence_path=evidence_path,
                progress=progress, extractor=own, seeds=seeds,
            )  # fmt: skip
    summaries: list[PageSummary] = []
    stream = evidence_path.open("wb") if evidence_path is not None else None
    writer = EvidenceWriter(stream) if stream is not None else None

    async def on_response(response: CrawledResponse) -> None:
        if writer is not None:
            writer.write(response.result, fetched_at=clock.now())
        if response.kind is not ResponseKind.PAGE:
            return
        summaries.append(await _summary(response, today=today, config=config, extractor=extractor))
        if progress is not None:
            progress(len(summaries), response.result.final_url)

    try:
        crawl = await crawl_site(
            url, seeds=seeds, config=config.crawl, policy=policy, clock=clock, on_response=on_response
        )
    finally:
        if stream is not None:
            stream.close()
    return crawl, summaries
