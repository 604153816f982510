"""Hostile sites must not hang, flood or steer the monitor: loops, endless and slow bodies, bombs, redirects inward."""

from __future__ import annotations

import asyncio
import gzip
import ssl
import subprocess
import zlib
from pathlib import Path

from aiohttp import web

from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.fetch import ErrorCode, FetchConfig, FetchResult, open_fetcher
from prongsai.monitoring.engine.links import extract_links_html, parse_sitemap
from tests.monitoring.fetch_loopback import FakeClock, Server, html, redirect, run_async, serve

FAST = FetchConfig(total_timeout=0.6, read_timeout=0.5, connect_timeout=0.5, max_retries=0, max_bytes=200_000)


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

    result, _, seconds = fetch_from({"/": endless}, "/")
    assert result.truncated is True
    assert len(result.body) == 200_000
    assert result.status == 200
    assert result.error is None
    assert seconds < 2


def test_a_slow_drip_body_is_cut_at_the_deadline() -> None:
    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        for _ in range(200):
            await response.write(b"x")
            await asyncio.sleep(0.05)  # always under the read timeout, never done
        return response

    result, _, seconds = fetch_from({"/": drip}, "/")
    assert result.error is ErrorCode.TIMEOUT
    assert result.status == 200
    assert result.truncated is True
    assert 0 < len(result.body) < 20
    assert seconds < 1.5


def test_a_server_that_never_answers_times_out() -> None:
    async def silent(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(10)
        return web.Response(text="too late")

    result, _, seconds = fetch_from({"/": silent}, "/")
    assert (result.error, result.status, result.body) == (ErrorCode.TIMEOUT, None, b"")
    assert seconds < 1.5


def test_a_gzip_bomb_is_cut_at_the_decompressed_cap() -> None:
    bomb = gzip.compress(b"\0" * 30_000_000, compresslevel=9)
    assert len(bomb) < 100_000

    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=bomb, headers={"Content-Encoding": "gzip", "Content-Type": "text/html"})

    config = FetchConfig(total_timeout=5.0, max_retries=0, max_bytes=1_000_000)
    result, _, seconds = fetch_from({"/": handler}, "/", config=config)
    assert result.truncated is True
    assert len(result.body) == 1_000_000
    assert set(result.body) == {0}
    assert seconds < 3


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
    assert "http://x.go.th/ok" in links


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
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
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
