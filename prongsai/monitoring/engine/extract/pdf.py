"""Extract text and metadata dates from PDFs with PyMuPDF.

PyMuPDF is the extractor that keeps Thai exact (others garble vowels and tone marks). Hostile
input is handled by catching PyMuPDF's own error types narrowly and by capping pages and text.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import time
from pathlib import Path
from typing import Final

import pymupdf

from prongsai.monitoring.engine.extract.model import (
    Document,
    ExtractConfig,
    Extracted,
    Kind,
    Link,
    MetadataDates,
    Problem,
)
from prongsai.monitoring.engine.extract.text import LineCollector, clean_text

__all__ = ["extract_pdf", "parse_pdf_date"]

_PDF_DATE: Final = re.compile(r"^\s*(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# Thai-locale software sometimes writes Buddhist-era years into PDF dates.
_BE_THRESHOLD: Final = 2400
_BE_OFFSET: Final = 543
# PyMuPDF raises RuntimeError subclasses (FileDataError, EmptyFileError) when opening damaged
# input, MuPDF's own FzErrorBase family (format, syntax, limit ...) while reading pages, and
# ValueError for bad values derived from the file.
_PDF_ERRORS: Final = (RuntimeError, ValueError, pymupdf.mupdf.FzErrorBase)
# Debian's tesseract-ocr-tha puts its data here (Tesseract 5, then 4); TESSDATA_PREFIX overrides.
_TESSDATA_PLACES: Final = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata")


def parse_pdf_date(value: object) -> dt.date | None:
    """Return the calendar day of a PDF date string (``D:20240115103000+07'00'``), or None.

    Missing month or day default to 1, as the PDF specification says; a Buddhist-era year is
    converted. Anything unreadable gives None rather than a guess.
    """
    if not isinstance(value, str):
        return None
    match = _PDF_DATE.match(value)
    if match is None:
        return None
    year = int(match.group(1))
    if year > _BE_THRESHOLD:
        year -= _BE_OFFSET
    try:
        return dt.date(year, int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None


def _metadata_dates(document: pymupdf.Document) -> MetadataDates:
    metadata = document.metadata or {}
    return MetadataDates(
        created=parse_pdf_date(metadata.get("creationDate")),
        modified=parse_pdf_date(metadata.get("modDate")),
    )


def _page_links(page: pymupdf.Page) -> list[Link]:
    links: list[Link] = []
    for item in page.get_links():
        uri = item.get("uri") if isinstance(item, dict) else None
        if isinstance(uri, str) and uri.lower().startswith(("http://", "https://", "mailto:")):
            links.append(Link(url=uri.strip(), text=""))
    return links


def extract_pdf(document: Document, config: ExtractConfig) -> Extracted:
    """Return the text of every page (up to the caps), the page count and the metadata dates.

    Report ``encrypted_pdf`` when a password is needed (an empty user password is tried, as
    viewers do) and ``damaged_pdf`` when PyMuPDF cannot open it or a page. A scan (pages without
    text) is read by Thai OCR, bounded in pages, pixels and time (``ocr``); ``no_text_layer`` when
    even OCR read nothing or Tesseract's Thai data is not installed.
    """
    if len(document.body) > config.max_document_bytes:
        return Extracted(kind=Kind.PDF, url=document.url, problems=(Problem.TOO_LARGE,))
    try:
        pdf = pymupdf.open(stream=document.body, filetype="pdf")  # type: ignore[no-untyped-call]
    except _PDF_ERRORS:
        return Extracted(kind=Kind.PDF, url=document.url, problems=(Problem.DAMAGED_PDF,))
    try:
        with pdf:
            return _read(pdf, document.url, config)
    except _PDF_ERRORS:
        return Extracted(kind=Kind.PDF, url=document.url, problems=(Problem.DAMAGED_PDF,))


@functools.cache
def _tessdata(configured: str | None) -> str | None:
    """Return the directory holding Tesseract's Thai data, or None when this machine has none."""
    for place in (configured, os.environ.get("TESSDATA_PREFIX"), *_TESSDATA_PLACES):
        if place and (Path(place) / "tha.traineddata").is_file():
            return place
    return None


def _ocr(pdf: pymupdf.Document, config: ExtractConfig) -> str:
    """Read the first pages of a scan by OCR, within the page, pixel and time bounds; "" when it cannot.

    Runs in the isolated extraction worker like the rest of the PDF (its wall-time and memory limits hold).
    The text goes through the same Thai clean-up as a text layer, so "ํา" written as two marks reads as "ำ".
    """
    tessdata = _tessdata(config.tessdata)
    if not config.ocr_languages or tessdata is None:
        return ""
    collector = LineCollector(config.max_text_chars)
    started = time.monotonic()
    for number in range(min(pdf.page_count, config.ocr_max_pages)):
        if time.monotonic() - started > config.ocr_seconds:
            break
        try:
            page = pdf.load_page(number)  # type: ignore[no-untyped-call]
            width, height = page.rect.width / 72 * config.ocr_dpi, page.rect.height / 72 * config.ocr_dpi
            scale = min(1.0, (config.ocr_max_pixels / max(width * height, 1.0)) ** 0.5)
            textpage = page.get_textpage_ocr(
                language=config.ocr_languages, dpi=max(36, int(config.ocr_dpi * scale)), full=True, tessdata=tessdata
            )
            text = page.get_text("text", textpage=textpage)
        except _PDF_ERRORS:
            continue
        for line in text.splitlines():
            collector.add(line)
    return collector.text()


def _read(pdf: pymupdf.Document, url: str, config: ExtractConfig) -> Extracted:
    """Read an opened PDF; MuPDF errors outside single pages propagate to the caller."""
    problems: list[Problem] = []
    if pdf.needs_pass and not pdf.authenticate(""):  # type: ignore[no-untyped-call]
        return Extracted(
            kind=Kind.PDF,
            url=url,
            page_count=pdf.page_count,
            metadata=_metadata_dates(pdf),
            problems=(Problem.ENCRYPTED_PDF,),
        )
    collector = LineCollector(config.max_text_chars)
    links: list[Link] = []
    damaged = False
    for number in range(min(pdf.page_count, config.max_pdf_pages)):
        if collector.full:
            break
        try:
            page = pdf.load_page(number)  # type: ignore[no-untyped-call]
            text = page.get_text("text")
            links.extend(_page_links(page))
        except _PDF_ERRORS:
            damaged = True
            continue
        for line in text.splitlines():
            collector.add(line)
    # PyMuPDF repairs what it can; a file left with no pages at all is damaged.
    if damaged or pdf.page_count == 0:
        problems.append(Problem.DAMAGED_PDF)
    if collector.truncated or pdf.page_count > config.max_pdf_pages or len(links) > config.max_links:
        problems.append(Problem.TRUNCATED)
    text = collector.text()
    if pdf.page_count > 0 and not text and not damaged:
        text = _ocr(pdf, config)
        problems.append(Problem.OCR if text else Problem.NO_TEXT_LAYER)
    return Extracted(
        kind=Kind.PDF,
        url=url,
        title=clean_text(str((pdf.metadata or {}).get("title") or "")),
        text=text,
        links=tuple(links[: config.max_links]),
        metadata=_metadata_dates(pdf),
        page_count=pdf.page_count,
        problems=tuple(problems),
    )
