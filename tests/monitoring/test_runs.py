"""Running checks: queueing, the host lease, the runner against a loopback site, reaping, sweeps and the command."""

import datetime as dt
import socket
from collections.abc import Iterator
from dataclasses import replace
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from prongsai.audit.models import AuditEvent
from prongsai.monitoring.engine.evidence import evidence_records
from prongsai.monitoring.leases import host_lease_acquire, host_lease_release, host_lease_renew
from prongsai.monitoring.models import HostLease, ItemFinding, MonitorSweep, SiteCheck
from prongsai.monitoring.runner import RunResult, check_execute, evidence_file, monitor_config
from prongsai.monitoring.schedule import SweepDue, sweeps_due
from prongsai.monitoring.services import (
    check_queue,
    check_record,
    check_start,
    checks_reap,
    evidence_prune,
    sweep_queue,
)
from prongsai.organizations.services import organization_websites_set

from ..callbacks import app_callbacks
from ..workspace.conftest import Department, make_department
from .small_site import small_site

pytestmark = pytest.mark.django_db
BANGKOK = dt.timezone(dt.timedelta(hours=7))
NOON = dt.datetime(2026, 11, 20, 12, 0, tzinfo=BANGKOK)


@pytest.fixture(autouse=True)
def monitor_settings(settings: Any, tmp_path: Path) -> None:
    settings.PRONGSAI_MONITOR_ALLOW_PRIVATE = True
    settings.PRONGSAI_MONITOR_DELAY = 0.0
    settings.PRONGSAI_MONITOR_MAX_PAGES = 50
    settings.PRONGSAI_MONITOR_MAX_SECONDS = 30.0
    settings.PRONGSAI_MONITOR_EVIDENCE_ROOT = tmp_path / "evidence"


@pytest.fixture
def site() -> Iterator[str]:
    with small_site() as url:
        yield url


@pytest.fixture
def dept(site: str) -> Department:
    dept = make_department(2)
    organization_websites_set(actor=None, organization=dept.units[0], urls=[site])
    return dept


def _queue(dept: Department, **kwargs: Any) -> SiteCheck:
    unit = dept.units[0]
    return check_queue(
        actor=kwargs.pop("actor", None),
        organization=unit,
        website=unit.websites.get(),
        trigger=kwargs.pop("trigger", SiteCheck.Trigger.COMMAND),
        **kwargs,
    )


def test_a_queued_check_waits_with_its_audit_event(dept: Department) -> None:
    site_check = _queue(dept, actor=dept.people["monitor"], trigger=SiteCheck.Trigger.MANUAL, now=NOON)
    assert (site_check.state, site_check.started_at, site_check.requested_by) == (
        "queued",
        None,
        dept.people["monitor"],
    )
    event = AuditEvent.objects.get(action="monitor.queue")
    assert event.object_id == str(site_check.pk)
    assert event.data == {"url": site_check.url, "checklist": "mof-ops-2562", "trigger": "manual"}


def test_a_website_is_not_queued_twice(dept: Department) -> None:
    _queue(dept)
    with pytest.raises(ValidationError) as refusal:
        _queue(dept)
    assert refusal.value.messages == ["เว็บไซต์นี้อยู่ในคิวหรือกำลังตรวจอยู่แล้ว รอให้การตรวจครั้งนั้นเสร็จก่อน"]
    assert SiteCheck.objects.count() == 1
    assert AuditEvent.objects.filter(action="monitor.queue").count() == 1


def test_only_monitors_queue_checks(dept: Department) -> None:
    with pytest.raises(PermissionDenied):
        _queue(dept, actor=dept.people["editor"])
    assert not SiteCheck.objects.exists()


def test_the_runner_checks_the_site_and_records_every_item(dept: Department, site: str) -> None:
    site_check = _queue(dept)
    seen: list[tuple[int, str]] = []
    assert check_execute(site_check.pk, on_progress=lambda pages, url: seen.append((pages, url))) is RunResult.DONE
    site_check.refresh_from_db()
    assert site_check.state == "done"
    assert site_check.pages == 4  # the home page and the three pages its menu links to
    assert site_check.score is not None
    assert ItemFinding.objects.filter(site_check=site_check).count() == 18
    structure = ItemFinding.objects.get(site_check=site_check, item__code="5.1.1.1")
    assert structure.status == "found"
    assert structure.evidence_urls[0] == f"{site}structure"
    assert structure.as_of == dt.date(2026, 10, 1)
    assert [e.action for e in AuditEvent.objects.order_by("sequence")][-3:] == [
        "monitor.queue",
        "monitor.start",
        "monitor.record",
    ]
    assert not HostLease.objects.exists()
    archive = evidence_file(site_check)
    assert archive is not None
    assert archive.name == f"check-{site_check.pk}.warc.gz"
    fetched = sorted(record.url for record in evidence_records(archive) if record.url.startswith(site))
    assert f"{site}structure" in fetched
    assert f"{site}robots.txt" in fetched


def test_a_check_whose_host_is_held_waits(dept: Department, site: str) -> None:
    other = _queue(dept)
    SiteCheck.objects.filter(pk=other.pk).update(state="failed")  # a stand-in holder
    assert host_lease_acquire(host="127.0.0.1", holder_id=other.pk, now=timezone.now(), seconds=120)
    site_check = _queue(dept)
    assert check_execute(site_check.pk) is RunResult.BUSY
    site_check.refresh_from_db()
    assert site_check.state == "queued"
    assert HostLease.objects.get().holder_id == other.pk


def test_a_lease_lapses_and_can_then_be_taken() -> None:
    dept = make_department(1)
    organization_websites_set(actor=None, organization=dept.units[0], urls=["https://a.example.go.th/"])
    first_check = _queue(dept)
    SiteCheck.objects.filter(pk=first_check.pk).update(state="failed")  # lets a second check be queued
    second = _queue(dept)
    assert host_lease_acquire(host="a.example.go.th", holder_id=first_check.pk, now=NOON, seconds=60)
    assert not host_lease_acquire(host="a.example.go.th", holder_id=second.pk, now=NOON, seconds=60)
    later = NOON + dt.timedelta(seconds=30)
    assert host_lease_renew(host="a.example.go.th", holder_id=first_check.pk, now=later, seconds=60)
    assert not host_lease_acquire(
        host="a.example.go.th", holder_id=second.pk, now=NOON + dt.timedelta(seconds=89), seconds=60
    )
    assert host_lease_acquire(
        host="a.example.go.th", holder_id=second.pk, now=NOON + dt.timedelta(seconds=90), seconds=60
    )
    assert not host_lease_renew(host="a.example.go.th", holder_id=first_check.pk, now=later, seconds=60)
    host_lease_release(host="a.example.go.th", holder_id=first_check.pk)  # not the holder: nothing happens
    assert HostLease.objects.get().holder_id == second.pk


def test_a_check_that_is_no_longer_queued_is_skipped(dept: Department) -> None:
    site_check = _queue(dept)
    SiteCheck.objects.filter(pk=site_check.pk).update(state="failed")
    assert check_execute(site_check.pk) is RunResult.SKIPPED
    assert not HostLease.objects.exists()


def test_an_engine_error_fails_the_check_and_frees_the_host(dept: Department, monkeypatch: Any) -> None:
    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr("prongsai.monitoring.runner.checklist_definition", explode)
    site_check = _queue(dept)
    assert check_execute(site_check.pk) is RunResult.FAILED
    site_check.refresh_from_db()
    assert (site_check.state, site_check.error) == ("failed", "RuntimeError: boom")
    assert AuditEvent.objects.filter(action="monitor.fail").count() == 1
    assert not HostLease.objects.exists()


def test_a_website_that_cannot_be_reached_fails_with_the_reason_in_both_languages(dept: Department) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    unit = dept.units[0]
    organization_websites_set(actor=None, organization=unit, urls=[closed])
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 checks did not finish"):
        call_command("monitor", "run", "--unit", "unit-0", stdout=out, stderr=err)
    site_check = SiteCheck.objects.get()
    assert site_check.state == "failed"
    assert site_check.error == (
        f"เข้าถึงเว็บไซต์ไม่ได้: {closed} — เครื่องปลายทางปฏิเสธหรือตัดการเชื่อมต่อ / "
        f"The website could not be reached: {closed} — the connection was refused or dropped"
    )
    assert not site_check.findings.exists()
    assert site_check.score is None
    event = AuditEvent.objects.get(action="monitor.fail")
    assert event.data["url"] == closed
    assert f"failed  เข้าถึงเว็บไซต์ไม่ได้: {closed}" in out.getvalue()
    assert not HostLease.objects.exists()


def test_a_running_check_without_heartbeat_is_reaped(dept: Department, settings: Any) -> None:
    settings.PRONGSAI_MONITOR_STALE_SECONDS = 600
    stale = _queue(dept)
    SiteCheck.objects.filter(pk=stale.pk).update(state="running", started_at=NOON, heartbeat_at=NOON)
    organization_websites_set(actor=None, organization=dept.units[1], urls=["https://b.example.go.th/"])
    fresh = check_queue(
        actor=None,
        organization=dept.units[1],
        website=dept.units[1].websites.get(),
        trigger="command",
    )
    beat = NOON + dt.timedelta(seconds=500)
    SiteCheck.objects.filter(pk=fresh.pk).update(state="running", started_at=NOON, heartbeat_at=beat)
    assert [c.pk for c in checks_reap(now=NOON + dt.timedelta(seconds=601))] == [stale.pk]
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.state, fresh.state) == ("failed", "running")
    assert stale.error == (
        "ตัวทำงานที่ตรวจเว็บไซต์นี้หยุดตอบสนอง การตรวจครั้งนี้จึงถูกยกเลิก / "
        "The worker running this check stopped answering; it was abandoned."
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # 1 Oct 2026 – 31 Mar 2027 is FY 2570's six-month round; its report falls due on 31 March.
        (dt.date(2026, 11, 26), [SweepDue("monthly", dt.date(2026, 11, 1))]),
        (dt.date(2027, 3, 16), [SweepDue("monthly", dt.date(2027, 3, 1))]),
        (dt.date(2027, 3, 17), [SweepDue("monthly", dt.date(2027, 3, 1)), SweepDue("round", dt.date(2027, 3, 17))]),
        (dt.date(2027, 3, 31), [SweepDue("monthly", dt.date(2027, 3, 1)), SweepDue("round", dt.date(2027, 3, 17))]),
        (dt.date(2027, 4, 1), [SweepDue("monthly", dt.date(2027, 4, 1))]),
        (dt.date(2027, 9, 20), [SweepDue("monthly", dt.date(2027, 9, 1)), SweepDue("round", dt.date(2027, 9, 16))]),
    ],
)
def test_sweeps_fall_due_monthly_and_before_each_round_ends(today: dt.date, expected: list[SweepDue]) -> None:
    assert sweeps_due(today, lead_days=14) == expected


def test_a_sweep_queues_every_website_once(dept: Department, django_capture_on_commit_callbacks: Any) -> None:
    organization_websites_set(
        actor=None, organization=dept.units[1], urls=["https://b.example.go.th/", "https://b2.example.go.th/"]
    )
    busy = _queue(dept)
    with django_capture_on_commit_callbacks() as callbacks:
        sweep = sweep_queue(kind="monthly", due_on=dt.date(2026, 11, 1), now=NOON)
    assert sweep is not None
    assert sweep.websites == 2
    queued = SiteCheck.objects.filter(sweep=sweep).order_by("url")
    assert [(c.url, c.trigger, c.state) for c in queued] == [
        ("https://b.example.go.th/", "schedule", "queued"),
        ("https://b2.example.go.th/", "schedule", "queued"),
    ]
    # The service only queues: the schedule command hands the checks to the workers.
    assert app_callbacks(callbacks) == []
    assert sweep_queue(kind="monthly", due_on=dt.date(2026, 11, 1), now=NOON) is None
    assert MonitorSweep.objects.count() == 1
    event = AuditEvent.objects.get(action="monitor.sweep")
    assert event.data == {"kind": "monthly", "due_on": "2026-11-01", "websites": 2, "skipped_busy": 1}
    assert busy.sweep_id is None


def test_the_command_runs_a_unit_and_prints_its_result(dept: Department, site: str) -> None:
    out, err = StringIO(), StringIO()
    call_command("monitor", "run", "--unit", "unit-0", stdout=out, stderr=err)
    site_check = SiteCheck.objects.get()
    assert site_check.state == "done"
    assert site_check.trigger == "command"
    line = out.getvalue().strip()
    assert line.startswith("unit-0")
    assert "pages    4" in line
    assert line.endswith(site)


def test_the_command_refuses_unknown_units_and_units_without_websites(dept: Department) -> None:
    with pytest.raises(CommandError, match="ไม่พบหน่วยงาน nowhere / no unit named nowhere"):
        call_command("monitor", "run", "--unit", "nowhere")
    with pytest.raises(CommandError, match="unit-1 has no registered website"):
        call_command("monitor", "run", "--unit", "unit-1")
    assert not SiteCheck.objects.exists()


def test_the_schedule_command_makes_the_due_sweeps_once(dept: Department) -> None:
    out = StringIO()
    call_command("monitor", "schedule", stdout=out)
    assert "websites queued" in out.getvalue()
    again = StringIO()
    call_command("monitor", "schedule", stdout=again)
    assert again.getvalue().strip() == "ไม่มีรอบตรวจที่ถึงกำหนด / no sweep is due"


def outcome_for(unit: Any) -> Any:
    """A recorded outcome for the unit's website (every item found), as the records helper builds it."""
    from .records import outcome

    return replace(outcome(), site=unit.websites.get().url)


def test_pruning_deletes_old_archives_but_keeps_each_websites_latest(
    dept: Department, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    root = tmp_path / "evidence"
    unit = dept.units[0]
    made = []
    for month in (1, 3, 5):
        when = dt.datetime(2026, month, 10, 9, tzinfo=BANGKOK)
        site_check = check_start(
            actor=None,
            organization=unit,
            website=unit.websites.get(),
            trigger="command",
            now=when,
            evidence_path=f"2026/{month:02d}/check.warc.gz",
        )
        (root / site_check.evidence_path).parent.mkdir(parents=True, exist_ok=True)
        (root / site_check.evidence_path).write_bytes(b"warc")
        made.append(check_record(site_check=site_check, outcome=outcome_for(unit), now=when))
    with django_capture_on_commit_callbacks(execute=True):
        count = evidence_prune(older_than=dt.datetime(2026, 6, 1, tzinfo=BANGKOK), root=root, now=NOON)
    assert count == 2
    assert [(root / f"2026/{m:02d}/check.warc.gz").exists() for m in (1, 3, 5)] == [False, False, True]
    assert [SiteCheck.objects.get(pk=c.pk).evidence_path for c in made] == ["", "", "2026/05/check.warc.gz"]
    assert AuditEvent.objects.get(action="monitor.prune").data["archives"] == 2
    assert ItemFinding.objects.filter(site_check=made[0]).count() == 18


def test_an_outcome_the_checklist_refuses_fails_the_check(dept: Department, monkeypatch: Any) -> None:
    # The checklist changed while the check ran: the outcome no longer covers it, so nothing is recorded.
    from prongsai.checklists.models import ChecklistItem

    site_check = _queue(dept)
    real = check_record

    def after_a_change(**kwargs: Any) -> Any:
        ChecklistItem.objects.filter(code="5.1.11").update(retired=True)
        return real(**kwargs)

    monkeypatch.setattr("prongsai.monitoring.runner.check_record", after_a_change)
    assert check_execute(site_check.pk) is RunResult.FAILED
    site_check.refresh_from_db()
    assert site_check.state == "failed"
    assert site_check.error.startswith("ValidationError: ")
    assert not ItemFinding.objects.filter(site_check=site_check).exists()
    assert not HostLease.objects.exists()


def test_a_check_cannot_be_started_beside_one_in_the_queue(dept: Department) -> None:
    _queue(dept)
    unit = dept.units[0]
    with pytest.raises(ValidationError) as refusal:
        check_start(actor=None, organization=unit, website=unit.websites.get(), trigger="command", now=NOON)
    assert refusal.value.messages == ["เว็บไซต์นี้อยู่ในคิวหรือกำลังตรวจอยู่แล้ว รอให้การตรวจครั้งนั้นเสร็จก่อน"]
    assert SiteCheck.objects.count() == 1


def test_the_settings_set_the_checks_budgets(settings: Any) -> None:
    settings.PRONGSAI_MONITOR_MAX_PAGES = 40
    settings.PRONGSAI_MONITOR_DELAY = 2.5
    settings.PRONGSAI_MONITOR_OCR_PAGES = 0

    config = monitor_config()

    assert (config.crawl.max_pages, config.crawl.politeness.min_delay, config.ocr_pages) == (40, 2.5, 0)
