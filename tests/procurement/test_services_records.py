"""Procurement records through the services: what is stored, what is refused and why, the audit trail, access."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from prongsai.audit.models import AuditEvent
from prongsai.problems import Problem
from prongsai.procurement.inputs import BidInput, InvalidInput
from prongsai.procurement.models import Bid, ProcurementPlan, ProcurementRecord
from prongsai.procurement.services import (
    month_close,
    month_reopen,
    plan_line_save,
    procurement_plan_save,
    record_delete,
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

MARCH = dt.date(2026, 3, 1)
FEBRUARY = dt.date(2026, 2, 1)


def _rows(world: World) -> list[tuple[object, ...]]:
    return list(
        ProcurementRecord.objects.filter(organization=world.unit_a)
        .order_by("month", "sequence")
        .values_list("month", "sequence", "fiscal_year", "item", "budget", "winner_price")
    )


def _bids(record: ProcurementRecord) -> list[tuple[int, str, Decimal | None]]:
    return list(Bid.objects.filter(record=record).order_by("position").values_list("position", "bidder", "price"))


def _problems(error: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str, str]]:
    return [(p.field, p.th, p.en) for p in error.value.problems]


def test_a_new_record_keeps_every_field_its_bids_in_order_and_the_fiscal_year_of_its_month(world: World) -> None:
    editor = world.person("editor_a")
    before = last_sequence()
    record = record_save(actor=editor, organization=world.unit_a, data=record_input(), now=NOW)
    stored = ProcurementRecord.objects.get(pk=record.pk)
    assert (stored.month, stored.fiscal_year, stored.sequence) == (MARCH, 2569, 1)
    assert stored.item == "จัดซื้อวัสดุสำนักงาน"
    assert (stored.budget, stored.reference_price, stored.winner_price) == (
        Decimal("100000.00"),
        Decimal("98000.00"),
        Decimal("95000.00"),
    )
    assert (stored.method, stored.method_detail) == ("specific", "เฉพาะเจาะจง")
    assert (stored.winner, stored.reason) == ("บริษัท ก จำกัด", "เสนอราคาต่ำสุด")
    assert (stored.contract_kind, stored.contract_number, stored.contract_date) == (
        "purchase_order",
        "15/2569",
        dt.date(2026, 3, 3),
    )
    assert (stored.egp_number, stored.budget_source, stored.status) == ("69039000123", "งบดำเนินงาน", "completed")
    assert (stored.source, stored.created_by_id, stored.created_at, stored.updated_at) == (
        "entered",
        editor.pk,
        NOW,
        NOW,
    )
    assert stored.plan_line_id is None
    assert _bids(stored) == [(1, "บริษัท ก จำกัด", Decimal("95000.00")), (2, "ห้างหุ้นส่วนจำกัด ข", Decimal("97500.50"))]
    [event] = events_after(before)
    assert (event.action, event.actor_id, event.organization_id, event.object_id) == (
        "procurement.record_save",
        editor.pk,
        world.unit_a.pk,
        str(record.pk),
    )
    assert event.data == {"unit": "unit-a", "month": "2026-03", "sequence": 1, "created": True, "changed": []}


@pytest.mark.parametrize(
    ("month", "fiscal_year"),
    [
        (dt.date(2025, 9, 1), 2568),  # the last month of fiscal year 2568
        (dt.date(2025, 10, 1), 2569),  # the first month of 2569
        (dt.date(2025, 12, 1), 2569),
        (dt.date(2026, 1, 1), 2569),  # a new calendar year, the same fiscal year
    ],
)
def test_the_fiscal_year_follows_from_the_month(world: World, month: dt.date, fiscal_year: int) -> None:
    record = record_save(
        actor=world.person("editor_a"), organization=world.unit_a, data=record_input(month=month), now=NOW
    )
    assert ProcurementRecord.objects.get(pk=record.pk).fiscal_year == fiscal_year


def test_amounts_are_kept_to_the_satang_rounding_half_up(world: World) -> None:
    data = record_input(
        budget=Decimal("1250.505"),
        winner_price=Decimal("1000.004"),
        bids=(BidInput("บริษัท ก จำกัด", Decimal("999.995")),),
    )
    record = record_save(actor=world.person("editor_a"), organization=world.unit_a, data=data, now=NOW)
    stored = ProcurementRecord.objects.get(pk=record.pk)
    assert (stored.budget, stored.winner_price) == (Decimal("1250.51"), Decimal("1000.00"))
    assert _bids(stored) == [(1, "บริษัท ก จำกัด", Decimal("1000.00"))]


def test_changing_a_record_names_the_fields_changed_and_replaces_the_bids_in_order(world: World) -> None:
    editor = world.person("editor_a")
    record = record_save(actor=editor, organization=world.unit_a, data=record_input(), now=NOW)
    plan = procurement_plan_save(actor=editor, organization=world.unit_a, fiscal_year=2569, now=NOW)
    line = plan_line_save(actor=editor, plan=plan, data=line_input(), now=NOW)
    before = last_sequence()
    later = at(2026, 3, 17)
    changed = record_save(
        actor=editor,
        organization=world.unit_a,
        data=record_input(
            sequence=4,
            winner_price=Decimal("94000.00"),
            bids=(BidInput("ห้างหุ้นส่วนจำกัด ข", Decimal("96000")), BidInput("บริษัท ค จำกัด", None)),
            plan_line_id=line.pk,
        ),
        record=record,
        now=later,
    )
    assert changed.pk == record.pk
    stored = ProcurementRecord.objects.get(pk=record.pk)
    assert (stored.sequence, stored.winner_price, stored.plan_line_id) == (4, Decimal("94000.00"), line.pk)
    assert (stored.created_at, stored.updated_at) == (NOW, later)
    assert _bids(stored) == [(1, "ห้างหุ้นส่วนจำกัด ข", Decimal("96000.00")), (2, "บริษัท ค จำกัด", None)]
    assert Bid.objects.filter(record=record).count() == 2
    assert actions_after(before) == [
        (
            "procurement.record_save",
            {
                "unit": "unit-a",
                "month": "2026-03",
                "sequence": 4,
                "created": False,
                "changed": ["bids", "plan_line", "sequence", "winner_price"],
                "was": {"month": "2026-03", "sequence": 1},
            },
        )
    ]


def test_a_record_first_imported_keeps_that_source_when_changed(world: World) -> None:
    editor = world.person("editor_a")
    record = record_save(actor=editor, organization=world.unit_a, data=record_input(), now=NOW)
    ProcurementRecord.objects.filter(pk=record.pk).update(source="imported")
    record.refresh_from_db()
    record_save(actor=editor, organization=world.unit_a, data=record_input(reason="ราคาต่ำสุด"), record=record, now=NOW)
    assert ProcurementRecord.objects.get(pk=record.pk).source == "imported"


def test_saving_a_record_unchanged_writes_nothing(world: World) -> None:
    editor = world.person("editor_a")
    record = record_save(actor=editor, organization=world.unit_a, data=record_input(), now=NOW)
    before = last_sequence()
    record_save(actor=editor, organization=world.unit_a, data=record_input(), record=record, now=at(2026, 3, 20))
    assert events_after(before) == []
    assert ProcurementRecord.objects.get(pk=record.pk).updated_at == NOW


def test_a_row_number_already_taken_in_the_month_is_refused_in_thai_and_english(world: World) -> None:
    editor = world.person("editor_a")
    record_save(actor=editor, organization=world.unit_a, data=record_input(), now=NOW)
    other = record_save(actor=editor, organization=world.unit_a, data=record_input(sequence=2), now=NOW)
    before = last_sequence()
    with pytest.raises(InvalidInput) as error:
        record_save(actor=editor, organization=world.unit_a, data=record_input(item="อีกรายการ"), now=NOW)
    assert _problems(error) == [
        (
            "sequence",
            "ลำดับที่ 1 ของเดือนมีนาคม 2569 มีรายการอื่นใช้อยู่แล้ว",
            "Row number 1 of March 2026 is already taken by another record.",
        )
    ]
    # Moving another record onto the taken number is refused the same way; keeping its own number is not.
    with pytest.raises(InvalidInput) as error:
        record_save(actor=editor, organization=world.unit_a, data=record_input(sequence=1), record=other, now=NOW)
    assert [p.field for p in error.value.problems] == ["sequence"]
    record_save(
        actor=editor, organization=world.unit_a, data=record_input(sequence=2, reason="x"), record=other, now=NOW
    )
    assert _rows(world)[0][:2] == (MARCH, 1)
    assert [a for a, _d in actions_after(before)] == ["procurement.record_save"]


def test_the_same_row_number_may_be_used_in_another_month_and_by_another_unit(world: World) -> None:
    record_save(actor=world.person("editor_a"), organization=world.unit_a, data=record_input(), now=NOW)
    record_save(actor=world.person("editor_a"), organization=world.unit_a, data=record_input(month=FEBRUARY), now=NOW)
    record_save(actor=world.person("editor_b"), organization=world.unit_b, data=record_input(), now=NOW)
    assert ProcurementRecord.objects.filter(sequence=1).count() == 3


def test_every_problem_of_a_record_is_given_at_once_and_nothing_is_stored(world: World) -> None:
    before = last_sequence()
    data = record_input(
        month=dt.date(2026, 4, 1),  # after NOW
        item=" ",
        budget=None,
        bids=(BidInput("", Decimal("5")),),
        winner="",
        egp_number="69-0390",
    )
    with pytest.raises(InvalidInput) as error:
        record_save(actor=world.person("editor_a"), organization=world.unit_a, data=data, now=NOW)
    assert _problems(error) == [
        ("month", "เดือนต้องไม่อยู่ในอนาคต", "The month cannot be in the future."),
        ("item", "ต้องระบุงานที่จัดซื้อจัดจ้าง", "The item procured is required."),
        ("budget", "ต้องระบุวงเงินที่จะซื้อหรือจ้าง", "The budget is required."),
        ("bids", "ผู้เสนอราคารายที่ 1 ไม่มีชื่อ", "Bidder 1 has no name."),
        ("winner", "ต้องระบุผู้ได้รับการคัดเลือก", "The selected vendor is required (unless cancelled)."),
        ("egp_number", "เลขที่โครงการ e-GP ต้องเป็นตัวเลข", "The e-GP project number must be digits."),
    ]
    assert ProcurementRecord.objects.count() == 0
    assert Bid.objects.count() == 0
    assert events_after(before) == []


def test_a_record_names_only_a_line_of_its_own_units_plan_of_its_fiscal_year(world: World) -> None:
    plan_b = procurement_plan_save(actor=world.person("editor_b"), organization=world.unit_b, fiscal_year=2569, now=NOW)
    line_b = plan_line_save(actor=world.person("editor_b"), plan=plan_b, data=line_input(), now=NOW)
    editor = world.person("editor_a")
    plan_2568 = procurement_plan_save(actor=editor, organization=world.unit_a, fiscal_year=2568, now=NOW)
    line_2568 = plan_line_save(
        actor=editor, plan=plan_2568, data=line_input(expected_month=dt.date(2025, 3, 1)), now=NOW
    )
    with pytest.raises(InvalidInput) as error:
        record_save(actor=editor, organization=world.unit_a, data=record_input(plan_line_id=line_b.pk), now=NOW)
    assert _problems(error) == [
        (
            "plan_line",
            "ไม่พบรายการนี้ในแผนการจัดซื้อจัดจ้างของหน่วยงาน",
            "There is no such line in the unit's procurement plan.",
        )
    ]
    with pytest.raises(InvalidInput) as error:
        record_save(actor=editor, organization=world.unit_a, data=record_input(plan_line_id=line_2568.pk), now=NOW)
    assert _problems(error) == [
        (
            "plan_line",
            "รายการในแผนต้องอยู่ในแผนปีงบประมาณ 2569 เดียวกับการจัดซื้อจัดจ้าง",
            "The plan line must come from the plan of the record's fiscal year, 2569.",
        )
    ]
    assert ProcurementRecord.objects.count() == 0
    ok = record_save(
        actor=editor,
        organization=world.unit_a,
        data=record_input(month=dt.date(2025, 3, 1), plan_line_id=line_2568.pk),
        now=NOW,
    )
    assert ProcurementRecord.objects.get(pk=ok.pk).plan_line_id == line_2568.pk


def test_a_closed_month_takes_no_new_changed_moved_or_removed_record_until_reopened(world: World) -> None:
    editor = world.person("editor_a")
    in_february = record_save(actor=editor, organization=world.unit_a, data=record_input(month=FEBRUARY), now=NOW)
    in_march = record_save(actor=editor, organization=world.unit_a, data=record_input(), now=NOW)
    month_close(actor=editor, organization=world.unit_a, month=FEBRUARY, as_of=dt.date(2026, 3, 5), now=NOW)
    closed = (
        "month",
        "เดือนกุมภาพันธ์ 2569 ปิดแล้ว ต้องเปิดเดือนอีกครั้งก่อนเพิ่ม แก้ไข หรือลบรายการ",
        "February 2026 is closed: reopen the month before adding, changing or removing its records.",
    )
    before = last_sequence()
    with pytest.raises(InvalidInput) as error:
        record_save(actor=editor, organization=world.unit_a, data=record_input(month=FEBRUARY, sequence=2), now=NOW)
    assert _problems(error) == [closed]
    with pytest.raises(InvalidInput) as error:
        record_save(
            actor=editor,
            organization=world.unit_a,
            data=record_input(month=FEBRUARY, reason="แก้ไข"),
            record=in_february,
            now=NOW,
        )
    assert _problems(error) == [closed]
    with pytest.raises(InvalidInput) as error:  # out of the closed month
        record_save(actor=editor, organization=world.unit_a, data=record_input(sequence=2), record=in_february, now=NOW)
    assert _problems(error) == [closed]
    with pytest.raises(InvalidInput) as error:  # into the closed month
        record_save(
            actor=editor,
            organization=world.unit_a,
            data=record_input(month=FEBRUARY, sequence=3),
            record=in_march,
            now=NOW,
        )
    assert _problems(error) == [closed]
    with pytest.raises(InvalidInput) as error:
        record_delete(actor=editor, record=in_february, now=NOW)
    assert _problems(error) == [closed]
    assert events_after(before) == []
    assert _rows(world) == [
        (FEBRUARY, 1, 2569, "จัดซื้อวัสดุสำนักงาน", Decimal("100000.00"), Decimal("95000.00")),
        (MARCH, 1, 2569, "จัดซื้อวัสดุสำนักงาน", Decimal("100000.00"), Decimal("95000.00")),
    ]
    month_reopen(actor=editor, organization=world.unit_a, month=FEBRUARY, now=NOW)
    record_delete(actor=editor, record=in_february, now=NOW)
    assert _rows(world) == [(MARCH, 1, 2569, "จัดซื้อวัสดุสำนักงาน", Decimal("100000.00"), Decimal("95000.00"))]


def test_removing_a_record_removes_its_bids_and_is_audited(world: World) -> None:
    editor = world.person("editor_a")
    record = record_save(actor=editor, organization=world.unit_a, data=record_input(sequence=3), now=NOW)
    pk = record.pk
    before = last_sequence()
    record_delete(actor=editor, record=record, now=at(2026, 3, 18))
    assert ProcurementRecord.objects.count() == 0
    assert Bid.objects.count() == 0
    [event] = events_after(before)
    assert (event.action, event.object_id, event.occurred_at) == ("procurement.record_delete", str(pk), at(2026, 3, 18))
    assert event.data == {"unit": "unit-a", "month": "2026-03", "sequence": 3, "item": "จัดซื้อวัสดุสำนักงาน"}


@pytest.mark.parametrize("username", ["editor_b", "reviewer1_a", "supervisor_a", "executive", "outsider"])
def test_only_the_units_editors_write_its_records(world: World, username: str) -> None:
    editor = world.person("editor_a")
    record = record_save(actor=editor, organization=world.unit_a, data=record_input(), now=NOW)
    before = last_sequence()
    person = world.person(username)
    with pytest.raises(PermissionDenied):
        record_save(actor=person, organization=world.unit_a, data=record_input(sequence=2), now=NOW)
    with pytest.raises(PermissionDenied):
        record_save(actor=person, organization=world.unit_a, data=record_input(reason="x"), record=record, now=NOW)
    with pytest.raises(PermissionDenied):
        record_delete(actor=person, record=record, now=NOW)
    with pytest.raises(PermissionDenied):
        month_close(actor=person, organization=world.unit_a, month=MARCH, as_of=NOW.date(), now=NOW)
    assert events_after(before) == []
    assert ProcurementRecord.objects.count() == 1


def test_the_operators_command_writes_without_a_person_and_the_trail_says_so(world: World) -> None:
    before = last_sequence()
    record = record_save(actor=None, organization=world.unit_a, data=record_input(), now=NOW)
    assert ProcurementRecord.objects.get(pk=record.pk).created_by_id is None
    [event] = events_after(before)
    assert (event.actor_id, event.actor_label, event.action) == (
        None,
        "manage.py procurement",
        "procurement.record_save",
    )


def test_a_record_of_another_unit_cannot_be_changed_through_this_one(world: World) -> None:
    record = record_save(actor=world.person("editor_b"), organization=world.unit_b, data=record_input(), now=NOW)
    with pytest.raises(ValueError, match="another unit"):
        record_save(
            actor=world.person("editor_a"), organization=world.unit_a, data=record_input(), record=record, now=NOW
        )


# --- closing months ---------------------------------------------------------------------------------------------


def test_closing_a_month_with_records_keeps_them_and_records_when_and_as_of_what_date(world: World) -> None:
    editor = world.person("editor_a")
    record_save(actor=editor, organization=world.unit_a, data=record_input(month=FEBRUARY), now=NOW)
    record_save(actor=editor, organization=world.unit_a, data=record_input(month=FEBRUARY, sequence=2), now=NOW)
    before = last_sequence()
    closed = month_close(
        actor=editor, organization=world.unit_a, month=FEBRUARY, as_of=dt.date(2026, 3, 5), note_th=" ครบถ้วน ", now=NOW
    )
    assert (closed.month, closed.fiscal_year, closed.as_of, closed.note_th) == (
        FEBRUARY,
        2569,
        dt.date(2026, 3, 5),
        "ครบถ้วน",
    )
    assert (closed.closed_by_id, closed.closed_at) == (editor.pk, NOW)
    assert ProcurementRecord.objects.filter(month=FEBRUARY).count() == 2
    assert actions_after(before) == [
        (
            "procurement.month_close",
            {"unit": "unit-a", "month": "2026-02", "as_of": "2026-03-05", "records": 2, "previous_as_of": None},
        )
    ]


def test_closing_an_empty_month_declares_it_and_closing_again_moves_its_date(world: World) -> None:
    editor = world.person("editor_a")
    october = dt.date(2025, 10, 1)
    month_close(actor=editor, organization=world.unit_a, month=october, as_of=dt.date(2025, 11, 3), now=NOW)
    before = last_sequence()
    again = month_close(actor=editor, organization=world.unit_a, month=october, as_of=dt.date(2026, 3, 16), now=NOW)
    assert (again.as_of, again.fiscal_year) == (dt.date(2026, 3, 16), 2569)
    assert actions_after(before) == [
        (
            "procurement.month_close",
            {"unit": "unit-a", "month": "2025-10", "as_of": "2026-03-16", "records": 0, "previous_as_of": "2025-11-03"},
        )
    ]
    assert world.unit_a.procurement_months.count() == 1


def test_the_current_month_may_be_closed_as_of_today(world: World) -> None:
    closed = month_close(
        actor=world.person("editor_a"), organization=world.unit_a, month=MARCH, as_of=NOW.date(), now=NOW
    )
    assert closed.as_of == dt.date(2026, 3, 16)


def test_closing_is_refused_for_a_month_not_begun_or_an_as_of_date_outside_the_month_and_today(world: World) -> None:
    editor = world.person("editor_a")
    with pytest.raises(InvalidInput) as error:
        month_close(
            actor=editor, organization=world.unit_a, month=dt.date(2026, 4, 1), as_of=dt.date(2026, 4, 2), now=NOW
        )
    assert _problems(error) == [
        ("month", "ปิดเดือนที่ยังมาไม่ถึงไม่ได้", "A month that has not begun cannot be closed."),
        ("as_of", "วันที่ของข้อมูล (ณ วันที่) ต้องไม่อยู่ในอนาคต", "The “as of” date cannot be in the future."),
    ]
    with pytest.raises(InvalidInput) as error:
        month_close(actor=editor, organization=world.unit_a, month=FEBRUARY, as_of=dt.date(2026, 1, 31), now=NOW)
    assert _problems(error) == [
        (
            "as_of",
            "วันที่ของข้อมูล (ณ วันที่) ต้องไม่ก่อนวันแรกของเดือน",
            "The “as of” date cannot be before the month's first day.",
        )
    ]
    with pytest.raises(InvalidInput) as error:
        month_close(actor=editor, organization=world.unit_a, month=dt.date(2026, 2, 10), as_of=NOW.date(), now=NOW)
    assert _problems(error) == [("month", "เดือนต้องเป็นวันที่ 1 ของเดือน", "The month must be its first day.")]
    assert world.unit_a.procurement_months.count() == 0
    assert not AuditEvent.objects.filter(action="procurement.month_close").exists()


def test_reopening_removes_the_closing_and_is_refused_for_an_open_month(world: World) -> None:
    editor = world.person("editor_a")
    month_close(actor=editor, organization=world.unit_a, month=FEBRUARY, as_of=dt.date(2026, 3, 1), now=NOW)
    before = last_sequence()
    month_reopen(actor=editor, organization=world.unit_a, month=FEBRUARY, now=NOW)
    assert world.unit_a.procurement_months.count() == 0
    assert actions_after(before) == [
        ("procurement.month_reopen", {"unit": "unit-a", "month": "2026-02", "as_of": "2026-03-01"})
    ]
    with pytest.raises(InvalidInput) as error:
        month_reopen(actor=editor, organization=world.unit_a, month=FEBRUARY, now=NOW)
    assert _problems(error) == [("month", "เดือนกุมภาพันธ์ 2569 ยังไม่ได้ปิด", "February 2026 is not closed.")]
    with pytest.raises(PermissionDenied):
        month_reopen(actor=world.person("editor_b"), organization=world.unit_a, month=FEBRUARY, now=NOW)


def test_problems_read_in_the_language_asked(world: World) -> None:
    with pytest.raises(InvalidInput) as error:
        month_reopen(actor=world.person("editor_a"), organization=world.unit_a, month=FEBRUARY, now=NOW)
    [problem] = error.value.problems
    assert problem == Problem("month", "เดือนกุมภาพันธ์ 2569 ยังไม่ได้ปิด", "February 2026 is not closed.")
    with translation.override("th"):
        assert problem.text(translation.get_language()) == "เดือนกุมภาพันธ์ 2569 ยังไม่ได้ปิด"
    assert problem.text("en") == "February 2026 is not closed."
    assert ProcurementPlan.objects.count() == 0
