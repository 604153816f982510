"""Decide, per checklist item, whether a crawled site carries it: found, partial or not found. Pure: no Django.

:mod:`.summary` reduces every fetched response to what the classifier keeps; :mod:`.labels` reads which item
a label names; :mod:`.site` compares a site's pages (template, own content, real titles, inbound labels);
:mod:`.judge` judges each item; :mod:`.findings` gives the site-level findings.
"""

from prongsai.monitoring.engine.classify.config import ClassifyConfig
from prongsai.monitoring.engine.classify.findings import site_findings
from prongsai.monitoring.engine.classify.judge import classify_site, current_for, documents_to_read
from prongsai.monitoring.engine.classify.labels import CrosswalkCodes, LabelReader
from prongsai.monitoring.engine.classify.summary import (
    ImageSummary,
    LinkSummary,
    PageSummary,
    page_key,
    summarize,
    summary_index,
)

__all__ = [
    "ClassifyConfig",
    "CrosswalkCodes",
    "ImageSummary",
    "LabelReader",
    "LinkSummary",
    "PageSummary",
    "classify_site",
    "current_for",
    "documents_to_read",
    "page_key",
    "site_findings",
    "summarize",
    "summary_index",
]
