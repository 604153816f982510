"""The throughput baseline: Scrapy crawls the farm with the monitor's politeness, fetching and parsing only.

Same rules as the monitor: robots.txt obeyed (its Crawl-delay applied per host through Scrapy's download
slots, since Scrapy itself ignores that line), the same per-host concurrency and delay, same-site scope,
the same page budget per site and response size limit. Links are extracted with Scrapy's LinkExtractor
from every HTML page (documents are fetched, not read). It reports pages, bytes, wall seconds, CPU
seconds and peak RSS as JSON.

Run it in its own process so Twisted's reactor never meets the monitor's asyncio loop::

    python -m bench.monitor_farm.scrapy_baseline --sites http://127.0.1.1:8800/ http://127.0.1.2:8800/
"""

import argparse
import json
import resource
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from protego import Protego


@dataclass(frozen=True)
class CrawlPolicy:
    """The politeness and budgets shared by the monitor and the baseline; defaults are the benchmark's."""

    concurrency_per_host: int = 2
    delay_seconds: float = 0.25
    page_budget: int = 300
    max_response_bytes: int = 20 * 1024 * 1024
    timeout_seconds: float = 10.0
    max_redirects: int = 5
    retries: int = 2
    total_concurrency: int = 64
    user_agent: str = "ProngsaiMonitorBench/1.0 (+loopback farm)"


def baseline_settings(policy: CrawlPolicy, crawl_delays: Mapping[str, float]) -> dict[str, Any]:
    """Return the Scrapy settings that make it crawl with `policy`.

    `crawl_delays` maps a host to its robots.txt Crawl-delay; such a host waits the longer of that
    and the policy's delay between requests.
    """
    slots = {
        host: {
            "concurrency": policy.concurrency_per_host,
            "delay": max(delay, policy.delay_seconds),
            "jitter": 0,
        }
        for host, delay in sorted(crawl_delays.items())
    }
    return {
        "ROBOTSTXT_OBEY": True,
        "ROBOTSTXT_USER_AGENT": policy.user_agent,
        "USER_AGENT": policy.user_agent,
        "CONCURRENT_REQUESTS": policy.total_concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": policy.concurrency_per_host,
        "DOWNLOAD_DELAY": policy.delay_seconds,
        "DOWNLOAD_DELAY_JITTER": 0,
        "DOWNLOAD_SLOTS": slots,
        "DOWNLOAD_TIMEOUT": policy.timeout_seconds,
        "DOWNLOAD_MAXSIZE": policy.max_response_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "REDIRECT_MAX_TIMES": policy.max_redirects,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": policy.retries,
        "RETRY_HTTP_CODES": [429, 500, 502, 503, 504],
        "HTTPERROR_ALLOW_ALL": True,
        "AUTOTHROTTLE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        # Breadth first, like the monitor: a trap's endless depth cannot starve the rest of the site.
        "DEPTH_PRIORITY": 1,
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
    }


def crawl_delays_of(site_urls: Sequence[str], *, timeout: float = 5.0) -> dict[str, float]:
    """Read each site's robots.txt and return the Crawl-delay of the hosts that set one."""
    delays: dict[str, float] = {}
    for url in site_urls:
        parts = urlsplit(url)
        try:
            with urllib.request.urlopen(f"{parts.scheme}://{parts.netloc}/robots.txt", timeout=timeout) as answer:
                text = answer.read().decode("utf-8", "replace")
        except (urllib.error.URLError, OSError):
            continue
        delay = Protego.parse(text).crawl_delay("*")
        if delay and parts.hostname:
            delays[parts.hostname] = float(delay)
    return delays


def _spider_class() -> type:
    """Define the spider only when Scrapy runs, so importing this module never loads Twisted."""
    import scrapy
    from scrapy import signals
    from scrapy.http import Response, TextResponse
    from scrapy.linkextractors import LinkExtractor

    class FarmSpider(scrapy.Spider):
        """Fetch every site from its home page, follow same-site links, stop each site at its budget."""

        name = "farm_baseline"

        def __init__(self, site_urls: Sequence[str], page_budget: int, stats: dict[str, Any]) -> None:
            super().__init__()
            self.site_urls = list(site_urls)
            self.page_budget = page_budget
            self.stats = stats
            self.scheduled: Counter[str] = Counter()
            self.seen: set[str] = set(site_urls)
            self.allowed_domains = [urlsplit(url).hostname or "" for url in site_urls]
            # Scrapy's allow_domains compares the host with its port, so scope is checked by hostname below.
            self.extractor = LinkExtractor(deny_extensions=[])

        @classmethod
        def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "FarmSpider":
            spider: FarmSpider = super().from_crawler(crawler, *args, **kwargs)
            crawler.signals.connect(spider.on_response, signal=signals.response_received)
            return spider

        def on_response(self, response: Response, request: Any, spider: Any) -> None:
            # The monitor's page count leaves robots.txt out (its bytes count), so this one does too.
            self.stats["pages"] += urlsplit(response.url).path != "/robots.txt"
            self.stats["bytes"] += len(response.body)

        async def start(self) -> AsyncIterator[Any]:
            for url in self.site_urls:
                self.scheduled[urlsplit(url).hostname or ""] += 1
                yield scrapy.Request(url, callback=self.parse)

        def parse(self, response: Response) -> Iterator[Any]:
            if not isinstance(response, TextResponse) or b"html" not in (response.headers.get("Content-Type") or b""):
                return
            host = urlsplit(response.url).hostname or ""
            for link in self.extractor.extract_links(response):
                if urlsplit(link.url).hostname != host or link.url in self.seen:
                    continue
                if self.scheduled[host] >= self.page_budget:
                    return
                self.seen.add(link.url)
                self.scheduled[host] += 1
                yield scrapy.Request(link.url, callback=self.parse)

    return FarmSpider


def crawl(site_urls: Sequence[str], policy: CrawlPolicy) -> dict[str, Any]:
    """Crawl the sites with Scrapy in this process and return the figures (the reactor then stays stopped)."""
    from scrapy.crawler import CrawlerProcess

    stats: dict[str, Any] = {"pages": 0, "bytes": 0}
    delays = crawl_delays_of(site_urls)
    process = CrawlerProcess(settings=baseline_settings(policy, delays))
    started, cpu_started = time.perf_counter(), time.process_time()
    process.crawl(_spider_class(), site_urls=site_urls, page_budget=policy.page_budget, stats=stats)
    process.start()
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "crawler": "scrapy",
        "sites": len(site_urls),
        "pages": stats["pages"],
        "bytes": stats["bytes"],
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "pages_per_second": round(stats["pages"] / seconds, 2) if seconds else None,
        "peak_rss_mb": round(peak_kib / 1024, 1),
        "policy": asdict(policy),
        "crawl_delays": delays,
    }


def run_baseline(site_urls: Sequence[str], policy: CrawlPolicy, *, python: str = sys.executable) -> dict[str, Any]:
    """Run the baseline in a child process (its own reactor) and return its figures."""
    command = [python, "-m", "bench.monitor_farm.scrapy_baseline", "--sites", *site_urls]
    for name, value in asdict(policy).items():
        command += [f"--{name.replace('_', '-')}", str(value)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    """Parse the sites and the policy, crawl, print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", nargs="+", required=True, help="base URL of every site")
    defaults = CrawlPolicy()
    for name, value in asdict(defaults).items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value)
    args = parser.parse_args(argv)
    policy = CrawlPolicy(**{name: getattr(args, name) for name in asdict(defaults)})
    print(json.dumps(crawl(args.sites, policy), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
