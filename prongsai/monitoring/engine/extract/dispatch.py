"""Decide what a fetched body is and hand it to the right extractor.

Agency servers label documents loosely (PDFs as ``application/octet-stream`` or even
``text/html``), so the body's leading bytes decide first, then the Content-Type, then the URL's
file extension.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

from prongsai.monitoring.engine.extract.archive import inspect_archive
from prongsai.monitoring.engine.extract.html import extract_html
from prongsai.monitoring.engine.extract.model import Document, ExtractConfig, Extracted, Kind, Problem
from prongsai.monitoring.engine.extract.office import extract_docx, extract_xlsx
from prongsai.monitoring.engine.extract.pdf import extract_pdf

__all__ = ["extract", "sniff_kind"]

_IMAGE_MAGIC: Final = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"RIFF")
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DOCX_TYPES: Final = frozenset({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
_XLSX_TYPES: Final = frozenset({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
_HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})
_EXTENSIONS: Final = {
    ".pdf": Kind.PDF,
    ".docx": Kind.DOCX,
    ".xlsx": Kind.XLSX,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".php": Kind.HTML,
    ".asp": Kind.HTML,
    ".aspx": Kind.HTML,
    ".jsp": Kind.HTML,
}


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _extension(url: str) -> str:
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        return ""
    name = path.rsplit("/", 1)[-1]
    return name[name.rfind(".") :] if "." in name else ""


def sniff_kind(document: Document) -> Kind:
    """Return what the body is, from its leading bytes first, then Content-Type, then extension.

    A ZIP body is told apart as DOCX or XLSX by the caller from its members; here it is
    classed by type or extension, defaulting to DOCX only when neither says XLSX.
    """
    head = document.body[:1024]
    media = _media_type(document.content_type)
    extension = _extension(document.url)
    if b"%PDF-" in head:
        return Kind.PDF
    if head.startswith(b"PK\x03\x04"):
        if media in _XLSX_TYPES or extension == ".xlsx":
            return Kind.XLSX
        if media in _DOCX_TYPES or extension == ".docx":
            return Kind.DOCX
        return Kind.OTHER
    if head.startswith(_IMAGE_MAGIC) or media.startswith("image/"):
        return Kind.IMAGE
    if head.startswith(_OLE_MAGIC):
        return Kind.OTHER
    if media in _HTML_TYPES:
        return Kind.HTML
    if media == "application/pdf":
        return Kind.PDF
    if media in _DOCX_TYPES:
        return Kind.DOCX
    if media in _XLSX_TYPES:
        return Kind.XLSX
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")):
        return Kind.HTML
    return _EXTENSIONS.get(extension, Kind.HTML if media in {"", "text/plain"} and b"<" in head else Kind.OTHER)


def _office(document: Document, kind: Kind, config: ExtractConfig) -> Extracted:
    if len(document.body) > config.max_document_bytes:
        return Extracted(kind=kind, url=document.url, problems=(Problem.TOO_LARGE,))
    check = inspect_archive(document.body, config)
    # The package's own parts say what it is, whatever the server claimed.
    if "word/document.xml" in check.names:
        kind = Kind.DOCX
    elif "xl/workbook.xml" in check.names:
        kind = Kind.XLSX
    elif check.problem is None:
        return Extracted(kind=Kind.OTHER, url=document.url, problems=(Problem.UNSUPPORTED_FORMAT,))
    if check.problem is not None:
        return Extracted(kind=kind, url=document.url, problems=(check.problem,))
    return extract_docx(document, config) if kind is Kind.DOCX else extract_xlsx(document, config)


def extract(document: Document, config: ExtractConfig | None = None) -> Extracted:
    """Return what the classifier needs from a fetched body, whatever its format; never raise.

    HTML, PDF, DOCX and XLSX are read; images are recognised (their evidence is the ``<img>``
    that shows them); legacy ``.doc``/``.xls`` and other formats come back as ``other`` with
    ``unsupported_format``.
    """
    config = config or ExtractConfig()
    kind = sniff_kind(document)
    if kind is Kind.HTML:
        return extract_html(document, config)
    if kind is Kind.PDF:
        return extract_pdf(document, config)
    if kind in {Kind.DOCX, Kind.XLSX} or document.body.startswith(b"PK\x03\x04"):
        return _office(document, kind, config)
    if kind is Kind.IMAGE:
        return Extracted(kind=Kind.IMAGE, url=document.url)
    return Extracted(kind=Kind.OTHER, url=document.url, problems=(Problem.UNSUPPORTED_FORMAT,))
