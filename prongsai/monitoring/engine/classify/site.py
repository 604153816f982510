"""One site seen as a whole: its template, each page's own content, each page's real title and the labels of
the links that lead to it.

A site repeats its header, menus, sidebars and footer on every page. Comparing the pages of one site tells
that template from each page's own content: a text line, picture or link that stands on a good share of the
pages is template. A page whose content is only template (an empty CMS page under a menu entry) has nothing
of its own, whatever its menu label promises.

Many sites give every page the same ``<title>`` (the agency's name) or a generic one; a page's real names
are then its first content heading, the last step of its breadcrumb, and the labels of the links that lead
to it: the menu entry, the site-map entry, the row of an ITA table.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from prongsai.monitoring.engine.classify.config import ClassifyConfig
from prongsai.monitoring.engine.classify.labels import fold
from prongsai.monitoring.engine.classify.summary import (
    LinkSummary,
    PageSummary,
    is_document_url,
    line_print,
    page_key,
)
from prongsai.monitoring.engine.dates import best_as_of, find_text_dates
from prongsai.monitoring.engine.extract.model import DEAD_END
from prongsai.monitoring.engine.urls import url_host

__all__ = ["Inbound", "Own", "SiteView"]

_HOME_LABELS = frozenset({"หน้าแรก", "หน้าหลัก", "home", "homepage", "หน้าแรกเว็บไซต์"})
_TITLE_PARTS = re.compile(r"\s+[|\-–—:»>]\s+|\s*[|»]\s*")
# Pictures that decorate rather than inform, judged by their file name.
_DECORATION = re.compile(
    r"(?:^|[^a-z])(?:logo|icon|banner|bg|background|spacer|blank|arrow|bullet|button|btn|line|bar|shadow|loading|"
    r"facebook|fb|line|youtube|twitter|instagram|social|flag|qr)(?:[^a-z]|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Inbound:
    """A link that leads to a page: its label, and where it stands (menu or content, a table row, a section)."""

    label: str
    source: PageSummary
    link: LinkSummary
    menu: bool


@dataclass(frozen=True)
class Own:
    """What a page has that the rest of its site does not repeat."""

    text_chars: int
    images: int
    documents: int
    message_forms: int
    text: str
    entries: tuple[str, ...] = ()
    """Where the content links to other pages (not documents): an index page has these and nothing else."""

    @property
    def anything(self) -> bool:
        """Return whether the page has any content of its own: text, a picture, a document or a message form."""
        return bool(self.images or self.documents or self.message_forms) or self.text_chars > 0


@dataclass
class SiteView:
    """What comparing a site's pages tells about each of them (built once per check by :meth:`of`)."""

    start_url: str
    pages: Mapping[str, PageSummary]
    config: ClassifyConfig
    today: dt.date
    template_lines: frozenset[int] = frozenset()
    template_images: frozenset[str] = frozenset()
    template_links: frozenset[tuple[str, str]] = frozenset()
    template_content_links: frozenset[tuple[str, str]] = frozenset()
    """Links outside the menus that most pages repeat all the same (a sidebar of the latest news)."""
    constant_titles: frozenset[str] = frozenset()
    template_headings: frozenset[str] = frozenset()
    template_facts: frozenset[str] = frozenset()
    """Contact details (address, phone, e-mail) the site shows on most of its pages: its header or footer."""
    site_names: tuple[str, ...] = ()
    """The ``<title>`` parts most of the site's pages share: the agency's own name."""
    inbound: dict[str, list[Inbound]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    homes: frozenset[str] = frozenset()
    """Keys of the site's home pages: the start address, and where the template's "หน้าแรก" links lead."""
    _own: dict[int, Own] = field(default_factory=dict, repr=False)

    @classmethod
    def of(
        cls, pages: Mapping[str, PageSummary], *, start_url: str, config: ClassifyConfig, today: dt.date
    ) -> SiteView:
        """Compare the site's pages (keyed as :func:`summary_index` keys them) and index who links where."""
        distinct = list({id(page): page for page in pages.values()}.values())
        html = [page for page in distinct if page.ok and not page.is_document and not page.error_page]
        view = cls(start_url=start_url, pages=pages, config=config, today=today)
        view.order = {page_key(page.url): number for number, page in enumerate(distinct)}
        threshold = max(
            config.template_min_pages, min(math.ceil(config.template_share * len(html)), config.template_max_pages)
        )
        if len(html) >= config.template_min_pages:
            lines = Counter(p for page in html for p in set(page.prints))
            images = Counter(src for page in html for src in {image.src for image in page.images})
            links = Counter(pair for page in html for pair in {(page_key(link.url), link.text) for link in page.links})
            content_links = Counter(
                pair
                for page in html
                for pair in {(page_key(link.url), link.text) for link in page.links if not link.navigation}
            )
            parts = Counter(part for page in html for part in set(_title_parts(page.title)))
            headings = Counter(fold(h) for page in html for h in set(page.headings))
            facts = Counter(fact for page in html for fact in page.facts)
            view.template_facts = frozenset(fact for fact, n in facts.items() if n >= threshold)
            view.template_headings = frozenset(h for h, n in headings.items() if n >= threshold)
            view.template_lines = frozenset(p for p, n in lines.items() if n >= threshold)
            view.template_images = frozenset(src for src, n in images.items() if n >= threshold)
            view.template_links = frozenset(pair for pair, n in links.items() if n >= threshold)
            view.template_content_links = frozenset(pair for pair, n in content_links.items() if n >= threshold)
            view.site_names = tuple(part for part, n in parts.most_common() if n >= threshold)
            view.constant_titles = frozenset(fold(part) for part in view.site_names if fold(part))
        view.homes = frozenset(
            {page_key(start_url)}
            | {
                key
                for key, text in view.template_links
                if fold(text) in _HOME_LABELS or (fold(text) == "" and urlsplit(key).path in ("", "/"))
            }
        )
        for page in html:
            for link in page.links:
                if link.url == DEAD_END or link.url.startswith(("mailto:", "tel:")):
                    continue
                key = page_key(link.url)
                if key == page_key(page.url):
                    continue  # a page's link to itself names nothing new
                menu = link.navigation or (key, link.text) in view.template_links
                view.inbound.setdefault(key, []).append(Inbound(link.text, page, link, menu))
        return view

    # -- a page's own content ------------------------------------------------------------------------------------

    def own(self, page: PageSummary) -> Own:
        """Return what ``page`` has of its own: text, pictures, documents and message forms the template lacks."""
        cached = self._own.get(id(page))
        if cached is not None:
            return cached
        names = {line_print(label) for label in (page.title, *page.headings, *page.breadcrumb) if label}
        names |= {line_print(inbound.label) for inbound in self.inbound.get(page_key(page.url), ())}
        # A line that is only a link's text points elsewhere: a page of such lines is an index, not content.
        names |= {line_print(link.text) for link in page.links if link.text}
        prints = page.prints or tuple(line_print(line) for line in page.text.split("\n") if line.strip())
        chars = sum(p & 0xFFFF for p in prints if p not in self.template_lines and p not in names and (p & 0xFFFF) > 2)
        own_lines = [
            line
            for line in page.text.split("\n")
            if line.strip() and line_print(line) not in self.template_lines and line_print(line) not in names
        ]
        images = [
            image
            for image in page.images
            if image.src not in self.template_images and not _DECORATION.search(image.file_label.replace(" ", "-"))
        ]
        documents = {
            page_key(link.url)
            for link in page.links
            if not link.navigation
            and link.url != DEAD_END
            and is_document_url(link.url)
            and (page_key(link.url), link.text) not in self.template_links
        }
        pages = {
            page_key(link.url): link.url
            for link in page.links
            if not link.navigation
            and link.url != DEAD_END
            and not is_document_url(link.url)
            and page_key(link.url) != page_key(page.url)
            and (page_key(link.url), link.text) not in self.template_content_links
        }
        own = Own(
            text_chars=0 if page.is_document else chars,
            images=len(images),
            documents=len(documents),
            message_forms=sum(1 for kind, _ in page.forms if kind == "message"),
            text="\n".join(own_lines),
            entries=tuple(pages.values()),
        )
        if page.is_document:
            own = Own(page.text_chars, 0, 0, 0, page.text)
        self._own[id(page)] = own
        return own

    # -- a page's names ------------------------------------------------------------------------------------------

    def as_of(self, page: PageSummary) -> dt.date | None:
        """Return the "as of" date a page's own content states (its template's dates, a sidebar's news, never count)."""
        if page.is_document or not page.ok:
            return page.content_date
        found = best_as_of(find_text_dates(self.own(page).text), today=self.today)
        return found.date if found is not None else None

    def titles(self, page: PageSummary) -> Iterator[tuple[str, str]]:
        """Yield the page's own names with where each comes from: "title", "heading", "subheading", "breadcrumb".

        A ``<title>`` part the site puts on most of its pages (the agency's name) is not a name of this page.
        """
        for part in _title_parts(page.title):
            if fold(part) not in self.constant_titles:
                yield part, "title"
        for number, heading in enumerate(page.headings[:12]):
            if line_print(heading) not in self.template_lines and fold(heading) not in self.template_headings:
                yield heading, "heading" if number < 2 else "subheading"
        if len(page.breadcrumb) >= 2:
            yield page.breadcrumb[-1], "breadcrumb"

    def is_home(self, page: PageSummary) -> bool:
        """Return whether ``page`` is the site's home page (the start address or the site's root)."""
        return page_key(page.url) in self.homes or urlsplit(page.url).path in ("", "/")

    def on_site(self, url: str) -> bool:
        """Return whether ``url`` is on the checked site's host (or a subdomain of it)."""
        host, start = url_host(url), url_host(self.start_url)
        base = start.removeprefix("www.")
        return host in (start, base) or host.endswith("." + base)

    def fetch_rank(self, page: PageSummary | None) -> int:
        """Return the order in which a page was fetched (seeds and shallow pages first); unknown pages last."""
        if page is None:
            return 1 << 30
        return self.order.get(page_key(page.url), 1 << 30)


def _title_parts(title: str) -> list[str]:
    """Split a ``<title>`` at the separators sites put between the page's name and the site's ("A | B", "A - B")."""
    return [part.strip() for part in _TITLE_PARTS.split(title) if part.strip()]
