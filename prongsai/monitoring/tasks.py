"""The monitor's background task, one per website check, and how queued checks are handed to it.

The database worker or RQ workers run it. Enqueueing lives here, above the services: a service
queues a check (a row), and the interface that called it hands the check to the workers.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.tasks import TaskContext, default_task_backend, task
from django.utils import timezone

from .runner import RunResult, check_execute
from .services import checks_reap


@task(takes_context=True)
def run_site_check(context: TaskContext[[int], str], site_check_id: int) -> str:
    """Run one queued check; when another worker holds its host, queue it again for later instead of waiting.

    First reap what dead workers left running: a check of a host held by a killed worker's check
    (silent past ``PRONGSAI_MONITOR_STALE_SECONDS``) then starts instead of waiting for the lease to
    lapse. The check keeps this task's id, so that if this worker dies mid-check its reaper ends the
    task too.
    """
    checks_reap()
    result = check_execute(site_check_id, task_id=str(context.task_result.id))
    # A backend that cannot defer (the immediate one, in tests) leaves the check queued for the next run.
    if result is RunResult.BUSY and default_task_backend.supports_defer:
        later = timezone.now() + dt.timedelta(seconds=settings.PRONGSAI_MONITOR_BUSY_RETRY_SECONDS)
        run_site_check.using(run_after=later).enqueue(site_check_id)
    return result.value


def checks_dispatch(site_check_ids: Iterable[int]) -> None:
    """Hand queued checks to the task workers once the transaction that queued them has committed.

    Where `monitor work` processes take checks straight from the queue (``PRONGSAI_MONITOR_DISPATCH=workers``),
    the queued rows are all they need, and no task is sent.
    """
    if settings.PRONGSAI_MONITOR_DISPATCH == "workers":
        return
    ids = list(site_check_ids)

    def enqueue() -> None:
        for site_check_id in ids:
            run_site_check.enqueue(site_check_id)

    transaction.on_commit(enqueue)
