"""Checks run on real task workers: the embedded database worker, and RQ over Redis; a busy host defers the task."""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from prongsai.monitoring.leases import host_lease_acquire
from prongsai.monitoring.models import SiteCheck
from prongsai.monitoring.services import check_queue
from prongsai.monitoring.tasks import checks_dispatch
from prongsai.organizations.services import organization_websites_set

from ..workspace.conftest import Department, make_department
from .small_site import small_site

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def monitor_settings(settings: Any, tmp_path: Path) -> None:
    settings.PRONGSAI_MONITOR_ALLOW_PRIVATE = True
    settings.PRONGSAI_MONITOR_DELAY = 0.0
    settings.PRONGSAI_MONITOR_EVIDENCE_ROOT = tmp_path / "evidence"


@pytest.fixture
def site() -> Iterator[str]:
    with small_site() as url:
        yield url


def _department(site: str) -> Department:
    dept = make_department(1)
    organization_websites_set(actor=None, organization=dept.units[0], urls=[site])
    return dept


def _queue(dept: Department, capture: Any) -> SiteCheck:
    unit = dept.units[0]
    with capture(execute=True):
        site_check = check_queue(
            actor=dept.people["monitor"], organization=unit, website=unit.websites.get(), trigger="manual"
        )
        checks_dispatch([site_check.pk])
    return site_check


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_check(
    site: str, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    site_check = _queue(_department(site), django_capture_on_commit_callbacks)
    task = DBTaskResult.objects.get()
    assert (task.task_path, task.args_kwargs["args"]) == (
        "prongsai.monitoring.tasks.run_site_check",
        [site_check.pk],
    )
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    task.refresh_from_db()
    site_check.refresh_from_db()
    assert (task.status, task.return_value) == ("SUCCESSFUL", "done")
    assert (site_check.state, site_check.pages, site_check.findings.count()) == ("done", 4, 18)


@pytest.mark.django_db(transaction=True)
def test_a_check_of_a_busy_host_is_deferred_not_run(
    site: str, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    settings.PRONGSAI_MONITOR_BUSY_RETRY_SECONDS = 60
    dept = _department(site)
    holder = _queue(dept, django_capture_on_commit_callbacks)
    DBTaskResult.objects.all().delete()
    SiteCheck.objects.filter(pk=holder.pk).update(state="failed")  # lets a second check be queued
    assert host_lease_acquire(host="127.0.0.1", holder_id=holder.pk, now=timezone.now(), seconds=300)
    waiting = _queue(dept, django_capture_on_commit_callbacks)
    before = timezone.now()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    waiting.refresh_from_db()
    assert waiting.state == "queued"
    first, again = DBTaskResult.objects.order_by("enqueued_at")
    assert (first.status, first.return_value) == ("SUCCESSFUL", "busy")
    assert again.status == "READY"
    assert again.args_kwargs["args"] == [waiting.pk]
    assert before + dt.timedelta(seconds=55) < again.run_after < timezone.now() + dt.timedelta(seconds=61)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_an_rq_worker_runs_a_queued_check(site: str, settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/15", "DEFAULT_TIMEOUT": 120}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default")
    queue.empty()
    site_check = _queue(_department(site), django_capture_on_commit_callbacks)
    assert queue.count == 1
    worker = django_rq.get_worker("default", job_class=Job, worker_class=SimpleWorker)
    worker.work(burst=True)
    site_check.refresh_from_db()
    assert queue.count == 0
    assert (site_check.state, site_check.pages, site_check.findings.count()) == ("done", 4, 18)
