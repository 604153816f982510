"""What the extractors take in and give back.

The fetcher hands over a :class:`Document` (the bytes as received, with the headers that matter
for decoding); every extractor returns an :class:`Extracted` and never raises on hostile input:
what went wrong is listed in ``problems`` instead, so one broken file cannot stop a site's check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

__all__ = [
    "DEAD_END",
    "EXTRACTION_FAILURES",
    "Document",
    "ExtractConfig",
    "Extracted",
    "Form",
    "FormKind",
    "Heading",
    "Image",
    "Kind",
    "Link",
    "MetadataDates",
    "Problem",
]


class Kind(StrEnum):
    """What sort of resource a fetched body turned out to be."""

    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    IMAGE = "image"
    OTHER = "other"


class Problem(StrEnum):
    """Something that limited or prevented extraction; a finding can cite it ("the PDF is damaged")."""

    DAMAGED_PDF = "damaged_pdf"
    """PyMuPDF could not open the PDF, or could not read one of its pages."""
    ENCRYPTED_PDF = "encrypted_pdf"
    """The PDF needs a password to open; its text cannot be read."""
    NO_TEXT_LAYER = "no_text_layer"
    """The PDF has pages but no text: most likely a scan, and OCR read nothing (or was not available)."""
    OCR = "ocr"
    """The PDF is a scan without a text layer; its text was read by OCR (Tesseract), so it may hold misreadings."""
    DAMAGED_DOCUMENT = "damaged_document"
    """A DOCX or XLSX file that is not a readable Office Open XML package."""
    ZIP_BOMB = "zip_bomb"
    """A DOCX/XLSX archive whose central directory exceeds the size, member or ratio caps."""
    TOO_LARGE = "too_large"
    """The body is larger than the cap for its kind; HTML is read up to the cap, documents not at all."""
    TRUNCATED = "truncated"
    """Text, pages, cells or links were cut at a cap; what was read is still returned."""
    TOO_DEEP = "too_deep"
    """HTML nested deeper than the cap; it is read up to the point where it got that deep."""
    DECODE_ERROR = "decode_error"
    """Bytes of the HTML did not fit the chosen encoding and were replaced."""
    UNSUPPORTED_FORMAT = "unsupported_format"
    """A document format the engine does not read (legacy .doc/.xls, archives, ...)."""
    EXTRACTION_TIMEOUT = "extraction_timeout"
    """The document could not be read in time; its worker process was stopped and replaced."""
    EXTRACTION_MEMORY = "extraction_too_large"
    """Reading the document needed more memory than its worker process may use: too large to read."""
    EXTRACTION_CRASHED = "extraction_crashed"
    """The worker process reading the document died (or answered nonsense); it was replaced."""


EXTRACTION_FAILURES = frozenset({Problem.EXTRACTION_TIMEOUT, Problem.EXTRACTION_MEMORY, Problem.EXTRACTION_CRASHED})
"""Problems that mean nothing at all was read, because the isolated reader gave up or died."""

DEAD_END: Final = "#"
"""The ``url`` of a link that leads nowhere: ``href="#"``, an empty ``href`` or ``javascript:void(0)``, with no
script of its own behind it. A person sees the label and gets nothing: a placeholder, not a link."""


@dataclass(frozen=True, slots=True)
class Document:
    """A fetched response body to extract from.

    ``content_type`` is the media type without parameters or the raw header value (either is
    accepted); ``charset`` is the charset parameter of the Content-Type header when there was one.
    ``url`` is the final URL after redirects, used to resolve relative links.
    """

    url: str
    content_type: str | None
    charset: str | None
    body: bytes


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    """Caps that keep extraction bounded on hostile or enormous input.

    The defaults fit the documents Thai agencies publish (annual plans of a few hundred pages,
    procurement spreadsheets of a few thousand rows) with a wide margin.
    """

    max_html_bytes: int = 8 * 1024 * 1024
    """HTML beyond this is cut off (problem ``too_large``) and the rest is still read."""
    max_html_depth: int = 1500
    """HTML is cut where elements nest deeper than this (problem ``too_deep``); real pages stay under 100."""
    max_html_nodes: int = 200_000
    """Nodes (elements and text) visited per page; the walk stops there (problem ``truncated``)."""
    max_document_bytes: int = 64 * 1024 * 1024
    """PDF, DOCX and XLSX bodies beyond this are not opened at all (problem ``too_large``)."""
    max_text_chars: int = 2_000_000
    """Extracted text stops here (problem ``truncated``)."""
    max_pdf_pages: int = 500
    """Pages beyond this are not read (problem ``truncated``); ``page_count`` still tells the total."""
    max_links: int = 10_000
    """Links (and, separately, images) kept per document."""
    max_cells: int = 500_000
    """Spreadsheet cells visited per workbook, empty ones included."""
    max_zip_members: int = 10_000
    """An Office archive with more members than this is refused as a zip bomb."""
    max_zip_uncompressed_bytes: int = 512 * 1024 * 1024
    """An Office archive declaring more uncompressed bytes than this in total is refused."""
    max_zip_ratio: float = 200.0
    """A member expanding more than this many times its compressed size is refused ..."""
    zip_ratio_floor_bytes: int = 4 * 1024 * 1024
    """... but only when it also expands to more than this (small XML parts compress very well)."""
    meta_prescan_bytes: int = 4096
    """How far into an HTML body to look for ``<meta charset>``."""
    ocr_languages: str = "tha+eng"
    """Tesseract languages a scanned PDF is read in; an empty string turns OCR off."""
    ocr_max_pages: int = 2
    """Pages of a scan that are read by OCR (the first ones: titles, dates and "as of" lines stand there)."""
    ocr_dpi: int = 150
    """Resolution pages are rendered at for OCR; enough for body text, a quarter of the pixels of 300 dpi ..."""
    ocr_max_pixels: int = 9_000_000
    """... lowered for an oversized page so it renders to at most this many pixels."""
    ocr_seconds: float = 15.0
    """No further page is started after this much OCR time on one document (the worker's own limit still holds)."""
    tessdata: str | None = None
    """Where Tesseract's trained data lives; None looks in ``TESSDATA_PREFIX`` and Debian's usual places."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: HTML h1-h6, a DOCX heading style, or an XLSX sheet name (level 1)."""

    level: int
    text: str
    navigation: bool = False


@dataclass(frozen=True, slots=True)
class Link:
    """A link found in a document, resolved to an absolute URL without its fragment.

    ``navigation`` is true for links in menus, headers, footers and sidebars, which repeat on
    every page and are therefore not evidence by themselves; false for links in the main content.
    """

    url: str
    text: str
    navigation: bool = False
    group: str = ""
    """The label of the menu entry (or site-map entry) whose list holds the link: "กฎระเบียบ" over its acts."""
    line: int | None = None
    """For a link in the main content with text of its own: the index of the content line it starts on."""


@dataclass(frozen=True, slots=True)
class Image:
    """An image with its absolute source URL and its alternative text (empty when missing)."""

    src: str
    alt: str
    navigation: bool = False


class FormKind(StrEnum):
    """What a form on a page is for, judged by its fields."""

    MESSAGE = "message"
    """A message box (a ``textarea``) and a way to send it: a complaint, opinion or contact form."""
    SEARCH = "search"
    LOGIN = "login"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Form:
    """A form on a page: what it is for and where it sends (the absolute ``action``, "" when it posts nowhere)."""

    kind: FormKind
    action: str = ""


@dataclass(frozen=True, slots=True)
class MetadataDates:
    """Dates a document's own properties carry (PDF info dictionary, Office core properties).

    They are the fallback source for currency when the content states no date. Dates are taken
    as written (the author's local calendar day), without converting time zones.
    """

    created: dt.date | None = None
    modified: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Extracted:
    """Everything the classifier needs from one fetched resource.

    ``text`` is the visible main content, normalised by :func:`prongsai.thaitext.normalize_thai`
    (invisible and bidi characters removed, NFC, pythainlp order, whitespace collapsed), one block
    or table row per line, table cells
    separated by " | ". ``navigation_text`` is the text of menus, headers, footers and sidebars,
    kept apart so a menu label repeated on every page is not mistaken for content.
    """

    kind: Kind
    url: str
    title: str = ""
    text: str = ""
    navigation_text: str = ""
    headings: tuple[Heading, ...] = ()
    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    metadata: MetadataDates = field(default_factory=MetadataDates)
    breadcrumb: tuple[str, ...] = ()
    """The page's breadcrumb trail, outermost first (HTML only): its last step is often the page's real title."""
    forms: tuple[Form, ...] = ()
    page_count: int | None = None
    language: str = ""
    encoding: str | None = None
    problems: tuple[Problem, ...] = ()
