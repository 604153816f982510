"""The overall report's facts (measure 6.3.1): every unit's register and monitor standing at a round's cut-off.

`overall_facts` reads the register's version history, the website monitor's checks and overrides,
and the units' reports as they stood at the cut-off, and returns the document that the overall
report stores (facts.OverallFacts). It is set-based: a fixed number of queries whatever the number
of units, plain rows read with values_list and combined here, so a department of thousands of units
is compiled in one pass.

Definitions the report relies on:

- A cell is the register's EntryStatus of the item at the cut-off, computed from the version history
  (the version published by then, work in progress then, the review date its currency rule gave it).
- A unit complies with an item when a version published by the cut-off is still current then (its
  review date has not passed). Work in progress on a current published version (a draft, a version
  awaiting review or returned) does not undo that: the public still reads current information.
  Compliance is the percentage of the checklist's items a unit complies with.
- The monitor's statuses are those of the unit's last finished check in the round's window (the
  days `monitoring.scoring.round_of` assigns to the round), up to the cut-off, with the ICT monitors'
  overrides in force at the cut-off applied. The score is that check's score, recomputed with the
  scoring rule when an override changes a finding.
- Earlier rounds (the previous round, the trend) are computed the same way at their own cut-offs.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, CharField, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import RowNumber

from prongsai.checklists.currency import due_soon_days, next_review_due
from prongsai.checklists.definition import CurrencyRule
from prongsai.checklists.models import ChecklistItem
from prongsai.checklists.selectors import checklist_active
from prongsai.disclosures.models import Entry, EntryVersion
from prongsai.disclosures.workflow import EntryStatus, VersionState, entry_status
from prongsai.monitoring.engine.classify.texts import REASONS
from prongsai.monitoring.models import FindingOverride, ItemFinding, SiteCheck
from prongsai.monitoring.outcome import ItemStatus
from prongsai.monitoring.scoring import ScoreRule
from prongsai.organizations.models import Organization
from prongsai.thaidate import ReportingRound, add_months
from prongsai.thaidate.fiscal import RoundKind
from prongsai.thaitext import thai_sort_key

from .facts import SCHEMA, Disagreement, ItemRef, ItemRow, OverallFacts, TrendPoint, UnitRow
from .models import Round, UnitReport, UnitReportVersion
from .workflow import ReportState, round_code

__all__ = [
    "TREND_ROUNDS",
    "compliance_threshold",
    "cut_off_of",
    "overall_facts",
    "previous_round",
    "score_window",
]

BANGKOK = ZoneInfo("Asia/Bangkok")
# How many rounds the trend shows, this one included.
TREND_ROUNDS = 6
# Statuses in which a unit has reported: the head approved a version and it reached the ICT Center.
REPORTED_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED, ReportState.RETURNED)
# The monitor's reason for a bilingual item found in Thai only (the finding keeps the reason's text).
THAI_ONLY_REASON_EN = REASONS["thai_only"][1]


# --- round arithmetic (pure) ------------------------------------------------------------------------------------------


def previous_round(period: ReportingRound) -> ReportingRound:
    """Return the round before this one: 2569-6 follows 2568-12, 2569-12 follows 2569-6."""
    if period.kind is RoundKind.TWELVE_MONTH:
        return ReportingRound(period.fiscal_year, RoundKind.SIX_MONTH)
    return ReportingRound(period.fiscal_year - 1, RoundKind.TWELVE_MONTH)


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=BANGKOK)


def cut_off_of(period: ReportingRound, now: dt.datetime) -> dt.datetime:
    """Return the moment the round's facts are taken at: the end of its last day in Bangkok, or now if earlier."""
    end = _start_of(period.end + dt.timedelta(days=1)) - dt.timedelta(microseconds=1)
    return min(end, now)


def score_window(period: ReportingRound) -> tuple[dt.date, dt.date]:
    """Return the days whose website checks count for the round (as `monitoring.scoring.round_of` assigns them).

    The six-month round counts October to March; the twelve-month round April to September, its own half.
    """
    if period.kind is RoundKind.SIX_MONTH:
        return period.start, period.end
    return dt.date(period.end.year, 4, 1), period.end


def compliance_threshold(rule: CurrencyRule, cut_off: dt.date) -> dt.date:
    """Return the first approval day whose review date under the rule is not before the cut-off.

    A version approved on that day or later (and by the cut-off) is still current at the cut-off;
    one approved earlier is overdue. `next_review_due` never decreases as the approval day moves
    later, so the day is found by bisection over the seven months before the cut-off.
    """
    low, high = add_months(cut_off, -7), cut_off
    while low < high:
        middle = low + (high - low) // 2
        if next_review_due(rule, middle) >= cut_off:
            high = middle
        else:
            low = middle + dt.timedelta(days=1)
    return low


# --- what the queries return ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    pk: int
    slug: str
    name_th: str
    name_en: str


@dataclass(frozen=True)
class _Item:
    pk: int
    code: str
    name_th: str
    name_en: str
    rule: CurrencyRule


@dataclass
class _Monitor:
    """A unit's check in one round: its score as reports show it and, for the report's own round, its statuses."""

    check_id: int
    score: float | None
    statuses: dict[int, str] = field(default_factory=dict)  # item id -> status, overrides applied


def _units() -> list[_Unit]:
    rows = Organization.objects.filter(kind=Organization.Kind.UNIT, is_active=True).values_list(
        "id", "slug", "name_th", "name_en"
    )
    return [_Unit(*row) for row in rows]


def _items() -> list[_Item]:
    checklist = checklist_active()
    if checklist is None:
        return []
    rows = (
        ChecklistItem.objects.filter(checklist=checklist, retired=False)
        .order_by("position")
        .values_list("id", "code", "name_th", "name_en", "currency")
    )
    return [_Item(pk, code, th, en, CurrencyRule(currency)) for pk, code, th, en, currency in rows]


def _open_state_at(cut_off: dt.datetime) -> Case:
    """Return what the newest version begun by the cut-off was at the cut-off: "", draft, submitted or returned.

    A version approved by then is published (nothing open); one returned by then is returned; one
    discarded by then is gone; one sent for review by then and not yet decided is submitted;
    anything else was still a draft.
    """
    return Case(
        When(state=VersionState.APPROVED.value, published_at__lte=cut_off, then=Value("")),
        When(state=VersionState.RETURNED.value, decided_at__lte=cut_off, then=Value(VersionState.RETURNED.value)),
        When(state=VersionState.DISCARDED.value, updated_at__lte=cut_off, then=Value("")),
        When(submitted_at__lte=cut_off, then=Value(VersionState.SUBMITTED.value)),
        default=Value(VersionState.DRAFT.value),
        output_field=CharField(),
    )


def _cells(
    units: Sequence[_Unit], items: Sequence[_Item], cut_off: dt.datetime
) -> dict[int, dict[int, tuple[str, bool]]]:
    """Return unit id -> item id -> (EntryStatus at the cut-off, complies) from the version history (one query)."""
    published = EntryVersion.objects.filter(
        entry=OuterRef("pk"), state=VersionState.APPROVED.value, published_at__lte=cut_off
    ).order_by("-published_at", "-number")
    newest = (
        EntryVersion.objects.filter(entry=OuterRef("pk"), created_at__lte=cut_off)
        .order_by("-number")
        .annotate(open_at=_open_state_at(cut_off))
    )
    rows = (
        Entry.objects.filter(
            organization__kind=Organization.Kind.UNIT,
            organization__is_active=True,
            item_id__in=[item.pk for item in items],
        )
        .annotate(
            published_at=Subquery(published.values("published_at")[:1]),
            open_at=Subquery(newest.values("open_at")[:1]),
        )
        .values_list("organization_id", "item_id", "published_at", "open_at")
    )
    rules = {item.pk: item.rule for item in items}
    today = cut_off.astimezone(BANGKOK).date()
    general_days = int(settings.PRONGSAI_DUE_SOON_DAYS)
    cells: dict[int, dict[int, tuple[str, bool]]] = defaultdict(dict)
    for organization_id, item_id, published_at, open_at in rows:
        rule = rules[item_id]
        due = next_review_due(rule, published_at.astimezone(BANGKOK).date()) if published_at is not None else None
        status = entry_status(
            published=published_at is not None,
            open_state=VersionState(open_at) if open_at else None,
            next_review_due=due,
            today=today,
            due_soon_days=due_soon_days(rule, general_days),
        )
        complies = due is not None and due >= today
        cells[organization_id][item_id] = (status.value, complies)
    return cells


def _compliance_counts(
    items: Sequence[_Item], cut_offs: dict[ReportingRound, dt.datetime]
) -> dict[ReportingRound, dict[int, int]]:
    """Count, per earlier round and unit, the items complied with at the round's cut-off (one query).

    An item complies at a cut-off when some version was published between the rule's threshold day
    (see compliance_threshold) and the cut-off: the newest version published by then is then one of
    them, and still current. One pass over the published versions counts every round at once.
    """
    if not cut_offs or not items:
        return {period: {} for period in cut_offs}
    rules = sorted({item.rule for item in items})
    annotations = {}
    earliest, latest = None, None
    for index, (_period, cut_off) in enumerate(sorted(cut_offs.items())):
        day = cut_off.astimezone(BANGKOK).date()
        window = Q()
        for rule in rules:
            start = _start_of(compliance_threshold(rule, day))
            window |= Q(entry__item__currency=rule.value, published_at__gte=start)
            earliest = start if earliest is None else min(earliest, start)
        latest = cut_off if latest is None else max(latest, cut_off)
        annotations[f"r{index}"] = Count("entry_id", distinct=True, filter=window & Q(published_at__lte=cut_off))
    rows = (
        EntryVersion.objects.filter(
            state=VersionState.APPROVED.value,
            published_at__gte=earliest,
            published_at__lte=latest,
            entry__organization__kind=Organization.Kind.UNIT,
            entry__organization__is_active=True,
            entry__item_id__in=[item.pk for item in items],
        )
        .values("entry__organization_id")
        .annotate(**annotations)
        .order_by()
        .values_list("entry__organization_id", *annotations)
    )
    counts: dict[ReportingRound, dict[int, int]] = {period: {} for period in cut_offs}
    ordered = sorted(cut_offs)
    for organization_id, *complied in rows:
        for period, count in zip(ordered, complied, strict=True):
            counts[period][organization_id] = count
    return counts


def _monitors(
    cut_offs: dict[ReportingRound, dt.datetime], current: ReportingRound, item_ids: Iterable[int]
) -> dict[ReportingRound, dict[int, _Monitor]]:
    """Return, per round and unit, the last finished check of the round's window up to its cut-off (2–4 queries).

    Overrides in force at each round's cut-off are applied; for the report's own round the
    statuses of its items are kept too.
    """
    # A round's cut-off is never later than the end of its window's last day.
    bounds = {period: (_start_of(score_window(period)[0]), cut_off) for period, cut_off in cut_offs.items()}
    ordered = sorted(bounds)
    which = Case(
        *(
            When(finished_at__gte=start, finished_at__lte=end, then=Value(index))
            for index, (start, end) in ((i, bounds[p]) for i, p in enumerate(ordered))
        ),
        default=Value(-1),
        output_field=IntegerField(),
    )
    checks = (
        SiteCheck.objects.filter(
            state=SiteCheck.State.DONE,
            organization__kind=Organization.Kind.UNIT,
            organization__is_active=True,
            finished_at__gte=min(start for start, _end in bounds.values()),
            finished_at__lte=max(end for _start, end in bounds.values()),
        )
        .annotate(which=which)
        .filter(which__gte=0)
        .annotate(
            last=Window(
                RowNumber(),
                partition_by=[F("organization_id"), F("which")],
                order_by=[F("finished_at").desc(), F("id").desc()],
            )
        )
        .filter(last=1)
        .values_list("organization_id", "which", "id", "score")
    )
    found: dict[ReportingRound, dict[int, _Monitor]] = {period: {} for period in cut_offs}
    round_of_check: dict[int, ReportingRound] = {}
    for organization_id, index, check_id, score in checks:
        period = ordered[index]
        found[period][organization_id] = _Monitor(check_id, float(score) if score is not None else None)
        round_of_check[check_id] = period
    if not round_of_check:
        return found

    # Overrides are few and lapse at the next round: read those that may be in force at any cut-off.
    earliest_day = min(start for start, _end in bounds.values()).date()
    overrides: dict[int, dict[int, tuple[str, bool | None]]] = defaultdict(dict)  # check -> finding -> override
    for finding_id, check_id, created_at, expires_on, status, current_flag in (
        FindingOverride.objects.filter(created_at__lte=max(cut_offs.values()), expires_on__gt=earliest_day)
        .order_by("-created_at", "-id")
        .values_list("finding_id", "finding__site_check_id", "created_at", "expires_on", "status", "current")
    ):
        checked_in = round_of_check.get(check_id)
        if checked_in is None or finding_id in overrides[check_id]:
            continue
        cut_off = cut_offs[checked_in]
        if created_at <= cut_off and expires_on > cut_off.astimezone(BANGKOK).date():
            overrides[check_id][finding_id] = (status, current_flag)

    own_checks = [monitor.check_id for monitor in found[current].values()]
    own = set(own_checks)
    rescored = sorted(check_id for check_id, made in overrides.items() if made and check_id not in own)
    wanted_items = set(item_ids)
    by_check: dict[int, list[tuple[float, ItemStatus, bool | None]]] = defaultdict(list)
    statuses: dict[int, dict[int, str]] = defaultdict(dict)
    for check_id, finding_id, item_id, status, current_flag, weight in ItemFinding.objects.filter(
        site_check_id__in=own_checks + rescored
    ).values_list("site_check_id", "id", "item_id", "status", "current", "item__weight"):
        status, current_flag = overrides.get(check_id, {}).get(finding_id, (status, current_flag))
        by_check[check_id].append((float(weight), ItemStatus(status), current_flag))
        if item_id in wanted_items and round_of_check[check_id] == current:
            statuses[check_id][item_id] = status
    for monitors in found.values():
        for monitor in monitors.values():
            if overrides.get(monitor.check_id):
                monitor.score = ScoreRule().site(by_check[monitor.check_id])
            monitor.statuses = statuses.get(monitor.check_id, {})
    return found


def _english_missing(monitors: Iterable[_Monitor]) -> dict[int, set[int]]:
    """Return check id -> bilingual items the monitor found in Thai only and no override changed (one query)."""
    partial = {
        (monitor.check_id, item_id)
        for monitor in monitors
        for item_id, status in monitor.statuses.items()
        if status == ItemStatus.PARTIAL.value
    }
    missing: dict[int, set[int]] = defaultdict(set)
    if not partial:
        return missing
    for check_id, item_id in ItemFinding.objects.filter(
        site_check_id__in=sorted({check_id for check_id, _item in partial}),
        item__bilingual_required=True,
        reason_en=THAI_ONLY_REASON_EN,
        status=ItemStatus.PARTIAL.value,
    ).values_list("site_check_id", "item_id"):
        if (check_id, item_id) in partial:
            missing[check_id].add(item_id)
    return missing


@dataclass(frozen=True)
class _Report:
    state: str
    late: bool
    submitted_on: str | None


def _reports(period: ReportingRound) -> dict[int, _Report]:
    """Return the units' reports of a round by unit (one query)."""
    return {
        organization_id: _Report(
            state, late, first.astimezone(BANGKOK).date().isoformat() if first is not None else None
        )
        for organization_id, state, late, first in UnitReport.objects.filter(
            round__fiscal_year=period.fiscal_year, round__kind=period.kind.value
        ).values_list("organization_id", "state", "late", "first_submitted_at")
    }


def _reported(period: ReportingRound) -> set[int]:
    """Return the units with a report version that reached the ICT Center in the round (one query)."""
    return set(
        UnitReportVersion.objects.filter(
            report__round__fiscal_year=period.fiscal_year,
            report__round__kind=period.kind.value,
            state__in=[state.value for state in REPORTED_STATES],
        ).values_list("report__organization_id", flat=True)
    )


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _mean(values: Iterable[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return round(sum(known) / len(known), 1) if known else None


def _change(now: float | None, before: float | None) -> float | None:
    return round(now - before, 1) if now is not None and before is not None else None


def _trend_rounds(period: ReportingRound) -> list[ReportingRound]:
    """Return the last rounds opened up to this one, oldest first, this one last (one query)."""
    opened = {ReportingRound(year, RoundKind(kind)) for year, kind in Round.objects.values_list("fiscal_year", "kind")}
    earlier = sorted(other for other in opened if other < period)
    return [*earlier[-(TREND_ROUNDS - 1) :], period]


def overall_facts(*, round: Round, now: dt.datetime) -> OverallFacts:
    """Gather the overall report's facts for the round as of its cut-off (see the module's docstring).

    Units come ranked: compliance high to low, then the monitor's score high to low (unscored
    last), then Thai dictionary order of the name. About a dozen queries whatever the number of units.
    """
    period = round.period
    cut_off = cut_off_of(period, now)
    today = cut_off.astimezone(BANGKOK).date()
    before = previous_round(period)
    trend = _trend_rounds(period)
    earlier = {other: cut_off_of(other, now) for other in {before, *trend} if other != period}

    units = _units()
    items = _items()
    item_count = len(items)
    cells = _cells(units, items, cut_off)
    counts = _compliance_counts(items, earlier)
    monitors = _monitors({**earlier, period: cut_off}, period, [item.pk for item in items])
    own = monitors[period]
    english = _english_missing(own.values())
    reports, reported = _reports(period), _reported(period)
    previous_reports = _reports(before)
    code_of = {item.pk: item.code for item in items}

    rows: list[UnitRow] = []
    disagreements: list[Disagreement] = []
    compliant_units: dict[int, int] = dict.fromkeys(code_of, 0)
    found_units: dict[int, int] = dict.fromkeys(code_of, 0)
    gaps: dict[int, int] = dict.fromkeys(code_of, 0)
    for unit in sorted(units, key=lambda u: (thai_sort_key(u.name_th), u.slug)):
        unit_cells = cells.get(unit.pk, {})
        monitor = own.get(unit.pk)
        statuses = monitor.statuses if monitor else {}
        complied = 0
        row_cells: dict[str, str] = {}
        row_monitor: dict[str, str] = {}
        row_gaps: list[str] = []
        for item in items:
            status, complies = unit_cells.get(item.pk, (EntryStatus.MISSING.value, False))
            row_cells[item.code] = status
            seen = statuses.get(item.pk)
            if seen is not None:
                row_monitor[item.code] = seen
                found_units[item.pk] += seen == ItemStatus.FOUND.value
            if complies:
                complied += 1
                compliant_units[item.pk] += 1
            else:
                gaps[item.pk] += 1
                row_gaps.append(item.code)
            if (complies and seen == ItemStatus.NOT_FOUND.value) or (
                status == EntryStatus.MISSING.value and seen == ItemStatus.FOUND.value
            ):
                disagreements.append(
                    Disagreement(unit=unit.slug, item=item.code, register_status=status, monitor_status=seen or "")
                )
        report = reports.get(unit.pk)
        previous_report = previous_reports.get(unit.pk)
        previous_monitor = monitors[before].get(unit.pk)
        previous_count = counts.get(before, {}).get(unit.pk, 0)
        row = UnitRow(
            slug=unit.slug,
            name_th=unit.name_th,
            name_en=unit.name_en,
            report_state=report.state if report else None,
            late=bool(report and report.late),
            submitted_on=report.submitted_on if report else None,
            cells=row_cells,
            monitor=row_monitor,
            compliance=_percent(complied, item_count),
            score=monitor.score if monitor else None,
            previous_score=previous_monitor.score if previous_monitor else None,
            rank=0,
            previous_compliance=_percent(previous_count, item_count),
            previous_late=bool(previous_report and previous_report.late),
            reported=unit.pk in reported,
            english_missing=[item.code for item in items if monitor and item.pk in english.get(monitor.check_id, ())],
            gaps=row_gaps,
        )
        rows.append(row)

    ranked = sorted(
        rows,
        key=lambda r: (
            -r["compliance"],
            r["score"] is None,
            -(r["score"] or 0.0),
            thai_sort_key(r["name_th"]),
            r["slug"],
        ),
    )
    for position, row in enumerate(ranked, start=1):
        row["rank"] = position
    unit_count = len(rows)
    by_item = [
        ItemRow(
            code=item.code,
            name_th=item.name_th,
            name_en=item.name_en,
            compliant_units=compliant_units[item.pk],
            share=_percent(compliant_units[item.pk], unit_count),
            monitor_found_units=found_units[item.pk],
        )
        for item in items
    ]
    positions = {item.pk: index for index, item in enumerate(items)}
    common_gaps = [
        code_of[pk] for pk in sorted((pk for pk in gaps if gaps[pk]), key=lambda pk: (-gaps[pk], positions[pk]))
    ]
    total_pairs = unit_count * item_count
    mean_compliance = _percent(sum(compliant_units.values()), total_pairs)
    mean_score = _mean(row["score"] for row in rows)
    previous_compliance = _percent(sum(counts.get(before, {}).values()), total_pairs)
    previous_score = _mean(row["previous_score"] for row in rows)
    trend_points = [
        TrendPoint(round=round_code(other), compliance=mean_compliance, score=mean_score)
        if other == period
        else TrendPoint(
            round=round_code(other),
            compliance=_percent(sum(counts[other].values()), total_pairs),
            score=_mean(monitor.score for monitor in monitors[other].values()),
        )
        for other in trend
    ]
    late = sum(1 for row in rows if row["late"])
    not_reported = [row["slug"] for row in rows if not row.get("reported")]
    return OverallFacts(
        schema=SCHEMA,
        round=round_code(period),
        cut_off=today.isoformat(),
        taken_at=now.isoformat(),
        items=[ItemRef(code=item.code, name_th=item.name_th, name_en=item.name_en) for item in items],
        units=ranked,
        by_item=by_item,
        not_reported=not_reported,
        disagreements=disagreements,
        common_gaps=common_gaps,
        trend=trend_points,
        headline={
            "units": unit_count,
            "items": item_count,
            "reported": unit_count - len(not_reported),
            "late": late,
            "not_reported": len(not_reported),
            "mean_compliance": mean_compliance,
            "mean_score": mean_score,
            "previous_compliance": previous_compliance,
            "previous_score": previous_score,
            "compliance_change": _change(mean_compliance, previous_compliance),
            "score_change": _change(mean_score, previous_score),
            "disagreements": len(disagreements),
        },
        previous_round=round_code(before),
    )
