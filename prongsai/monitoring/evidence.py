"""A check's evidence as the workspace reads it: where its WARC file lies, and the answers it kept.

The archive itself is written and indexed by the pure engine (engine/evidence.py); this module finds
a check's file under the evidence root and turns one archived answer into what the evidence page
shows, with the text the check's own extractors read and the phrases it matched there.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .engine.evidence import EvidenceRecord, evidence_at, phrase_segments
from .engine.extract import Document, extract
from .engine.extract.charset import decode_html
from .models import SiteCheck
from .selectors import check_phrases_at


def check_evidence_path(site_check: SiteCheck) -> Path | None:
    """Return the check's WARC file when it has one on disk (a relative path lies under the evidence root)."""
    if not site_check.evidence_path:
        return None
    path = Path(site_check.evidence_path)
    if not path.is_absolute():
        path = Path(settings.PRONGSAI_MONITOR_EVIDENCE_ROOT) / path
    return path if path.is_file() else None


# Media types shown inside the page (in a sandbox); everything else is offered as a download.
_SHOWN_INLINE = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
# Extracted text shown under the page, enough for any finding's phrases; the rest is cut.
EVIDENCE_TEXT_CHARS = 60_000


@dataclass(frozen=True)
class EvidencePage:
    """One archived answer of a check, with what the metadata page shows about it."""

    check: SiteCheck
    record: EvidenceRecord
    fetched_at: dt.datetime | None
    content_type: str
    phrases: tuple[str, ...]
    segments: list[tuple[str, bool]]
    text_cut: bool

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def shown_inline(self) -> bool:
        return self.record.status is not None and self.media_type in _SHOWN_INLINE

    @property
    def size(self) -> int:
        return len(self.record.body)

    @property
    def matches(self) -> int:
        return sum(1 for _, matched in self.segments if matched)


def _header(record: EvidenceRecord, name: str) -> str:
    return next((value for key, value in record.headers if key.lower() == name), "")


def _charset(content_type: str) -> str | None:
    """Return the charset parameter of a Content-Type value, or None."""
    for parameter in content_type.split(";")[1:]:
        key, _sep, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip('"'):
            return value.strip().strip('"')
    return None


def _warc_moment(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def evidence_record(*, site_check: SiteCheck, url: str) -> EvidenceRecord | None:
    """Return the check's archived answer for ``url``, or None when the check kept no evidence or not this URL."""
    path = check_evidence_path(site_check)
    return evidence_at(path, url) if path is not None else None


def evidence_page(*, site_check: SiteCheck, url: str) -> EvidencePage | None:
    """Return the archived answer for ``url`` with its text and the phrases the check matched there, or None.

    The WARC is read through its URL index (one seek, not a scan); the text comes from the same
    extractors the check used, so the marked phrases are those the classifier saw.
    """
    record = evidence_record(site_check=site_check, url=url)
    if record is None:
        return None
    phrases = check_phrases_at(site_check=site_check, url=url)
    content_type = _header(record, "content-type")
    text = ""
    if record.status is not None and record.body:
        media = content_type.split(";", 1)[0].strip()
        document = Document(
            url=record.url, content_type=media or None, charset=_charset(content_type), body=record.body
        )
        text = extract(document).text
    cut = len(text) > EVIDENCE_TEXT_CHARS
    return EvidencePage(
        check=site_check,
        record=record,
        fetched_at=_warc_moment(record.fetched_at),
        content_type=content_type,
        phrases=phrases,
        segments=phrase_segments(text[:EVIDENCE_TEXT_CHARS], phrases),
        text_cut=cut,
    )


def evidence_html(record: EvidenceRecord) -> str:
    """Return an archived HTML body as text, decoded as the check decoded it (legacy Thai charsets included)."""
    return decode_html(record.body, declared=_charset(_header(record, "content-type"))).text
