"""What the monitor's pages say about what the selectors read: sentences in Thai and English, and the score chart.

Pure presentation: nothing here queries the database; each function takes what a selector returned.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prongsai.thaidate import format_english_date, format_thai_date

from .models import ItemFinding, ItemStatusChoices, SiteCheck
from .selectors import FindingChange, RoundScore


@dataclass(frozen=True)
class ChangeNote:
    """How one item's finding changed between two checks, said in Thai and English."""

    code: str
    text_th: str
    text_en: str


def _label(status: str, language: str) -> str:
    with translation.override(language):
        return str(ItemStatusChoices(status).label)


def _evidence_note(finding: ItemFinding) -> str:
    """Say " (HTTP 404)" when every evidence address of the finding answered with an error."""
    statuses = [e.get("http_status") for e in finding.evidence if e.get("http_status")]
    if statuses and all(int(s) >= 400 for s in statuses):
        return f" (HTTP {statuses[0]})"
    return ""


def _currency_words(current: bool | None) -> tuple[str, str]:
    """Name a finding's currency in Thai and English; an unknown date is neither current nor out of date."""
    if current is True:
        return "เป็นปัจจุบัน", "current"
    if current is False:
        return "ไม่เป็นปัจจุบัน", "out of date"
    return "ไม่ทราบวันที่", "of unknown date"


def change_notes(changes: Sequence[FindingChange], *, previous: SiteCheck) -> list[ChangeNote]:
    """Say how each changed finding moved since the previous check, in Thai and English.

    For example "5.1.7.3 was found on 12 May 2026, now not found (HTTP 404)".
    """
    seen = timezone.localdate(previous.finished_at) if previous.finished_at else None
    seen_th = format_thai_date(seen) if seen else ""
    seen_en = format_english_date(seen) if seen else ""
    notes = []
    for change in changes:
        old, after = change.before, change.after
        note = _evidence_note(after)
        if old is None:
            text_th = f"{after.item.code} ตรวจครั้งแรก: {_label(after.status, 'th')}{note}"
            text_en = f"{after.item.code} checked for the first time: {_label(after.status, 'en').lower()}{note}"
        elif old.status != after.status:
            text_th = (
                f"{after.item.code} เมื่อ {seen_th} ผลคือ{_label(old.status, 'th')} ครั้งนี้{_label(after.status, 'th')}{note}"
            )
            text_en = (
                f"{after.item.code} was {_label(old.status, 'en').lower()} on {seen_en}, "
                f"now {_label(after.status, 'en').lower()}{note}"
            )
        else:
            was_th, was_en = _currency_words(old.current)
            now_th, now_en = _currency_words(after.current)
            text_th = f"{after.item.code} เมื่อ {seen_th} ข้อมูล{was_th} ครั้งนี้{now_th}"
            text_en = f"{after.item.code} was {was_en} on {seen_en}, now {now_en}"
        notes.append(ChangeNote(change.code, text_th, text_en))
    return notes


# --- site-level findings ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteFindingRow:
    """One site-level finding as the unit page shows it: what was checked, whether it passed, how to fix it."""

    key: str
    label: str
    passed: bool
    detail: str
    fix: str
    urls: tuple[str, ...] = ()


def site_finding_rows(site_findings: Mapping[str, Any]) -> list[SiteFindingRow]:
    """Explain the classifier's site-level findings in the current language, in a fixed order.

    A check recorded before a finding existed simply lacks it, so only the keys present are shown.
    """
    rows: list[SiteFindingRow] = []
    if "https" in site_findings:
        secure = bool(site_findings["https"])
        rows.append(
            SiteFindingRow(
                "https",
                _("Secure connection (HTTPS)"),
                secure,
                _("The site is served over HTTPS.") if secure else _("The site is served over plain HTTP."),
                "" if secure else _("Install a TLS certificate and redirect every http:// address to https://."),
            )
        )
    if "broken_links" in site_findings:
        broken = int(site_findings.get("broken_links") or 0)
        rows.append(
            SiteFindingRow(
                "broken_links",
                _("Broken links"),
                broken == 0,
                ngettext(
                    "%(n)s page or document could not be opened.",
                    "%(n)s pages or documents could not be opened.",
                    broken,
                )
                % {"n": broken}
                if broken
                else _("Every page and document the check followed opened."),
                _("Fix or remove the links below; re-upload documents that were moved or deleted.") if broken else "",
                tuple(str(url) for url in site_findings.get("broken_urls") or ()),
            )
        )
    if "sitemap" in site_findings:
        present = bool(site_findings["sitemap"])
        rows.append(
            SiteFindingRow(
                "sitemap",
                _("Sitemap"),
                present,
                _("The site publishes a sitemap.") if present else _("No sitemap was found."),
                ""
                if present
                else _("Publish /sitemap.xml listing every page and document, and name it in robots.txt."),
            )
        )
    if "search" in site_findings:
        present = bool(site_findings["search"])
        rows.append(
            SiteFindingRow(
                "search",
                _("Search"),
                present,
                _("The site has a search box.") if present else _("No search box was found on the site's pages."),
                "" if present else _("Add a search box to every page so visitors can find published information."),
            )
        )
    for key, label, missing_fix in (
        (
            "privacy_policy",
            _("Privacy policy"),
            _("Publish a personal data protection (privacy) policy page and link it from every page's footer."),
        ),
        (
            "website_policy",
            _("Website policy"),
            _("Publish a website policy page and link it from every page's footer."),
        ),
    ):
        if key in site_findings:
            address = site_findings[key]
            rows.append(
                SiteFindingRow(
                    key,
                    label,
                    bool(address),
                    _("Found.") if address else _("Not found."),
                    "" if address else missing_fix,
                    (str(address),) if address else (),
                )
            )
    return rows


# --- score history as a small chart -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str
    score: float


@dataclass(frozen=True)
class ScoreChart:
    """Coordinates of an inline SVG line chart of scores per round (0–100 upwards), ready to draw."""

    width: int
    height: int
    points: list[ChartPoint]
    gridlines: list[tuple[float, int]]

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:g},{point.y:g}" for point in self.points)


def score_chart(history: list[RoundScore], *, width: int = 480, height: int = 160, language: str = "th") -> ScoreChart:
    """Place each round's score on a chart: rounds evenly left to right, 0–100 bottom to top.

    Rounds without a score are left out of the line (the table beside the chart lists them).
    """
    left, right, top, bottom = 36.0, 12.0, 10.0, 24.0
    scored = [row for row in history if row.score is not None]
    span = max(1, len(scored) - 1)
    plot_width = width - left - right
    plot_height = height - top - bottom
    points = []
    for index, row in enumerate(scored):
        assert row.score is not None
        x = left + (plot_width * index / span if len(scored) > 1 else plot_width / 2)
        y = top + plot_height * (1 - row.score / 100)
        label = row.round.label_en if language == "en" else row.round.label_th
        points.append(ChartPoint(round(x, 1), round(y, 1), label, row.score))
    grid = [(round(top + plot_height * (1 - value / 100), 1), value) for value in (0, 50, 100)]
    return ScoreChart(width, height, points, grid)
