"""Sanitise editors' rich text: keep structure and links, drop scripts, styles and event handlers."""

import html
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote",
    "h2", "h3", "h4", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "caption", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}


def sanitize_html(value: str) -> str:
    """Return the HTML with only the allowed tags, attributes and http(s)/mailto/tel links left."""
    cleaned = nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned.strip()


def html_to_text(value: str) -> str:
    """Return the visible text of sanitised HTML, one block per line (for diffs and emptiness checks)."""
    with_breaks = re.sub(r"(?i)<\s*(br|/p|/li|/h[2-4]|/tr|/blockquote)\s*/?>", "\n", value or "")
    text = html.unescape(re.sub(r"<[^>]+>", "", with_breaks))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
