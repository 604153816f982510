"""Reads of the monitor: the latest findings with overrides applied, the changes since the last check, score history.

Each selector issues a fixed number of queries whatever the number of findings or checks. What pages
say about these reads (sentences, the score chart) is in presenters.py; the archived evidence of a
check is read by evidence.py.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Sum, When, Window
from django.db.models.functions import DenseRank, ExtractMonth, ExtractYear, RowNumber
from django.utils import timezone

from prongsai.disclosures.selectors import UnitRow, thai_sorted
from prongsai.organizations.access import AccessScope, Capability
from prongsai.organizations.models import Organization
from prongsai.thaidate import ReportingRound
from prongsai.thaitext import normalize_thai

from .models import FindingOverride, ItemFinding, SiteCheck
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
    """One item whose finding or currency changed between two checks of a site."""

    code: str
    before: ItemFinding | None
    after: ItemFinding


def check_changes(*, previous: SiteCheck, current: SiteCheck) -> list[FindingChange]:
    """List the items whose finding or currency changed between two checks of a site, in checklist order.

    An item the earlier check did not have counts as changed (two queries per check).
    """
    before = {f.item.code: f for f in _findings_of(previous)}
    changes = []
    for after in _findings_of(current):
        old = before.get(after.item.code)
        if old is not None and (old.status, old.current) == (after.status, after.current):
            continue
        changes.append(FindingChange(after.item.code, old, after))
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


def check_phrases_at(*, site_check: SiteCheck, url: str) -> tuple[str, ...]:
    """Collect the phrases the check matched on this URL, over every item it is evidence for (one query)."""
    phrases: dict[str, None] = {}
    for evidence in site_check.findings.values_list("evidence", flat=True):
        for entry in evidence or ():
            if entry.get("url") == url:
                phrases.update(dict.fromkeys(str(p) for p in entry.get("phrases") or ()))
    return tuple(phrases)


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
