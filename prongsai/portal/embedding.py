"""What a unit's own website shows of its Prongsai section: the link badge and the framing policy.

The badge is an SVG image a unit links from its website. Its wording follows the reader's
language, its colour the unit's worst state (missing beats overdue beats all current), and
every colour pair keeps at least the WCAG AA contrast of 4.5:1 for normal text.
"""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .selectors import PublicState, PublicUnitPage

# The same policy as every page, except that any site may put the embed page in a frame.
EMBED_FRAME_ANCESTORS = ["*"]

# A badge needs nothing at all: no script, no style sheet, no font, no frame.
BADGE_CSP: dict[str, list[str]] = {
    "default-src": ["'none'"],
    "script-src": ["'none'"],
    "frame-ancestors": ["'none'"],
}


class BadgeTone(StrEnum):
    """The colour of a badge, from the unit's worst state."""

    CURRENT = "current"  # every item published and within its review period
    OVERDUE = "overdue"  # everything published, but some past their review date
    MISSING = "missing"  # some items not yet published


# (background, text) per part of the badge; white on each background is at least 4.5:1.
BADGE_COLOURS: dict[str, tuple[str, str]] = {
    "label": ("#333d4c", "#ffffff"),
    BadgeTone.CURRENT: ("#0f5a36", "#ffffff"),
    BadgeTone.OVERDUE: ("#8a4a00", "#ffffff"),
    BadgeTone.MISSING: ("#9c1519", "#ffffff"),
}

# Approximate advance of one spacing character at the badge's 11 px text size.
_CHAR_WIDTH = 6.2
_PADDING = 8
_HEIGHT = 20


@dataclass(frozen=True)
class Badge:
    """A badge ready to be drawn: its two texts, the longer accessible title and the geometry."""

    label: str
    message: str
    title: str
    tone: BadgeTone
    label_width: int
    message_width: int

    @property
    def width(self) -> int:
        return self.label_width + self.message_width

    @property
    def height(self) -> int:
        return _HEIGHT

    @property
    def label_colours(self) -> tuple[str, str]:
        return BADGE_COLOURS["label"]

    @property
    def message_colours(self) -> tuple[str, str]:
        return BADGE_COLOURS[self.tone]

    @property
    def label_x(self) -> int:
        return _PADDING

    @property
    def message_x(self) -> int:
        return self.label_width + _PADDING

    @property
    def label_text_width(self) -> int:
        return self.label_width - 2 * _PADDING

    @property
    def message_text_width(self) -> int:
        return self.message_width - 2 * _PADDING


def badge_tone(counts: dict[PublicState, int]) -> BadgeTone:
    """Return the badge colour for a unit's item counts; a missing item outweighs an overdue one."""
    if counts.get(PublicState.MISSING, 0):
        return BadgeTone.MISSING
    if counts.get(PublicState.OVERDUE, 0):
        return BadgeTone.OVERDUE
    return BadgeTone.CURRENT


def text_width(text: str) -> int:
    """Estimate the drawn width of a text in pixels, ignoring Thai marks that sit above or below a letter."""
    spacing = sum(1 for char in text if unicodedata.category(char) not in ("Mn", "Me", "Cf"))
    return round(spacing * _CHAR_WIDTH)


def badge_for(page: PublicUnitPage) -> Badge:
    """Return the badge of a unit page in the active language."""
    counts = page.counts
    total = sum(counts.values())
    published = total - counts[PublicState.MISSING]
    label = _("Prongsai")
    message = _("%(published)s of %(total)s items published") % {"published": published, "total": total}
    tone = badge_tone(counts)
    states = {
        BadgeTone.CURRENT: _("all current"),
        BadgeTone.OVERDUE: _("%(count)s past their review date") % {"count": counts[PublicState.OVERDUE]},
        BadgeTone.MISSING: _("%(count)s not yet published") % {"count": counts[PublicState.MISSING]},
    }
    title = _("%(label)s · %(message)s (%(state)s) — %(unit)s") % {
        "label": label,
        "message": message,
        "state": states[tone],
        "unit": page.organization.name(translation.get_language() or "th"),
    }
    return Badge(
        label=label,
        message=message,
        title=title,
        tone=tone,
        label_width=text_width(label) + 2 * _PADDING,
        message_width=text_width(message) + 2 * _PADDING,
    )


def badge_svg(badge: Badge) -> str:
    """Draw a badge as an SVG document; the template escapes every text it places."""
    return render_to_string("portal/badge.svg", {"badge": badge})


@dataclass(frozen=True)
class ShareLinks:
    """The absolute addresses and ready-to-paste HTML a unit needs to carry its section on its own website."""

    unit_url: str
    embed_url: str
    badge_url: str
    export_url: str
    iframe_snippet: str
    badge_snippet: str
    item_urls: list[tuple[str, str, str]]  # (code, name in the active language, absolute address)


def share_links(*, page: PublicUnitPage, absolute: Callable[[str], str]) -> ShareLinks:
    """Return the share page's addresses and snippets; `absolute` turns a path into a full URL (from the request).

    The snippets are rendered by templates, so every value in them is escaped once for HTML; the
    page then shows them escaped again inside <pre><code>, as text to copy.
    """
    organization = page.organization
    language = translation.get_language() or "th"
    slug = organization.slug
    urls = {
        "unit_url": absolute(reverse("portal:unit", args=[slug])),
        "embed_url": absolute(reverse("portal:embed", args=[slug])),
        "badge_url": absolute(reverse("portal:badge", args=[slug])),
        "export_url": absolute(reverse("portal:export", args=[slug])),
    }
    context = {**urls, "unit_name": organization.name(language)}
    return ShareLinks(
        **urls,
        iframe_snippet=render_to_string("portal/snippets/iframe.html", context).strip(),
        badge_snippet=render_to_string("portal/snippets/badge.html", context).strip(),
        item_urls=[
            (
                entry.item.code,
                entry.item.name(language) or entry.item.name_th,
                absolute(reverse("portal:item", args=[slug, entry.item.code])),
            )
            for entry in page.items
        ],
    )
