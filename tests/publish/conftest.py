"""Fixtures for publishing records into the register: a department on the real checklist, a plan, procurement."""

from typing import Any

import pytest

from prongsai.disclosures.models import Entry
from prongsai.plans.models import ActionPlan

from ..workspace.conftest import Department, make_department
from .world import build_plan, build_procurement


@pytest.fixture
def dept(db: Any) -> Department:
    return make_department(2)


@pytest.fixture
def unit(dept: Department) -> Any:
    return dept.units[0]


@pytest.fixture
def plan(unit: Any) -> ActionPlan:
    return build_plan(unit)


@pytest.fixture
def procurement(unit: Any) -> dict[str, Any]:
    return build_procurement(unit)


def entry_of(unit: Any, code: str) -> Entry:
    return Entry.objects.select_related("item", "organization").get(
        organization=unit, item__code=code, item__checklist__is_active=True
    )
