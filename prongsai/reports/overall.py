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
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import BooleanField, Case, F, IntegerField, Max, Q, Value, When, Window
from django.db.models.functions import RowNumber, TruncDate

from prongsai.checklists.currency import due_soon_days, next_review_due
from prongsai.checklists.definition import CurrencyRule
from prongsai.checklists.models import ChecklistItem
from prongsai.checklists.selectors import checklist_active
from prongsai.disclosures.models import EntryVersion
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
from .prefill import cut_off_of as unit_cut_off
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
    """Return the moment the round's facts are taken at: the end of its last day in Bangkok, or now if earlier.

    The same cut-off as a unit report's (prefill.cut_off_of), so both reports count the same history.
    """
    return unit_cut_off(period, now).moment


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
    bilingual: bool


@dataclass
class _Monitor:
    """A unit's check in one round: its score as reports show it and, for the report's own round, its findings."""

    check_id: int
    score: float | None
    statuses: dict[str, str] = field(default_factory=dict)  # item code -> status, overrides applied
    thai_only: list[str] = field(default_factory=list)  # bilingual items found in Thai only (still partial)


@dataclass
class _Register:
    """The register at the cut-offs: each unit's cell statuses and complied items now, and counts before."""

    statuses: dict[int, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))  # unit -> code -> status
    complied: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))  # unit -> codes
    earlier: dict[ReportingRound, dict[int, int]] = field(default_factory=dict)  # round -> unit -> items complied


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
        .values_list("id", "code", "name_th", "name_en", "currency", "bilingual_required")
    )
    return [
        _Item(pk, code, th, en, CurrencyRule(currency), bilingual) for pk, code, th, en, currency, bilingual in rows
    ]


# What the newest version begun by the cut-off left open then, as a number the query can fold into one maximum.
_OPEN_CODES = ("", VersionState.DRAFT.value, VersionState.SUBMITTED.value, VersionState.RETURNED.value)


def _open_code_at(cut_off: dt.datetime) -> Case:
    """Return what a version was at the cut-off, as an index of _OPEN_CODES: nothing open, draft, submitted, returned.

    A version approved by then is published (nothing open); one returned by then is returned; one
    discarded by then is gone; one sent for review by then and not yet decided is submitted;
    anything else was still a draft.
    """
    return Case(
        When(state=VersionState.APPROVED.value, published_at__lte=cut_off, then=Value(0)),
        When(state=VersionState.RETURNED.value, decided_at__lte=cut_off, then=Value(3)),
        When(state=VersionState.DISCARDED.value, updated_at__lte=cut_off, then=Value(0)),
        When(submitted_at__lte=cut_off, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )


# How the newest version published by a cut-off stands then: none, overdue, due soon, current and not due soon.
# Each is later than the one before, so the highest over an entry's versions is that of its newest publication.
_NOT_PUBLISHED, _OVERDUE, _DUE_SOON, _CURRENT = range(4)


def _by_rule(items: Sequence[_Item], starts: dict[CurrencyRule, dt.datetime]) -> list[tuple[list[int], dt.datetime]]:
    return [([item.pk for item in items if item.rule is rule], start) for rule, start in sorted(starts.items())]


def _published_code(items: Sequence[_Item], cut_off: dt.datetime, today: dt.date, general_days: int) -> Case:
    """Return how a version published by the cut-off stands then, as one of the codes above (0 for any other)."""
    rules = {item.rule for item in items}
    # A version approved on or after the rule's threshold day is not overdue at the cut-off; on or after the
    # threshold of the day after the due-soon window, it is not due soon either.
    current = {rule: _start_of(compliance_threshold(rule, today)) for rule in rules}
    settled = {
        rule: _start_of(compliance_threshold(rule, today + dt.timedelta(days=due_soon_days(rule, general_days) + 1)))
        for rule in rules
    }
    published = Q(state=VersionState.APPROVED.value, published_at__lte=cut_off)
    whens = [
        When(published & Q(entry__item_id__in=ids, published_at__gte=start), then=Value(_CURRENT))
        for ids, start in _by_rule(items, settled)
    ]
    whens += [
        When(published & Q(entry__item_id__in=ids, published_at__gte=start), then=Value(_DUE_SOON))
        for ids, start in _by_rule(items, current)
    ]
    whens.append(When(published, then=Value(_OVERDUE)))
    return Case(*whens, default=Value(_NOT_PUBLISHED), output_field=IntegerField())


def _cell_table(today: dt.date) -> dict[tuple[int, int], tuple[str, bool]]:
    """Return (status, complies) for each (publication code, open code), from the register's own status rule."""
    due = {
        _NOT_PUBLISHED: None,
        _OVERDUE: today - dt.timedelta(days=1),
        _DUE_SOON: today,
        _CURRENT: today + dt.timedelta(days=366),
    }
    table = {}
    for published, next_due in due.items():
        for open_code, open_state in enumerate(_OPEN_CODES):
            status = entry_status(
                published=published != _NOT_PUBLISHED,
                open_state=VersionState(open_state) if open_state else None,
                next_review_due=next_due,
                today=today,
                due_soon_days=0,  # "due soon" is decided by the publication code
            )
            table[(published, open_code)] = (status.value, published in (_DUE_SOON, _CURRENT))
    return table


def _register(
    units: set[int], items: Sequence[_Item], cut_off: dt.datetime, earlier: dict[ReportingRound, dt.datetime]
) -> _Register:
    """Read the register's version history at the cut-off and at the earlier rounds' cut-offs (one query).

    One pass over the versions begun by the cut-off, grouped by entry, gives for each entry how its
    newest publication by then stands (overdue, due soon or current: the threshold days of
    compliance_threshold, compared in the query), what its newest version left open then (the
    highest version number with its state at the cut-off folded into the same maximum), and for
    every earlier round whether a version was published between the rule's threshold day and that
    round's cut-off — the newest version published by then is one of them, and still current.
    Only small numbers come back, so thousands of units cost one plain read.
    """
    found = _Register()
    if not items:
        found.earlier = {period: {} for period in earlier}
        return found
    ordered = sorted(earlier)
    today = cut_off.astimezone(BANGKOK).date()
    annotations: dict[str, Any] = {
        "published": Max(_published_code(items, cut_off, today, int(settings.PRONGSAI_DUE_SOON_DAYS))),
        "newest": Max(F("number") * len(_OPEN_CODES) + _open_code_at(cut_off)),
    }
    rules = {item.rule for item in items}
    for index, period in enumerate(ordered):
        then = earlier[period]
        window = Q()
        starts = {rule: _start_of(compliance_threshold(rule, then.astimezone(BANGKOK).date())) for rule in rules}
        for ids, start in _by_rule(items, starts):
            window |= Q(entry__item_id__in=ids, published_at__gte=start)
        annotations[f"r{index}"] = Max(
            Case(
                When(Q(state=VersionState.APPROVED.value, published_at__lte=then) & window, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    rows = (
        EntryVersion.objects.filter(created_at__lte=cut_off, entry__item_id__in=[item.pk for item in items])
        .values("entry__organization_id", "entry__item_id")
        .annotate(**annotations)
        .order_by()
        .values_list("entry__organization_id", "entry__item_id", *annotations)
    )
    code_of = {item.pk: item.code for item in items}
    table = _cell_table(today)
    width = len(_OPEN_CODES)
    earlier_counts: dict[ReportingRound, dict[int, int]] = {period: defaultdict(int) for period in ordered}
    statuses, complied = found.statuses, found.complied
    # The department's own entries and closed units' are dropped here rather than joined away in the query.
    for organization_id, item_id, published, newest, *complied_then in rows:
        if organization_id not in units:
            continue
        status, complies = table[(published, newest % width)]
        code = code_of[item_id]
        statuses[organization_id][code] = status
        if complies:
            complied[organization_id].add(code)
        for period, flag in zip(ordered, complied_then, strict=True):
            if flag:
                earlier_counts[period][organization_id] += 1
    found.earlier = {period: dict(counts) for period, counts in earlier_counts.items()}
    return found


def _monitors(
    cut_offs: dict[ReportingRound, dt.datetime], current: ReportingRound, items: Sequence[_Item]
) -> dict[ReportingRound, dict[int, _Monitor]]:
    """Return, per round and unit, the last finished check of the round's window up to its cut-off (four queries).

    Overrides in force at each round's cut-off are applied (and the score recomputed where one
    changes a finding); for the report's own round the findings on its items are kept too.
    """
    # A round's cut-off is never later than the end of its window's last day.
    bounds = {period: (_start_of(score_window(period)[0]), cut_off) for period, cut_off in cut_offs.items()}
    ordered = sorted(bounds)
    which = Case(
        *(
            When(finished_at__gte=bounds[period][0], finished_at__lte=bounds[period][1], then=Value(index))
            for index, period in enumerate(ordered)
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
    by_check: dict[int, _Monitor] = {}
    for organization_id, index, check_id, score in checks:
        period = ordered[index]
        monitor = _Monitor(check_id, float(score) if score is not None else None)
        found[period][organization_id] = by_check[check_id] = monitor
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

    # The report's own round: every finding on the checklist's items (thousands of units, so plain rows).
    code_of = {item.pk: item.code for item in items}
    bilingual = {item.code for item in items if item.bilingual}
    own = [monitor.check_id for monitor in found[current].values()]
    thai_only = Case(
        When(status=ItemStatus.PARTIAL.value, reason_en=THAI_ONLY_REASON_EN, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    for check_id, item_id, status, english_missing in (
        ItemFinding.objects.filter(site_check_id__in=own, item_id__in=list(code_of))
        .annotate(thai_only=thai_only)
        .values_list("site_check_id", "item_id", "status", "thai_only")
    ):
        monitor = by_check[check_id]
        code = code_of[item_id]
        monitor.statuses[code] = status
        if english_missing and code in bilingual:
            monitor.thai_only.append(code)

    # The few checks an override changes: their findings with weights, to apply the overrides and rescore.
    rescored: dict[int, list[tuple[float, ItemStatus, bool | None]]] = defaultdict(list)
    for check_id, finding_id, item_id, status, current_flag, weight in ItemFinding.objects.filter(
        site_check_id__in=sorted(check_id for check_id, made in overrides.items() if made)
    ).values_list("site_check_id", "id", "item_id", "status", "current", "item__weight"):
        if finding_id in overrides[check_id]:
            status, current_flag = overrides[check_id][finding_id]
            monitor = by_check[check_id]
            code = code_of.get(item_id, "")
            if code in monitor.statuses:  # the report's own round
                monitor.statuses[code] = status
                if status != ItemStatus.PARTIAL.value and code in monitor.thai_only:
                    monitor.thai_only.remove(code)
        rescored[check_id].append((float(weight), ItemStatus(status), current_flag))
    for check_id, scored in rescored.items():
        by_check[check_id].score = ScoreRule().site(scored)
    order = {item.code: index for index, item in enumerate(items)}
    for monitor in found[current].values():
        monitor.thai_only.sort(key=order.__getitem__)
    return found


@dataclass(frozen=True)
class _Report:
    state: str
    late: bool
    submitted_on: str | None


def _reports(period: ReportingRound) -> dict[int, _Report]:
    """Return the units' reports of a round by unit (one query)."""
    return {
        organization_id: _Report(state, late, first.isoformat() if first is not None else None)
        for organization_id, state, late, first in UnitReport.objects.filter(
            round__fiscal_year=period.fiscal_year, round__kind=period.kind.value
        )
        .annotate(first_on=TruncDate("first_submitted_at", tzinfo=BANGKOK))
        .values_list("organization_id", "state", "late", "first_on")
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
    codes = [item.code for item in items]
    register = _register({unit.pk for unit in units}, items, cut_off, earlier)
    monitors = _monitors({**earlier, period: cut_off}, period, items)
    own = monitors[period]
    reports, reported = _reports(period), _reported(period)
    previous_reports = _reports(before)
    previous_counts = register.earlier.get(before, {})

    rows: list[UnitRow] = []
    disagreements: list[Disagreement] = []
    compliant_units: dict[str, int] = dict.fromkeys(codes, 0)
    found_units: dict[str, int] = dict.fromkeys(codes, 0)
    missing = EntryStatus.MISSING.value
    sort_keys = {unit.slug: thai_sort_key(unit.name_th) for unit in units}
    for unit in sorted(units, key=lambda u: (sort_keys[u.slug], u.slug)):
        statuses = register.statuses.get(unit.pk, {})
        complied = register.complied.get(unit.pk, set())
        monitor = own.get(unit.pk)
        seen = monitor.statuses if monitor else {}
        cells = {code: statuses.get(code, missing) for code in codes}
        for code in complied:
            compliant_units[code] += 1
        for code, status in seen.items():
            if status == ItemStatus.FOUND.value:
                found_units[code] += 1
            if (code in complied and status == ItemStatus.NOT_FOUND.value) or (
                cells[code] == missing and status == ItemStatus.FOUND.value
            ):
                disagreements.append(
                    Disagreement(unit=unit.slug, item=code, register_status=cells[code], monitor_status=status)
                )
        report = reports.get(unit.pk)
        previous_report = previous_reports.get(unit.pk)
        previous_monitor = monitors[before].get(unit.pk)
        rows.append(
            UnitRow(
                slug=unit.slug,
                name_th=unit.name_th,
                name_en=unit.name_en,
                report_state=report.state if report else None,
                late=bool(report and report.late),
                submitted_on=report.submitted_on if report else None,
                cells=cells,
                monitor={code: seen[code] for code in codes if code in seen},
                compliance=_percent(len(complied), item_count),
                score=monitor.score if monitor else None,
                previous_score=previous_monitor.score if previous_monitor else None,
                rank=0,
                previous_compliance=_percent(previous_counts.get(unit.pk, 0), item_count),
                previous_late=bool(previous_report and previous_report.late),
                reported=unit.pk in reported,
                english_missing=list(monitor.thai_only) if monitor else [],
                gaps=[code for code in codes if code not in complied],
            )
        )
    # Disagreements in unit order, then checklist order.
    position = {code: index for index, code in enumerate(codes)}
    unit_order = {row["slug"]: index for index, row in enumerate(rows)}
    disagreements.sort(key=lambda d: (unit_order[d["unit"]], position[d["item"]]))

    ranked = sorted(
        rows,
        key=lambda r: (
            -r["compliance"],
            r["score"] is None,
            -(r["score"] or 0.0),
            sort_keys[r["slug"]],
            r["slug"],
        ),
    )
    for rank, row in enumerate(ranked, start=1):
        row["rank"] = rank
    unit_count = len(rows)
    by_item = [
        ItemRow(
            code=item.code,
            name_th=item.name_th,
            name_en=item.name_en,
            compliant_units=compliant_units[item.code],
            share=_percent(compliant_units[item.code], unit_count),
            monitor_found_units=found_units[item.code],
        )
        for item in items
    ]
    gaps = {code: unit_count - compliant_units[code] for code in codes}
    common_gaps = sorted((code for code in codes if gaps[code]), key=lambda code: (-gaps[code], position[code]))
    total_pairs = unit_count * item_count
    mean_compliance = _percent(sum(compliant_units.values()), total_pairs)
    mean_score = _mean(row["score"] for row in rows)
    previous_compliance = _percent(sum(previous_counts.values()), total_pairs)
    previous_score = _mean(row["previous_score"] for row in rows)
    trend_points = [
        TrendPoint(round=round_code(other), compliance=mean_compliance, score=mean_score)
        if other == period
        else TrendPoint(
            round=round_code(other),
            compliance=_percent(sum(register.earlier[other].values()), total_pairs),
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
