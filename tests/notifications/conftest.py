"""Notifications use the register's world, built afresh for every test (some tests here really commit)."""

from typing import Any

import pytest

from tests.register.conftest import World, _english, build_world, entry_links  # noqa: F401  (fixtures)


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def task_backend(settings: Any) -> Any:
    """Replace the immediate task backend by Django's dummy one, which only records what was enqueued."""
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    return task_backends["default"]
