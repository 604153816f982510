"""Fixtures for the public portal: the workspace's department builder and an empty media directory."""

from pathlib import Path
from typing import Any

import pytest

from ..workspace.conftest import Department, make_department


@pytest.fixture
def dept(db: Any) -> Department:
    return make_department(3)


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root
