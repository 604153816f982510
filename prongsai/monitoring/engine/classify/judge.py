"""Judge every checklist item of one site from its page summaries: found, partial or not found, with evidence.

People find an item on a website by its *label*: a menu entry, a site-map or ITA-index row, a link, the page's
own title, heading or breadcrumb, the text of a picture. A label that names the item (:mod:`.labels`) makes
the page or document it stands on, or leads to, a candidate. A candidate is then judged by what is really
there (:mod:`.site`):

* *found* when the target was fetched and has content of its own: text, a picture, documents or a message
  form that the rest of the site does not repeat (or, for a document, text: OCR counts);
* *partial* when what stands there falls short: a placeholder or only the site's template, an error page
  (the site's own "not found" page served with success too) or an unreadable file or scan, a target that
  could not be fetched, was never opened, or lies on another website, an entry of a list whose link leads
  nowhere ("#"), a home-page tile that opens nothing (the reason says which); and for items with more to
  show, only part of it (a Thai-only statement, a procurement table without the สขร.1 fields).

Strong labels (the page's own names, a menu entry, a link or row that names the item outright) always win
over weak ones (a name inside a longer headline, a title made only of an item's words, a file name or an
address); a weak one stands in only for real content that no other item claims. Items may add evidence of
their own kind through the checklist data (``[items.monitor]``): contact details shown on every page
(5.1.1.5), a link that is the channel itself (5.1.10, 5.1.11).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from prongsai.checklists.currency import next_review_due
from prongsai.checklists.definition import ChecklistDefinition, CurrencyRule, ItemDefinition
from prongsai.monitoring.engine.classify.config import ClassifyConfig
from prongsai.monitoring.engine.classify.labels import WEAK, LabelReader, Naming, fold, ita_year_of, title_words
from prongsai.monitoring.engine.classify.site import SiteView
from prongsai.monitoring.engine.classify.summary import (
    LinkSummary,
    PageSummary,
    is_document_url,
    page_key,
    summary_index,
)
from prongsai.monitoring.engine.classify.texts import REASONS
from prongsai.monitoring.engine.extract.model import DEAD_END, Kind
from prongsai.monitoring.outcome import DateSource, Evidence, ItemOutcome, ItemStatus

__all__ = ["classify_site", "current_for", "documents_to_read"]

# How strongly a label names its target, by where the label stands (times how outright the label names it).
_STRENGTH = {
    "title": 1.0,
    "heading": 0.9,
    "breadcrumb": 0.9,
    "subheading": 0.75,
    "link": 0.85,
    "menu": 0.8,
    "image": 0.8,
    "row": 0.75,
    "section": 0.75,
    "group": 0.7,
    "home": 0.75,
    "file": WEAK,
    "path": WEAK - 0.1,
}
_SPACE = re.compile(r"\s+")
_OUTRIGHT = 0.75
"""A candidate at least this strong is named by a label outright; below it, by a home-page section or words."""
# Back-office pages (sign-in screens, administration) are not what the public reads, whatever they hold.
_BACK_OFFICE = re.compile(
    r"/(?:admin\w*|administrator|backoffice|backend|wp-admin|cp|login|signin)(?:/|$|\.)", re.IGNORECASE
)
_CODE_ONLY = re.compile(r"^\s*(?:o\s?\d{1,2}|ข้อ\s*\d+|\d+|-)\s*\.?\s*$", re.IGNORECASE)
_NUMBERED_ROW = re.compile(r"^\s*(?:o\s?\d{1,2}|\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+\S", re.IGNORECASE)
"""A label numbered as a row of an ITA list ("1.8 ช่องทาง…", "O10 …"), whatever markup holds it."""
_NAMED_BY_ADDRESS = frozenset({Kind.HTML, Kind.PDF, Kind.DOCX, Kind.XLSX})
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_LATIN = re.compile(r"[A-Za-z]")
_ENGLISH_SEGMENTS = frozenset({"en", "eng", "english", "en-us", "en-gb"})
"""The first path segment (or language parameter) of a site's English mirror."""
_LANGUAGE_PARAMETERS = frozenset({"lang", "language", "hl", "locale"})
# Addresses that are the channel themselves: an e-mail address, a LINE account, a Facebook page or messenger.
_CHANNEL = re.compile(r"^(?:mailto:|https?://(?:line\.me|lin\.ee|page\.line\.me|m\.me|(?:www\.)?messenger\.com)/)")


@dataclass
class _Candidate:
    """A page or document that may be an item's evidence: how strongly it is named, by what, in which language."""

    url: str
    page: PageSummary | None
    strength: float
    via: str
    phrases: list[str] = field(default_factory=list)
    thai: bool = False
    english: bool = False
    kinds: set[str] = field(default_factory=set)
    headings: set[str] = field(default_factory=set)
    """The page's own headings that name the item (a card's title on a shelf of documents, say)."""


def current_for(rule: CurrencyRule, as_of: dt.date | None, today: dt.date) -> bool | None:
    """Return whether evidence dated ``as_of`` is still current on ``today`` under ``rule``; None when undated."""
    if as_of is None:
        return None
    return as_of <= today < next_review_due(rule, as_of)


def classify_site(
    checklist: ChecklistDefinition,
    summaries: Iterable[PageSummary],
    *,
    today: dt.date,
    config: ClassifyConfig | None = None,
    start_url: str | None = None,
) -> tuple[ItemOutcome, ...]:
    """Judge every item of ``checklist`` from the summaries of one site's crawl, in checklist order.

    ``start_url`` is the address the check started from (its home page); by default the first page fetched
    after the registered item addresses, which is how the crawler orders them.
    """
    listed = list(summaries)
    cfg = config or ClassifyConfig()
    pages = summary_index(listed)
    start = start_url or next((page.url for page in listed if urlsplit(page.url).path in ("", "/")), "")
    if not start and listed:
        start = listed[0].url
    judge = _Judge(checklist, pages, today=today, config=cfg, start_url=start)
    return tuple(judge.item(item) for item in checklist.items)


def documents_to_read(
    checklist: ChecklistDefinition,
    summaries: Iterable[PageSummary],
    *,
    today: dt.date,
    config: ClassifyConfig | None = None,
    start_url: str,
) -> list[str]:
    """Return the scanned documents (no text layer) that a label names as some item's evidence, surest first.

    These are worth reading by OCR, which costs seconds a page; a scan nothing names is not.
    """
    pages = summary_index(list(summaries))
    judge = _Judge(checklist, pages, today=today, config=config or ClassifyConfig(), start_url=start_url)
    named = sorted(
        (
            candidate
            for found in judge.found.values()
            for candidate in found.values()
            if candidate.page is not None and candidate.page.scanned and candidate.strength > WEAK
        ),
        key=lambda candidate: (-candidate.strength, judge.view.fetch_rank(candidate.page)),
    )
    return list(dict.fromkeys(candidate.page.url for candidate in named if candidate.page is not None))


def _merge(
    candidates: dict[str, _Candidate],
    naming: Naming,
    url: str,
    page: PageSummary | None,
    kind: str,
    strength: float,
    *,
    via: str,
    heading: str = "",
) -> None:
    """Add a naming of ``url`` to an item's candidates: a new one, or the one already there made stronger."""
    key = page_key(url)
    candidate = candidates.get(key)
    if candidate is None:
        candidate = candidates[key] = _Candidate(url=url, page=page, strength=strength, via=via)
    elif strength > candidate.strength:
        candidate.strength, candidate.via = strength, via
    candidate.kinds.add(kind)
    if heading:
        candidate.headings.add(heading)
    for phrase in naming.phrases:
        if phrase not in candidate.phrases:
            candidate.phrases.append(phrase)
    candidate.thai = candidate.thai or naming.thai
    candidate.english = candidate.english or naming.english


class _Judge:
    """The candidates of every item on one site, and the judgement of each item from them."""

    def __init__(
        self,
        checklist: ChecklistDefinition,
        pages: Mapping[str, PageSummary],
        *,
        today: dt.date,
        config: ClassifyConfig,
        start_url: str,
    ) -> None:
        self.checklist = checklist
        self.pages = pages
        self.today = today
        self.config = config
        self.view = SiteView.of(pages, start_url=start_url, config=config, today=today)
        site_words = frozenset(word for name in self.view.site_names for word in title_words(name))
        self.reader = LabelReader(checklist, config, site_words=site_words)
        self.found: dict[str, dict[str, _Candidate]] = {item.code: {} for item in checklist.items}
        self.channels: dict[str, list[tuple[str, str]]] = {item.code: [] for item in checklist.items}
        self.dead: dict[str, dict[str, _Candidate]] = {}
        """Pages that name an item on a link leading nowhere ("#"), by item."""
        self._collect()
        self.strong = {
            code: frozenset(key for key, c in found.items() if c.strength > WEAK) for code, found in self.found.items()
        }

    # -- candidates ----------------------------------------------------------------------------------------------

    def _add(self, naming: Naming, url: str, page: PageSummary | None, kind: str, heading: str = "") -> None:
        if _BACK_OFFICE.search(urlsplit(url).path):
            return
        strength = _STRENGTH[kind] * naming.strength
        if page is not None and page.is_document and kind in ("title", "heading"):
            strength = min(strength, WEAK)  # a document's own title and sheet names are often generic or stale
        found = self.found.get(naming.code)
        if found is not None:
            _merge(found, naming, url, page, kind, strength, via=kind, heading=heading)

    def _collect(self) -> None:
        view, read = self.view, self.reader.read
        distinct = list({id(page): page for page in self.pages.values()}.values())
        for page in distinct:
            year = ita_year_of((page.title, *page.headings[:1], unquote(urlsplit(page.url).path)), self.today)
            if page.ok and not page.error_page:
                home = view.is_home(page)
                if home:
                    self._tiles(page, year)
                for label, kind in view.titles(page):
                    if home and kind != "title":
                        kind = "home"  # a home page's headings name its sections, not the page
                    elif home:
                        continue  # a home page's title is the agency's name
                    for naming in read(label, year=year):
                        self._add(naming, page.url, page, kind, heading=label if kind != "title" else "")
                for image in page.images:
                    if image.src in view.template_images:
                        continue
                    if image.alt and not self.reader.is_generic(image.alt):
                        for naming in read(image.alt, year=year):
                            self._add(naming, page.url, page, "image")
                    for naming in read(image.file_label, words=False):
                        self._add(naming, page.url, page, "file")
            if page.kind in _NAMED_BY_ADDRESS:
                for segment in unquote(urlsplit(page.url).path).split("/"):
                    # Each path segment on its own: "/org/chart" is two words, not "orgchart".
                    for naming in read(segment.rsplit(".", 1)[0], words=False):
                        self._add(naming, page.url, page, "path")
        for key, inbounds in view.inbound.items():
            target = self.pages.get(key)
            if target is not None and view.is_home(target):
                continue  # a link back to the home page ("ดูรายงาน…" leading home) shows nothing of any item
            for inbound in inbounds:
                for naming, kind in self._namings(inbound.link, inbound.source, menu=inbound.menu):
                    self._add(naming, inbound.link.url, target, kind)
        for page in distinct:
            home = view.is_home(page)
            for link in page.links:
                if link.url == DEAD_END and link.navigation and home and page.ok:
                    # A menu entry of the home page that leads nowhere (not a drop-down's toggle: the extractor
                    # keeps none): the site shows the item's place, and it opens nothing.
                    for naming, kind in self._namings(link, page, menu=True):
                        self._dead_end(naming, page, kind)
                elif link.url == DEAD_END and not link.navigation and page.ok:
                    # A link in a row or a card of the content that leads nowhere ("ดาวน์โหลด" → "#" beside an
                    # entry's title and date, a numbered row of an ITA table or list): the entry is there, its
                    # document is not. A bare label pointing nowhere (a site map's "#") is no place of the item.
                    in_entry = bool(link.context) or bool(_NUMBERED_ROW.match(link.text))
                    for naming, kind in self._namings(link, page, menu=False):
                        if kind in ("row", "section") or (kind == "link" and in_entry):
                            self._dead_end(naming, page, "row" if kind == "link" else kind)
                if _CHANNEL.match(link.url) or (link.url.startswith("http") and not view.on_site(link.url)):
                    label = link.text or link.context
                    for naming in read(label) if label and not self.reader.is_generic(label) else ():
                        if naming.strength > WEAK:
                            self.channels[naming.code].append((link.url, label))

    def _namings(self, link: LinkSummary, source: PageSummary, *, menu: bool) -> list[tuple[Naming, str]]:
        """Return what names a link's target, with where the name stands: the link's own text (a menu entry or a
        link), the drop-down it unfolds from, its table row and cells, the OIT heading or card title above it."""
        read = self.reader.read
        year = ita_year_of((source.title, *source.headings[:1], unquote(urlsplit(source.url).path)), self.today)
        generic = self.reader.is_generic(link.text)
        namings = () if generic else read(link.text, year=year)
        found = [(naming, "menu" if menu else "link") for naming in namings]
        if link.group and not any(naming.strength > WEAK for naming in namings):
            # An entry of a drop-down whose own label names nothing ("พระราชบัญญัติ…" under
            # "กฎระเบียบที่เกี่ยวข้อง"): the menu entry it unfolds from names it, less surely than its own.
            found += [(naming, "group") for naming in read(link.group, year=year)]
        if link.context and not menu:
            named = {n.code for n in namings}
            # A table row names its link as a whole ("O6 | …" with its code), and by each of its cells.
            cells = [cell for cell in link.context.split(" | ") if cell != link.context]
            for label in (link.context, *cells):
                if label != link.context and (self.reader.is_generic(label) or _CODE_ONLY.match(label)):
                    continue  # a code alone is read with its row
                found += [(naming, "row") for naming in read(label, year=year) if naming.code not in named]
        if link.section and not menu:
            for naming in read(link.section, year=year):
                if naming.coded or link.url == DEAD_END:
                    found.append((naming, "section"))
                elif generic:
                    found.append((naming, "row"))
        return found

    def _tiles(self, home: PageSummary, year: int) -> None:
        """Record the home page's tiles that name an item and open nothing: short lines of its own content that
        are no link ("คู่มือประชาชน" on a picture): the site shows the item's place, and nothing opens from it."""
        for line in self.view.own(home).text.split("\n"):
            label = line.strip()
            if not 0 < len(label) <= self.config.max_tile_chars:
                continue
            for naming in self.reader.read(label, year=year):
                if naming.strength >= 1.0:
                    self._dead_end(naming, home, "home")

    def _dead_end(self, naming: Naming, page: PageSummary, kind: str) -> None:
        """Record that ``page`` names the item on a link that leads nowhere: a place of the item that falls short."""
        dead = self.dead.setdefault(naming.code, {})
        _merge(dead, naming, page.url, None, kind, _STRENGTH[kind] * naming.strength, via="dead_end")

    # -- judging -------------------------------------------------------------------------------------------------

    def _quality(self, candidate: _Candidate) -> tuple[ItemStatus, str] | None:
        """Judge what a candidate's target really holds: content of its own (found), or why it falls short.

        None when the target is no place of any item: an index whose content is only links to other pages.
        """
        page = candidate.page
        if page is None:
            return ItemStatus.PARTIAL, "unfetched" if self.view.on_site(candidate.url) else "external"
        if not page.ok:
            broken = page.status is not None and 400 <= page.status < 500
            return ItemStatus.PARTIAL, "dead" if broken or page.error is None else "fetch_failed"
        if page.unreadable or page.error_page:
            return ItemStatus.PARTIAL, "dead"  # an unreadable file, or the site's own "not found" page
        own = self.view.own(page)
        text = own.text or page.text
        folded = fold(text)
        unfinished = _TEMPLATE_VARIABLE.search(unquote(page.url)) or _test_data(text) or _test_entries(page, self.view)
        if unfinished or any(fold(phrase) in folded for phrase in self.config.placeholder_phrases):
            return ItemStatus.PARTIAL, "placeholder"
        entries = [url for url in own.entries if self.view.on_site(url)]
        if (
            entries
            and own.text_chars < 4 * self.config.min_content_chars
            and all(_TEMPLATE_VARIABLE.search(unquote(url)) for url in entries)
        ):
            return ItemStatus.PARTIAL, "placeholder"  # a list whose every entry is unfilled ("people.php?id=$id")
        if page.is_document and page.scanned and page.text_chars < self.config.min_content_chars // 2:
            return ItemStatus.PARTIAL, "unread_scan"
        if page.is_document:
            return (
                (ItemStatus.FOUND, "content")
                if page.text_chars >= self.config.min_content_chars // 2
                else (
                    ItemStatus.PARTIAL,
                    "placeholder",
                )
            )
        under = [link.url for link in page.links if link.section and link.section in candidate.headings]
        if under and all(url == DEAD_END for url in under):
            # The heading that names the item stands over entries that lead nowhere (cards, "ดาวน์โหลด" → "#").
            return ItemStatus.PARTIAL, "nowhere"
        opened = [target for url in under if url != DEAD_END and (target := self.pages.get(page_key(url))) is not None]
        if opened and not is_document_url(opened[0].url) and all(target.dead for target in opened):
            # A teaser under the item's heading whose "ดูรายละเอียด" leads to an error page.
            return ItemStatus.PARTIAL, "dead"
        carded = [link.url for link in page.links if link.section in candidate.headings and is_document_url(link.url)]
        if carded:
            # The heading that names the item titles a card of documents ("เปิดอ่าน", "ดาวน์โหลด"): the card's
            # documents are what the heading promises, whatever else the page lists.
            fetched_cards = [document for url in carded if (document := self.pages.get(page_key(url))) is not None]
            if fetched_cards and all(document.dead for document in fetched_cards):
                return ItemStatus.PARTIAL, "dead_document"
        if own.documents:
            documents = [
                self.pages.get(page_key(link.url))
                for link in page.links
                if not link.navigation and is_document_url(link.url)
            ]
            fetched = [document for document in documents if document is not None]
            listing = own.text_chars < 4 * self.config.min_content_chars or own.documents >= 2
            # Pictures beside two or more documents are their covers, not content of their own.
            pictures = own.images and own.documents < 2
            if fetched and all(document.dead for document in fetched) and listing and not pictures:
                return ItemStatus.PARTIAL, "dead_document"
            return ItemStatus.FOUND, "content"
        if own.message_forms and not own.images and own.text_chars < self.config.min_content_chars:
            # A page whose content is a message form: it works only if the form sends somewhere.
            sends = any(action for kind, action in page.forms if kind == "message")
            return (ItemStatus.FOUND, "content") if sends else (ItemStatus.PARTIAL, "form_nowhere")
        if own.images or own.message_forms or own.text_chars >= self.config.min_content_chars:
            return ItemStatus.FOUND, "content"
        if own.entries and not own.text_chars:
            return None  # an index of links to other pages: those pages are the places, not this one
        return ItemStatus.PARTIAL, "placeholder" if own.text_chars else "template_only"

    def item(self, item: ItemDefinition) -> ItemOutcome:
        """Judge one item from its candidates (and the item's own kinds of evidence)."""
        cfg = self.config
        candidates = list(self.found[item.code].values())
        judged = [(*quality, c) for c in candidates if c.strength > WEAK and (quality := self._quality(c)) is not None]
        if not judged:
            claimed = frozenset().union(*(keys for code, keys in self.strong.items() if code != item.code))
            # Nothing labels the item; an address that names it ("/org_chart.php", "structure-2566.jpg") may
            # still, for real content no other item claims. A mention in a longer label never does.
            judged += [
                (status, why, c)
                for c in candidates
                if c.kinds <= {"path", "file"} and page_key(c.url) not in claimed
                for quality in (self._quality(c),)
                if quality is not None and quality[0] is ItemStatus.FOUND
                for status, why in (quality,)
            ]
        judged += [
            (ItemStatus.PARTIAL, "nowhere", c) for c in self.dead.get(item.code, {}).values() if c.strength > WEAK
        ]
        judged += self._own_kinds(item, judged)
        if not judged:
            return self._outcome(item, ItemStatus.NOT_FOUND, "none", [], confidence=0.7)
        rank = {ItemStatus.FOUND: 0, ItemStatus.PARTIAL: 1}
        # A label that names the item outright (a menu entry, the page's title, an ITA row) outranks a lesser
        # one whatever lies behind each: the person points at the labelled place, and judges what is there.
        judged.sort(
            key=lambda j: (
                j[2].strength < _OUTRIGHT,
                rank[j[0]],
                -(j[2].strength + 0.05 * (len(j[2].kinds) > 1)),
                self.view.fetch_rank(j[2].page),
            )
        )
        status, why, best = judged[0]
        good = [c for s, _, c in judged if s is ItemStatus.FOUND]
        chosen, dated = [best], [best]
        if why == "external":
            # A document on another website (Google Drive, a short link): the person points at the site's own
            # page that lists it (the ITA page, a notice), then at where it leads.
            chosen = [*self._linking(best), best]
        if status is ItemStatus.FOUND:
            attached = self._attachments(best)
            dated = [best, *attached]
            chosen = [best, *attached, *(c for c in good if c is not best)]
        if status is ItemStatus.FOUND and item.monitor.required_site_facts and why == "content":
            required = set(item.monitor.required_site_facts)
            if not any(required <= page.facts for page in self.pages.values() if page.ok):
                status, why = ItemStatus.PARTIAL, "missing_parts"
        parts = cfg.required_parts.get(item.code)
        if parts and status is ItemStatus.FOUND and best.page is not None:
            shown = _parts_shown(parts, [c.page for c in dated if c.page is not None])
            if shown < cfg.min_required_share * len(parts):
                status, why = ItemStatus.PARTIAL, "missing_parts"
        if item.bilingual_required and status is ItemStatus.FOUND:
            pool = [*good, *(a for c in good for a in self._attachments(c))]
            thai = any(c.thai or _language_of(c.page)[0] for c in pool)
            english = any(
                (c.english or c.via == "attached") and (_language_of(c.page)[1] or c.page is None) for c in pool
            )
            chosen = dated = sorted(pool, key=lambda c: -c.strength)
            if not english:
                status, why = ItemStatus.PARTIAL, "thai_only"
            elif not thai:
                status, why = ItemStatus.PARTIAL, "english_only"
        if not item.bilingual_required:
            chosen = self._thai_pages(chosen)
        confidence = {"content": 0.6 + 0.35 * min(best.strength, 1.0), "site_facts": 0.8, "channel_link": 0.8}.get(
            why, 0.5 + 0.3 * min(best.strength, 1.0)
        )
        return self._outcome(item, status, why, chosen[: cfg.max_evidence], dated=dated, confidence=confidence)

    def _own_kinds(
        self, item: ItemDefinition, judged: Sequence[tuple[ItemStatus, str, _Candidate]]
    ) -> list[tuple[ItemStatus, str, _Candidate]]:
        """Return the evidence of the item's own kinds (``[items.monitor]``) when no page of the item was found."""
        if any(status is ItemStatus.FOUND for status, _, _ in judged):
            return []
        rules = item.monitor
        extra: list[tuple[ItemStatus, str, _Candidate]] = []
        distinct = [page for page in {id(p): p for p in self.pages.values()}.values() if page.ok]
        if rules.channel_links:
            with_forms = [c for _, _, c in judged if c.page is not None and c.page.ok and c.page.message_form]
            extra += [self._form(candidate) for candidate in with_forms]
            for url, label in self.channels[item.code]:
                extra.append((ItemStatus.FOUND, "channel_link", _Candidate(url, None, 0.8, "channel", [label])))
        if rules.message_forms and not extra:
            forms = sorted((shown for shown in distinct if shown.message_form), key=self.view.fetch_rank)
            extra += [self._form(_Candidate(shown.url, shown, 0.7, "form")) for shown in forms[:1]]
        if rules.people and not extra:
            showing = [
                shown
                for shown in distinct
                if shown.people
                and not shown.is_document
                and not self.view.is_home(shown)
                and not _BACK_OFFICE.search(urlsplit(shown.url).path)
                and self.view.own(shown).images
            ]
            for person in sorted(showing, key=lambda p: (-p.people, self.view.fetch_rank(p)))[:1]:
                extra.append((ItemStatus.FOUND, "content", _Candidate(person.url, person, 0.75, "people")))
        if rules.site_facts and not extra:
            wanted, required = set(rules.site_facts), set(rules.required_site_facts)
            showing = [page for page in distinct if not page.is_document and page.facts & wanted]
            labelled = [c.page for _, _, c in judged if c.page is not None and c.page in showing]
            page: PageSummary
            complete = [page for page in showing if required <= page.facts]
            # Only part of the details: where the site shows them as its own (on every page, or on the page
            # labelled for the item), not an officer's telephone on one page.
            partly = [page for page in labelled if page.facts & wanted] or [
                page for page in showing if page.facts & self.view.template_facts & wanted
            ]
            pool = complete or partly
            if pool:
                page = next((p for p in labelled if p in pool), None) or min(pool, key=self.view.fetch_rank)
                candidate = _Candidate(page.url, page, 0.8, "facts", [page.fact_text[:80]] if page.fact_text else [])
                status = ItemStatus.FOUND if complete else ItemStatus.PARTIAL
                extra.append((status, "site_facts" if complete else "missing_parts", candidate))
        return extra

    def _form(self, candidate: _Candidate) -> tuple[ItemStatus, str, _Candidate]:
        """Judge a page offering a message form: found when its forms send somewhere, partial when none does."""
        page = candidate.page
        assert page is not None
        sends = any(action for kind, action in page.forms if kind == "message")
        return (ItemStatus.FOUND, "content", candidate) if sends else (ItemStatus.PARTIAL, "form_nowhere", candidate)

    def _attachments(self, candidate: _Candidate) -> list[_Candidate]:
        """Return the readable documents a candidate page links from its content: they are part of its evidence.

        A transparency page is often a short introduction with the item's PDF or spreadsheet (or its Thai and
        English versions) attached; the date and the language of the item are in those documents.
        """
        page = candidate.page
        if page is None or page.is_document:
            return []
        found: list[_Candidate] = []
        seen: set[str] = set()
        for link in page.links:
            if link.navigation or not is_document_url(link.url):
                continue
            document = self.pages.get(page_key(link.url))
            if document is None or document.dead or document.url in seen:
                continue
            seen.add(document.url)
            found.append(
                _Candidate(
                    url=document.url,
                    page=document,
                    strength=candidate.strength - 0.05,
                    via="attached",
                    phrases=list(candidate.phrases),
                )
            )
        return found

    def _linking(self, candidate: _Candidate) -> list[_Candidate]:
        """Return the site's page that links ``candidate`` under the item's label: a content page before a menu."""
        inbounds = sorted(
            self.view.inbound.get(page_key(candidate.url), ()),
            key=lambda inbound: (inbound.menu, self.view.is_home(inbound.source), self.view.fetch_rank(inbound.source)),
        )
        return [
            _Candidate(inbound.source.url, inbound.source, candidate.strength, "links_out", list(candidate.phrases))
            for inbound in inbounds[:1]
        ]

    def _thai_pages(self, chosen: Sequence[_Candidate]) -> list[_Candidate]:
        """Return ``chosen`` with its pages of the site's English mirror replaced by the Thai pages they translate.

        On a Thai site the person points at the Thai page; a mirror's page ("/en/contact.html", "?lang=en") stays
        the evidence only where the crawl read no Thai page at its address without the language part.
        """
        kept: dict[str, _Candidate] = {}
        for candidate in chosen:
            twin = self._thai_twin(candidate)
            kept.setdefault(page_key(twin.url), twin)
        return list(kept.values())

    def _thai_twin(self, candidate: _Candidate) -> _Candidate:
        """Return the Thai page a candidate in English translates (the candidate itself when there is none)."""
        page = candidate.page
        if page is None or page.is_document or _language_of(page) != (False, True):
            return candidate
        parts = urlsplit(page.url)
        segments = parts.path.split("/")
        query = parse_qsl(parts.query, keep_blank_values=True)
        if len(segments) > 1 and segments[1].lower() in _ENGLISH_SEGMENTS:
            twin_url = urlunsplit(parts._replace(path="/".join(["", *segments[2:]]) or "/"))
        elif any(name.lower() in _LANGUAGE_PARAMETERS and value.lower() in _ENGLISH_SEGMENTS for name, value in query):
            rest = [(name, value) for name, value in query if name.lower() not in _LANGUAGE_PARAMETERS]
            twin_url = urlunsplit(parts._replace(query=urlencode(rest)))
        else:
            return candidate
        twin = self.pages.get(page_key(twin_url))
        if twin is None or twin.dead or not _language_of(twin)[0]:
            return candidate
        return replace(candidate, url=twin.url, page=twin, thai=True)

    def _address(self, candidate: _Candidate) -> str:
        """Return a candidate's address as the site writes it in its links (the crawler's form sorts the query)."""
        inbounds = self.view.inbound.get(page_key(candidate.url), ())
        return inbounds[0].link.url if inbounds else candidate.url

    def _outcome(
        self,
        item: ItemDefinition,
        status: ItemStatus,
        why: str,
        chosen: Sequence[_Candidate],
        *,
        dated: Sequence[_Candidate] = (),
        confidence: float,
    ) -> ItemOutcome:
        reason_th, reason_en, fix_th, fix_en = REASONS[why]
        evidence = tuple(
            Evidence(
                url=self._address(c),
                http_status=c.page.status if c.page is not None else None,
                phrases=tuple(c.phrases),
                snippet=_snippet(c, self.config),
            )
            for c in chosen
        )
        as_of, source = _as_of(dated or chosen, self.view) if status is not ItemStatus.NOT_FOUND else (None, None)
        current = current_for(item.currency, as_of, self.today)
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


# Text a page shows when it is not finished: its own source code, or test entries ("test", "aaa", "asdf"); and an
# address built from a template variable the server never filled ("news.php?id=$id_news").
_TEMPLATE_VARIABLE = re.compile(r"\$[A-Za-z_]\w*|<\?|\{\{")
_SOURCE = re.compile(r"<\?(?:php)?\s|\?>|\$[A-Za-z_][A-Za-z0-9_]*(?:\[|\s*;|\s*\.|\s*=|->)|\becho\s+[\"']|\}\s*else\b")
_JUNK_WORD = re.compile(
    r"^(?:test\w*|tset|aa+|bb+|xx+|zz+|asd\w*|qwe\w*|sdf\w*|df+|ddd+|abc+|123\d*|ทดสอบ\w*|เทส\w*)$", re.IGNORECASE
)
_WORDS = re.compile(r"[A-Za-z]+|[\u0e00-\u0e7f]+|\d+")
_VARIABLE_LINE = re.compile(r"^\s*(?:\$[A-Za-z_]\w*\s*)+$")


def _junk(line: str) -> bool:
    """Return whether a line is a test entry ("test", "aaa", "asdf", "ทดสอบ" as most of its words) or an unfilled
    template variable ("$title_news")."""
    if _VARIABLE_LINE.match(line):
        return True
    words = [word for word in _WORDS.findall(line) if not word.isdigit()]
    return bool(words) and sum(1 for word in words if _JUNK_WORD.match(word)) * 2 >= len(words)


def _test_data(text: str) -> bool:
    """Return whether a page's own text is unfinished: PHP source shown as text, or mostly test entries.

    A page is test data when such lines make up at least half of its lines of any length.
    """
    if len(_SOURCE.findall(text)) >= 3:
        return True
    lines = [line for line in text.split("\n") if line.strip()]
    junk = sum(1 for line in lines if _junk(line))
    return junk >= 1 and junk * 2 >= len(lines)


def _test_entries(page: PageSummary, view: SiteView) -> bool:
    """Return whether a page's own names are test entries: its own title, or most of the headings and links its
    content lists (a news list of "test", "testttt", "$title_news")."""
    names = [name for name, _ in view.titles(page)]
    if names and _junk(names[0]):
        return True
    entries = names + [
        link.text
        for link in page.links
        if link.text and not link.navigation and (page_key(link.url), link.text) not in view.template_content_links
    ]
    judged = [_junk(entry) for entry in entries if _WORDS.search(entry) or _VARIABLE_LINE.match(entry)]
    return len(judged) >= 2 and sum(judged) * 2 >= len(judged)


def _parts_shown(parts: tuple[tuple[str, ...], ...], evidence: Sequence[PageSummary]) -> int:
    """Return how many of an item's required parts (each a set of alternative phrases) the evidence's text shows."""
    text = fold(" ".join(page.text for page in evidence))
    return sum(1 for alternatives in parts if any(fold(phrase) in text for phrase in alternatives))


def _language_of(page: PageSummary | None) -> tuple[bool, bool]:
    """Return whether a page's content reads as Thai and as English (letters of each script)."""
    if page is None:
        return False, False
    sample = page.text[:2000] + " " + page.title
    thai, latin = len(_THAI.findall(sample)), len(_LATIN.findall(sample))
    return thai >= 40, latin >= 80 and latin > thai / 2


def _snippet(candidate: _Candidate, config: ClassifyConfig) -> str:
    page = candidate.page
    if page is None:
        return " / ".join(candidate.phrases)[: config.snippet_chars]
    if candidate.via == "facts":
        return page.fact_text[: config.snippet_chars]
    text = _SPACE.sub(" ", page.text)
    lowered = text.lower()
    for phrase in candidate.phrases:
        at = lowered.find(phrase.lower())
        if at >= 0:
            start = max(0, at - config.snippet_chars // 3)
            return text[start : start + config.snippet_chars].strip()
    return (page.title + " — " + text[: config.snippet_chars]).strip(" —")


def _as_of(candidates: Iterable[_Candidate], view: SiteView) -> tuple[dt.date | None, DateSource | None]:
    """Return the latest date the evidence states, else its Last-Modified, else its metadata, with the source."""
    pages = [c.page for c in candidates if c.page is not None]
    for source, dates in (
        (DateSource.CONTENT, [view.as_of(p) for p in pages]),
        (DateSource.LAST_MODIFIED, [p.last_modified for p in pages]),
        (DateSource.DOCUMENT_METADATA, [p.metadata_date for p in pages]),
    ):
        known = [d for d in dates if d is not None]
        if known:
            return max(known), source
    return None, None
