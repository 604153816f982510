"""Measure the self-check's throughput and memory against Scrapy on the same farm, in one run.

    python -m bench.monitor_farm.throughput --sites 10,40 [--delay 0.25] [--json var/throughput.json]

For every farm size it generates the farm (once; an existing matching farm is reused), serves it from
a process of its own (so the server's CPU is never counted), then crawls it twice, each crawler in a
fresh child process: our self-check (fetch, extract, classify: the real ``run_selfcheck`` path, the
sites checked concurrently) and Scrapy (fetch and parse only). Both get the same politeness (per-host
concurrency and delay), the same page budget per site, timeouts and size limit.

Each child's figures come from the operating system, not from the child: wall seconds, user+system
CPU seconds and peak resident memory from ``wait4`` (the child together with the processes it
started and waited for, such as our extraction workers). ``pages`` counts page and document fetches
(robots.txt and sitemap files not) as each crawler reports them.
"""

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from bench.monitor_farm.__main__ import farm_matches
from bench.monitor_farm.generate import FarmConfig, generate_farm
from bench.monitor_farm.scrapy_baseline import CrawlPolicy


@dataclass(frozen=True)
class ChildFigures:
    """What the operating system says one crawler child cost."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    exit_code: int


def run_measured(command: Sequence[str], *, stderr: IO[str] | None = None) -> tuple[str, ChildFigures]:
    """Run `command`, return its standard output and its wall time, CPU time and peak RSS from `wait4`.

    `wait4` reports the child and every descendant it reaped, so a crawler that hands work to worker
    processes is charged for them; the peak RSS is the largest of those processes, not their sum.
    """
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True)
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    # Popen must not wait for a child that wait4 already reaped.
    child.returncode = os.waitstatus_to_exitcode(status)
    figures = ChildFigures(
        seconds=round(seconds, 3),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 3),
        peak_rss_mb=round(usage.ru_maxrss / 1024, 1),
        exit_code=child.returncode,
    )
    return output, figures


class FarmProcess:
    """The farm server in a child process: start it, read the site URLs, stop it."""

    def __init__(self, farm_dir: Path, sites: int, *, huge_mb: int, slow_seconds: float) -> None:
        self.command = [
            sys.executable, "-m", "bench.monitor_farm", "serve", "--sites", str(sites), "--dir", str(farm_dir),
            "--port", "0", "--huge-mb", str(huge_mb), "--slow-seconds", str(slow_seconds),
        ]  # fmt: skip
        self.sites = sites
        self.process: subprocess.Popen[str] | None = None

    def __enter__(self) -> list[str]:
        self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        urls = [self.process.stdout.readline().strip() for _ in range(self.sites)]
        if not all(url.startswith("http://") for url in urls):
            self.__exit__()
            raise RuntimeError(f"the farm server did not start: {urls!r}")
        return urls

    def __exit__(self, *_: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


def _policy_arguments(policy: CrawlPolicy) -> list[str]:
    arguments: list[str] = []
    for name, value in asdict(policy).items():
        arguments += [f"--{name.replace('_', '-')}", str(value)]
    return arguments


def _policy_from(args: argparse.Namespace) -> CrawlPolicy:
    return CrawlPolicy(**{name: getattr(args, name) for name in asdict(CrawlPolicy())})


def measure_ours(urls: Sequence[str], policy: CrawlPolicy, *, stderr: IO[str] | None = None) -> dict[str, Any]:
    """Self-check every site in a fresh child process and return its own figures with the system's."""
    command = [sys.executable, "-m", "bench.monitor_farm.throughput", "ours", "--urls", *urls]
    output, figures = run_measured([*command, *_policy_arguments(policy)], stderr=stderr)
    return _combine("prongsai", output, figures)


def measure_scrapy(urls: Sequence[str], policy: CrawlPolicy, *, stderr: IO[str] | None = None) -> dict[str, Any]:
    """Crawl every site with the Scrapy baseline in a fresh child process and return its figures."""
    command = [sys.executable, "-m", "bench.monitor_farm.scrapy_baseline", "--sites", *urls]
    output, figures = run_measured([*command, *_policy_arguments(policy)], stderr=stderr)
    return _combine("scrapy", output, figures)


def _combine(crawler: str, output: str, figures: ChildFigures) -> dict[str, Any]:
    """Merge what the child printed (pages, bytes, its own view of time) with what wait4 measured."""
    if figures.exit_code != 0:
        raise RuntimeError(f"the {crawler} child failed with exit code {figures.exit_code}")
    own: dict[str, Any] = json.loads(output)
    pages = int(own["pages"])
    return {
        "crawler": crawler,
        "sites": own["sites"],
        "pages": pages,
        "bytes": own["bytes"],
        "seconds": figures.seconds,
        "pages_per_second": round(pages / figures.seconds, 2) if figures.seconds else None,
        "cpu_seconds": figures.cpu_seconds,
        "cpu_ms_per_page": round(1000 * figures.cpu_seconds / pages, 2) if pages else None,
        "peak_rss_mb": figures.peak_rss_mb,
        "worker_rss_mb": own.get("worker_peak_rss_mb"),
        "child": {key: value for key, value in own.items() if key not in ("sites", "pages", "bytes")},
    }


# -- the "ours" child ---------------------------------------------------------------------------


def _selfcheck_config(policy: CrawlPolicy) -> Any:
    """Return the self-check configuration that crawls with `policy` (imported late: the parent never needs it)."""
    from prongsai.monitoring.engine.crawl import CrawlConfig
    from prongsai.monitoring.engine.fetch import FetchConfig
    from prongsai.monitoring.engine.politeness import PolitenessConfig
    from prongsai.monitoring.selfcheck import SelfCheckConfig

    crawl = CrawlConfig(
        max_pages=policy.page_budget,
        workers=policy.concurrency_per_host,
        fetch=FetchConfig(
            user_agent=policy.user_agent,
            total_timeout=policy.timeout_seconds,
            read_timeout=policy.timeout_seconds,
            max_bytes=policy.max_response_bytes,
            max_redirects=policy.max_redirects,
            max_retries=policy.retries,
        ),
        politeness=PolitenessConfig(per_host_concurrency=policy.concurrency_per_host, min_delay=policy.delay_seconds),
    )
    return SelfCheckConfig(crawl=crawl)


async def _check_all(urls: Sequence[str], policy: CrawlPolicy) -> dict[str, Any]:
    """Self-check every site, as many at once as the policy's total concurrency allows, and sum the figures."""
    from prongsai.checklists.definition import load_checklist_file
    from prongsai.monitoring.engine.addresses import AddressPolicy
    from prongsai.monitoring.engine.clock import SystemClock
    from prongsai.monitoring.engine.extract.isolation import ExtractionPool
    from prongsai.monitoring.selfcheck import run_selfcheck

    checklist = load_checklist_file(FarmConfig().checklist_path)
    config = _selfcheck_config(policy)
    clock = SystemClock()
    gate = asyncio.Semaphore(max(1, policy.total_concurrency // policy.concurrency_per_host))
    today = clock.now().date()
    totals = {"pages": 0, "bytes": 0}
    stopped: dict[str, int] = {}

    # One pool for every site, as a national round would run it; closed (its workers reaped)
    # before the child exits, so wait4 in the parent charges their CPU time to this crawler.
    async with ExtractionPool(config.isolation) as pool:

        async def one(url: str) -> None:
            async with gate:
                outcome = await run_selfcheck(
                    url, checklist=checklist, config=config, policy=AddressPolicy(allow_private=True), clock=clock,
                    today=today, extractor=pool,
                )  # fmt: skip
            totals["pages"] += outcome.pages
            totals["bytes"] += outcome.bytes
            stopped[outcome.stopped_by] = stopped.get(outcome.stopped_by, 0) + 1

        await asyncio.gather(*(one(url) for url in urls))
    return {**totals, "stopped_by": stopped, "extraction": asdict(pool.figures)}


def _ours(args: argparse.Namespace) -> int:
    policy = _policy_from(args)
    started, cpu_started = time.perf_counter(), time.process_time()
    figures = asyncio.run(_check_all(args.urls, policy))
    own_seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "crawler": "prongsai",
                "sites": len(args.urls),
                **figures,
                "own_seconds": round(own_seconds, 3),
                "main_cpu_seconds": round(time.process_time() - cpu_started, 3),
                "main_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                # Not RUSAGE_CHILDREN: a child's peak starts at the parent's, inherited across fork.
                "worker_peak_rss_mb": round(figures["extraction"]["peak_worker_rss_kib"] / 1024, 1),
                "policy": asdict(policy),
            },
            ensure_ascii=False,
        )
    )
    return 0


# -- the parent ----------------------------------------------------------------------------------


def run_size(
    sites: int, *, base_dir: Path, seed: int, policy: CrawlPolicy, huge_mb: int, slow_seconds: float
) -> list[dict[str, Any]]:
    """Generate (or reuse) the farm of `sites` sites, serve it, and measure both crawlers on it."""
    farm = FarmConfig(sites=sites, seed=seed)
    farm_dir = base_dir / f"sites-{sites}"
    if not farm_matches(farm_dir, farm):
        generate_farm(farm, farm_dir)
    rows: list[dict[str, Any]] = []
    with FarmProcess(farm_dir, sites, huge_mb=huge_mb, slow_seconds=slow_seconds) as urls:
        # Ours first: whatever the server or the page cache warms up helps Scrapy, not us.
        for name, measure in (("prongsai", measure_ours), ("scrapy", measure_scrapy)):
            log = base_dir / f"sites-{sites}-{name}.log"
            print(f"{sites} sites: {name} … (log: {log})", file=sys.stderr, flush=True)
            with log.open("w", encoding="utf-8") as stderr:
                rows.append(measure(urls, policy, stderr=stderr))
            print(format_rows(rows[-1:]), file=sys.stderr, flush=True)
    return rows


_COLUMNS = (
    ("sites", "sites", "{}"),
    ("crawler", "crawler", "{}"),
    ("pages", "pages", "{}"),
    ("seconds", "wall s", "{:.1f}"),
    ("pages_per_second", "pages/s", "{:.1f}"),
    ("cpu_seconds", "CPU s", "{:.1f}"),
    ("cpu_ms_per_page", "CPU ms/page", "{:.1f}"),
    ("peak_rss_mb", "peak RSS MB", "{:.0f}"),
    ("worker_rss_mb", "worker RSS MB", "{:.0f}"),
)


def format_rows(rows: Sequence[dict[str, Any]]) -> str:
    """Return the figures as an aligned text table, one line per crawler and farm size."""
    header = [title for _, title, _ in _COLUMNS]
    lines = [[fmt.format(row[key]) if row[key] is not None else "-" for key, _, fmt in _COLUMNS] for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(header, *lines, strict=True)]
    render = ["  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True)) for line in lines]
    return "\n".join(["  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)), *render])


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(
            f"ต้องเป็นจำนวนเว็บไซต์ที่เป็นบวก คั่นด้วยจุลภาค / a comma-separated list of positive site counts: {text!r}"
        )
    return sizes


def _add_policy_arguments(parser: argparse.ArgumentParser) -> None:
    for name, value in asdict(CrawlPolicy()).items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with `ours`, the self-check child it starts)."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.monitor_farm.throughput",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sites", type=_sizes, default=[10, 40], help="farm sizes, e.g. 10,40")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=Path("var/farm-throughput"))
    parser.add_argument("--json", type=Path, default=Path("var/throughput.json"))
    parser.add_argument("--huge-mb", type=int, default=64, help="size of the farm's huge-file trap")
    parser.add_argument("--slow-seconds", type=float, default=30.0, help="how long the slow-drip trap drips")
    _add_policy_arguments(parser)
    commands = parser.add_subparsers(dest="command")
    ours = commands.add_parser("ours", help="(internal) self-check the given sites and print the figures")
    ours.add_argument("--urls", nargs="+", required=True)
    _add_policy_arguments(ours)
    args = parser.parse_args(argv)
    if args.command == "ours":
        return _ours(args)
    policy = _policy_from(args)
    rows: list[dict[str, Any]] = []
    for sites in args.sites:
        rows += run_size(
            sites, base_dir=args.dir, seed=args.seed, policy=policy, huge_mb=args.huge_mb,
            slow_seconds=args.slow_seconds,
        )  # fmt: skip
    print(format_rows(rows))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = {"policy": asdict(policy), "huge_mb": args.huge_mb, "slow_seconds": args.slow_seconds, "rows": rows}
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
