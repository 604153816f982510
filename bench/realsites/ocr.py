"""What reading scanned PDFs with Thai OCR costs, per page, on the documents of real agency websites.

    python -m bench.realsites.ocr --from-crawls var/rs-crawls [--split dev]

The kept crawls say which documents are scans (no text layer: the monitor reads those a label names by OCR).
This serves the sites again on loopback, fetches every such document, and extracts each in this process twice,
with OCR and without (the rest of :class:`~prongsai.monitoring.engine.extract.model.ExtractConfig` as the
monitor uses it), timing each on the process's CPU clock (Tesseract runs inside MuPDF, in this process). It
prints, per document and in total: pages read by OCR, CPU seconds with and without OCR, the text characters OCR
gave and the dates found in that text. The effect on the accuracy figures is measured by checking the sites
again with ``python -m bench.realsites --no-ocr``.
"""

import argparse
import asyncio
import datetime as dt
import pickle
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import aiohttp

from bench.realsites.__main__ import Crawled
from bench.realsites.corpus import load_sites
from bench.realsites.serve import DEFAULT_MIRROR, DEFAULT_PORT, RealSites
from prongsai.monitoring.engine.dates import find_text_dates
from prongsai.monitoring.engine.extract import Document, extract
from prongsai.monitoring.engine.extract.model import ExtractConfig, Problem
from prongsai.monitoring.engine.fetch import origin_of


@dataclass(frozen=True)
class Reading:
    """One scanned document read with and without OCR."""

    site: str
    url: str
    pages: int
    ocr_pages: int
    seconds_with: float
    seconds_without: float
    chars: int
    dates: int


def _cpu(document: Document, config: ExtractConfig) -> tuple[float, int, str, bool]:
    """Extract ``document`` and return (CPU seconds, pages, text, whether OCR read it)."""
    started = time.process_time()
    extracted = extract(document, config)
    return time.process_time() - started, extracted.page_count or 0, extracted.text, Problem.OCR in extracted.problems


async def _fetch(urls: list[tuple[str, str]]) -> dict[str, bytes]:
    bodies: dict[str, bytes] = {}
    async with aiohttp.ClientSession() as session:
        for original, address in urls:
            async with session.get(address) as response:
                bodies[original] = await response.read()
    return bodies


def measure(crawls: Path, split: str, port: int, mirror: Path) -> list[Reading]:
    """Return the reading of every document the split's kept crawls read by OCR."""
    sites = [site for site in load_sites() if site.split == split]
    wanted: dict[str, list[str]] = {}
    for site in sites:
        crawled: Crawled = pickle.loads((crawls / f"{site.name}.pickle").read_bytes())  # noqa: S301 - our own file
        wanted[site.name] = [summary.url for summary in crawled.summaries if summary.ocr or summary.scanned]

    async def fetch_all() -> dict[str, dict[str, bytes]]:
        async with RealSites([site for site in sites if wanted[site.name]], port=port, mirror=mirror) as served:
            out: dict[str, dict[str, bytes]] = {}
            for site in sites:
                if wanted[site.name]:
                    base = origin_of(wanted[site.name][0])
                    there = origin_of(served.urls[site.name])
                    out[site.name] = await _fetch([(url, url.replace(base, there, 1)) for url in wanted[site.name]])
            return out

    bodies = asyncio.run(fetch_all())
    with_ocr = ExtractConfig()
    without = replace(with_ocr, ocr_languages="")
    readings: list[Reading] = []
    for name, documents in bodies.items():
        for url, body in documents.items():
            document = Document(url, "application/pdf", None, body)
            _cpu(document, with_ocr)  # once unmeasured: Tesseract loads its Thai data on first use
            seconds_with, pages, text, read = _cpu(document, with_ocr)
            seconds_without, _, plain, _ = _cpu(document, without)
            ocr_pages = min(pages, with_ocr.ocr_max_pages) if read else 0
            readings.append(
                Reading(
                    site=name,
                    url=url,
                    pages=pages,
                    ocr_pages=ocr_pages,
                    seconds_with=seconds_with,
                    seconds_without=seconds_without,
                    chars=len(text) - len(plain),
                    dates=len(find_text_dates(text)) - len(find_text_dates(plain)),
                )
            )
    return readings


def main(argv: list[str] | None = None) -> int:
    """Print the readings as a markdown table and the cost per OCR-read page."""
    parser = argparse.ArgumentParser(prog="python -m bench.realsites.ocr", description=__doc__)
    parser.add_argument("--from-crawls", type=Path, required=True)
    parser.add_argument("--split", choices=("dev", "holdout"), default="dev")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    args = parser.parse_args(argv)
    readings = measure(args.from_crawls, args.split, args.port, args.mirror)
    if not readings:
        print("the crawls met no scanned document", file=sys.stderr)
        return 1
    print("| site | document | pages | read by OCR | CPU s with OCR | CPU s without | characters gained | dates |")
    print("|---|---|---|---|---|---|---|---|")
    for r in readings:
        name = r.url.rsplit("/", 1)[-1][:40]
        print(
            f"| {r.site} | {name} | {r.pages} | {r.ocr_pages} | {r.seconds_with:.2f} | {r.seconds_without:.3f} "
            f"| {r.chars} | {r.dates} |"
        )
    ocr_pages = sum(r.ocr_pages for r in readings)
    extra = sum(r.seconds_with - r.seconds_without for r in readings)
    print(
        f"\n{len(readings)} documents, {ocr_pages} pages read by OCR: {extra:.1f} CPU s in all, "
        f"{extra / max(ocr_pages, 1):.2f} CPU s per page ({dt.date.today()})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
