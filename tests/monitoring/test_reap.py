"""A worker that dies mid-check (defect 7): reaping fails the check, fails its task row and frees its host at once.

Most tests inject the clock (`now=`, `clock=`); the last one starts a real database task worker,
kills it with SIGKILL while it waits on a page of a loopback site, and reaps what it left behind.
"""

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from prongsai.audit.models import AuditEvent
from prongsai.monitoring.leases import host_lease_acquire
from prongsai.monitoring.models import HostLease, ItemFinding, SiteCheck
from prongsai.monitoring.runner import Progress, RunResult, check_conclude, check_execute, check_heartbeat, check_take
from prongsai.monitoring.services import check_queue, checks_reap
from prongsai.monitoring.tasks import checks_dispatch, run_site_check
from prongsai.monitoring.worker import MonitorWorker
from prongsai.organizations.services import organization_websites_set

from ..workspace.conftest import Department, make_department
from .records import outcome
from .small_site import small_site

pytestmark = pytest.mark.django_db
BANGKOK = dt.timezone(dt.timedelta(hours=7))
T0 = dt.datetime(2026, 11, 20, 12, 0, tzinfo=BANGKOK)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REPO = Path(__file__).resolve().parents[2]

# The reaper's reason, written out here rather than taken from the code under test.
REASON = (
    "ตัวทำงานที่ตรวจเว็บไซต์นี้หยุดตอบสนอง การตรวจครั้งนี้จึงถูกยกเลิก / "
    "The worker running this check stopped answering; it was abandoned."
)


@pytest.fixture(autouse=True)
def monitor_settings(settings: Any, tmp_path: Path) -> None:
    settings.PRONGSAI_MONITOR_ALLOW_PRIVATE = True
    settings.PRONGSAI_MONITOR_DELAY = 0.0
    settings.PRONGSAI_MONITOR_MAX_PAGES = 20
    settings.PRONGSAI_MONITOR_EVIDENCE_ROOT = tmp_path / "evidence"
    settings.PRONGSAI_MONITOR_LEASE_SECONDS = 120
    settings.PRONGSAI_MONITOR_STALE_SECONDS = 60


def _department(*urls: str) -> Department:
    dept = make_department(max(2, len(urls)))
    for unit, url in zip(dept.units, urls, strict=False):
        organization_websites_set(actor=None, organization=unit, urls=[url])
    return dept


def _queue(dept: Department, index: int = 0) -> SiteCheck:
    unit = dept.units[index]
    return check_queue(actor=None, organization=unit, website=unit.websites.get(), trigger=SiteCheck.Trigger.COMMAND)


def _claimed_task(site_check: SiteCheck, settings: Any) -> DBTaskResult[Any, Any]:
    """Return the database task row of the check, as a database worker holds it while running it."""
    settings.TASKS = DATABASE_TASKS
    result = run_site_check.enqueue(site_check.pk)
    task = DBTaskResult.objects.get(pk=result.id)
    task.claim("worker-that-dies")
    return task


def test_reaping_fails_the_check_and_its_task_row_and_frees_its_host_at_once(settings: Any) -> None:
    dept = _department("https://a.example.go.th/", "https://b.example.go.th/")
    dead, alive = _queue(dept, 0), _queue(dept, 1)
    dead_task, alive_task = _claimed_task(dead, settings), _claimed_task(alive, settings)
    assert check_take(dead, now=T0, task_id=str(dead_task.pk)) == "a.example.go.th"
    assert check_take(alive, now=T0, task_id=str(alive_task.pk)) == "b.example.go.th"
    check_heartbeat(
        dead, "a.example.go.th", Progress(pages=3, url="https://a.example.go.th/x"), now=T0 + dt.timedelta(seconds=10)
    )
    check_heartbeat(alive, "b.example.go.th", Progress(pages=9), now=T0 + dt.timedelta(seconds=50))
    reap_at = T0 + dt.timedelta(seconds=71)  # 61 s after the dead check's last heartbeat, 21 s after the other's
    # Without reaping, the dead check would hold its host until its lease lapses (T0 + 10 s + 120 s).
    follower = SiteCheck.objects.create(
        organization=dept.units[0], url="https://a.example.go.th/other", checklist=dead.checklist,
        state="queued", trigger="command", queued_at=T0,
    )  # fmt: skip
    assert check_take(follower, now=reap_at) is RunResult.BUSY

    reaped = checks_reap(now=reap_at)

    assert [site_check.pk for site_check in reaped] == [dead.pk]
    dead.refresh_from_db()
    assert (dead.state, dead.finished_at, dead.error) == ("failed", reap_at, REASON)
    dead_task.refresh_from_db()
    assert (dead_task.status, dead_task.finished_at, dead_task.return_value) == ("FAILED", reap_at, None)
    assert (dead_task.exception_class_path, dead_task.traceback) == (
        "prongsai.monitoring.services.WorkerStopped",
        REASON,
    )
    assert [error.exception_class_path for error in dead_task.task_result.errors] == [
        "prongsai.monitoring.services.WorkerStopped"
    ]
    assert list(HostLease.objects.values_list("host", "holder_id")) == [("b.example.go.th", alive.pk)]
    event = AuditEvent.objects.get(action="monitor.reap")
    assert (event.object_id, event.actor_id, event.occurred_at) == (str(dead.pk), None, reap_at)
    assert event.data == {
        "url": "https://a.example.go.th/",
        "last_heard": "2026-11-20T05:00:10+00:00",  # T0 + 10 s, as stored (UTC)
        "task": str(dead_task.pk),
        "task_failed": True,
        "hosts_released": ["a.example.go.th"],
    }
    alive.refresh_from_db()
    alive_task.refresh_from_db()
    assert (alive.state, alive_task.status) == ("running", "RUNNING")

    # The next check of that host starts at once, not when the dead check's lease would have lapsed.
    assert check_take(follower, now=reap_at + dt.timedelta(seconds=1)) == "a.example.go.th"
    follower.refresh_from_db()
    assert follower.state == "running"
    # Reaping again finds nothing more (the live check keeps beating).
    assert checks_reap(now=reap_at + dt.timedelta(seconds=1)) == []


def test_a_check_silent_for_less_than_the_stale_time_is_left_running(settings: Any) -> None:
    dept = _department("https://a.example.go.th/")
    site_check = _queue(dept)
    check_take(site_check, now=T0)
    assert checks_reap(now=T0 + dt.timedelta(seconds=60)) == []
    assert SiteCheck.objects.get(pk=site_check.pk).state == "running"
    assert [c.pk for c in checks_reap(now=T0 + dt.timedelta(seconds=60, microseconds=1))] == [site_check.pk]


def test_a_check_run_without_a_task_is_reaped_without_touching_task_rows(settings: Any) -> None:
    dept = _department("https://a.example.go.th/")
    site_check = _queue(dept)
    other = _claimed_task(site_check, settings)  # some other task that is running: not this check's
    check_take(site_check, now=T0)
    checks_reap(now=T0 + dt.timedelta(seconds=61))
    other.refresh_from_db()
    assert (SiteCheck.objects.get(pk=site_check.pk).state, other.status) == ("failed", "RUNNING")
    assert AuditEvent.objects.get(action="monitor.reap").data["task_failed"] is False


def test_a_reaped_check_that_concludes_late_stays_failed_and_keeps_the_new_holder(settings: Any) -> None:
    # A worker taken for dead was only stalled: its late outcome must not overwrite the reaper's verdict,
    # nor give back the host that another check has taken since.
    dept = _department("https://a.example.go.th/")
    slow = _queue(dept)
    host = check_take(slow, now=T0)
    assert isinstance(host, str)
    checks_reap(now=T0 + dt.timedelta(seconds=61))
    newer = SiteCheck.objects.create(
        organization=dept.units[1], url="https://a.example.go.th/x", checklist=slow.checklist,
        state="queued", trigger="command", queued_at=T0,
    )  # fmt: skip
    assert check_take(newer, now=T0 + dt.timedelta(seconds=62)) == host

    late = outcome()
    assert check_conclude(slow, host, late) is RunResult.FAILED

    slow.refresh_from_db()
    assert (slow.state, slow.error) == ("failed", REASON)
    assert not ItemFinding.objects.filter(site_check=slow).exists()
    assert list(HostLease.objects.values_list("host", "holder_id")) == [(host, newer.pk)]
    assert AuditEvent.objects.filter(action__in=["monitor.record", "monitor.fail"]).count() == 0


def test_a_worker_reaps_when_it_starts_and_then_takes_the_freed_host(settings: Any) -> None:
    settings.PRONGSAI_MONITOR_DISPATCH = "workers"
    with small_site() as site:
        dept = _department(site, f"{site}old")
        dead = _queue(dept, 1)
        assert check_take(dead, now=T0) == "127.0.0.1"
        waiting = _queue(dept, 0)
        # The worker's clock says 61 s have passed since the dead check's last heartbeat; its lease
        # (120 s) has not lapsed, so only reaping lets the waiting check of the same host start.
        worker = MonitorWorker(drain=True, heartbeat_seconds=0.2, clock=lambda: T0 + dt.timedelta(seconds=61))

        figures = worker.run()

    assert (figures.reaped, figures.taken, figures.done) == (1, 1, 1)
    dead.refresh_from_db()
    waiting.refresh_from_db()
    assert (dead.state, dead.error, waiting.state) == ("failed", REASON, "done")
    assert waiting.started_at == T0 + dt.timedelta(seconds=61)
    assert not HostLease.objects.exists()


def test_a_monitor_task_reaps_before_it_takes_its_check(settings: Any) -> None:
    # The immediate backend runs the task at once, on the real clock: the dead check fell silent an
    # hour ago while its lease was (artificially) made to last another hour.
    with small_site() as site:
        dept = _department(site, f"{site}old")
        dead = _queue(dept, 1)
        an_hour_ago = timezone.now() - dt.timedelta(hours=1)
        check_take(dead, now=an_hour_ago)
        assert host_lease_acquire(host="127.0.0.1", holder_id=dead.pk, now=timezone.now(), seconds=3600)
        waiting = _queue(dept, 0)

        result = run_site_check.enqueue(waiting.pk)

    assert result.return_value == "done"
    dead.refresh_from_db()
    waiting.refresh_from_db()
    assert (dead.state, waiting.state) == ("failed", "done")


def test_the_reap_command_fails_abandoned_checks_and_says_so(settings: Any) -> None:
    dept = _department("https://a.example.go.th/")
    site_check = _queue(dept)
    check_take(site_check, now=timezone.now() - dt.timedelta(hours=1))
    out = StringIO()

    call_command("monitor", "reap", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("unit-0")
    assert "failed  ตัวทำงานที่ตรวจเว็บไซต์นี้หยุดตอบสนอง" in lines[0]
    assert lines[1:] == ["ยุติการตรวจที่ค้าง 1 รายการ / failed 1 abandoned checks"]
    assert SiteCheck.objects.get(pk=site_check.pk).state == "failed"


def test_the_schedule_command_hands_the_sweeps_checks_to_the_task_workers(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = DATABASE_TASKS
    _department("https://a.example.go.th/", "https://b.example.go.th/")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("monitor", "schedule", stdout=StringIO())
    queued = set(SiteCheck.objects.filter(state="queued").values_list("pk", flat=True))
    assert len(queued) == 2
    rows = DBTaskResult.objects.filter(task_path="prongsai.monitoring.tasks.run_site_check")
    assert {row.args_kwargs["args"][0] for row in rows} == queued


def test_queueing_sends_no_task_until_dispatched(settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.TASKS = DATABASE_TASKS
    dept = _department("https://a.example.go.th/")
    with django_capture_on_commit_callbacks(execute=True):
        site_check = _queue(dept)
    assert not DBTaskResult.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        checks_dispatch([site_check.pk])
    assert list(DBTaskResult.objects.values_list("args_kwargs", flat=True)) == [{"args": [site_check.pk], "kwargs": {}}]


# --- a real worker, really killed ---------------------------------------------------------------------


@contextmanager
def hanging_site() -> Iterator[tuple[str, threading.Event, threading.Event]]:
    """Serve a home page whose one link answers only once released; yield the URL, "asked" and "release"."""
    asked, release = threading.Event(), threading.Event()
    home = (
        '<!doctype html><html lang="th"><head><meta charset="utf-8"><title>กองทดสอบ</title></head>'
        '<body><a href="/structure">โครงสร้างองค์กร</a></body></html>'
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/structure":
                asked.set()
                release.wait()
            body = b"User-agent: *\nAllow: /\n" if self.path == "/robots.txt" else home
            self.send_response(200)
            self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", asked, release
    finally:
        release.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def database_for_workers(tmp_path: Path) -> Iterator[str]:
    """Return a DATABASE_URL that a worker process shares with this test.

    PostgreSQL's test database is reachable as it is. SQLite's lives in this process's memory, out of
    another process's reach: it is copied to a file, and this test's connection is pointed at the
    file until the test ends (then the in-memory database, kept open meanwhile, is restored).
    """
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{quote(settings_dict['PASSWORD'])}" if settings_dict["PASSWORD"] else ""
        yield (
            f"postgres://{quote(settings_dict['USER'])}{password}@{settings_dict['HOST'] or '127.0.0.1'}"
            f":{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        )
        return
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    copy.close()
    in_memory, name = connection.connection, settings_dict["NAME"]
    connection.connection = None
    settings_dict["NAME"] = str(path)
    try:
        yield f"sqlite:///{path}"
    finally:
        connection.close()
        settings_dict["NAME"] = name
        connection.connection = in_memory


@pytest.mark.django_db(transaction=True)
def test_a_killed_database_worker_is_reaped_and_its_host_taken_at_once(
    database_for_workers: str, settings: Any, tmp_path: Path
) -> None:
    settings.TASKS = DATABASE_TASKS
    with hanging_site() as (site, asked, release):
        dept = _department(site, f"{site}again")
        site_check = _queue(dept)
        checks_dispatch([site_check.pk])  # outside any transaction: the task row is written at once
        task = DBTaskResult.objects.get()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.monitoring.worker_settings",
            "DATABASE_URL": database_for_workers,
            "PRONGSAI_MONITOR_EVIDENCE_ROOT": str(tmp_path / "evidence"),
            "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        }
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            # Mid-check: the worker has taken the check and is waiting on a page that does not answer.
            if not asked.wait(timeout=300):
                worker.kill()
                pytest.fail(f"the worker never reached the site: {worker.communicate()[1].decode()[-2000:]}")
            worker.send_signal(signal.SIGKILL)
            assert worker.wait() == -signal.SIGKILL
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()

        # What the dead worker left: a running check, a running task row, a held host.
        site_check.refresh_from_db()
        task.refresh_from_db()
        assert (site_check.state, site_check.task_id) == ("running", str(task.pk))
        assert (task.status, len(task.worker_ids)) == ("RUNNING", 1)
        lease = HostLease.objects.get()
        assert (lease.host, lease.holder_id) == ("127.0.0.1", site_check.pk)
        assert lease.expires_at > timezone.now()

        # The reaper runs once the check has been silent for the stale time (the clock is moved, not waited).
        reap_at = timezone.now() + dt.timedelta(seconds=settings.PRONGSAI_MONITOR_STALE_SECONDS + 1)
        assert [c.pk for c in checks_reap(now=reap_at)] == [site_check.pk]

        site_check.refresh_from_db()
        task.refresh_from_db()
        assert (site_check.state, site_check.error) == ("failed", REASON)
        assert (task.status, task.exception_class_path) == ("FAILED", "prongsai.monitoring.services.WorkerStopped")
        assert not HostLease.objects.exists()

        # The next check of that host is taken at once, well before the dead lease would have lapsed.
        release.set()
        follower = _queue(dept, 1)
        assert check_execute(follower.pk) is RunResult.DONE
        follower.refresh_from_db()
        assert (follower.state, follower.findings.count()) == ("done", 18)
