"""The annual procurement plan and its lines through the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from prongsai.procurement.inputs import InvalidInput
from prongsai.procurement.models import PlanLine, ProcurementPlan, ProcurementRecord
from prongsai.procurement.services import (
    plan_line_add,
    plan_line_delete,
    plan_line_save,
    procurement_plan_save,
    record_save,
)
from tests.procurement.records_world import (
    NOW,
    World,
    _english,
    actions_after,
    at,
    events_after,
    last_sequence,
    line_input,
    record_input,
    shared_world,
    world,
)

FIXTURES = (_english, shared_world, world)


def _lines(plan: ProcurementPlan) -> list[tuple[object, ...]]:
    return list(
        PlanLine.objects.filter(plan=plan)
        .order_by("position")
        .values_list("position", "name", "budget", "method", "expected_month", "budget_source", "note")
    )


def test_a_plan_is_created_then_changed_and_an_unchanged_save_writes_nothing(world: World) -> None:
    editor = world.person("editor_a")
    before = last_sequence()
    plan = procurement_plan_save(
        actor=editor, organization=world.unit_a, fiscal_year=2569, announced_on=dt.date(2025, 10, 15), now=NOW
    )
    stored = ProcurementPlan.objects.get(pk=plan.pk)
    assert (stored.organization_id, stored.fiscal_year, stored.announced_on, stored.note_th) == (
        world.unit_a.pk,
        2569,
        dt.date(2025, 10, 15),
        "",
    )
    assert (stored.created_at, stored.updated_at) == (NOW, NOW)
    later = at(2026, 3, 17)
    procurement_plan_save(
        actor=editor,
        organization=world.unit_a,
        fiscal_year=2569,
        announced_on=dt.date(2025, 10, 15),
        note_th="ปรับแผนครั้งที่ 1",
        now=later,
    )
    procurement_plan_save(
        actor=editor,
        organization=world.unit_a,
        fiscal_year=2569,
        announced_on=dt.date(2025, 10, 15),
        note_th="ปรับแผนครั้งที่ 1",
        now=at(2026, 3, 18),
    )
    stored.refresh_from_db()
    assert (stored.note_th, stored.created_at, stored.updated_at) == ("ปรับแผนครั้งที่ 1", NOW, later)
    assert ProcurementPlan.objects.count() == 1
    assert actions_after(before) == [
        ("procurement.plan_save", {"unit": "unit-a", "fiscal_year": 2569, "created": True, "changed": []}),
        ("procurement.plan_save", {"unit": "unit-a", "fiscal_year": 2569, "created": False, "changed": ["note_th"]}),
    ]


def test_a_plan_is_refused_a_common_era_year_and_an_announcement_in_the_future(world: World) -> None:
    with pytest.raises(InvalidInput) as error:
        procurement_plan_save(
            actor=world.person("editor_a"),
            organization=world.unit_a,
            fiscal_year=2026,
            announced_on=dt.date(2026, 3, 17),
            now=NOW,
        )
    assert [(p.field, p.th, p.en) for p in error.value.problems] == [
        (
            "fiscal_year",
            "ปีงบประมาณต้องอยู่ระหว่าง พ.ศ. 2500 ถึง 2700",
            "The fiscal year must lie between 2500 and 2700 (Buddhist era).",
        ),
        ("announced_on", "วันที่ประกาศแผนต้องไม่อยู่ในอนาคต", "The announcement date cannot be in the future."),
    ]
    assert ProcurementPlan.objects.count() == 0


def test_lines_are_added_at_the_end_rounded_to_the_satang_and_audited(world: World) -> None:
    editor = world.person("editor_a")
    plan = procurement_plan_save(actor=editor, organization=world.unit_a, fiscal_year=2569, now=NOW)
    before = last_sequence()
    first = plan_line_save(actor=editor, plan=plan, data=line_input(name="  จ้างเหมาทำความสะอาด "), now=NOW)
    second = plan_line_save(
        actor=editor,
        plan=plan,
        data=line_input(budget=Decimal("1250.505"), method="e_bidding", expected_month=dt.date(2025, 10, 1)),
        now=at(2026, 3, 17),
    )
    assert _lines(plan) == [
        (1, "จ้างเหมาทำความสะอาด", Decimal("120000.00"), "specific", dt.date(2026, 3, 1), "งบดำเนินงาน", ""),
        (2, "จัดซื้อวัสดุสำนักงาน", Decimal("1250.51"), "e_bidding", dt.date(2025, 10, 1), "งบดำเนินงาน", ""),
    ]
    plan.refresh_from_db()
    assert plan.updated_at == at(2026, 3, 17)
    assert actions_after(before) == [
        (
            "procurement.plan_line_save",
            {"unit": "unit-a", "fiscal_year": 2569, "line": first.pk, "created": True, "changed": []},
        ),
        (
            "procurement.plan_line_save",
            {"unit": "unit-a", "fiscal_year": 2569, "line": second.pk, "created": True, "changed": []},
        ),
    ]


def test_changing_a_line_names_the_fields_changed_and_an_unchanged_save_writes_nothing(world: World) -> None:
    editor = world.person("editor_a")
    plan = procurement_plan_save(actor=editor, organization=world.unit_a, fiscal_year=2569, now=NOW)
    line = plan_line_save(actor=editor, plan=plan, data=line_input(), now=NOW)
    before = last_sequence()
    plan_line_save(
        actor=editor,
        plan=plan,
        data=line_input(budget=Decimal("110000"), note="ลดวงเงิน"),
        line=line,
        now=NOW,
    )
    plan_line_save(
        actor=editor, plan=plan, data=line_input(budget=Decimal("110000"), note="ลดวงเงิน"), line=line, now=NOW
    )
    assert _lines(plan) == [
        (1, "จัดซื้อวัสดุสำนักงาน", Decimal("110000.00"), "specific", dt.date(2026, 3, 1), "งบดำเนินงาน", "ลดวงเงิน")
    ]
    assert actions_after(before) == [
        (
            "procurement.plan_line_save",
            {"unit": "unit-a", "fiscal_year": 2569, "line": line.pk, "created": False, "changed": ["budget", "note"]},
        )
    ]


def test_every_problem_of_a_line_is_given_at_once(world: World) -> None:
    editor = world.person("editor_a")
    plan = procurement_plan_save(actor=editor, organization=world.unit_a, fiscal_year=2569, now=NOW)
    before = last_sequence()
    with pytest.raises(InvalidInput) as error:
        plan_line_save(
            actor=editor,
            plan=plan,
            data=line_input(name="", budget=None, method="auction", expected_month=dt.date(2026, 10, 1)),
            now=NOW,
        )
    assert [(p.field, p.th, p.en) for p in error.value.problems] == [
        ("name", "ต้องระบุรายการที่จะจัดซื้อจัดจ้าง", "The item to procure is required."),
        ("budget", "ต้องระบุวงเงินงบประมาณ", "The planned budget is required."),
        ("method", "วิธีซื้อหรือจ้างไม่ถูกต้อง", "The procurement method is not one we know."),
        (
            "expected_month",
            "เดือนที่คาดว่าจะจัดซื้อต้องอยู่ในปีงบประมาณของแผน",
            "The expected month must fall in the plan's fiscal year.",
        ),
    ]
    assert _lines(plan) == []
    assert events_after(before) == []


def test_the_first_line_starts_the_plan_and_a_refused_first_line_leaves_no_plan(world: World) -> None:
    editor = world.person("editor_a")
    with pytest.raises(InvalidInput):
        plan_line_add(actor=editor, organization=world.unit_a, fiscal_year=2569, data=line_input(budget=None), now=NOW)
    assert ProcurementPlan.objects.count() == 0
    before = last_sequence()
    line = plan_line_add(actor=editor, organization=world.unit_a, fiscal_year=2569, data=line_input(), now=NOW)
    plan_line_add(actor=editor, organization=world.unit_a, fiscal_year=2569, data=line_input(name="ข"), now=NOW)
    plan = ProcurementPlan.objects.get()
    assert (plan.fiscal_year, line.plan_id) == (2569, plan.pk)
    assert [position for position, *_rest in _lines(plan)] == [1, 2]
    assert [action for action, _data in actions_after(before)] == [
        "procurement.plan_save",
        "procurement.plan_line_save",
        "procurement.plan_line_save",
    ]


def test_removing_a_line_unlinks_its_records_which_keep_their_data(world: World) -> None:
    editor = world.person("editor_a")
    line = plan_line_add(actor=editor, organization=world.unit_a, fiscal_year=2569, data=line_input(), now=NOW)
    record = record_save(actor=editor, organization=world.unit_a, data=record_input(plan_line_id=line.pk), now=NOW)
    pk = line.pk
    before = last_sequence()
    plan_line_delete(actor=editor, line=line, now=NOW)
    assert PlanLine.objects.count() == 0
    stored = ProcurementRecord.objects.get(pk=record.pk)
    assert (stored.plan_line_id, stored.item, stored.budget) == (None, "จัดซื้อวัสดุสำนักงาน", Decimal("100000.00"))
    assert actions_after(before) == [
        (
            "procurement.plan_line_delete",
            {"unit": "unit-a", "fiscal_year": 2569, "line": pk, "name": "จัดซื้อวัสดุสำนักงาน", "records_unlinked": 1},
        )
    ]


def test_a_line_is_changed_only_through_its_own_plan(world: World) -> None:
    editor = world.person("editor_a")
    line = plan_line_add(actor=editor, organization=world.unit_a, fiscal_year=2569, data=line_input(), now=NOW)
    other = procurement_plan_save(actor=editor, organization=world.unit_a, fiscal_year=2570, now=NOW)
    with pytest.raises(ValueError, match="another plan"):
        plan_line_save(actor=editor, plan=other, data=line_input(), line=line, now=NOW)


@pytest.mark.parametrize("username", ["editor_b", "reviewer2_a", "supervisor_a", "administrator", "outsider"])
def test_only_the_units_editors_write_its_plan(world: World, username: str) -> None:
    line = plan_line_add(
        actor=world.person("editor_a"), organization=world.unit_a, fiscal_year=2569, data=line_input(), now=NOW
    )
    person = world.person(username)
    before = last_sequence()
    with pytest.raises(PermissionDenied):
        procurement_plan_save(actor=person, organization=world.unit_a, fiscal_year=2569, note_th="x", now=NOW)
    with pytest.raises(PermissionDenied):
        plan_line_add(actor=person, organization=world.unit_a, fiscal_year=2569, data=line_input(), now=NOW)
    with pytest.raises(PermissionDenied):
        plan_line_save(actor=person, plan=line.plan, data=line_input(name="x"), line=line, now=NOW)
    with pytest.raises(PermissionDenied):
        plan_line_delete(actor=person, line=line, now=NOW)
    assert events_after(before) == []
    assert PlanLine.objects.count() == 1
