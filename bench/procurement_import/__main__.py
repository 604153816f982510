"""Time the import of a 10,000-row สขร.1 workbook (twelve monthly sheets) and its re-import; report peak memory.

    python -m bench.procurement_import [--rows 10000] [--seed 2569] [--database-url postgres://…/bench_import]

The workbook is generated once into var/bench/ (kept for the next run). The database is made fresh on
each run: by default a SQLite file var/bench/procurement-import.sqlite3, else the PostgreSQL database the
URL names (dropped and created). Then, with the clock at 15 October 2026 (after the fiscal year):

1. stream only: every row of every sheet through openpyxl's read-only mode, as the reader gets them, under
   tracemalloc (what reading the file itself holds, whatever its length);
   read only: the reader over the whole workbook (prongsai.procurement.workbook.read_workbook), timed, then
   again under tracemalloc (the file streamed, plus the records read, which the import needs all of);
2. first import: procurement_import into the empty unit (every row created), timed;
3. re-import: the same file again (every row unchanged), timed, then once more under tracemalloc;
4. the process's peak resident size (ru_maxrss) at the end.

Prints the machine and a table; nothing is written but the workbook and the SQLite file.
"""

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "var" / "bench"


def _prepare(url: str | None) -> str:
    """Return the database URL of a fresh, empty database."""
    if url is None:
        path = BENCH_DIR / "procurement-import.sqlite3"
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("PRONGSAI_DEBUG", "0")  # no query log in memory
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _timed[T](call: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def _peak(call: Callable[[], object]) -> float:
    """Return the peak of Python allocations while `call` runs, in MiB."""
    tracemalloc.start()
    try:
        call()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / (1024 * 1024)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.procurement_import",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2569)
    parser.add_argument("--database-url", default=None, help="postgres://… (dropped and created); default SQLite")
    args = parser.parse_args(argv)

    url = _prepare(args.database_url)
    _setup_django(url)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from prongsai.organizations.services import organization_create
    from prongsai.procurement.importing import ImportResult, procurement_import
    from prongsai.procurement.models import ProcurementRecord
    from prongsai.procurement.workbook import read_workbook

    from .generate import generate

    workbook = BENCH_DIR / f"procurement-import-{args.rows}-{args.seed}.xlsx"
    if workbook.exists():
        size, generated = workbook.stat().st_size, 0.0
    else:
        size, generated = _timed(lambda: generate(workbook, rows=args.rows, seed=args.seed))
    content = workbook.read_bytes()
    _migrated, migrate_seconds = _timed(lambda: call_command("migrate", verbosity=0))
    department = organization_create(actor=None, kind="department", slug="bench", name_th="กรมทดสอบ", name_en="Bench")
    unit = organization_create(
        actor=None, kind="unit", slug="bench-unit", parent=department, name_th="กองทดสอบ", name_en="Bench unit"
    )
    now = dt.datetime(2026, 10, 15, 10, 0, tzinfo=dt.UTC)
    today = timezone.localdate(now)

    read, read_seconds = _timed(lambda: read_workbook(content, today=today))
    if read.problems:
        raise SystemExit(f"the generated workbook has problems: {read.problems[:5]}")
    read_peak = _peak(lambda: read_workbook(content, today=today))

    def stream() -> int:
        import io

        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        count = 0
        for sheet in book.worksheets:
            sheet.reset_dimensions()
            for _values in sheet.iter_rows(min_row=1, max_col=60, values_only=True):
                count += 1
        book.close()
        return count

    streamed, stream_seconds = _timed(stream)
    stream_peak = _peak(stream)

    def run_import() -> ImportResult:
        return procurement_import(actor=None, organization=unit, content=content, filename=workbook.name, now=now)

    first, first_seconds = _timed(run_import)
    again, again_seconds = _timed(run_import)
    again_peak = _peak(run_import)
    stored = ProcurementRecord.objects.filter(organization=unit).count()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    if connection.vendor == "sqlite":
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    else:
        version = int(getattr(connection, "pg_version", 0))
        database = f"PostgreSQL {version // 10000}.{version % 10000}"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load {load}, Python {platform.python_version()}, {database}")
    print(f"workbook: {workbook.relative_to(ROOT)} — {args.rows:,} rows in 12 sheets, {size / 1024:,.0f} KiB"
          + (f", generated in {generated:.1f} s" if generated else " (reused)"))  # fmt: skip
    print(f"migrate: {migrate_seconds:.1f} s; records stored: {stored:,}")
    print()
    print("| step | seconds | rows/s | created | updated | unchanged | tracemalloc peak |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| stream only ({streamed:,} rows) | {stream_seconds:.2f} | {streamed / stream_seconds:,.0f} | | | "
          f"| {stream_peak:.1f} MiB |")  # fmt: skip
    print(f"| read only | {read_seconds:.2f} | {read.rows / read_seconds:,.0f} | | | | {read_peak:.1f} MiB |")
    print(f"| first import | {first_seconds:.2f} | {first.rows / first_seconds:,.0f} | {first.created:,} "
          f"| {first.updated:,} | {first.unchanged:,} | |")  # fmt: skip
    print(f"| re-import (no change) | {again_seconds:.2f} | {again.rows / again_seconds:,.0f} | {again.created:,} "
          f"| {again.updated:,} | {again.unchanged:,} | {again_peak:.1f} MiB |")  # fmt: skip
    print()
    print(f"records read: {(read_peak - stream_peak) * 1024 / read.rows:.1f} KiB a row above the streamed file")
    print(f"peak resident size of the process (ru_maxrss): {max_rss:,.0f} MiB")


if __name__ == "__main__":
    main()
