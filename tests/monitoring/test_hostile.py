"""Hostile sites must not hang, flood or steer the monitor: loops, endless and slow bodies, bombs, redirects inward."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import io
import ssl
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from aiohttp import web

from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.classify import PageSummary
from prongsai.monitoring.engine.crawl import CrawlConfig, CrawlResult, StopReason
from prongsai.monitoring.engine.extract.isolation import IsolationConfig
from prongsai.monitoring.engine.fetch import ErrorCode, FetchConfig, FetchResult, open_fetcher
from prongsai.monitoring.engine.links import extract_links_html, parse_sitemap
from prongsai.monitoring.engine.politeness import PolitenessConfig
from prongsai.monitoring.engine.urls import TrapConfig, canonical_url, url_shape
from prongsai.monitoring.selfcheck import SelfCheckConfig, crawl_summaries
from tests.monitoring.fetch_loopback import FakeClock, Handler, Server, html, redirect, run_async, serve

# Deadlines generous enough for a busy machine: what must time out here never ends by itself (it drips or
# waits for ever), so only the deadline can end it, and what must not time out has seconds to spare.
DEADLINE = 4.0
FAST = FetchConfig(
    total_timeout=DEADLINE, read_timeout=DEADLINE, connect_timeout=DEADLINE, max_retries=0, max_bytes=200_000
)
FOREVER = 3600.0


def fetch_from(
    routes: dict[str, object], path: str, *, config: FetchConfig = FAST
) -> tuple[FetchResult, Server, float]:
    """Serve ``routes``, fetch ``path`` and return the result, the server and the real seconds it took."""

    async def scenario() -> tuple[FetchResult, Server, float]:
        loop = asyncio.get_running_loop()
        async with (
            serve(routes) as server,
            open_fetcher(config=config, policy=server.policy, clock=FakeClock()) as fetcher,
        ):
            begun = loop.time()
            result = await fetcher.fetch(server.url(path))
            return result, server, loop.time() - begun

    return run_async(scenario())


def test_a_redirect_loop_is_stopped() -> None:
    result, server, _ = fetch_from({"/a": redirect("/b"), "/b": redirect("/a")}, "/a")
    assert result.error is ErrorCode.REDIRECT_LOOP
    assert server.requests == ["/a", "/b"]
    assert result.redirects == (server.url("/a"),)
    assert result.status == 302


def test_a_self_redirect_with_a_changing_session_id_is_still_a_loop() -> None:
    result, server, _ = fetch_from({"/a": redirect("/a?PHPSESSID=new")}, "/a")
    assert result.error is ErrorCode.REDIRECT_LOOP
    assert server.requests == ["/a"]


def test_an_endless_redirect_chain_stops_at_the_limit() -> None:
    async def onward(request: web.Request) -> web.StreamResponse:
        step = int(request.query.get("n", "0"))
        return web.Response(status=307, headers={"Location": f"/chain?n={step + 1}"})

    result, server, _ = fetch_from({"/chain": onward}, "/chain", config=FetchConfig(max_redirects=5, max_retries=0))
    assert result.error is ErrorCode.TOO_MANY_REDIRECTS
    assert len(server.requests) == 6
    assert len(result.redirects) == 5


def test_an_endless_body_is_cut_at_the_byte_cap() -> None:
    async def endless(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        try:
            while True:
                await response.write(b"<p>" + b"x" * 65_536)
        except (ConnectionResetError, RuntimeError):
            return response

    result, _, _ = fetch_from({"/": endless}, "/")
    assert result.truncated is True
    assert len(result.body) == 200_000
    assert result.status == 200
    assert result.error is None


def test_a_slow_drip_body_is_cut_at_the_deadline() -> None:
    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        while True:
            await response.write(b"x")
            await asyncio.sleep(0.05)  # always under the read timeout, never done

    result, _, seconds = fetch_from({"/": drip}, "/")
    assert result.error is ErrorCode.TIMEOUT
    assert result.status == 200
    assert result.truncated is True
    assert 0 < len(result.body) <= seconds / 0.05 + 1


def test_a_server_that_never_answers_times_out() -> None:
    async def silent(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(FOREVER)
        return web.Response(text="too late")

    result, _, _ = fetch_from({"/": silent}, "/")
    assert (result.error, result.status, result.body) == (ErrorCode.TIMEOUT, None, b"")


def test_a_gzip_bomb_is_cut_at_the_decompressed_cap() -> None:
    bomb = gzip.compress(b"\0" * 30_000_000, compresslevel=9)
    assert len(bomb) < 100_000

    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=bomb, headers={"Content-Encoding": "gzip", "Content-Type": "text/html"})

    config = FetchConfig(total_timeout=30.0, max_retries=0, max_bytes=1_000_000)
    result, _, _ = fetch_from({"/": handler}, "/", config=config)
    assert result.truncated is True
    assert len(result.body) == 1_000_000
    assert set(result.body) == {0}


def test_a_broken_gzip_body_is_reported_not_raised() -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=b"not gzip at all" * 10, headers={"Content-Encoding": "gzip"})

    result, _, _ = fetch_from({"/": handler}, "/")
    assert result.error is ErrorCode.BAD_RESPONSE
    assert result.status == 200


def test_a_redirect_to_another_loopback_port_is_blocked_before_connecting() -> None:
    async def scenario() -> tuple[list[FetchResult], Server, Server]:
        async with serve({"/": html("internal admin")}) as forbidden:
            routes = {
                "/to-ip": redirect(f"http://127.0.0.1:{forbidden.port}/"),
                "/to-name": redirect(f"http://localhost:{forbidden.port}/"),
                "/to-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
                "/to-mapped": redirect(f"http://[::ffff:127.0.0.1]:{forbidden.port}/"),
                "/to-file": redirect("file:///etc/passwd"),
            }
            async with serve(routes) as allowed:
                async with open_fetcher(config=FAST, policy=allowed.policy, clock=FakeClock()) as fetcher:
                    results = [await fetcher.fetch(allowed.url(p)) for p in routes]
                return results, allowed, forbidden

    results, allowed, forbidden = run_async(scenario())
    assert [r.error for r in results] == [
        ErrorCode.BLOCKED_ADDRESS,
        ErrorCode.BLOCKED_ADDRESS,
        ErrorCode.BLOCKED_ADDRESS,
        ErrorCode.BLOCKED_ADDRESS,
        ErrorCode.REDIRECT_REFUSED,  # not an http(s) URL: nothing to canonicalise, nothing fetched
    ]
    assert forbidden.requests == []
    assert results[0].redirects == (allowed.url("/to-ip"),)
    assert results[0].final_url == f"http://127.0.0.1:{forbidden.port}/"


def test_a_sitemap_with_entity_expansion_and_external_entities_is_parsed_inertly() -> None:
    laughs = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://x.go.th/&lol3;</loc></url>
  <url><loc>https://x.go.th/&xxe;</loc></url>
  <url><loc>https://x.go.th/real</loc></url>
</urlset>"""
    content = parse_sitemap(laughs, max_bytes=1_000_000, max_urls=100)
    assert "https://x.go.th/real" in content.urls
    assert all("lollol" not in u and "root:" not in u for u in content.urls)


def test_a_gzip_sitemap_bomb_is_inflated_only_to_the_cap() -> None:
    head = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    body = head + b"<url><loc>https://x.go.th/a</loc></url>" + b" " * 50_000_000
    packed = zlib.compress(body, 9)
    gz = gzip.compress(body, 9)
    assert len(packed) < 200_000
    content = parse_sitemap(gz, max_bytes=100_000, max_urls=10)
    assert content.truncated is True
    assert content.urls == ["https://x.go.th/a"]


def test_a_sitemap_cannot_list_more_than_the_url_limit() -> None:
    entries = "".join(f"<url><loc>https://x.go.th/p{i}</loc></url>" for i in range(500))
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()
    content = parse_sitemap(body, max_bytes=1_000_000, max_urls=50)
    assert len(content.urls) == 50
    assert content.truncated is True


def test_link_extraction_survives_garbage() -> None:
    junk = FetchResult(
        "http://x.go.th/",
        "http://x.go.th/",
        status=200,
        content_type="text/html",
        body=b"\xff\xfe<a href='\x00'><a href=\"http://[::1\">" + bytes(range(256)) * 20 + b'<a href="/ok">ok</a>',
    )
    links = extract_links_html(junk)
    assert ("http://x.go.th/ok", "ok") in links


def test_an_untrusted_certificate_is_a_tls_error_and_not_retried(tmp_path: Path) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    async def scenario() -> tuple[FetchResult, int]:
        app = web.Application()
        hits = 0

        async def page(request: web.Request) -> web.StreamResponse:
            nonlocal hits
            hits += 1
            return web.Response(text="self-signed")

        app.router.add_get("/", page)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=context)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        try:
            policy = AddressPolicy(allow_endpoints=(("127.0.0.1", port),))
            async with open_fetcher(config=FetchConfig(max_retries=2), policy=policy, clock=FakeClock()) as fetcher:
                return await fetcher.fetch(f"https://127.0.0.1:{port}/"), hits
        finally:
            await runner.cleanup()

    result, hits = run_async(scenario())
    assert result.error is ErrorCode.TLS_ERROR
    assert result.attempts == 1
    assert hits == 0


# -- a whole hostile site, crawled end to end -------------------------------------------------------

HOSTILE_HOME = """<html><head><title>หน่วยงานทดสอบ</title></head><body><main>
<h1>ข่าวประชาสัมพันธ์</h1>
<a href="/news">ข่าว</a>
<a href="/loop-a">ระบบบริการ</a>
<a href="/endless">สถิติ</a>
<a href="/drip">ผู้เข้าชม</a>
<a href="/huge.pdf">ภาพถ่ายทางอากาศ</a>
<a href="/broken.pdf">รายงานประจำปี</a>
<a href="/bomb.docx">คู่มือ</a>
<a href="/calendar?y=2026&m=3">ปฏิทิน</a>
<a href="/board?sid=00000000&topic=1">เว็บบอร์ด</a>
<a href="/forum?token=1a2b3c4d5e6f&topic=1">กระดานสนทนา</a>
<a href="/(S(lit3py55t21z5v55vlm25s55))/app/list.aspx">ระบบงาน</a>
</main></body></html>"""


def _hostile_routes() -> dict[str, Handler]:
    """A site that plays every trap the issue names, beside one ordinary news page."""

    async def calendar_page(request: web.Request) -> web.StreamResponse:
        year, month = int(request.query["y"]), int(request.query["m"])
        after = f"/calendar?y={year + month // 12}&m={month % 12 + 1}"
        before = f"/calendar?y={year - (month == 1)}&m={(month - 2) % 12 + 1}"
        return web.Response(text=f'<a href="{before}">ก่อน</a> <a href="{after}">ถัดไป</a>', content_type="text/html")

    def fresh_links(path: str, name: str) -> Handler:
        async def page(request: web.Request) -> web.StreamResponse:
            seed = request.query.get(name, "")
            links = "".join(
                f'<a href="{path}?{name}={abs(hash((seed, n))):016x}&topic={n}">{n}</a>' for n in range(1, 6)
            )
            return web.Response(text=links, content_type="text/html")

        return page

    async def endless(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        try:
            while True:
                await response.write(b"<p>" + "สถิติ ".encode() * 8000)
        except (ConnectionResetError, RuntimeError):
            return response

    async def huge(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/pdf"})
        response.content_length = 1 << 30
        await response.prepare(request)
        try:
            await response.write(b"%PDF-1.4\n")
            while True:
                await response.write(b"0" * 65_536)
        except (ConnectionResetError, RuntimeError):
            return response

    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        while True:
            await response.write(b"x")
            await asyncio.sleep(0.05)

    def body(data: bytes, content_type: str) -> Handler:
        async def answer(request: web.Request) -> web.StreamResponse:
            return web.Response(body=data, headers={"Content-Type": content_type})

        return answer

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<x/>")
        archive.writestr("word/document.xml", b"\0" * 50_000_000)
    return {
        "/": html(HOSTILE_HOME),
        "/news": html("<p>ข้อมูล ณ วันที่ 15 มีนาคม 2569 ประกาศผลการจัดซื้อจัดจ้าง</p>"),
        "/loop-a": redirect("/loop-b"),
        "/loop-b": redirect("/loop-a"),
        "/endless": endless,
        "/drip": drip,
        "/huge.pdf": huge,
        "/broken.pdf": body(
            b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nxref\n0 0\ntrailer garbage", "application/pdf"
        ),
        "/bomb.docx": body(bomb.getvalue(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "/calendar": calendar_page,
        "/board": fresh_links("/board", "sid"),
        "/forum": fresh_links("/forum", "token"),
    }


def test_a_hostile_site_is_crawled_to_the_end_within_its_budgets() -> None:
    config = SelfCheckConfig(
        crawl=CrawlConfig(
            max_depth=50,
            use_sitemaps=False,
            fetch=FetchConfig(total_timeout=DEADLINE, read_timeout=DEADLINE, max_retries=0, max_bytes=300_000),
            politeness=PolitenessConfig(min_delay=0.0),
            traps=TrapConfig(max_urls_per_shape=6),
        ),
        isolation=IsolationConfig(timeout_seconds=30.0),
    )

    async def scenario() -> tuple[CrawlResult, list[PageSummary], Server]:
        routes = _hostile_routes()
        async with serve(routes, default=_aspnet_or_404(routes)) as server:
            crawl, summaries = await crawl_summaries(
                server.url("/"), config=config, policy=server.policy, clock=FakeClock(), today=dt.date(2026, 3, 15)
            )
            return crawl, summaries, server

    crawl, summaries, server = run_async(scenario())

    by_path = {s.url.removeprefix(server.url("")): s for s in summaries}
    # The crawl ends by itself: the traps were capped, the endless bodies cut, and nothing waited for ever.
    assert crawl.stats.stopped_by is StopReason.COMPLETE
    assert sorted(set(server.requests)) == sorted(server.requests), "a URL was fetched twice"
    assert by_path["/news"].ok
    assert "ประกาศผลการจัดซื้อจัดจ้าง" in by_path["/news"].text
    assert (by_path["/loop-b"].error, server.count("/loop-a"), server.count("/loop-b")) == ("redirect_loop", 1, 1)
    assert by_path["/drip"].error == "timeout"
    assert by_path["/endless"].ok  # cut at the byte cap, and what arrived is read
    assert by_path["/endless"].text_chars > 0
    assert (by_path["/huge.pdf"].ok, by_path["/huge.pdf"].unreadable) == (True, True)
    assert (by_path["/broken.pdf"].ok, by_path["/broken.pdf"].unreadable) == (True, True)
    assert (by_path["/bomb.docx"].ok, by_path["/bomb.docx"].unreadable) == (True, True)
    # The traps: one shape of calendar month, one web board (its sid is dropped), one forum
    # whose unknown token is recognised as a shape, one ASP.NET page list (its session dropped).
    assert len([p for p in server.requests if p.startswith("/calendar")]) == 6
    assert sorted(p for p in server.requests if p.startswith("/board")) == [
        "/board?topic=1",
        *(f"/board?topic={n}" for n in range(2, 6)),
    ]
    assert len([p for p in server.requests if p.startswith("/forum")]) == 6
    assert sorted(p for p in by_path if "list.aspx" in p) == [
        "/app/list.aspx",
        *(f"/app/list.aspx?page={n}" for n in range(1, 4)),
    ]
    assert crawl.stats.skipped["url_shape_cap"] > 0
    assert crawl.stats.pages == len(summaries) <= 40


def _aspnet_or_404(routes: dict[str, Handler]) -> Handler:
    """Answer ASP.NET cookieless-session paths (any ``/(S(...))/`` prefix) like their plain path; 404 otherwise."""

    async def fallback(request: web.Request) -> web.StreamResponse:
        if "/app/list.aspx" in request.path:
            token = abs(hash(request.path_qs))
            links = "".join(f'<a href="/(S({token:x}{n}))/app/list.aspx?page={n}">{n}</a>' for n in range(1, 4))
            return web.Response(text=links, content_type="text/html")
        return web.Response(status=404, text="not here")

    return fallback


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("http://u.go.th/(S(lit3py55t21z5v55vlm25s55))/default.aspx?id=3", "http://u.go.th/default.aspx?id=3"),
        ("http://u.go.th/(X(1)S(abc123))/app/", "http://u.go.th/app/"),
        ("http://u.go.th/app/(S(abc123))", "http://u.go.th/app"),
        ("http://u.go.th/(news)/list", "http://u.go.th/(news)/list"),
    ],
)
def test_aspnet_cookieless_sessions_are_dropped_from_paths(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("http://u/forum?token=1a2b3c4d5e6f&t=1", "http://u/forum?token=9f8e7d6c5b4a&t=2", True),
        ("http://u/s/lit3py55t21z5v55vlm25s55/p", "http://u/s/q9w8e7r6t5y4u3i2o1p0/p", True),
        ("http://u/calendar?y=2026&m=3", "http://u/calendar?y=1999&m=12", True),
        ("http://u/files/5f3a9b2c.pdf", "http://u/files/7e1d2a3b.pdf", False),  # hashed file names are real files
        ("http://u/news/ita-report-q1", "http://u/news/ita-summary-q1", False),
        ("http://u/forum?token=deadbeef", "http://u/forum?token=cafebabe", False),  # words, not tokens
    ],
)
def test_url_shapes_group_trap_families_and_keep_real_files_apart(first: str, second: str, same: bool) -> None:
    assert (url_shape(first) == url_shape(second)) is same


@pytest.mark.parametrize(
    ("content_type", "body", "followed"),
    [
        ("application/octet-stream", b'<!DOCTYPE html><html><a href="/oit">OIT</a></html>', True),
        ("text/plain", b'  <html lang="th"><a href="/oit">OIT</a>', True),
        (None, b'<!doctype html><a href="/oit">OIT</a>', True),
        ("application/octet-stream", b'%PDF-1.7 <a href="/oit">', False),
        ("application/pdf", b'<!doctype html><a href="/oit">OIT</a>', False),
        ("text/html", b'<a href="/oit">OIT</a>', True),
    ],
)
def test_a_page_served_with_a_type_that_tells_nothing_is_judged_by_its_first_bytes(
    content_type: str | None, body: bytes, followed: bool
) -> None:
    # Misconfigured CMSs send their pages as downloads; their links must still be followed.
    result = FetchResult(
        "http://x.go.th/", "http://x.go.th/index.php?id=1", status=200, content_type=content_type, body=body
    )
    assert (extract_links_html(result) == [("http://x.go.th/oit", "OIT")]) is followed
