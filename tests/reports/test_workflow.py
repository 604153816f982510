"""The pure rules of reporting rounds: codes, lateness and the two reports' transitions."""

import datetime as dt

import pytest

from prongsai.reports.workflow import (
    IllegalReportTransition,
    OverallState,
    OverallTransition,
    ReportState,
    ReportTransition,
    UnknownRound,
    is_late,
    next_overall_state,
    next_report_state,
    round_code,
    round_from_code,
)
from prongsai.thaidate import ReportingRound
from prongsai.thaidate.fiscal import RoundKind


@pytest.mark.parametrize(
    ("code", "fiscal_year", "kind", "start", "end"),
    [
        ("2569-6", 2569, RoundKind.SIX_MONTH, dt.date(2025, 10, 1), dt.date(2026, 3, 31)),
        ("2569-12", 2569, RoundKind.TWELVE_MONTH, dt.date(2025, 10, 1), dt.date(2026, 9, 30)),
        (" 2570-6 ", 2570, RoundKind.SIX_MONTH, dt.date(2026, 10, 1), dt.date(2027, 3, 31)),
        # FY 2567 ends in the leap year 2024; the six-month round still ends on 31 March.
        ("2567-6", 2567, RoundKind.SIX_MONTH, dt.date(2023, 10, 1), dt.date(2024, 3, 31)),
    ],
)
def test_round_codes_name_the_fiscal_year_and_months(
    code: str, fiscal_year: int, kind: RoundKind, start: dt.date, end: dt.date
) -> None:
    period = round_from_code(code)
    assert period == ReportingRound(fiscal_year, kind)
    assert (period.start, period.end) == (start, end)
    assert round_code(period) == code.strip()


def test_round_codes_may_be_written_in_thai_digits() -> None:
    assert round_from_code("๒๕๖๙-๑๒") == ReportingRound(2569, RoundKind.TWELVE_MONTH)


@pytest.mark.parametrize("code", ["2569-3", "2569", "2026-6", "๒๕๖๙-๓", "2569-12x", "", "-6", "2569-06"])
def test_unknown_round_codes_are_refused(code: str) -> None:
    with pytest.raises(UnknownRound):
        round_from_code(code)


@pytest.mark.parametrize(
    ("submitted_on", "late"),
    [(dt.date(2026, 4, 30), False), (dt.date(2026, 4, 29), False), (dt.date(2026, 5, 1), True)],
)
def test_a_report_is_late_from_the_day_after_the_deadline(submitted_on: dt.date, late: bool) -> None:
    assert is_late(submitted_on=submitted_on, deadline=dt.date(2026, 4, 30)) is late


def test_unit_report_transitions() -> None:
    assert next_report_state(ReportState.DRAFT, ReportTransition.SEND_FOR_APPROVAL) is ReportState.AWAITING_APPROVAL
    assert next_report_state(ReportState.AWAITING_APPROVAL, ReportTransition.SEND_BACK) is ReportState.DRAFT
    assert next_report_state(ReportState.AWAITING_APPROVAL, ReportTransition.APPROVE) is ReportState.SUBMITTED
    assert next_report_state(ReportState.SUBMITTED, ReportTransition.ACCEPT) is ReportState.ACCEPTED
    assert next_report_state(ReportState.SUBMITTED, ReportTransition.RETURN) is ReportState.RETURNED
    for state, transition in [
        (ReportState.DRAFT, ReportTransition.APPROVE),
        (ReportState.DRAFT, ReportTransition.ACCEPT),
        (ReportState.ACCEPTED, ReportTransition.RETURN),
        (ReportState.RETURNED, ReportTransition.SEND_FOR_APPROVAL),
        (ReportState.SUBMITTED, ReportTransition.SEND_BACK),
    ]:
        with pytest.raises(IllegalReportTransition, match=f"cannot {transition.value} a report that is {state.value}"):
            next_report_state(state, transition)


def test_overall_report_transitions() -> None:
    assert next_overall_state(OverallState.DRAFT, OverallTransition.SEND_FOR_APPROVAL) is OverallState.AWAITING_APPROVAL
    assert next_overall_state(OverallState.AWAITING_APPROVAL, OverallTransition.SEND_BACK) is OverallState.DRAFT
    assert next_overall_state(OverallState.AWAITING_APPROVAL, OverallTransition.APPROVE) is OverallState.APPROVED
    with pytest.raises(IllegalReportTransition):
        next_overall_state(OverallState.APPROVED, OverallTransition.SEND_BACK)
    with pytest.raises(IllegalReportTransition):
        next_overall_state(OverallState.DRAFT, OverallTransition.APPROVE)
