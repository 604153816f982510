"""Extract text, headings, links and images from HTML with selectolax (Lexbor).

The page is walked once, iteratively (hostile pages nest thousands of levels deep), keeping two
text streams apart: the main content and the navigation (menus, headers, footers, sidebars).
A checklist label in a menu repeats on every page, so it is navigation, not evidence; the page
it leads to is the evidence. When the page marks its main content (``<main>`` or
``role="main"``), everything outside it is page chrome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final
from urllib.parse import urldefrag, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from prongsai.monitoring.engine.extract.charset import decode_html
from prongsai.monitoring.engine.extract.model import (
    DEAD_END,
    Document,
    ExtractConfig,
    Extracted,
    Form,
    FormKind,
    Heading,
    Image,
    Kind,
    Link,
    Problem,
)
from prongsai.monitoring.engine.extract.text import LineCollector, clean_text

__all__ = ["extract_html", "is_navigation_token"]

# Never visible, or not text a reader sees: skipped with everything inside.
_SKIPPED: Final = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "svg",
        "math",
        "select",
        "x-select",
        "datalist",
        "textarea",
        "canvas",
    }
    | {"iframe", "frame", "embed", "object", "audio", "video", "button"}
)
_BLOCKS: Final = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl", "dt"}
    | {"fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot"}
    | {"thead", "tr", "ul", "legend", "label"}
)
_CELLS: Final = frozenset({"td", "th"})
_MAX_GROUP_CHARS: Final = 120
_SCRIPT_ONLY: Final = re.compile(r"^javascript:\s*(?:void\s*\(\s*0?\s*\)|;|)\s*;?\s*$", re.IGNORECASE)
_NO_HOST: Final = re.compile(r"^https?:/{0,3}$", re.IGNORECASE)
"""An address begun and never finished ("https://" in a row whose document was never filled in): it leads nowhere."""
# Attributes by which a script makes a link do something (open a modal, a tab, a picture) whatever its href says.
_SCRIPTED: Final = frozenset(
    {"onclick", "data-toggle", "data-bs-toggle", "data-target", "data-bs-target", "data-fancybox", "data-lightbox"}
)
_GROUP_LABEL_ELEMENTS: Final = 3
_GROUP_LIST_DEPTH: Final = 3
_HEADINGS: Final = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_NAV_ROLES: Final = frozenset({"navigation", "banner", "contentinfo", "menubar", "menu", "complementary", "search"})
# Words in ids and classes of CMS menu containers (WordPress, Joomla, Drupal and the Thai
# government templates built on them). "Strong" words are navigation even inside the main
# content; "weak" words (a header or footer) only outside it, since an article has its own.
_STRONG_NAV_PARTS: Final = ("menu", "navbar", "navigation", "breadcrumb", "sidebar", "offcanvas", "skiplink")
_WEAK_NAV_PARTS: Final = ("header", "footer", "masthead", "copyright", "widget", "cookie", "topbar", "social")
_LAYOUT_PREFIXES: Final = ("has", "with", "no", "is", "layout", "page", "body", "template")
_WORD: Final = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
_HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_REFRESH_URL: Final = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)
_LINK_SCHEMES: Final = frozenset({"http", "https", "mailto", "tel"})
_URL_NOISE: Final = str.maketrans("", "", "\t\n\r")
# Lexbor builds <select> option lists in quadratic time (40,000 options take 20 s); a select's
# text is skipped anyway, so it is parsed as an inert custom element instead.
_SELECT_TAG: Final = re.compile(r"<(/?)select(?=[\s/>])", re.IGNORECASE)
_TAG: Final = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)")
# Elements that never hold children, or whose end tag the parser supplies by itself: they do
# not deepen the tree, so the depth estimate skips them.
_FLAT_TAGS: Final = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    | {"p", "li", "dt", "dd", "td", "th", "tr", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt", "rp"}
    | {"html", "head", "body", "colgroup", "caption"}
)


def _nav_part(part: str, *, strong_only: bool) -> bool:
    if part == "nav" or part.startswith("nav") or part.endswith("nav"):
        return True
    if any(word in part for word in _STRONG_NAV_PARTS):
        return True
    return not strong_only and any(word in part for word in _WEAK_NAV_PARTS)


def is_navigation_token(token: str, *, inside_content: bool = False) -> bool:
    """Return whether an id or class token names a navigation container.

    Split ``token`` into words (``main-menu``, ``topNav``, ``moduletable_menu``) and look for
    menu words. Layout flags on wrappers ("has-sidebar", "no-header") describe the page, not
    the element, and are ignored.
    """
    parts = [word.lower() for word in _WORD.findall(token)]
    if not parts or parts[0] in _LAYOUT_PREFIXES:
        return False
    return any(_nav_part(part, strong_only=inside_content) for part in parts)


@dataclass(frozen=True, slots=True)
class _Context:
    navigation: bool
    inside_content: bool
    group: str = ""


def _hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _content_holders(parser: LexborHTMLParser) -> frozenset[int]:
    """Return the ids of every element that contains the main content or a page title.

    Computed once per page, stopping at ancestors already marked, so the work stays linear
    even on hostile pages nested thousands of levels deep.
    """
    marked: set[int] = set()
    for node in parser.css("main, article, [role=main], h1"):
        ancestor = node.parent
        while ancestor is not None and ancestor.mem_id not in marked:
            marked.add(ancestor.mem_id)
            ancestor = ancestor.parent
    return frozenset(marked)


def _context_for(
    node: LexborNode,
    tag: str,
    attrs: dict[str, str | None],
    parent: _Context,
    holders: frozenset[int],
    *,
    by_class: bool = True,
) -> _Context:
    role = (attrs.get("role") or "").strip().lower()
    if tag == "main" or role == "main":
        return _Context(navigation=False, inside_content=True, group=parent.group)
    if tag == "article":
        return _Context(parent.navigation, inside_content=True, group=parent.group)
    if parent.navigation:
        return parent
    if tag in {"nav", "aside"} or role in _NAV_ROLES:
        return _Context(navigation=True, inside_content=parent.inside_content, group=parent.group)
    if tag in {"header", "footer"} and not parent.inside_content:
        return _Context(navigation=True, inside_content=False, group=parent.group)
    if tag in {"html", "body"}:
        return parent
    if tag == "a" or not by_class:
        return parent  # a link's own class ("nav-link" in Bootstrap) is how it looks, not where it stands
    tokens = (attrs.get("class") or "").split() + (attrs.get("id") or "").split()
    # A wrapper that holds the page's main content or title is not a menu, whatever its class.
    if node.mem_id not in holders and any(
        is_navigation_token(token, inside_content=parent.inside_content) for token in tokens
    ):
        return _Context(navigation=True, inside_content=parent.inside_content, group=parent.group)
    return parent


class _Walker:
    """State of one walk over a parsed page."""

    def __init__(self, *, base_url: str, config: ExtractConfig, by_class: bool = True) -> None:
        self.base_url = base_url
        self.config = config
        self.by_class = by_class
        self.content = LineCollector(config.max_text_chars)
        self.navigation = LineCollector(config.max_text_chars)
        self.buffers: dict[bool, list[str]] = {False: [], True: []}
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.images: list[Image] = []
        self.seen_links: set[tuple[str, str, bool]] = set()
        self.truncated = False
        # Letters (not spaces) of text walked so far, and the last heading with the count its text brings it to:
        # a link with no text of its own right after a heading ("คู่มือประชาชน" over a picture button) is named
        # by that heading, as a person reads the box.
        self.letters = 0
        self.last_heading: tuple[str, int] | None = None

    def flush(self) -> None:
        for navigation, buffer in self.buffers.items():
            if buffer:
                (self.navigation if navigation else self.content).add("".join(buffer))
                buffer.clear()

    def resolve(self, raw: str | None) -> str | None:
        """Return ``raw`` as an absolute http(s)/mailto/tel URL without fragment, or None."""
        if not raw:
            return None
        candidate = raw.translate(_URL_NOISE).strip()
        if not candidate:
            return None
        try:
            absolute = urldefrag(urljoin(self.base_url, candidate)).url
            scheme = urlsplit(absolute).scheme.lower()
        except ValueError:
            return None
        return absolute if scheme in _LINK_SCHEMES else None

    def add_link(
        self, raw: str | None, text: str, *, navigation: bool, group: str = "", boxed: bool = False, inert: bool = False
    ) -> None:
        """Record a link; ``boxed`` for one a person clicks (not a frame), which a heading right above may name.

        ``inert`` for a clickable link without a script of its own: if its address leads nowhere ("#", "",
        "javascript:void(0)", "https://") it is kept as a :data:`DEAD_END`, in a menu too, but for a drop-down's toggle.
        """
        stripped = (raw or "").translate(_URL_NOISE).strip()
        if raw is not None and (stripped in ("", "#") or _SCRIPT_ONLY.match(stripped) or _NO_HOST.match(stripped)):
            if not (inert and text) or (group and text in group):
                return  # an anchor in this very page, a script's button, a menu's toggle: no link
            url = DEAD_END
        elif stripped.startswith("#"):
            return  # an anchor in this very page (a tab, the top of the page), not a link
        else:
            resolved = self.resolve(raw)
            if resolved is None:
                return
            url = resolved
        # A link with text of its own stands on the content line being built (or the next one to start).
        line = self.content.count if boxed and text and not navigation else None
        if boxed and not text and self.last_heading is not None and self.last_heading[1] == self.letters:
            text = self.last_heading[0]
            self.last_heading = None  # only the first such link: the box's button, not every picture after it
        group = "" if group == text else group
        key = (url, text, navigation)
        if navigation and key in self.seen_links:
            return  # a menu repeated at the foot of the page; a content link repeated is another row's, and kept
        if len(self.links) >= self.config.max_links:
            self.truncated = True
            return
        self.seen_links.add(key)
        self.links.append(Link(url=url, text=text, navigation=navigation, group=group, line=line))

    def add_image(self, attrs: dict[str, str | None], *, navigation: bool) -> None:
        raw = attrs.get("src")
        if not raw or raw.startswith("data:"):
            raw = attrs.get("data-src") or attrs.get("data-lazy-src") or raw
        src = self.resolve(raw)
        if src is None or not src.startswith("http"):
            return
        if len(self.images) >= self.config.max_links:
            self.truncated = True
            return
        self.images.append(Image(src=src, alt=clean_text(attrs.get("alt") or ""), navigation=navigation))

    def embedded(self, tag: str, attrs: dict[str, str | None], ctx: _Context) -> None:
        """Record documents shown inside the page (PDF viewers, old framesets) as links."""
        source = attrs.get("data") if tag == "object" else attrs.get("src")
        self.add_link(source, clean_text(attrs.get("title") or ""), navigation=ctx.navigation)

    def element(self, node: LexborNode, tag: str, attrs: dict[str, str | None], ctx: _Context) -> None:
        if tag in _CELLS:
            buffer = self.buffers[ctx.navigation]
            if buffer and "".join(buffer).strip():
                buffer.append(" | ")
        elif tag in _HEADINGS:
            raw = node.text(deep=True)
            text = clean_text(raw)
            if text:
                self.headings.append(Heading(level=_HEADINGS[tag], text=text, navigation=ctx.navigation))
                self.last_heading = (text, self.letters + len("".join(raw.split())))
        elif tag in {"a", "area"}:
            self.add_link(
                attrs.get("href"),
                _link_text(node, attrs),
                navigation=ctx.navigation,
                group=ctx.group,
                boxed=True,
                inert=not any(name in attrs for name in _SCRIPTED),
            )
        elif tag == "img":
            self.add_image(attrs, navigation=ctx.navigation)

    def walk(self, root: LexborNode, start: _Context, holders: frozenset[int]) -> None:
        stack: list[tuple[LexborNode, _Context, bool]] = [(root, start, True)]
        budget = self.config.max_html_nodes
        while stack:
            node, parent, entering = stack.pop()
            budget -= 1
            if budget < 0:
                self.truncated = True
                break
            tag = node.tag or ""
            if not entering:
                self.flush()
                continue
            if tag == "-text":
                text = node.text_content or ""
                self.buffers[parent.navigation].append(text)
                self.letters += len("".join(text.split()))
                continue
            if tag.startswith("-"):
                continue
            attrs = node.attributes
            if _hidden(attrs):
                continue
            if tag in _SKIPPED:
                if tag in {"iframe", "frame", "embed", "object"}:
                    self.embedded(tag, attrs, parent)
                continue
            if tag == "br" or tag == "hr":
                self.flush()
                continue
            ctx = _context_for(node, tag, attrs, parent, holders, by_class=self.by_class)
            if tag == "li":
                group = _group_label(node)
                if group:
                    ctx = replace(ctx, group=group)
            block = tag in _BLOCKS
            if block:
                self.flush()
                stack.append((node, ctx, False))
            self.element(node, tag, attrs, ctx)
            children: list[LexborNode] = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend((item, ctx, True) for item in reversed(children))
        self.flush()


def _group_label(item: LexborNode) -> str:
    """Return the label of a list entry that opens a list of its own (a drop-down menu): its text before that list.

    Empty for an entry without a nested list. The label is what a person reads before the entries unfold
    ("กฎระเบียบที่เกี่ยวข้อง ▾"), so it names the entries that have no telling name of their own. Only a short
    label in the entry's first few children counts, and the list is looked for a few levels down: a page that
    nests entries in entries costs no more than a menu does.
    """
    parts: list[str] = []
    elements = 0
    child = item.child
    while child is not None:
        tag = child.tag or ""
        if tag == "-text":
            parts.append(child.text_content or "")
        elif not tag.startswith("-"):
            if _holds_list(child, _GROUP_LIST_DEPTH):
                label = clean_text(" ".join(parts))
                return label if len(label) <= _MAX_GROUP_CHARS else ""
            elements += 1
            if elements > _GROUP_LABEL_ELEMENTS:
                return ""
            parts.append(child.text(deep=True))
        if sum(len(part) for part in parts) > 2 * _MAX_GROUP_CHARS:
            return ""
        child = child.next
    return ""


def _holds_list(node: LexborNode, depth: int) -> bool:
    """Return whether ``node`` is a list or holds one within ``depth`` levels (a drop-down's wrapper and panel)."""
    if node.tag in {"ul", "ol"}:
        return True
    if depth == 0:
        return False
    child = node.child
    while child is not None:
        tag = child.tag or ""
        if not tag.startswith("-") and _holds_list(child, depth - 1):
            return True
        child = child.next
    return False


def _link_text(node: LexborNode, attrs: dict[str, str | None]) -> str:
    text = clean_text(node.text(deep=True))
    if text:
        return text
    image = node.css_first("img[alt]")
    if image is not None:
        text = clean_text(image.attributes.get("alt") or "")
    return text or clean_text(attrs.get("aria-label") or attrs.get("title") or "")


def _depth_cut(text: str, max_depth: int) -> int | None:
    """Return where ``text`` first nests deeper than ``max_depth`` elements, or None.

    Lexbor's tree building slows down quadratically with nesting depth (200,000 nested
    ``<div>`` take minutes), so a page is cut before it gets that deep. The estimate counts
    start and end tags of elements that can hold children; it over-counts rather than under.
    """
    depth = 0
    for match in _TAG.finditer(text):
        if match.group(2).lower() in _FLAT_TAGS:
            continue
        if match.group(1):
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > max_depth:
            return match.start()
    return None


def _base_url(parser: LexborHTMLParser, url: str) -> str:
    base = parser.css_first("base[href]")
    href = (base.attributes.get("href") or "").translate(_URL_NOISE).strip() if base is not None else ""
    if not href:
        return url
    try:
        joined = urljoin(url, href)
    except ValueError:
        return url
    return joined if urlsplit(joined).scheme.lower() in {"http", "https"} else url


_BREADCRUMB: Final = (
    '[class*="breadcrumb" i], [id*="breadcrumb" i], [aria-label*="breadcrumb" i], [class*="crumb" i], '
    '[aria-label*="เส้นทาง"], [class*="navigator" i]'
)
_CRUMB_SEPARATORS: Final = re.compile(r"\s*(?:[>»›/|\\→]|::|-{1,2}>)\s*")
_MAX_CRUMBS: Final = 8


def _breadcrumb(parser: LexborHTMLParser) -> tuple[str, ...]:
    """Return the steps of the page's breadcrumb trail (outermost first), or () when it has none.

    Steps are the trail's list items or links, else its text split at the usual separators (">", "»", "/").
    """
    node = parser.css_first(_BREADCRUMB)
    if node is None:
        return ()
    steps = [clean_text(item.text(deep=True)) for item in node.css("li")]
    if not any(steps):
        links = [clean_text(link.text(deep=True)) for link in node.css("a")]
        whole = clean_text(node.text(deep=True))
        steps = [part for part in _CRUMB_SEPARATORS.split(whole) if part] if whole else links
    steps = [step for step in steps if step and len(step) <= 200]
    return tuple(steps[:_MAX_CRUMBS]) if len(steps) >= 1 else ()


def _form_kind(form: LexborNode) -> FormKind:
    """Tell a message form (a text box to write in and a way to send it) from search, sign-in and other forms."""
    inputs = [(node.attributes.get("type") or "text").strip().lower() for node in form.css("input")]
    names = " ".join((node.attributes.get("name") or "").lower() for node in form.css("input"))
    if "password" in inputs:
        return FormKind.LOGIN
    if form.css_first("textarea") is not None:
        return FormKind.MESSAGE
    role = (form.attributes.get("role") or "").lower()
    if role == "search" or "search" in inputs or re.search(r"\b(?:q|s|search|keyword|query)\b", names):
        return FormKind.SEARCH
    return FormKind.OTHER


def _forms(parser: LexborHTMLParser, walker: _Walker) -> tuple[Form, ...]:
    """Return the page's forms (at most 20) with what each is for and where it sends."""
    forms: list[Form] = []
    for node in parser.css("form")[:20]:
        if _hidden(node.attributes):
            continue
        raw = (node.attributes.get("action") or "").strip()
        action = "" if raw.startswith(("#", "javascript:")) else (walker.resolve(raw or walker.base_url) or "")
        forms.append(Form(kind=_form_kind(node), action=action))
    return tuple(forms)


def _walk(parser: LexborHTMLParser, base: str, config: ExtractConfig, *, by_class: bool) -> _Walker:
    """Walk the parsed page once, telling navigation from content (by markup, and by class words if asked)."""
    walker = _Walker(base_url=base, config=config, by_class=by_class)
    refresh = _meta_refresh(parser)
    if refresh:
        walker.add_link(refresh, "", navigation=False)
    root = parser.root
    if root is not None:
        has_main = parser.css_first("main, [role=main]") is not None
        walker.walk(root, _Context(navigation=has_main, inside_content=False), _content_holders(parser))
    return walker


def _class_swallowed_the_page(walker: _Walker) -> bool:
    """Return whether class words made (nearly) the whole page navigation: no page is all menu."""
    content, navigation = len(walker.content.text()), len(walker.navigation.text())
    return walker.by_class and navigation > 400 and content < 0.15 * navigation


def _meta_refresh(parser: LexborHTMLParser) -> str | None:
    for meta in parser.css("meta[http-equiv]"):
        if (meta.attributes.get("http-equiv") or "").strip().lower() == "refresh":
            match = _REFRESH_URL.search(meta.attributes.get("content") or "")
            if match:
                return match.group(1).strip()
    return None


def extract_html(document: Document, config: ExtractConfig) -> Extracted:
    """Return the text, headings, links and images of an HTML page; never raise.

    Decode with the declared charset, ``<meta charset>``, a BOM or the Thai-aware fallback
    (see :mod:`.charset`), drop scripts, styles and hidden elements, and split navigation from
    content. Relative links resolve against ``<base href>`` and the page URL.
    """
    problems: list[Problem] = []
    body = document.body
    if len(body) > config.max_html_bytes:
        body = body[: config.max_html_bytes]
        problems.append(Problem.TOO_LARGE)
    decoded = decode_html(body, declared=document.charset, prescan_bytes=config.meta_prescan_bytes)
    if decoded.had_errors:
        problems.append(Problem.DECODE_ERROR)
    text = _SELECT_TAG.sub(r"<\1x-select", decoded.text.replace("\x00", "\ufffd"))
    cut = _depth_cut(text, config.max_html_depth)
    if cut is not None:
        text = text[:cut]
        problems.append(Problem.TOO_DEEP)
    parser = LexborHTMLParser(text)
    root = parser.root
    html_node = parser.css_first("html")
    language = ((html_node.attributes.get("lang") or "") if html_node is not None else "").strip()
    title_node = parser.css_first("title")
    title = clean_text(title_node.text(deep=True)) if title_node is not None else ""
    base = _base_url(parser, document.url)
    walker = _walk(parser, base, config, by_class=True)
    if _class_swallowed_the_page(walker):
        # A wrapper whose class reads like a menu ("navbar", "header-wrapper") holds the whole page: the
        # class words mislead here, so only the page's own markup (nav, header, footer, aside) says what
        # navigation is.
        walker = _walk(parser, base, config, by_class=False)
    if not title:
        title = next((heading.text for heading in walker.headings if heading.level == 1), "")
    breadcrumb = _breadcrumb(parser) if root is not None else ()
    forms = _forms(parser, walker) if root is not None else ()
    if walker.truncated or walker.content.truncated or walker.navigation.truncated:
        problems.append(Problem.TRUNCATED)
    return Extracted(
        kind=Kind.HTML,
        url=document.url,
        title=title,
        text=walker.content.text(),
        navigation_text=walker.navigation.text(),
        headings=tuple(walker.headings),
        links=tuple(walker.links),
        images=tuple(walker.images),
        breadcrumb=breadcrumb,
        forms=forms,
        language=language[:35],
        encoding=decoded.encoding,
        problems=tuple(problems),
    )
