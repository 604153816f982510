"""Fixtures of the open-data tests (the world is in world.py)."""

from typing import Any

import pytest

from .world import OpendataWorld, build_opendata_world


@pytest.fixture
def world(db: Any) -> OpendataWorld:
    return build_opendata_world()
