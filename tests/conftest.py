"""Shared fixtures: services that may be absent, a clock, the checklist, organizations and people."""

import os
import socket

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


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    """Start every test with empty caches: public pages are cached under the public edition, whose
    number repeats between tests because each test's database changes are rolled back."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
