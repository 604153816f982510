"""What a unit's report says the system knew at the round's cut-off (measure 6.3.2), as a UnitFacts document.

The facts are rebuilt from history, not read from the register's current columns: an entry's
status is what its versions' decided, published and superseded times say it was at the cut-off,
the monitor's finding is the last check of the round finished by then with the overrides made by
then, and the channels count what was received in the period and how it stood at the cut-off.
Eight queries whatever the number of items, versions, submissions or projects (six when the unit's
website was not checked in the round): the eighth rolls the unit's action plan up at the cut-off.
"""

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from prongsai.channels.lifecycle import Status, is_overdue
from prongsai.channels.models import Kind, Submission
from prongsai.checklists.currency import due_soon_days, next_review_due
from prongsai.checklists.models import ChecklistItem
from prongsai.disclosures.models import EntryVersion, Review
from prongsai.disclosures.workflow import EntryStatus, VersionState, entry_status
from prongsai.monitoring.models import FindingOverride, ItemFinding, SiteCheck
from prongsai.monitoring.outcome import ItemStatus
from prongsai.monitoring.scoring import ScoreRule, round_of
from prongsai.organizations.models import Organization
from prongsai.plans.selectors import unit_plan_figures
from prongsai.thaidate import ReportingRound, format_english_date, format_thai_date
from prongsai.thaidate.fiscal import RoundKind

from .facts import (
    SCHEMA,
    ChannelFigures,
    MonitorCheck,
    MonitorItem,
    PlanFacts,
    Problem,
    UnitFacts,
    UnitItemFacts,
    UnitSummary,
    VersionChange,
)
from .models import Round
from .workflow import round_code

__all__ = ["CutOff", "cut_off_of", "unit_facts"]


@dataclass(frozen=True)
class CutOff:
    """The moment a round's facts are taken at, with the period they cover."""

    start: dt.datetime  # the first moment of the round's first day
    moment: dt.datetime  # the last moment of the round's last day, or now if earlier
    period: ReportingRound

    @property
    def day(self) -> dt.date:
        return timezone.localdate(self.moment)


def cut_off_of(period: ReportingRound, now: dt.datetime) -> CutOff:
    """Return the round's cut-off: the end of its last day in Bangkok time, or `now` when that is earlier."""
    zone = timezone.get_default_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(period.end, dt.time.max, tzinfo=zone)
    return CutOff(start=start, moment=min(now, end), period=period)


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def _at_or_before(moment: dt.datetime | None, limit: dt.datetime) -> bool:
    return moment is not None and moment <= limit


def _open_state_at(version: EntryVersion, limit: dt.datetime) -> VersionState | None:
    """Return the state the version was in at the cut-off as the entry's work in progress, or None if it was not open.

    A withdrawn version lost its submission time, so it reads as the draft it went back to.
    """
    state = VersionState(version.state)
    if state is VersionState.DISCARDED:
        # A discarded version's last change is its discarding.
        return None if version.updated_at <= limit else VersionState.DRAFT
    if state is VersionState.APPROVED and _at_or_before(version.published_at, limit):
        return None
    if state is VersionState.RETURNED and _at_or_before(version.decided_at, limit):
        return VersionState.RETURNED
    if state is not VersionState.DRAFT and _at_or_before(version.submitted_at, limit):
        return VersionState.SUBMITTED
    return VersionState.DRAFT


def _published_at(versions: list[EntryVersion], limit: dt.datetime) -> EntryVersion | None:
    """Return the version that was published at the cut-off: published by then and not yet superseded."""
    shown = [
        v
        for v in versions
        if _at_or_before(v.published_at, limit) and (v.superseded_at is None or v.superseded_at > limit)
    ]
    return max(shown, key=lambda v: v.number) if shown else None


def _changes(versions: list[EntryVersion], cut: CutOff) -> list[VersionChange]:
    """List the versions approved or returned inside the period, oldest first."""
    changes: list[VersionChange] = []
    for version in sorted(versions, key=lambda v: v.number):
        decided = version.decided_at
        if version.state not in (VersionState.APPROVED, VersionState.RETURNED) or decided is None:
            continue
        if cut.start <= decided <= cut.moment:
            changes.append(
                VersionChange(
                    version_id=version.pk,
                    number=version.number,
                    state=version.state,
                    decided_on=_local_day(decided).isoformat(),
                    change_note=version.change_note,
                )
            )
    return changes


def _item_facts(
    item: ChecklistItem,
    versions: list[EntryVersion],
    approvers: dict[int, list[str]],
    monitor: MonitorItem | None,
    cut: CutOff,
) -> UnitItemFacts:
    published = _published_at(versions, cut.moment)
    newest = max(versions, key=lambda v: v.number) if versions else None
    open_state = None
    if newest is not None and (published is None or newest.number > published.number):
        open_state = _open_state_at(newest, cut.moment)
    due: dt.date | None = None
    last_review: dt.date | None = None
    if published is not None:
        assert published.published_at is not None  # _published_at chose it by this time
        last_review = _local_day(published.decided_at or published.published_at)
        due = next_review_due(item.currency_rule, _local_day(published.published_at))
    status = entry_status(
        published=published is not None,
        open_state=open_state,
        next_review_due=due,
        today=cut.day,
        due_soon_days=due_soon_days(item.currency_rule, int(settings.PRONGSAI_DUE_SOON_DAYS)),
    )
    return UnitItemFacts(
        code=item.code,
        name_th=item.name_th,
        name_en=item.name_en,
        status=status.value,
        published_version=published.number if published is not None else None,
        last_review_on=last_review.isoformat() if last_review else None,
        reviewers=approvers.get(published.pk, []) if published is not None else [],
        next_review_due=due.isoformat() if due else None,
        changes=_changes(versions, cut),
        monitor=monitor,
    )


def _monitor_window_start(period: ReportingRound) -> dt.date:
    """Return the first day a check counts for the round: the monitor counts the six-month round's checks
    from October, the twelve-month round's from April (`monitoring.scoring.round_of`)."""
    if period.kind is RoundKind.SIX_MONTH:
        return period.start
    return ReportingRound(period.fiscal_year, RoundKind.SIX_MONTH).end + dt.timedelta(days=1)


def _round_check(organization: Organization, cut: CutOff) -> SiteCheck | None:
    """Return the unit's last finished check counted for the round and finished by the cut-off (one query)."""
    zone = timezone.get_default_timezone()
    since = dt.datetime.combine(_monitor_window_start(cut.period), dt.time.min, tzinfo=zone)
    candidates = SiteCheck.objects.filter(
        organization=organization,
        state=SiteCheck.State.DONE,
        finished_at__gte=since,
        finished_at__lte=cut.moment,
    ).order_by("-finished_at", "-id")
    check = candidates.first()
    if check is None or check.finished_at is None or round_of(_local_day(check.finished_at)) != cut.period:
        return None
    return check


def _monitor_findings(check: SiteCheck, cut: CutOff) -> tuple[dict[int, MonitorItem], float | None]:
    """Return each item's finding with the override in force at the cut-off, and the score they give (two queries)."""
    overrides = Prefetch(
        "overrides",
        queryset=FindingOverride.objects.filter(created_at__lte=cut.moment).order_by("-created_at", "-id"),
        to_attr="made_by_cut_off",
    )
    findings = list(ItemFinding.objects.filter(site_check=check).select_related("item").prefetch_related(overrides))
    by_item: dict[int, MonitorItem] = {}
    weighted: list[tuple[float, ItemStatus, bool | None]] = []
    for finding in findings:
        status, current, override = ItemStatus(finding.status), finding.current, None
        newest = finding.made_by_cut_off[0] if finding.made_by_cut_off else None
        if newest is not None and newest.expires_on > cut.day:
            status, current, override = ItemStatus(newest.status), newest.current, newest
        urls = [url for url in finding.evidence_urls if url]
        by_item[finding.item_id] = MonitorItem(
            status=status.value,
            current=current,
            as_of=finding.as_of.isoformat() if finding.as_of else None,
            overridden=override is not None,
            override_reason=override.reason if override is not None else "",
            evidence_url=urls[0] if urls else "",
        )
        weighted.append((finding.item.weight, status, current))
    return by_item, ScoreRule().site(weighted)


def _channel_figures(organization: Organization, cut: CutOff) -> dict[str, ChannelFigures]:
    """Count the opinions and complaints received in the period, as they stood at the cut-off (one query)."""
    rows = Submission.objects.filter(
        organization=organization, received_at__gte=cut.start, received_at__lte=cut.moment
    ).values_list("kind", "received_at", "closed_at", "due_date")
    received: dict[str, int] = defaultdict(int)
    overdue: dict[str, int] = defaultdict(int)
    days: dict[str, list[int]] = defaultdict(list)
    for kind, received_at, closed_at, due in rows:
        received[kind] += 1
        closed = closed_at is not None and closed_at <= cut.moment
        if closed_at is not None and closed:
            days[kind].append((_local_day(closed_at) - _local_day(received_at)).days)
        if is_overdue(Status.CLOSED if closed else Status.RECEIVED, due, cut.day):
            overdue[kind] += 1
    return {
        kind: ChannelFigures(
            received=received[kind],
            closed=len(days[kind]),
            overdue=overdue[kind],
            median_days_to_close=float(statistics.median(days[kind])) if days[kind] else None,
        )
        for kind in (Kind.OPINION.value, Kind.COMPLAINT.value)
    }


def _percent(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _plan_facts(organization: Organization, cut: CutOff) -> PlanFacts | None:
    """Roll the unit's action plan of the round's fiscal year up at the cut-off day; None without a plan (one query)."""
    found = unit_plan_figures(organization=organization, fiscal_year=cut.period.fiscal_year, as_of=cut.day)
    if found is None:
        return None
    figures = found.figures
    return PlanFacts(
        fiscal_year=found.fiscal_year,
        title_th=found.title_th,
        title_en=found.title_en,
        as_of=found.as_of.isoformat(),
        budget=str(figures.budget),
        disbursed=str(figures.disbursed),
        disbursed_percent=_percent(figures.disbursed_percent),
        progress_percent=_percent(figures.progress_percent),
        projects=figures.projects,
        completed=figures.completed,
        behind=figures.behind,
        not_reported=figures.not_reported,
    )


# Register statuses under which the unit says the item is on its website and current.
_CLAIMED = frozenset(
    {
        EntryStatus.PUBLISHED,
        EntryStatus.DUE_SOON,
        EntryStatus.DRAFT,
        EntryStatus.AWAITING_REVIEW,
        EntryStatus.RETURNED,
    }
)


def _problem(kind: str, item: UnitItemFacts, text_th: str, text_en: str) -> Problem:
    return Problem(kind=kind, item=item["code"], text_th=text_th, text_en=text_en)


def _problems(items: list[UnitItemFacts]) -> list[Problem]:
    """List what is open at the cut-off, item by item in checklist order.

    An item the register shows as published and current but the monitor did not find (or one the
    register lacks but the monitor found) is a disagreement; a monitor's "not found" on an item the
    register does not claim is reported as such.
    """
    problems: list[Problem] = []
    for item in items:
        code, name_th, name_en = item["code"], item["name_th"], item["name_en"]
        status = EntryStatus(item["status"])
        claimed = item["published_version"] is not None and status in _CLAIMED
        if status is EntryStatus.MISSING:
            problems.append(
                _problem(
                    "missing",
                    item,
                    f"{code} {name_th}: ยังไม่ได้เผยแพร่",
                    f"{code} {name_en}: not published",
                )
            )
        if status is EntryStatus.OVERDUE and item["next_review_due"]:
            due = dt.date.fromisoformat(item["next_review_due"])
            problems.append(
                _problem(
                    "overdue",
                    item,
                    f"{code} {name_th}: เลยกำหนดทบทวน (ครบกำหนด {format_thai_date(due)})",
                    f"{code} {name_en}: review overdue (due {format_english_date(due)})",
                )
            )
        if status is EntryStatus.RETURNED:
            problems.append(
                _problem(
                    "returned",
                    item,
                    f"{code} {name_th}: ผู้ทบทวนส่งกลับให้แก้ไข ยังไม่ได้แก้ไข",
                    f"{code} {name_en}: returned by the reviewer and not yet corrected",
                )
            )
        monitor = item["monitor"]
        if monitor is None:
            continue
        not_found = monitor["status"] == ItemStatus.NOT_FOUND.value
        if not_found and claimed:
            problems.append(
                _problem(
                    "disagreement",
                    item,
                    f"{code} {name_th}: ทะเบียนระบุว่าเผยแพร่แล้ว แต่การตรวจเว็บไซต์ไม่พบ",
                    f"{code} {name_en}: the register says it is published, the website check did not find it",
                )
            )
        elif not_found:
            problems.append(
                _problem(
                    "not_found_by_monitor",
                    item,
                    f"{code} {name_th}: การตรวจเว็บไซต์ไม่พบบนเว็บไซต์ของหน่วยงาน",
                    f"{code} {name_en}: the website check did not find it on the unit's website",
                )
            )
        elif status is EntryStatus.MISSING:
            problems.append(
                _problem(
                    "disagreement",
                    item,
                    f"{code} {name_th}: การตรวจเว็บไซต์พบ แต่ทะเบียนยังไม่มีฉบับที่เผยแพร่",
                    f"{code} {name_en}: the website check found it, but the register has no published version",
                )
            )
    return problems


def _summary(items: list[UnitItemFacts], score: float | None) -> UnitSummary:
    return UnitSummary(
        items=len(items),
        published=sum(
            1 for i in items if i["published_version"] is not None and i["status"] != EntryStatus.OVERDUE.value
        ),
        overdue=sum(1 for i in items if i["status"] == EntryStatus.OVERDUE.value),
        missing=sum(1 for i in items if i["status"] == EntryStatus.MISSING.value),
        monitor_found=sum(
            1 for i in items if i["monitor"] is not None and i["monitor"]["status"] == ItemStatus.FOUND.value
        ),
        score=score,
    )


def unit_facts(*, round: Round, organization: Organization, now: dt.datetime) -> UnitFacts:
    """Gather what the system knew about the unit at the round's cut-off (the end of its last day, or now if earlier).

    Every item of the active checklist with its status then, last review and reviewers of the
    version in force, the versions approved or returned in the period; the monitor's last check of
    the round with the overrides in force; the problems open; the channels' figures; the unit's
    action plan of the round's fiscal year rolled up at the cut-off day (None when it keeps none).
    Eight queries at most, whatever the data.
    """
    period = round.period
    cut = cut_off_of(period, now)
    items = list(ChecklistItem.objects.filter(checklist__is_active=True, retired=False).order_by("position"))
    versions_by_item: dict[int, list[EntryVersion]] = defaultdict(list)
    versions = EntryVersion.objects.filter(
        entry__organization=organization,
        entry__item__checklist__is_active=True,
        created_at__lte=cut.moment,
    ).defer("body_th", "body_en", "nothing_note_th", "nothing_note_en")
    for version in versions.select_related("entry"):
        versions_by_item[version.entry.item_id].append(version)
    approvers: dict[int, list[str]] = defaultdict(list)
    reviews = (
        Review.objects.filter(
            version__entry__organization=organization,
            decision=Review.Decision.APPROVE,
            created_at__lte=cut.moment,
        )
        .select_related("reviewer")
        .order_by("created_at", "pk")
    )
    for review in reviews:
        name = review.reviewer.display_name("th")
        if name not in approvers[review.version_id]:
            approvers[review.version_id].append(name)

    check = _round_check(organization, cut)
    monitor_items: dict[int, MonitorItem] = {}
    score: float | None = None
    monitor: MonitorCheck | None = None
    if check is not None:
        monitor_items, score = _monitor_findings(check, cut)
        assert check.finished_at is not None  # a done check has its times
        monitor = MonitorCheck(
            check_id=check.pk, url=check.url, finished_at=timezone.localtime(check.finished_at).isoformat(), score=score
        )
    item_facts = [
        _item_facts(item, versions_by_item.get(item.pk, []), approvers, monitor_items.get(item.pk), cut)
        for item in items
    ]
    return UnitFacts(
        schema=SCHEMA,
        round=round_code(period),
        cut_off=cut.day.isoformat(),
        taken_at=timezone.localtime(now).isoformat(),
        unit={"slug": organization.slug, "name_th": organization.name_th, "name_en": organization.name_en},
        items=item_facts,
        monitor=monitor,
        problems=_problems(item_facts),
        channels=_channel_figures(organization, cut),
        summary=_summary(item_facts, score),
        plans=_plan_facts(organization, cut),
    )
