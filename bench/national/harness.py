"""Time the reporting rounds' work on the generated department: each measurement once with its queries counted,
then `runs` times, in a transaction rolled back after each call so the database never changes.

The reports' builders, files and pages come from other parts of issue 11; each is imported when
measured, and a measurement whose code is not there prints "not available" instead of failing.
"""

import datetime as dt
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .plan import DEPARTMENT_SLUG, NOW

ROOT = Path(__file__).resolve().parents[2]
ROUND = "2569-6"  # the closed round the overall report is built for
HOST = "127.0.0.1"
SAVEPOINT_SQL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")

# Where the pages of the reports app may answer, tried in order: URL names, then plain paths.
EXECUTIVE_PAGE = (("overall:executive", "reports:overall_executive", "reports:executive"),
                  "/th/workspace/reports/overall/{round}/executive/")  # fmt: skip
OVERALL_PAGE = (("overall:detail", "overall:report", "reports:overall", "reports:overall_detail"),
                "/th/workspace/reports/overall/{round}/")  # fmt: skip
ROUND_PAGE = (("reports:round", "reports:round_detail", "rounds:detail"), "/th/workspace/reports/rounds/{round}/")


@dataclass(frozen=True)
class Options:
    database_url: str
    units: int
    seed: int
    runs: int
    pdf_units: int
    only: frozenset[str]
    json_path: Path | None
    child: bool
    reuse: bool = False


@dataclass
class Measure:
    """One measurement's figures: the counted first run, then the timed runs."""

    key: str
    label: str
    status: str = "ok"  # ok | not available | failed
    note: str = ""
    first_ms: float | None = None
    samples_ms: list[float] = field(default_factory=list)
    queries: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median_ms(self) -> float | None:
        return round(statistics.median(self.samples_ms), 1) if self.samples_ms else None

    @property
    def max_ms(self) -> float | None:
        return round(max(self.samples_ms), 1) if self.samples_ms else None

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "median_ms": self.median_ms, "max_ms": self.max_ms}


class NotAvailable(Exception):
    """The code a measurement needs is not in this checkout (yet)."""


def optional(module: str, name: str) -> Any:
    """Return `module.name`, or raise NotAvailable when the module or the name is missing."""
    try:
        return getattr(importlib.import_module(module), name)
    except ImportError as error:
        raise NotAvailable(f"{module} cannot be imported ({error})") from None
    except AttributeError:
        raise NotAvailable(f"{module}.{name} does not exist") from None


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run the block in a transaction that is always rolled back."""
    from django.db import transaction

    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def timed(measure: Measure, runs: int, call: Callable[[], Any], *, rollback: bool = True) -> Any:
    """Call once counting queries, then `runs` times more; keep the times in the measure, return the first result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def once() -> tuple[float, Any]:
        started = time.perf_counter()
        if rollback:
            with rolled_back():
                result = call()
        else:
            result = call()
        return (time.perf_counter() - started) * 1000, result

    with CaptureQueriesContext(connection) as captured:
        first_ms, first = once()
    # Savepoints come from the bench's own rollback (nested in an outer one), not from the code measured.
    queries = [q for q in captured.captured_queries if not q["sql"].lstrip().upper().startswith(SAVEPOINT_SQL)]
    measure.first_ms, measure.queries = round(first_ms, 1), len(queries)
    for _ in range(runs):
        measure.samples_ms.append(round(once()[0], 1))
    return first


class Bench:
    """The measurements, sharing the round, the people and a signed-in test client per person."""

    def __init__(self, options: Options) -> None:
        from django.contrib.auth import get_user_model

        from prongsai.organizations.models import Organization
        from prongsai.reports.models import Round

        self.options = options
        self.now = NOW
        self.round = Round.objects.get(fiscal_year=int(ROUND.split("-")[0]), kind="six_month")
        users = get_user_model().objects
        self.monitor = users.get(username="bench-monitor")
        self.executive = users.get(username="bench-executive")
        self.department = Organization.objects.get(slug=DEPARTMENT_SLUG)
        self.unit = Organization.objects.filter(parent=self.department).order_by("slug")[
            min(4150, self.options.units - 1)
        ]
        self.measures: list[Measure] = []

    def wanted(self, key: str) -> bool:
        return not self.options.only or key in self.options.only

    def measure(self, key: str, label: str, body: Callable[[Measure], None]) -> None:
        """Run one measurement's body; record "not available" or "failed" instead of stopping the bench."""
        if not self.wanted(key):
            return
        measure = Measure(key, label)
        try:
            body(measure)
        except NotAvailable as reason:
            measure.status, measure.note = "not available", str(reason)
        except Exception as error:  # noqa: BLE001  # one broken measurement must not hide the others' figures
            measure.status, measure.note = "failed", f"{type(error).__name__}: {error}"[:300]
        self.measures.append(measure)
        _print_row(measure)

    # --- the reports (other parts of issue 11) ------------------------------------------------------------------

    def overall_facts(self, measure: Measure) -> None:
        build = optional("prongsai.reports.overall", "overall_facts")
        facts = timed(measure, self.options.runs, lambda: build(round=self.round, now=self.now), rollback=True)
        measure.extra["facts_bytes"] = len(json.dumps(facts, ensure_ascii=False).encode())
        measure.extra["units_in_facts"] = len(facts.get("units", ())) if isinstance(facts, dict) else None

    def compile(self) -> Any:
        compile_report = optional("prongsai.reports.overall_services", "overall_report_compile")
        return compile_report(actor=self.monitor, round=self.round, now=self.now)

    def overall_compile(self, measure: Measure) -> None:
        timed(measure, self.options.runs, self.compile)

    def overall_xlsx(self, measure: Measure) -> None:
        render = optional("prongsai.reports.documents", "overall_report_xlsx")
        with rolled_back():
            report = self.compile()
            content = timed(measure, self.options.runs, lambda: render(report))
        measure.extra["bytes"] = _size(content)

    def overall_pdf(self, measure: Measure) -> None:
        render = optional("prongsai.reports.documents", "overall_report_pdf")
        with rolled_back():
            report = self.compile()
            content = timed(measure, self.options.runs, lambda: render(report, language="th"))
        measure.extra["bytes"] = _size(content)
        measure.extra["units"] = self.options.units

    def unit_prefill(self, measure: Measure) -> None:
        prefill = optional("prongsai.reports.prefill", "unit_facts")
        facts = timed(
            measure, self.options.runs, lambda: prefill(organization=self.unit, round=self.round, now=self.now)
        )
        measure.extra["facts_bytes"] = len(json.dumps(facts, ensure_ascii=False).encode())

    def page(self, measure: Measure, candidates: tuple[tuple[str, ...], str], user: Any, *, compiled: bool) -> None:
        """Time GET of a reports page (first page) as `user`, the overall report compiled first when asked."""
        from django.urls import NoReverseMatch, reverse

        path = None
        for name in candidates[0]:
            try:
                path = reverse(name, args=[ROUND])
                break
            except NoReverseMatch:
                continue
        path = path or candidates[1].format(round=ROUND)
        measure.extra["path"] = path
        with rolled_back():
            if compiled:
                self.compile()
            client = self.client(user)
            probe = client.get(path)
            if probe.status_code == 404:
                raise NotAvailable(f"GET {path} answers 404")
            if probe.status_code != 200:
                raise RuntimeError(f"GET {path} answers {probe.status_code}")
            response = timed(measure, self.options.runs, lambda: client.get(path), rollback=False)
            measure.extra["bytes"] = len(response.content)

    def client(self, user: Any) -> Any:
        """Return a test client signed in as the person, with the second factor their role requires."""
        from django.test import Client

        sys.path.insert(0, str(ROOT))
        from tests.signin.verified import login_verified

        return login_verified(Client(HTTP_HOST=HOST), user)

    # --- what exists before the reports: the register's matrix and the monitor's overview --------------------------

    def scope(self) -> Any:
        """Return the ICT monitor's access scope, read afresh (two queries; pages read it on every request)."""
        from prongsai.organizations.access import access_scope_for

        self.monitor.__dict__.pop("_prongsai_access_scope", None)
        return access_scope_for(self.monitor)

    def department_matrix(self, measure: Measure) -> None:
        from prongsai.disclosures.selectors import department_matrix

        scope, today = self.scope(), self.now.date()
        matrix = timed(measure, self.options.runs, lambda: department_matrix(scope=scope, today=today), rollback=False)
        measure.extra["units"] = matrix.unit_count

    def monitor_overview(self, measure: Measure) -> None:
        from prongsai.monitoring.selectors import monitor_overview

        scope, today = self.scope(), self.now.date()
        overview = timed(measure, self.options.runs, lambda: monitor_overview(scope=scope, today=today), rollback=False)
        measure.extra["units"] = overview.unit_count

    def existing_page(self, measure: Measure, name: str) -> None:
        from django.urls import reverse

        path = reverse(name)
        measure.extra["path"] = path
        with rolled_back():
            client = self.client(self.monitor)
            response = timed(measure, self.options.runs, lambda: client.get(path), rollback=False)
            if response.status_code != 200:
                raise RuntimeError(f"GET {path} answers {response.status_code}")
            measure.extra["bytes"] = len(response.content)


def _size(content: Any) -> int | None:
    if isinstance(content, bytes | bytearray):
        return len(content)
    return getattr(content, "size", None) or (len(content.content) if hasattr(content, "content") else None)


def _print_row(measure: Measure) -> None:
    if measure.status != "ok":
        print(f"| {measure.key:<18} | {measure.label:<52} | {measure.status}: {measure.note}", flush=True)
        return
    print(
        f"| {measure.key:<18} | {measure.label:<52} | {measure.first_ms:>10.1f} | {measure.median_ms:>10.1f} | "
        f"{measure.max_ms:>10.1f} | {measure.queries:>7} |",
        flush=True,
    )


def _pdf_child(options: Options) -> Measure:
    """Time the 100-unit PDF in a child process on its own database (the overall report covers every unit)."""
    measure = Measure("pdf_100", f"overall report PDF, {options.pdf_units} units (own database)")
    parts = urlparse(options.database_url)
    url = parts._replace(path=f"{parts.path}_u{options.pdf_units}").geturl()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "pdf.json"
        command = [
            sys.executable, "-m", "bench.national", "run", "--database-url", url, "--units", str(options.pdf_units),
            "--only", "overall_pdf", "--runs", str(options.runs), "--json", str(out), "--no-child",
        ]  # fmt: skip
        if options.reuse:  # otherwise the small database is generated afresh too, with the same generator
            command.append("--reuse")
        environment = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        finished = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False)
        if finished.returncode != 0 or not out.exists():
            measure.status, measure.note = "failed", (finished.stderr or finished.stdout)[-300:]
            return measure
        child = json.loads(out.read_text())
    found = next((m for m in child["measures"] if m["key"] == "overall_pdf"), None)
    if found is None:
        measure.status, measure.note = "failed", "the child measured nothing"
        return measure
    for name in ("status", "note", "first_ms", "samples_ms", "queries", "extra"):
        setattr(measure, name, found[name])
    measure.extra = {**measure.extra, "database": parts._replace(path=f"{parts.path}_u{options.pdf_units}").path}
    return measure


def _machine() -> dict[str, Any]:
    from django.db import connection

    server = connection.vendor
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = f"PostgreSQL {cursor.fetchone()[0]}"
    cpu = ""
    with suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    import django

    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": server,
    }


def run_all(options: Options, generation: dict[str, Any]) -> None:
    """Run every measurement wanted, print the table, write the JSON results."""
    bench = Bench(options)
    print(f"\nround {ROUND}, data at {NOW.isoformat()}, {options.units} units, {options.runs} timed runs each\n")
    print(f"| {'key':<18} | {'measurement':<52} | {'first ms':>10} | {'median ms':>10} | {'max ms':>10} | queries |")
    print(f"|{'-' * 20}|{'-' * 54}|{'-' * 12}|{'-' * 12}|{'-' * 12}|{'-' * 9}|")
    bench.measure("overall_facts", "(a) overall_facts, round 2569-6", bench.overall_facts)
    bench.measure("overall_compile", "(b) overall_report_compile", bench.overall_compile)
    bench.measure("overall_xlsx", "(b) overall_report_xlsx (after compile)", bench.overall_xlsx)
    if options.child or options.units <= options.pdf_units:
        bench.measure("overall_pdf", f"(c) overall_report_pdf, {options.units} units", bench.overall_pdf)
    elif bench.wanted("pdf_100"):
        measure = _pdf_child(options)
        bench.measures.append(measure)
        _print_row(measure)
    bench.measure(
        "executive_page", "(d) executive view (executive)",
        lambda m: bench.page(m, EXECUTIVE_PAGE, bench.executive, compiled=True),
    )  # fmt: skip
    bench.measure(
        "overall_page", "(d) overall report page, first page (executive)",
        lambda m: bench.page(m, OVERALL_PAGE, bench.executive, compiled=True),
    )  # fmt: skip
    bench.measure(
        "round_page", "(e) ICT round page of unit reports (ICT monitor)",
        lambda m: bench.page(m, ROUND_PAGE, bench.monitor, compiled=False),
    )  # fmt: skip
    bench.measure("unit_prefill", "unit report prefill, one unit", bench.unit_prefill)
    bench.measure("department_matrix", "department_matrix selector (ICT monitor)", bench.department_matrix)
    bench.measure("monitor_overview", "monitor_overview selector (ICT monitor)", bench.monitor_overview)
    bench.measure(
        "matrix_page", "workspace matrix page (ICT monitor)", lambda m: bench.existing_page(m, "workspace:matrix")
    )
    bench.measure(
        "overview_page", "monitor overview page (ICT monitor)", lambda m: bench.existing_page(m, "monitor:overview")
    )

    results = {
        "bench": "national",
        "round": ROUND,
        "data_now": NOW.isoformat(),
        "units": options.units,
        "seed": options.seed,
        "runs": options.runs,
        "database": urlparse(options.database_url).path.lstrip("/"),
        "machine": _machine(),
        "generation": generation,
        "measures": [measure.as_json() for measure in bench.measures],
        "taken_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    path = (
        options.json_path or ROOT / "var" / "bench" / f"national-{options.units}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(f"\nresults: {path}")
