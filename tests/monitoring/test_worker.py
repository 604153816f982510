"""`monitor work`: one process takes queued checks and crawls many hosts at once, each under its host lease."""

import socket
from collections.abc import Iterator
from contextlib import ExitStack
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from prongsai.audit.models import AuditEvent
from prongsai.monitoring.leases import host_lease_acquire
from prongsai.monitoring.models import HostLease, ItemFinding, SiteCheck
from prongsai.monitoring.runner import RunResult
from prongsai.monitoring.services import check_queue
from prongsai.monitoring.tasks import checks_dispatch
from prongsai.monitoring.worker import MonitorWorker
from prongsai.organizations.services import organization_websites_set

from ..callbacks import app_callbacks
from ..workspace.conftest import Department, make_department
from .small_site import small_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def monitor_settings(settings: Any, tmp_path: Path) -> None:
    settings.PRONGSAI_MONITOR_ALLOW_PRIVATE = True
    settings.PRONGSAI_MONITOR_DELAY = 0.0
    settings.PRONGSAI_MONITOR_MAX_PAGES = 50
    settings.PRONGSAI_MONITOR_MAX_SECONDS = 60.0
    settings.PRONGSAI_MONITOR_EVIDENCE_ROOT = tmp_path / "evidence"
    settings.PRONGSAI_MONITOR_DISPATCH = "workers"


@pytest.fixture
def sites() -> Iterator[list[str]]:
    """Three unit websites, each on a loopback address (a host) of its own."""
    with ExitStack() as stack:
        yield [stack.enter_context(small_site(f"127.0.0.{n}")) for n in (1, 2, 3)]


@pytest.fixture
def dept(sites: list[str]) -> Department:
    dept = make_department(4)
    for unit, url in zip(dept.units, sites, strict=False):
        organization_websites_set(actor=None, organization=unit, urls=[url])
    return dept


def _queue_all(dept: Department) -> list[SiteCheck]:
    return [
        check_queue(actor=None, organization=unit, website=unit.websites.get(), trigger=SiteCheck.Trigger.SCHEDULE)
        for unit in dept.units
        if unit.websites.exists()
    ]


def test_a_worker_runs_the_queued_checks_at_once_and_records_each(
    dept: Department, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        checks = _queue_all(dept)
        checks_dispatch(check.pk for check in checks)
    assert app_callbacks(callbacks) == []  # with workers taking checks from the queue, no task is sent
    concluded: list[tuple[int, RunResult]] = []
    worker = MonitorWorker(
        max_sites=3, drain=True, heartbeat_seconds=0.2, on_concluded=lambda c, r: concluded.append((c.pk, r))
    )

    figures = worker.run()

    assert (figures.taken, figures.done, figures.failed) == (3, 3, 0)
    assert sorted(concluded) == sorted((check.pk, RunResult.DONE) for check in checks)
    for check in checks:
        check.refresh_from_db()
        assert (check.state, check.pages) == ("done", 4)
        assert ItemFinding.objects.filter(site_check=check).count() == 18
        assert ItemFinding.objects.get(site_check=check, item__code="5.1.1.1").status == "found"
        assert Path(check.evidence_path).name == f"check-{check.pk}.warc.gz"
    assert AuditEvent.objects.filter(action="monitor.record").count() == 3
    assert not HostLease.objects.exists()


def test_a_worker_leaves_a_host_held_elsewhere_queued(dept: Department) -> None:
    checks = _queue_all(dept)
    elsewhere = SiteCheck.objects.create(
        organization=dept.units[3], url="http://127.0.0.9/", checklist=checks[0].checklist, state="failed",
        trigger="schedule", queued_at=timezone.now(),
    )  # fmt: skip
    assert host_lease_acquire(host="127.0.0.2", holder_id=elsewhere.pk, now=timezone.now(), seconds=300)

    figures = MonitorWorker(max_sites=8, drain=True, heartbeat_seconds=0.2).run()

    assert (figures.taken, figures.done) == (2, 2)
    states = {check.url: check.state for check in SiteCheck.objects.filter(pk__in=[c.pk for c in checks])}
    assert states == {checks[0].url: "done", checks[1].url: "queued", checks[2].url: "done"}
    assert list(HostLease.objects.values_list("host", flat=True)) == ["127.0.0.2"]


def test_a_worker_takes_no_more_than_its_places_at_once(dept: Department) -> None:
    _queue_all(dept)
    worker = MonitorWorker(max_sites=1, drain=True, heartbeat_seconds=0.2)
    running_together: list[int] = []

    original = worker._conclude_finished

    def watch() -> None:
        running_together.append(SiteCheck.objects.filter(state="running").count())
        original()

    worker._conclude_finished = watch  # type: ignore[method-assign]
    figures = worker.run()

    assert figures.done == 3
    assert max(running_together) == 1


def test_an_unreachable_site_fails_in_the_worker_with_its_reason(dept: Department) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.4:{probe.getsockname()[1]}/"
    organization_websites_set(actor=None, organization=dept.units[3], urls=[closed])
    unit = dept.units[3]
    failing = check_queue(actor=None, organization=unit, website=unit.websites.get(), trigger="schedule")

    figures = MonitorWorker(max_sites=4, drain=True, heartbeat_seconds=0.2).run()

    failing.refresh_from_db()
    assert (figures.done, figures.failed) == (0, 1)
    assert failing.state == "failed"
    assert failing.error.endswith(f"The website could not be reached: {closed} — the connection was refused or dropped")


def test_the_work_command_drains_the_queue_and_prints_each_check(dept: Department) -> None:
    _queue_all(dept)
    out, err = StringIO(), StringIO()

    call_command("monitor", "work", "--sites", "2", "--drain", stdout=out, stderr=err)

    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 4
    assert all(" found " in line and "pages    4" in line for line in lines[:3])
    assert lines[-1] == "ตรวจเสร็จ 3 ไม่สำเร็จ 0 / 3 done, 0 failed"
    assert "taking up to 2 checks at once" in err.getvalue()
    assert set(SiteCheck.objects.values_list("state", flat=True)) == {"done"}
