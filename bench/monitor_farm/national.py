"""How long a national round takes: one monitor worker process crawling many farm sites at once, politely.

    python -m bench.monitor_farm.national --sites 128 --at-once 64 [--delay 1.0] [--page-budget 500]
        [--cores 16] [--round 8300]

The farm (generated once, reused) is served from a process of its own. One child process then does what a
`manage.py monitor work` process does, without the database: it runs every site through a
:class:`~prongsai.monitoring.hub.CheckHub` (one event loop, one pool of extraction workers, at most
``--at-once`` sites in flight, each crawled at ``--delay`` seconds between requests: 1 request per second per
host by default). Wall time, CPU time (the child and its extraction workers) and peak memory come from the
operating system (``wait4``), pages from the checks themselves.

From those figures it projects a national round: ``--round`` sites, each crawled to its full ``--page-budget``
(the worst case: real sites mostly have fewer pages), on ``--cores`` cores with one worker process per core.
A site at its budget takes budget × (seconds per page a site took here) of wall time; a process carries
``--at-once`` sites at a time; the CPU a process needs is its pages per second × the CPU per page measured.

The farm has no scanned documents, so Thai OCR is added from its own measurement (``python -m
bench.realsites.ocr``): ``--ocr-pages`` pages per site (by default the whole per-check budget, 5) at
``--ocr-cpu-seconds`` each. The round cannot end before all its CPU work is done on the cores, so the projected
time with OCR is the longer of the polite crawl's time and that CPU time. The farm's pages run no scripts either,
so the pages a headless Chromium renders are added the same way (``python -m bench.realsites --render-pages``):
``--render-pages`` per site (the per-check budget, 1), the first at ``--render-first-cpu-seconds`` (the site's
scripts parsed for the first time), each further one at ``--render-cpu-seconds``. ``--report FILE`` projects again
from a report this benchmark wrote, without crawling.
"""

import argparse
import json
import math
import resource
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.monitor_farm.__main__ import farm_matches
from bench.monitor_farm.generate import FarmConfig, generate_farm
from bench.monitor_farm.throughput import FarmProcess, run_measured


def _child(args: argparse.Namespace) -> int:
    """Check every URL through one CheckHub and print the figures as JSON (the measured child)."""
    from prongsai.checklists.definition import load_checklist_file
    from prongsai.monitoring.engine.addresses import AddressPolicy
    from prongsai.monitoring.engine.clock import SystemClock
    from prongsai.monitoring.engine.crawl import CrawlConfig
    from prongsai.monitoring.engine.fetch import FetchConfig
    from prongsai.monitoring.engine.politeness import PolitenessConfig
    from prongsai.monitoring.hub import CheckHub
    from prongsai.monitoring.selfcheck import SelfCheckConfig, SiteUnreachable

    checklist = load_checklist_file(FarmConfig().checklist_path)
    config = SelfCheckConfig(
        crawl=CrawlConfig(
            max_pages=args.page_budget,
            max_seconds=args.max_seconds,
            fetch=FetchConfig(total_timeout=10.0, read_timeout=10.0, max_retries=1),
            politeness=PolitenessConfig(min_delay=args.delay),
        )
    )
    clock = SystemClock()
    started = time.perf_counter()
    per_site: list[dict[str, Any]] = []
    with CheckHub(config=config, policy=AddressPolicy(allow_private=True), clock=clock, max_sites=args.at_once) as hub:
        futures = [(url, hub.submit(url, checklist=checklist, today=clock.now().date())) for url in args.urls]
        for url, future in futures:
            try:
                outcome = future.result()
            except SiteUnreachable as failure:
                per_site.append({"url": url, "failed": failure.code})
                continue
            per_site.append(
                {"url": url, "pages": outcome.pages, "seconds": outcome.seconds, "stopped_by": outcome.stopped_by}
            )
        figures = hub.figures
    checked = [site for site in per_site if "pages" in site]
    print(
        json.dumps(
            {
                "sites": len(args.urls),
                "checked": len(checked),
                "failed": len(per_site) - len(checked),
                "pages": sum(site["pages"] for site in checked),
                "seconds_per_page_per_site": round(
                    sum(site["seconds"] for site in checked) / max(1, sum(site["pages"] for site in checked)), 4
                ),
                "own_seconds": round(time.perf_counter() - started, 3),
                "main_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "worker_peak_rss_mb": round((figures.peak_worker_rss_kib if figures else 0) / 1024, 1),
                "workers": config.isolation.workers,
                "extraction": asdict(figures) if figures else {},
            }
        )
    )
    return 0


def project(own: dict[str, Any], measured: dict[str, float], args: argparse.Namespace) -> dict[str, Any]:
    """Return the national-round projection from one process's measured figures (see the module docstring)."""
    pages = max(1, own["pages"])
    cpu_per_page = measured["cpu_seconds"] / pages
    seconds_per_page = max(args.delay, own["seconds_per_page_per_site"])
    site_seconds = args.page_budget * seconds_per_page
    process_pages_per_second = args.at_once / seconds_per_page
    cores_per_process = process_pages_per_second * cpu_per_page
    in_flight = args.cores * args.at_once
    waves = math.ceil(args.round / in_flight)
    wall_hours = waves * site_seconds / 3600
    memory_mb = own["main_peak_rss_mb"] + own["workers"] * own["worker_peak_rss_mb"]
    crawl_cpu_hours = args.round * args.page_budget * cpu_per_page / 3600
    ocr_cpu_hours = args.round * args.ocr_pages * args.ocr_cpu_seconds / 3600
    render_seconds = (
        args.render_first_cpu_seconds + (args.render_pages - 1) * args.render_cpu_seconds if args.render_pages else 0.0
    )
    render_cpu_hours = args.round * render_seconds / 3600
    return {
        "cpu_ms_per_page": round(1000 * cpu_per_page, 2),
        "seconds_per_page_per_site": round(seconds_per_page, 3),
        "site_seconds_at_budget": round(site_seconds),
        "cores_one_process_needs": round(cores_per_process, 3),
        "sites_per_hour_per_process_at_budget": round(args.at_once * 3600 / site_seconds, 1),
        "sites_at_once_on_all_cores": in_flight,
        "waves": waves,
        "round_hours": round(wall_hours, 2),
        "memory_per_process_mb": round(memory_mb),
        "memory_all_processes_gb": round(args.cores * memory_mb / 1024, 1),
        "crawl_cpu_hours": round(crawl_cpu_hours, 1),
        "ocr_cpu_hours": round(ocr_cpu_hours, 1),
        "round_hours_with_ocr": round(max(wall_hours, (crawl_cpu_hours + ocr_cpu_hours) / args.cores), 2),
        "render_cpu_hours": round(render_cpu_hours, 1),
        "round_hours_with_ocr_and_rendering": round(
            max(wall_hours, (crawl_cpu_hours + ocr_cpu_hours + render_cpu_hours) / args.cores), 2
        ),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with `child`, the measured worker process)."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.monitor_farm.national",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sites", type=int, default=128, help="farm sites to check")
    parser.add_argument("--at-once", type=int, default=64, help="sites one process crawls at once")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to one host")
    parser.add_argument("--page-budget", type=int, default=500)
    parser.add_argument("--max-seconds", type=float, default=900.0)
    parser.add_argument("--cores", type=int, default=16)
    parser.add_argument("--round", type=int, default=8300, help="sites in a national round")
    parser.add_argument("--ocr-pages", type=int, default=5, help="pages each site has read by OCR")
    parser.add_argument("--ocr-cpu-seconds", type=float, default=6.2, help="CPU seconds of OCR per page")
    parser.add_argument("--render-pages", type=int, default=1, help="pages each site has rendered by Chromium")
    parser.add_argument(
        "--render-first-cpu-seconds", type=float, default=3.4, help="CPU seconds of a site's first rendered page"
    )
    parser.add_argument("--render-cpu-seconds", type=float, default=0.95, help="CPU seconds of each further render")
    parser.add_argument("--report", type=Path, default=None, help="project again from this report; crawl nothing")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=Path("var/farm-national"))
    parser.add_argument("--urls", nargs="*", default=[], help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="?", choices=("child",), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.command == "child":
        return _child(args)

    if args.report is not None:
        saved = json.loads(args.report.read_text(encoding="utf-8"))
        _print(saved["own"], saved["measured"], project(saved["own"], saved["measured"], args), args)
        return 0
    farm = FarmConfig(sites=args.sites, seed=args.seed)
    farm_dir = args.dir / f"sites-{args.sites}"
    if not farm_matches(farm_dir, farm):
        generate_farm(farm, farm_dir)
    with FarmProcess(farm_dir, args.sites, huge_mb=64, slow_seconds=30.0) as urls:
        command = [
            sys.executable, "-m", "bench.monitor_farm.national", "child", "--at-once", str(args.at_once),
            "--delay", str(args.delay), "--page-budget", str(args.page_budget), "--max-seconds",
            str(args.max_seconds), "--urls", *urls,
        ]  # fmt: skip
        log = args.dir / f"sites-{args.sites}-national.log"
        print(f"{args.sites} sites, {args.at_once} at once, {args.delay:g} s per host … (log: {log})", file=sys.stderr)
        with log.open("w", encoding="utf-8") as stderr:
            output, figures = run_measured(command, stderr=stderr)
    if figures.exit_code != 0:
        print(f"the worker child failed with exit code {figures.exit_code}; see {log}", file=sys.stderr)
        return 1
    own = json.loads(output)
    measured = {"seconds": figures.seconds, "cpu_seconds": figures.cpu_seconds, "peak_rss_mb": figures.peak_rss_mb}
    projection = project(own, measured, args)
    _print(own, measured, projection, args)
    report = {"args": {k: str(v) for k, v in vars(args).items() if k != "urls"}, "own": own, "measured": measured}
    (args.dir / f"sites-{args.sites}-national.json").write_text(
        json.dumps({**report, "projection": projection}, indent=2), encoding="utf-8"
    )
    return 0


def _print(
    own: dict[str, Any], measured: dict[str, float], projection: dict[str, Any], args: argparse.Namespace
) -> None:
    """Print the measured figures and the projection as a short markdown report."""
    seconds, cpu_seconds = measured["seconds"], measured["cpu_seconds"]
    print(f"## One worker process: {own['sites']} farm sites, {args.at_once} at once, {args.delay:g} s per host")
    print(
        f"- checked {own['checked']} sites ({own['failed']} failed), {own['pages']} pages in {seconds:.1f} s "
        f"wall: {own['checked'] * 3600 / seconds:.0f} sites per hour at the farm's size"
    )
    print(
        f"- CPU {cpu_seconds:.1f} s in all ({projection['cpu_ms_per_page']} ms per page); "
        f"peak RSS {own['main_peak_rss_mb']:.0f} MB for the process + {own['workers']} × "
        f"{own['worker_peak_rss_mb']:.0f} MB extraction workers"
    )
    print(f"- a site spent {projection['seconds_per_page_per_site']} s per page (politeness and server time)")
    print(f"## A national round: {args.round} sites at {args.page_budget} pages each, {args.cores} cores")
    print(
        f"- one process per core, {args.at_once} sites each: {projection['sites_at_once_on_all_cores']} sites at once, "
        f"{projection['waves']} waves of {projection['site_seconds_at_budget']} s"
    )
    print(
        f"- projected wall time {projection['round_hours']} h; each process needs "
        f"{projection['cores_one_process_needs']} of a core and {projection['memory_per_process_mb']} MB "
        f"({projection['memory_all_processes_gb']} GB in all)"
    )
    print(
        f"- with Thai OCR of {args.ocr_pages} pages per site at {args.ocr_cpu_seconds:g} CPU s a page: "
        f"{projection['ocr_cpu_hours']} CPU hours beside the crawl's {projection['crawl_cpu_hours']}; "
        f"projected wall time {projection['round_hours_with_ocr']} h"
    )
    print(
        f"- and with Chromium rendering {args.render_pages} of each site's pages: "
        f"{projection['render_cpu_hours']} CPU hours more; "
        f"projected wall time {projection['round_hours_with_ocr_and_rendering']} h"
    )


if __name__ == "__main__":
    raise SystemExit(main())
