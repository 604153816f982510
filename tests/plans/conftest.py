"""The plans' test world: the register's department, units and people (tests/register/conftest.py), and one plan.

`reference_plan` builds unit A's action plan for fiscal year 2569 (1 October 2025 – 30 September 2026)
through the services, with figures chosen so that every roll-up can be worked out by hand:

- programme 1 แผนงานพื้นฐาน:
  - โครงการอบรมเกษตรกร (project), 1,000,000.00 baht; reports 2025-12 (as of 31 Dec: 20 %, 150,000 disbursed,
    on schedule), 2026-03 (31 Mar: 45.5 %, 400,000, on schedule), 2026-09 (30 Sep: 100 %, 980,000, completed);
  - กิจกรรมประชาสัมพันธ์ (activity), 250,000.00 baht; report 2026-02 (28 Feb: 30 %, 50,000, behind);
- programme 2 แผนงานยุทธศาสตร์:
  - โครงการจัดซื้อเครื่องมือ (project), 750,000.00 baht, 1 Jan – 31 Aug 2026; report 2026-04 (10 Apr: 10 %, 0).

At the 6-month cut-off (31 March 2026): budget 2,000,000.00, disbursed 450,000.00 (22.50 %), progress
(1,000,000 × 45.5 + 250,000 × 30 + 750,000 × 0) / 2,000,000 = 26.50 %, one behind, one not reported.
At the 12-month cut-off (30 September 2026): disbursed 1,030,000.00 (51.50 %), progress
(1,000,000 × 100 + 250,000 × 30 + 750,000 × 10) / 2,000,000 = 57.50 %, one completed, one behind.

Every test here runs with English active unless it overrides the language.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from prongsai.plans.inputs import ProgressInput, ProjectInput
from prongsai.plans.models import ActionPlan, Programme, Project
from prongsai.plans.services import action_plan_save, programme_save, progress_record, project_save
from tests.register.conftest import World, build_world, world_kept_for_module

BANGKOK = ZoneInfo("Asia/Bangkok")
# After the fiscal year 2569 ended: every report of the reference plan may be recorded.
NOW = dt.datetime(2026, 10, 5, 10, 0, tzinfo=BANGKOK)
D = Decimal


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def shared_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with world_kept_for_module(django_db_blocker, build_world) as built:
        yield built


@pytest.fixture
def world(shared_world: World, db: None) -> World:
    return shared_world.fresh()


def project_input(
    name_th: str,
    budget: str,
    *,
    kind: str = Project.Kind.PROJECT,
    start: dt.date = dt.date(2025, 10, 1),
    end: dt.date = dt.date(2026, 9, 30),
    division: str = "กลุ่มส่งเสริม",
    **extra: Any,
) -> ProjectInput:
    return ProjectInput(name_th=name_th, budget=D(budget), kind=kind, start=start, end=end, division=division, **extra)


def progress_input(
    period: str, as_of: dt.date, percent: str, disbursed: str, status: str = "on_schedule", **extra: Any
) -> ProgressInput:
    return ProgressInput(
        period=dt.date.fromisoformat(f"{period}-01"),
        as_of=as_of,
        progress_percent=D(percent),
        disbursed=D(disbursed),
        status=status,
        **extra,
    )


@dataclass
class ReferencePlan:
    plan: ActionPlan
    basic: Programme
    strategic: Programme
    training: Project
    publicity: Project
    equipment: Project


def build_reference_plan(world: World, *, now: dt.datetime = NOW) -> ReferencePlan:
    editor = world.person("editor_a")
    plan = action_plan_save(
        actor=editor,
        organization=world.unit_a,
        fiscal_year=2569,
        title_th="แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569",
        title_en="Action plan 2569",
        approved_on=dt.date(2025, 9, 15),
        now=now,
    )
    basic = programme_save(actor=editor, plan=plan, name_th="แผนงานพื้นฐาน", name_en="Basic programme", now=now)
    strategic = programme_save(actor=editor, plan=plan, name_th="แผนงานยุทธศาสตร์", now=now)
    training = project_save(
        actor=editor,
        programme=basic,
        data=project_input("โครงการอบรมเกษตรกร", "1000000.00", kpi="เกษตรกรผ่านการอบรม", target="500 คน"),
        now=now,
    )
    publicity = project_save(
        actor=editor,
        programme=basic,
        data=project_input("กิจกรรมประชาสัมพันธ์", "250000.00", kind=Project.Kind.ACTIVITY, division="ฝ่ายบริหาร"),
        now=now,
    )
    equipment = project_save(
        actor=editor,
        programme=strategic,
        data=project_input("โครงการจัดซื้อเครื่องมือ", "750000.00", start=dt.date(2026, 1, 1), end=dt.date(2026, 8, 31)),
        now=now,
    )
    for project, data in [
        (training, progress_input("2025-12", dt.date(2025, 12, 31), "20", "150000.00")),
        (training, progress_input("2026-03", dt.date(2026, 3, 31), "45.5", "400000.00", note_th="ตามแผน")),
        (training, progress_input("2026-09", dt.date(2026, 9, 30), "100", "980000.00", "completed")),
        (publicity, progress_input("2026-02", dt.date(2026, 2, 28), "30", "50000.00", "behind")),
        (equipment, progress_input("2026-04", dt.date(2026, 4, 10), "10", "0.00")),
    ]:
        progress_record(actor=editor, project=project, data=data, now=now)
    plan.refresh_from_db()
    return ReferencePlan(plan, basic, strategic, training, publicity, equipment)


@pytest.fixture
def reference(world: World) -> ReferencePlan:
    return build_reference_plan(world)
