"""Site-level findings: HTTPS, a sitemap, broken links, a search form, privacy and website policies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from prongsai.monitoring.engine.classify.config import ClassifyConfig
from prongsai.monitoring.engine.classify.labels import fold
from prongsai.monitoring.engine.classify.summary import PageSummary, page_key
from prongsai.monitoring.engine.extract.model import DEAD_END

__all__ = ["site_findings"]


def site_findings(
    start_url: str,
    pages: Mapping[str, PageSummary],
    *,
    sitemaps: Sequence[str] = (),
    config: ClassifyConfig | None = None,
) -> dict[str, Any]:
    """Return the site-level findings: HTTPS, sitemap, broken links, a search form, privacy and website policies."""
    cfg = config or ClassifyConfig()
    broken = sorted({p.url for p in pages.values() if p.dead})

    def policy(phrases: tuple[str, ...]) -> str | None:
        folded = tuple(fold(p) for p in phrases)
        for page in pages.values():
            if page.ok and any(f in fold(page.title) for f in folded):
                return page.url
        for page in pages.values():
            for link in page.links:
                if link.url != DEAD_END and any(f in fold(link.text) for f in folded):
                    target = pages.get(page_key(link.url))
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
