"""What the generator builds, as constants: the moment it stands at, the rounds, how reports turn out. No Django."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from prongsai.thaidate import ReportingRound, RoundKind

from .history import BANGKOK, Profile

# The data stand on Thursday 15 October 2026: FY 2568 and FY 2569 are over, the 12-month round of
# FY 2569 is open and units are writing their reports for it.
NOW = dt.datetime(2026, 10, 15, 10, 0, tzinfo=BANGKOK)
HISTORY_START = dt.date(2024, 9, 16)  # the first versions are written in the first weeks of FY 2568
DEPARTMENT_SLUG = "national"
DUE_SOON_DAYS = 30  # settings.PRONGSAI_DUE_SOON_DAYS's default


@dataclass(frozen=True)
class RoundPlan:
    """A reporting round the generator makes, with when its website checks finished."""

    period: ReportingRound
    deadline: dt.date
    opened_on: dt.date
    closed_on: dt.date | None  # None: still open at NOW
    checks_from: dt.date
    checks_to: dt.date

    @property
    def code(self) -> str:
        return f"{self.period.fiscal_year}-{self.period.months_covered}"


SIX, TWELVE = RoundKind.SIX_MONTH, RoundKind.TWELVE_MONTH
ROUNDS: tuple[RoundPlan, ...] = (
    RoundPlan(
        ReportingRound(2568, SIX), dt.date(2025, 4, 30), dt.date(2025, 3, 3), dt.date(2025, 6, 30),
        dt.date(2025, 2, 3), dt.date(2025, 3, 21),
    ),
    RoundPlan(
        ReportingRound(2568, TWELVE), dt.date(2025, 10, 31), dt.date(2025, 9, 1), dt.date(2025, 12, 31),
        dt.date(2025, 8, 4), dt.date(2025, 9, 19),
    ),
    RoundPlan(
        ReportingRound(2569, SIX), dt.date(2026, 4, 30), dt.date(2026, 3, 2), dt.date(2026, 6, 30),
        dt.date(2026, 2, 2), dt.date(2026, 3, 20),
    ),
    RoundPlan(
        ReportingRound(2569, TWELVE), dt.date(2026, 10, 30), dt.date(2026, 9, 1), None,
        dt.date(2026, 8, 3), dt.date(2026, 9, 18),
    ),
)  # fmt: skip
# Rounds whose overall report the generator writes as approved (the bench compiles 2569-6 itself).
APPROVED_OVERALL = ("2568-6", "2568-12")


class Outcome(StrEnum):
    """How a unit's report of a round ends up."""

    NONE = "none"  # never started: the unit did not report
    DRAFT_LEFT = "draft_left"  # started, never submitted
    AWAITING = "awaiting"  # with the head (open round only)
    SUBMITTED = "submitted"  # on time, not yet decided
    SUBMITTED_LATE = "submitted_late"
    ACCEPTED = "accepted"
    ACCEPTED_LATE = "accepted_late"
    RETURNED_OPEN = "returned_open"  # returned, not corrected
    RETURNED_REDRAFT = "returned_redraft"  # returned, a correction in draft
    RESUBMITTED = "resubmitted"  # returned, corrected and submitted again
    RESUBMITTED_ACCEPTED = "resubmitted_accepted"


# Shares of outcomes in a closed round, per profile (each row sums to 1).
CLOSED_OUTCOMES: dict[Profile, tuple[tuple[Outcome, float], ...]] = {
    Profile.GOOD: (
        (Outcome.ACCEPTED, 0.70), (Outcome.ACCEPTED_LATE, 0.04), (Outcome.SUBMITTED, 0.08),
        (Outcome.RESUBMITTED_ACCEPTED, 0.10), (Outcome.RESUBMITTED, 0.03), (Outcome.RETURNED_OPEN, 0.02),
        (Outcome.SUBMITTED_LATE, 0.01), (Outcome.NONE, 0.02),
    ),
    Profile.AVERAGE: (
        (Outcome.ACCEPTED, 0.45), (Outcome.ACCEPTED_LATE, 0.15), (Outcome.SUBMITTED, 0.07),
        (Outcome.SUBMITTED_LATE, 0.05), (Outcome.RESUBMITTED_ACCEPTED, 0.12), (Outcome.RESUBMITTED, 0.04),
        (Outcome.RETURNED_OPEN, 0.04), (Outcome.DRAFT_LEFT, 0.03), (Outcome.NONE, 0.05),
    ),
    Profile.POOR: (
        (Outcome.ACCEPTED, 0.20), (Outcome.ACCEPTED_LATE, 0.20), (Outcome.SUBMITTED_LATE, 0.12),
        (Outcome.RESUBMITTED_ACCEPTED, 0.08), (Outcome.RETURNED_OPEN, 0.10), (Outcome.DRAFT_LEFT, 0.10),
        (Outcome.NONE, 0.20),
    ),
    Profile.ABSENT: ((Outcome.ACCEPTED_LATE, 0.10), (Outcome.DRAFT_LEFT, 0.15), (Outcome.NONE, 0.75)),
}  # fmt: skip
# The open round, two weeks before its deadline.
OPEN_OUTCOMES: tuple[tuple[Outcome, float], ...] = (
    (Outcome.NONE, 0.20), (Outcome.DRAFT_LEFT, 0.30), (Outcome.AWAITING, 0.15), (Outcome.SUBMITTED, 0.20),
    (Outcome.ACCEPTED, 0.08), (Outcome.RETURNED_REDRAFT, 0.05), (Outcome.RETURNED_OPEN, 0.02),
)  # fmt: skip
