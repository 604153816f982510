"""The self-check end to end on generated farm sites: the JSON contract, the CLI in a subprocess, WARC evidence."""

import asyncio
import concurrent.futures
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.monitor_farm.accuracy import check_config
from bench.monitor_farm.generate import FarmConfig, generate_farm
from bench.monitor_farm.score import score_farm
from bench.monitor_farm.serve import FarmServer, ServeConfig
from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.clock import SystemClock
from prongsai.monitoring.engine.evidence import evidence_records
from prongsai.monitoring.outcome import from_json, to_json
from prongsai.monitoring.selfcheck import run_selfcheck

FARM = FarmConfig(sites=3, seed=11)
ROOT = Path(__file__).resolve().parents[2]
SERVE = ServeConfig(huge_bytes=300_000, slow_seconds=1.0, drip_seconds=0.2)
ITEM_KEYS = {"code", "status", "evidence_urls", "as_of", "current", "confidence", "reason_th", "reason_en"}


@pytest.fixture(scope="module")
def farm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    directory = tmp_path_factory.mktemp("selfcheck-farm")
    return directory, generate_farm(FARM, directory)


@pytest.fixture(scope="module")
def served(farm: tuple[Path, dict[str, Any]]) -> Iterator[list[str]]:
    """Serve the farm from a loop in a thread of its own for the module's tests (and subprocesses)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    server = FarmServer(farm[0], config=SERVE)
    urls = asyncio.run_coroutine_threadsafe(server.start(), loop).result(timeout=10)
    # A site whose robots.txt sets a Crawl-delay takes a second a page: the tests check the others.
    yield [url for url, site in zip(urls, farm[1]["sites"], strict=True) if not _crawl_delay(farm[0], site)]
    asyncio.run_coroutine_threadsafe(server.stop(), loop).result(timeout=10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)
    loop.close()


def _crawl_delay(directory: Path, site: dict[str, Any]) -> bool:
    manifest = json.loads((directory / "sites" / site["slug"] / "site.json").read_text(encoding="utf-8"))
    return bool((manifest["robots"] or {}).get("crawl_delay"))


def _check(url: str, evidence: Path | None = None) -> dict[str, Any]:
    async def run() -> dict[str, Any]:
        clock = SystemClock()
        outcome = await run_selfcheck(
            url,
            checklist=load_checklist_file(DEFAULT_CHECKLIST_PATH),
            config=check_config(delay=0.0, max_pages=300, max_seconds=30.0),
            policy=AddressPolicy(allow_private=True),
            clock=clock,
            today=FARM.check_date,
            evidence_path=evidence,
        )
        return to_json(outcome)

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result()


def test_outcome_has_the_issues_json_shape_and_scores_well(
    farm: tuple[Path, dict[str, Any]], served: list[str], tmp_path: Path
) -> None:
    codes = [item.code for item in load_checklist_file(DEFAULT_CHECKLIST_PATH).items]
    outputs = [_check(served[0], evidence=tmp_path / "check.warc.gz"), _check(served[1])]
    for url, output in zip(served, outputs, strict=True):
        assert set(output) == {"site", "checklist", "checked_at", "items", "site_findings", "stats"}
        assert set(output["stats"]) == {"pages", "bytes", "seconds", "stopped_by", "errors"}
        assert (output["site"], output["checklist"]) == (url, "mof-ops-2562")
        assert [item["code"] for item in output["items"]] == codes
        for item in output["items"]:
            assert set(item) >= ITEM_KEYS
            assert item["status"] in {"found", "partial", "not_found"}
            assert 0.0 <= item["confidence"] <= 1.0
            assert item["reason_th"]
            assert item["reason_en"]
            if item["status"] == "not_found":
                assert (item["evidence_urls"], item["as_of"], item["current"]) == ([], None, None)
            else:
                assert item["evidence_urls"]
            if item["as_of"] is None:
                assert item["current"] is None
        assert {"https", "sitemap", "broken_links", "search", "privacy_policy", "website_policy"} <= set(
            output["site_findings"]
        )
        assert output["site_findings"]["https"] is False
        assert output["stats"]["pages"] > 10
        assert output["stats"]["bytes"] > 0
        assert from_json(output).site == url
    fetched = [record.url for record in evidence_records(tmp_path / "check.warc.gz")]
    assert served[0] in fetched
    assert len(fetched) >= outputs[0]["stats"]["pages"]
    checked = {"sites": [s for s in farm[1]["sites"] if not _crawl_delay(farm[0], s)]}
    assert len(checked["sites"]) == 2
    total = score_farm(checked, outputs).total
    assert total.present.recall is not None
    assert total.present.recall >= 0.8
    assert total.present.precision is not None
    assert total.present.precision >= 0.8


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prongsai.monitoring", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        check=False,
    )


def test_cli_checks_a_farm_site_and_writes_json(served: list[str], tmp_path: Path) -> None:
    out = tmp_path / "site.json"
    done = _cli("check", served[0], "--allow-private", "--delay", "0", "--max-seconds", "30", "--json", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["site"] == served[0]
    assert data["checklist"] == "mof-ops-2562"
    assert len(data["items"]) == len(load_checklist_file(DEFAULT_CHECKLIST_PATH).items)
    assert "5.1.1.1" in done.stdout
    assert "pages " in done.stdout


def test_cli_refuses_loopback_without_allow_private(served: list[str], tmp_path: Path) -> None:
    out = tmp_path / "refused.json"
    done = _cli("check", served[0], "--quiet", "--json", str(out))
    assert done.returncode == 1, done.stderr
    assert f"The website could not be reached: {served[0]} — its address is private or forbidden" in done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["error"]["code"], data["items"]) == ("blocked_address", [])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "ftp://example.org/"), "the URL must start with http:// or https://"),
        (("check", "http://example.org/", "--checklist", "nope"), "no checklist with code 'nope'"),
        (("check", "http://example.org/", "--max-pages", "0"), "must be positive"),
    ],
)
def test_cli_bad_arguments_exit_2_with_a_clear_message(args: tuple[str, ...], message: str) -> None:
    done = _cli(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "ข้อผิดพลาด" in done.stderr
