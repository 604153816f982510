"""Evidence archives: every fetch of a check is written as WARC and reads back exactly."""

import datetime as dt
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from prongsai.monitoring.engine.evidence import EvidenceWriter, evidence_find, evidence_records
from prongsai.monitoring.engine.fetch import ErrorCode, FetchResult

FETCHED = dt.datetime(2026, 11, 20, 3, 4, 5, tzinfo=dt.UTC)
THAI_PAGE = "<html><body><h1>แผนปฏิบัติราชการประจำปี พ.ศ. 2570</h1><p>ข้อมูล ณ วันที่ 1 ตุลาคม 2569</p></body></html>"


def write_check(path: Path) -> list[str]:
    results = [
        FetchResult(
            requested_url="https://unit.example.go.th/plan",
            final_url="https://unit.example.go.th/plan/",
            redirects=("https://unit.example.go.th/plan",),
            status=200,
            headers=(("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"), ("Set-Cookie", "a=1")),
            body=THAI_PAGE.encode(),
        ),
        FetchResult(
            requested_url="https://unit.example.go.th/big.pdf",
            final_url="https://unit.example.go.th/big.pdf",
            status=200,
            headers=(("Content-Type", "application/pdf"),),
            body=b"%PDF-1.7 " + b"x" * 100,
            truncated=True,
        ),
        FetchResult(
            requested_url="http://169.254.169.254/latest/",
            final_url="http://169.254.169.254/latest/",
            error=ErrorCode.BLOCKED_ADDRESS,
            error_message="metadata address",
        ),
    ]
    with path.open("wb") as stream:
        writer = EvidenceWriter(stream)
        return [writer.write(result, fetched_at=FETCHED) for result in results]


def test_every_fetch_reads_back_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "check.warc.gz"
    ids = write_check(path)
    records = list(evidence_records(path))
    assert [(r.url, r.status, r.truncated, r.error) for r in records] == [
        ("https://unit.example.go.th/plan/", 200, False, None),
        ("https://unit.example.go.th/big.pdf", 200, True, None),
        ("http://169.254.169.254/latest/", None, False, str(ErrorCode.BLOCKED_ADDRESS)),
    ]
    page = records[0]
    assert page.body.decode() == THAI_PAGE
    assert page.fetched_at == "2026-11-20T03:04:05Z"
    # The stored body is decoded, so the transfer encoding no longer describes it.
    assert dict(page.headers) == {
        "Content-Type": "text/html; charset=utf-8",
        "Set-Cookie": "a=1",
        "Content-Length": str(len(THAI_PAGE.encode())),
    }
    assert [r.record_id for r in records] == ids
    assert evidence_find(path, ids[1]) == records[1]
    assert evidence_find(path, "<urn:uuid:00000000-0000-0000-0000-000000000000>") is None


def test_the_archive_is_valid_warc_with_digests(tmp_path: Path) -> None:
    path = tmp_path / "check.warc.gz"
    write_check(path)
    with path.open("rb") as stream:
        kinds = [record.rec_type for record in ArchiveIterator(stream, check_digests=True)]
    assert kinds == ["warcinfo", "response", "response", "metadata"]
