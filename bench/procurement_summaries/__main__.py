"""Command line: generate a year of procurement records for many units, then time every monthly summary.

    python -m bench.procurement_summaries [--database-url URL] [--units 100] [--pdf-sample 24] [--pdf-batch] [--reuse]

The database is SQLite in var/bench/ by default, or PostgreSQL with a postgres:// URL (created,
or dropped and created again unless --reuse finds the same number of units). Prints the machine,
the data and a table of figures; --json writes them too, --out keeps the files made.
"""

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE = f"sqlite:///{ROOT / 'var' / 'bench' / 'procurement-summaries.sqlite3'}"


def _prepare_database(url: str, *, recreate: bool) -> None:
    """Make sure the database exists (dropped first when asked): a PostgreSQL database or a SQLite file."""
    parts = urlparse(url)
    if parts.scheme.startswith("sqlite"):
        path = Path(parts.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if recreate and path.exists():
            path.unlink()
        return
    import psycopg

    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        if recreate and exists:
            db.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if not exists:
            db.execute(f'CREATE DATABASE "{name}"')


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("PRONGSAI_DEBUG", "0")  # no query log in memory
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _units_stored() -> int | None:
    from prongsai.organizations.models import Organization

    from .generate import DEPARTMENT_SLUG

    department = Organization.objects.filter(slug=DEPARTMENT_SLUG).first()
    return None if department is None else Organization.objects.filter(parent=department).count()


def _database_version(connection: object) -> str:
    if getattr(connection, "vendor", "") == "sqlite":
        return str(connection.Database.sqlite_version)  # type: ignore[attr-defined]
    return str(getattr(connection, "pg_version", ""))


def _machine(url: str) -> dict[str, object]:
    import django
    from django.db import connection

    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "load": os.getloadavg(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": f"{connection.vendor} {_database_version(connection)}",
        "url": urlparse(url)._replace(netloc=urlparse(url).hostname or "").geturl(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.procurement_summaries", description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2569)
    parser.add_argument("--pdf-sample", type=int, default=24, help="months printed as PDF (-1: every month)")
    parser.add_argument(
        "--pdf-batch", action="store_true", help="also print every unit's 12 PDFs in one browser, timed per unit"
    )
    parser.add_argument("--reuse", action="store_true", help="keep a database generated with as many units")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--out", type=Path, help="keep the files made in this folder")
    options = parser.parse_args(argv)

    _prepare_database(options.database_url, recreate=not options.reuse)
    _setup_django(options.database_url)
    from django.core.management import call_command

    from . import measure
    from .generate import generate

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    stored = _units_stored()
    if stored != options.units:
        if stored is not None:
            from django.db import connections

            connections.close_all()
            _prepare_database(options.database_url, recreate=True)
            call_command("migrate", verbosity=0)
        generated = generate(units=options.units, seed=options.seed)
        print(
            f"generated {generated.units} units: {generated.records} records, {generated.bids} bids, "
            f"{generated.closed_months} closed months ({generated.empty_months} without records) "
            f"in {time.perf_counter() - started:.1f} s"
        )
    else:
        print(f"reusing the {stored} generated units")
    machine = _machine(options.database_url)
    print("machine:", ", ".join(f"{key} {value}" for key, value in machine.items()))
    result = measure.run(pdf_sample=options.pdf_sample, pdf_batch=options.pdf_batch, out=options.out)
    print(
        f"\n{result.units} units, {result.months} monthly summaries ({result.rows} rows, "
        f"{result.empty_months} closed without records) in {result.wall_s} s; "
        f"peak memory {result.peak_rss_mib} MiB (Chromium {result.peak_child_rss_mib} MiB)\n"
    )
    print("| call | count | median ms | p90 ms | max ms | total s | bytes | queries |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for row in result.series:
        if row["count"]:
            print(
                f"| {row['label']} | {row['count']} | {row['median_ms']} | {row['p90_ms']} | {row['max_ms']} "
                f"| {row['total_s']} | {row['bytes']} | {', '.join(map(str, row['queries']))} |"
            )
        else:
            print(f"| {row['label']} | 0 | | | | | | |")
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(
            json.dumps(
                {"taken": dt.datetime.now(dt.UTC).isoformat(), "machine": machine, **result.as_dict()},
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
