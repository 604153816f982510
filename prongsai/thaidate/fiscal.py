"""The Thai government fiscal year and the two reporting rounds within it.

A fiscal year (ปีงบประมาณ) runs from 1 October to 30 September and is named
by the Buddhist-era year it ends in: FY 2569 is 1 October 2025 - 30 September
2026. Units report twice a year: the 6-month round covers October-March, the
12-month round the whole fiscal year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from prongsai.thaidate.era import to_be_year, to_ce_year

__all__ = [
    "ReportingRound",
    "RoundKind",
    "current_round",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "rounds_of_fiscal_year",
]

FISCAL_YEAR_START_MONTH = 10


def fiscal_year_of(d: date) -> int:
    """Return the Buddhist-era fiscal year ``d`` belongs to.

    Dates from October on already belong to the next fiscal year:
    1 October 2025 is in FY 2569, 30 September 2026 too, 1 October 2026 in
    FY 2570.
    """
    be_year = to_be_year(d.year)
    return be_year + 1 if d.month >= FISCAL_YEAR_START_MONTH else be_year


def fiscal_year_bounds(be_fiscal_year: int) -> tuple[date, date]:
    """Return the first and last day (inclusive, common-era dates) of a fiscal year.

    Filter records by fiscal year with these two dates: FY 2569 gives
    (1 October 2025, 30 September 2026).
    """
    ce_end_year = to_ce_year(be_fiscal_year)
    return date(ce_end_year - 1, FISCAL_YEAR_START_MONTH, 1), date(ce_end_year, 9, 30)


class RoundKind(StrEnum):
    """Which of the two yearly reporting rounds."""

    SIX_MONTH = "six_month"
    TWELVE_MONTH = "twelve_month"


_MONTHS_COVERED = {RoundKind.SIX_MONTH: 6, RoundKind.TWELVE_MONTH: 12}


@dataclass(frozen=True, slots=True, order=True)
class ReportingRound:
    """One reporting round: a fiscal year (พ.ศ.) and the round's kind.

    Rounds sort chronologically: by fiscal year, then six-month before
    twelve-month.
    """

    fiscal_year: int
    kind: RoundKind

    def __post_init__(self) -> None:
        # Accept the stored string value ("six_month") as well as the enum.
        object.__setattr__(self, "kind", RoundKind(self.kind))

    @property
    def start(self) -> date:
        """Return the first day the round covers (1 October)."""
        return fiscal_year_bounds(self.fiscal_year)[0]

    @property
    def end(self) -> date:
        """Return the last day the round covers (31 March or 30 September)."""
        fy_end = fiscal_year_bounds(self.fiscal_year)[1]
        if self.kind is RoundKind.SIX_MONTH:
            return date(fy_end.year, 3, 31)
        return fy_end

    @property
    def months_covered(self) -> int:
        """Return how many months the round covers (6 or 12)."""
        return _MONTHS_COVERED[self.kind]

    @property
    def label_th(self) -> str:
        """Return the Thai label, e.g. "รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2569"."""
        return f"รอบ {self.months_covered} เดือน ปีงบประมาณ พ.ศ. {self.fiscal_year}"

    @property
    def label_en(self) -> str:
        """Return the English label with the common-era year the fiscal year ends in.

        FY 2569 ends in 2026, so the six-month round is "6-month round,
        fiscal year 2026".
        """
        return f"{self.months_covered}-month round, fiscal year {to_ce_year(self.fiscal_year)}"

    def contains(self, d: date) -> bool:
        """Return whether ``d`` lies inside the period the round covers."""
        return self.start <= d <= self.end


def rounds_of_fiscal_year(be_fiscal_year: int) -> list[ReportingRound]:
    """Return the fiscal year's two rounds, six-month first.

    Use it to create or list everything a unit must report for one year.
    """
    return [ReportingRound(be_fiscal_year, kind) for kind in RoundKind]


def current_round(today: date) -> ReportingRound:
    """Return the round whose period ``today`` falls in.

    October-March is the six-month round of the running fiscal year, April-
    September its twelve-month round, so the system knows which round to
    collect for.
    """
    kind = RoundKind.TWELVE_MONTH if 4 <= today.month <= 9 else RoundKind.SIX_MONTH
    return ReportingRound(fiscal_year_of(today), kind)
