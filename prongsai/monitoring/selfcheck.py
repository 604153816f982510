"""Check any website against a checklist without a database: crawl, extract, classify. Pure asyncio, no Django.

This is what ``python -m prongsai.monitoring check URL`` runs, and what the farm benchmark
measures. Each response is extracted as it arrives and reduced to a small page summary; the
body is then dropped (or, when evidence is asked for, appended to a WARC file first), so a
check holds summaries, not a site's bodies: only scanned PDFs are kept (within a byte budget)
until the crawl ends, and those that a label names as an item's evidence are then read by Thai
OCR, which costs seconds a page. Documents (PDF, DOCX, XLSX) are read in an
:class:`~prongsai.monitoring.engine.extract.isolation.ExtractionPool`, so a hostile file costs
at most its time limit; one that cannot be read gets an error in its summary instead of text.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from prongsai.checklists.definition import ChecklistDefinition
from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.classify import (
    ClassifyConfig,
    PageSummary,
    classify_site,
    documents_to_read,
    site_findings,
    summarize,
    summary_index,
)
from prongsai.monitoring.engine.classify.labels import WEAK, LabelReader
from prongsai.monitoring.engine.clock import Clock
from prongsai.monitoring.engine.crawl import CrawlConfig, CrawledResponse, CrawlResult, ResponseKind, crawl_site
from prongsai.monitoring.engine.evidence import EvidenceWriter
from prongsai.monitoring.engine.extract import Document, ExtractConfig, Extracted, Problem, sniff_kind
from prongsai.monitoring.engine.extract.isolation import ExtractionPool, IsolationConfig
from prongsai.monitoring.engine.extract.model import EXTRACTION_FAILURES
from prongsai.monitoring.engine.render import Renderer, open_renderer
from prongsai.monitoring.engine.robots import RobotsState
from prongsai.monitoring.engine.urls import canonical_url
from prongsai.monitoring.outcome import CheckOutcome

__all__ = ["SelfCheckConfig", "SiteUnreachable", "crawl_summaries", "run_selfcheck"]

# What stopped every page, in words (Thai, English); the error codes are the fetcher's and "http_<status>".
_UNREACHABLE_TEXTS: dict[str, tuple[str, str]] = {
    "dns_error": ("ไม่พบชื่อโดเมนนี้ในระบบ DNS", "its name does not resolve in the DNS"),
    "connection_error": ("เครื่องปลายทางปฏิเสธหรือตัดการเชื่อมต่อ", "the connection was refused or dropped"),
    "timeout": ("เครื่องปลายทางไม่ตอบภายในเวลาที่กำหนด", "it did not answer within the time limit"),
    "tls_error": ("ใบรับรองความปลอดภัย (TLS) ของเว็บไซต์ใช้ไม่ได้", "its TLS certificate is not valid"),
    "blocked_address": (
        "ที่อยู่ของเว็บไซต์เป็นเครือข่ายภายในหรือที่อยู่ต้องห้าม ซึ่งระบบตรวจไม่อนุญาตให้เข้าถึง",
        "its address is private or forbidden, and the monitor is not allowed to fetch it",
    ),
    "invalid_url": ("ที่อยู่เว็บไซต์ไม่ถูกต้อง", "the address is not a valid web address"),
    "bad_scheme": ("ที่อยู่เว็บไซต์ต้องขึ้นต้นด้วย http:// หรือ https://", "the address must use http:// or https://"),
    "redirect_loop": ("เว็บไซต์ส่งต่อหน้าวนซ้ำไม่สิ้นสุด", "it redirects in a loop"),
    "too_many_redirects": ("เว็บไซต์ส่งต่อหน้าหลายทอดเกินกำหนด", "it redirects too many times"),
    "redirect_refused": ("เว็บไซต์ส่งต่อไปยังที่อยู่นอกเว็บไซต์", "it redirects away from the site"),
    "robots": ("ไฟล์ robots.txt ของเว็บไซต์ไม่อนุญาตให้ตรวจ", "its robots.txt does not allow it to be checked"),
    "robots_unreachable": (
        "ไฟล์ robots.txt ตอบกลับด้วยข้อผิดพลาดของเครื่องแม่ข่าย จึงต้องงดตรวจไว้ก่อนตามมาตรฐาน RFC 9309",
        "its robots.txt answered with a server error, which forbids checking it for now (RFC 9309)",
    ),
    "no_pages": ("ไม่มีหน้าใดตอบกลับ", "no page answered"),
}


class SiteUnreachable(Exception):
    """No page of the site answered: the check fails with this reason instead of scoring every item "not found".

    ``url`` is the address that failed (the start address when it was tried), ``code`` what went wrong
    (a fetch error code or ``http_<status>``); the reason names both, in Thai and in English.
    """

    def __init__(self, url: str, code: str) -> None:
        self.url, self.code = url, code
        if code.startswith("http_"):
            status = code.removeprefix("http_")
            what_th, what_en = f"ทุกหน้าตอบกลับด้วยข้อผิดพลาด HTTP {status}", f"every page answered with HTTP {status}"
        else:
            what_th, what_en = _UNREACHABLE_TEXTS.get(code, (code, code))
        self.reason_th = f"เข้าถึงเว็บไซต์ไม่ได้: {url} — {what_th}"
        self.reason_en = f"The website could not be reached: {url} — {what_en}"
        super().__init__(self.reason_en)


def _unreachable(url: str, crawl: CrawlResult, summaries: Sequence[PageSummary]) -> SiteUnreachable | None:
    """Return why no page of the site answered with content, or None when at least one did."""
    if any(summary.ok for summary in summaries):
        return None
    start = canonical_url(url) or url
    failed = next((s for s in summaries if start in (s.url, *s.aliases)), summaries[0] if summaries else None)
    if failed is not None:
        code = failed.error or (f"http_{failed.status}" if failed.status is not None else "no_pages")
        return SiteUnreachable(failed.url, code)
    robots = crawl.robots
    if robots is not None and robots.state is RobotsState.UNREACHABLE:
        # Nothing was fetched after robots.txt: its failure is the site's (a 5xx there forbids the crawl).
        code = "robots_unreachable" if robots.failure.startswith("http_") else robots.failure
        return SiteUnreachable(url, code or "no_pages")
    errors = crawl.stats.errors
    if errors:
        return SiteUnreachable(url, errors.most_common(1)[0][0])
    return SiteUnreachable(url, "robots" if crawl.stats.skipped.get("robots") else "no_pages")


@dataclass(frozen=True)
class SelfCheckConfig:
    """Budgets and thresholds of one self-check: the crawl's, the extractors' (and their workers'), the classifier's."""

    crawl: CrawlConfig = field(default_factory=CrawlConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    isolation: IsolationConfig = field(default_factory=IsolationConfig)
    classify: ClassifyConfig = field(default_factory=ClassifyConfig)
    ocr_pages: int = 5
    """Pages of scanned documents one check reads by OCR (about 6 CPU seconds each, see ``bench/realsites``):
    only scans a label names as an item's evidence, surest first, each up to ``extract.ocr_max_pages``. Five
    keep a national round within six hours even if every site spent them all (``bench/monitor_farm``)."""
    ocr_keep_bytes: int = 32 * 1024 * 1024
    """Bytes of scanned documents a check keeps while it crawls, to read the named ones by OCR afterwards."""


async def _summary(
    response: CrawledResponse,
    *,
    today: dt.date,
    config: SelfCheckConfig,
    extractor: ExtractionPool,
    scans: _Scans | None = None,
) -> PageSummary:
    """Return the summary of one response; a scanned document's body goes to ``scans`` to be read by OCR later."""
    result = response.rendered or response.result
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
    document = Document(
        url=result.final_url, content_type=result.content_type, charset=result.charset, body=result.body
    )
    extract_config = config.extract if scans is None else replace(config.extract, ocr_languages="")
    extracted = await extractor.extract(document, extract_config)
    failure = next((problem for problem in extracted.problems if problem in EXTRACTION_FAILURES), None)
    if failure is not None:
        return summary(None, error=str(failure))
    if scans is not None and Problem.NO_TEXT_LAYER in extracted.problems:
        scans.keep(document, functools.partial(summary, body=result.body[:200_000]))
    return summary(extracted, body=result.body[:200_000])


@dataclass
class _Scans:
    """Scanned documents met during a crawl, kept (within a byte budget) until the check knows which matter."""

    keep_bytes: int
    documents: dict[str, tuple[Document, Callable[[Extracted], PageSummary]]] = field(default_factory=dict)
    kept: int = 0

    def keep(self, document: Document, summarize: Callable[[Extracted], PageSummary]) -> None:
        if self.kept + len(document.body) <= self.keep_bytes:
            self.documents[document.url] = (document, summarize)
            self.kept += len(document.body)

    async def read(
        self,
        summaries: list[PageSummary],
        wanted: Sequence[str],
        *,
        config: SelfCheckConfig,
        extractor: ExtractionPool,
    ) -> list[PageSummary]:
        """Read the ``wanted`` scans by OCR in order, within the check's page budget; return the new summaries."""
        budget = config.ocr_pages
        read: dict[str, PageSummary] = {}
        for url in wanted:
            if budget <= 0:
                break
            if url not in self.documents:
                continue
            document, summarize = self.documents[url]
            extracted = await extractor.extract(document, config.extract)
            if Problem.OCR in extracted.problems:
                read[url] = summarize(extracted)
            budget -= min(extracted.page_count or 1, config.extract.ocr_max_pages)
        self.documents.clear()
        return [read.get(summary.url, summary) for summary in summaries]


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
    renderer: Renderer | Literal["own"] | None = "own",
) -> CheckOutcome:
    """Crawl the site at ``url`` within the configured budgets and judge every checklist item as of ``today``.

    ``evidence_path``, when given, receives every fetched response as a gzip WARC file.
    ``progress`` is called with the count of pages so far and the URL just fetched.
    ``extractor`` is a pool to share between concurrent checks; without one, the check opens
    its own (its workers start only if the site has documents).
    ``seeds`` are the unit's registered item URLs, fetched before the rest of the site.
    ``renderer`` runs the scripts of pages that need it (see :func:`crawl_summaries`).
    Raise :class:`SiteUnreachable` when no page of the site answered with content.
    """
    checked_at = clock.now()
    started = clock.monotonic()
    crawl, summaries = await crawl_summaries(
        url, config=config, policy=policy, clock=clock, today=today, evidence_path=evidence_path, progress=progress,
        extractor=extractor, seeds=seeds, checklist=checklist, renderer=renderer,
    )  # fmt: skip
    failure = _unreachable(url, crawl, summaries)
    if failure is not None:
        raise failure
    items = classify_site(checklist, summaries, today=today, config=config.classify, start_url=url)
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
        errors=dict(crawl.stats.errors),
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
    checklist: ChecklistDefinition | None = None,
    renderer: Renderer | Literal["own"] | None = "own",
) -> tuple[CrawlResult, list[PageSummary]]:
    """Crawl the site at ``url`` and reduce every page and document to its summary, in the order fetched.

    The arguments are :func:`run_selfcheck`'s; this is its first half, without the judging. With the
    ``checklist``, links whose text names one of its items are fetched before the rest of the site. Pages
    whose scripts write their content are summarised as a browser leaves them: by ``renderer``, by default
    one started for this check (none where the machine has no Chromium or ``config.crawl.render`` renders
    nothing); pass a shared one, or None to render nothing.
    """
    if renderer == "own":
        async with open_renderer(config.crawl.render) as started:
            return await crawl_summaries(
                url, config=config, policy=policy, clock=clock, today=today, evidence_path=evidence_path,
                progress=progress, extractor=extractor, seeds=seeds, checklist=checklist, renderer=started,
            )  # fmt: skip
    if extractor is None:
        async with ExtractionPool(config.isolation) as own:
            return await crawl_summaries(
                url, config=config, policy=policy, clock=clock, today=today, evidence_path=evidence_path,
                progress=progress, extractor=own, seeds=seeds, checklist=checklist, renderer=renderer,
            )  # fmt: skip
    summaries: list[PageSummary] = []
    stream = evidence_path.open("wb") if evidence_path is not None else None
    writer = EvidenceWriter(stream) if stream is not None else None

    # With the checklist, scans are read by OCR after the crawl, only those a label names (see ``_Scans``).
    scans = _Scans(config.ocr_keep_bytes) if checklist is not None and config.extract.ocr_languages else None

    async def on_response(response: CrawledResponse) -> None:
        if writer is not None:
            writer.write(response.result, fetched_at=clock.now())
        if response.kind is not ResponseKind.PAGE:
            return
        summaries.append(await _summary(response, today=today, config=config, extractor=extractor, scans=scans))
        if progress is not None:
            progress(len(summaries), response.result.final_url)

    wanted = None
    if checklist is not None:
        reader = LabelReader(checklist, config.classify)

        def wanted(text: str) -> bool:
            return not reader.is_generic(text) and any(naming.strength > WEAK for naming in reader.read(text))

    try:
        crawl = await crawl_site(
            url, seeds=seeds, config=config.crawl, policy=policy, clock=clock, on_response=on_response, wanted=wanted,
            renderer=renderer,
        )  # fmt: skip
    finally:
        if stream is not None:
            stream.close()
    if scans is not None and scans.documents and checklist is not None:
        wanted_scans = documents_to_read(checklist, summaries, today=today, config=config.classify, start_url=url)
        summaries = await scans.read(summaries, wanted_scans, config=config, extractor=extractor)
    return crawl, summaries
