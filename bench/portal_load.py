"""Benchmark the public portal under load on the production server set-up (not a test).

Serves production settings (`bench.portal_settings`: production's, plus a bare Django "hello"
view at /bench/hello/) with gunicorn and the committed `config/gunicorn.py`, on PostgreSQL with
persistent connections, loads the demo department, and drives each page with wrk: the hello
view, the busiest demo unit's page in Thai and in English, the home page, and the unit page
revalidated with If-None-Match (a 304). It prints a markdown table of requests/s, p50 and p99
beside hello's throughput and exits non-zero when a unit page reaches less than the target
share of hello's requests/s (default 50 %), or when any answer was not the expected status.

    .venv/bin/python bench/portal_load.py                 # 5 s warm-up + 20 s per target
    .venv/bin/python bench/portal_load.py --reuse --duration 10 --connections 64

Needs wrk (Debian: `apt-get install wrk`) and PostgreSQL. The database `bench_portal` (see
--database-url) is dropped and created afresh unless --reuse; --drop removes it at the end.
Figures go to standard output only; run it on an otherwise idle machine.
"""

import argparse
import json
import os
import platform
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_portal"
LUA_SCRIPT = Path(__file__).resolve().with_suffix(".lua")
RESULT_MARK = "PRONGSAI-BENCH "


@dataclass(frozen=True)
class Target:
    """One address to load, with the request headers to send and the status every answer must have."""

    label: str
    path: str
    headers: tuple[str, ...] = ()
    expected_status: int = 200
    gated: bool = False  # must reach the target share of hello's throughput


@dataclass(frozen=True)
class Result:
    """What wrk measured for one target."""

    target: Target
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    statuses: dict[int, int]
    errors: dict[str, int]
    command: str

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def problems(self) -> list[str]:
        """Say what was wrong with the answers: any other status than expected, any socket error."""
        found = [
            f"{count} answers with status {status} (expected {self.target.expected_status})"
            for status, count in sorted(self.statuses.items())
            if status != self.target.expected_status
        ]
        found += [f"{count} {kind} errors" for kind, count in self.errors.items() if count and kind != "status"]
        if not self.requests:
            found.append("no request completed")
        return found


def bench_environment(args: argparse.Namespace, static_root: Path) -> dict[str, str]:
    """Return the environment of the production-style server (and of the set-up commands)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PRONGSAI_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.portal_settings",
            "PRONGSAI_SECRET_KEY": secrets.token_urlsafe(64),
            "PRONGSAI_AUDIT_KEY": secrets.token_urlsafe(32),
            "PRONGSAI_ALLOWED_HOSTS": "127.0.0.1",
            # The bench speaks plain HTTP on loopback; production sits behind a TLS proxy.
            "PRONGSAI_SSL_REDIRECT": "0",
            "DATABASE_URL": args.database_url,
            "PRONGSAI_DB_CONN_MAX_AGE": str(args.conn_max_age),
            "PRONGSAI_VAR_DIR": str(args.var_dir),
            "PRONGSAI_STATIC_ROOT": str(static_root),
            # Queued notifications of the demo's history stay in the database; nothing is mailed.
            "PRONGSAI_TASK_BACKEND": "database",
            "PRONGSAI_LOG_LEVEL": "WARNING",
        }
    )
    if args.cache_url:
        env["PRONGSAI_CACHE_URL"] = args.cache_url
    return env


def database_reset(url: str, *, drop: bool, create: bool) -> bool:
    """Drop and/or create the bench database on its server; return whether it exists afterwards."""
    import psycopg

    parsed = urlparse(url)
    if not parsed.scheme.startswith("postgres"):
        raise SystemExit("the portal bench runs on PostgreSQL: give a postgres:// --database-url")
    name = parsed.path.lstrip("/")
    if name in {"", "postgres", "test", "template0", "template1"}:
        raise SystemExit(f"refusing to use the database {name!r} for the bench")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        if drop and exists:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if create and not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            exists = True
    return exists


def prepare_data(reuse: bool) -> tuple[str, str, str]:
    """Migrate, load the demo (unless reused), collect static files; return the busiest unit's slug, names."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, F

    from prongsai.disclosures.models import Document, Entry
    from prongsai.organizations.models import Organization

    call_command("migrate", verbosity=0, interactive=False)
    if not (reuse and Organization.objects.filter(parent__isnull=True).exists()):
        started = time.perf_counter()
        # The demo app is installed by the development settings only (production never carries it):
        # load it through them, into the same database and upload folders.
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "demo"],
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"Loaded the demo department in {time.perf_counter() - started:.1f} s.")
    call_command("collectstatic", verbosity=0, interactive=False)
    published = {
        row["organization__slug"]: row["count"]
        for row in Entry.objects.filter(published_version__isnull=False)
        .values("organization__slug")
        .annotate(count=Count("id"))
    }
    documents = {
        row["version__entry__organization__slug"]: row["count"]
        for row in Document.objects.filter(version__entry__published_version=F("version"))
        .values("version__entry__organization__slug")
        .annotate(count=Count("id"))
    }
    units = list(Organization.objects.filter(kind="unit"))
    if not units:
        raise SystemExit("the bench database has no unit; run without --reuse to load the demo")
    busiest = max(units, key=lambda unit: (published.get(unit.slug, 0), documents.get(unit.slug, 0), unit.slug))
    print(
        f"Unit page: {busiest.slug} ({busiest.name_en}): {published.get(busiest.slug, 0)} published items, "
        f"{documents.get(busiest.slug, 0)} published documents."
    )
    connection.close()
    return busiest.slug, busiest.name_th, busiest.name_en


def free_port() -> int:
    """Return a loopback port that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET one address without following redirects; return status, headers and body."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def server_start(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """Start gunicorn with the committed configuration and wait until the hello view answers."""
    server_env = dict(env, PRONGSAI_WEB_BIND=f"127.0.0.1:{port}")
    command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=server_env, stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}; see {log}:\n{log.read_text()[-3000:]}")
        try:
            if fetch(f"http://127.0.0.1:{port}/bench/hello/")[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    server_stop(process)
    raise SystemExit(f"gunicorn did not answer within 60 s; see {log}")


def server_stop(process: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn gracefully (TERM to the master), then firmly if it lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_wrk(base: str, target: Target, *, seconds: int, threads: int, connections: int) -> Result:
    """Load one target with wrk for `seconds` and return what the bench's Lua script counted."""
    command = ["wrk", f"--threads={threads}", f"--connections={connections}", f"--duration={seconds}s"]
    command += ["--latency", "--timeout=10s", f"--script={LUA_SCRIPT}"]
    for header in target.headers:
        command += ["--header", header]
    command.append(base + target.path)
    completed = subprocess.run(command, capture_output=True, text=True, check=False, timeout=seconds + 60)
    if completed.returncode != 0:
        raise SystemExit(f"wrk failed ({completed.returncode}): {completed.stderr or completed.stdout}")
    line = next((line for line in completed.stdout.splitlines() if line.startswith(RESULT_MARK)), None)
    if line is None:
        raise SystemExit(f"wrk printed no result line:\n{completed.stdout}")
    data = json.loads(line.removeprefix(RESULT_MARK))
    return Result(
        target=target,
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        statuses={int(status): count for status, count in data["statuses"].items()},
        errors=data["errors"],
        command=shlex.join(command),
    )


def check_targets(base: str, targets: list[Target], expect_text: dict[str, str]) -> None:
    """Fetch each target once and refuse to measure a page that does not answer as it should."""
    for target in targets:
        headers = dict(header.split(": ", 1) for header in target.headers)
        status, _, body = fetch(base + target.path, headers)
        if status != target.expected_status:
            raise SystemExit(f"{target.label}: {target.path} answered {status}, expected {target.expected_status}")
        text = expect_text.get(target.label)
        if text and text.encode() not in body:
            raise SystemExit(f"{target.label}: {target.path} does not show {text!r}")


def machine_lines(workers: int, worker_class: str, args: argparse.Namespace) -> list[str]:
    """Describe the machine and the server set-up the figures come from."""
    import django
    import gunicorn
    import psycopg

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    with psycopg.connect(args.database_url) as connection:
        server = connection.execute("SHOW server_version").fetchone()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return [
        f"- machine: {os.cpu_count()} cores ({os.process_cpu_count()} usable), {cpu}; load average {load}",
        f"- Python {platform.python_version()}, Django {django.get_version()}, gunicorn {gunicorn.__version__} "
        f"({workers} {worker_class} workers), PostgreSQL {server[0] if server else '?'}",
        f"- persistent database connections: {args.conn_max_age} s; page cache: "
        f"{'Redis ' + args.cache_url if args.cache_url else 'per-process local memory'}",
        f"- wrk {args.threads} threads, {args.connections} connections, {args.warmup} s warm-up then "
        f"{args.rounds} × {args.duration} s per target (median round shown)",
    ]


def median_run(runs: list[Result]) -> Result:
    """Return the run with the median throughput (the lower middle one for an even count)."""
    return sorted(runs, key=lambda run: run.rate)[(len(runs) - 1) // 2]


def share_of_hello(runs: list[Result], hello_runs: list[Result]) -> float:
    """Return the median, over rounds, of a target's throughput divided by hello's in the same round.

    Pairing each run with hello's run of the same round compares like with like on a machine whose
    load drifts; the median keeps one disturbed round from deciding.
    """
    shares = [run.rate / hello.rate if hello.rate else 0.0 for run, hello in zip(runs, hello_runs, strict=True)]
    return statistics.median(shares)


def report(rows: list[tuple[Result, float]], minimum: float) -> list[str]:
    """Return the markdown table: each target's median run and its share of hello's throughput."""
    lines = ["| target | req/s | p50 | p99 | % of hello |", "|---|---:|---:|---:|---:|"]
    for result, share in rows:
        mark = " (below target)" if result.target.gated and share < minimum else ""
        lines.append(
            f"| {result.target.label} (`{result.target.path}`) | {result.rate:,.0f} | {result.p50_ms:.1f} ms "
            f"| {result.p99_ms:.1f} ms | {100 * share:.0f} %{mark} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=20, help="seconds of measured load per target (20)")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of unmeasured load before each target (5)")
    parser.add_argument("--rounds", type=int, default=1, help="measure every target this many times, interleaved (1)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--connections", type=int, default=32, help="wrk open connections (32)")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: config/gunicorn.py's)")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class (sync)")
    parser.add_argument("--threads-per-worker", type=int, default=1, help="gunicorn threads per worker (gthread)")
    parser.add_argument("--conn-max-age", type=int, default=600, help="PRONGSAI_DB_CONN_MAX_AGE seconds (600)")
    parser.add_argument("--cache-url", default="", help="PRONGSAI_CACHE_URL, e.g. redis://127.0.0.1:6379/5")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL, help=f"({DEFAULT_DATABASE_URL})")
    parser.add_argument("--var-dir", type=Path, default=ROOT / "var" / "bench-portal", help="uploads, static, log")
    parser.add_argument("--min-ratio", type=float, default=0.5, help="a unit page's least share of hello (0.5)")
    parser.add_argument("--reuse", action="store_true", help="keep the database and demo data of a previous run")
    parser.add_argument("--drop", action="store_true", help="drop the bench database at the end")
    args = parser.parse_args()
    # A TERM (as from a job runner) unwinds like Ctrl-C, so the server is stopped and not left behind.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    if shutil.which("wrk") is None:
        print(
            "wrk is not installed. On Debian or Ubuntu: `sudo apt-get install wrk`; elsewhere build it from "
            "its source release (a single make). The bench needs it as its HTTP load generator.",
            file=sys.stderr,
        )
        return 2
    args.var_dir = args.var_dir.resolve()
    static_root = args.var_dir / "static"
    static_root.mkdir(parents=True, exist_ok=True)
    env = bench_environment(args, static_root)
    os.environ.update(env)
    database_reset(args.database_url, drop=not args.reuse, create=True)
    slug, name_th, name_en = prepare_data(args.reuse)

    from config.gunicorn import usable_cores, workers_for

    workers = args.workers or workers_for(usable_cores())
    env.update(
        PRONGSAI_WEB_WORKERS=str(workers),
        PRONGSAI_WEB_WORKER_CLASS=args.worker_class,
        PRONGSAI_WEB_THREADS=str(args.threads_per_worker),
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = args.var_dir / "gunicorn.log"
    server = server_start(env, port, log)
    machine = machine_lines(workers, args.worker_class, args)
    try:
        unit = f"/th/units/{slug}/"
        etag = fetch(base + unit)[1].get("ETag", "")
        targets = [
            Target("hello", "/bench/hello/"),
            Target("unit page, Thai", unit, gated=True),
            Target("unit page, English", f"/en/units/{slug}/", gated=True),
            Target("home page", "/th/"),
            Target("unit page revalidated (304)", unit, headers=(f"If-None-Match: {etag}",), expected_status=304),
            # The demo's units with structured records (prongsai/demo/records.py): cri publishes them all.
            Target("procurement records 5.1.7.2, Thai", "/th/units/cri/items/5.1.7.2/", gated=True),
            Target("monthly summaries 5.1.7.3, Thai", "/th/units/cri/items/5.1.7.3/", gated=True),
            Target("plan progress 5.1.5, Thai", "/th/units/cri/items/5.1.5/", gated=True),
        ]
        expect_text = {"unit page, Thai": name_th, "unit page, English": name_en, "hello": "hello"}
        for code, target in zip(("5.1.7.2", "5.1.7.3", "5.1.5"), targets[-3:], strict=True):
            expect_text[target.label] = code  # the item's page, not a fallback
        check_targets(base, targets, expect_text)
        runs: dict[Target, list[Result]] = {target: [] for target in targets}
        for round_number in range(1, args.rounds + 1):
            for target in targets:
                if round_number == 1:
                    run_wrk(base, target, seconds=args.warmup, threads=args.threads, connections=args.connections)
                result = run_wrk(
                    base, target, seconds=args.duration, threads=args.threads, connections=args.connections
                )
                print(
                    f"round {round_number}, {target.label}: {result.rate:,.0f} req/s, p99 {result.p99_ms:.1f} ms",
                    flush=True,
                )
                runs[target].append(result)
    finally:
        server_stop(server)
        if args.drop:
            database_reset(args.database_url, drop=True, create=False)

    # With several rounds each target shows its median run, and its share of hello is the median of
    # the rounds' paired shares: a neighbour's burst then spoils one round, not the comparison.
    hello_runs = runs[targets[0]]
    rows = [(median_run(runs[target]), share_of_hello(runs[target], hello_runs)) for target in targets]
    print()
    print("\n".join(machine))
    print()
    print("\n".join(report(rows, args.min_ratio)))
    print()
    python = Path(sys.executable)
    python = python.relative_to(ROOT) if python.is_relative_to(ROOT) else python
    print(f"Command: `{shlex.join([str(python), *sys.argv])}`")
    print(f"wrk, per target: `{rows[1][0].command}`")
    failures = [
        f"{run.target.label}: {problem}" for target in targets for run in runs[target] for problem in run.problems()
    ]
    failures += [
        f"{result.target.label}: {share:.0%} of hello's throughput, below the target of {args.min_ratio:.0%}"
        for result, share in rows
        if result.target.gated and share < args.min_ratio
    ]
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
