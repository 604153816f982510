"""Time a year of monthly summaries for every generated unit: the selector, the XLSX, the PDF (all or a sample).

For each unit and month: `month_summary` (its queries counted), then `summary_xlsx` from it; the
PDF is printed for `pdf_sample` months spread over the units (every month with -1), each a fresh
headless Chromium as in production. Also `fiscal_year_months` and `reconciliation` once per unit.
Per-file medians, 90th percentiles and maxima, the totals, and the peak memory (this process's
maximum resident set, and Chromium's, the largest child's).
"""

import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.organizations.models import Organization
from prongsai.procurement.documents import summary_pdf, summary_pdfs, summary_xlsx
from prongsai.procurement.periods import fiscal_months, month_code
from prongsai.procurement.selectors import fiscal_year_months, month_summary, reconciliation

from .generate import DEPARTMENT_SLUG, FISCAL_YEAR


@dataclass
class Series:
    """The times (milliseconds) of one kind of call, and what it produced."""

    label: str
    times: list[float] = field(default_factory=list)
    bytes: int = 0
    queries: set[int] = field(default_factory=set)

    def add(self, started: float, size: int = 0, queries: int | None = None) -> None:
        self.times.append((time.perf_counter() - started) * 1000)
        self.bytes += size
        if queries is not None:
            self.queries.add(queries)

    def figures(self) -> dict[str, Any]:
        if not self.times:
            return {"label": self.label, "count": 0}
        ordered = sorted(self.times)
        return {
            "label": self.label,
            "count": len(ordered),
            "median_ms": round(statistics.median(ordered), 2),
            "p90_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))], 2),
            "max_ms": round(ordered[-1], 2),
            "total_s": round(sum(ordered) / 1000, 2),
            "bytes": self.bytes,
            "queries": sorted(self.queries),
        }


@dataclass
class Result:
    units: int
    months: int
    rows: int
    empty_months: int
    wall_s: float
    series: list[dict[str, Any]]
    peak_rss_mib: float
    peak_child_rss_mib: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _peak_mib(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # kilobytes on Linux


def _sample(units: list[Organization], months: int, size: int) -> set[tuple[int, int]]:
    """Choose `size` (unit, month) pairs spread evenly over the year's files; every pair when size is -1."""
    pairs = [(u, m) for u in range(len(units)) for m in range(months)]
    if size < 0 or size >= len(pairs):
        return set(pairs)
    if size == 0:
        return set()
    step = len(pairs) / size
    return {pairs[int(i * step)] for i in range(size)}


def run(
    *, pdf_sample: int = 24, pdf_batch: bool = False, out: Path | None = None, progress: Callable[[str], None] = print
) -> Result:
    """Make every unit's twelve summaries as XLSX (and the sampled ones as PDF); return the figures.

    With `pdf_batch`, every unit's twelve PDFs are also printed together in one browser (summary_pdfs),
    timed per unit.
    """
    units = list(Organization.objects.filter(parent__slug=DEPARTMENT_SLUG).order_by("sort_order", "slug"))
    months = fiscal_months(FISCAL_YEAR)
    chosen = _sample(units, len(months), pdf_sample)
    summaries, xlsx, pdf = Series("month_summary"), Series("summary_xlsx"), Series("summary_pdf")
    year, recon = Series("fiscal_year_months"), Series("reconciliation")
    batches = Series("summary_pdfs (a unit's 12 months, one browser)")
    rows = empty = 0
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    started_all = time.perf_counter()
    for u, unit in enumerate(units):
        started = time.perf_counter()
        fiscal_year_months(organization=unit, fiscal_year=FISCAL_YEAR)
        year.add(started)
        started = time.perf_counter()
        reconciliation(organization=unit, fiscal_year=FISCAL_YEAR)
        recon.add(started)
        unit_summaries = []
        for m, month in enumerate(months):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                summary = month_summary(organization=unit, month=month)
            summaries.add(started, queries=len(queries.captured_queries))
            unit_summaries.append(summary)
            rows += summary["totals"]["count"]
            empty += summary["closed"] and not summary["rows"]
            started = time.perf_counter()
            content = summary_xlsx(summary, organization=unit)
            xlsx.add(started, len(content))
            if out is not None:
                (out / f"{unit.slug}-{month_code(month)}.xlsx").write_bytes(content)
            if (u, m) in chosen:
                started = time.perf_counter()
                printed = summary_pdf(summary, organization=unit)
                pdf.add(started, len(printed))
                if out is not None:
                    (out / f"{unit.slug}-{month_code(month)}.pdf").write_bytes(printed)
        if pdf_batch:
            started = time.perf_counter()
            printed_year = summary_pdfs(unit_summaries, organization=unit)
            batches.add(started, sum(len(p) for p in printed_year))
        if (u + 1) % 10 == 0 or u + 1 == len(units):
            progress(f"  {u + 1}/{len(units)} units, {time.perf_counter() - started_all:.1f} s")
    return Result(
        units=len(units),
        months=len(units) * len(months),
        rows=rows,
        empty_months=empty,
        wall_s=round(time.perf_counter() - started_all, 2),
        series=[s.figures() for s in (summaries, xlsx, pdf, *([batches] if pdf_batch else []), year, recon)],
        peak_rss_mib=_peak_mib(resource.RUSAGE_SELF),
        peak_child_rss_mib=_peak_mib(resource.RUSAGE_CHILDREN),
    )
