"""The channels' test world: the register's department with units A and B and one person per role.

`reviewer4_a` handles unit A's channels; `ict_monitor` (at the department) handles every unit's.
Every test runs with English active unless it overrides the language itself; the page cache
(which also holds the tracking-lookup counters) is cleared before each test.
"""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.utils import translation

from prongsai.channels.models import Submission
from prongsai.channels.services import SubmissionInput, submission_create
from prongsai.organizations.models import Organization
from tests.register.conftest import NOW, World, build_world, world_kept_for_module

__all__ = ["NOW", "World", "sample", "send"]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache(settings: Any) -> None:
    caches[settings.PRONGSAI_PORTAL_CACHE].clear()


@pytest.fixture
def attachment_root(settings: Any, tmp_path: Path) -> Path:
    """Keep attachments in an empty directory of this test, so "nothing was stored" can be checked."""
    root = tmp_path / "channel-attachments"
    root.mkdir()
    settings.PRONGSAI_CHANNEL_ATTACHMENT_ROOT = root
    return root


@pytest.fixture(scope="module")
def shared_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with world_kept_for_module(django_db_blocker, build_world) as built:
        yield built


@pytest.fixture
def world(shared_world: World, db: None) -> World:
    return shared_world.fresh()


def sample(kind: str = "complaint", **overrides: Any) -> SubmissionInput:
    """Return a valid submission of the kind, with contact details, changed by `overrides`."""
    values: dict[str, Any] = {
        "kind": kind,
        "topic": "service_delay" if kind == "complaint" else "service_quality",
        "subject": "รอคิวนานเกินไป",
        "message": "วันที่ 10 มีนาคม รอรับบริการนานสามชั่วโมง",
        "name": "สมชาย ใจดี",
        "email": "somchai@example.com",
        "phone": "081 234 5678",
    }
    values.update(overrides)
    return SubmissionInput(**values)


def send(
    organization: Organization,
    data: SubmissionInput | None = None,
    *,
    ip: str = "198.51.100.7",
    language: str = "th",
    now: dt.datetime = NOW,
) -> Submission:
    """Create a submission through the service, as a visitor at `ip` would."""
    return submission_create(organization=organization, data=data or sample(), client_ip=ip, language=language, now=now)
