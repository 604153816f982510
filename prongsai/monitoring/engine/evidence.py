"""Evidence: every response a check fetched, kept as WARC so an assessor can see the page as it was.

WARC (ISO 28500) is the web archives' format; warcio writes and reads it. Each fetched answer is a
`response` record carrying the HTTP status line, the headers and the body as the monitor read them;
a fetch that got no answer (refused address, timeout, DNS failure) is a `metadata` record with the
error, so the archive accounts for every URL the check tried. Bodies are stored decoded (the
fetcher undoes gzip), so encoding headers are dropped to keep the records replayable, and a body the
fetcher cut short is marked `WARC-Truncated`.
"""

import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .fetch import FetchResult

# Headers describing a transfer encoding the stored body no longer has.
_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def _warc_date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


class EvidenceWriter:
    """Append fetch results to one gzip-compressed WARC stream (one per check)."""

    def __init__(self, stream: BinaryIO, *, software: str = "Prongsai website monitor") -> None:
        self._writer = WARCWriter(stream, gzip=True)
        self._software = software
        self._started = False

    def _start(self, moment: dt.datetime) -> None:
        info = self._writer.create_warcinfo_record(
            "check.warc.gz", {"software": self._software, "format": "WARC File Format 1.1", "isPartOf": "check"}
        )
        info.rec_headers.replace_header("WARC-Date", _warc_date(moment))
        self._writer.write_record(info)
        self._started = True

    def write(self, result: FetchResult, *, fetched_at: dt.datetime) -> str:
        """Record one fetch result and return its WARC-Record-ID (findings link to it)."""
        if not self._started:
            self._start(fetched_at)
        url = result.final_url or result.requested_url
        warc_headers = {"WARC-Date": _warc_date(fetched_at)}
        if result.status is None:
            payload = json.dumps(
                {"requested_url": result.requested_url, "error": str(result.error), "message": result.error_message},
                ensure_ascii=False,
            ).encode()
            record = self._writer.create_warc_record(
                url,
                "metadata",
                payload=io.BytesIO(payload),
                length=len(payload),
                warc_content_type="application/json",
                warc_headers_dict=warc_headers,
            )
        else:
            headers = [(name, value) for name, value in result.headers if name.lower() not in _DROPPED_HEADERS]
            headers.append(("Content-Length", str(len(result.body))))
            if result.truncated:
                warc_headers["WARC-Truncated"] = "length"
            http_headers = StatusAndHeaders(_status_line(result.status), headers, protocol="HTTP/1.1")
            record = self._writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(result.body),
                length=len(result.body),
                http_headers=http_headers,
                warc_headers_dict=warc_headers,
            )
        self._writer.write_record(record)
        return str(record.rec_headers.get_header("WARC-Record-ID"))


@dataclass(frozen=True)
class EvidenceRecord:
    """One stored answer, as read back from a check's WARC file."""

    record_id: str
    url: str
    fetched_at: str
    status: int | None
    headers: tuple[tuple[str, str], ...]
    body: bytes
    truncated: bool
    error: str | None


def evidence_records(path: Path) -> Iterator[EvidenceRecord]:
    """Read every response and error record of a check's WARC file, in the order they were written."""
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "metadata"):
                continue
            headers = record.rec_headers
            body = record.content_stream().read()
            if record.rec_type == "response":
                http = record.http_headers
                yield EvidenceRecord(
                    record_id=str(headers.get_header("WARC-Record-ID")),
                    url=str(headers.get_header("WARC-Target-URI")),
                    fetched_at=str(headers.get_header("WARC-Date")),
                    status=int(http.get_statuscode()),
                    headers=tuple((str(name), str(value)) for name, value in http.headers),
                    body=body,
                    truncated=headers.get_header("WARC-Truncated") is not None,
                    error=None,
                )
            else:
                detail = json.loads(body or b"{}")
                yield EvidenceRecord(
                    record_id=str(headers.get_header("WARC-Record-ID")),
                    url=str(headers.get_header("WARC-Target-URI")),
                    fetched_at=str(headers.get_header("WARC-Date")),
                    status=None,
                    headers=(),
                    body=b"",
                    truncated=False,
                    error=str(detail.get("error")),
                )


def evidence_find(path: Path, record_id: str) -> EvidenceRecord | None:
    """Return the record with this WARC-Record-ID, or None (a finding's evidence link)."""
    return next((record for record in evidence_records(path) if record.record_id == record_id), None)
