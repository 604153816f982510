"""The catalogue follows what is published: which datasets exist, what they cover, and when they changed."""

import datetime as dt
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from prongsai.channels.models import Submission
from prongsai.opendata.catalogue import SyncResult, catalogue_sync
from prongsai.opendata.models import Dataset
from prongsai.organizations.models import Organization
from prongsai.procurement.models import Bid, ProcurementMonth, ProcurementRecord

from ..publish.conftest import publish_records
from ..publish.world import BANGKOK, RECORDED
from .world import SYNCED, OpendataWorld

LATER = SYNCED + dt.timedelta(days=1)
KINDS = [
    "action-plans",
    "channel-statistics",
    "monitor-scores",
    "plan-progress",
    "procurement-plans",
    "procurement-records",
    "register",
]


def catalogue() -> dict[str, tuple[str, int, dict[str, Any], dt.datetime]]:
    return {
        row.name: (row.scope, row.rows, row.coverage, row.metadata_modified) for row in Dataset.objects.order_by("name")
    }


def modified_since(moment: dt.datetime) -> list[str]:
    return sorted(Dataset.objects.filter(metadata_modified__gt=moment).values_list("name", flat=True))


def test_a_unit_has_a_dataset_of_each_kind_it_publishes_and_the_department_one_of_each(world: OpendataWorld) -> None:
    found = catalogue()
    assert sorted(found) == sorted(
        [f"ops-{kind}" for kind in KINDS]
        + [f"unit-0-{kind}" for kind in KINDS]
        + ["unit-1-channel-statistics", "unit-1-register"]
    )
    fy2569 = {"fiscal_years": [2569], "months": [], "start": "2025-10-01", "end": "2026-09-30"}
    assert found["unit-0-procurement-records"] == (
        "unit",
        3,
        {
            "fiscal_years": [2569],
            "months": ["2025-11", "2026-01", "2026-03"],
            "start": "2025-11-01",
            "end": "2026-09-30",
        },
        SYNCED,
    )
    assert found["unit-0-procurement-plans"] == ("unit", 3, fy2569, SYNCED)
    assert found["unit-0-action-plans"] == ("unit", 3, fy2569, SYNCED)
    # January, March (twice: 20 % and 45 %), February and April are reported by 10 April; May is not yet.
    assert found["unit-0-plan-progress"] == ("unit", 4, fy2569, SYNCED)
    assert found["unit-0-monitor-scores"] == ("unit", 1, fy2569, SYNCED)
    # Complaint/fraud/in progress and opinion/quality/received in March; opinion/quality/received in April.
    assert found["unit-0-channel-statistics"] == (
        "unit",
        3,
        {"fiscal_years": [2569], "months": ["2026-03", "2026-04"], "start": "2026-03-01", "end": "2026-09-30"},
        SYNCED,
    )
    nothing: dict[str, Any] = {"fiscal_years": [], "months": [], "start": None, "end": None}
    assert found["unit-0-register"] == ("unit", 18, nothing, SYNCED)
    assert found["unit-1-channel-statistics"][:2] == ("unit", 0)
    assert found["ops-register"][:2] == ("department", 36)
    assert found["ops-procurement-records"] == ("department", *found["unit-0-procurement-records"][1:])


def test_titles_name_the_kind_and_the_publisher_in_both_languages(world: OpendataWorld) -> None:
    unit = Dataset.objects.get(name="unit-0-procurement-records")
    department = Dataset.objects.get(name="ops-procurement-records")
    assert (unit.title_th, unit.title_en) == ("ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0", "Procurement results — Test division 0")
    assert (department.title_th, department.title_en) == (
        "ผลการจัดซื้อจัดจ้าง ทุกหน่วยงาน — สำนักงานปลัด",
        "Procurement results, all units — OPS",
    )
    assert department.organization == world.department
    assert "สขร.1" in unit.notes_th
    assert "procurement" in unit.search_text


def test_a_second_sync_with_nothing_new_changes_nothing(world: OpendataWorld) -> None:
    assert catalogue_sync(now=LATER) == SyncResult(created=0, updated=0, removed=0, unchanged=16)
    assert modified_since(SYNCED) == []


def test_a_newly_published_version_moves_only_its_datasets_on(world: OpendataWorld) -> None:
    record = ProcurementRecord.objects.create(
        organization=world.published, fiscal_year=2569, month=dt.date(2026, 4, 1), sequence=1,
        item="จัดซื้อหมึกพิมพ์", budget=Decimal("12000.00"), method="specific", winner="ร้าน ง",
        winner_price=Decimal("11500.00"), created_at=RECORDED, updated_at=RECORDED,
    )  # fmt: skip
    Bid.objects.create(record=record, position=1, bidder="ร้าน ง", price=Decimal("11500.00"))
    # Recorded but not yet published: the catalogue does not move.
    assert catalogue_sync(now=LATER).updated == 0
    publish_records(world.dept, world.published, "5.1.7.2", as_of=dt.date(2026, 5, 10))
    # The approval changed the register's row of 5.1.7.2 as well.
    assert catalogue_sync(now=LATER) == SyncResult(created=0, updated=4, removed=0, unchanged=12)
    assert modified_since(SYNCED) == [
        "ops-procurement-records",
        "ops-register",
        "unit-0-procurement-records",
        "unit-0-register",
    ]
    row = Dataset.objects.get(name="unit-0-procurement-records")
    assert (row.rows, row.metadata_modified) == (4, LATER)
    assert row.coverage["months"] == ["2025-11", "2026-01", "2026-03", "2026-04"]
    assert row.metadata_created == SYNCED


def test_an_earlier_fiscal_year_stays_after_a_new_one_is_published(world: OpendataWorld) -> None:
    ProcurementRecord.objects.create(
        organization=world.published, fiscal_year=2568, month=dt.date(2025, 9, 1), sequence=1,
        item="จ้างทำความสะอาด", budget=Decimal("60000.00"), method="specific", created_at=RECORDED,
        updated_at=RECORDED,
    )  # fmt: skip
    ProcurementMonth.objects.create(
        organization=world.published, month=dt.date(2025, 9, 1), fiscal_year=2568, as_of=dt.date(2025, 10, 3),
        closed_at=RECORDED,
    )  # fmt: skip
    publish_records(world.dept, world.published, "5.1.7.2", as_of=dt.date(2025, 9, 30), fiscal_year=2568)
    catalogue_sync(now=LATER)
    row = Dataset.objects.get(name="unit-0-procurement-records")
    # The portal now shows FY 2568's version, but FY 2569's published records are still open data.
    assert (row.rows, row.coverage) == (
        4,
        {
            "fiscal_years": [2568, 2569],
            "months": ["2025-09", "2025-11", "2026-01", "2026-03"],
            "start": "2025-09-01",
            "end": "2026-09-30",
        },
    )


def test_a_received_complaint_moves_the_channel_statistics_on(world: OpendataWorld) -> None:
    Submission.objects.create(
        kind="complaint", organization=world.quiet, topic="fraud", subject="เรื่อง", message="ข้อความ",
        is_anonymous=True, language="th", tracking_code="TEST-0100", status="received",
        received_at=dt.datetime(2026, 4, 11, 9, 0, tzinfo=BANGKOK), due_date=dt.date(2026, 4, 26),
        updated_at=dt.datetime(2026, 4, 11, 9, 0, tzinfo=BANGKOK),
    )  # fmt: skip
    # unit-1's register is unchanged; of the department's datasets only the channel statistics are recomputed.
    assert catalogue_sync(now=LATER, organization_ids=[world.quiet.pk]) == SyncResult(
        created=0, updated=2, removed=0, unchanged=1
    )
    assert modified_since(SYNCED) == ["ops-channel-statistics", "unit-1-channel-statistics"]
    assert Dataset.objects.get(name="ops-channel-statistics").rows == 4


def test_a_renamed_unit_renames_its_datasets_and_a_closed_one_leaves_the_catalogue(world: OpendataWorld) -> None:
    Organization.objects.filter(pk=world.quiet.pk).update(name_th="กองใหม่", name_en="New division")
    catalogue_sync(now=LATER, organization_ids=[world.quiet.pk])
    assert Dataset.objects.get(name="unit-1-register").title_en == "Disclosure register — New division"
    # The department's rows name their units, so its datasets of those kinds change too.
    assert modified_since(SYNCED) == [
        "ops-channel-statistics",
        "ops-register",
        "unit-1-channel-statistics",
        "unit-1-register",
    ]

    Organization.objects.filter(pk=world.published.pk).update(is_active=False)
    result = catalogue_sync(now=LATER + dt.timedelta(hours=1))
    # unit-0's seven, and the five department-wide kinds only unit-0 gave rows to.
    assert (result.removed, result.created) == (12, 0)
    assert not Dataset.objects.filter(organization=world.published).exists()
    # Without unit-0 the department has no plans, procurement or monitor scores to publish.
    assert sorted(Dataset.objects.filter(organization=world.department).values_list("kind", flat=True)) == [
        "channel-statistics",
        "register",
    ]


def test_syncing_one_unit_costs_a_fixed_number_of_queries(world: OpendataWorld, django_assert_num_queries: Any) -> None:
    # The transaction's savepoint and its release; organizations, existing datasets, active checklist, register
    # entries, snapshot references, snapshot data, channel counts, website checks. Nothing changed, so the
    # department's datasets are not recomputed.
    with django_assert_num_queries(10):
        catalogue_sync(now=LATER, organization_ids=[world.published.pk])


def test_publishing_through_the_register_syncs_the_unit_after_the_commit(
    world: OpendataWorld, django_capture_on_commit_callbacks: Any
) -> None:
    record = world.procurement["march"]
    ProcurementRecord.objects.filter(pk=record.pk).update(winner_price=Decimal("93000.00"))
    with django_capture_on_commit_callbacks(execute=True):
        publish_records(world.dept, world.published, "5.1.7.2", as_of=dt.date(2026, 4, 20))
    assert "unit-0-procurement-records" in modified_since(SYNCED)
    assert "unit-1-register" not in modified_since(SYNCED)


def test_a_draft_with_records_is_not_open_data(world: OpendataWorld) -> None:
    from prongsai.procurement.publishing import procurement_publish

    ProcurementRecord.objects.filter(pk=world.procurement["march"].pk).update(item="เปลี่ยนชื่อรายการ")
    procurement_publish(
        actor=world.dept.people["editor"], organization=world.published, fiscal_year=2569, code="5.1.7.2",
        as_of=dt.date(2026, 4, 20),
    )  # fmt: skip
    assert catalogue_sync(now=LATER).updated == 0


@pytest.mark.parametrize("arguments", [[], ["--unit", "unit-1"]])
def test_the_command_syncs_and_says_what_it_did(world: OpendataWorld, arguments: list[str]) -> None:
    Dataset.objects.filter(name="unit-1-register").delete()
    out = StringIO()
    call_command("opendata", "sync", *arguments, stdout=out)
    # With one unit, only the department-wide register is recomputed beside the unit's own two.
    unchanged = 15 if not arguments else 2
    assert out.getvalue() == f"created 1, updated 0, removed 0, unchanged {unchanged}\n"
