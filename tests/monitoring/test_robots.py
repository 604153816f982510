"""robots.txt: how each answer is read, our user agent's group, Crawl-delay and request spacing, Sitemap lines."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from aiohttp import web

from prongsai.monitoring.engine.clock import SystemClock
from prongsai.monitoring.engine.crawl import CrawlConfig, CrawlResult, crawl_site
from prongsai.monitoring.engine.fetch import ErrorCode, FetchConfig, FetchResult, open_fetcher
from prongsai.monitoring.engine.politeness import Politeness, PolitenessConfig
from prongsai.monitoring.engine.robots import RobotsState, robots_fetch, robots_from_result, robots_token
from tests.monitoring.fetch_loopback import FakeClock, Server, html, run_async, serve

CONFIG = CrawlConfig(
    workers=1,
    use_sitemaps=False,
    fetch=FetchConfig(total_timeout=2.0, max_retries=0),
    politeness=PolitenessConfig(min_delay=0.0),
)
UA = FetchConfig().user_agent
HOME = html('<a href="/a">a</a><a href="/b">b</a><a href="/c">c</a>')


def text(body: str, status: int = 200):  # type: ignore[no-untyped-def]
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(text=body, status=status, content_type="text/plain")

    return handler


def answer(status: int | None, body: bytes = b"", error: ErrorCode | None = None) -> FetchResult:
    return FetchResult("http://x.go.th/robots.txt", "http://x.go.th/robots.txt", status=status, body=body, error=error)


@pytest.mark.parametrize(
    ("status", "error", "state"),
    [
        (200, None, RobotsState.RULES),
        (404, None, RobotsState.ALLOW_ALL),
        (410, None, RobotsState.ALLOW_ALL),
        (401, None, RobotsState.ALLOW_ALL),
        (403, None, RobotsState.ALLOW_ALL),
        (500, None, RobotsState.UNREACHABLE),
        (503, None, RobotsState.UNREACHABLE),
        (None, ErrorCode.TIMEOUT, RobotsState.UNREACHABLE),
        (None, ErrorCode.CONNECTION_ERROR, RobotsState.UNREACHABLE),
        (None, ErrorCode.DNS_ERROR, RobotsState.UNREACHABLE),
    ],
)
def test_each_robots_answer_is_read_as_rfc_9309_says(
    status: int | None, error: ErrorCode | None, state: RobotsState
) -> None:
    rules = robots_from_result("http://x.go.th", answer(status, b"User-agent: *\nDisallow: /x\n", error), UA)
    assert rules.state is state


def test_unreachable_robots_disallows_discovery_but_not_registered_item_urls() -> None:
    rules = robots_from_result("http://x.go.th", answer(503), UA)
    assert rules.allows("http://x.go.th/") is False
    assert rules.allows("http://x.go.th/oit/5-1-3", seed=True) is True


def test_an_explicit_disallow_binds_seeds_too() -> None:
    rules = robots_from_result("http://x.go.th", answer(200, b"User-agent: *\nDisallow: /oit/\n"), UA)
    assert rules.allows("http://x.go.th/oit/5-1-3", seed=True) is False
    assert rules.allows("http://x.go.th/news") is True


def test_our_own_user_agent_group_wins_over_the_star_group() -> None:
    body = b"User-agent: *\nAllow: /\n\nUser-agent: ProngsaiMonitor\nDisallow: /reports/\nCrawl-delay: 4\n"
    rules = robots_from_result("http://x.go.th", answer(200, body), UA)
    assert robots_token(UA) == "ProngsaiMonitor"
    assert rules.allows("http://x.go.th/reports/2569.pdf") is False
    assert rules.allows("http://x.go.th/news") is True
    assert rules.crawl_delay == 4.0


def test_sitemap_lines_and_crawl_delay_are_returned() -> None:
    body = (
        b"\xef\xbb\xbfUser-agent: *\nCrawl-delay: 2.5\nDisallow:\n"
        b"Sitemap: https://x.go.th/sitemap_index.xml\nSitemap: https://x.go.th/news-sitemap.xml\n"
    )
    rules = robots_from_result("https://x.go.th", answer(200, body), UA)
    assert rules.crawl_delay == 2.5
    assert rules.sitemaps == ("https://x.go.th/sitemap_index.xml", "https://x.go.th/news-sitemap.xml")


def test_robots_is_fetched_with_its_own_byte_cap() -> None:
    huge = "User-agent: *\nDisallow: /first\n" + "# padding\n" * 200_000

    async def scenario() -> tuple[object, FetchResult]:
        async with (
            serve({"/robots.txt": text(huge)}) as server,
            open_fetcher(config=FetchConfig(), policy=server.policy, clock=FakeClock()) as fetcher,
        ):
            return await robots_fetch(fetcher, server.url("").rstrip("/"), max_bytes=10_000)

    rules, result = run_async(scenario())
    assert result.truncated is True
    assert len(result.body) == 10_000
    assert rules.allows(result.final_url.replace("/robots.txt", "/first")) is False


def crawl(routes: dict[str, object], *, config: CrawlConfig = CONFIG, seeds: tuple[str, ...] = (), clock=None):  # type: ignore[no-untyped-def]
    async def scenario() -> tuple[CrawlResult, Server]:
        async with serve(routes) as server:
            result = await crawl_site(
                server.url("/"),
                seeds=[server.url(s) for s in seeds],
                config=config,
                policy=server.policy,
                clock=clock or FakeClock(),
            )
            return result, server

    return run_async(scenario())


def test_a_robots_5xx_means_only_the_registered_item_urls_are_checked() -> None:
    routes = {"/robots.txt": text("down", status=503), "/": HOME, "/a": html("a"), "/oit/5-1-3": html("เจตจำนง")}
    result, server = crawl(routes, seeds=("/oit/5-1-3",))
    assert server.requests == ["/robots.txt", "/oit/5-1-3"]
    assert result.robots is not None
    assert result.robots.state is RobotsState.UNREACHABLE
    assert result.stats.skipped["robots"] == 1
    assert result.stats.pages == 1


def test_a_missing_robots_allows_everything() -> None:
    result, server = crawl({"/": HOME, "/a": html("a"), "/b": html("b"), "/c": html("c")})
    assert server.requests == ["/robots.txt", "/", "/a", "/b", "/c"]
    assert result.robots is not None
    assert result.robots.state is RobotsState.ALLOW_ALL


def test_robots_rules_are_honoured_and_robots_is_fetched_once() -> None:
    routes = {"/robots.txt": text("User-agent: *\nDisallow: /b\n"), "/": HOME, "/a": html("a"), "/c": html("c")}
    result, server = crawl(routes, config=replace(CONFIG, workers=2))
    assert sorted(server.requests) == ["/", "/a", "/c", "/robots.txt"]
    assert server.count("/robots.txt") == 1
    assert result.stats.skipped["robots"] == 1


def test_crawl_delay_spaces_the_requests_to_the_host() -> None:
    clock = FakeClock()
    routes = {
        "/robots.txt": text("User-agent: *\nCrawl-delay: 3\n"),
        "/": HOME,
        "/a": html("a"),
        "/b": html("b"),
        "/c": html("c"),
    }
    crawl(routes, config=replace(CONFIG, workers=2), clock=clock)
    assert clock.sleeps == [3.0, 3.0, 3.0]  # home at once after robots, then one request every 3 s


def test_crawl_delay_is_capped_at_the_maximum() -> None:
    clock = FakeClock()
    routes = {"/robots.txt": text("User-agent: *\nCrawl-delay: 86400\n"), "/": HOME, "/a": html("a")}
    config = replace(CONFIG, politeness=PolitenessConfig(min_delay=0.0, max_delay=5.0))
    crawl(routes, config=config, clock=clock)
    assert clock.sleeps[:3] == [5.0, 5.0, 5.0]


def test_the_minimum_delay_spaces_real_requests_with_two_in_flight() -> None:
    # Each request may start only one delay after the one before it, so the k-th cannot arrive sooner than
    # k - 1 delays after the crawl began. A busy machine can only make it later: a lower bound holds anyway.
    config = replace(CONFIG, workers=2, politeness=PolitenessConfig(min_delay=0.05, per_host_concurrency=2))

    async def scenario() -> tuple[float, Server]:
        routes = {"/": HOME, "/a": html("a"), "/b": html("b"), "/c": html("c")}
        async with serve(routes) as server:
            began = asyncio.get_running_loop().time()
            await crawl_site(server.url("/"), config=config, policy=server.policy, clock=SystemClock())
            return began, server

    began, server = run_async(scenario())
    assert len(server.times) == 5
    for k, arrived in enumerate(sorted(server.times)):
        assert arrived - began >= k * 0.05 - 1e-3


def test_per_host_concurrency_is_never_exceeded() -> None:
    in_flight = 0
    peak = 0

    async def slow(request: web.Request) -> web.StreamResponse:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.05)
        in_flight -= 1
        return web.Response(text="x", content_type="text/html")

    async def scenario() -> None:
        politeness = Politeness(PolitenessConfig(min_delay=0.0, per_host_concurrency=2), SystemClock())
        async with (
            serve({}, default=slow) as server,
            open_fetcher(
                config=FetchConfig(), policy=server.policy, clock=SystemClock(), politeness=politeness
            ) as fetcher,
        ):
            await asyncio.gather(*(fetcher.fetch(server.url(f"/{i}")) for i in range(8)))
        assert politeness.active_hosts() == 0

    run_async(scenario())
    assert peak == 2
