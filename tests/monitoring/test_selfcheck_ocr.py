"""A check reads by OCR only the scanned documents a label names as an item's evidence, within its page budget."""

import asyncio
import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.classify import PageSummary
from prongsai.monitoring.engine.clock import SystemClock
from prongsai.monitoring.engine.crawl import CrawlConfig
from prongsai.monitoring.engine.politeness import PolitenessConfig
from prongsai.monitoring.outcome import ItemStatus
from prongsai.monitoring.selfcheck import SelfCheckConfig, crawl_summaries, run_selfcheck

from .scans import scan, thai_ocr_or_skip

TODAY = dt.date(2026, 3, 15)
HOME = (
    "<!doctype html><html lang='th'><head><meta charset='utf-8'><title>สำนักงานทดสอบ</title></head><body>"
    "<main><h1>สำนักงานทดสอบ</h1><p>ยินดีต้อนรับสู่เว็บไซต์ของสำนักงานทดสอบ ข่าวสารและบริการประชาชน</p>"
    "<ul><li><a href='/plan.pdf'>แผนปฏิบัติราชการประจำปี 2569</a></li>"
    "<li><a href='/photos.pdf'>ภาพบรรยากาศงานวันเด็ก</a></li></ul></main></body></html>"
).encode()


class _Handler(BaseHTTPRequestHandler):
    bodies: dict[str, tuple[str, bytes]] = {}

    def do_GET(self) -> None:
        kind, body = self.bodies.get(self.path, ("text/plain", b""))
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    thai_ocr_or_skip()
    _Handler.bodies = {
        "/": ("text/html; charset=utf-8", HOME),
        "/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n"),
        "/plan.pdf": ("application/pdf", scan(["แผนปฏิบัติราชการประจำปีงบประมาณ 2569", "สำนักงานทดสอบ"])),
        "/photos.pdf": ("application/pdf", scan(["ภาพบรรยากาศงานวันเด็กแห่งชาติ", "สำนักงานทดสอบ"])),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def _config(ocr_pages: int) -> SelfCheckConfig:
    crawl = replace(CrawlConfig(max_pages=20), politeness=PolitenessConfig(min_delay=0.0))
    return SelfCheckConfig(crawl=crawl, ocr_pages=ocr_pages)


def _crawl(url: str, config: SelfCheckConfig) -> dict[str, PageSummary]:
    _, summaries = asyncio.run(
        crawl_summaries(
            url,
            config=config,
            policy=AddressPolicy(allow_private=True),
            clock=SystemClock(),
            today=TODAY,
            checklist=load_checklist_file(DEFAULT_CHECKLIST_PATH),
        )
    )
    return {summary.url.removeprefix(url.rstrip("/")): summary for summary in summaries}


def test_only_the_scan_a_label_names_is_read_by_ocr(site: str) -> None:
    pages = _crawl(site, _config(ocr_pages=12))

    plan, photos = pages["/plan.pdf"], pages["/photos.pdf"]
    assert (plan.ocr, plan.scanned) == (True, False)
    assert "แผนปฏิบัติราชการประจำปีงบประมาณ" in plan.text.replace(" ", "")
    assert (photos.ocr, photos.scanned, photos.text) == (False, True, "")


def test_without_ocr_budget_a_named_scan_is_partial_and_says_why(site: str) -> None:
    outcome = asyncio.run(
        run_selfcheck(
            site,
            checklist=load_checklist_file(DEFAULT_CHECKLIST_PATH),
            config=_config(ocr_pages=0),
            policy=AddressPolicy(allow_private=True),
            clock=SystemClock(),
            today=TODAY,
        )
    )

    plan = next(item for item in outcome.items if item.code == "5.1.4")
    assert (plan.status, plan.evidence_urls) == (ItemStatus.PARTIAL, [site + "plan.pdf"])
    assert plan.reason_en == (
        "There is a document for this item, but it is a scan without text, so the check could not read its content"
        " or date."
    )
