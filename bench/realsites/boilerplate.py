"""Which way of telling a page's own content from its site's template serves Thai agency pages best.

    python -m bench.realsites.boilerplate --from-crawls var/rs-crawls [--split dev]

For every HTML page of the kept crawls (served again on loopback for their bodies) it compares the monitor's
way (:class:`~prongsai.monitoring.engine.classify.site.SiteView`: lines, pictures and links that a good share of
the site's pages repeat are template) with three maintained libraries made for the job: trafilatura, jusText
(which judges paragraphs by their share of stop words; it has no Thai list) and readability-lxml. Two figures:

* **template kept**: of the text each method keeps, the share that is template by a yardstick none of them
  uses: a line that stands on at least half of the site's pages;
* **content kept**: of the pages the answer keys point at for a *found* item, the share where the method keeps
  at least 60 characters that are not template by that yardstick (an empty answer loses the item).
"""

import argparse
import asyncio
import pickle
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp

from bench.realsites.__main__ import Crawled
from bench.realsites.corpus import load_key, load_sites
from bench.realsites.score import evidence_matches
from bench.realsites.serve import DEFAULT_MIRROR, DEFAULT_PORT, RealSites
from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
from prongsai.monitoring.engine.classify import ClassifyConfig, summary_index
from prongsai.monitoring.engine.classify.site import SiteView
from prongsai.monitoring.engine.extract.text import clean_text
from prongsai.monitoring.engine.fetch import origin_of

METHODS = ("prongsai", "trafilatura", "justext", "readability")
VERBOSE = False
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _lines(text: str) -> list[str]:
    return [clean_text(line) for line in text.split("\n") if clean_text(line)]


def _trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_tables=True, include_comments=False) or ""


def _justext(html: str) -> str:
    import justext

    paragraphs = justext.justext(html.encode(), frozenset(), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _readability(html: str) -> str:
    from lxml import html as lxml_html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return "\n".join(lxml_html.fromstring(summary).itertext()) if summary.strip() else ""


async def _bodies(crawled: Crawled, url: str, served: str) -> dict[str, str]:
    """Fetch the HTML bodies of a kept crawl's pages again from the served site."""
    bodies: dict[str, str] = {}
    async with aiohttp.ClientSession() as session:
        for summary in crawled.summaries:
            if not summary.ok or summary.is_document:
                continue
            address = summary.url.replace(origin_of(url), origin_of(served), 1)
            async with session.get(address) as response:
                raw = await response.read()
            bodies[summary.url] = raw.decode("utf-8", errors="replace")
    return bodies


def measure(crawls: Path, split: str, port: int, mirror: Path) -> dict[str, dict[str, float]]:
    """Run every method on every HTML page of the split's kept crawls and return the two figures per method."""
    codes = tuple(item.code for item in load_checklist_file(DEFAULT_CHECKLIST_PATH).items)
    sites = [site for site in load_sites() if site.split == split]
    kept: Counter[str] = Counter()
    template: Counter[str] = Counter()
    content_hits: Counter[str] = Counter()
    evidence_pages = 0
    failures: Counter[str] = Counter()

    async def fetch_all() -> dict[str, dict[str, str]]:
        async with RealSites(sites, port=port, mirror=mirror) as served:
            out = {}
            for site in sites:
                crawled = pickle.loads((crawls / f"{site.name}.pickle").read_bytes())  # noqa: S301 - our own file
                out[site.name] = await _bodies(crawled, crawled.url, served.urls[site.name])
            return out

    bodies_by_site = asyncio.run(fetch_all())
    for site in sites:
        crawled: Crawled = pickle.loads((crawls / f"{site.name}.pickle").read_bytes())  # noqa: S301 - our own file
        bodies = bodies_by_site[site.name]
        view = SiteView.of(
            summary_index(crawled.summaries), start_url=crawled.url, config=ClassifyConfig(), today=crawled.today
        )
        outputs: dict[str, dict[str, list[str]]] = {method: {} for method in METHODS}
        for summary in crawled.summaries:
            if summary.url not in bodies:
                continue
            html = _CONTROL.sub("", bodies[summary.url])  # lxml refuses NUL and control characters outright
            outputs["prongsai"][summary.url] = _lines(view.own(summary).text)
            for method, run in (("trafilatura", _trafilatura), ("justext", _justext), ("readability", _readability)):
                try:
                    outputs[method][summary.url] = _lines(run(html))
                except Exception:  # noqa: BLE001 - a library that fails on a page keeps nothing of it; counted
                    failures[method] += 1
                    outputs[method][summary.url] = []
        everywhere = Counter(line for summary_url in bodies for line in set(_lines(_all_text(bodies[summary_url]))))
        half = max(2, len(bodies) // 2)
        yardstick = {line for line, count in everywhere.items() if count >= half}
        key = load_key(site, codes)
        wanted = [
            url
            for url in bodies
            if any(k.status == "found" and evidence_matches(url, k.evidence) for k in key.values())
        ]
        evidence_pages += len(wanted)
        for method, pages in outputs.items():
            for lines in pages.values():
                chars = sum(len(line) for line in lines)
                kept[method] += chars
                template[method] += sum(len(line) for line in lines if line in yardstick)
            for url in wanted:
                own = sum(len(line) for line in pages.get(url, []) if line not in yardstick)
                content_hits[method] += own >= 60
                if method == "prongsai" and own < 60 and VERBOSE:
                    print(f"    {site.name} {url} keeps {own}", file=sys.stderr)
        print(f"  {site.name}: {len(bodies)} pages, {len(wanted)} evidence pages", file=sys.stderr)
    return {
        method: {
            "template_kept": round(template[method] / kept[method], 3) if kept[method] else 0.0,
            "content_kept": round(content_hits[method] / evidence_pages, 3) if evidence_pages else 0.0,
            "evidence_pages": float(evidence_pages),
            "failures": float(failures[method]),
        }
        for method in METHODS
    }


def _all_text(html: str) -> str:
    """Return every visible text line of a page (the yardstick's raw material), template and content alike."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    return tree.body.text(separator="\n") if tree.body is not None else ""


def main(argv: list[str] | None = None) -> int:
    """Print the comparison as a markdown table."""
    parser = argparse.ArgumentParser(prog="python -m bench.realsites.boilerplate", description=__doc__)
    parser.add_argument("--from-crawls", type=Path, required=True)
    parser.add_argument("--split", choices=("dev", "holdout"), default="dev")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    args = parser.parse_args(argv)
    figures: dict[str, Any] = measure(args.from_crawls, args.split, args.port, args.mirror)
    print(
        "| method | template kept (lower is better) | content kept on the keys' evidence pages | pages it failed on |"
    )
    print("|---|---|---|---|")
    for method, row in figures.items():
        print(f"| {method} | {row['template_kept']:.2f} | {row['content_kept']:.2f} | {int(row['failures'])} |")
    print(f"\n{int(next(iter(figures.values()))['evidence_pages'])} evidence pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
