"""Crawl one unit's website within its budgets, or many websites at once: :func:`crawl_site`, :func:`crawl_many`.

Order matters because budgets are finite: the registered item URLs (seeds)
go first, then the home page, then links whose text names what the check
looks for (the caller's ``wanted``: a menu entry "โครงสร้างองค์กร" matters more
than breadth), then sitemap files and the URLs they list, then the other
links discovered on pages, shallowest first. Every canonical URL is
fetched once, redirect targets included. Results are handed to the caller's
``on_response`` callback as they arrive and then dropped, so a crawl holds
only its frontier and its seen-set, never the bodies: the caller decides
what to keep (text, WARC evidence). Budgets of pages, bytes and wall time stop
the crawl cleanly and the result says which one did.
"""

from __future__ import annotations

import asyncio
import heapq
import random
import re
from collections import Counter
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.clock import Clock
from prongsai.monitoring.engine.fetch import ErrorCode, FetchConfig, Fetcher, FetchResult, open_fetcher, origin_of
from prongsai.monitoring.engine.links import LinkExtractor, extract_links_html, is_html, parse_sitemap
from prongsai.monitoring.engine.politeness import Politeness, PolitenessConfig
from prongsai.monitoring.engine.render import RenderConfig, Renderer
from prongsai.monitoring.engine.robots import ROBOTS_MAX_BYTES, RobotsRules, robots_fetch
from prongsai.monitoring.engine.urls import (
    ShapeCounter,
    TrapConfig,
    canonical_url,
    in_site_scope,
    trap_reason,
    url_host,
)


class Source(StrEnum):
    """Why a URL was in the frontier; also its priority, in this order."""

    SEED = "seed"
    HOME = "home"
    CANDIDATE = "candidate"
    """A link whose text names what the check looks for (a checklist item): fetched before the rest."""
    SITEMAP = "sitemap"
    LINK = "link"


class ResponseKind(StrEnum):
    """What a fetched response was for: a page of the site, its robots.txt, or a sitemap file."""

    PAGE = "page"
    ROBOTS = "robots"
    SITEMAP = "sitemap"


class StopReason(StrEnum):
    """Why a crawl ended: it ran out of URLs (``complete``) or a budget ended it."""

    COMPLETE = "complete"
    PAGES = "pages"
    BYTES = "bytes"
    TIME = "time"


_RANK = {Source.SEED: 0, Source.HOME: 1, Source.CANDIDATE: 2, Source.SITEMAP: 3, Source.LINK: 4}
_SITEMAP_FILE_RANK = 2


@dataclass(frozen=True)
class CrawlConfig:
    """Budgets and limits of one site's crawl; the defaults suit one unit's website in a national round.

    ``max_pages`` (500 page fetches; robots.txt and sitemap files not
    counted), ``max_bytes`` (200 MiB of bodies, everything counted),
    ``max_seconds`` (900 s of wall time), ``max_depth`` (5 links from the home
    page or a seed), ``workers`` (2 fetches in flight per site; the per-host
    politeness limit applies on top), ``max_frontier`` (20,000 waiting URLs).
    Sitemaps: at most ``max_sitemap_files`` (20) files of ``sitemap_max_bytes``
    (10 MiB) and ``max_sitemap_urls`` (10,000) URLs in all.
    """

    max_pages: int = 500
    max_bytes: int = 200 * 1024 * 1024
    max_seconds: float = 900.0
    max_depth: int = 5
    workers: int = 2
    max_frontier: int = 20_000
    use_sitemaps: bool = True
    max_sitemap_files: int = 20
    sitemap_max_bytes: int = 10 * 1024 * 1024
    max_sitemap_urls: int = 10_000
    robots_max_bytes: int = ROBOTS_MAX_BYTES
    fetch: FetchConfig = field(default_factory=FetchConfig)
    politeness: PolitenessConfig = field(default_factory=PolitenessConfig)
    traps: TrapConfig = field(default_factory=TrapConfig)
    render: RenderConfig = field(default_factory=RenderConfig)
    """Which pages a browser runs (when the crawl is given one): see :class:`~.render.RenderConfig`."""


@dataclass(frozen=True)
class CrawledResponse:
    """One fetched response handed to the caller: the result, what it was for, and how the crawl reached it.

    ``rendered`` is the same page as a browser leaves it after running its scripts (when it was rendered):
    what a person reads. ``result`` stays what the server sent, the record kept as evidence.
    """

    result: FetchResult
    kind: ResponseKind
    source: Source | None
    depth: int
    referrer: str | None
    rendered: FetchResult | None = None


OnResponse = Callable[[CrawledResponse], Awaitable[None]]
Wanted = Callable[[str], bool]
"""Say whether a link's text names something the check looks for: such links are fetched first."""


@dataclass
class CrawlStats:
    """What a crawl did: pages and bytes fetched, seconds taken, errors and skips by kind, and why it stopped.

    ``errors`` counts fetch error codes and HTTP statuses of 400 and above
    (``http_404``); ``skipped`` counts URLs not fetched (``off_site``,
    ``robots``, ``url_shape_cap``, a trap reason, ``too_deep`` ...).
    """

    pages: int = 0
    requests: int = 0
    bytes: int = 0
    rendered: int = 0
    """Pages a browser ran (their scripts' requests count in ``requests`` and ``bytes``)."""
    seconds: float = 0.0
    errors: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    stopped_by: StopReason = StopReason.COMPLETE


@dataclass(frozen=True)
class CrawlResult:
    """The outcome of one site's crawl: its start URL, statistics and the robots rules of its start origin."""

    start_url: str
    stats: CrawlStats
    robots: RobotsRules | None = None
    sitemaps: tuple[str, ...] = ()


@dataclass(order=True)
class _Entry:
    """A frontier entry, ordered by rank, then depth, then arrival."""

    rank: int
    depth: int
    sequence: int
    url: str = field(compare=False)
    source: Source = field(compare=False)
    kind: ResponseKind = field(compare=False)
    referrer: str | None = field(compare=False, default=None)


_SCRIPT = re.compile(rb"<script", re.IGNORECASE)
_CUSTOM_ELEMENT = re.compile(rb"<([a-z][a-z0-9]*(?:-[a-z0-9]+)+)[\s/>]", re.IGNORECASE)
"""A custom element's start tag: its name has a hyphen (``<main-menu>``), which no element of HTML itself has."""
_SCRIPT_CACHE_BYTES = 16 * 1024 * 1024


def _is_script(result: FetchResult) -> bool:
    """Say whether a response is a script (kept for the site's next renders; data requests are not)."""
    content_type = (result.content_type or "").lower()
    return "javascript" in content_type or result.final_url.split("?", 1)[0].lower().endswith((".js", ".mjs"))


async def _ignore(_: CrawledResponse) -> None:
    """Drop a response (the default when the caller keeps nothing)."""


class _SiteCrawl:
    """The state of one site's crawl; :func:`crawl_site` is its public face."""

    def __init__(
        self,
        start_url: str,
        *,
        seeds: Iterable[str],
        config: CrawlConfig,
        fetcher: Fetcher,
        clock: Clock,
        on_response: OnResponse,
        extract_links: LinkExtractor,
        wanted: Wanted | None = None,
        renderer: Renderer | None = None,
    ) -> None:
        """Prepare the crawl of ``start_url``; nothing is fetched yet."""
        self.wanted = wanted
        self.renderer = renderer
        self.scripts: dict[str, FetchResult] = {}
        """The site's scripts fetched for rendering, kept for its next pages (they repeat on every page)."""
        self.script_bytes = 0
        self.elements: set[bytes] = set()
        """The custom elements (``<main-menu>``) of the pages rendered so far: a browser has seen what they write."""
        self.element_renders = 0
        self.start_url = start_url
        self.seeds = list(seeds)
        self.config = config
        self.fetcher = fetcher
        self.clock = clock
        self.on_response = on_response
        self.extract_links = extract_links
        self.host = url_host(start_url)
        self.stats = CrawlStats()
        self.frontier: list[_Entry] = []
        self.seen: set[str] = set()
        self.seed_urls: set[str] = set()
        self.shapes = ShapeCounter(config.traps.max_urls_per_shape)
        self.robots: dict[str, RobotsRules] = {}
        self.robots_locks: dict[str, asyncio.Lock] = {}
        self.sitemap_files: list[str] = []
        self.sitemap_urls = 0
        self.sequence = 0
        self.in_flight = 0
        self.stop: StopReason | None = None
        self.changed = asyncio.Condition()

    async def run(self) -> CrawlResult:
        """Crawl until the frontier is empty or a budget ends it; return the statistics."""
        started = self.clock.monotonic()
        self.deadline = started + self.config.max_seconds
        try:
            async with asyncio.timeout(self.config.max_seconds):
                await self._seed_frontier()
                workers = [asyncio.create_task(self._worker()) for _ in range(max(1, self.config.workers))]
                try:
                    await asyncio.gather(*workers)
                finally:
                    for worker in workers:
                        worker.cancel()
        except TimeoutError:
            self.stop = StopReason.TIME
        self.stats.seconds = self.clock.monotonic() - started
        self.stats.stopped_by = self.stop or StopReason.COMPLETE
        origin = origin_of(self.start_url)
        return CrawlResult(self.start_url, self.stats, self.robots.get(origin), tuple(self.sitemap_files))

    async def _seed_frontier(self) -> None:
        """Read the start origin's robots.txt, then queue seeds, the home page and the sitemap files."""
        rules = await self._robots_for(self.start_url)
        for seed in self.seeds:
            canonical = canonical_url(seed)
            if canonical is None:
                self.stats.skipped["unusable_url"] += 1
                continue
            self.seed_urls.add(canonical)
            self._push(canonical, Source.SEED, ResponseKind.PAGE, 0, None)
        self._push(self.start_url, Source.HOME, ResponseKind.PAGE, 0, None)
        if self.config.use_sitemaps:
            origin = origin_of(self.start_url)
            listed = [
                s
                for s in (canonical_url(s, base=f"{origin}/") for s in rules.sitemaps)
                if s and in_site_scope(s, self.host)
            ]
            for sitemap in [*listed, f"{origin}/sitemap.xml"]:
                self._push(sitemap, Source.SITEMAP, ResponseKind.SITEMAP, 0, None)

    def _push(self, url: str, source: Source, kind: ResponseKind, depth: int, referrer: str | None) -> None:
        """Queue a canonical URL unless it was queued before."""
        if url in self.seen:
            return
        if len(self.frontier) >= self.config.max_frontier:
            self.stats.skipped["frontier_full"] += 1
            return
        self.seen.add(url)
        self.sequence += 1
        rank = _SITEMAP_FILE_RANK if kind is ResponseKind.SITEMAP else _RANK[source]
        heapq.heappush(self.frontier, _Entry(rank, depth, self.sequence, url, source, kind, referrer))

    def _admit(self, url: str, depth: int) -> str | None:
        """Say why a discovered canonical URL is not queued (``off_site``, a trap reason ...) or ``None``."""
        if url in self.seen:
            return ""
        if not in_site_scope(url, self.host):
            return "off_site"
        if depth > self.config.max_depth:
            return "too_deep"
        reason = trap_reason(url, self.config.traps)
        if reason is not None:
            return reason
        if not self.shapes.admit(url):
            return "url_shape_cap"
        return None

    def _discover(self, links: Iterable[str | tuple[str, str]], *, base: str, source: Source, depth: int) -> None:
        """Canonicalise, filter and queue discovered URLs (with their anchor text, when a page gave one)."""
        for link in links:
            raw, text = link if isinstance(link, tuple) else (link, "")
            canonical = canonical_url(raw, base=base)
            if canonical is None:
                self.stats.skipped["unusable_url"] += 1
                continue
            reason = self._admit(canonical, depth)
            if reason:
                self.stats.skipped[reason] += 1
            elif reason is None:
                wanted = source is Source.LINK and bool(text) and self.wanted is not None and self.wanted(text)
                self._push(canonical, Source.CANDIDATE if wanted else source, ResponseKind.PAGE, depth, base)

    async def _robots_for(self, url: str) -> RobotsRules:
        """Return the robots rules of ``url``'s origin, fetching robots.txt the first time (once per origin)."""
        origin = origin_of(url)
        rules = self.robots.get(origin)
        if rules is not None:
            return rules
        lock = self.robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            rules = self.robots.get(origin)
            if rules is None:
                rules, result = await robots_fetch(self.fetcher, origin, max_bytes=self.config.robots_max_bytes)
                self.robots[origin] = rules
                if self.fetcher.politeness is not None:
                    self.fetcher.politeness.set_crawl_delay(url_host(url), rules.crawl_delay)
                self._account(result, page=False)
                await self.on_response(CrawledResponse(result, ResponseKind.ROBOTS, None, 0, None))
        return rules

    def _account(self, result: FetchResult, *, page: bool) -> None:
        """Add a result to the statistics: bytes and requests always, errors for pages only.

        A missing robots.txt or ``/sitemap.xml`` is normal, not a fault of the site.
        """
        self.stats.requests += 1
        self.stats.bytes += len(result.body)
        if not page:
            return
        if result.error is not None:
            self.stats.errors[str(result.error)] += 1
        elif result.status is not None and result.status >= 400:
            self.stats.errors[f"http_{result.status}"] += 1

    def _budget_stop(self) -> StopReason | None:
        """Return the budget that is spent, if any."""
        if self.stats.bytes >= self.config.max_bytes:
            return StopReason.BYTES
        if self.clock.monotonic() >= self.deadline:
            return StopReason.TIME
        return None

    async def _worker(self) -> None:
        """Take the best frontier entry, fetch it, hand it over, discover more; until done or stopped."""
        while self.stop is None:
            if not self.frontier:
                if self.in_flight == 0:
                    async with self.changed:
                        self.changed.notify_all()
                    return
                async with self.changed:
                    # Re-checked under the lock, so a wake-up sent just before we waited is not lost.
                    await self.changed.wait_for(
                        lambda: bool(self.frontier) or not self.in_flight or self.stop is not None
                    )
                continue
            entry = heapq.heappop(self.frontier)
            spent = self._budget_stop()
            if spent is None and entry.kind is ResponseKind.PAGE and self.stats.pages >= self.config.max_pages:
                spent = StopReason.PAGES
            if spent is not None:
                self.stop = spent
                async with self.changed:
                    self.changed.notify_all()
                return
            # Reserve the page before any await, so concurrent workers cannot overrun the page budget.
            reserved = entry.kind is ResponseKind.PAGE
            self.stats.pages += reserved
            self.in_flight += 1
            try:
                if not await self._process(entry):
                    self.stats.pages -= reserved
            finally:
                self.in_flight -= 1
                async with self.changed:
                    self.changed.notify_all()

    async def _process(self, entry: _Entry) -> bool:
        """Fetch one frontier entry (a page or a sitemap file) and act on what came back; say if it was fetched."""
        is_seed = entry.source is Source.SEED
        rules = await self._robots_for(entry.url)
        if not rules.allows(entry.url, seed=is_seed):
            self.stats.skipped["robots"] += 1
            return False
        if entry.kind is ResponseKind.SITEMAP:
            if len(self.sitemap_files) >= self.config.max_sitemap_files:
                self.stats.skipped["sitemap_limit"] += 1
                return False
            self.sitemap_files.append(entry.url)
        remaining = max(0, self.config.max_bytes - self.stats.bytes)
        cap = self.config.sitemap_max_bytes if entry.kind is ResponseKind.SITEMAP else self.config.fetch.max_bytes
        result = await self.fetcher.fetch(
            entry.url, max_bytes=min(cap, remaining), hop_check=self._hop_check(may_leave=is_seed)
        )
        self._account(result, page=entry.kind is ResponseKind.PAGE)
        if result.final_url != entry.url:
            final = canonical_url(result.final_url)
            if final is not None:
                self.seen.add(final)
        links: list[str | tuple[str, str]] | None = None
        rendered = None
        if (
            result.ok
            and entry.kind is ResponseKind.PAGE
            and is_html(result)
            and in_site_scope(result.final_url, self.host)
        ):
            links = list(self.extract_links(result))
            rendered = await self._render(entry, result, len(links))
            if rendered is not None:
                links += self.extract_links(rendered)
        await self.on_response(CrawledResponse(result, entry.kind, entry.source, entry.depth, entry.referrer, rendered))
        if not result.ok:
            return True
        if entry.kind is ResponseKind.SITEMAP:
            self._read_sitemap(result)
        elif links is not None:
            self._discover(links, base=result.final_url, source=Source.LINK, depth=entry.depth + 1)
        return True

    async def _render(self, entry: _Entry, result: FetchResult, links: int) -> FetchResult | None:
        """Run the page's scripts in the browser when it has some and looks filled by them; None when not run.

        The start page is always run (menus written by script hide the whole site); another page only when its
        served HTML has few links (the list or table its scripts fill is missing). A site gets
        ``render.max_pages`` runs, and ``render.max_element_pages`` more for pages with custom elements that no
        rendered page had.
        """
        config = self.config.render
        if self.renderer is None or not _SCRIPT.search(result.body):
            return None
        elements = {match.group(1).lower() for match in _CUSTOM_ELEMENT.finditer(result.body)}
        wanted = entry.source is Source.HOME or links < config.thin_links
        if not (wanted and self.stats.rendered < config.max_pages):
            # Past the budget, a page still runs when it holds a custom element no rendered page had
            # ("<side-menu>" on the about pages, where the home page has "<main-menu>"): the site's scripts
            # write what it holds, and no page read so far shows it.
            unseen = bool(elements - self.elements) and self.stats.rendered > 0
            if not unseen or self.element_renders >= config.max_element_pages:
                return None
            self.element_renders += 1
        self.elements |= elements
        self.stats.rendered += 1
        return await self.renderer.render(result, self._script_fetch)

    async def _script_fetch(self, url: str) -> FetchResult | None:
        """Fetch what a rendered page asks for: only on this site, allowed by robots, within the byte budget."""
        canonical = canonical_url(url)
        if canonical is None or not in_site_scope(canonical, self.host) or self._budget_stop() is not None:
            return None
        kept = self.scripts.get(url)
        if kept is not None:
            return kept
        rules = await self._robots_for(canonical)
        if not rules.allows(canonical, seed=False):
            self.stats.skipped["robots"] += 1
            return None
        remaining = max(0, self.config.max_bytes - self.stats.bytes)

        async def stay(target: str) -> tuple[ErrorCode, str] | None:
            if in_site_scope(target, self.host):
                return None
            return ErrorCode.REDIRECT_REFUSED, f"redirect leaves the site: {target}"

        result = await self.fetcher.fetch(url, max_bytes=min(self.config.fetch.max_bytes, remaining), hop_check=stay)
        self._account(result, page=False)
        if result.ok and _is_script(result) and self.script_bytes + len(result.body) <= _SCRIPT_CACHE_BYTES:
            self.scripts[url] = result
            self.script_bytes += len(result.body)
        return result

    def _read_sitemap(self, result: FetchResult) -> None:
        """Queue the URLs and nested sitemaps a sitemap file lists, within the sitemap limits."""
        room = max(0, self.config.max_sitemap_urls - self.sitemap_urls)
        content = parse_sitemap(result.body, max_bytes=self.config.sitemap_max_bytes, max_urls=room)
        if content.error:
            self.stats.errors["bad_sitemap"] += 1
        self.sitemap_urls += len(content.urls) + len(content.sitemaps)
        for nested in content.sitemaps:
            canonical = canonical_url(nested, base=result.final_url)
            if canonical is not None and in_site_scope(canonical, self.host):
                self._push(canonical, Source.SITEMAP, ResponseKind.SITEMAP, 0, result.final_url)
        self._discover(content.urls, base=result.final_url, source=Source.SITEMAP, depth=1)

    def _hop_check(self, *, may_leave: bool) -> Callable[[str], Awaitable[tuple[ErrorCode, str] | None]]:
        """Build the redirect check: stay in scope (seeds may leave it), obey robots, never fetch a URL twice."""

        async def check(target: str) -> tuple[ErrorCode, str] | None:
            if not may_leave and not in_site_scope(target, self.host):
                self.stats.skipped["off_site_redirect"] += 1
                return ErrorCode.REDIRECT_REFUSED, f"redirect leaves the site: {target}"
            if target in self.seen:
                self.stats.skipped["redirect_to_fetched"] += 1
                return ErrorCode.ALREADY_FETCHED, f"redirect to a URL this crawl fetches anyway: {target}"
            rules = await self._robots_for(target)
            if not rules.allows(target, seed=may_leave):
                self.stats.skipped["robots"] += 1
                return ErrorCode.REDIRECT_REFUSED, f"robots.txt disallows the redirect target {target}"
            self.seen.add(target)
            return None

        return check


async def crawl_site(
    start_url: str,
    *,
    seeds: Iterable[str] = (),
    config: CrawlConfig,
    policy: AddressPolicy,
    clock: Clock,
    on_response: OnResponse | None = None,
    extract_links: LinkExtractor = extract_links_html,
    fetcher: Fetcher | None = None,
    politeness: Politeness | None = None,
    rng: random.Random | None = None,
    wanted: Wanted | None = None,
    renderer: Renderer | None = None,
) -> CrawlResult:
    """Crawl the site at ``start_url`` (its home page) within ``config``'s budgets, seeds first.

    ``seeds`` are the registered item URLs: fetched first, even off the site
    (the unit told us where the item is; no links are followed from an
    off-site page). ``on_response`` receives every fetched response as it
    arrives. Pass ``fetcher`` to reuse a session; otherwise one is opened for
    this crawl with ``politeness`` (shared across sites by :func:`crawl_many`).
    ``wanted`` says which link texts name what the check looks for: those links are fetched first.
    ``renderer`` runs the scripts of the pages that need it (:meth:`_SiteCrawl._render`); without one, none is.
    """
    canonical = canonical_url(start_url)
    if canonical is None:
        stats = CrawlStats()
        stats.errors[str(ErrorCode.INVALID_URL)] += 1
        return CrawlResult(start_url, stats)
    callback = on_response or _ignore
    if fetcher is not None:
        return await _SiteCrawl(
            canonical, seeds=seeds, config=config, fetcher=fetcher, clock=clock, on_response=callback,
            extract_links=extract_links, wanted=wanted, renderer=renderer,
        ).run()  # fmt: skip
    gate = politeness or Politeness(config.politeness, clock)
    async with open_fetcher(config=config.fetch, policy=policy, clock=clock, politeness=gate, rng=rng) as own:
        return await _SiteCrawl(
            canonical, seeds=seeds, config=config, fetcher=own, clock=clock, on_response=callback,
            extract_links=extract_links, wanted=wanted, renderer=renderer,
        ).run()  # fmt: skip


@dataclass(frozen=True)
class SiteRequest:
    """One site for :func:`crawl_many`: the caller's key for it, its home page and its registered item URLs."""

    key: str
    start_url: str
    seeds: tuple[str, ...] = ()


SiteResponse = Callable[[SiteRequest, CrawledResponse], Awaitable[None]]
SiteDone = Callable[[SiteRequest, CrawlResult], Awaitable[None]]


async def crawl_many(
    sites: Iterable[SiteRequest] | AsyncIterable[SiteRequest],
    *,
    config: CrawlConfig,
    policy: AddressPolicy,
    clock: Clock,
    on_response: SiteResponse | None = None,
    on_site_done: SiteDone | None = None,
    max_sites: int = 8,
    extract_links: LinkExtractor = extract_links_html,
    renderer: Renderer | None = None,
) -> int:
    """Crawl many sites concurrently, at most ``max_sites`` at once; return how many were crawled.

    ``sites`` is consumed lazily and each finished site is handed to
    ``on_site_done`` and forgotten, so memory follows ``max_sites``, not the
    number of sites. One politeness state is shared, so two units on the same
    host still get at most the per-host limit together.
    """
    politeness = Politeness(config.politeness, clock)
    running: set[asyncio.Task[None]] = set()
    done = 0

    async def one(site: SiteRequest) -> None:
        async def forward(response: CrawledResponse) -> None:
            if on_response is not None:
                await on_response(site, response)

        result = await crawl_site(
            site.start_url, seeds=site.seeds, config=config, policy=policy, clock=clock, on_response=forward,
            extract_links=extract_links, politeness=politeness, renderer=renderer,
        )  # fmt: skip
        if on_site_done is not None:
            await on_site_done(site, result)

    async def settle(block_until_below: int) -> None:
        nonlocal done
        while len(running) >= block_until_below and running:
            finished, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for task in finished:
                running.discard(task)
                task.result()  # a bug in a callback must surface, not vanish
                done += 1

    try:
        async for site in _aiter(sites):
            await settle(max(1, max_sites))
            running.add(asyncio.create_task(one(site)))
        await settle(1)
    finally:
        # On an error (or cancellation) no site crawl is left running unowned.
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
    return done


async def _aiter(sites: Iterable[SiteRequest] | AsyncIterable[SiteRequest]) -> AsyncIterable[SiteRequest]:
    """Iterate a plain or an async iterable of sites the same way."""
    if isinstance(sites, AsyncIterable):
        async for site in sites:
            yield site
    else:
        for site in sites:
            yield site
