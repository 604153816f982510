"""Headless Chromium for browser tests (Debian's chromium; .ci/run installs it when absent)."""

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from prongsai.monitoring.engine.render import QUIET_CHROMIUM_ARGS

REQUIRE_SERVICES = os.environ.get("PRONGSAI_REQUIRE_SERVICES") == "1"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


# One browser per module, not per session: Playwright's sync API keeps an event loop running in
# the main thread while it is open, and later tests (the monitor's loopback servers) run their own.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        if REQUIRE_SERVICES:
            pytest.fail("PRONGSAI_REQUIRE_SERVICES=1 but Chromium is not installed")
        pytest.skip("needs Chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # synchronous and happen between browser steps, never concurrently with them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", *QUIET_CHROMIUM_ARGS],
        )
        yield instance
        instance.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
