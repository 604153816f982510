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


def publish_records(dept: Department, unit: Any, code: str, *, as_of: Any, fiscal_year: int = 2569) -> Any:
    """Run records of an item through the register: fill the draft, submit it, approve it (now, by the clock)."""
    from prongsai.disclosures.services import Verdicts, version_approve, version_submit
    from prongsai.plans.publishing import PLAN_CODES, plan_publish
    from prongsai.procurement.publishing import procurement_publish

    editor = dept.people["editor"]
    publish = plan_publish if code in PLAN_CODES else procurement_publish
    version = publish(actor=editor, organization=unit, fiscal_year=fiscal_year, code=code, as_of=as_of)
    version_submit(actor=editor, version=version)
    reviewer = dept.people["reviewer1" if code in PLAN_CODES else "reviewer2"]
    version_approve(actor=reviewer, version=version, verdicts=Verdicts(True, True, True))
    version.refresh_from_db()
    return version
