"""Plan each register entry's history so the department looks like a ministry in progress.

Every entry gets a target status (most published, some due soon, a few overdue, some awaiting
review, returned, in draft or missing, depending on how diligent its unit is) and a history
shape that reaches it: a single approval, a later revision re-approved, a returned version
followed by a corrected one, a submission withdrawn, work in progress on top of a published
version. Approval dates are searched so that the checklist item's currency rule turns them into
the target status today (an item approved seven months ago is overdue, 5.3 months ago due soon).

Pure: no database. The builder turns the planned events into service calls in time order.
"""

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from prongsai.checklists.currency import next_review_due
from prongsai.checklists.definition import CurrencyRule, ItemDefinition
from prongsai.disclosures.workflow import EntryStatus, entry_status

from .content import Presentation


class Shape(StrEnum):
    MISSING = "missing"
    DRAFT = "draft"  # a first draft, never submitted
    WITHDRAWN = "withdrawn"  # submitted, taken back and edited again
    DRAFT_ON_PUBLISHED = "draft_on_published"
    SUBMITTED = "submitted"
    RESUBMITTED = "resubmitted"  # returned, corrected and submitted again
    SUBMITTED_ON_PUBLISHED = "submitted_on_published"
    RETURNED = "returned"
    RETURNED_ON_PUBLISHED = "returned_on_published"
    APPROVED = "approved"
    REVISED = "revised"  # published, later changed and re-approved
    CORRECTED = "corrected"  # returned, then a corrected version approved
    STALE_WITH_DRAFT = "stale_with_draft"  # past its review date while a new draft is prepared


class Action(StrEnum):
    DRAFT = "draft"  # start a new version (or edit the open draft)
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    APPROVE = "approve"
    RETURN = "return"


@dataclass(frozen=True)
class Event:
    """One step of an entry's history at a moment: who acts follows from the action."""

    at: dt.datetime
    action: Action
    fix: bool = False  # the draft corrects a returned version
    revision: bool = False  # the draft is a routine update of a published version


class Diligence(StrEnum):
    EXEMPLARY = "exemplary"
    STEADY = "steady"
    LAGGING = "lagging"


_S = EntryStatus
TARGET_WEIGHTS: dict[Diligence, dict[EntryStatus, int]] = {
    Diligence.EXEMPLARY: {_S.PUBLISHED: 80, _S.DUE_SOON: 9, _S.OVERDUE: 0, _S.AWAITING_REVIEW: 5,
                          _S.RETURNED: 2, _S.DRAFT: 4, _S.MISSING: 0},
    Diligence.STEADY: {_S.PUBLISHED: 62, _S.DUE_SOON: 11, _S.OVERDUE: 4, _S.AWAITING_REVIEW: 8,
                       _S.RETURNED: 5, _S.DRAFT: 6, _S.MISSING: 4},
    Diligence.LAGGING: {_S.PUBLISHED: 36, _S.DUE_SOON: 10, _S.OVERDUE: 17, _S.AWAITING_REVIEW: 8,
                        _S.RETURNED: 8, _S.DRAFT: 9, _S.MISSING: 12},
}  # fmt: skip
SHAPE_WEIGHTS: dict[EntryStatus, dict[Shape, int]] = {
    _S.PUBLISHED: {Shape.APPROVED: 72, Shape.REVISED: 16, Shape.CORRECTED: 12},
    _S.DUE_SOON: {Shape.APPROVED: 85, Shape.REVISED: 15},
    _S.OVERDUE: {Shape.APPROVED: 70, Shape.STALE_WITH_DRAFT: 30},
    _S.AWAITING_REVIEW: {Shape.SUBMITTED: 55, Shape.SUBMITTED_ON_PUBLISHED: 30, Shape.RESUBMITTED: 15},
    _S.RETURNED: {Shape.RETURNED: 65, Shape.RETURNED_ON_PUBLISHED: 35},
    _S.DRAFT: {Shape.DRAFT: 50, Shape.DRAFT_ON_PUBLISHED: 35, Shape.WITHDRAWN: 15},
    _S.MISSING: {Shape.MISSING: 1},
}
# Shapes whose last published version must still look current while work goes on above it.
_ON_PUBLISHED = {
    Shape.DRAFT_ON_PUBLISHED: Shape.DRAFT,
    Shape.SUBMITTED_ON_PUBLISHED: Shape.SUBMITTED,
    Shape.RETURNED_ON_PUBLISHED: Shape.RETURNED,
}
_APPROVING = {Shape.APPROVED, Shape.REVISED, Shape.CORRECTED, Shape.STALE_WITH_DRAFT}
_PREFERRED_AGE_DAYS = {_S.PUBLISHED: (5, 100), _S.DUE_SOON: (155, 172), _S.OVERDUE: (190, 320)}
DOCUMENT_ITEMS = frozenset({"5.1.3", "5.1.4", "5.1.7.1", "5.1.8"})


@dataclass(frozen=True)
class EntryPlan:
    """One entry's planned history: the status it should show today and the events that lead there."""

    unit: str
    code: str
    target: EntryStatus
    shape: Shape
    events: tuple[Event, ...]
    presentation: Presentation
    with_document: bool


@dataclass(frozen=True)
class Clock:
    """The moment the demo is loaded, in the project's time zone, and the due-soon window."""

    now: dt.datetime
    zone: dt.tzinfo
    due_soon_days: int

    @property
    def today(self) -> dt.date:
        return self.now.astimezone(self.zone).date()

    def local_date(self, moment: dt.datetime) -> dt.date:
        """Return the local calendar date of a moment."""
        return moment.astimezone(self.zone).date()

    def office_time(self, days_ago: int, hour: int, minute: int) -> dt.datetime:
        """Return a working-hours moment `days_ago` days back, never later than an hour before now."""
        day = self.today - dt.timedelta(days=days_ago)
        moment = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.zone)
        return min(moment, self.now - dt.timedelta(hours=1, minutes=minute % 17))

    def status_if_approved(self, rule: CurrencyRule, approved: dt.datetime) -> EntryStatus:
        """Return the status today of an entry approved at `approved` with nothing in progress."""
        due = next_review_due(rule, self.local_date(approved))
        return entry_status(
            published=True, open_state=None, next_review_due=due, today=self.today, due_soon_days=self.due_soon_days
        )


def _weighted[T](rng: random.Random, weights: dict[T, int]) -> T:
    options = [option for option, weight in weights.items() if weight > 0]
    return rng.choices(options, weights=[weights[o] for o in options])[0]


def approval_moment(
    clock: Clock, rule: CurrencyRule, target: EntryStatus, rng: random.Random, *, min_days: int = 0
) -> dt.datetime | None:
    """Return when to approve an item so that today it shows `target`, or None when its rule cannot."""
    low, high = _PREFERRED_AGE_DAYS[target]
    preferred = rng.randint(low, high)
    hour, minute = rng.randint(9, 15), rng.randint(0, 59)
    for days in sorted(range(min_days, 400), key=lambda d: (abs(d - preferred), d)):
        moment = clock.office_time(days, hour, minute)
        if clock.status_if_approved(rule, moment) is target:
            return moment
    return None


def _hours(rng: random.Random, low: float, high: float) -> dt.timedelta:
    return dt.timedelta(hours=rng.uniform(low, high))


def _approval_events(approved: dt.datetime, rng: random.Random, *, revision: bool = False) -> list[Event]:
    submitted = approved - _hours(rng, 20, 90)
    drafted = submitted - _hours(rng, 24, 200)
    return [
        Event(drafted, Action.DRAFT, revision=revision),
        Event(submitted, Action.SUBMIT),
        Event(approved, Action.APPROVE),
    ]


def _open_events(shape: Shape, last: dt.datetime, rng: random.Random, *, revision: bool) -> list[Event]:
    """Return the events of work in progress ending at `last` (draft, submitted or returned)."""
    if shape is Shape.DRAFT:
        return [Event(last, Action.DRAFT, revision=revision)]
    if shape is Shape.WITHDRAWN:
        withdrawn = last - _hours(rng, 2, 30)
        submitted = withdrawn - _hours(rng, 1, 20)
        return [
            Event(submitted - _hours(rng, 24, 100), Action.DRAFT, revision=revision),
            Event(submitted, Action.SUBMIT),
            Event(withdrawn, Action.WITHDRAW),
            Event(last, Action.DRAFT),
        ]
    if shape is Shape.SUBMITTED:
        return [Event(last - _hours(rng, 3, 70), Action.DRAFT, revision=revision), Event(last, Action.SUBMIT)]
    if shape is Shape.RETURNED:
        submitted = last - _hours(rng, 20, 100)
        return [
            Event(submitted - _hours(rng, 24, 120), Action.DRAFT, revision=revision),
            Event(submitted, Action.SUBMIT),
            Event(last, Action.RETURN),
        ]
    if shape is Shape.RESUBMITTED:
        redrafted = last - _hours(rng, 3, 48)
        returned = redrafted - _hours(rng, 24, 150)
        submitted = returned - _hours(rng, 20, 100)
        return [
            Event(submitted - _hours(rng, 24, 120), Action.DRAFT, revision=revision),
            Event(submitted, Action.SUBMIT),
            Event(returned, Action.RETURN),
            Event(redrafted, Action.DRAFT, fix=True),
            Event(last, Action.SUBMIT),
        ]
    raise ValueError(shape)


def _fit_after(events: list[Event], start: dt.datetime) -> list[Event]:
    """Squeeze events into the time after `start`, keeping their order and their last moment."""
    first, last = events[0].at, events[-1].at
    if first > start:
        return events
    floor = start + (last - start) * 0.1
    span = last - first
    return [
        Event(floor + (event.at - first) * ((last - floor) / span) if span else last, event.action, event.fix,
              event.revision)
        for event in events
    ]  # fmt: skip


def _recent(clock: Clock, rng: random.Random, max_days: float, *, after: dt.datetime | None = None) -> dt.datetime:
    moment = clock.now - dt.timedelta(days=rng.uniform(0.2, max_days))
    if after is not None and moment <= after:
        moment = after + (clock.now - after) * rng.uniform(0.6, 0.95)
    return moment


def _events(
    shape: Shape, target: EntryStatus, rule: CurrencyRule, clock: Clock, rng: random.Random
) -> tuple[Shape, list[Event]] | None:
    if shape is Shape.MISSING:
        return shape, []
    if shape in _ON_PUBLISHED:
        approved = approval_moment(clock, rule, _S.PUBLISHED, rng, min_days=12)
        if approved is None:
            shape = _ON_PUBLISHED[shape]
        else:
            last = _recent(clock, rng, 10, after=approved + dt.timedelta(days=8))
            work = _fit_after(_open_events(_ON_PUBLISHED[shape], last, rng, revision=True), approved)
            return shape, [*_approval_events(approved, rng), *work]
    if shape not in _APPROVING:
        max_days = {Shape.DRAFT: 40, Shape.WITHDRAWN: 25, Shape.SUBMITTED: 20, Shape.RESUBMITTED: 15}.get(shape, 14)
        return shape, _open_events(shape, _recent(clock, rng, max_days), rng, revision=False)
    approved = approval_moment(clock, rule, target, rng, min_days=1 if shape is Shape.STALE_WITH_DRAFT else 0)
    if approved is None:
        return None
    if shape is Shape.APPROVED:
        return shape, _approval_events(approved, rng)
    if shape is Shape.STALE_WITH_DRAFT:
        return shape, [
            *_approval_events(approved, rng),
            Event(_recent(clock, rng, 20, after=approved), Action.DRAFT, revision=True),
        ]
    if shape is Shape.REVISED:
        first = approved - dt.timedelta(days=rng.randint(120, 200))
        return shape, [*_approval_events(first, rng), *_approval_events(approved, rng, revision=True)]
    # CORRECTED: returned once, then the corrected version approved.
    submitted_again = approved - _hours(rng, 20, 80)
    redrafted = submitted_again - _hours(rng, 3, 48)
    returned = redrafted - _hours(rng, 24, 120)
    submitted = returned - _hours(rng, 20, 100)
    return shape, [
        Event(submitted - _hours(rng, 24, 120), Action.DRAFT),
        Event(submitted, Action.SUBMIT),
        Event(returned, Action.RETURN),
        Event(redrafted, Action.DRAFT, fix=True),
        Event(submitted_again, Action.SUBMIT),
        Event(approved, Action.APPROVE),
    ]


def _presentation(code: str, rng: random.Random) -> Presentation:
    if code == "5.1.3":
        return rng.choice((Presentation.TEXT, Presentation.TEXT_AND_LINK))
    return _weighted(rng, {Presentation.TEXT: 60, Presentation.TEXT_AND_LINK: 30, Presentation.LINK_ONLY: 10})


def plan_entry(unit: str, item: ItemDefinition, target: EntryStatus, clock: Clock, rng: random.Random) -> EntryPlan:
    """Plan one entry's history towards `target`, falling back to a reachable status if its rule forbids it."""
    fallbacks = [target, _S.PUBLISHED, _S.DUE_SOON, _S.OVERDUE]
    for candidate in dict.fromkeys(fallbacks):
        shape = _weighted(rng, SHAPE_WEIGHTS[candidate])
        planned = _events(shape, candidate, item.currency, clock, rng)
        if planned is None and shape is not Shape.APPROVED and shape in _APPROVING:
            shape = Shape.APPROVED
            planned = _events(shape, candidate, item.currency, clock, rng)
        if planned is not None:
            final_shape, events = planned
            return EntryPlan(
                unit=unit,
                code=item.code,
                target=candidate,
                shape=final_shape,
                events=tuple(events),
                presentation=_presentation(item.code, rng),
                with_document=item.code in DOCUMENT_ITEMS and bool(events) and rng.random() < 0.15,
            )
    raise RuntimeError(f"no reachable status for {unit} {item.code}")


def plan_department(
    units: Sequence[str],
    items: Sequence[ItemDefinition],
    clock: Clock,
    seed: int,
    *,
    department: str = "",
    structured: frozenset[tuple[str, str]] = frozenset(),
) -> list[EntryPlan]:
    """Plan every entry of every unit (the department itself is steady); every status occurs at least once.

    The entries in `structured` (unit, item code) get their history from structured records
    instead (records.py): they are planned like the others, so every other entry's draws stay the
    same, then left out before the every-status check.
    """
    rng = random.Random(seed)
    diligence = {
        unit: Diligence.STEADY
        if unit == department
        else _weighted(rng, {Diligence.EXEMPLARY: 30, Diligence.STEADY: 50, Diligence.LAGGING: 20})
        for unit in units
    }
    plans = [
        plan_entry(unit, item, _weighted(rng, TARGET_WEIGHTS[diligence[unit]]), clock, rng)
        for unit in units
        for item in items
    ]
    plans = [plan for plan in plans if (plan.unit, plan.code) not in structured]
    six_monthly = {item.code: item for item in items if item.currency is CurrencyRule.SIX_MONTHS}
    for status in EntryStatus:
        if any(plan.target is status for plan in plans):
            continue
        for index, plan in enumerate(plans):
            if plan.code in six_monthly and plan.target is _S.PUBLISHED:
                plans[index] = plan_entry(plan.unit, six_monthly[plan.code], status, clock, rng)
                break
    return plans
