"""Documents are read in worker processes: a hanging, crashing or memory-hungry read costs its time limit, no more."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import os
import time
from collections.abc import Sequence

import openpyxl
import pytest
from aiohttp import web
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.monitoring.engine.classify import PageSummary
from prongsai.monitoring.engine.crawl import CrawlConfig
from prongsai.monitoring.engine.extract import (
    Document,
    ExtractConfig,
    Extracted,
    Heading,
    Image,
    Kind,
    Link,
    MetadataDates,
    Problem,
    extract,
)
from prongsai.monitoring.engine.extract.isolation import (
    ExtractionPool,
    ExtractionPoolError,
    IsolationConfig,
    PoolFigures,
)
from prongsai.monitoring.engine.extract.wire import WireError, extracted_from_wire, extracted_to_wire
from prongsai.monitoring.engine.politeness import PolitenessConfig
from prongsai.monitoring.selfcheck import SelfCheckConfig, crawl_summaries
from tests.monitoring.fetch_loopback import FakeClock, Handler, run_async, serve
from tests.monitoring.test_extract_documents import AS_OF, DOCX_TYPE, PLAN, XLSX_TYPE, _docx, _pdf, _zip

HOSTILE = "tests.monitoring.hostile_extractors:by_url"
# A hanging document hangs for ever, so only the time limit ends it; the limit leaves an ordinary document
# (and a worker's start) seconds to spare on a busy machine.
LIMIT = 6.0
FAST = IsolationConfig(timeout_seconds=LIMIT, document_extractor=HOSTILE, memory_bytes=512 * 1024 * 1024)
PDF_TYPE = "application/pdf"


def _xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = "สรุปผล"
    sheet.append(["ลำดับ", "งานที่จัดซื้อ", "วงเงิน"])
    sheet.append([1, "จัดซื้อวัสดุสำนักงาน", 15000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_all(
    documents: Sequence[Document], config: IsolationConfig = FAST
) -> tuple[list[Extracted], list[float], PoolFigures]:
    """Read ``documents`` one after another through a fresh pool; return results, seconds each, figures."""

    async def scenario() -> tuple[list[Extracted], list[float], PoolFigures]:
        results: list[Extracted] = []
        seconds: list[float] = []
        async with ExtractionPool(config) as pool:
            for document in documents:
                begun = time.monotonic()
                results.append(await pool.extract(document, ExtractConfig()))
                seconds.append(time.monotonic() - begun)
        return results, seconds, pool.figures

    return run_async(scenario())


def _doc(url: str, body: bytes = b"%PDF-1.4 stub", content_type: str = PDF_TYPE) -> Document:
    return Document(url=url, content_type=content_type, charset=None, body=body)


def test_documents_read_in_a_worker_are_exactly_what_reading_them_here_gives() -> None:
    documents = [
        _doc("https://u.go.th/plan.pdf", _pdf([[PLAN, AS_OF]], metadata={"modDate": "D:20260315093000+07'00'"})),
        _doc("https://u.go.th/manual.docx", _docx(), DOCX_TYPE),
        _doc("https://u.go.th/summary.xlsx", _xlsx(), XLSX_TYPE),
    ]

    results, _, figures = read_all(documents, IsolationConfig())

    assert results == [extract(document, ExtractConfig()) for document in documents]
    assert PLAN in results[0].text
    assert results[0].metadata.modified == dt.date(2026, 3, 15)
    assert (figures.documents, figures.started, figures.timeouts, figures.crashes) == (3, 1, 0, 0)


def test_html_and_images_are_read_in_process_and_start_no_worker() -> None:
    page = Document("https://u.go.th/", "text/html", "utf-8", f"<html><body><p>{PLAN}</p></body></html>".encode())
    image = Document("https://u.go.th/a.png", "image/png", None, b"\x89PNG\r\n\x1a\n....")

    results, _, figures = read_all([page, image])

    assert results[0].text == PLAN
    assert results[1].kind is Kind.IMAGE
    assert (figures.documents, figures.started) == (0, 0)


def test_a_document_that_hangs_is_cut_at_the_time_limit_and_its_worker_replaced() -> None:
    documents = [_doc("https://u.go.th/hang.pdf"), _doc("https://u.go.th/plan.pdf", _pdf([[PLAN]]))]

    results, seconds, figures = read_all(documents)

    assert results[0] == Extracted(
        kind=Kind.PDF, url="https://u.go.th/hang.pdf", problems=(Problem.EXTRACTION_TIMEOUT,)
    )
    assert seconds[0] >= LIMIT
    assert results[1].text == PLAN
    assert (figures.timeouts, figures.started, figures.by_problem) == (1, 2, {"extraction_timeout": 1})


def test_a_worker_that_crashes_is_reported_and_replaced() -> None:
    documents = [
        _doc("https://u.go.th/crash.docx", _docx(), DOCX_TYPE),
        _doc("https://u.go.th/manual.docx", _docx(), DOCX_TYPE),
    ]

    results, seconds, figures = read_all(documents)

    assert results[0].problems == (Problem.EXTRACTION_CRASHED,)
    assert (results[0].kind, results[0].text) == (Kind.DOCX, "")
    assert seconds[0] < LIMIT  # the death is noticed at once, not at the time limit
    assert "ช่องทางการติดต่อ" in results[1].text
    assert (figures.crashes, figures.started) == (1, 2)


def test_a_document_that_needs_more_than_the_memory_cap_is_too_large() -> None:
    documents = [
        _doc("https://u.go.th/hog.xlsx", _xlsx(), XLSX_TYPE),
        _doc("https://u.go.th/summary.xlsx", _xlsx(), XLSX_TYPE),
    ]

    results, seconds, figures = read_all(documents)

    assert results[0] == Extracted(
        kind=Kind.XLSX, url="https://u.go.th/hog.xlsx", problems=(Problem.EXTRACTION_MEMORY,)
    )
    assert seconds[0] < LIMIT  # the memory ceiling ends it, not the time limit
    assert "จัดซื้อวัสดุสำนักงาน" in results[1].text
    # The worker that hit its ceiling leaves; the next document gets a fresh one.
    assert (figures.memory, figures.started, figures.by_problem) == (1, 2, {"extraction_too_large": 1})


def test_workers_are_recycled_after_their_share_and_none_outlives_the_pool() -> None:
    config = IsolationConfig(document_extractor=HOSTILE, max_documents_per_worker=2)

    results, _, figures = read_all([_doc(f"https://u.go.th/pid-{n}.pdf") for n in range(5)], config)

    pids = [int(result.title) for result in results]
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]
    assert (figures.started, figures.recycled) == (3, 2)
    # Python with PyMuPDF, python-docx and openpyxl loaded: tens of MiB, far under the 1 GiB cap.
    assert 30_000 < figures.peak_worker_rss_kib < 1024 * 1024
    for pid in set(pids):
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_concurrent_documents_share_the_workers() -> None:
    async def scenario() -> tuple[set[str], PoolFigures]:
        async with ExtractionPool(IsolationConfig(document_extractor=HOSTILE, workers=2)) as pool:
            results = await asyncio.gather(
                *(pool.extract(_doc(f"https://u.go.th/pid-{n}.pdf"), ExtractConfig()) for n in range(8))
            )
        return {result.title for result in results}, pool.figures

    pids, figures = run_async(scenario())
    assert len(pids) == 2
    assert (figures.documents, figures.started) == (8, 2)


def test_a_worker_that_cannot_start_is_an_error_not_a_hang() -> None:
    config = IsolationConfig(document_extractor="tests.monitoring.no_such_module:extract", start_timeout_seconds=10)

    with pytest.raises(ExtractionPoolError, match="did not start"):
        read_all([_doc("https://u.go.th/a.pdf")], config)


def _lying_zip(members: dict[str, bytes], *, declared: int) -> bytes:
    """Return a ZIP whose headers claim every member inflates to ``declared`` bytes, whatever it really holds."""
    body = bytearray(_zip(members))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = body.find(signature)
        while start != -1:
            body[start + offset : start + offset + 4] = declared.to_bytes(4, "little")
            start = body.find(signature, start + 4)
    return bytes(body)


SITE_HOME = f"""<html><body><main><h1>{PLAN}</h1>
<a href="/docs/plan.pdf">แผนปฏิบัติราชการ</a>
<a href="/docs/hang.pdf">รายงานที่ค้าง</a>
<a href="/docs/crash.pdf">รายงานที่ล่ม</a>
<a href="/docs/bomb.docx">คู่มือ (ระเบิด)</a>
<a href="/docs/liar.xlsx">สรุปผล (ขนาดหลอก)</a>
<a href="/about.html">เกี่ยวกับเรา</a>
</main></body></html>"""


def _site() -> dict[str, tuple[bytes, str]]:
    bomb = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"\0" * 40_000_000})
    liar = _lying_zip(
        {"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<workbook>" + b" " * 40_000_000 + b"</workbook>"},
        declared=1000,
    )
    return {
        "/": (SITE_HOME.encode(), "text/html; charset=utf-8"),
        "/about.html": (f"<html><body><p>{AS_OF}</p></body></html>".encode(), "text/html; charset=utf-8"),
        "/docs/plan.pdf": (_pdf([[PLAN, AS_OF]]), PDF_TYPE),
        "/docs/hang.pdf": (_pdf([["ค้าง"]]), PDF_TYPE),
        "/docs/crash.pdf": (_pdf([["ล่ม"]]), PDF_TYPE),
        "/docs/bomb.docx": (bomb, DOCX_TYPE),
        "/docs/liar.xlsx": (liar, XLSX_TYPE),
    }


def test_a_site_with_hostile_documents_is_still_checked_through() -> None:
    files = _site()

    def handler(path: str) -> Handler:
        body, content_type = files[path]

        async def answer(request: web.Request) -> web.StreamResponse:
            return web.Response(body=body, headers={"Content-Type": content_type})

        return answer

    config = SelfCheckConfig(
        crawl=CrawlConfig(use_sitemaps=False, politeness=PolitenessConfig(min_delay=0)), isolation=FAST
    )

    async def scenario() -> dict[str, PageSummary]:
        async with serve({path: handler(path) for path in files}) as server:
            _, summaries = await crawl_summaries(
                server.url("/"), config=config, policy=server.policy, clock=FakeClock(), today=dt.date(2026, 3, 15)
            )
            return {summary.url.removeprefix(server.url("")): summary for summary in summaries}

    by_path = run_async(scenario())

    assert sorted(by_path) == sorted(files)
    found = {path: (s.error, s.unreadable, s.kind) for path, s in by_path.items()}
    assert found == {
        "/": (None, False, Kind.HTML),
        "/about.html": (None, False, Kind.HTML),
        "/docs/plan.pdf": (None, False, Kind.PDF),
        "/docs/hang.pdf": ("extraction_timeout", False, Kind.PDF),
        "/docs/crash.pdf": ("extraction_crashed", False, Kind.PDF),
        "/docs/bomb.docx": (None, True, Kind.DOCX),
        "/docs/liar.xlsx": (None, True, Kind.XLSX),
    }
    assert PLAN in by_path["/docs/plan.pdf"].text
    assert by_path["/docs/hang.pdf"].text == ""


def test_the_lying_archive_is_refused_in_process_too() -> None:
    liar = _lying_zip({"xl/workbook.xml": b"<workbook>" + b" " * 40_000_000 + b"</workbook>"}, declared=1000)

    extracted = extract(_doc("https://u.go.th/liar.xlsx", liar, XLSX_TYPE), ExtractConfig())

    assert extracted.problems == (Problem.DAMAGED_DOCUMENT,)


_TEXT = st.text(max_size=40)


@settings(max_examples=100, deadline=None)
@given(
    title=_TEXT,
    text=_TEXT,
    links=st.lists(st.tuples(_TEXT, _TEXT, st.booleans(), _TEXT), max_size=4),
    pages=st.none() | st.integers(min_value=0, max_value=10_000),
    modified=st.none() | st.dates(),
    problems=st.lists(st.sampled_from(list(Problem)), max_size=3),
)
def test_extraction_results_cross_the_wire_unchanged(
    title: str,
    text: str,
    links: list[tuple[str, str, bool, str]],
    pages: int | None,
    modified: dt.date | None,
    problems: list[Problem],
) -> None:
    original = Extracted(
        kind=Kind.PDF,
        url="https://u.go.th/a.pdf",
        title=title,
        text=text,
        headings=(Heading(2, title, navigation=True),),
        links=tuple(Link(u, t, n, g) for u, t, n, g in links),
        images=(Image("https://u.go.th/a.png", text),),
        metadata=MetadataDates(created=None, modified=modified),
        page_count=pages,
        encoding="cp874",
        problems=tuple(problems),
    )
    assert extracted_from_wire(extracted_to_wire(original)) == original


_VALID_REPLY: dict[str, object] = json.loads(extracted_to_wire(Extracted(kind=Kind.PDF, url="u")))


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b'{"kind": "pdf"}',
        json.dumps(_VALID_REPLY | {"kind": "exe"}).encode(),
        json.dumps(_VALID_REPLY | {"url": 7}).encode(),
        json.dumps(_VALID_REPLY | {"page_count": "9"}).encode(),
        json.dumps(_VALID_REPLY | {"links": [["u", "t", "yes"]]}).encode(),
    ],
    ids=["not-json", "fields-missing", "unknown-kind", "url-not-text", "page-count-not-int", "flag-not-bool"],
)
def test_a_malformed_reply_is_refused(payload: bytes) -> None:
    with pytest.raises(WireError):
        extracted_from_wire(payload)
