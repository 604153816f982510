"""What the classifier keeps of each fetched page or document: a :class:`PageSummary`, never the body.

While a site is crawled every response is reduced to its summary (title, breadcrumb, content headings, a
capped slice of the content text, fingerprints of its content lines, links with their anchor text and the
table row they sit in, content images with their alternative text, forms, the contact details it shows,
the dates it states) and the body is dropped, so memory follows the number of pages, not their size.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from prongsai.monitoring.engine.classify.config import ClassifyConfig
from prongsai.monitoring.engine.classify.labels import OIT_CODE, fold, is_generic_label
from prongsai.monitoring.engine.dates import best_as_of, find_text_dates
from prongsai.monitoring.engine.extract.model import DEAD_END, Extracted, FormKind, Kind, Link, Problem
from prongsai.monitoring.engine.urls import canonical_url
from prongsai.thaidate import arabic_digits

__all__ = [
    "DOCUMENT_KINDS",
    "DOCUMENT_SUFFIXES",
    "ImageSummary",
    "LinkSummary",
    "PageSummary",
    "contact_facts",
    "line_print",
    "page_key",
    "summarize",
    "summary_index",
]

DOCUMENT_KINDS = frozenset({Kind.PDF, Kind.DOCX, Kind.XLSX})
DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar")
_UNREADABLE = frozenset(
    {Problem.DAMAGED_PDF, Problem.ENCRYPTED_PDF, Problem.DAMAGED_DOCUMENT, Problem.ZIP_BOMB, Problem.TOO_LARGE}
)
_SPACE = re.compile(r"\s+")
_SEARCH_FORM = re.compile(
    rb"<input[^>]+(?:type\s*=\s*[\"']?search|name\s*=\s*[\"']?(?:q|s|query|search|keyword)[\"'\s>])|role\s*=\s*[\"']?search",
    re.IGNORECASE,
)
# Contact details as Thai sites write them (Arabic digits after conversion): a telephone number of 9 or 10
# digits starting with 0 (or +66), an e-mail address, and a postal address (a five-digit postcode with a
# sub-district, district or province word near it).
_PHONE = re.compile(r"(?<![\d.])(?:\+66[\s-]?|\(?0[\s-]?)\d{1,2}\)?(?:[\s.-]?\d){6,8}(?![\d.])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_POSTCODE = re.compile(r"(?<!\d)[1-9]\d{4}(?!\d)")
_ADDRESS_WORDS = re.compile(
    r"ตำบล|ต\.|อำเภอ|อ\.|จังหวัด|จ\.|แขวง|เขต|ถนน|ถ\.|ซอย|ซ\.|หมู่|ม\.|กรุงเทพ|ศาลากลาง|อาคาร|ชั้น|"
    r"road|rd\.|street|district|province|thailand",
    re.IGNORECASE,
)
_ADDRESS_LABEL = re.compile(r"ที่อยู่|ที่ตั้ง|address", re.IGNORECASE)
# An executive introduced on a page: a short line that is an honorific with a name and a surname, and a
# position word on that line, the one before it or the next two.
_PERSON = re.compile(
    r"^(?:ว่าที่\s*)?(?:นางสาว|นาง|นาย(?!ก|อำเภอ)|ดร\.|แพทย์หญิง|นายแพทย์|ทันตแพทย์หญิง|ทันตแพทย์|เภสัชกร|พ\.[ตอท]\.\S*|"
    r"ผศ\.|รศ\.|ศ\.|mr\.|mrs\.|ms\.|dr\.)\s*[^\s\d]{2,30}\s+[^\s\d]{2,30}$",
    re.IGNORECASE,
)
_POSITION = re.compile(
    r"ผู้อำนวยการ|นายก|ปลัด|หัวหน้า|ผู้ช่วย|ประธาน|รักษาการ|ผู้บริหาร|กำนัน|นายอำเภอ|ผู้ว่าราชการ|อธิการบดี|คณบดี|"
    r"ผู้จัดการ|เลขาธิการ|director|head of|chief|mayor|president|deputy|manager",
    re.IGNORECASE,
)
_MAP_LINK = re.compile(r"(?:maps\.google|google\.[a-z.]+/maps|goo\.gl/maps|maps\.app\.goo\.gl)", re.IGNORECASE)
# An error page's title or heading opens with its status code ("404", "Error 404 |", "403 Forbidden").
_ERROR_CODE = re.compile(r"^(?:error|http)?\s*(?:40[0134]|410|50[0234])(?![\d,.])", re.IGNORECASE)


@dataclass(frozen=True)
class LinkSummary:
    """A link kept from a page: where it leads, its anchor text, and whether it sits in navigation."""

    url: str
    text: str
    navigation: bool = False
    context: str = ""
    """The line (table row, list item) the link sits in, when that line says more than the anchor."""
    section: str = ""
    """The nearest line above the link's own that opens with an OIT code ("O8 คู่มือการปฏิบัติงาน"); for a link
    that says nothing ("ดาวน์โหลด"), else the nearest heading above it (the title of its card)."""
    group: str = ""
    """The label of the menu entry whose drop-down list holds the link ("กฎระเบียบที่เกี่ยวข้อง" over its acts)."""


@dataclass(frozen=True)
class ImageSummary:
    """A picture in a page's content: its address and its alternative text."""

    src: str
    alt: str = ""

    @property
    def file_label(self) -> str:
        """Return the picture's file name as words ("org-chart_2566.jpg" → "org chart 2566")."""
        name = unquote(urlsplit(self.src).path.rsplit("/", 1)[-1]).rsplit(".", 1)[0]
        return _SPACE.sub(" ", re.sub(r"[-_.+]+", " ", name)).strip()


@dataclass(frozen=True)
class PageSummary:
    """What the classifier keeps of one fetched page or document (never its whole body).

    ``content_date`` is the most credible "as of" date the content states (already judged against the
    check date); ``text`` is the start of the content text, navigation excluded; ``prints`` fingerprint
    every content line (with its length), so the site's template can be told from the page's own content.
    ``facts`` are the contact details anywhere on the page, header and footer included.
    """

    url: str
    status: int | None
    kind: Kind = Kind.HTML
    title: str = ""
    headings: tuple[str, ...] = ()
    breadcrumb: tuple[str, ...] = ()
    text: str = ""
    text_chars: int = 0
    prints: tuple[int, ...] = ()
    links: tuple[LinkSummary, ...] = ()
    images: tuple[ImageSummary, ...] = ()
    forms: tuple[tuple[str, str], ...] = ()
    """(kind, action) of each form: "message" forms are channels."""
    facts: frozenset[str] = frozenset()
    fact_text: str = ""
    people: int = 0
    """People the content introduces by honorific, name and position."""
    content_date: dt.date | None = None
    last_modified: dt.date | None = None
    metadata_date: dt.date | None = None
    unreadable: bool = False
    ocr: bool = False
    scanned: bool = False
    """A PDF of pictures without a text layer that OCR did not read (not asked to, or it found nothing)."""
    search_form: bool = False
    error_page: bool = False
    """A page that answered 2xx but is an error page ("404 | Page Not Found"): many sites answer a missing
    address, a missing PDF included, with their own error page and a success status."""
    error: str | None = None
    aliases: tuple[str, ...] = ()
    """Other URLs that led here (the requested URL before redirects), so links to them find this page."""

    @property
    def ok(self) -> bool:
        """Return whether the page answered 2xx without a fetch error."""
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def dead(self) -> bool:
        """Return whether the page is broken: an HTTP error, a failed fetch, an error page, an unreadable document."""
        return not self.ok or self.unreadable or self.error_page

    @property
    def is_document(self) -> bool:
        """Return whether this is a PDF, DOCX or XLSX rather than a web page."""
        return self.kind in DOCUMENT_KINDS

    @property
    def message_form(self) -> bool:
        """Return whether the page carries a form to write a message in (a complaint, opinion or contact form)."""
        return any(kind == FormKind.MESSAGE for kind, _ in self.forms)


def line_print(line: str) -> int:
    """Return a line's fingerprint: a hash of its folded text (48 bits) and its length (16 bits) in one integer."""
    return (zlib.crc32(fold(line).encode()) << 16) | min(len(line), 0xFFFF)


def people_shown(text: str) -> int:
    """Return how many people a text introduces by honorific, name and position (an executives' page)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    count = 0
    for index, line in enumerate(lines):
        nearby = lines[max(0, index - 1) : index + 3]
        if len(line) <= 60 and _PERSON.match(line) and any(_POSITION.search(near) for near in nearby):
            count += 1
    return count


def contact_facts(text: str) -> tuple[frozenset[str], str]:
    """Return which contact details ``text`` shows (address, phone, e-mail) and the lines that show them."""
    facts: set[str] = set()
    lines: list[str] = []
    for raw in text.split("\n"):
        line = arabic_digits(raw)
        found = set()
        if _PHONE.search(line):
            found.add("phone")
        if _EMAIL.search(line):
            found.add("email")
        words = {word.lower() for word in _ADDRESS_WORDS.findall(line)}
        # A postal address: a postcode with an address word, two address words, or one after "ที่อยู่".
        if words and (_POSTCODE.search(line) or len(words) >= 2 or _ADDRESS_LABEL.search(line)):
            found.add("address")
        if found - facts:
            lines.append(raw.strip())
        facts |= found
    return frozenset(facts), " · ".join(lines)[:300]


def summarize(
    extracted: Extracted | None,
    *,
    url: str,
    status: int | None,
    today: dt.date,
    last_modified: dt.datetime | None = None,
    body: bytes = b"",
    error: str | None = None,
    aliases: tuple[str, ...] = (),
    config: ClassifyConfig | None = None,
) -> PageSummary:
    """Reduce one fetched response (and what was extracted from it) to the summary the classifier keeps.

    ``body`` is only scanned for a search form and then dropped; ``today`` bounds which content dates are
    plausible.
    """
    cfg = config or ClassifyConfig()
    modified = last_modified.date() if last_modified is not None else None
    if extracted is None:
        return PageSummary(
            url=url, status=status, kind=kind_from_url(url), last_modified=modified, error=error, aliases=aliases
        )
    as_of = best_as_of(find_text_dates(extracted.text), today=today)
    metadata = extracted.metadata.modified or extracted.metadata.created
    lines = [line for line in extracted.text.split("\n") if line.strip()]
    facts, fact_text = contact_facts(extracted.text + "\n" + extracted.navigation_text)
    if any(_MAP_LINK.search(link.url) for link in extracted.links):
        facts |= {"map"}
    images = [image for image in extracted.images if not image.navigation]
    return PageSummary(
        url=url,
        status=status,
        kind=extracted.kind,
        title=_SPACE.sub(" ", extracted.title).strip(),
        headings=tuple(h.text for h in extracted.headings if not h.navigation),
        breadcrumb=extracted.breadcrumb,
        text=extracted.text[: cfg.max_text_chars],
        text_chars=len(extracted.text),
        prints=tuple(line_print(line) for line in lines[: cfg.max_lines]),
        links=_with_context(extracted, cfg),
        images=tuple(ImageSummary(src=image.src, alt=image.alt) for image in images[: cfg.max_images]),
        forms=tuple((str(form.kind), form.action) for form in extracted.forms),
        facts=facts,
        fact_text=fact_text,
        people=people_shown(extracted.text) if extracted.kind is Kind.HTML else 0,
        content_date=as_of.date if as_of is not None else None,
        last_modified=modified,
        metadata_date=metadata,
        unreadable=any(problem in _UNREADABLE for problem in extracted.problems),
        ocr=Problem.OCR in extracted.problems,
        scanned=Problem.NO_TEXT_LAYER in extracted.problems,
        search_form=bool(body) and extracted.kind is Kind.HTML and _SEARCH_FORM.search(body) is not None,
        error_page=extracted.kind is Kind.HTML and is_error_page(extracted, cfg),
        error=error,
        aliases=aliases,
    )


def is_error_page(extracted: Extracted, config: ClassifyConfig) -> bool:
    """Return whether a page that answered with success is an error page all the same: its title or first content
    heading states an error ("404", "Page Not Found", "ไม่พบหน้าที่ต้องการ") and it says little else."""
    if len(extracted.text) > config.max_error_page_chars:
        return False
    first = next((h.text for h in extracted.headings if not h.navigation), "")
    phrases = [fold(phrase) for phrase in config.error_page_phrases]
    for label in (extracted.title, first):
        label = _SPACE.sub(" ", label).strip()
        if _ERROR_CODE.match(label) or any(phrase in fold(label) for phrase in phrases):
            return True
    return False


def _with_context(extracted: Extracted, config: ClassifyConfig) -> tuple[LinkSummary, ...]:
    """Keep the page's links, giving each content link the text line it sits in.

    Transparency pages often list items in a table whose link cell only says "รายละเอียด" or "download";
    the row's other cells name the item. The extractor records the line each content link stands on (else,
    links and lines coming in reading order, the n-th link with a given anchor text belongs to the n-th line
    that contains it). OIT pages also list each item's documents
    under a heading line that opens with its code ("O12 …"): a link whose own line carries no code keeps
    the nearest such line above it as its section. A table row is never a section, and ends the one above
    it: its code belongs to that row's own links (and a row without one names nothing).
    """
    lines = extracted.text.split("\n")
    headings = {heading.text for heading in extracted.headings if not heading.navigation}
    coded = [
        index
        for index, line in enumerate(lines)
        if len(line) <= config.max_context_chars and OIT_CODE.match(arabic_digits(line))
    ]
    after: dict[str, int] = {}
    kept: list[LinkSummary] = []
    for link in extracted.links[: config.max_links]:
        text = _SPACE.sub(" ", link.text).strip()
        context = section = ""
        index = _line_of(link, text, lines, after) if not link.navigation and text else None
        if index is not None:
            line = lines[index].strip()
            context = line if line != text and text in line and len(line) <= config.max_context_chars else ""
            generic = is_generic_label(text, config)
            if not context and generic and index > 0:
                # "- O12 คู่มือ" then, on a line of its own, "คลิกดูรายละเอียด": the line above names the link.
                above_line = lines[index - 1].strip()
                if len(above_line) <= config.max_context_chars:
                    context = above_line
            above = [i for i in coded if index - config.max_section_lines <= i < index]
            if above and not OIT_CODE.match(arabic_digits(line)) and " | " not in lines[above[-1]]:
                section = lines[above[-1]].strip()
            elif generic or link.url == DEAD_END:
                # A card: the document's title as a heading, lines of particulars, then "เปิดอ่าน", "ดาวน์โหลด"
                # (or a box's entries that lead nowhere, under the box's heading).
                heading = next(
                    (
                        i
                        for i in range(index - 1, max(-1, index - config.max_section_lines - 1), -1)
                        if lines[i].strip() in headings
                    ),
                    None,
                )
                if heading is not None:
                    section = lines[heading].strip()
        kept.append(
            LinkSummary(
                url=link.url,
                text=text,
                navigation=link.navigation,
                context=context,
                section=section,
                group=_SPACE.sub(" ", link.group).strip(),
            )
        )
    return tuple(dict.fromkeys(kept))


def _line_of(link: Link, text: str, lines: list[str], after: dict[str, int]) -> int | None:
    """Return the index of the content line a link stands on: the one the extractor recorded when it holds the
    link's text (or the link, a whole card, holds it), else the n-th line holding the n-th link with that text
    (links and lines come in reading order)."""
    if link.line is not None and link.line < len(lines):
        line = lines[link.line].strip()
        if line and (text in line or line in text):  # the link's line, or the first of the lines a card spans
            return link.line
    for index in range(after.get(text, 0), len(lines)):
        if text in lines[index]:
            after[text] = index + 1
            return index
    after[text] = len(lines)
    return None


def kind_from_url(url: str) -> Kind:
    """Return what a URL's file name says it is (a page unless it ends like a document)."""
    path = urlsplit(url).path.lower()
    for suffix, kind in ((".pdf", Kind.PDF), (".docx", Kind.DOCX), (".xlsx", Kind.XLSX)):
        if path.endswith(suffix):
            return kind
    return Kind.OTHER if path.endswith(DOCUMENT_SUFFIXES) else Kind.HTML


def is_document_url(url: str) -> bool:
    """Return whether a URL's file name is a document's (PDF, Office, archive)."""
    return urlsplit(url).path.lower().endswith(DOCUMENT_SUFFIXES)


@functools.lru_cache(maxsize=65_536)
def page_key(url: str) -> str:
    """Return the form a page is looked up by: the crawler's canonical URL (sorted query, no session IDs)."""
    parts = urlsplit(canonical_url(url) or url)
    return f"{parts.netloc.lower()}{unquote(parts.path) or '/'}" + (f"?{parts.query}" if parts.query else "")


def summary_index(summaries: Iterable[PageSummary]) -> dict[str, PageSummary]:
    """Key page summaries by host, decoded path and query, the form links are looked up in."""
    index: dict[str, PageSummary] = {}
    for summary in summaries:
        for url in (*summary.aliases, summary.url):
            index[page_key(url)] = summary
    return index
