"""A site that cannot be reached fails the check with its reason; a partly reachable one counts its errors."""

import asyncio
import datetime as dt
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from aiohttp import web

from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.classify import PageSummary
from prongsai.monitoring.engine.crawl import CrawlConfig
from prongsai.monitoring.engine.fetch import FetchConfig
from prongsai.monitoring.engine.politeness import PolitenessConfig
from prongsai.monitoring.outcome import CheckOutcome, to_json
from prongsai.monitoring.selfcheck import SelfCheckConfig, SiteUnreachable, crawl_summaries, run_selfcheck
from tests.monitoring.fetch_loopback import FakeClock, Handler, html, run_async, serve

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 3, 15)
CONFIG = SelfCheckConfig(
    crawl=CrawlConfig(
        max_pages=30,
        use_sitemaps=False,
        fetch=FetchConfig(max_retries=0, total_timeout=5.0),
        politeness=PolitenessConfig(min_delay=0.0),
    )
)


def _closed_port() -> int:
    """Return a loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _check(url: str, policy: AddressPolicy) -> CheckOutcome:
    return await run_selfcheck(
        url,
        checklist=load_checklist_file(DEFAULT_CHECKLIST_PATH),
        config=CONFIG,
        policy=policy,
        clock=FakeClock(),
        today=TODAY,
    )


def _unreachable(url: str, policy: AddressPolicy) -> SiteUnreachable:
    with pytest.raises(SiteUnreachable) as caught:
        run_async(_check(url, policy))
    return caught.value


def test_a_refused_connection_fails_the_check_naming_the_address_and_the_error() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/"
    failure = _unreachable(url, AddressPolicy(allow_private=True))
    assert (failure.url, failure.code) == (url, "connection_error")
    assert failure.reason_en == f"The website could not be reached: {url} — the connection was refused or dropped"
    assert failure.reason_th == f"เข้าถึงเว็บไซต์ไม่ได้: {url} — เครื่องปลายทางปฏิเสธหรือตัดการเชื่อมต่อ"


def test_an_address_the_guard_refuses_fails_the_check_as_forbidden() -> None:
    failure = _unreachable("http://127.0.0.1:9/", AddressPolicy())
    assert failure.code == "blocked_address"
    assert failure.reason_en.endswith("its address is private or forbidden, and the monitor is not allowed to fetch it")


def test_a_metadata_address_is_refused_even_where_private_ones_are_allowed() -> None:
    failure = _unreachable("http://169.254.169.254/latest/", AddressPolicy(allow_private=True))
    assert failure.code == "blocked_address"


def _failure_of(routes: dict[str, Handler]) -> SiteUnreachable:
    async def scenario() -> SiteUnreachable:
        async def broken(request: web.Request) -> web.StreamResponse:
            return web.Response(status=503, text="down for maintenance")

        async with serve(routes, default=broken) as server:
            try:
                await _check(server.url("/"), server.policy)
            except SiteUnreachable as failure:
                return failure
        raise AssertionError("the check did not fail")

    return run_async(scenario())


def test_a_site_whose_every_page_is_an_error_fails_with_the_status() -> None:
    failure = _failure_of({"/robots.txt": html("", status=404)})
    assert failure.code == "http_503"
    assert failure.reason_en.endswith("— every page answered with HTTP 503")
    assert "ทุกหน้าตอบกลับด้วยข้อผิดพลาด HTTP 503" in failure.reason_th


def test_a_robots_txt_answering_a_server_error_forbids_the_check_and_says_so() -> None:
    failure = _failure_of({})
    assert failure.code == "robots_unreachable"
    assert failure.reason_en.endswith(
        "its robots.txt answered with a server error, which forbids checking it for now (RFC 9309)"
    )


def test_a_partly_reachable_site_is_checked_and_counts_what_failed() -> None:
    async def scenario() -> CheckOutcome:
        async def hanging(request: web.Request) -> web.StreamResponse:
            await asyncio.sleep(30)
            return web.Response(text="late")

        home = '<main><h1>หน้าแรก</h1><a href="/a">ก</a> <a href="/b">ข</a> <a href="/c">ค</a> <a href="/d">ง</a></main>'
        routes = {"/": html(home), "/a": html("oops", status=500), "/b": html("gone", status=404), "/c": hanging}
        async with serve(routes) as server:
            return await _check(server.url("/"), server.policy)

    outcome = run_async(scenario())
    assert dict(outcome.errors) == {"http_500": 1, "http_404": 2, "timeout": 1}
    assert to_json(outcome)["stats"]["errors"] == {"http_404": 2, "http_500": 1, "timeout": 1}
    assert len(outcome.items) == 18


def test_the_cli_exits_1_and_says_why_in_thai_and_english(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/"
    out = tmp_path / "failed.json"
    done = subprocess.run(
        [sys.executable, "-m", "prongsai.monitoring", "check", url, "--allow-private", "--quiet", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 1
    assert f"เข้าถึงเว็บไซต์ไม่ได้: {url}" in done.stderr
    assert f"The website could not be reached: {url} — the connection was refused or dropped" in done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["error"]["code"] == "connection_error"
    assert data["error"]["url"] == url
    assert data["items"] == []


def test_a_registered_address_goes_through_the_address_guard_like_any_other() -> None:
    """A unit's own registered item address is fetched first, but never at a metadata or link-local address."""

    async def scenario() -> list[PageSummary]:
        home = "<main><h1>หน้าแรก</h1><p>" + "ข่าวสารของหน่วยงาน " * 10 + "</p></main>"
        async with serve({"/": html(home)}) as server:
            _, summaries = await crawl_summaries(
                server.url("/"),
                config=CONFIG,
                policy=AddressPolicy(allow_private=True),
                clock=FakeClock(),
                today=TODAY,
                seeds=["http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/admin"],
            )
            return summaries

    by_url = {summary.url: summary for summary in run_async(scenario())}
    assert by_url["http://169.254.169.254/latest/meta-data/"].error == "blocked_address"
    assert by_url["http://[fe80::1]/admin"].error == "blocked_address"
    assert sum(1 for summary in by_url.values() if summary.ok) == 1
