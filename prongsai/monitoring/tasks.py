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
    if result is RunResult.BUSY:
        later = timezone.now() + dt.timedelta(seconds=settings.PRONGSAI_MONITOR_BUSY_RETRY_SECONDS)
        if default_task_backend.supports_defer:
            run_site_check.using(run_after=later).enqueue(site_check_id)
        else:  # the immediate backend (tests) cannot defer: the check stays queued for the next sweep or run
            pass
    return result.value
