"""Measure the self-check against the farm: generate N sites, serve them, check each, score against the key.

    python -m bench.monitor_farm.accuracy --sites 10 [--seed 1] [--wording main|holdout|unseen|both|all]
        [--dir var/farm-accuracy] [--outputs DIR]

Prints, for each wording set separately, the per-item precision/recall table of `score.py` and the
throughput (pages per second over the whole run, sites checked concurrently, each host at the
configured per-host delay). The holdout farm is written independently of the main one and is only
ever scored: the classifier is tuned on neither farm's strings, and the holdout shows whether that held.
The unseen farm names no item with a phrase of the checklist's keyword lists and is only ever scored too.
`both` runs the main and the holdout farm, `all` the three.
"""

import argparse
import asyncio
import concurrent.futures
import datetime as dt
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.monitor_farm.generate import FarmConfig, generate_farm
from bench.monitor_farm.score import format_table, score_farm
from bench.monitor_farm.serve import FarmServer, ServeConfig
from prongsai.checklists.definition import load_checklist_file
from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.clock import SystemClock
from prongsai.monitoring.engine.crawl import CrawlConfig
from prongsai.monitoring.engine.extract.isolation import ExtractionPool
from prongsai.monitoring.engine.fetch import FetchConfig
from prongsai.monitoring.engine.politeness import PolitenessConfig
from prongsai.monitoring.outcome import to_json
from prongsai.monitoring.selfcheck import SelfCheckConfig, run_selfcheck


def check_config(*, delay: float, max_pages: int, max_seconds: float) -> SelfCheckConfig:
    """Return the self-check configuration the benchmark uses (short timeouts: the farm has slow-drip traps)."""
    crawl = CrawlConfig(
        max_pages=max_pages,
        max_seconds=max_seconds,
        fetch=FetchConfig(total_timeout=5.0, read_timeout=3.0, max_bytes=2 * 1024 * 1024, max_retries=1),
        politeness=PolitenessConfig(min_delay=delay),
    )
    return SelfCheckConfig(crawl=replace(crawl, workers=4))


async def check_farm(
    farm_dir: Path, *, config: SelfCheckConfig, check_date: dt.date, concurrency: int = 8
) -> tuple[list[dict[str, Any]], float, int]:
    """Serve the farm in `farm_dir`, self-check every site, and return the JSON outputs, seconds and pages."""
    checklist = load_checklist_file(_checklist_path())
    server = FarmServer(farm_dir, config=ServeConfig(huge_bytes=300_000, slow_seconds=10.0))
    urls = await server.start()
    gate = asyncio.Semaphore(concurrency)
    clock = SystemClock()

    async def one(url: str, pool: ExtractionPool) -> dict[str, Any]:
        async with gate:
            outcome = await run_selfcheck(
                url,
                checklist=checklist,
                config=config,
                policy=AddressPolicy(allow_private=True),
                clock=clock,
                today=check_date,
                extractor=pool,
            )
            return to_json(outcome)

    started = time.monotonic()
    try:
        # One pool of document workers shared by every site, as one worker process keeps.
        async with ExtractionPool(config.isolation) as pool:
            outputs = await asyncio.gather(*(one(url, pool) for url in urls))
    finally:
        await server.stop()
    seconds = time.monotonic() - started
    return list(outputs), seconds, sum(int(o["stats"]["pages"]) for o in outputs)


def _checklist_path() -> Path:
    return FarmConfig().checklist_path


def run_accuracy(
    farm_dir: Path, *, sites: int, seed: int, config: SelfCheckConfig, wording: str = "main"
) -> tuple[str, dict[str, Any]]:
    """Generate the farm, check it in a thread of its own, and return the score table and figures."""
    farm = FarmConfig(sites=sites, seed=seed, wording=wording)
    key = generate_farm(farm, farm_dir)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        outputs, seconds, pages = pool.submit(
            asyncio.run, check_farm(farm_dir, config=config, check_date=farm.check_date)
        ).result()
    result = score_farm(key, outputs)
    figures = {
        "wording": wording,
        "seed": seed,
        "sites": sites,
        "pages": pages,
        "seconds": round(seconds, 2),
        "pages_per_second": round(pages / seconds, 1) if seconds else None,
        "found_precision": result.total.found.precision,
        "found_recall": result.total.found.recall,
        "present_precision": result.total.present.precision,
        "present_recall": result.total.present.recall,
        "partial_precision": result.total.partial.precision,
        "partial_recall": result.total.partial.recall,
        "current_accuracy": result.total.current_accuracy,
        "current_guesses": result.total.current_guesses,
        "outputs": outputs,
    }
    return format_table(result), figures


def main(argv: list[str] | None = None) -> int:
    """Run the accuracy benchmark from the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.monitor_farm.accuracy", description=__doc__)
    parser.add_argument("--sites", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--wording", choices=("main", "holdout", "unseen", "both", "all"), default="both")
    parser.add_argument("--dir", type=Path, default=Path("var/farm-accuracy"))
    parser.add_argument("--delay", type=float, default=0.0, help="seconds between requests to one host")
    parser.add_argument("--max-pages", type=int, default=500)
    parser.add_argument("--max-seconds", type=float, default=120.0)
    parser.add_argument("--outputs", type=Path, default=None, help="write each site's JSON into this directory")
    args = parser.parse_args(argv)
    config = check_config(delay=args.delay, max_pages=args.max_pages, max_seconds=args.max_seconds)
    wordings = {"both": ("main", "holdout"), "all": ("main", "holdout", "unseen")}.get(args.wording, (args.wording,))
    for wording in wordings:
        table, figures = run_accuracy(
            args.dir / wording, sites=args.sites, seed=args.seed, config=config, wording=wording
        )
        outputs = figures.pop("outputs")
        if args.outputs is not None:
            directory = args.outputs / wording
            directory.mkdir(parents=True, exist_ok=True)
            for index, output in enumerate(outputs, start=1):
                (directory / f"site-{index:03d}.json").write_text(
                    json.dumps(output, ensure_ascii=False, indent=2), encoding="utf-8"
                )
        print(f"## {wording} farm, seed {args.seed}")
        print(table)
        print(json.dumps(figures, indent=2))
        pages, seconds, rate = figures["pages"], figures["seconds"], figures["pages_per_second"]
        print(f"{wording}: {pages} pages in {seconds} s: {rate} pages/s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
