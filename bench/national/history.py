"""A register entry's life over two fiscal years, simulated: versions, reviews and the status at any day. No Django.

Each unit has a diligence profile that decides how often its entries are missing, how many
versions come back from review, and how late the next review starts after the last approval
fell due. Every draw comes from the caller's seeded random generator, so a seed gives the same
history on every machine.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo

from prongsai.checklists.currency import due_soon_days, next_review_due
from prongsai.checklists.definition import CurrencyRule
from prongsai.disclosures.workflow import EntryStatus, VersionState, entry_status

BANGKOK = ZoneInfo("Asia/Bangkok")


class Profile(StrEnum):
    """How diligently a unit keeps its register."""

    GOOD = "good"  # reviews start before they fall due, few returns
    AVERAGE = "average"  # around the due date, sometimes weeks late
    POOR = "poor"  # months late, many returns, gaps
    ABSENT = "absent"  # most items never published


# Share of units per profile, in this order (the cumulative draw in `profile_for`).
PROFILE_SHARES: tuple[tuple[Profile, float], ...] = (
    (Profile.GOOD, 0.55),
    (Profile.AVERAGE, 0.30),
    (Profile.POOR, 0.11),
    (Profile.ABSENT, 0.04),
)


@dataclass(frozen=True)
class Habits:
    missing: float  # chance an entry never gets a version
    returned: float  # chance a submitted version is returned
    lag_days: tuple[int, int]  # next version starts this many days after the review fell due (negative: before)
    monthly_lag_days: tuple[int, int]


HABITS: dict[Profile, Habits] = {
    Profile.GOOD: Habits(0.01, 0.08, (-25, 0), (-6, 0)),
    Profile.AVERAGE: Habits(0.04, 0.15, (-20, 45), (-4, 14)),
    Profile.POOR: Habits(0.12, 0.30, (0, 120), (0, 60)),
    Profile.ABSENT: Habits(0.65, 0.35, (30, 200), (10, 90)),
}


def profile_for(rng: random.Random) -> Profile:
    """Draw a unit's profile with the shares of PROFILE_SHARES."""
    roll = rng.random()
    for profile, share in PROFILE_SHARES:
        if roll < share:
            return profile
        roll -= share
    return PROFILE_SHARES[-1][0]


@dataclass
class SimVersion:
    """One version of an entry as the simulation made it (times are aware, Bangkok)."""

    number: int
    state: VersionState
    created: dt.datetime
    submitted: dt.datetime | None = None
    decided: dt.datetime | None = None
    superseded: dt.datetime | None = None
    nothing_to_publish: bool = False
    based_on: int | None = None  # the number of the returned version it continues
    pk: int = 0  # the row's id, given when the generator writes it

    @property
    def approved(self) -> bool:
        return self.state is VersionState.APPROVED


@dataclass
class SimEntry:
    """A unit × item register entry and its versions, oldest first."""

    rule: CurrencyRule
    versions: list[SimVersion] = field(default_factory=list)

    @property
    def published(self) -> SimVersion | None:
        """Return the newest approved version (what the public reads now), or None."""
        return next((v for v in reversed(self.versions) if v.approved), None)

    @property
    def open(self) -> SimVersion | None:
        """Return the work in progress after the last approval (draft, submitted or returned), or None."""
        last = self.versions[-1] if self.versions else None
        return last if last is not None and not last.approved else None

    @property
    def next_review_due(self) -> dt.date | None:
        published = self.published
        if published is None or published.decided is None:
            return None
        return next_review_due(self.rule, published.decided.astimezone(BANGKOK).date())

    def state_at(self, day: dt.date) -> tuple[SimVersion | None, VersionState | None, dt.date | None]:
        """Return the published version, the open state and the review date as they stood at the end of `day`."""
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=BANGKOK)
        published: SimVersion | None = None
        open_state: VersionState | None = None
        for version in self.versions:
            if version.created >= end:
                break
            if version.approved and version.decided is not None and version.decided < end:
                published, open_state = version, None
            elif version.decided is not None and version.decided < end:
                open_state = VersionState.RETURNED
            elif version.submitted is not None and version.submitted < end:
                open_state = VersionState.SUBMITTED
            else:
                open_state = VersionState.DRAFT
        due = None
        if published is not None and published.decided is not None:
            due = next_review_due(self.rule, published.decided.astimezone(BANGKOK).date())
        return published, open_state, due

    def status_at(self, day: dt.date, *, due_soon: int) -> EntryStatus:
        """Return the register's status of the entry on `day` (what the matrix showed that day)."""
        published, open_state, due = self.state_at(day)
        return entry_status(
            published=published is not None,
            open_state=open_state,
            next_review_due=due,
            today=day,
            due_soon_days=due_soon_days(self.rule, due_soon),
        )


def office_time(rng: random.Random, day: dt.date) -> dt.datetime:
    """Return a working-hours moment on `day`, moved to Monday when it falls on a weekend."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    minutes = rng.randrange(8 * 60 + 30, 16 * 60 + 30)
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=BANGKOK)


def _after(rng: random.Random, moment: dt.datetime, low: float, high: float) -> dt.datetime:
    """Return a working-hours moment some days after `moment`, and always after it (even on the same day)."""
    later = office_time(rng, (moment + dt.timedelta(days=rng.uniform(low, high))).date())
    return later if later > moment else moment + dt.timedelta(minutes=rng.randrange(20, 240))


def simulate_entry(
    rng: random.Random,
    *,
    rule: CurrencyRule,
    profile: Profile,
    start: dt.date,
    now: dt.datetime,
    nothing_allowed: bool,
) -> SimEntry:
    """Simulate an entry's versions from `start` until `now`: drafts, submissions, returns, approvals, renewals.

    Some entries never get a version, or only a draft left unsent. A returned version is continued
    by a new draft a few days later; an approved one is renewed around the day its review falls due
    (by the currency rule), earlier or later by the profile's habit. Whatever is under way at `now`
    stays a draft or awaits review.
    """
    habits = HABITS[profile]
    entry = SimEntry(rule)
    if rng.random() < habits.missing:
        if rng.random() < 0.3:  # started once and abandoned: a draft nobody sent for review
            created = office_time(rng, start + dt.timedelta(days=rng.randrange(30, 600)))
            if created < now:
                entry.versions.append(SimVersion(1, VersionState.DRAFT, created))
        return entry
    moment = office_time(rng, start + dt.timedelta(days=rng.randrange(0, 50)))
    based_on: int | None = None
    while moment < now:
        number = len(entry.versions) + 1
        nothing = nothing_allowed and rng.random() < 0.2
        version = SimVersion(number, VersionState.DRAFT, moment, nothing_to_publish=nothing, based_on=based_on)
        entry.versions.append(version)
        submitted = _after(rng, moment, 0.3, 4)
        if submitted >= now:
            break
        version.state, version.submitted = VersionState.SUBMITTED, submitted
        decided = _after(rng, submitted, 0.5, 8)
        if decided >= now:
            break
        version.decided = decided
        if rng.random() < habits.returned:
            version.state = VersionState.RETURNED
            based_on = number
            moment = _after(rng, decided, 1, 10)
            continue
        version.state = VersionState.APPROVED
        based_on = None
        for earlier in reversed(entry.versions[:-1]):
            if earlier.approved:
                earlier.superseded = decided
                break
        due = next_review_due(rule, decided.astimezone(BANGKOK).date())
        low, high = habits.monthly_lag_days if rule is CurrencyRule.MONTHLY else habits.lag_days
        renew = due + dt.timedelta(days=rng.randint(low, high))
        moment = office_time(rng, max(renew, decided.date() + dt.timedelta(days=2)))
    return entry
