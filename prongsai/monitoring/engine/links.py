"""Where a crawl goes next: links found in an HTML page, and URLs listed in XML sitemaps.

Both read untrusted bytes, so both are bounded: link extraction looks only at
HTML answers, and sitemaps are parsed with lxml with entity resolution, DTD
loading and network access switched off (no billion-laughs, no XXE), after a
gzip sitemap is inflated only up to a byte cap.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree
from selectolax.lexbor import LexborHTMLParser, LexborNode

from prongsai.monitoring.engine.fetch import FetchResult

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Types a misconfigured server sends for anything (a CMS page served as a download): judged by content.
UNTELLING_TYPES = frozenset({"application/octet-stream", "binary/octet-stream", "application/unknown", "text/plain"})
LINK_SELECTOR = "a[href], area[href], iframe[src], frame[src], link[rel~=alternate][href]"

LinkExtractor = Callable[[FetchResult], list[tuple[str, str]]]
"""Return the absolute URLs a fetched page links to, each with its anchor text; the crawler filters and
canonicalises them, and fetches first those whose text names something it looks for.

Any callable of this shape can replace :func:`extract_links_html` (the
extraction engine's own parser, for example, when it already parsed the page).
"""


def is_html(result: FetchResult) -> bool:
    """Say whether a result is an HTML page: by its type, or by its first bytes when the type tells nothing."""
    if result.content_type is not None and result.content_type not in UNTELLING_TYPES:
        return result.content_type in HTML_TYPES
    head = result.body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def extract_links_html(result: FetchResult) -> list[tuple[str, str]]:
    """Return the link targets of an HTML page (``a``, ``area``, ``iframe``, ``frame``, ``link rel=alternate``),
    each with its text (an image link's alternative text; "" for frames).

    Relative targets are resolved against ``<base href>`` when the page has
    one, else against the page's final URL. Non-HTML answers have no links.
    """
    if not result.body or not is_html(result):
        return []
    tree = LexborHTMLParser(result.body)
    base = result.final_url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        base = urljoin(base, (base_node.attributes.get("href") or "").strip())
    links: list[tuple[str, str]] = []
    for node in tree.css(LINK_SELECTOR):
        attribute = "src" if node.tag in ("iframe", "frame") else "href"
        target = (node.attributes.get(attribute) or "").strip()
        if target and not target.startswith("#"):
            try:
                links.append((urljoin(base, target), _anchor_text(node)))
            except ValueError:
                continue
    return links


def _anchor_text(node: LexborNode) -> str:
    """Return what a link says: its text, else its picture's alternative text, else its title."""
    text = " ".join(node.text(deep=True).split())
    if not text:
        image = node.css_first("img[alt]")
        text = (image.attributes.get("alt") or "") if image is not None else ""
    return (text or node.attributes.get("title") or "").strip()[:200]


@dataclass
class SitemapContent:
    """What one sitemap file lists: page URLs, nested sitemap URLs, and whether it was cut or unreadable."""

    urls: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    truncated: bool = False
    error: str = ""


def _inflate(data: bytes, max_bytes: int) -> tuple[bytes, bool]:
    """Inflate a gzip body up to ``max_bytes``; return the bytes and whether more was left."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes)
    except zlib.error:
        return b"", False
    return out, bool(inflater.unconsumed_tail)


def parse_sitemap(body: bytes, *, max_bytes: int, max_urls: int) -> SitemapContent:
    """Parse an XML sitemap or sitemap index (gzip or plain) or a plain-text URL list, safely and within limits."""
    content = SitemapContent()
    if body[:2] == b"\x1f\x8b":
        body, content.truncated = _inflate(body, max_bytes)
    body = body[:max_bytes]
    stripped = body.lstrip()
    if not stripped.startswith(b"<"):
        for line in stripped.decode("utf-8", errors="replace").splitlines()[:max_urls]:
            if line.strip().startswith(("http://", "https://")):
                content.urls.append(line.strip())
        return content
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, recover=True
    )
    try:
        root = etree.fromstring(stripped, parser=parser)
    except etree.XMLSyntaxError as exc:
        content.error = str(exc)
        return content
    if root is None:
        content.error = "empty document"
        return content
    for element in root.iter("{*}loc"):
        parent = element.getparent()
        text = (element.text or "").strip()
        if parent is None or not text:
            continue
        kind = etree.QName(parent).localname
        target = content.sitemaps if kind == "sitemap" else content.urls if kind == "url" else None
        if target is not None:
            target.append(text)
        if len(content.urls) + len(content.sitemaps) >= max_urls:
            content.truncated = True
            break
    return content
