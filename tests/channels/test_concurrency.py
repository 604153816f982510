"""Many visitors at once: every submission is stored exactly once, each with its own tracking code."""

import threading
import time
from typing import Any

import pytest
from django.db import OperationalError, close_old_connections, connection

from prongsai.audit.models import AuditEvent
from prongsai.channels.models import Submission
from prongsai.channels.services import submission_create
from prongsai.organizations.models import Organization
from prongsai.organizations.services import organization_create

from .conftest import sample

THREADS = 8
EACH = 3


def _run_parallel(settings: Any) -> Organization:
    settings.PRONGSAI_CHANNEL_SUBMISSIONS_PER_HOUR = 1000
    settings.PRONGSAI_CHANNEL_SUBMISSIONS_PER_DAY = 1000
    department = organization_create(actor=None, kind="department", slug="dept", name_th="กรม", name_en="Department")
    unit = organization_create(actor=None, kind="unit", parent=department, slug="u", name_th="กอง", name_en="Division")
    barrier = threading.Barrier(THREADS)
    errors: list[Exception] = []

    def visitor(index: int) -> None:
        try:
            barrier.wait()
            for n in range(EACH):
                for attempt in range(100):
                    try:
                        submission_create(
                            organization=unit,
                            data=sample(subject=f"เรื่องที่ {index}-{n}"),
                            client_ip=f"10.0.{index}.{n}",
                            language="th",
                        )
                        break
                    except OperationalError:
                        # SQLite's in-memory test database locks whole tables and fails at once instead
                        # of waiting; the transaction rolled back, so the visitor sends again. On
                        # PostgreSQL rows are locked and waited for: no retry is allowed there.
                        if connection.vendor != "sqlite" or attempt == 99:
                            raise
                        time.sleep(0.01 * (1 + index % 3))
        except Exception as exc:  # noqa: BLE001 - collected and asserted on in the main thread
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=visitor, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return unit


def _check(unit: Organization) -> None:
    rows = list(Submission.objects.filter(organization=unit).values_list("subject", "tracking_code"))
    assert sorted(subject for subject, _code in rows) == sorted(
        f"เรื่องที่ {i}-{n}" for i in range(THREADS) for n in range(EACH)
    )
    assert len({code for _subject, code in rows}) == THREADS * EACH
    assert AuditEvent.objects.filter(action="channel.submit").count() == THREADS * EACH


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_on_the_current_database(settings: Any) -> None:
    _check(_run_parallel(settings))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_on_postgresql(settings: Any) -> None:
    _check(_run_parallel(settings))
