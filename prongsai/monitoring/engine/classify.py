"""Decide, per checklist item, whether a crawled site carries it: found, partial or not found. Pure: no Django.

While a site is crawled, every response is reduced to a :class:`PageSummary` (title, content
headings, a capped slice of the content text, content links with their anchor text, the dates
it states, its Last-Modified and metadata dates) and the body is dropped, so memory stays bounded
by the number of pages, not their size. :func:`classify_site` then judges each item from these
summaries with general rules that use only the checklist's keyword lists:

* a keyword in a page's title, a content heading or its URL path makes the page a candidate;
* a keyword in the anchor text of a *content* link makes the link's target a candidate (a menu
  label repeated on every page is navigation and never evidence by itself);
* a label that starts with an ITA/OIT item code ("O12 …") names the checklist items the crosswalk maps
  that code to, in the ITA year the page states ("ITA 2569") or, failing that, the check date's fiscal year;
* a candidate whose content is a placeholder ("อยู่ระหว่างปรับปรุง", "coming soon", almost no
  text) or whose documents are all dead (4xx/5xx, unreadable) is only *partial*;
* items that must be bilingual (5.1.3) need both a Thai and an English statement.

The "as of" date comes from the evidence's content, failing that its Last-Modified header,
failing that the document's own metadata; ``current`` is judged from the item's currency rule
as of the check date and stays None when no date was found.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from prongsai.checklists.currency import next_review_due
from prongsai.checklists.definition import ChecklistDefinition, CurrencyRule, ItemDefinition
from prongsai.monitoring.engine.dates import best_as_of, find_text_dates
from prongsai.monitoring.engine.extract.model import Extracted, Kind, Problem
from prongsai.monitoring.engine.urls import canonical_url
from prongsai.monitoring.outcome import DateSource, Evidence, ItemOutcome, ItemStatus
from prongsai.thaidate import arabic_digits, fiscal_year_of

__all__ = [
    "ClassifyConfig",
    "CrosswalkCodes",
    "LinkSummary",
    "PageSummary",
    "classify_item",
    "classify_site",
    "current_for",
    "site_findings",
    "summarize",
]

_DOCUMENT_KINDS = frozenset({Kind.PDF, Kind.DOCX, Kind.XLSX})
_DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar")
_UNREADABLE = frozenset(
    {Problem.DAMAGED_PDF, Problem.ENCRYPTED_PDF, Problem.DAMAGED_DOCUMENT, Problem.ZIP_BOMB, Problem.TOO_LARGE}
)
_SPACE = re.compile(r"\s+")
_FOLDED_OUT = re.compile(r"[\s/\\\-–—.,:;()\[\]{}\"'|&·•_]+")
"""What matching ignores besides case: whitespace and the separators sites put between the words of a label
("ร้องเรียน/ร้องทุกข์", "ร้องเรียน - ร้องทุกข์" and "ร้องเรียนร้องทุกข์" are one label)."""
_WEAK = 0.7
"""Strength of the weak signals (a document's title, a title that is only the core of a keyword, the URL
path): they count only when nothing stronger names the item, and only for content that is real."""
_TITLE_PARTS = re.compile(r"\s+[|\-–—:]\s+")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_LATIN = re.compile(r"[A-Za-z]")
_SEARCH_FORM = re.compile(
    rb"<input[^>]+(?:type\s*=\s*[\"']?search|name\s*=\s*[\"']?(?:q|s|query|search|keyword)[\"'\s>])|role\s*=\s*[\"']?search",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ClassifyConfig:
    """The classifier's thresholds and phrase lists; the defaults suit Thai government sites."""

    placeholder_phrases: tuple[str, ...] = (
        "อยู่ระหว่างปรับปรุง",
        "กำลังปรับปรุง",
        "อยู่ระหว่างการปรับปรุง",
        "อยู่ระหว่างดำเนินการจัดทำ",
        "อยู่ระหว่างจัดทำ",
        "รอการปรับปรุง",
        "ยังไม่มีข้อมูล",
        "coming soon",
        "under construction",
        "under maintenance",
        "being updated",
        "page is being prepared",
    )
    """Phrases that mark a page as a placeholder rather than content."""
    min_content_chars: int = 60
    """Content text shorter than this (after the title and headings) counts as "almost no text"."""
    max_text_chars: int = 6000
    """How much content text a page summary keeps, for matching and snippets."""
    snippet_chars: int = 160
    """Length of the snippet quoted around a matched phrase."""
    max_links: int = 400
    """Content links kept per page."""
    max_context_chars: int = 300
    """A line longer than this is prose, not a table row or list item, and gives a link no context."""
    max_section_lines: int = 12
    """A line opening with an OIT code is the section of the links in at most this many lines below it."""
    min_title_chars: int = 8
    """A short page title or heading counts when it is the core of a keyword ("ผู้บริหาร" of "คณะผู้บริหาร")
    only if it has at least this many characters ..."""
    min_title_share: float = 0.5
    """... and at least this share of the keyword's length."""
    max_evidence: int = 3
    """Evidence URLs reported per item."""
    required_parts: Mapping[str, tuple[tuple[str, ...], ...]] = field(
        default_factory=lambda: {
            # The per-procurement fields of แบบ สขร.1 (DOMAIN §4), each with the ways its column is headed.
            "5.1.7.2": (
                ("ราคากลาง", "reference price"),
                ("วิธีซื้อ", "วิธีจัดซื้อ", "วิธีการซื้อ", "วิธีการจัดซื้อ", "method"),
                ("ผู้เสนอราคา", "รายชื่อผู้เสนอ", "bidder", "bids"),
                ("ผู้ได้รับการคัดเลือก", "ผู้ได้รับคัดเลือก", "ราคาที่ตกลง", "winner", "awarded", "selected"),
                ("เหตุผลที่คัดเลือก", "เหตุผลการคัดเลือก", "reason"),
                ("เลขที่และวันที่ของสัญญา", "เลขที่สัญญา", "สัญญาเลขที่", "วันที่ของสัญญา", "วันที่สัญญา", "contract"),
            ),
        }
    )
    """Per item code, the parts its evidence must show, each as alternative phrases (a column heading or label)."""
    min_title_words: int = 2
    """A title names an item by its words (not a keyword) only when it has at least this many content words ..."""
    min_word_coverage: float = 1.0
    """... and at least this share of them occur in that item's keywords, more than in any other item's (by default
    all of them: a news title such as "ประชุมติดตามการเบิกจ่ายงบประมาณ" shares all but one word with 5.1.5)."""
    min_required_share: float = 0.8
    """Share of an item's required parts the evidence must show; with fewer it is only partial."""
    privacy_phrases: tuple[str, ...] = (
        "นโยบายคุ้มครองข้อมูลส่วนบุคคล",
        "นโยบายความเป็นส่วนตัว",
        "privacy policy",
        "privacy notice",
    )
    """Labels of a privacy policy page (site-level finding)."""
    website_policy_phrases: tuple[str, ...] = (
        "นโยบายเว็บไซต์",
        "นโยบายการใช้งานเว็บไซต์",
        "นโยบายการรักษาความมั่นคงปลอดภัยเว็บไซต์",
        "website policy",
        "terms of use",
    )
    """Labels of a website policy page (site-level finding)."""


@dataclass(frozen=True)
class LinkSummary:
    """A link kept from a page: where it leads, its anchor text, and whether it sits in navigation."""

    url: str
    text: str
    navigation: bool = False
    context: str = ""
    """The line (table row, list item) the link sits in, when its anchor is generic ("รายละเอียด", "download")."""
    section: str = ""
    """The nearest line above the link's own that opens with an OIT code ("O8 คู่มือการปฏิบัติงาน"), if any."""


@dataclass(frozen=True)
class PageSummary:
    """What the classifier keeps of one fetched page or document (never its whole body).

    ``content_date`` is the most credible "as of" date the content states (already judged
    against the check date); ``text`` is the start of the content text, navigation excluded.
    """

    url: str
    status: int | None
    kind: Kind = Kind.HTML
    title: str = ""
    headings: tuple[str, ...] = ()
    text: str = ""
    text_chars: int = 0
    links: tuple[LinkSummary, ...] = ()
    images: int = 0
    content_date: dt.date | None = None
    last_modified: dt.date | None = None
    metadata_date: dt.date | None = None
    unreadable: bool = False
    search_form: bool = False
    error: str | None = None
    aliases: tuple[str, ...] = ()
    """Other URLs that led here (the requested URL before redirects), so links to them find this page."""

    @property
    def ok(self) -> bool:
        """Return whether the page answered 2xx without a fetch error."""
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def dead(self) -> bool:
        """Return whether the page is broken: an HTTP error, a failed fetch, or an unreadable document."""
        return not self.ok or self.unreadable

    @property
    def is_document(self) -> bool:
        """Return whether this is a PDF, DOCX or XLSX rather than a web page."""
        return self.kind in _DOCUMENT_KINDS


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

    ``body`` is only scanned for a search form and then dropped; ``today`` bounds which
    content dates are plausible.
    """
    cfg = config or ClassifyConfig()
    modified = last_modified.date() if last_modified is not None else None
    if extracted is None:
        return PageSummary(
            url=url, status=status, kind=_kind_from_url(url), last_modified=modified, error=error, aliases=aliases
        )
    as_of = best_as_of(find_text_dates(extracted.text), today=today)
    metadata = extracted.metadata.modified or extracted.metadata.created
    links = _with_context(extracted, cfg)
    return PageSummary(
        url=url,
        status=status,
        kind=extracted.kind,
        title=_SPACE.sub(" ", extracted.title).strip(),
        headings=tuple(h.text for h in extracted.headings if not h.navigation),
        text=extracted.text[: cfg.max_text_chars],
        text_chars=len(extracted.text),
        links=links,
        images=sum(1 for image in extracted.images if not image.navigation),
        content_date=as_of.date if as_of is not None else None,
        last_modified=modified,
        metadata_date=metadata,
        unreadable=any(problem in _UNREADABLE for problem in extracted.problems),
        search_form=bool(body) and extracted.kind is Kind.HTML and _SEARCH_FORM.search(body) is not None,
        error=error,
        aliases=aliases,
    )


def _with_context(extracted: Extracted, config: ClassifyConfig) -> tuple[LinkSummary, ...]:
    """Keep the page's links, giving each content link the text line it sits in.

    Transparency pages often list items in a table whose link cell only says "รายละเอียด" or
    "download"; the row's other cells name the item. Links and lines come in reading order,
    so the n-th link with a given anchor text belongs to the n-th line that contains it. OIT pages
    also list each item's documents under a heading line that opens with its code ("O12 …"): a link
    whose own line carries no code keeps the nearest such line above it as its section. A table row
    is never a section, and ends the one above it: its code belongs to that row's own links (and a row
    without one names nothing).
    """
    lines = extracted.text.split("\n")
    coded = [
        index
        for index, line in enumerate(lines)
        if len(line) <= config.max_context_chars and _OIT_CODE.match(arabic_digits(line))
    ]
    after: dict[str, int] = {}
    kept: list[LinkSummary] = []
    for link in extracted.links[: config.max_links]:
        text = _SPACE.sub(" ", link.text).strip()
        context = section = ""
        if not link.navigation and text:
            start = after.get(text, 0)
            for index in range(start, len(lines)):
                if text in lines[index]:
                    after[text] = index + 1
                    line = lines[index].strip()
                    context = line if line != text and len(line) <= config.max_context_chars else ""
                    above = [i for i in coded if index - config.max_section_lines <= i < index]
                    if above and not _OIT_CODE.match(arabic_digits(line)) and " | " not in lines[above[-1]]:
                        section = lines[above[-1]].strip()
                    break
            else:
                after[text] = len(lines)
        kept.append(LinkSummary(url=link.url, text=text, navigation=link.navigation, context=context, section=section))
    return tuple(kept)


def _kind_from_url(url: str) -> Kind:
    path = urlsplit(url).path.lower()
    for suffix, kind in ((".pdf", Kind.PDF), (".docx", Kind.DOCX), (".xlsx", Kind.XLSX)):
        if path.endswith(suffix):
            return kind
    return Kind.OTHER if path.endswith(_DOCUMENT_SUFFIXES) else Kind.HTML


@functools.lru_cache(maxsize=65_536)
def _fold(text: str) -> str:
    """Return ``text`` lower-cased without whitespace or separators, so "รอบ 6 เดือน" and "รอบ6เดือน" compare equal.

    Cached: menus, titles and headings repeat on every page of a site and are folded for every item.
    """
    return _FOLDED_OUT.sub("", text).lower()


@functools.lru_cache(maxsize=65_536)
def _key(url: str) -> str:
    """Return the form a page is looked up by: the crawler's canonical URL (sorted query, no session IDs)."""
    parts = urlsplit(canonical_url(url) or url)
    return f"{parts.netloc.lower()}{unquote(parts.path) or '/'}" + (f"?{parts.query}" if parts.query else "")


@dataclass(frozen=True)
class _Phrases:
    thai: tuple[tuple[str, str], ...]
    english: tuple[tuple[str, str], ...]
    # One site's labels (menus, link texts, row texts) repeat on every page: each is matched once.
    _memo: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def match(self, text: str) -> tuple[list[str], list[str]]:
        """Return the Thai and the English keywords found in ``text`` (fresh lists the caller may keep)."""
        found = self._memo.get(text)
        if found is None:
            folded = _fold(text)
            found = self._memo[text] = (
                (
                    tuple(k for k, f in self.thai if f in folded),
                    tuple(k for k, f in self.english if _english_in(f, folded)),
                )
                if folded
                else ((), ())
            )
        return list(found[0]), list(found[1])

    def core(self, label: str, config: ClassifyConfig) -> tuple[list[str], list[str]]:
        """Return the keywords of which a short page title or heading is the core ("ผู้บริหาร" of "คณะผู้บริหาร")."""
        folded = _fold(label)
        if len(folded) < config.min_title_chars:
            return [], []

        def fits(keyword: str) -> bool:
            return folded in keyword and len(folded) >= config.min_title_share * len(keyword)

        return [k for k, f in self.thai if fits(f)], [k for k, f in self.english if fits(f)]


def _english_in(phrase: str, folded: str) -> bool:
    """Find an English phrase, not as the middle of a longer word ("news" is not in "renewsal")."""
    start = folded.find(phrase)
    while start >= 0:
        if start == 0 or not folded[start - 1].isalpha():
            return True
        start = folded.find(phrase, start + 1)
    return False


def _phrases(item: ItemDefinition) -> _Phrases:
    return _Phrases(
        thai=tuple((k, _fold(k)) for k in item.keywords_th if _fold(k)),
        english=tuple((k, _fold(k)) for k in item.keywords_en if _fold(k)),
    )


_OIT_CODE = re.compile(r"^[\W_]*(?:ข้อ\s*)?O\s?\.?\s?(\d{1,2})(?!\d|\.\d)", re.IGNORECASE)
"""An OIT item code that opens a label: "O12 …", "o 8", "ข้อ O1 …" (not "MOIT 1", a ministry's own numbering)."""
_ITA_YEAR = re.compile(r"(?<![A-Za-z])(?:ITA|OIT)[^0-9]{0,25}?(25\d\d)", re.IGNORECASE)
"""The assessment year a page states in its title, first heading or address ("ITA 2569", "oit-2568", "/ita2569/")."""


@dataclass(frozen=True)
class CrosswalkCodes:
    """Which checklist items each ITA year's OIT code stands for, read from the items' crosswalk.

    OIT pages label their rows and headings with the year's item codes ("O1 โครงสร้าง", "O12 …"). The
    numbering changes every year, so a code means something only together with its year: the year the
    page states, else the fiscal year of the check date (the ITA of a fiscal year assesses that year's
    sites). A year the checklist has no crosswalk for gives no signal rather than a guess, and neither
    does a code whose label's own words name other items only: that label follows another year's numbering.
    """

    items: Mapping[tuple[int, str], tuple[str, ...]]
    phrases: Mapping[str, _Phrases]
    words: Mapping[str, tuple[str, ...]]
    """Per item, its keywords and names folded: where the words of a coded label are looked up."""
    _seen: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, items: Iterable[ItemDefinition]) -> CrosswalkCodes:
        """Index the crosswalk of ``items`` by (Buddhist-era ITA year, upper-case OIT code)."""
        index: dict[tuple[int, str], list[str]] = {}
        phrases: dict[str, _Phrases] = {}
        words: dict[str, tuple[str, ...]] = {}
        for item in items:
            phrases[item.code] = _phrases(item)
            words[item.code] = _vocabulary_of(item)
            for year, codes in item.crosswalk.items():
                match = re.fullmatch(r"ita-(\d{4})", year)
                if match is None:
                    continue
                for code in codes:
                    index.setdefault((int(match.group(1)), code.upper()), []).append(item.code)
        return cls(items={key: tuple(codes) for key, codes in index.items()}, phrases=phrases, words=words)

    def named(self, label: str, year: int) -> tuple[str, ...]:
        """Return the item codes that the OIT code opening ``label`` stands for in ``year`` (none without a code)."""
        if (label, year) in self._seen:  # labels repeat on every page and are asked about for every item
            return self._seen[(label, year)]
        match = _OIT_CODE.match(arabic_digits(label))
        if match is None:
            self._seen[(label, year)] = ()
        else:
            codes = self.items.get((year, f"O{int(match.group(1))}"), ())
            spoken = {code for code, phrases in self.phrases.items() if any(phrases.match(label))}
            if spoken and not spoken.intersection(codes):
                codes = ()
            elif len(codes) > 1:
                codes = self._narrowed(codes, label[match.end() :])
            self._seen[(label, year)] = codes
        return self._seen[(label, year)]

    def _narrowed(self, codes: tuple[str, ...], rest: str) -> tuple[str, ...]:
        """Return those of a shared code's items whose words the rest of the label uses, or all when it uses none.

        ITA 2569's O1 asks for the structure and the powers and duties together; a row "O1 โครงสร้าง"
        shows only the structure, while "O1 ดาวน์โหลด" could be either.
        """
        words = _title_words(rest)
        named = tuple(code for code in codes if any(word in phrase for word in words for phrase in self.words[code]))
        return named or codes


def _ita_year(page: PageSummary, today: dt.date) -> int:
    """Return the ITA year a page's OIT codes belong to: the one it states, else the check date's fiscal year."""
    for text in (page.title, *page.headings[:1], unquote(urlsplit(page.url).path)):
        match = _ITA_YEAR.search(arabic_digits(text))
        if match is not None:
            return int(match.group(1))
    return fiscal_year_of(today)


@dataclass
class _Candidate:
    """A page or document that may be an item's evidence, with how strongly and in which language."""

    page: PageSummary | None
    url: str
    strength: float
    phrases: list[str] = field(default_factory=list)
    thai: bool = False
    english: bool = False
    via: str = ""


def _placeholder(page: PageSummary, config: ClassifyConfig) -> bool:
    folded = _fold(page.text)
    if any(_fold(p) in folded for p in config.placeholder_phrases):
        return True
    if page.is_document:
        return page.text_chars < config.min_content_chars // 2
    body = page.text
    for part in (page.title, *page.headings):
        body = body.replace(part, "")
    return len(_fold(body)) < config.min_content_chars and page.images == 0 and not _document_links(page)


def _document_links(page: PageSummary) -> list[LinkSummary]:
    return [
        link
        for link in page.links
        if not link.navigation and urlsplit(link.url).path.lower().endswith(_DOCUMENT_SUFFIXES)
    ]


def _quality(
    page: PageSummary | None, pages: Mapping[str, PageSummary], config: ClassifyConfig
) -> tuple[ItemStatus, str]:
    """Judge one candidate's own content: real (found), placeholder or dead (partial); why, as a short tag."""
    if page is None:
        return ItemStatus.FOUND, "unfetched"
    if page.dead:
        return ItemStatus.PARTIAL, "dead"
    if _placeholder(page, config):
        return ItemStatus.PARTIAL, "placeholder"
    if not page.is_document:
        documents = [pages.get(_key(link.url)) for link in _document_links(page)]
        fetched = [doc for doc in documents if doc is not None]
        if fetched and all(doc.dead for doc in fetched):
            short = len(_fold(page.text)) < config.min_content_chars * 4
            if short:
                return ItemStatus.PARTIAL, "dead_document"
    return ItemStatus.FOUND, "content"


def _language_of(page: PageSummary | None) -> tuple[bool, bool]:
    """Return whether a page's content reads as Thai and as English (letters of each script)."""
    if page is None:
        return False, False
    sample = page.text[:2000] + " " + page.title
    thai, latin = len(_THAI.findall(sample)), len(_LATIN.findall(sample))
    return thai >= 40, latin >= 80 and latin > thai / 2


def _candidates(
    item: ItemDefinition,
    pages: Mapping[str, PageSummary],
    config: ClassifyConfig,
    *,
    crosswalk: CrosswalkCodes | None = None,
    today: dt.date | None = None,
) -> dict[str, _Candidate]:
    phrases = _phrases(item)
    found: dict[str, _Candidate] = {}

    def add(url: str, page: PageSummary | None, strength: float, th: list[str], en: list[str], via: str) -> None:
        key = _key(url)
        candidate = found.get(key)
        if candidate is None:
            candidate = found[key] = _Candidate(page=page, url=url, strength=strength, via=via)
        elif strength > candidate.strength:
            candidate.strength, candidate.via = strength, via
        for phrase in (*th, *en):
            if phrase not in candidate.phrases:
                candidate.phrases.append(phrase)
        candidate.thai = candidate.thai or bool(th)
        candidate.english = candidate.english or bool(en)

    for page in {id(p): p for p in pages.values()}.values():
        th, en = phrases.match(page.title)
        if th or en:
            # A document's own title and headings (sheet names) are often generic or stale: weaker than a page's.
            add(page.url, page, _WEAK if page.is_document else 1.0, th, en, "title")
        for heading in page.headings:
            th, en = phrases.match(heading)
            if th or en:
                add(page.url, page, _WEAK if page.is_document else 0.9, th, en, "heading")
        for label in (_TITLE_PARTS.split(page.title)[0], *page.headings[:1]):
            th, en = phrases.core(label, config)
            if th or en:
                add(page.url, page, _WEAK, th, en, "title_core")
        for segment in unquote(urlsplit(page.url).path).split("/"):
            # Each path segment on its own: "/org/chart" is two words, not "orgchart".
            th, en = phrases.match(segment)
            if th or en:
                add(page.url, page, _WEAK - 0.1, th, en, "path")
        for link in page.links:
            if link.navigation:
                continue
            th, en = phrases.match(link.text)
            if th or en:
                add(link.url, pages.get(_key(link.url)), 0.8, th, en, "link")
            elif link.context:
                th, en = phrases.match(link.context)
                if th or en:
                    add(link.url, pages.get(_key(link.url)), 0.75, th, en, "row")
        if crosswalk is not None and today is not None:
            _coded(item, page, pages, crosswalk, _ita_year(page, today), add)
    return found


def _coded(
    item: ItemDefinition,
    page: PageSummary,
    pages: Mapping[str, PageSummary],
    crosswalk: CrosswalkCodes,
    year: int,
    add: Callable[[str, PageSummary | None, float, list[str], list[str], str], None],
) -> None:
    """Add the candidates that ``page`` labels with an OIT code standing for ``item`` in the ITA ``year``.

    The code is as strong as a keyword in the same place when it stands for this item alone; a code the
    crosswalk maps to several items (one OIT row asking for the plan and its progress) cannot say which,
    so it is only a weak signal for each.
    """
    labels: list[tuple[str, str, PageSummary | None, float, str]] = [
        (_TITLE_PARTS.split(page.title)[0], page.url, page, _WEAK if page.is_document else 1.0, "code_title"),
        *(
            (heading, page.url, page, _WEAK if page.is_document else 0.9, "code_heading")
            for heading in page.headings[:1]
        ),
    ]
    for link in page.links:
        if not link.navigation:
            target = pages.get(_key(link.url))
            labels.append((link.text, link.url, target, 0.8, "code_link"))
            if link.context:
                labels.append((link.context, link.url, target, 0.75, "code_row"))
            if link.section:
                labels.append((link.section, link.url, target, 0.75, "code_section"))
    for label, url, target, strength, via in labels:
        named = crosswalk.named(label, year)
        if item.code in named:
            phrase = _SPACE.sub(" ", label).strip()[:80]
            th, en = ([phrase], []) if _THAI.search(phrase) else ([], [phrase])
            add(url, target, strength if len(named) == 1 else _WEAK, th, en, via)


def _snippet(page: PageSummary | None, phrases: Sequence[str], config: ClassifyConfig) -> str:
    if page is None:
        return ""
    text = _SPACE.sub(" ", page.text)
    lowered = text.lower()
    for phrase in phrases:
        at = lowered.find(phrase.lower())
        if at >= 0:
            start = max(0, at - config.snippet_chars // 3)
            return text[start : start + config.snippet_chars].strip()
    return (page.title + " — " + text[: config.snippet_chars]).strip(" —")


def current_for(rule: CurrencyRule, as_of: dt.date | None, today: dt.date) -> bool | None:
    """Return whether evidence dated ``as_of`` is still current on ``today`` under ``rule``; None when undated."""
    if as_of is None:
        return None
    return as_of <= today < next_review_due(rule, as_of)


def _as_of(candidates: Iterable[_Candidate]) -> tuple[dt.date | None, DateSource | None]:
    """Return the latest date the evidence states, else its Last-Modified, else its metadata, with the source."""
    pages = [c.page for c in candidates if c.page is not None]
    for source, dates in (
        (DateSource.CONTENT, [p.content_date for p in pages]),
        (DateSource.LAST_MODIFIED, [p.last_modified for p in pages]),
        (DateSource.DOCUMENT_METADATA, [p.metadata_date for p in pages]),
    ):
        known = [d for d in dates if d is not None]
        if known:
            return max(known), source
    return None, None


_TEXTS: Mapping[str, tuple[str, str, str, str]] = {
    # reason_th, reason_en, fix_th, fix_en
    "content": (
        "พบหน้าหรือเอกสารของรายการนี้ซึ่งมีเนื้อหาจริง",
        "A page or document for this item was found with real content.",
        "ตรวจสอบให้ข้อมูลเป็นปัจจุบันอยู่เสมอ",
        "Keep the information up to date.",
    ),
    "unfetched": (
        "พบลิงก์ในเนื้อหาที่ชี้ไปยังรายการนี้ แต่ยังไม่ได้ตรวจเปิดปลายทาง",
        "A content link points to this item, but its target was not opened within the check's budget.",
        "ตรวจสอบว่าลิงก์เปิดได้และมีเนื้อหาครบถ้วน",
        "Make sure the link opens and leads to the full content.",
    ),
    "placeholder": (
        "พบหน้าของรายการนี้ แต่เป็นหน้าที่อยู่ระหว่างปรับปรุงหรือแทบไม่มีเนื้อหา",
        "There is a page for this item, but it is a placeholder or has almost no content.",
        "เผยแพร่เนื้อหาหรือเอกสารฉบับจริงของรายการนี้บนหน้าดังกล่าว",
        "Publish the actual content or document of this item on that page.",
    ),
    "dead": (
        "พบลิงก์ของรายการนี้ แต่หน้าหรือเอกสารปลายทางเปิดไม่ได้",
        "There is a link for this item, but the page or document it leads to cannot be opened.",
        "แก้ไขลิงก์หรืออัปโหลดเอกสารใหม่ให้เปิดได้",
        "Fix the link or upload the document again so that it opens.",
    ),
    "dead_document": (
        "พบหน้าของรายการนี้ แต่เอกสารที่แนบไว้เปิดไม่ได้",
        "There is a page for this item, but its attached documents cannot be opened.",
        "แก้ไขลิงก์หรืออัปโหลดเอกสารใหม่ให้เปิดได้",
        "Fix the links or upload the documents again so that they open.",
    ),
    "missing_parts": (
        "พบหน้าของรายการนี้ แต่ยังขาดข้อมูลบางส่วนที่รายการนี้กำหนด",
        "There is a page for this item, but parts the item requires are missing.",
        "เพิ่มข้อมูลให้ครบทุกส่วน (สำหรับผลการจัดซื้อจัดจ้าง ให้ครบทุกช่องของแบบ สขร.1)",
        "Add every required part (for procurement results, every field of the สขร.1 form).",
    ),
    "thai_only": (
        "พบเฉพาะฉบับภาษาไทย ไม่พบฉบับภาษาอังกฤษ",
        "Only the Thai version was found; the English version is missing.",
        "เผยแพร่ฉบับภาษาอังกฤษคู่กับฉบับภาษาไทย",
        "Publish the English version alongside the Thai one.",
    ),
    "english_only": (
        "พบเฉพาะฉบับภาษาอังกฤษ ไม่พบฉบับภาษาไทย",
        "Only the English version was found; the Thai version is missing.",
        "เผยแพร่ฉบับภาษาไทยคู่กับฉบับภาษาอังกฤษ",
        "Publish the Thai version alongside the English one.",
    ),
    "none": (
        "ไม่พบหน้า หัวข้อ หรือเอกสารของรายการนี้ (ชื่อในเมนูเพียงอย่างเดียวไม่นับเป็นหลักฐาน)",
        "No page, section or document for this item was found (a menu label alone is not evidence).",
        "จัดทำหน้าหรือเอกสารของรายการนี้และลิงก์จากเนื้อหาของเว็บไซต์",
        "Publish a page or document for this item and link to it from the site's content.",
    ),
}


def classify_item(
    item: ItemDefinition,
    pages: Mapping[str, PageSummary],
    *,
    today: dt.date,
    config: ClassifyConfig | None = None,
    claimed_elsewhere: frozenset[str] = frozenset(),
    named_by_words: Mapping[str, str] | None = None,
    crosswalk: CrosswalkCodes | None = None,
) -> ItemOutcome:
    """Judge one checklist item from the site's page summaries (keyed as :func:`classify_site` keys them).

    ``claimed_elsewhere`` holds the keys of pages that strongly name *other* items: a weak signal
    pointing at one of them is that other item's page, not this one's. ``named_by_words`` maps the
    keys of pages whose title's words point to this item alone to that title: a weak signal.
    ``crosswalk`` tells which items the OIT codes on pages stand for; it needs the whole checklist (to see
    when a label's words name another item), so :func:`classify_site` builds it, and without it codes
    give no signal.
    """
    cfg = config or ClassifyConfig()
    found = _candidates(item, pages, cfg, crosswalk=crosswalk, today=today)
    for key, label in (named_by_words or {}).items():
        if key not in found and (page := pages.get(key)) is not None:
            found[key] = _Candidate(page=page, url=page.url, strength=_WEAK, phrases=[label], via="title_words")
    candidates = list(found.values())
    if not candidates:
        return _outcome(item, ItemStatus.NOT_FOUND, "none", [], today=today, confidence=0.8)
    judged: list[tuple[ItemStatus, str, _Candidate]] = []
    for candidate in candidates:
        status, why = _quality(candidate.page, pages, cfg)
        judged.append((status, why, candidate))
    strong = [j for j in judged if j[2].strength > _WEAK]
    # Weak signals stand in only when nothing strong names the item. A page whose attached documents are dead
    # still counts; a placeholder counts only when its own title is the core of this item's keyword and of no
    # other item's (a page titled "ผู้บริหาร" that says "กำลังปรับปรุง"), never by its URL or a generic hub title.
    judged = strong or [
        j
        for j in judged
        if _key(j[2].url) not in claimed_elsewhere
        and (
            j[1] in ("content", "dead_document")
            or (
                j[1] == "placeholder"
                and j[2].via in ("title_core", "title_words")
                and j[2].page is not None
                and not j[2].page.is_document
            )
        )
    ]
    if not judged:
        return _outcome(item, ItemStatus.NOT_FOUND, "none", [], today=today, confidence=0.6)
    rank = {ItemStatus.FOUND: 0, ItemStatus.PARTIAL: 1}
    judged.sort(key=lambda j: (rank[j[0]], -j[2].strength, j[2].page is None, j[2].url))
    status, why, best = judged[0]
    good = [c for s, _, c in judged if s is ItemStatus.FOUND]
    chosen = [best]
    dated = [best]
    if status is ItemStatus.FOUND:
        attached = _attachments(best, pages)
        dated = [best, *attached]
        chosen = [best, *attached, *(c for c in good if c is not best)]
    parts = cfg.required_parts.get(item.code)
    if parts and status is ItemStatus.FOUND and best.page is not None:
        shown = _parts_shown(parts, [c.page for c in dated if c.page is not None])
        if shown < cfg.min_required_share * len(parts):
            status, why = ItemStatus.PARTIAL, "missing_parts"
    if item.bilingual_required and status is ItemStatus.FOUND:
        pool = [*good, *(a for c in good for a in _attachments(c, pages))]
        thai = any(c.thai or _language_of(c.page)[0] for c in pool)
        english = any((c.english or c.via == "attached") and (_language_of(c.page)[1] or c.page is None) for c in pool)
        chosen = dated = sorted(pool, key=lambda c: -c.strength)
        if not english:
            status, why = ItemStatus.PARTIAL, "thai_only"
        elif not thai:
            status, why = ItemStatus.PARTIAL, "english_only"
    confidence = {"content": 0.6 + 0.35 * best.strength, "unfetched": 0.5}.get(why, 0.5 + 0.3 * best.strength)
    return _outcome(
        item, status, why, chosen[: cfg.max_evidence], dated=dated, today=today, confidence=confidence, config=cfg
    )


def _parts_shown(parts: tuple[tuple[str, ...], ...], evidence: Sequence[PageSummary]) -> int:
    """Return how many of an item's required parts (each a set of alternative phrases) the evidence's text shows."""
    text = _fold(" ".join(page.text for page in evidence))
    return sum(1 for alternatives in parts if any(_fold(phrase) in text for phrase in alternatives))


def _attachments(candidate: _Candidate, pages: Mapping[str, PageSummary]) -> list[_Candidate]:
    """Return the readable documents a candidate web page links from its content: they are part of its evidence.

    A transparency page is often a short introduction with the item's PDF or spreadsheet (or its Thai and
    English versions) attached; the date and the language of the item are in those documents.
    """
    page = candidate.page
    if page is None or page.is_document:
        return []
    found: list[_Candidate] = []
    seen: set[str] = set()
    for link in _document_links(page):
        document = pages.get(_key(link.url))
        if document is None or document.dead or document.url in seen:
            continue
        seen.add(document.url)
        found.append(
            _Candidate(
                page=document,
                url=document.url,
                strength=candidate.strength - 0.05,
                phrases=list(candidate.phrases),
                via="attached",
            )
        )
    return found


def _outcome(
    item: ItemDefinition,
    status: ItemStatus,
    why: str,
    chosen: Sequence[_Candidate],
    *,
    dated: Sequence[_Candidate] = (),
    today: dt.date,
    confidence: float,
    config: ClassifyConfig | None = None,
) -> ItemOutcome:
    cfg = config or ClassifyConfig()
    reason_th, reason_en, fix_th, fix_en = _TEXTS[why]
    evidence = tuple(
        Evidence(
            url=c.url,
            http_status=c.page.status if c.page is not None else None,
            phrases=tuple(c.phrases),
            snippet=_snippet(c.page, c.phrases, cfg),
        )
        for c in chosen
    )
    as_of, source = _as_of(dated or chosen) if status is not ItemStatus.NOT_FOUND else (None, None)
    current = current_for(item.currency, as_of, today)
    if current is False:
        fix_th = fix_th + " และปรับปรุงข้อมูลให้เป็นปัจจุบัน"
        fix_en = fix_en + " Bring the information up to date."
    return ItemOutcome(
        code=item.code,
        status=status,
        evidence=evidence,
        as_of=as_of,
        as_of_source=source,
        current=current,
        confidence=round(min(1.0, max(0.0, confidence)), 3),
        reason_th=reason_th,
        reason_en=reason_en,
        fix_th=fix_th,
        fix_en=fix_en,
    )


def site_findings(
    start_url: str,
    pages: Mapping[str, PageSummary],
    *,
    sitemaps: Sequence[str] = (),
    config: ClassifyConfig | None = None,
) -> dict[str, Any]:
    """Return the site-level findings: HTTPS, sitemap, broken links, a search form, privacy and website policies."""
    cfg = config or ClassifyConfig()
    broken = sorted(p.url for p in pages.values() if p.dead)

    def policy(phrases: tuple[str, ...]) -> str | None:
        folded = tuple(_fold(p) for p in phrases)
        for page in pages.values():
            if page.ok and any(f in _fold(page.title) for f in folded):
                return page.url
        for page in pages.values():
            for link in page.links:
                if any(f in _fold(link.text) for f in folded):
                    target = pages.get(_key(link.url))
                    if target is None or target.ok:
                        return link.url
        return None

    return {
        "https": urlsplit(start_url).scheme == "https",
        "sitemap": bool(sitemaps),
        "broken_links": len(broken),
        "broken_urls": broken[:20],
        "search": any(p.search_form for p in pages.values()),
        "privacy_policy": policy(cfg.privacy_phrases),
        "website_policy": policy(cfg.website_policy_phrases),
    }


def classify_site(
    checklist: ChecklistDefinition,
    summaries: Iterable[PageSummary],
    *,
    today: dt.date,
    config: ClassifyConfig | None = None,
) -> tuple[ItemOutcome, ...]:
    """Judge every item of ``checklist`` from the summaries of one site's crawl, in checklist order."""
    cfg = config or ClassifyConfig()
    pages = summary_index(summaries)
    crosswalk = CrosswalkCodes.of(checklist.items)
    candidates = {
        item.code: _candidates(item, pages, cfg, crosswalk=crosswalk, today=today) for item in checklist.items
    }
    strong = {
        code: frozenset(key for key, c in found.items() if c.strength > _WEAK) for code, found in candidates.items()
    }
    lost = _contested_titles(checklist, candidates, pages, cfg)
    named = _named_by_words(checklist, pages, cfg)
    return tuple(
        classify_item(
            item,
            pages,
            today=today,
            config=cfg,
            claimed_elsewhere=frozenset().union(*(keys for code, keys in strong.items() if code != item.code))
            | lost[item.code],
            named_by_words=named.get(item.code, {}),
            crosswalk=crosswalk,
        )
        for item in checklist.items
    )


def _named_by_words(
    checklist: ChecklistDefinition, pages: Mapping[str, PageSummary], config: ClassifyConfig
) -> dict[str, dict[str, str]]:
    """Return, per item code, the pages (key → title) whose own title's words point to that item alone."""
    vocabulary = _Vocabulary(checklist)
    named: dict[str, dict[str, str]] = {}
    for key, page in pages.items():
        if page.is_document or not page.ok:
            continue
        for label in (_TITLE_PARTS.split(page.title)[0], *page.headings[:1]):
            code = vocabulary.owner(label, config)
            if code is not None:
                named.setdefault(code, {})[key] = label
                break
    return named


_STOP_WORDS = frozenset(
    {"การ", "และ", "ของ", "ที่", "ใน", "หรือ", "กับ", "แก่", "ต่อ", "เพื่อ", "จาก", "ประจำ", "ความ", "ให้", "ได้",
     "and", "of", "the", "for", "to", "in", "our", "a", "an", "on", "by", "with", "we"}
)  # fmt: skip
_WORDISH = re.compile(r"[\u0e01-\u0e2e]|[a-z]{2}")


class _Vocabulary:
    """The words of each item's checklist keywords and name, to tell which item a title's words belong to.

    Sites name items in words of their own ("ภารกิจและหน้าที่") that are no keyword, yet every word of
    them comes from one item's keywords. A title counts for an item when its words
    (:attr:`ClassifyConfig.min_word_coverage`) occur in that item's keywords and no other item's
    keywords hold as many.
    """

    def __init__(self, checklist: ChecklistDefinition) -> None:
        self.phrases = {item.code: _vocabulary_of(item) for item in checklist.items}

    def owner(self, label: str, config: ClassifyConfig) -> str | None:
        """Return the code of the one item whose keywords hold (enough of) ``label``'s words, or None."""
        words = _title_words(label)
        if len(words) < config.min_title_words or len(self.phrases) < 2:
            return None
        coverage = {
            code: sum(1 for word in words if any(word in phrase for phrase in phrases)) / len(words)
            for code, phrases in self.phrases.items()
        }
        ranked = sorted(coverage.items(), key=lambda pair: -pair[1])
        (best, top), (_, second) = ranked[0], ranked[1]
        return best if top >= config.min_word_coverage and top > second else None


def _vocabulary_of(item: ItemDefinition) -> tuple[str, ...]:
    """Return the item's keywords and names, folded: the phrases its words are looked up in."""
    return tuple(_fold(phrase) for phrase in (*item.keywords_th, *item.keywords_en, item.name_th, item.name_en))


@functools.lru_cache(maxsize=16_384)
def _title_words(label: str) -> tuple[str, ...]:
    """Return the content words of a short title, folded, in order (Thai split by the dictionary tokenizer).

    Cached: the tokenizer is the costliest step of the classifier, and titles repeat across items and pages.
    """
    if len(label) > 80:
        return ()
    from pythainlp.tokenize import word_tokenize  # heavy import: load on first use

    words = [_fold(token) for token in word_tokenize(label, keep_whitespace=False)]
    return tuple(w for w in words if len(w) >= 2 and w not in _STOP_WORDS and _WORDISH.search(w))


def _contested_titles(
    checklist: ChecklistDefinition,
    candidates: Mapping[str, Mapping[str, _Candidate]],
    pages: Mapping[str, PageSummary],
    config: ClassifyConfig,
) -> dict[str, frozenset[str]]:
    """Return, per item, the pages whose short title it shares with other items and does not win.

    A title such as "ผลการจัดซื้อจัดจ้าง" is the core of keywords of several items (the per-item results and
    the monthly summary). The page's own text settles it first: the item more of whose keywords the
    text shows keeps the page. Failing that, the one item whose own name the title is the core of
    ("แผนปฏิบัติราชการ" of "แผนปฏิบัติราชการประจำปี"). When neither settles it, no item keeps the page.
    """
    claims: dict[str, list[str]] = {}
    for code, found in candidates.items():
        for key, candidate in found.items():
            if candidate.via == "title_core":
                claims.setdefault(key, []).append(code)
    items = {item.code: item for item in checklist.items}
    lost: dict[str, set[str]] = {item.code: set() for item in checklist.items}
    for key, codes in claims.items():
        page = pages.get(key)
        if len(codes) < 2 or page is None:
            continue
        labels = [_fold(label) for label in (_TITLE_PARTS.split(page.title)[0], *page.headings[:1])]
        rank = {
            code: (_keyword_count(items[code], page.text), _names_core(items[code], labels, config)) for code in codes
        }
        best = max(rank.values())
        winners = [code for code in codes if rank[code] == best]
        keep = set(winners) if best[0] > 0 or (best[1] and len(winners) == 1) else set()
        for code in codes:
            if code not in keep:
                lost[code].add(key)
    return {code: frozenset(keys) for code, keys in lost.items()}


def _names_core(item: ItemDefinition, labels: Sequence[str], config: ClassifyConfig) -> bool:
    """Return whether one of the folded ``labels`` is the core of the item's own Thai or English name."""
    names = [_fold(item.name_th), _fold(item.name_en)]
    return any(
        len(label) >= config.min_title_chars and label in name and len(label) >= config.min_title_share * len(name)
        for label in labels
        for name in names
    )


def _keyword_count(item: ItemDefinition, text: str) -> int:
    """Return how many distinct keywords of ``item`` appear in ``text``."""
    thai, english = _phrases(item).match(text)
    return len(thai) + len(english)


def summary_index(summaries: Iterable[PageSummary]) -> dict[str, PageSummary]:
    """Key page summaries by host, decoded path and query, the form links are looked up in."""
    index: dict[str, PageSummary] = {}
    for summary in summaries:
        for url in (*summary.aliases, summary.url):
            index[_key(url)] = summary
    return index
