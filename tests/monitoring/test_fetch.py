"""The fetcher: answers, redirects, retries with backoff, Retry-After, conditional requests, the address guard."""

from __future__ import annotations

import random
import socket
from datetime import UTC, datetime

import pytest
from aiohttp import web

from prongsai.monitoring.engine.addresses import AddressPolicy, Refusal, is_public_address, url_refusal
from prongsai.monitoring.engine.fetch import ErrorCode, FetchConfig, FetchResult, open_fetcher
from tests.monitoring.fetch_loopback import FakeClock, Server, html, redirect, run_async, serve

FAST = FetchConfig(total_timeout=3.0, connect_timeout=1.0, read_timeout=1.0, max_retries=2, backoff_base=0.5)


async def fetch_one(
    server: Server, path: str, *, config: FetchConfig = FAST, clock: FakeClock | None = None, **kwargs: object
) -> FetchResult:
    """Fetch ``path`` from ``server`` with a policy allowing only that server."""
    async with open_fetcher(
        config=config, policy=server.policy, clock=clock or FakeClock(), rng=random.Random(7)
    ) as fetcher:
        return await fetcher.fetch(server.url(path), **kwargs)


def test_a_page_comes_back_with_status_headers_body_charset_and_last_modified() -> None:
    async def scenario() -> tuple[FetchResult, Server]:
        page = html("<p>ข้อมูล ณ วันที่ ๑๕ มีนาคม ๒๕๖๙</p>", headers={"Last-Modified": "Sun, 15 Mar 2026 08:30:00 GMT"})
        async with serve({"/": page}) as server:
            return await fetch_one(server, "/"), server

    result, server = run_async(scenario())
    assert result.ok
    assert result.status == 200
    assert result.error is None
    assert result.final_url == result.requested_url == server.url("/")
    assert result.redirects == ()
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert result.body.decode("utf-8") == "<p>ข้อมูล ณ วันที่ ๑๕ มีนาคม ๒๕๖๙</p>"
    assert result.last_modified == datetime(2026, 3, 15, 8, 30, tzinfo=UTC)
    assert result.header("last-modified") == "Sun, 15 Mar 2026 08:30:00 GMT"
    assert result.truncated is False
    assert result.attempts == 1
    assert server.user_agents == [FAST.user_agent]
    assert "ProngsaiMonitor" in FAST.user_agent


def test_a_404_is_an_answer_not_an_error_and_is_not_retried() -> None:
    async def scenario() -> tuple[FetchResult, Server]:
        async with serve({}) as server:
            return await fetch_one(server, "/missing"), server

    result, server = run_async(scenario())
    assert (result.status, result.error, result.ok, result.attempts) == (404, None, False, 1)
    assert server.requests == ["/missing"]


def test_redirects_are_followed_and_the_chain_kept() -> None:
    async def scenario() -> tuple[FetchResult, Server]:
        async with serve({"/old": redirect("/mid", 301), "/mid": redirect("/new", 303), "/new": html("ok")}) as server:
            return await fetch_one(server, "/old"), server

    result, server = run_async(scenario())
    assert result.status == 200
    assert result.final_url == server.url("/new")
    assert result.redirects == (server.url("/old"), server.url("/mid"))
    assert server.requests == ["/old", "/mid", "/new"]


def test_5xx_is_retried_with_exponential_backoff_and_jitter_then_succeeds() -> None:
    calls = 0

    async def flaky(request: web.Request) -> web.StreamResponse:
        nonlocal calls
        calls += 1
        return web.Response(status=503) if calls < 3 else web.Response(text="back")

    async def scenario() -> FetchResult:
        async with serve({"/": flaky}) as server:
            return await fetch_one(server, "/", clock=clock)

    clock = FakeClock()
    result = run_async(scenario())
    assert (result.status, result.body, result.attempts) == (200, b"back", 3)
    jitter = random.Random(7)
    expected = [round(0.5 * (0.5 + jitter.random()), 6), round(1.0 * (0.5 + jitter.random()), 6)]
    assert clock.sleeps == expected


def test_retries_stop_after_the_configured_number() -> None:
    async def scenario() -> tuple[FetchResult, Server]:
        async with serve({"/": html("down", status=500)}) as server:
            return await fetch_one(server, "/", config=FetchConfig(max_retries=3, backoff_base=0.01)), server

    result, server = run_async(scenario())
    assert (result.status, result.attempts, result.error) == (500, 4, None)
    assert server.requests == ["/"] * 4


def test_retry_after_seconds_is_honoured() -> None:
    calls = 0

    async def limited(request: web.Request) -> web.StreamResponse:
        nonlocal calls
        calls += 1
        return web.Response(status=429, headers={"Retry-After": "7"}) if calls == 1 else web.Response(text="ok")

    async def scenario() -> FetchResult:
        async with serve({"/": limited}) as server:
            return await fetch_one(server, "/", clock=clock)

    clock = FakeClock()
    result = run_async(scenario())
    assert result.status == 200
    assert clock.sleeps == [7.0]


def test_retry_after_http_date_is_measured_against_the_servers_date_header() -> None:
    calls = 0

    async def limited(request: web.Request) -> web.StreamResponse:
        nonlocal calls
        calls += 1
        if calls == 1:
            headers = {"Retry-After": "Wed, 21 Oct 2026 07:28:12 GMT", "Date": "Wed, 21 Oct 2026 07:28:00 GMT"}
            return web.Response(status=503, headers=headers)
        return web.Response(text="ok")

    async def scenario() -> FetchResult:
        async with serve({"/": limited}) as server:
            return await fetch_one(server, "/", clock=clock)

    clock = FakeClock()
    assert run_async(scenario()).status == 200
    assert clock.sleeps == [12.0]


def test_a_retry_after_beyond_the_cap_gives_up_instead_of_knocking_early() -> None:
    async def scenario() -> tuple[FetchResult, Server]:
        async with serve({"/": html("busy", status=503, headers={"Retry-After": "3600"})}) as server:
            return await fetch_one(server, "/", clock=clock), server

    clock = FakeClock()
    result, server = run_async(scenario())
    assert result.error is ErrorCode.RETRY_AFTER_TOO_LONG
    assert result.status == 503
    assert server.requests == ["/"]
    assert clock.sleeps == []


def test_connection_refused_is_retried_then_reported() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now

    async def scenario() -> FetchResult:
        policy = AddressPolicy(allow_endpoints=(("127.0.0.1", port),))
        async with open_fetcher(config=FAST, policy=policy, clock=clock, rng=random.Random(1)) as fetcher:
            return await fetcher.fetch(f"http://127.0.0.1:{port}/")

    clock = FakeClock()
    result = run_async(scenario())
    assert result.error is ErrorCode.CONNECTION_ERROR
    assert result.status is None
    assert result.attempts == 3
    assert len(clock.sleeps) == 2


def test_conditional_request_sends_validators_and_gets_304() -> None:
    seen: dict[str, str] = {}

    async def conditional(request: web.Request) -> web.StreamResponse:
        seen.update(request.headers)
        return web.Response(status=304)

    async def scenario() -> FetchResult:
        async with serve({"/": conditional}) as server:
            return await fetch_one(server, "/", if_modified_since=datetime(2026, 3, 1, 0, 0, tzinfo=UTC), etag='"v1"')

    result = run_async(scenario())
    assert (result.status, result.body) == (304, b"")
    assert seen["If-Modified-Since"] == "Sun, 01 Mar 2026 00:00:00 GMT"
    assert seen["If-None-Match"] == '"v1"'


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.0.0.1",
        "10.255.255.254",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "169.254.1.1",
        "100.64.0.1",
        "100.127.255.254",
        "0.0.0.0",  # noqa: S104 - an address under test, not a bind
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fc00::1",
        "fd00:ec2::254",
        "fe80::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:a00:1::1",
        "64:ff9b::a00:1",
    ],
)
def test_the_guard_blocks_non_public_addresses(address: str) -> None:
    assert is_public_address(address) is False
    assert AddressPolicy().permits(address, 80) is False
    host = f"[{address}]" if ":" in address else address
    refusal = url_refusal(f"http://{host}/", AddressPolicy())
    assert refusal is not None
    assert refusal[0] is Refusal.BLOCKED_ADDRESS


@pytest.mark.parametrize("address", ["8.8.8.8", "203.150.1.1", "2606:4700::1111", "1.1.1.1"])
def test_the_guard_lets_public_addresses_through(address: str) -> None:
    assert is_public_address(address) is True
    assert AddressPolicy().permits(address, 443) is True


def test_private_addresses_open_when_allowed() -> None:
    policy = AddressPolicy(allow_private=True)
    assert policy.permits("10.0.0.1", 80) is True
    assert policy.permits("127.0.0.1", 8000) is True
    assert policy.permits("fd12:3456::1", 80) is True
    assert policy.permits("100.100.100.199", 80) is True


@pytest.mark.parametrize(
    "address",
    [
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack
        "169.254.0.1",
        "169.254.255.254",
        "100.100.100.200",  # Alibaba Cloud
        "fd00:ec2::254",  # AWS over IPv6
        "fd00:ec2:ffff::1",
        "fe80::1",
        "febf:ffff::1",
        "::ffff:169.254.169.254",
        "64:ff9b::a9fe:a9fe",  # 169.254.169.254 through NAT64
    ],
)
def test_metadata_and_link_local_addresses_stay_blocked_even_when_private_ones_are_allowed(address: str) -> None:
    policy = AddressPolicy(allow_private=True)
    assert policy.permits(address, 80) is False
    host = f"[{address}]" if ":" in address else address
    refusal = url_refusal(f"http://{host}/latest/meta-data/", policy)
    assert refusal is not None
    assert refusal[0] is Refusal.BLOCKED_ADDRESS


def test_an_endpoint_policy_allows_one_port_and_not_another() -> None:
    policy = AddressPolicy(allow_endpoints=(("127.0.0.1", 8001),))
    assert policy.permits("127.0.0.1", 8001) is True
    assert policy.permits("127.0.0.1", 8002) is False
    assert policy.permits("::ffff:127.0.0.1", 8001) is True
    assert AddressPolicy(allow_networks=("10.1.0.0/16",)).permits("10.1.2.3", 1) is True


@pytest.mark.parametrize(
    ("url", "refusal"),
    [
        ("ftp://example.go.th/file", Refusal.BAD_SCHEME),
        ("file:///etc/passwd", Refusal.BAD_SCHEME),
        ("gopher://example.go.th/", Refusal.BAD_SCHEME),
        ("http://user:secret@example.go.th/", Refusal.CREDENTIALS),
        ("http://user@example.go.th/", Refusal.CREDENTIALS),
        ("http://2130706433/", Refusal.INVALID_URL),
        ("http://0x7f.1/", Refusal.INVALID_URL),
        ("http://example.go.th:99999/", Refusal.INVALID_URL),
        ("http:///nohost", Refusal.INVALID_URL),
    ],
)
def test_the_guard_refuses_other_schemes_credentials_and_odd_hosts(url: str, refusal: Refusal) -> None:
    verdict = url_refusal(url, AddressPolicy(allow_private=True))
    assert verdict is not None
    assert verdict[0] is refusal


def test_a_refused_url_is_an_error_result_without_any_connection() -> None:
    async def scenario() -> list[FetchResult]:
        async with open_fetcher(config=FAST, policy=AddressPolicy(), clock=FakeClock()) as fetcher:
            return [
                await fetcher.fetch("http://169.254.169.254/latest/meta-data/"),
                await fetcher.fetch("http://[::1]:9/"),
                await fetcher.fetch("ftp://example.go.th/"),
            ]

    results = run_async(scenario())
    assert [r.error for r in results] == [ErrorCode.BLOCKED_ADDRESS, ErrorCode.BLOCKED_ADDRESS, ErrorCode.BAD_SCHEME]
    assert all(r.status is None and r.attempts == 0 for r in results)


def test_a_hostname_resolving_to_loopback_is_blocked_after_resolution() -> None:
    async def scenario() -> tuple[FetchResult, FetchResult, Server]:
        async with serve({"/": html("secret")}) as server:
            async with open_fetcher(config=FAST, policy=AddressPolicy(), clock=FakeClock()) as fetcher:
                default = await fetcher.fetch(f"http://localhost:{server.port}/")
            other_port = AddressPolicy(allow_endpoints=(("127.0.0.1", server.port + 1),))
            async with open_fetcher(config=FAST, policy=other_port, clock=FakeClock()) as fetcher:
                wrong_port = await fetcher.fetch(f"http://localhost:{server.port}/")
            return default, wrong_port, server

    default, wrong_port, server = run_async(scenario())
    assert default.error is ErrorCode.BLOCKED_ADDRESS
    assert wrong_port.error is ErrorCode.BLOCKED_ADDRESS
    assert "localhost" in default.error_message
    assert default.attempts == 1  # a refusal is final, not retried
    assert server.requests == []


def test_a_hostname_is_connected_to_when_its_vetted_address_is_allowed() -> None:
    async def scenario() -> FetchResult:
        async with (
            serve({"/": html("ok")}) as server,
            open_fetcher(config=FAST, policy=server.policy, clock=FakeClock()) as fetcher,
        ):
            return await fetcher.fetch(f"http://localhost:{server.port}/")

    result = run_async(scenario())
    assert (result.status, result.body) == (200, b"ok")


@pytest.mark.parametrize(
    ("content_type", "body_read"),
    [
        ("application/pdf", 0),
        ("application/octet-stream", 0),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", 0),
        ("text/html; charset=utf-8", 1000),  # the start of a page is still worth reading
        ("application/xml", 1000),
    ],
)
def test_a_document_announcing_more_than_the_cap_is_not_read(content_type: str, body_read: int) -> None:
    sent: list[int] = []

    async def big(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": content_type})
        response.content_length = 50_000
        await response.prepare(request)
        try:
            for _ in range(50):
                await response.write(b"x" * 1000)
                sent.append(1000)
        except (ConnectionResetError, RuntimeError):
            pass
        return response

    async def scenario() -> FetchResult:
        async with serve({"/big": big}) as server:
            config = FetchConfig(total_timeout=3.0, max_retries=0, max_bytes=1000)
            return await fetch_one(server, "/big", config=config)

    result = run_async(scenario())
    assert (result.status, result.error, result.truncated, len(result.body)) == (200, None, True, body_read)
