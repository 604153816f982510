"""Check the real sites with the monitor and score them against their answer keys.

    python -m bench.realsites [--split dev|holdout] [--only NAME ...] [--outputs DIR] [--rescore DIR]
        [--delay 0.05] [--max-pages 500] [--concurrency 4]

Each site is served on loopback (`serve.py`), checked by the self-check as of the day its key speaks for, and
scored (`score.py`); the development set and the holdout are always reported apart. `--rescore DIR` scores the
JSON a previous run kept with `--outputs DIR`, without serving or checking anything.
"""

import argparse
import asyncio
import datetime as dt
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.realsites.corpus import SITES_FILE, Site, load_key, load_sites
from bench.realsites.score import format_report, score
from bench.realsites.serve import DEFAULT_MIRROR, DEFAULT_PORT, RealSites, chosen
from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.clock import SystemClock
from prongsai.monitoring.engine.crawl import CrawlConfig
from prongsai.monitoring.engine.extract.isolation import ExtractionPool
from prongsai.monitoring.engine.politeness import PolitenessConfig
from prongsai.monitoring.outcome import to_json
from prongsai.monitoring.selfcheck import SelfCheckConfig, run_selfcheck


async def check_sites(
    sites: list[Site], *, config: SelfCheckConfig, port: int, mirror: Path, concurrency: int
) -> dict[str, dict[str, Any]]:
    """Serve ``sites`` and self-check each (``concurrency`` at once); return the JSON outputs by site name."""
    checklist = load_checklist_file(DEFAULT_CHECKLIST_PATH)
    clock = SystemClock()
    gate = asyncio.Semaphore(concurrency)
    outputs: dict[str, dict[str, Any]] = {}
    async with RealSites(sites, port=port, mirror=mirror) as served, ExtractionPool(config.isolation) as pool:

        async def one(site: Site) -> None:
            async with gate:
                started = time.perf_counter()
                outcome = await run_selfcheck(
                    served.urls[site.name], checklist=checklist, config=config,
                    policy=AddressPolicy(allow_private=True), clock=clock, today=site.today, extractor=pool,
                )  # fmt: skip
                outputs[site.name] = to_json(outcome)
                print(
                    f"  {site.name:<24} {outcome.pages:>4} pages {time.perf_counter() - started:6.1f} s "
                    f"({outcome.stopped_by})",
                    file=sys.stderr,
                    flush=True,
                )

        await asyncio.gather(*(one(site) for site in sites))
    return outputs


def main(argv: list[str] | None = None) -> int:
    """Check and score one split of the corpus; print the report."""
    parser = argparse.ArgumentParser(prog="python -m bench.realsites", description=__doc__)
    parser.add_argument("--split", choices=("dev", "holdout"), default="dev")
    parser.add_argument("--only", nargs="*", default=[], help="only these sites (of the split)")
    parser.add_argument("--outputs", type=Path, default=None, help="keep each check's JSON here")
    parser.add_argument("--rescore", type=Path, default=None, help="score the JSON kept in this directory")
    parser.add_argument("--delay", type=float, default=0.05, help="seconds between requests to one site")
    parser.add_argument("--max-pages", type=int, default=500)
    parser.add_argument("--max-seconds", type=float, default=900.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--sites", type=Path, default=SITES_FILE, help="the sites file (default: sites.toml)")
    args = parser.parse_args(argv)

    sites = [site for site in chosen(load_sites(args.sites), args.only) if site.split == args.split]
    if not sites:
        print(f"no {args.split} sites to score", file=sys.stderr)
        return 1
    codes = tuple(item.code for item in load_checklist_file(DEFAULT_CHECKLIST_PATH).items)
    keys = {site.name: load_key(site, codes) for site in sites}
    if args.rescore is not None:
        outputs = {
            site.name: json.loads((args.rescore / f"{site.name}.json").read_text(encoding="utf-8")) for site in sites
        }
    else:
        crawl = replace(
            CrawlConfig(max_pages=args.max_pages, max_seconds=args.max_seconds),
            politeness=PolitenessConfig(min_delay=args.delay),
        )
        started = time.perf_counter()
        outputs = asyncio.run(
            check_sites(
                sites, config=SelfCheckConfig(crawl=crawl), port=args.port, mirror=args.mirror,
                concurrency=args.concurrency,
            )
        )  # fmt: skip
        print(f"checked {len(sites)} sites in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        if args.outputs is not None:
            args.outputs.mkdir(parents=True, exist_ok=True)
            for name, output in outputs.items():
                (args.outputs / f"{name}.json").write_text(json.dumps(output, ensure_ascii=False, indent=2))
    report = score([(site.name, keys[site.name], outputs[site.name]) for site in sites], codes)
    title = f"{args.split}: {len(sites)} sites ({', '.join(site.name for site in sites)}), {dt.date.today()}"
    print(format_report(report, title=title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
