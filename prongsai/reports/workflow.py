"""Reporting rounds (measure 6.4) and the life of their reports, as pure rules. No Django.

A round is one of a fiscal year's two: ``2569-6`` (1 October 2568 – 31 March 2569) and ``2569-12``
(the whole fiscal year). Each unit's report (6.3.2) is written by the unit's reporter (6.2.2),
approved by its head (6.1.2) — which submits it to the ICT Center — and accepted or returned by the
ICT Center. A returned report is corrected in a new version; every version is kept. The ICT
Center's overall report (6.3.1) is approved by the supervisor assigned at department level (6.1.1).
Approval freezes a report: what it says no longer follows the data.
"""

import datetime as dt
import re
from enum import StrEnum

from prongsai.thaidate import ReportingRound
from prongsai.thaidate.fiscal import RoundKind
from prongsai.thaitext import ascii_digits

__all__ = [
    "FISCAL_YEARS",
    "KIND_BY_MONTHS",
    "ApproverIsAuthor",
    "IllegalReportTransition",
    "OverallState",
    "OverallTransition",
    "ReportState",
    "ReportTransition",
    "RoundState",
    "UnknownRound",
    "approval_conflict",
    "is_late",
    "next_overall_state",
    "next_report_state",
    "round_code",
    "round_from_code",
]

_CODE = re.compile(r"^\s*([0-9]{4})-(6|12)\s*$")
# A round's kind by the months it covers, as its code and the commands write it.
KIND_BY_MONTHS = {"6": RoundKind.SIX_MONTH, "12": RoundKind.TWELVE_MONTH}
# Buddhist-era fiscal years the system accepts: FY 2500 began in 1956, 2700 is far beyond any use.
FISCAL_YEARS = range(2500, 2701)


class UnknownRound(ValueError):
    """A round code that is not ``<BE fiscal year>-6`` or ``<BE fiscal year>-12``."""


def round_code(period: ReportingRound) -> str:
    """Return the round's code: the BE fiscal year and the months it covers, e.g. ``2569-6``."""
    return f"{period.fiscal_year}-{period.months_covered}"


def round_from_code(code: str) -> ReportingRound:
    """Read a round code such as ``2569-6`` or ``2569-12``; raise UnknownRound otherwise.

    Thai digits are read too (``๒๕๖๙-6``). Only Buddhist-era years are accepted: ``2026-6`` is
    refused rather than read as a year 543 years too early.
    """
    match = _CODE.match(ascii_digits(code))
    if match is None:
        raise UnknownRound(code)
    year = int(match.group(1))
    if year not in FISCAL_YEARS:
        raise UnknownRound(code)
    return ReportingRound(year, KIND_BY_MONTHS[match.group(2)])


def is_late(*, submitted_on: dt.date, deadline: dt.date) -> bool:
    """Tell whether a report submitted on this day missed the deadline (the deadline day itself is in time)."""
    return submitted_on > deadline


class RoundState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ReportState(StrEnum):
    """Where one version of a unit's report stands."""

    DRAFT = "draft"  # the reporter writes it
    AWAITING_APPROVAL = "awaiting_approval"  # with the unit head
    SUBMITTED = "submitted"  # approved by the head and sent to the ICT Center
    ACCEPTED = "accepted"  # the ICT Center took it
    RETURNED = "returned"  # the ICT Center sent it back with comments; a new version corrects it


class ReportTransition(StrEnum):
    SEND_FOR_APPROVAL = "send_for_approval"
    SEND_BACK = "send_back"  # the head returns it to the reporter before submission
    APPROVE = "approve"  # the head approves: the version is frozen and submitted
    ACCEPT = "accept"
    RETURN = "return"


REPORT_TRANSITIONS: dict[tuple[ReportState, ReportTransition], ReportState] = {
    (ReportState.DRAFT, ReportTransition.SEND_FOR_APPROVAL): ReportState.AWAITING_APPROVAL,
    (ReportState.AWAITING_APPROVAL, ReportTransition.SEND_BACK): ReportState.DRAFT,
    (ReportState.AWAITING_APPROVAL, ReportTransition.APPROVE): ReportState.SUBMITTED,
    (ReportState.SUBMITTED, ReportTransition.ACCEPT): ReportState.ACCEPTED,
    (ReportState.SUBMITTED, ReportTransition.RETURN): ReportState.RETURNED,
}

# A version in these states no longer changes: its content and prefilled facts are frozen.
FROZEN_REPORT_STATES = frozenset({ReportState.SUBMITTED, ReportState.ACCEPTED, ReportState.RETURNED})


class OverallState(StrEnum):
    """Where the ICT Center's overall report of a round stands."""

    DRAFT = "draft"  # the ICT Center compiles it and edits the recommendations
    AWAITING_APPROVAL = "awaiting_approval"  # with the department-level supervisor
    APPROVED = "approved"  # signed off: frozen


class OverallTransition(StrEnum):
    SEND_FOR_APPROVAL = "send_for_approval"
    SEND_BACK = "send_back"
    APPROVE = "approve"


OVERALL_TRANSITIONS: dict[tuple[OverallState, OverallTransition], OverallState] = {
    (OverallState.DRAFT, OverallTransition.SEND_FOR_APPROVAL): OverallState.AWAITING_APPROVAL,
    (OverallState.AWAITING_APPROVAL, OverallTransition.SEND_BACK): OverallState.DRAFT,
    (OverallState.AWAITING_APPROVAL, OverallTransition.APPROVE): OverallState.APPROVED,
}


class IllegalReportTransition(Exception):
    """A step the report's current state does not allow."""

    def __init__(self, state: StrEnum, transition: StrEnum) -> None:
        self.state = state
        self.transition = transition
        super().__init__(f"cannot {transition.value} a report that is {state.value}")


def next_report_state(state: ReportState, transition: ReportTransition) -> ReportState:
    """Return the state a unit report's transition leads to, or raise IllegalReportTransition."""
    try:
        return REPORT_TRANSITIONS[(state, transition)]
    except KeyError:
        raise IllegalReportTransition(state, transition) from None


def next_overall_state(state: OverallState, transition: OverallTransition) -> OverallState:
    """Return the state an overall report's transition leads to, or raise IllegalReportTransition."""
    try:
        return OVERALL_TRANSITIONS[(state, transition)]
    except KeyError:
        raise IllegalReportTransition(state, transition) from None


class ApproverIsAuthor(Exception):
    """A unit head deciding on a report version they wrote or sent: separation of duties forbids it (6.1.2, 6.2.2).

    The service passes the message in the reader's language; the default is for logs and tests.
    """

    def __init__(self, message: str = "") -> None:
        super().__init__(message or "cannot approve a report version you wrote or sent for approval")


def approval_conflict(*, approver_id: int, author_id: int | None, sender_id: int | None) -> bool:
    """Tell whether the person deciding on a version wrote it or sent it for approval.

    The reporter a head appoints writes the report and the head approves it (measure 6.1.2, 6.2.2):
    whoever started or sent a version never approves it or sends it back, whatever roles they hold.
    """
    return approver_id in {author_id, sender_id}
