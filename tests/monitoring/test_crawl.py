"""The crawler: order (seeds, home, sitemaps, links), once per URL, scope, traps, robots, budgets, many sites."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace

from aiohttp import web

from prongsai.monitoring.engine.crawl import (
    CrawlConfig,
    CrawledResponse,
    CrawlResult,
    ResponseKind,
    SiteRequest,
    Source,
    StopReason,
    crawl_many,
    crawl_site,
)
from prongsai.monitoring.engine.fetch import ErrorCode, FetchConfig
from prongsai.monitoring.engine.politeness import PolitenessConfig
from prongsai.monitoring.engine.urls import TrapConfig
from tests.monitoring.fetch_loopback import FakeClock, Server, html, redirect, run_async, serve

CONFIG = CrawlConfig(
    workers=2,
    fetch=FetchConfig(total_timeout=2.0, max_retries=0),
    politeness=PolitenessConfig(min_delay=0.0, per_host_concurrency=2),
    traps=TrapConfig(max_urls_per_shape=5),
)

HOME = """<html><head><title>หน้าแรก</title></head><body>
<a href="/about">เกี่ยวกับเรา</a> <a href="/about">again</a> <a href="/about#team">team</a>
<a href="/ข่าว/ประกาศ">ข่าว</a> <a href="/private/report">report</a>
<a href="/s;jsessionid=ABC123?x=1&PHPSESSID=zz&utm_source=mail">session</a> <a href="/s?x=1&sid=42">same</a>
<a href="/cal?day=1">calendar</a> <a href="http://localhost:9/elsewhere">off-site</a>
<a href="mailto:a@b.go.th">mail</a>
<a href="/plan.pdf">plan</a> <a href="javascript:void(0)">js</a>
</body></html>"""

ROBOTS = "User-agent: *\nDisallow: /private\n\nSitemap: /sitemap-index.xml\n"
INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>/sitemap-pages.xml</loc></sitemap>
</sitemapindex>"""
PAGES = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>/only-in-sitemap</loc></url>
  <url><loc>/about</loc></url>
  <url><loc>http://localhost:9/not-ours</loc></url>
</urlset>"""


async def calendar(request: web.Request) -> web.StreamResponse:
    """An endless calendar: every day links to the next one."""
    day = int(request.query.get("day", "1"))
    return web.Response(text=f'<a href="/cal?day={day + 1}">next</a>', content_type="text/html")


async def pdf(request: web.Request) -> web.StreamResponse:
    """A document whose bytes happen to contain a link; documents are not parsed for links."""
    return web.Response(body=b'%PDF-1.4 <a href="/hidden">x</a>', content_type="application/pdf")


def site_routes() -> dict[str, object]:
    """The routes of the small test site."""
    return {
        "/": html(HOME),
        "/robots.txt": _text(ROBOTS),
        "/sitemap-index.xml": _xml(INDEX),
        "/sitemap-pages.xml": _xml(PAGES),
        "/about": html('<a href="/">home</a><a href="/about/">slash</a>'),
        "/about/": html("about"),
        "/ข่าว/ประกาศ": html("ประกาศ"),
        "/s": html("session page"),
        "/cal": calendar,
        "/plan.pdf": pdf,
        "/only-in-sitemap": html("listed"),
        "/seed-1": html("seed one"),
        "/seed-2": html("seed two"),
    }


def _text(body: str):  # type: ignore[no-untyped-def]
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(text=body, content_type="text/plain")

    return handler


def _xml(body: str):  # type: ignore[no-untyped-def]
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(text=body, content_type="application/xml")

    return handler


def run_crawl(
    routes: dict[str, object],
    *,
    config: CrawlConfig = CONFIG,
    seeds: tuple[str, ...] = (),
    clock: FakeClock | None = None,
    wanted: Callable[[str], bool] | None = None,
) -> tuple[CrawlResult, Server, list[CrawledResponse]]:
    """Serve ``routes``, crawl them from ``/`` and return the result, the server log and the responses in order."""
    responses: list[CrawledResponse] = []

    async def keep(response: CrawledResponse) -> None:
        responses.append(response)

    async def scenario() -> tuple[CrawlResult, Server]:
        async with serve(routes) as server:
            result = await crawl_site(
                server.url("/"),
                seeds=[server.url(s) for s in seeds],
                config=config,
                policy=server.policy,
                clock=clock or FakeClock(),
                on_response=keep,
                wanted=wanted,
            )
            return result, server

    result, server = run_async(scenario())
    return result, server, responses


def test_links_whose_text_names_what_the_check_wants_are_fetched_first() -> None:
    news = "".join(f'<a href="/news/{n}">ข่าวที่ {n}</a>' for n in range(20))
    routes = {
        "/robots.txt": _text(""),
        "/": html(news + '<a href="/about/structure">โครงสร้างองค์กร</a>'),
        **{f"/news/{n}": html("ข่าว") for n in range(20)},
        "/about/structure": html("แผนผัง"),
    }
    config = replace(CONFIG, max_pages=4, use_sitemaps=False, workers=1)
    _, plain, _ = run_crawl(routes, config=config)
    _, wanted, _ = run_crawl(routes, config=config, wanted=lambda text: "โครงสร้าง" in text)
    assert plain.requests == ["/robots.txt", "/", "/news/0", "/news/1", "/news/2"]
    assert wanted.requests == ["/robots.txt", "/", "/about/structure", "/news/0", "/news/1"]


def test_the_site_is_crawled_with_every_url_fetched_once() -> None:
    result, server, responses = run_crawl(site_routes())
    assert sorted(set(server.requests)) == sorted(server.requests), "a URL was fetched twice"
    assert result.stats.stopped_by is StopReason.COMPLETE
    fetched = set(server.requests)
    assert {"/", "/about", "/about/", "/s?x=1", "/only-in-sitemap", "/plan.pdf"} <= fetched
    assert "/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%81%E0%B8%B2%E0%B8%A8" in fetched
    assert result.stats.pages == len([r for r in responses if r.kind is ResponseKind.PAGE])
    assert result.stats.bytes == sum(len(r.result.body) for r in responses)
    assert sorted(result.sitemaps) == [
        server.url("/sitemap-index.xml"),
        server.url("/sitemap-pages.xml"),
        server.url("/sitemap.xml"),
    ]


def test_session_ids_and_tracking_parameters_are_stripped() -> None:
    _, server, _ = run_crawl(site_routes())
    session_requests = [p for p in server.requests if p.startswith("/s")]
    assert [p for p in session_requests if not p.startswith("/sitemap")] == ["/s?x=1"]


def test_off_site_links_robots_disallowed_paths_and_document_links_are_not_followed() -> None:
    result, server, _ = run_crawl(site_routes())
    assert not any(p.startswith("/private") for p in server.requests)
    assert "/hidden" not in server.requests
    assert result.stats.skipped["off_site"] == 2  # one link on the home page, one sitemap entry
    assert result.stats.skipped["robots"] == 1


def test_the_calendar_trap_is_capped_per_url_shape() -> None:
    result, server, _ = run_crawl(site_routes(), config=replace(CONFIG, max_depth=50))
    assert [p for p in server.requests if p.startswith("/cal")] == [f"/cal?day={d}" for d in range(1, 6)]
    assert result.stats.skipped["url_shape_cap"] == 1
    assert result.stats.stopped_by is StopReason.COMPLETE


def test_seeds_come_first_then_the_home_page_then_sitemaps() -> None:
    config = replace(CONFIG, workers=1)
    _, server, responses = run_crawl(site_routes(), config=config, seeds=("/seed-2", "/seed-1"))
    assert server.requests[:4] == ["/robots.txt", "/seed-2", "/seed-1", "/"]
    assert server.requests[4:7] == ["/sitemap-index.xml", "/sitemap.xml", "/sitemap-pages.xml"]
    pages = [r for r in responses if r.kind is ResponseKind.PAGE]
    assert [r.source for r in pages[:3]] == [Source.SEED, Source.SEED, Source.HOME]
    listed = next(r for r in pages if r.result.requested_url.endswith("/only-in-sitemap"))
    assert listed.source is Source.SITEMAP
    about = next(r for r in pages if r.result.requested_url.endswith("/about"))
    assert (about.source, about.depth, about.referrer) == (Source.LINK, 1, server.url("/"))  # home was read first
    assert responses[0].kind is ResponseKind.ROBOTS


def test_the_page_budget_stops_the_crawl() -> None:
    result, server, _ = run_crawl(site_routes(), config=replace(CONFIG, max_pages=3, workers=2))
    assert result.stats.stopped_by is StopReason.PAGES
    assert result.stats.pages == 3
    pages = [p for p in server.requests if p not in ("/robots.txt",) and not p.startswith("/sitemap")]
    assert len(pages) == 3


def test_the_byte_budget_stops_the_crawl() -> None:
    big = "<p>" + "ก" * 4000 + "</p>"  # 12 KB of Thai per page
    routes: dict[str, object] = {"/": html("".join(f'<a href="/p{i}">{i}</a>' for i in range(20)))}
    routes.update({f"/p{i}": html(big) for i in range(20)})
    result, server, _ = run_crawl(routes, config=replace(CONFIG, max_bytes=30_000, use_sitemaps=False, workers=1))
    assert result.stats.stopped_by is StopReason.BYTES
    assert result.stats.bytes <= 30_000
    assert 2 <= len([p for p in server.requests if p.startswith("/p")]) <= 3


def test_the_time_budget_stops_the_crawl() -> None:
    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.2)
        return web.Response(
            text='<a href="/next' + request.path.removeprefix("/") + 'x">more</a>', content_type="text/html"
        )

    config = replace(CONFIG, max_seconds=0.5, use_sitemaps=False, workers=1)

    async def scenario() -> CrawlResult:
        async with serve({"/robots.txt": _text("")}, default=slow) as server:
            return await crawl_site(server.url("/"), config=config, policy=server.policy, clock=FakeClock())

    result = run_async(scenario())
    assert result.stats.stopped_by is StopReason.TIME
    # Each page takes at least 0.2 s, so no more than three fit in the half second, however fast the machine.
    assert result.stats.pages <= 3


async def _timed(scenario):  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    begun = loop.time()
    result = await scenario()
    return result, loop.time() - begun


def test_redirects_inside_the_site_count_once_and_off_site_redirects_are_refused() -> None:
    routes = {
        "/": html('<a href="/old">old</a><a href="/new">new</a><a href="/away">away</a>'),
        "/old": redirect("/new"),
        "/new": html("new"),
        "/away": redirect("http://localhost:9/outside"),
    }
    result, server, responses = run_crawl(routes, config=replace(CONFIG, workers=1, use_sitemaps=False))
    assert server.count("/new") == 1
    old = next(r.result for r in responses if r.result.requested_url.endswith("/old"))
    assert old.error is ErrorCode.ALREADY_FETCHED or old.final_url.endswith("/new")
    away = next(r.result for r in responses if r.result.requested_url.endswith("/away"))
    assert away.error is ErrorCode.REDIRECT_REFUSED
    assert away.final_url == "http://localhost:9/outside"
    assert result.stats.skipped["off_site_redirect"] == 1


def test_a_seed_may_redirect_off_site_but_its_links_are_not_followed() -> None:
    async def scenario() -> tuple[list[CrawledResponse], Server, Server]:
        responses: list[CrawledResponse] = []

        async def keep(response: CrawledResponse) -> None:
            responses.append(response)

        async with (
            serve({"/doc": html('<a href="/deeper">deeper</a>')}) as other,
            serve({"/": html("home"), "/seed": redirect(f"http://127.0.0.1:{other.port}/doc")}) as server,
        ):
            policy = replace(server.policy, allow_endpoints=(("127.0.0.1", server.port), ("127.0.0.1", other.port)))
            await crawl_site(
                f"http://localhost:{server.port}/",
                seeds=[f"http://localhost:{server.port}/seed"],
                config=replace(CONFIG, use_sitemaps=False),
                policy=policy,
                clock=FakeClock(),
                on_response=keep,
            )
        return responses, server, other

    responses, _server, other = run_async(scenario())
    seed = next(r.result for r in responses if r.source is Source.SEED)
    assert seed.status == 200
    assert seed.final_url == f"http://127.0.0.1:{other.port}/doc"
    assert "/deeper" not in other.requests


def test_many_sites_are_crawled_with_a_global_limit() -> None:
    running = 0
    peak = 0
    finished: dict[str, int] = {}

    async def on_response(site: SiteRequest, response: CrawledResponse) -> None:
        nonlocal running, peak
        if response.kind is ResponseKind.ROBOTS:
            running += 1
            peak = max(peak, running)
        await asyncio.sleep(0.01)

    async def on_done(site: SiteRequest, result: CrawlResult) -> None:
        nonlocal running
        running -= 1
        finished[site.key] = result.stats.pages

    async def scenario() -> int:
        async with (
            serve({"/": html('<a href="/a">a</a>'), "/a": html("a")}) as one,
            serve({"/": html("only home")}) as two,
            serve({"/": html('<a href="/b">b</a>'), "/b": html("b"), "/c": html("c")}) as three,
        ):
            servers = {"one": one, "two": two, "three": three}
            sites = (
                SiteRequest(key, s.url("/"), seeds=(s.url("/c"),) if key == "three" else ())
                for key, s in servers.items()
            )
            policy = replace(one.policy, allow_endpoints=tuple(("127.0.0.1", s.port) for s in servers.values()))
            return await crawl_many(
                sites,
                config=replace(CONFIG, use_sitemaps=False),
                policy=policy,
                clock=FakeClock(),
                on_response=on_response,
                on_site_done=on_done,
                max_sites=2,
            )

    assert run_async(scenario()) == 3
    assert finished == {"one": 2, "two": 1, "three": 3}
    assert peak == 2
