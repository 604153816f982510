"""Shared fixtures: services that may be absent, a clock, the checklist, organizations and people."""

import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

REQUIRE_SERVICES = os.environ.get("PRONGSAI_REQUIRE_SERVICES") == "1"


def _redis_answers() -> bool:
    from urllib.parse import urlparse

    url = urlparse(settings.REDIS_URL)
    try:
        with socket.create_connection((url.hostname or "127.0.0.1", url.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip tests whose service is absent, or fail them when CI requires every service."""
    missing = None
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        missing = "PostgreSQL (set DATABASE_URL to a PostgreSQL server)"
    if item.get_closest_marker("redis") and not _redis_answers():
        missing = f"Redis at {settings.REDIS_URL}"
    if missing:
        if REQUIRE_SERVICES:
            pytest.fail(f"PRONGSAI_REQUIRE_SERVICES=1 but {missing} is not available")
        pytest.skip(f"needs {missing}")


@pytest.fixture(scope="session", autouse=True)
def _flush_may_empty_the_audit_trail() -> Iterator[None]:
    """Let the flush after each transactional test empty the append-only audit table on SQLite.

    SQLite's flush is a DELETE, which the audit table's triggers refuse (PostgreSQL's TRUNCATE
    fires no row trigger). Only this test-suite wrapper unlocks the table, only for the flush;
    the application never does.
    """
    from django.db import transaction
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from prongsai.audit.appendonly import audit_trail_unlocked

    operations = DatabaseWrapper.ops_class
    original = operations.execute_sql_flush

    def execute_sql_flush(self: Any, sql_list: list[str]) -> None:
        with transaction.atomic(using=self.connection.alias), audit_trail_unlocked(self.connection):
            original(self, sql_list)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(operations, "execute_sql_flush", execute_sql_flush)
        yield


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    """Start every test with empty caches: public pages are cached under the public edition, whose
    number repeats between tests because each test's database changes are rolled back."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
