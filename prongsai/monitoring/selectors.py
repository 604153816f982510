"""Reads of the monitor: the latest findings with overrides applied, the changes since the last check, score history.

Each selector issues a fixed number of queries whatever the number of findings or checks.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone, translation

from prongsai.organizations.models import Organization
from prongsai.thaidate import ReportingRound, format_english_date, format_thai_date

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
