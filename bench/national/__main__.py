"""Command line: generate national-scale data, and time the reporting rounds' work on it.

    python -m bench.national generate --database-url postgres://postgres@127.0.0.1:5432/bench_national [--units N]
    python -m bench.national run --database-url postgres://postgres@127.0.0.1:5432/bench_national [--units N] [--reuse]

`run` recreates the database (dropped, created, migrated, generated) unless `--reuse` finds one
with the same number of units; then it times each measurement and writes var/bench/national-*.json.
"""

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]


def _prepare_database(url: str, *, recreate: bool) -> None:
    """Create the PostgreSQL database the URL names (dropping it first when asked)."""
    import psycopg

    parts = urlparse(url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("the national bench runs on PostgreSQL: give a postgres:// --database-url")
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        if recreate and exists:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("PRONGSAI_DEBUG", "0")  # no query log in memory, production-like templates
    os.environ.setdefault("PRONGSAI_TASK_BACKEND", "immediate")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _units_stored() -> int | None:
    """Return how many units the generated department has, or None when there is none."""
    from prongsai.organizations.models import Organization

    from .plan import DEPARTMENT_SLUG

    department = Organization.objects.filter(slug=DEPARTMENT_SLUG).first()
    return None if department is None else Organization.objects.filter(parent=department).count()


def ensure_data(url: str, *, units: int, seed: int, reuse: bool) -> dict[str, object]:
    """Make the database hold the generated department of `units` units; return what was done and how long it took."""
    _prepare_database(url, recreate=not reuse)
    _setup_django(url)
    from django.core.management import call_command

    from .generate import generate

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    stored = _units_stored()
    if reuse and stored == units:
        print(f"reusing the generated department of {units} units in {urlparse(url).path.lstrip('/')}")
        return {"reused": True, "units": units}
    if stored is not None:
        # Another size (or a half-made run): start again from an empty database.
        from django.db import connections

        connections.close_all()
        _prepare_database(url, recreate=True)
        call_command("migrate", verbosity=0)
    print(f"generating {units} units (seed {seed}) …", flush=True)
    generated = generate(units=units, seed=seed, log=True)
    print(f"generated in {generated.seconds:.1f} s (migrate {migrated:.1f} s)")
    for label, count in sorted(generated.rows.items()):
        print(f"  {label:<36} {count:>10,}")
    return {"reused": False, "units": units, "seconds": generated.seconds, "migrate_seconds": round(migrated, 1),
            "rows": generated.rows}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.national", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("generate", "run"):
        command = commands.add_parser(name)
        command.add_argument("--database-url", required=True, help="postgres://… (the database is created if missing)")
        command.add_argument("--units", type=int, default=8300)
        command.add_argument("--seed", type=int, default=2569)
        command.add_argument("--reuse", action="store_true", help="keep a database generated with as many units")
    run = commands.choices["run"]
    run.add_argument("--runs", type=int, default=5, help="timed runs per measurement (after one counted run)")
    run.add_argument("--pdf-units", type=int, default=100, help="units of the database the PDF is timed on")
    run.add_argument("--only", default="", help="comma-separated measurement keys (default: all)")
    run.add_argument("--json", type=Path, default=None, help="where to write the results (default var/bench/)")
    run.add_argument("--no-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    generation = ensure_data(args.database_url, units=args.units, seed=args.seed, reuse=args.reuse)
    if args.command == "generate":
        return
    from .harness import Options, run_all

    options = Options(
        database_url=args.database_url,
        units=args.units,
        seed=args.seed,
        runs=args.runs,
        pdf_units=args.pdf_units,
        only=frozenset(key for key in args.only.split(",") if key),
        json_path=args.json,
        child=args.no_child,
        reuse=args.reuse,
    )
    run_all(options, generation)


if __name__ == "__main__":
    main()
