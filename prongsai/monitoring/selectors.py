"""Reads of the monitor: the latest findings with overrides applied, the changes since the last check, score history.

Each selector issues a fixed number of queries whatever the number of findings or checks.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Sum, When, Window
from django.db.models.functions import DenseRank, ExtractMonth, ExtractYear, RowNumber
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prongsai.disclosures.selectors import UnitRow, thai_sorted
from prongsai.organizations.access import AccessScope, Capability
from prongsai.organizations.models import Organization
from prongsai.thaidate import ReportingRound, format_english_date, format_thai_date
from prongsai.thaitext import normalize_thai

from .engine.evidence import EvidenceRecord, evidence_at, phrase_segments
from .engine.extract import Document, extract
from .engine.extract.charset import decode_html
from .models import FindingOverride, ItemFinding, ItemStatusChoices, SiteCheck
from .outcome import ItemStatus
from .scoring import ScoreRule, round_of


@dataclass(frozen=True)
class EffectiveFinding:
    """A finding as reports show it: the monitor's override while it lasts, else the machine's."""

    finding: ItemFinding
    status: ItemStatus
    current: bool | None
    override: FindingOverride | None

    @property
    def overridden(self) -> bool:
        return self.override is not None


def effective_finding(finding: ItemFinding, today: dt.date) -> EffectiveFinding:
    """Apply the newest override that has not lapsed (load the finding with its overrides prefetched, newest first)."""
    for override in finding.overrides.all():
        if override.expires_on > today:
            return EffectiveFinding(finding, ItemStatus(override.status), override.current, override)
        break
    return EffectiveFinding(finding, ItemStatus(finding.status), finding.current, None)


def _findings_of(site_check: SiteCheck) -> list[ItemFinding]:
    overrides = Prefetch(
        "overrides", queryset=FindingOverride.objects.select_related("created_by").order_by("-created_at", "-id")
    )
    return list(site_check.findings.select_related("item").prefetch_related(overrides).order_by("item__position"))


@dataclass(frozen=True)
class UnitMonitorSummary:
    """A unit's latest finished check, its findings as reports show them, and the score they give."""

    check: SiteCheck
    findings: list[EffectiveFinding]
    score: float | None


def unit_monitor_summary(*, organization: Organization, today: dt.date) -> UnitMonitorSummary | None:
    """Return the unit's latest finished check with overrides applied (three queries), or None if never checked."""
    latest = (
        SiteCheck.objects.filter(organization=organization, state=SiteCheck.State.DONE)
        .order_by("-finished_at", "-id")
        .first()
    )
    if latest is None:
        return None
    findings = [effective_finding(f, today) for f in _findings_of(latest)]
    score = ScoreRule().site((f.finding.item.weight, f.status, f.current) for f in findings)
    return UnitMonitorSummary(latest, findings, score)


def unit_checks_recent(*, organization: Organization, limit: int = 10) -> list[SiteCheck]:
    """Return the unit's most recent checks of any state, newest first (one query)."""
    return list(SiteCheck.objects.filter(organization=organization).order_by("-queued_at", "-id")[:limit])


def check_before(site_check: SiteCheck) -> SiteCheck | None:
    """Return the finished check of the same website just before this one, to compare with (one query)."""
    if site_check.finished_at is None:
        return None
    return (
        SiteCheck.objects.filter(
            organization_id=site_check.organization_id,
            url=site_check.url,
            state=SiteCheck.State.DONE,
            finished_at__lt=site_check.finished_at,
        )
        .order_by("-finished_at", "-id")
        .first()
    )


@dataclass(frozen=True)
class FindingChange:
    """How one item's finding changed between two checks, said in Thai and English."""

    code: str
    before: ItemFinding | None
    after: ItemFinding
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


def check_changes(*, previous: SiteCheck, current: SiteCheck) -> list[FindingChange]:
    """List the items whose finding or currency changed between two checks of a site.

    For example "5.1.7.3 was found on 12 May 2026, now not found (HTTP 404)" (two queries per check).
    """
    before = {f.item.code: f for f in _findings_of(previous)}
    seen = timezone.localdate(previous.finished_at) if previous.finished_at else None
    seen_th = format_thai_date(seen) if seen else ""
    seen_en = format_english_date(seen) if seen else ""
    changes = []
    for after in _findings_of(current):
        old = before.get(after.item.code)
        if old is not None and (old.status, old.current) == (after.status, after.current):
            continue
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
        changes.append(FindingChange(after.item.code, old, after, text_th, text_en))
    return changes


@dataclass(frozen=True)
class RoundScore:
    """A unit's score in one reporting round: that of the round's last finished check."""

    round: ReportingRound
    check: SiteCheck
    score: float | None


def unit_score_history(*, organization: Organization) -> list[RoundScore]:
    """Return the unit's score per reporting round, oldest first, from its finished checks (one query)."""
    latest: dict[ReportingRound, SiteCheck] = {}
    checks = SiteCheck.objects.filter(organization=organization, state=SiteCheck.State.DONE).order_by(
        "finished_at", "id"
    )
    for site_check in checks:
        assert site_check.finished_at is not None  # a done check has its times (database constraint)
        latest[round_of(timezone.localdate(site_check.finished_at))] = site_check
    return [
        RoundScore(period, check, float(check.score) if check.score is not None else None)
        for period, check in sorted(latest.items())
    ]


# --- evidence: the page as it was at a check --------------------------------------------------------------------------


def check_evidence_path(site_check: SiteCheck) -> Path | None:
    """Return the check's WARC file when it has one on disk (a relative path lies under the evidence root)."""
    if not site_check.evidence_path:
        return None
    path = Path(site_check.evidence_path)
    if not path.is_absolute():
        path = Path(settings.PRONGSAI_MONITOR_EVIDENCE_ROOT) / path
    return path if path.is_file() else None


# Media types shown inside the page (in a sandbox); everything else is offered as a download.
_SHOWN_INLINE = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
# Extracted text shown under the page, enough for any finding's phrases; the rest is cut.
EVIDENCE_TEXT_CHARS = 60_000


@dataclass(frozen=True)
class EvidencePage:
    """One archived answer of a check, with what the metadata page shows about it."""

    check: SiteCheck
    record: EvidenceRecord
    fetched_at: dt.datetime | None
    content_type: str
    phrases: tuple[str, ...]
    segments: list[tuple[str, bool]]
    text_cut: bool

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def shown_inline(self) -> bool:
        return self.record.status is not None and self.media_type in _SHOWN_INLINE

    @property
    def size(self) -> int:
        return len(self.record.body)

    @property
    def matches(self) -> int:
        return sum(1 for _, matched in self.segments if matched)


def _header(record: EvidenceRecord, name: str) -> str:
    return next((value for key, value in record.headers if key.lower() == name), "")


def _charset(content_type: str) -> str | None:
    """Return the charset parameter of a Content-Type value, or None."""
    for parameter in content_type.split(";")[1:]:
        key, _sep, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip('"'):
            return value.strip().strip('"')
    return None


def _warc_moment(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def _phrases_for(site_check: SiteCheck, url: str) -> tuple[str, ...]:
    """Collect the phrases the check matched on this URL, over every item it is evidence for (one query)."""
    phrases: dict[str, None] = {}
    for evidence in site_check.findings.values_list("evidence", flat=True):
        for entry in evidence or ():
            if entry.get("url") == url:
                phrases.update(dict.fromkeys(str(p) for p in entry.get("phrases") or ()))
    return tuple(phrases)


def evidence_record(*, site_check: SiteCheck, url: str) -> EvidenceRecord | None:
    """Return the check's archived answer for ``url``, or None when the check kept no evidence or not this URL."""
    path = check_evidence_path(site_check)
    return evidence_at(path, url) if path is not None else None


def evidence_page(*, site_check: SiteCheck, url: str) -> EvidencePage | None:
    """Return the archived answer for ``url`` with its text and the phrases the check matched there, or None.

    The WARC is read through its URL index (one seek, not a scan); the text comes from the same
    extractors the check used, so the marked phrases are those the classifier saw.
    """
    record = evidence_record(site_check=site_check, url=url)
    if record is None:
        return None
    phrases = _phrases_for(site_check, url)
    content_type = _header(record, "content-type")
    text = ""
    if record.status is not None and record.body:
        media = content_type.split(";", 1)[0].strip()
        document = Document(
            url=record.url, content_type=media or None, charset=_charset(content_type), body=record.body
        )
        text = extract(document).text
    cut = len(text) > EVIDENCE_TEXT_CHARS
    return EvidencePage(
        check=site_check,
        record=record,
        fetched_at=_warc_moment(record.fetched_at),
        content_type=content_type,
        phrases=phrases,
        segments=phrase_segments(text[:EVIDENCE_TEXT_CHARS], phrases),
        text_cut=cut,
    )


def evidence_html(record: EvidenceRecord) -> str:
    """Return an archived HTML body as text, decoded as the check decoded it (legacy Thai charsets included)."""
    return decode_html(record.body, declared=_charset(_header(record, "content-type"))).text


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


# --- the department overview ------------------------------------------------------------------------------------------


class ScoreBand(StrEnum):
    """Bands of a unit's latest score, for filtering the overview."""

    HIGH = "high"  # 80 and above
    MIDDLE = "middle"  # 50 up to 80
    LOW = "low"  # below 50
    UNCHECKED = "unchecked"  # no finished check, or no score

    @classmethod
    def of(cls, score: float | None) -> "ScoreBand":
        """Return the band a score falls in."""
        if score is None:
            return cls.UNCHECKED
        if score >= 80:
            return cls.HIGH
        if score >= 50:
            return cls.MIDDLE
        return cls.LOW


@dataclass(frozen=True)
class LatestCheck:
    pk: int
    url: str
    finished_at: dt.datetime


@dataclass(frozen=True)
class CheckRun:
    """A unit's newest check when it has not finished well: queued, running or failed (with why)."""

    state: str
    error: str
    queued_at: dt.datetime

    @property
    def label(self) -> str:
        return str(SiteCheck.State(self.state).label)


@dataclass(frozen=True)
class OverviewRow:
    """One unit in the overview: its latest finished check, score, trend and counts, and any check under way."""

    organization: UnitRow
    check: LatestCheck | None
    score: float | None
    previous_score: float | None
    counts: dict[ItemStatus, int]
    not_current: int
    run: CheckRun | None

    @property
    def trend(self) -> float | None:
        """Return the change against the previous round checked (positive is better), or None."""
        if self.score is None or self.previous_score is None:
            return None
        return round(self.score - self.previous_score, 1)

    @property
    def trend_direction(self) -> str:
        """Say "up", "down" or "same" against the previous round, or "" when there is nothing to compare."""
        trend = self.trend
        if trend is None:
            return ""
        return "up" if trend > 0 else "down" if trend < 0 else "same"

    @property
    def trend_size(self) -> float | None:
        return abs(self.trend) if self.trend is not None else None

    @property
    def band(self) -> ScoreBand:
        return ScoreBand.of(self.score)


@dataclass(frozen=True)
class MonitorOverview:
    rows: list[OverviewRow]
    unit_count: int
    bands: dict[ScoreBand, int]
    page: int = 1
    page_count: int = 1


OVERVIEW_PAGE_SIZE = 50


def _round_key() -> Case:
    """Number the reporting round a check finished in (local time), in order: six-month, then twelve-month.

    The same rounds as `scoring.round_of`, computed by the database so one query can keep the
    last check of each unit's last two rounds.
    """
    year = F("finished_year")
    return Case(
        When(finished_month__gte=10, then=(year + 1) * 2),
        When(finished_month__lte=3, then=year * 2),
        default=year * 2 + 1,
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class _RoundCheck:
    check: LatestCheck
    score: float | None


def _last_two_rounds(organizations: QuerySet[Organization] | list[int]) -> dict[int, list[_RoundCheck]]:
    """Return, per organization, the last finished check of each of its last two rounds, newest first (one query)."""
    checks = (
        SiteCheck.objects.filter(state=SiteCheck.State.DONE, organization__in=organizations)
        .annotate(finished_year=ExtractYear("finished_at"), finished_month=ExtractMonth("finished_at"))
        .annotate(round_key=_round_key())
        .annotate(
            last_in_round=Window(
                RowNumber(),
                partition_by=[F("organization_id"), F("round_key")],
                order_by=[F("finished_at").desc(), F("id").desc()],
            ),
            round_rank=Window(DenseRank(), partition_by=[F("organization_id")], order_by=F("round_key").desc()),
        )
        .filter(last_in_round=1, round_rank__lte=2)
        .order_by("organization_id", "round_rank")
    )
    found: dict[int, list[_RoundCheck]] = defaultdict(list)
    for organization_id, pk, url, finished_at, score in checks.values_list(
        "organization_id", "id", "url", "finished_at", "score"
    ):
        assert finished_at is not None  # a done check has its times (database constraint)
        found[organization_id].append(
            _RoundCheck(LatestCheck(pk, url, finished_at), float(score) if score is not None else None)
        )
    return found


def _effective_tallies(
    check_ids: list[int], today: dt.date
) -> dict[int, dict[tuple[str, bool | None], tuple[int, float]]]:
    """Tally each check's findings by (status, current) with their weight, overrides applied (two queries).

    Overrides are few and lapse at the next round, so the active ones are read whole and matched
    here rather than joined into the tally.
    """
    tallies: dict[int, dict[tuple[str, bool | None], tuple[int, float]]] = defaultdict(dict)
    wanted = set(check_ids)
    rows = (
        ItemFinding.objects.filter(site_check_id__in=check_ids)
        .values("site_check_id", "status", "current")
        .annotate(n=Count("id"), weight=Sum("item__weight"))
        .values_list("site_check_id", "status", "current", "n", "weight")
    )
    for check_id, status, current, n, weight in rows:
        tallies[check_id][(status, current)] = (n, float(weight or 0))
    newest: dict[int, tuple[int, float, str, bool | None, str, bool | None]] = {}
    overrides = (
        FindingOverride.objects.filter(expires_on__gt=today)
        .order_by("-created_at", "-id")
        .values_list(
            "finding_id",
            "finding__site_check_id",
            "finding__item__weight",
            "finding__status",
            "finding__current",
            "status",
            "current",
        )
    )
    for finding_id, check_id, weight, old_status, old_current, new_status, new_current in overrides:
        if check_id in wanted and finding_id not in newest:
            newest[finding_id] = (check_id, float(weight), old_status, old_current, new_status, new_current)
    for check_id, weight, old_status, old_current, new_status, new_current in newest.values():
        tally = tallies[check_id]
        n, total = tally.get((old_status, old_current), (0, 0.0))
        tally[(old_status, old_current)] = (n - 1, total - weight)
        n, total = tally.get((new_status, new_current), (0, 0.0))
        tally[(new_status, new_current)] = (n + 1, total + weight)
    return tallies


def monitor_overview(
    *,
    scope: AccessScope,
    today: dt.date,
    band: ScoreBand | None = None,
    search: str = "",
    page: int = 1,
    page_size: int = OVERVIEW_PAGE_SIZE,
) -> MonitorOverview:
    """Return every unit the person may view with its latest check, score as reports show it, trend and counts.

    Scores apply the monitors' overrides (as the unit page does); the trend compares with the last
    check of the previous round the unit was checked in, as the unit's score history shows it.
    Filters: a score band and a substring of the Thai or English name or slug. Units come
    department first, then in Thai dictionary order, a page at a time. Five queries whatever the
    number of units.
    """
    visible = scope.organization_ids(Capability.VIEW)
    organizations = Organization.objects.filter(is_active=True)
    term = normalize_thai(search)
    if term:
        organizations = organizations.filter(
            Q(name_th__contains=term) | Q(name_en__icontains=term) | Q(slug__icontains=term)
        )
    candidates = [
        UnitRow(*values)
        for values in organizations.values_list("id", "slug", "name_th", "name_en", "kind", "parent_id", "sort_order")
    ]
    units = thai_sorted([unit for unit in candidates if unit.pk in visible])
    # As the matrix does: no thousands-long IN list when the person sees every matching unit.
    among: QuerySet[Organization] | list[int] = (
        organizations if len(units) == len(candidates) else [unit.pk for unit in units]
    )
    rounds = _last_two_rounds(among) if units else {}
    latest_ids = [checks[0].check.pk for checks in rounds.values()]
    tallies = _effective_tallies(latest_ids, today) if latest_ids else {}
    scored: list[tuple[UnitRow, int | None, float | None, float | None]] = []
    for unit in units:
        checks = rounds.get(unit.pk, [])
        if not checks:
            scored.append((unit, None, None, None))
            continue
        latest_id, stored = checks[0].check.pk, checks[0].score
        tally = tallies.get(latest_id)
        score = (
            ScoreRule().site((weight, ItemStatus(status), current) for (status, current), (_n, weight) in tally.items())
            if tally
            else stored
        )
        previous = checks[1].score if len(checks) > 1 else None
        scored.append((unit, latest_id, score, previous))
    bands: dict[ScoreBand, int] = dict.fromkeys(ScoreBand, 0)
    for _unit, _check, score, _previous in scored:
        bands[ScoreBand.of(score)] += 1
    if band is not None:
        scored = [row for row in scored if ScoreBand.of(row[2]) is band]
    page_count = max(1, -(-len(scored) // page_size))
    page = min(max(page, 1), page_count)
    shown = scored[(page - 1) * page_size : page * page_size]

    runs = _check_runs([unit.pk for unit, *_rest in shown])
    rows = []
    for unit, check_id, score, previous in shown:
        counts: dict[ItemStatus, int] = dict.fromkeys(ItemStatus, 0)
        not_current = 0
        for (status, current), (n, _weight) in tallies.get(check_id, {}).items() if check_id else ():
            counts[ItemStatus(status)] += n
            if current is False:
                not_current += n
        rows.append(
            OverviewRow(
                organization=unit,
                check=rounds[unit.pk][0].check if check_id else None,
                score=score,
                previous_score=previous,
                counts=counts,
                not_current=not_current,
                run=runs.get(unit.pk),
            )
        )
    return MonitorOverview(rows, len(scored), bands, page, page_count)


def _check_runs(organization_ids: list[int]) -> dict[int, CheckRun]:
    """Return each unit's newest check when it is queued, running or failed (one query)."""
    newest = (
        SiteCheck.objects.filter(organization_id__in=organization_ids)
        .annotate(
            newest=Window(
                RowNumber(), partition_by=[F("organization_id")], order_by=[F("queued_at").desc(), F("id").desc()]
            )
        )
        .filter(newest=1)
        .values_list("organization_id", "state", "error", "queued_at")
    )
    # The state is tested here, not in the query: a condition beside a window filter would be
    # applied before the window and find the newest unfinished check instead of the newest check.
    return {
        organization_id: CheckRun(state, error, queued_at)
        for organization_id, state, error, queued_at in newest
        if state != SiteCheck.State.DONE
    }
