"""The monitor's tests run no browser unless they test rendering (``test_render.py`` turns it back on)."""

import pytest


@pytest.fixture(autouse=True)
def _no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRONGSAI_CHROMIUM", "none")
