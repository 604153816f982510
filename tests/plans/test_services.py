"""The plans' services: what they store, the problems they refuse with, who may call them, what they audit."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from prongsai.audit.models import AuditEvent
from prongsai.plans.inputs import InvalidInput
from prongsai.plans.models import ActionPlan, Programme, ProgressReport, Project
from prongsai.plans.services import (
    action_plan_delete,
    action_plan_save,
    programme_delete,
    programme_move,
    programme_save,
    progress_delete,
    progress_record,
    project_delete,
    project_move,
    project_save,
)
from tests.plans.conftest import NOW, ReferencePlan, progress_input, project_input
from tests.register.conftest import World, actions_after, events_after, last_sequence

D = Decimal


def _problems(error: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str]]:
    return [(p.field, p.en) for p in error.value.problems]


def _plan(world: World, **extra: object) -> ActionPlan:
    values: dict[str, Any] = {"fiscal_year": 2569, "title_th": "แผนปฏิบัติราชการ 2569", "now": NOW, **extra}
    return action_plan_save(actor=world.person("editor_a"), organization=world.unit_a, **values)


def test_a_plan_is_created_then_updated_for_its_year(world: World) -> None:
    start = last_sequence()
    plan = _plan(world, title_en="Plan 2569", approved_on=dt.date(2025, 9, 15))
    assert (plan.fiscal_year, plan.title_th, plan.title_en, plan.approved_on) == (
        2569, "แผนปฏิบัติราชการ 2569", "Plan 2569", dt.date(2025, 9, 15),
    )  # fmt: skip
    again = _plan(world, title_th="  แผนปฏิบัติราชการ   ประจำปี 2569 ")
    assert again.pk == plan.pk
    assert ActionPlan.objects.get().title_th == "แผนปฏิบัติราชการ ประจำปี 2569"
    assert actions_after(start) == [
        (
            "plan.save",
            {"unit": "unit-a", "fiscal_year": 2569, "created": True, "title_th": "แผนปฏิบัติราชการ 2569",
             "approved_on": "2025-09-15"},
        ),
        (
            "plan.save",
            {"unit": "unit-a", "fiscal_year": 2569, "created": False,
             "title_th": "แผนปฏิบัติราชการ ประจำปี 2569", "approved_on": None},
        ),
    ]  # fmt: skip
    event = events_after(start)[0]
    assert (event.actor_label, event.organization_id, event.object_id) == ("editor_a", world.unit_a.pk, str(plan.pk))


def test_a_plan_with_problems_is_refused_with_every_one(world: World) -> None:
    with pytest.raises(InvalidInput) as error:
        _plan(world, fiscal_year=2026, title_th=" ", approved_on=dt.date(2026, 10, 6))
    assert _problems(error) == [
        ("fiscal_year", "The fiscal year must be a Buddhist-era year from 2500 to 2700."),
        ("title_th", "The plan's Thai title is required."),
        ("approved_on", "The approval date cannot be in the future."),
    ]
    assert not ActionPlan.objects.exists()


@pytest.mark.parametrize("username", ["editor_b", "reviewer1_a", "supervisor_a", "outsider"])
def test_only_the_units_editors_write_its_plans(world: World, reference: ReferencePlan, username: str) -> None:
    person = world.person(username)
    with pytest.raises(PermissionDenied):
        action_plan_save(actor=person, organization=world.unit_a, fiscal_year=2570, title_th="แผน", now=NOW)
    with pytest.raises(PermissionDenied):
        programme_save(actor=person, plan=reference.plan, name_th="แผนงานใหม่", now=NOW)
    with pytest.raises(PermissionDenied):
        project_save(actor=person, programme=reference.basic, data=project_input("ใหม่", "1.00"), now=NOW)
    with pytest.raises(PermissionDenied):
        progress_record(
            actor=person,
            project=reference.training,
            data=progress_input("2026-05", dt.date(2026, 5, 31), "60", "500000.00"),
            now=NOW,
        )
    with pytest.raises(PermissionDenied):
        project_delete(actor=person, project=reference.training, now=NOW)
    assert Project.objects.count() == 3


def test_a_command_writes_without_a_person(world: World) -> None:
    start = last_sequence()
    plan = action_plan_save(actor=None, organization=world.unit_b, fiscal_year=2569, title_th="แผน", now=NOW)
    programme = programme_save(actor=None, plan=plan, name_th="แผนงาน", now=NOW)
    project = project_save(actor=None, programme=programme, data=project_input("โครงการ", "100.00"), now=NOW)
    report = progress_record(
        actor=None, project=project, data=progress_input("2026-01", dt.date(2026, 1, 31), "10", "5.00"), now=NOW
    )
    assert report.recorded_by is None
    assert [(e.action, e.actor_label, e.actor_id) for e in events_after(start)] == [
        ("plan.save", "system", None),
        ("plan.programme_save", "system", None),
        ("plan.project_save", "system", None),
        ("plan.progress_record", "system", None),
    ]


def test_programmes_keep_their_positions_in_order(world: World) -> None:
    editor = world.person("editor_a")
    plan = _plan(world)
    first, second, third = (programme_save(actor=editor, plan=plan, name_th=n, now=NOW) for n in ("ก", "ข", "ค"))
    assert [(p.name_th, p.position) for p in Programme.objects.order_by("position")] == [("ก", 1), ("ข", 2), ("ค", 3)]
    assert programme_move(actor=editor, programme=third, offset=-1, now=NOW) is True
    assert programme_move(actor=editor, programme=first, offset=-1, now=NOW) is False
    assert [p.name_th for p in Programme.objects.order_by("position")] == ["ก", "ค", "ข"]
    programme_delete(actor=editor, programme=first, now=NOW)
    assert [(p.name_th, p.position) for p in Programme.objects.order_by("position")] == [("ค", 1), ("ข", 2)]
    renamed = programme_save(actor=editor, plan=plan, name_th="ข ใหม่", name_en="B", programme=second, now=NOW)
    assert (renamed.pk, renamed.position, renamed.name_en) == (second.pk, 2, "B")


def test_a_programme_name_is_unique_in_the_plan_as_the_import_compares_names(world: World) -> None:
    editor = world.person("editor_a")
    plan = _plan(world)
    programme_save(actor=editor, plan=plan, name_th="แผนงานที่ 1 Basic", now=NOW)
    with pytest.raises(InvalidInput) as error:
        programme_save(actor=editor, plan=plan, name_th="แผนงานที่  ๑ basic", now=NOW)
    assert _problems(error) == [("name_th", "The plan already has a programme of this name.")]
    with pytest.raises(InvalidInput) as error:
        programme_save(actor=editor, plan=plan, name_th="", now=NOW)
    assert _problems(error) == [("name_th", "The programme's Thai name is required.")]
    assert Programme.objects.count() == 1


def test_the_reference_plan_is_stored_in_order_with_its_reports(reference: ReferencePlan) -> None:
    rows = Project.objects.order_by("programme__position", "position").values_list(
        "programme__name_th", "position", "kind", "name_th", "budget", "division", "kpi", "target"
    )
    assert list(rows) == [
        (
            "แผนงานพื้นฐาน",
            1,
            "project",
            "โครงการอบรมเกษตรกร",
            D("1000000.00"),
            "กลุ่มส่งเสริม",
            "เกษตรกรผ่านการอบรม",
            "500 คน",
        ),
        ("แผนงานพื้นฐาน", 2, "activity", "กิจกรรมประชาสัมพันธ์", D("250000.00"), "ฝ่ายบริหาร", "", ""),
        ("แผนงานยุทธศาสตร์", 1, "project", "โครงการจัดซื้อเครื่องมือ", D("750000.00"), "กลุ่มส่งเสริม", "", ""),
    ]
    assert ProgressReport.objects.count() == 5
    assert reference.plan.updated_at == NOW


def test_a_project_with_problems_is_refused_with_every_one(world: World, reference: ReferencePlan) -> None:
    editor = world.person("editor_a")
    bad = project_input(
        "", "-1.00", kind="programme", start=dt.date(2026, 12, 1), end=dt.date(2026, 11, 1), division=" "
    )
    with pytest.raises(InvalidInput) as error:
        project_save(actor=editor, programme=reference.basic, data=bad, now=NOW)
    assert _problems(error) == [
        ("name_th", "The project's Thai name is required."),
        ("kind", "The kind must be project or activity."),
        ("budget", "The budget must be between 0 and the largest amount."),
        ("end", "The end cannot be before the start."),
        ("start", "The duration must overlap fiscal year 2569."),
        ("division", "The responsible division is required."),
    ]
    with pytest.raises(InvalidInput) as error:
        project_save(
            actor=editor, programme=reference.basic, data=project_input("โครงการอบรมเกษตรกร ", "5.00"), now=NOW
        )
    assert _problems(error) == [("name_th", "The programme already has a project or activity of this name.")]
    # 980,000 baht of the training project is reported as disbursed: its budget cannot drop below that.
    with pytest.raises(InvalidInput) as error:
        project_save(
            actor=editor,
            programme=reference.basic,
            data=project_input("โครงการอบรมเกษตรกร", "979999.99"),
            project=reference.training,
            now=NOW,
        )
    assert _problems(error) == [("budget", "The budget cannot be less than the amount already reported as disbursed.")]
    assert Project.objects.get(pk=reference.training.pk).budget == D("1000000.00")


def test_a_project_moves_to_another_programme_and_positions_close_up(world: World, reference: ReferencePlan) -> None:
    editor = world.person("editor_a")
    start = last_sequence()
    moved = project_save(
        actor=editor,
        programme=reference.strategic,
        data=project_input("โครงการอบรมเกษตรกร", "1000000.00", kpi="เกษตรกรผ่านการอบรม", target="500 คน"),
        project=reference.training,
        now=NOW,
    )
    assert (moved.pk, moved.programme_id, moved.position) == (reference.training.pk, reference.strategic.pk, 2)
    assert Project.objects.get(pk=reference.publicity.pk).position == 1
    assert actions_after(start) == [
        (
            "plan.project_save",
            {"unit": "unit-a", "fiscal_year": 2569, "created": False, "programme": "แผนงานยุทธศาสตร์",
             "project": "โครงการอบรมเกษตรกร", "budget": "1000000.00", "moved_from": "แผนงานพื้นฐาน"},
        )
    ]  # fmt: skip
    assert ProgressReport.objects.filter(project=moved).count() == 3


def test_projects_move_and_delete_within_their_programme(world: World, reference: ReferencePlan) -> None:
    editor = world.person("editor_a")
    assert project_move(actor=editor, project=reference.publicity, offset=-1, now=NOW) is True
    assert project_move(actor=editor, project=reference.publicity, offset=-1, now=NOW) is False
    assert list(
        Project.objects.filter(programme=reference.basic).order_by("position").values_list("name_th", flat=True)
    ) == [
        "กิจกรรมประชาสัมพันธ์",
        "โครงการอบรมเกษตรกร",
    ]
    start = last_sequence()
    project_delete(actor=editor, project=Project.objects.get(pk=reference.publicity.pk), now=NOW)
    assert list(Project.objects.filter(programme=reference.basic).values_list("name_th", "position")) == [
        ("โครงการอบรมเกษตรกร", 1)
    ]
    assert actions_after(start) == [
        (
            "plan.project_delete",
            {"unit": "unit-a", "fiscal_year": 2569, "programme": "แผนงานพื้นฐาน", "project": "กิจกรรมประชาสัมพันธ์",
             "reports": 1},
        )
    ]  # fmt: skip
    assert ProgressReport.objects.count() == 4


def test_progress_is_one_report_per_month_replaced_when_recorded_again(world: World, reference: ReferencePlan) -> None:
    editor = world.person("editor_a")
    start = last_sequence()
    report = progress_record(
        actor=editor,
        project=reference.training,
        data=progress_input("2026-03", dt.date(2026, 4, 2), "47.25", "410000.50", "behind", note_th="แก้ไข\n\nบรรทัดสอง"),
        now=NOW,
    )
    stored = ProgressReport.objects.filter(project=reference.training, period=dt.date(2026, 3, 1)).get()
    assert stored.pk == report.pk
    assert (stored.as_of, stored.progress_percent, stored.disbursed, stored.status, stored.note_th) == (
        dt.date(2026, 4, 2), D("47.25"), D("410000.50"), "behind", "แก้ไข\n\nบรรทัดสอง",
    )  # fmt: skip
    assert (stored.recorded_by_id, stored.recorded_at) == (editor.pk, NOW)
    assert ProgressReport.objects.filter(project=reference.training).count() == 3
    assert actions_after(start) == [
        (
            "plan.progress_record",
            {"unit": "unit-a", "fiscal_year": 2569, "created": False, "project": "โครงการอบรมเกษตรกร",
             "period": "2026-03", "as_of": "2026-04-02", "progress_percent": "47.25", "disbursed": "410000.50",
             "status": "behind"},
        )
    ]  # fmt: skip


def test_a_progress_report_with_problems_is_refused_with_every_one(world: World, reference: ReferencePlan) -> None:
    editor = world.person("editor_a")
    with pytest.raises(InvalidInput) as error:
        progress_record(
            actor=editor,
            project=reference.publicity,
            data=progress_input("2026-10", dt.date(2026, 10, 6), "100.01", "250000.01", "done"),
            now=NOW,
        )
    assert _problems(error) == [
        ("as_of", "The as-of date cannot be in the future."),
        ("progress_percent", "Progress must be between 0 and 100 %."),
        ("disbursed", "The amount disbursed cannot exceed the budget."),
        ("status", "The status is not one we know."),
        ("period", "The reporting month must be in fiscal year 2569."),
    ]
    with pytest.raises(InvalidInput) as error:
        progress_record(
            actor=editor,
            project=reference.publicity,
            data=progress_input("2026-03", dt.date(2026, 2, 27), "10", "1.00"),
            now=NOW,
        )
    assert _problems(error) == [("as_of", "The as-of date cannot be before the month.")]
    assert ProgressReport.objects.filter(project=reference.publicity).count() == 1


def test_a_progress_report_and_a_plan_are_deleted(world: World, reference: ReferencePlan) -> None:
    editor = world.person("editor_a")
    report = ProgressReport.objects.get(project=reference.equipment)
    plan_pk = reference.plan.pk
    start = last_sequence()
    progress_delete(actor=editor, report=report, now=NOW)
    assert not ProgressReport.objects.filter(project=reference.equipment).exists()
    action_plan_delete(actor=editor, plan=reference.plan, now=NOW)
    assert (ActionPlan.objects.count(), Programme.objects.count(), Project.objects.count()) == (0, 0, 0)
    assert actions_after(start) == [
        ("plan.progress_delete", {"unit": "unit-a", "fiscal_year": 2569, "project": "โครงการจัดซื้อเครื่องมือ",
                                  "period": "2026-04"}),
        ("plan.delete", {"unit": "unit-a", "fiscal_year": 2569, "programmes": 2, "projects": 3}),
    ]  # fmt: skip
    assert AuditEvent.objects.filter(action="plan.delete").get().object_id == str(plan_pk)
