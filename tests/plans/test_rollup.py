"""The roll-ups of project progress (plans/rollup.py): worked out by hand, then properties over random plans."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from prongsai.plans.rollup import (
    Figures,
    ProjectFacts,
    Report,
    figures_json,
    latest_report,
    roll_up,
    round_cutoffs,
    round_figures,
)

D = Decimal
MARCH_31 = dt.date(2026, 3, 31)
SEPT_30 = dt.date(2026, 9, 30)


def report(period: str, as_of: dt.date, percent: str, disbursed: str, status: str = "on_schedule") -> Report:
    return Report(dt.date.fromisoformat(f"{period}-01"), as_of, D(percent), D(disbursed), status)


TRAINING = ProjectFacts(
    D("1000000.00"),
    [
        report("2025-12", dt.date(2025, 12, 31), "20", "150000.00"),
        report("2026-03", MARCH_31, "45.5", "400000.00"),
        report("2026-09", SEPT_30, "100", "980000.00", "completed"),
    ],
)
PUBLICITY = ProjectFacts(D("250000.00"), [report("2026-02", dt.date(2026, 2, 28), "30", "50000.00", "behind")])
EQUIPMENT = ProjectFacts(D("750000.00"), [report("2026-04", dt.date(2026, 4, 10), "10", "0.00")])
PLAN = [TRAINING, PUBLICITY, EQUIPMENT]


def test_the_six_month_figure_is_the_roll_up_as_of_31_march() -> None:
    # (1,000,000 × 45.5 + 250,000 × 30 + 750,000 × 0) / 2,000,000 = 26.5; 450,000 / 2,000,000 = 22.5 %.
    assert roll_up(PLAN, MARCH_31) == Figures(
        budget=D("2000000.00"),
        disbursed=D("450000.00"),
        disbursed_percent=D("22.50"),
        progress_percent=D("26.50"),
        projects=3,
        completed=0,
        behind=1,
        not_reported=1,
    )


def test_the_twelve_month_figure_is_the_roll_up_as_of_30_september() -> None:
    # (1,000,000 × 100 + 250,000 × 30 + 750,000 × 10) / 2,000,000 = 57.5; 1,030,000 / 2,000,000 = 51.5 %.
    assert roll_up(PLAN, SEPT_30) == Figures(
        budget=D("2000000.00"),
        disbursed=D("1030000.00"),
        disbursed_percent=D("51.50"),
        progress_percent=D("57.50"),
        projects=3,
        completed=1,
        behind=1,
        not_reported=0,
    )


def test_round_cutoffs_and_the_rounds_reached() -> None:
    assert round_cutoffs(2569) == {"6": MARCH_31, "12": SEPT_30}
    assert round_figures(PLAN, 2569, dt.date(2026, 3, 30)) == {}
    assert set(round_figures(PLAN, 2569, MARCH_31)) == {"6"}
    rounds = round_figures(PLAN, 2569, dt.date(2026, 10, 5))
    assert (rounds["6"].progress_percent, rounds["12"].progress_percent) == (D("26.50"), D("57.50"))


def test_an_unreported_project_counts_as_zero_percent() -> None:
    reported = ProjectFacts(D("100.00"), [report("2026-01", dt.date(2026, 1, 31), "50", "10.00")])
    silent = ProjectFacts(D("100.00"), [])
    figures = roll_up([reported, silent], MARCH_31)
    # (100 × 50 + 100 × 0) / 200 = 25 %, not the 50 % of the only report.
    assert (figures.progress_percent, figures.not_reported, figures.disbursed) == (D("25.00"), 1, D("10.00"))


def test_nothing_reported_has_no_progress_figure() -> None:
    figures = roll_up([ProjectFacts(D("100.00"), [])], MARCH_31)
    assert (figures.progress_percent, figures.disbursed, figures.disbursed_percent) == (None, D("0.00"), D("0.00"))
    assert roll_up([], MARCH_31) == Figures(D("0.00"), D("0.00"), None, None, 0, 0, 0, 0)


def test_zero_budgets_average_progress_plainly_and_have_no_disbursed_share() -> None:
    free_a = ProjectFacts(D("0.00"), [report("2026-01", dt.date(2026, 1, 31), "40", "0.00")])
    free_b = ProjectFacts(D("0.00"), [report("2026-01", dt.date(2026, 1, 31), "70", "0.00")])
    free_c = ProjectFacts(D("0.00"), [])
    figures = roll_up([free_a, free_b, free_c], MARCH_31)
    # (40 + 70 + 0) / 3 = 36.666… → 36.67; no budget, so no share disbursed.
    assert (figures.progress_percent, figures.disbursed_percent, figures.budget) == (D("36.67"), None, D("0.00"))


def test_the_report_in_force_is_the_latest_as_of_date_on_or_before_the_cut_off() -> None:
    early = report("2026-02", dt.date(2026, 3, 5), "30", "10.00")
    march = report("2026-03", MARCH_31, "40", "20.00")
    late_for_march = report("2026-04", dt.date(2026, 4, 2), "50", "30.00")
    assert latest_report([late_for_march, march, early], MARCH_31) == march
    assert latest_report([late_for_march, march, early], dt.date(2026, 3, 30)) == early
    assert latest_report([late_for_march], MARCH_31) is None
    # Two reports written on the same day: the later month wins.
    same_day = report("2026-03", dt.date(2026, 3, 5), "35", "15.00")
    assert latest_report([same_day, early], MARCH_31) == same_day


def test_percentages_round_half_up_to_a_hundredth_and_money_to_the_satang() -> None:
    # (10.01 + 10.00) / 2 = 10.005 → 10.01 (half up, not to even).
    a = ProjectFacts(D("1.00"), [report("2026-01", dt.date(2026, 1, 31), "10.01", "0.00")])
    b = ProjectFacts(D("1.00"), [report("2026-01", dt.date(2026, 1, 31), "10.00", "0.00")])
    assert roll_up([a, b], MARCH_31).progress_percent == D("10.01")
    # 1 of 800 baht disbursed: 0.125 % → 0.13 %.
    c = ProjectFacts(D("800.00"), [report("2026-01", dt.date(2026, 1, 31), "1", "1.00")])
    assert roll_up([c], MARCH_31).disbursed_percent == D("0.13")
    # 2 of 3 baht: 66.666… % → 66.67 %; amounts add to the satang.
    d = ProjectFacts(D("1.50"), [report("2026-01", dt.date(2026, 1, 31), "0", "0.75")])
    e = ProjectFacts(D("1.50"), [report("2026-01", dt.date(2026, 1, 31), "0", "1.25")])
    figures = roll_up([d, e], MARCH_31)
    assert (figures.budget, figures.disbursed, figures.disbursed_percent) == (D("3.00"), D("2.00"), D("66.67"))


def test_figures_travel_as_exact_strings() -> None:
    assert figures_json(roll_up(PLAN, MARCH_31)) == {
        "budget": "2000000.00",
        "disbursed": "450000.00",
        "disbursed_percent": "22.50",
        "progress_percent": "26.50",
        "projects": 3,
        "completed": 0,
        "behind": 1,
        "not_reported": 1,
    }


# --- properties over random plans -----------------------------------------------------------------------------------

FY_START = dt.date(2025, 10, 1)
_money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
_percent = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
_status = st.sampled_from(["not_started", "on_schedule", "behind", "completed", "cancelled"])


@st.composite
def _project(draw: st.DrawFn) -> ProjectFacts:
    budget = draw(_money)
    months = draw(st.lists(st.integers(0, 11), unique=True, max_size=6))
    reports = []
    for month in months:
        period = dt.date(FY_START.year + (9 + month) // 12, (9 + month) % 12 + 1, 1)
        as_of = period + dt.timedelta(days=draw(st.integers(0, 40)))
        spent = draw(st.decimals(min_value=0, max_value=budget, places=2, allow_nan=False, allow_infinity=False))
        reports.append(Report(period, as_of, draw(_percent), spent, draw(_status)))
    return ProjectFacts(budget, reports)


def _latest_by_hand(facts: ProjectFacts, cutoff: dt.date) -> Report | None:
    chosen: Report | None = None
    for candidate in facts.reports:
        if candidate.as_of > cutoff:
            continue
        if chosen is None or (candidate.as_of, candidate.period) > (chosen.as_of, chosen.period):
            chosen = candidate
    return chosen


@given(st.lists(_project(), max_size=8), st.dates(min_value=FY_START, max_value=dt.date(2026, 11, 30)))
def test_progress_stays_within_0_and_100_and_disbursed_is_the_sum_of_the_latest(
    projects: list[ProjectFacts], cutoff: dt.date
) -> None:
    figures = roll_up(projects, cutoff)
    latest = [_latest_by_hand(p, cutoff) for p in projects]
    assert figures.disbursed == sum((r.disbursed for r in latest if r is not None), D("0.00"))
    assert figures.budget == sum((p.budget for p in projects), D("0.00"))
    assert figures.not_reported == sum(1 for r in latest if r is None)
    if figures.progress_percent is not None:
        assert D("0") <= figures.progress_percent <= D("100")
    else:
        assert all(r is None for r in latest)
    if figures.disbursed_percent is not None:
        assert D("0") <= figures.disbursed_percent <= D("100")
