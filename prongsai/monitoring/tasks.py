"""The monitor's background task: one task per website check, run by the database worker or RQ workers."""

import datetime as dt

from django.conf import settings
from django.tasks import default_task_backend, task
from django.utils import timezone

from .runner import RunResult, check_execute


@task()
def run_site_check(site_check_id: int) -> str:
    """Run one queued check; when another worker holds its host, queue it again for later instead of waiting."""
    result = check_execute(site_check_id)
    # A backend that cannot defer (the immediate one, in tests) leaves the check queued for the next run.
    if result is RunResult.BUSY and default_task_backend.supports_defer:
        later = timezone.now() + dt.timedelta(seconds=settings.PRONGSAI_MONITOR_BUSY_RETRY_SECONDS)
        run_site_check.using(run_after=later).enqueue(site_check_id)
    return result.value
