"""Check the real sites with the monitor and score them against their answer keys.

    python -m bench.realsites [--split dev|holdout] [--only NAME ...] [--outputs DIR] [--rescore DIR]
        [--crawls DIR | --from-crawls DIR] [--delay 0.05] [--max-pages 500] [--concurrency 4] [--no-ocr]
        [--render-pages N]

Each site is served on loopback (`serve.py`), checked by the self-check as of the day its key speaks for, and
scored (`score.py`); the development set and the holdout are always reported apart. `--rescore DIR` scores the
JSON a previous run kept with `--outputs DIR`, without serving or checking anything; `--crawls DIR` keeps each
site's crawl (its page summaries) and `--from-crawls DIR` classifies kept crawls again, so a change to the
classifier is measured in seconds.
"""

import argparse
import asyncio
import datetime as dt
import json
import pickle
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench.realsites.corpus import SITES_FILE, Site, load_key, load_sites
from bench.realsites.score import format_report, score
from bench.realsites.serve import DEFAULT_MIRROR, DEFAULT_PORT, RealSites, chosen
from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.classify import PageSummary, classify_site, site_findings, summary_index
from prongsai.monitoring.engine.clock import SystemClock
from prongsai.monitoring.engine.crawl import CrawlConfig
from prongsai.monitoring.engine.extract.isolation import ExtractionPool
from prongsai.monitoring.engine.politeness import PolitenessConfig
from prongsai.monitoring.engine.render import RenderConfig
from prongsai.monitoring.outcome import CheckOutcome, to_json
from prongsai.monitoring.selfcheck import SelfCheckConfig, crawl_summaries


@dataclass
class Crawled:
    """One site's crawl, kept so the classifier can be run again on it without fetching anything."""

    url: str
    today: dt.date
    summaries: list[PageSummary]
    sitemaps: tuple[str, ...]
    pages: int
    bytes: int
    seconds: float
    stopped_by: str


async def crawl_sites(
    sites: list[Site], *, config: SelfCheckConfig, port: int, mirror: Path, concurrency: int
) -> dict[str, Crawled]:
    """Serve ``sites`` and crawl each (``concurrency`` at once) into page summaries, as the self-check does."""
    clock = SystemClock()
    checklist = load_checklist_file(DEFAULT_CHECKLIST_PATH)
    gate = asyncio.Semaphore(concurrency)
    crawled: dict[str, Crawled] = {}
    async with RealSites(sites, port=port, mirror=mirror) as served, ExtractionPool(config.isolation) as pool:

        async def one(site: Site) -> None:
            async with gate:
                started = time.perf_counter()
                url = served.urls[site.name]
                crawl, summaries = await crawl_summaries(
                    url, config=config, policy=AddressPolicy(allow_private=True), clock=clock, today=site.today,
                    extractor=pool, checklist=checklist,
                )  # fmt: skip
                seconds = time.perf_counter() - started
                stats = crawl.stats
                crawled[site.name] = Crawled(
                    url, site.today, summaries, crawl.sitemaps, stats.pages, stats.bytes, seconds, str(stats.stopped_by)
                )
                print(
                    f"  {site.name:<24} {stats.pages:>4} pages {stats.rendered:>2} rendered {seconds:6.1f} s"
                    f" ({stats.stopped_by})",
                    file=sys.stderr,
                    flush=True,
                )

        await asyncio.gather(*(one(site) for site in sites))
    return crawled


def judge(crawled: Crawled, config: SelfCheckConfig) -> dict[str, Any]:
    """Classify a kept crawl as the self-check does and return the self-check's JSON."""
    checklist = load_checklist_file(DEFAULT_CHECKLIST_PATH)
    items = classify_site(
        checklist, crawled.summaries, today=crawled.today, config=config.classify, start_url=crawled.url
    )
    findings = site_findings(crawled.url, summary_index(crawled.summaries), sitemaps=crawled.sitemaps)
    outcome = CheckOutcome(
        site=crawled.url, checklist=checklist.code, checked_at=dt.datetime.now(dt.UTC), items=items,
        site_findings=findings, pages=crawled.pages, bytes=crawled.bytes, seconds=crawled.seconds,
        stopped_by=crawled.stopped_by,
    )  # fmt: skip
    return to_json(outcome)


def _load_crawl(path: Path) -> Crawled:
    """Read a crawl this benchmark kept (a pickle it wrote itself; never load one from elsewhere)."""
    crawled = pickle.loads(path.read_bytes())  # noqa: S301 - our own file, written by --crawls
    if not isinstance(crawled, Crawled):
        raise TypeError(f"{path} is not a kept crawl")
    return crawled


def main(argv: list[str] | None = None) -> int:
    """Check and score one split of the corpus; print the report."""
    parser = argparse.ArgumentParser(prog="python -m bench.realsites", description=__doc__)
    parser.add_argument("--split", choices=("dev", "holdout"), default="dev")
    parser.add_argument("--only", nargs="*", default=[], help="only these sites (of the split)")
    parser.add_argument("--outputs", type=Path, default=None, help="keep each check's JSON here")
    parser.add_argument("--rescore", type=Path, default=None, help="score the JSON kept in this directory")
    parser.add_argument("--crawls", type=Path, default=None, help="keep each site's crawl here (page summaries)")
    parser.add_argument("--from-crawls", type=Path, default=None, help="classify the crawls kept in this directory")
    parser.add_argument("--delay", type=float, default=0.05, help="seconds between requests to one site")
    parser.add_argument("--max-pages", type=int, default=500)
    parser.add_argument("--max-seconds", type=float, default=900.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--no-ocr", action="store_true", help="read no scanned document by OCR (to measure its effect)")
    parser.add_argument(
        "--render-pages",
        type=int,
        default=RenderConfig.max_pages,
        help="pages per site whose scripts a browser runs (0: none, to measure their effect)",
    )
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
    crawl = replace(
        CrawlConfig(max_pages=args.max_pages, max_seconds=args.max_seconds),
        politeness=PolitenessConfig(min_delay=args.delay),
        render=RenderConfig(max_pages=args.render_pages),
    )
    config = SelfCheckConfig(crawl=crawl, ocr_pages=0 if args.no_ocr else SelfCheckConfig.ocr_pages)
    if args.rescore is not None:
        outputs = {
            site.name: json.loads((args.rescore / f"{site.name}.json").read_text(encoding="utf-8")) for site in sites
        }
    else:
        if args.from_crawls is not None:
            crawled = {site.name: _load_crawl(args.from_crawls / f"{site.name}.pickle") for site in sites}
        else:
            started = time.perf_counter()
            crawled = asyncio.run(
                crawl_sites(sites, config=config, port=args.port, mirror=args.mirror, concurrency=args.concurrency)
            )
            print(f"crawled {len(sites)} sites in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            if args.crawls is not None:
                args.crawls.mkdir(parents=True, exist_ok=True)
                for name, kept in crawled.items():
                    (args.crawls / f"{name}.pickle").write_bytes(pickle.dumps(kept))
        outputs = {name: judge(kept, config) for name, kept in crawled.items()}
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
