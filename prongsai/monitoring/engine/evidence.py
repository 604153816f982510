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
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .fetch import FetchResult
from .urls import canonical_url

# Headers describing a transfer encoding the stored body no longer has.
_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
# What a reader gets back: fetched answers and the fetches that got none.
_EVIDENCE_TYPES = frozenset({"response", "metadata"})


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
        if result.address:
            # Who answered: the evidence viewer keeps what came from a non-public address to ICT monitors.
            warc_headers["WARC-IP-Address"] = result.address
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
    address: str | None = None
    """The IP address the answer came from (WARC-IP-Address), when the archive recorded it."""


def _record_from(record: ArcWarcRecord) -> EvidenceRecord:
    headers = record.rec_headers
    body = record.content_stream().read()
    if record.rec_type == "response":
        http = record.http_headers
        return EvidenceRecord(
            record_id=str(headers.get_header("WARC-Record-ID")),
            url=str(headers.get_header("WARC-Target-URI")),
            fetched_at=str(headers.get_header("WARC-Date")),
            status=int(http.get_statuscode()),
            headers=tuple((str(name), str(value)) for name, value in http.headers),
            body=body,
            truncated=headers.get_header("WARC-Truncated") is not None,
            error=None,
            address=headers.get_header("WARC-IP-Address"),
        )
    detail = json.loads(body or b"{}")
    return EvidenceRecord(
        record_id=str(headers.get_header("WARC-Record-ID")),
        url=str(headers.get_header("WARC-Target-URI")),
        fetched_at=str(headers.get_header("WARC-Date")),
        status=None,
        headers=(),
        body=b"",
        truncated=False,
        error=str(detail.get("error")),
    )


def evidence_records(path: Path) -> Iterator[EvidenceRecord]:
    """Read every response and error record of a check's WARC file, in the order they were written."""
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type in _EVIDENCE_TYPES:
                yield _record_from(record)


def evidence_find(path: Path, record_id: str) -> EvidenceRecord | None:
    """Return the record with this WARC-Record-ID, or None (a finding's evidence link)."""
    return next((record for record in evidence_records(path) if record.record_id == record_id), None)


# --- reading one record without scanning the archive ----------------------------------------------------------------

INDEX_SUFFIX = ".idx.json"
_INDEX_VERSION = 1


@dataclass(frozen=True)
class IndexEntry:
    """Where one record starts in the compressed WARC file, and how many bytes it takes there."""

    offset: int
    length: int


@dataclass(frozen=True)
class EvidenceIndex:
    """The records of one WARC file by target URL, for reading one of them with a single seek."""

    entries: Mapping[str, IndexEntry]

    def locate(self, url: str) -> IndexEntry | None:
        """Return the record of ``url``; failing an exact match, of the same URL in canonical form.

        The canonical fallback lets a link written with a different case of host or an
        unsorted query find the page the crawler stored under its canonical address.
        """
        found = self.entries.get(url)
        if found is not None:
            return found
        canonical = canonical_url(url)
        if canonical is None:
            return None
        for stored, entry in self.entries.items():
            if canonical_url(stored) == canonical:
                return entry
        return None


def index_path(path: Path) -> Path:
    """Return where the index of a WARC file is cached: beside it, named after it."""
    return path.with_name(path.name + INDEX_SUFFIX)


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _build_index(path: Path) -> dict[str, IndexEntry]:
    entries: dict[str, IndexEntry] = {}
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            if record.rec_type not in _EVIDENCE_TYPES:
                continue
            url = str(record.rec_headers.get_header("WARC-Target-URI"))
            # The first answer for a URL is the one the check judged; a later one (a retry) is not.
            entries.setdefault(url, IndexEntry(records.get_record_offset(), records.get_record_length()))
    return entries


def _read_cached_index(cache: Path, stamp: tuple[int, int]) -> dict[str, IndexEntry] | None:
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("version") != _INDEX_VERSION or [data.get("size"), data.get("mtime_ns")] != list(stamp):
            return None
        return {str(url): IndexEntry(int(offset), int(length)) for url, offset, length in data["records"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, stale or damaged: build it again


def _write_cached_index(cache: Path, stamp: tuple[int, int], entries: Mapping[str, IndexEntry]) -> None:
    document = {
        "version": _INDEX_VERSION,
        "size": stamp[0],
        "mtime_ns": stamp[1],
        "records": [[url, entry.offset, entry.length] for url, entry in entries.items()],
    }
    try:
        descriptor, temporary = tempfile.mkstemp(dir=cache.parent, prefix=cache.name, suffix=".tmp")
    except OSError:
        return  # a read-only archive directory costs a scan per request; reading still works
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False)
        # Readers in other processes see either no index or a whole one, never half of it.
        os.replace(temporary, cache)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def evidence_index(path: Path) -> EvidenceIndex:
    """Return the URL index of a check's WARC file, built on first use and cached beside it.

    A finished check's archive never changes, so the cache is kept until the file's size or
    modification time differ from those recorded in it; then it is built again.
    """
    stamp = _stamp(path)
    cache = index_path(path)
    entries = _read_cached_index(cache, stamp)
    if entries is None:
        entries = _build_index(path)
        _write_cached_index(cache, stamp, entries)
    return EvidenceIndex(entries)


def evidence_at(path: Path, url: str) -> EvidenceRecord | None:
    """Return the stored answer for ``url`` in a check's WARC file, reading only its record, or None."""
    entry = evidence_index(path).locate(url)
    if entry is None:
        return None
    with path.open("rb") as stream:
        stream.seek(entry.offset)
        record = next(iter(ArchiveIterator(stream)), None)
        if record is None or record.rec_type not in _EVIDENCE_TYPES:
            return None
        return _record_from(record)


# --- the matched phrases, marked in a record's text -----------------------------------------------------------------


def phrase_segments(text: str, phrases: Iterable[str]) -> list[tuple[str, bool]]:
    """Split ``text`` into (piece, matched) pairs, marking where any of ``phrases`` occurs.

    Matching follows the classifier: case is ignored and whitespace may fall anywhere inside a
    phrase (Thai has no spaces between words, so extracted text breaks lines mid-phrase).
    Longer phrases win where two overlap.
    """
    wanted = sorted({"".join(p.split()) for p in phrases if p.strip()}, key=len, reverse=True)
    if not wanted or not text:
        return [(text, False)] if text else []
    pattern = re.compile("|".join(r"\s*".join(re.escape(char) for char in phrase) for phrase in wanted), re.IGNORECASE)
    segments: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() == match.end():
            continue
        if match.start() > position:
            segments.append((text[position : match.start()], False))
        segments.append((match.group(), True))
        position = match.end()
    if position < len(text):
        segments.append((text[position:], False))
    return segments
