"""Procurement as register snapshots (5.1.7.1–5.1.7.3): exact shapes, closed months only, queries, refusals."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from prongsai.audit.models import AuditEvent
from prongsai.disclosures.models import EntryVersion, VersionRecords
from prongsai.disclosures.services import records_digest
from prongsai.problems import InvalidInput, Problem
from prongsai.procurement.models import ProcurementRecord
from prongsai.procurement.publishing import (
    procurement_plan_snapshot,
    procurement_publish,
    procurement_records,
    records_snapshot,
    summaries_snapshot,
)
from prongsai.procurement.selectors import month_summary, record_data, records_with_bids

from ..workspace.conftest import Department
from .conftest import entry_of
from .world import AS_OF, NOW, build_procurement, close_month


def test_the_plan_snapshot_lists_the_lines_in_order_with_their_total(
    procurement: dict[str, Any], unit: Any, django_assert_num_queries: Any
) -> None:
    computers, repairs, supplies = procurement["lines"]
    with django_assert_num_queries(2):  # plan, lines
        snapshot = procurement_plan_snapshot(organization=unit, fiscal_year=2569, as_of=AS_OF)
    assert snapshot == {
        "organization": "unit-0",
        "fiscal_year": 2569,
        "announced_on": "2025-10-15",
        "as_of": "2026-04-10",
        "lines": [
            {
                "id": computers.pk,
                "name": "จัดซื้อเครื่องคอมพิวเตอร์",
                "budget": "450000.00",
                "method": "e_bidding",
                "expected_month": "2026-01",
                "budget_source": "งบลงทุน",
                "note": "",
            },
            {
                "id": repairs.pk,
                "name": "จ้างซ่อมแซมอาคาร",
                "budget": "95000.00",
                "method": "specific",
                "expected_month": "2026-03",
                "budget_source": "",
                "note": "",
            },
            {
                "id": supplies.pk,
                "name": "จัดซื้อวัสดุสำนักงาน",
                "budget": "30000.50",
                "method": "specific",
                "expected_month": "2025-11",
                "budget_source": "",
                "note": "ซื้อครั้งเดียวทั้งปี",
            },
        ],
        "total": "575000.50",
    }


def test_the_records_snapshot_holds_every_record_of_the_year_begun_by_its_date(
    procurement: dict[str, Any], unit: Any, dept: Department, django_assert_num_queries: Any
) -> None:
    # Another unit's record of the same month is not this unit's.
    ProcurementRecord.objects.create(
        organization=dept.units[1], fiscal_year=2569, month=dt.date(2026, 1, 1), sequence=1, item="ของหน่วยอื่น",
        budget="1.00", method="specific", created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    with django_assert_num_queries(2):  # records, bids
        snapshot = records_snapshot(organization=unit, fiscal_year=2569, as_of=AS_OF)
    expected = [
        record_data(r)
        for r in records_with_bids(
            ProcurementRecord.objects.filter(pk__in=[procurement[m].pk for m in ("november", "january", "march")])
        )
    ]
    assert snapshot == {
        "organization": "unit-0",
        "fiscal_year": 2569,
        "as_of": "2026-04-10",
        "records": expected,
        "totals": {"count": 3, "budget": "575000.50", "agreed": "563500.00"},
    }
    assert [(r["month"], r["sequence"], r["item"]) for r in snapshot["records"]] == [
        ("2025-11", 1, "จัดซื้อวัสดุสำนักงาน"),
        ("2026-01", 1, "จัดซื้อเครื่องคอมพิวเตอร์"),
        ("2026-03", 1, "จ้างซ่อมแซมอาคาร"),
    ]
    assert snapshot["records"][1]["bids"] == [
        {"bidder": "บริษัท ก จำกัด", "price": "440000.00"},
        {"bidder": "บริษัท ข จำกัด", "price": "445500.00"},
    ]
    earlier = records_snapshot(organization=unit, fiscal_year=2569, as_of=dt.date(2026, 2, 27))
    assert [r["month"] for r in earlier["records"]] == ["2025-11", "2026-01"]


def test_the_summaries_snapshot_holds_the_closed_months_oldest_first_as_month_summary_gives_them(
    procurement: dict[str, Any], unit: Any, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(3):  # closings, records, bids
        snapshot = summaries_snapshot(organization=unit, fiscal_year=2569, as_of=AS_OF)
    # February has nothing and is not closed; March is open: neither is a published summary.
    assert [m["month"] for m in snapshot["months"]] == ["2025-11", "2025-12", "2026-01"]
    assert snapshot["months"] == [
        month_summary(organization=unit, month=month)
        for month in (dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1))
    ]
    december = snapshot["months"][1]
    assert december == {
        "organization": "unit-0",
        "month": "2025-12",
        "fiscal_year": 2569,
        "closed": True,
        "as_of": "2026-01-05",
        "rows": [],
        "totals": {"count": 0, "budget": "0.00", "agreed": "0.00"},
    }
    assert snapshot["months"][2]["totals"] == {"count": 1, "budget": "450000.00", "agreed": "440000.00"}
    assert (snapshot["organization"], snapshot["fiscal_year"], snapshot["as_of"]) == ("unit-0", 2569, "2026-04-10")


def test_a_month_closed_after_the_snapshot_date_is_not_yet_in_it(procurement: dict[str, Any], unit: Any) -> None:
    snapshot = summaries_snapshot(organization=unit, fiscal_year=2569, as_of=dt.date(2026, 2, 3))
    assert [m["month"] for m in snapshot["months"]] == ["2025-11", "2025-12"]  # January was closed on 4 February


@pytest.mark.parametrize("months", [1, 6])
def test_summaries_queries_do_not_grow_with_the_months(unit: Any, months: int, django_assert_num_queries: Any) -> None:
    for offset in range(months):
        month = dt.date(2025 + (9 + offset) // 12, (9 + offset) % 12 + 1, 1)
        close_month(unit, month, dt.date(2026, 4, 1))
        ProcurementRecord.objects.create(
            organization=unit, fiscal_year=2569, month=month, sequence=1, item="งาน", budget="10.00",
            method="specific", created_at=NOW, updated_at=NOW,
        )  # fmt: skip
    with django_assert_num_queries(3):
        snapshot = summaries_snapshot(organization=unit, fiscal_year=2569, as_of=AS_OF)
    assert len(snapshot["months"]) == months


@pytest.mark.parametrize(
    ("code", "thai", "english"),
    [
        (
            "5.1.7.1",
            "แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2569: 3 รายการ วงเงินงบประมาณรวม 575,000.50 บาท",
            "Procurement plan for fiscal year 2026: 3 items, total budget 575,000.50 baht",
        ),
        (
            "5.1.7.2",
            "ผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. 2569 ณ วันที่ 10 เมษายน 2569: 3 รายการ "
            "วงเงินงบประมาณรวม 575,000.50 บาท ราคาที่ตกลงซื้อหรือจ้างรวม 563,500.00 บาท",
            "Procurement of fiscal year 2026 as of 10 April 2026: 3 items, total budget 575,000.50 baht, "
            "total agreed price 563,500.00 baht",
        ),
        (
            "5.1.7.3",
            "สรุปผลการจัดซื้อจัดจ้างรายเดือน (สขร.1) ปีงบประมาณ พ.ศ. 2569: 3 เดือน (พฤศจิกายน 2568 – มกราคม 2569) "
            "2 รายการ ราคาที่ตกลงซื้อหรือจ้างรวม 469,500.00 บาท เดือนที่ไม่มีการจัดซื้อจัดจ้าง: ธันวาคม 2568",
            "Monthly procurement summaries (สขร.1) of fiscal year 2026: 3 months (November 2025 – January 2026), "
            "2 items, total agreed price 469,500.00 baht; no procurement in December 2025",
        ),
    ],
)
def test_the_summary_sentence_says_the_year_the_count_and_the_money(
    procurement: dict[str, Any], unit: Any, code: str, thai: str, english: str
) -> None:
    records = procurement_records(organization=unit, fiscal_year=2569, code=code, as_of=AS_OF)
    assert (records.summary_th, records.summary_en) == (thai, english)


def test_publishing_each_item_puts_its_snapshot_into_the_draft(
    procurement: dict[str, Any], unit: Any, dept: Department
) -> None:
    editor = dept.people["editor"]
    builders = {"5.1.7.1": procurement_plan_snapshot, "5.1.7.2": records_snapshot, "5.1.7.3": summaries_snapshot}
    kinds = {"5.1.7.1": "procurement_plan", "5.1.7.2": "procurement_records", "5.1.7.3": "procurement_summaries"}
    for code, build in builders.items():
        before = AuditEvent.objects.count()
        version = procurement_publish(
            actor=editor, organization=unit, fiscal_year=2569, code=code, as_of=AS_OF, now=NOW
        )
        expected = build(organization=unit, fiscal_year=2569, as_of=AS_OF)
        records = VersionRecords.objects.get(version=version)
        assert (records.kind, records.data, records.sha256) == (kinds[code], expected, records_digest(expected))
        assert (version.state, version.as_of, entry_of(unit, code).open_version_id) == ("draft", AS_OF, version.pk)
        events = list(AuditEvent.objects.order_by("sequence")[before:].values_list("action", "data"))
        assert [action for action, _data in events] == [
            "entry.draft_create",
            "entry.records_save",
            "procurement.publish",
        ]
        assert events[-1][1] == {
            "unit": "unit-0",
            "item": code,
            "version": 1,
            "fiscal_year": 2569,
            "as_of": "2026-04-10",
            "kind": kinds[code],
            "sha256": records_digest(expected),
        }


def _refused(**kwargs: Any) -> list[Problem]:
    versions, events = EntryVersion.objects.count(), AuditEvent.objects.count()
    with pytest.raises(InvalidInput) as caught:
        procurement_publish(now=NOW, **kwargs)
    assert (EntryVersion.objects.count(), AuditEvent.objects.count()) == (versions, events)
    return caught.value.problems


@pytest.mark.parametrize(
    ("code", "thai", "english"),
    [
        (
            "5.1.7.1",
            "หน่วยงานยังไม่มีแผนการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2570 ที่มีรายการ",
            "The unit has no procurement plan with lines for fiscal year 2570 (B.E.).",
        ),
        (
            "5.1.7.2",
            "ยังไม่มีรายการจัดซื้อจัดจ้างของปีงบประมาณ พ.ศ. 2570 ณ วันที่ 10 เมษายน 2569 "
            "หากไม่มีการจัดซื้อจัดจ้างในรอบนี้ ให้ประกาศว่าไม่มีข้อมูลที่จะเผยแพร่",
            "There is no procurement of fiscal year 2570 (B.E.) as of 10 April 2026. "
            "If there was none in the period, declare that there is nothing to publish.",
        ),
        (
            "5.1.7.3",
            "ยังไม่มีเดือนที่ปิดสรุปผลการจัดซื้อจัดจ้างของปีงบประมาณ พ.ศ. 2570 ณ วันที่ 10 เมษายน 2569",
            "No month of fiscal year 2570 (B.E.) has its procurement summary closed as of 10 April 2026.",
        ),
    ],
)
def test_nothing_to_publish_for_the_year_is_refused_clearly(
    procurement: dict[str, Any], unit: Any, dept: Department, code: str, thai: str, english: str
) -> None:
    # FY 2570 has one record (October 2026) but it is after the date: nothing of 2570 is known on 10 April 2026.
    problems = _refused(actor=dept.people["editor"], organization=unit, fiscal_year=2570, code=code, as_of=AS_OF)
    assert problems == [Problem("fiscal_year", thai, english)]


def test_an_item_procurement_does_not_satisfy_is_refused(unit: Any, dept: Department) -> None:
    problems = _refused(actor=dept.people["editor"], organization=unit, fiscal_year=2569, code="5.1.4", as_of=AS_OF)
    assert problems == [
        Problem(
            "code",
            "รายการ 5.1.4 ไม่ได้เผยแพร่จากข้อมูลการจัดซื้อจัดจ้าง",
            "Item 5.1.4 is not published from procurement records.",
        )
    ]


def test_a_future_date_is_refused(procurement: dict[str, Any], unit: Any, dept: Department) -> None:
    problems = _refused(
        actor=dept.people["editor"], organization=unit, fiscal_year=2569, code="5.1.7.2", as_of=dt.date(2026, 4, 11)
    )
    assert problems == [
        Problem("as_of", "วันที่ “ข้อมูล ณ วันที่” ต้องไม่เป็นวันในอนาคต", "The “as of” date cannot be in the future.")
    ]


def test_another_units_editor_may_not_publish(procurement: dict[str, Any], unit: Any, dept: Department) -> None:
    with pytest.raises(PermissionDenied):
        procurement_publish(
            actor=dept.people["outsider"], organization=unit, fiscal_year=2569, code="5.1.7.3", as_of=AS_OF, now=NOW
        )
    other = dept.units[1]
    build_procurement(other)
    version = procurement_publish(
        actor=dept.people["outsider"], organization=other, fiscal_year=2569, code="5.1.7.3", as_of=AS_OF, now=NOW
    )
    assert VersionRecords.objects.get(version=version).data["organization"] == "unit-1"


@pytest.mark.parametrize("months", [1, 6])
def test_publishing_takes_the_same_queries_whatever_the_months(
    unit: Any, dept: Department, months: int, django_assert_num_queries: Any
) -> None:
    for offset in range(months):
        month = dt.date(2025 + (9 + offset) // 12, (9 + offset) % 12 + 1, 1)
        close_month(unit, month, dt.date(2026, 4, 1))
        record = ProcurementRecord.objects.create(
            organization=unit, fiscal_year=2569, month=month, sequence=1, item="งาน", budget="10.00",
            method="specific", created_at=NOW, updated_at=NOW,
        )  # fmt: skip
        record.bids.create(position=1, bidder="ร้าน ก", price="9.00")
    # Access; entry; closings, records, bids; then the register's draft, its records and three audit events
    # (savepoints included).
    with django_assert_num_queries(34):
        procurement_publish(
            actor=dept.people["editor"], organization=unit, fiscal_year=2569, code="5.1.7.3", as_of=AS_OF, now=NOW
        )
