"""The plans' selectors: a plan, its programmes and projects, its roll-ups by programme, plan and round."""

import datetime as dt
from decimal import Decimal
from typing import Any

from prongsai.plans.rollup import Figures
from prongsai.plans.selectors import (
    plan_figures,
    plan_for,
    plan_list,
    plan_overview,
    plan_projects,
    unit_plan_figures,
)
from prongsai.plans.services import action_plan_save, programme_save, project_save
from tests.plans.conftest import NOW, ReferencePlan, project_input
from tests.register.conftest import World

D = Decimal
SIX = Figures(D("2000000.00"), D("450000.00"), D("22.50"), D("26.50"), 3, 0, 1, 1)
TWELVE = Figures(D("2000000.00"), D("1030000.00"), D("51.50"), D("57.50"), 3, 1, 1, 0)


def test_the_units_plans_newest_first_in_one_query(
    world: World, reference: ReferencePlan, django_assert_num_queries: Any
) -> None:
    older = action_plan_save(
        actor=world.person("editor_a"), organization=world.unit_a, fiscal_year=2568, title_th="แผน 2568", now=NOW
    )
    unit_a = world.unit_a
    with django_assert_num_queries(1):
        rows = plan_list(organization=unit_a)
    assert [(r.plan.fiscal_year, r.programmes, r.projects, r.budget) for r in rows] == [
        (2569, 2, 3, D("2000000.00")),
        (2568, 0, 0, D("0.00")),
    ]
    assert plan_list(organization=world.unit_b) == []
    assert plan_for(organization=world.unit_a, fiscal_year=2568) == older
    assert plan_for(organization=world.unit_b, fiscal_year=2569) is None


def test_the_plans_projects_in_order_in_three_queries(
    world: World, reference: ReferencePlan, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(3):
        groups = plan_projects(plan=reference.plan)
        periods = [[r.period.strftime("%Y-%m") for r in p.progress.all()] for _g, projects in groups for p in projects]
    assert [(g.name_th, [p.name_th for p in projects]) for g, projects in groups] == [
        ("แผนงานพื้นฐาน", ["โครงการอบรมเกษตรกร", "กิจกรรมประชาสัมพันธ์"]),
        ("แผนงานยุทธศาสตร์", ["โครงการจัดซื้อเครื่องมือ"]),
    ]
    assert periods == [["2025-12", "2026-03", "2026-09"], ["2026-02"], ["2026-04"]]


def test_the_plans_figures_by_programme_plan_and_round(
    world: World, reference: ReferencePlan, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(3):
        figures = plan_figures(plan=reference.plan, as_of=dt.date(2026, 9, 30))
    basic, strategic = figures.programmes
    # Basic: (1,000,000 × 100 + 250,000 × 30) / 1,250,000 = 86 %; 1,030,000 of 1,250,000 = 82.4 %.
    assert basic == (reference.basic, Figures(D("1250000.00"), D("1030000.00"), D("82.40"), D("86.00"), 2, 1, 1, 0))
    assert strategic == (reference.strategic, Figures(D("750000.00"), D("0.00"), D("0.00"), D("10.00"), 1, 0, 0, 0))
    assert figures.total == TWELVE
    assert [(r.kind, r.cutoff, r.figures) for r in figures.rounds] == [
        ("6", dt.date(2026, 3, 31), SIX),
        ("12", dt.date(2026, 9, 30), TWELVE),
    ]
    # Before the 12-month cut-off only the 6-month figure exists.
    early = plan_figures(plan=reference.plan, as_of=dt.date(2026, 4, 30))
    assert [(r.kind, r.figures is not None) for r in early.rounds] == [("6", True), ("12", False)]
    # 30 April: training 45.5 % and 400,000, publicity 30 % and 50,000, equipment 10 % and 0.
    assert early.total == Figures(D("2000000.00"), D("450000.00"), D("22.50"), D("30.25"), 3, 0, 1, 0)


def test_the_plan_page_overview_shows_the_report_in_force(
    world: World, reference: ReferencePlan, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(3):
        overview = plan_overview(plan=reference.plan, as_of=dt.date(2026, 3, 31))
    lines = [
        (line.project.name_th, line.latest.period.strftime("%Y-%m") if line.latest else None)
        for group in overview.programmes
        for line in group.lines
    ]
    assert lines == [("โครงการอบรมเกษตรกร", "2026-03"), ("กิจกรรมประชาสัมพันธ์", "2026-02"), ("โครงการจัดซื้อเครื่องมือ", None)]
    assert overview.total == SIX
    assert [g.figures.progress_percent for g in overview.programmes] == [D("42.40"), None]


def test_the_units_plan_figures_for_the_unit_report_in_one_query(
    world: World, reference: ReferencePlan, django_assert_num_queries: Any
) -> None:
    unit_a, unit_b = world.unit_a, world.unit_b
    with django_assert_num_queries(1):
        six = unit_plan_figures(organization=unit_a, fiscal_year=2569, as_of=dt.date(2026, 3, 31))
    assert six is not None
    assert (six.fiscal_year, six.title_th, six.title_en, six.as_of, six.figures) == (
        2569, "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569", "Action plan 2569", dt.date(2026, 3, 31), SIX,
    )  # fmt: skip
    twelve = unit_plan_figures(organization=world.unit_a, fiscal_year=2569, as_of=dt.date(2026, 9, 30))
    assert twelve is not None
    assert twelve.figures == TWELVE
    with django_assert_num_queries(1):
        assert unit_plan_figures(organization=unit_b, fiscal_year=2569, as_of=dt.date(2026, 3, 31)) is None
    assert unit_plan_figures(organization=world.unit_a, fiscal_year=2570, as_of=dt.date(2027, 3, 31)) is None


def test_a_plan_without_projects_or_reports_still_answers(world: World) -> None:
    editor = world.person("editor_b")
    plan = action_plan_save(actor=editor, organization=world.unit_b, fiscal_year=2569, title_th="แผน", now=NOW)
    empty = unit_plan_figures(organization=world.unit_b, fiscal_year=2569, as_of=dt.date(2026, 3, 31))
    assert empty is not None
    assert empty.figures == Figures(D("0.00"), D("0.00"), None, None, 0, 0, 0, 0)
    programme = programme_save(actor=editor, plan=plan, name_th="แผนงาน", now=NOW)
    project_save(actor=editor, programme=programme, data=project_input("โครงการ", "300.00"), now=NOW)
    silent = unit_plan_figures(organization=world.unit_b, fiscal_year=2569, as_of=dt.date(2026, 3, 31))
    assert silent is not None
    assert silent.figures == Figures(D("300.00"), D("0.00"), D("0.00"), None, 1, 0, 0, 1)
