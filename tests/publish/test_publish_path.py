"""Records → draft with a snapshot → review → approval → the portal shows exactly what was approved, and only that."""

import datetime as dt
from decimal import Decimal
from typing import Any

import lxml.html
from django.core.cache import caches
from django.test import Client

from prongsai.disclosures.models import EntryVersion, VersionRecords
from prongsai.disclosures.services import (
    DraftContent,
    Verdicts,
    version_approve,
    version_save_draft,
    version_submit,
)
from prongsai.plans.models import ActionPlan, ProgressReport, Project
from prongsai.plans.publishing import plan_publish
from prongsai.procurement.models import ProcurementRecord
from prongsai.procurement.publishing import procurement_publish

from ..workspace.conftest import Department
from .conftest import entry_of
from .world import AS_OF, RECORDED, close_month

ALL_PASS = Verdicts(True, True, True)


def _page(code: str, language: str = "th") -> Any:
    caches["default"].clear()  # render afresh: what is shown must come from the published version, not a cache
    response = Client().get(f"/{language}/units/unit-0/items/{code}/")
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def _month_rows(tree: Any) -> dict[str, list[str]]:
    """Return each published month's rows as "ลำดับ item" (an empty list for a declaration)."""
    return {
        section.get("id").removeprefix("summary-"): [
            " ".join(cell.text_content().strip() for cell in row.xpath("./td[1] | ./th[1]"))
            for row in section.xpath(".//tbody/tr")
        ]
        for section in tree.xpath("//section[@class='records-month']")
    }


def test_procurement_summaries_go_through_review_and_stay_as_approved(
    dept: Department, unit: Any, procurement: dict[str, Any]
) -> None:
    editor, reviewer = dept.people["editor"], dept.people["reviewer2"]
    draft = procurement_publish(actor=editor, organization=unit, fiscal_year=2569, code="5.1.7.3", as_of=AS_OF)

    # A draft is not public.
    assert _month_rows(_page("5.1.7.3")) == {}

    version_submit(actor=editor, version=draft)
    version_approve(actor=reviewer, version=draft, verdicts=ALL_PASS)
    approved = {"2025-11": ["1 จัดซื้อวัสดุสำนักงาน"], "2025-12": [], "2026-01": ["1 จัดซื้อเครื่องคอมพิวเตอร์"]}
    assert _month_rows(_page("5.1.7.3")) == approved
    declaration = _page("5.1.7.3").xpath("//section[@id='summary-2025-12']//p[@class='records-none']")[0]
    assert " ".join(declaration.text_content().split()) == "ไม่มีการจัดซื้อจัดจ้าง — ข้อมูล ณ วันที่ 5 มกราคม 2569"

    # The records change after approval: the public page does not, until a new version is approved.
    ProcurementRecord.objects.filter(pk=procurement["november"].pk).update(item="จัดซื้อวัสดุสำนักงาน (แก้ไข)")
    close_month(unit, dt.date(2026, 3, 1), dt.date(2026, 4, 3))
    assert _month_rows(_page("5.1.7.3")) == approved

    # A new draft started from the published version carries its snapshot unchanged.
    entry = entry_of(unit, "5.1.7.3")
    follow_up = version_save_draft(
        actor=editor, entry=entry, content=DraftContent(body_th="<p>แก้ไขถ้อยคำ</p>", as_of=AS_OF)
    )
    assert (follow_up.number, follow_up.based_on_id) == (2, draft.pk)
    carried = VersionRecords.objects.get(version=follow_up)
    published = VersionRecords.objects.get(version=draft)
    assert (carried.kind, carried.data, carried.sha256) == (published.kind, published.data, published.sha256)

    # Filling that draft again takes the records as they now stand; approving it publishes them.
    again = procurement_publish(actor=editor, organization=unit, fiscal_year=2569, code="5.1.7.3", as_of=AS_OF)
    assert again.pk == follow_up.pk
    assert VersionRecords.objects.get(version=again).sha256 != published.sha256
    assert _month_rows(_page("5.1.7.3")) == approved
    version_submit(actor=editor, version=again)
    version_approve(actor=reviewer, version=again, verdicts=ALL_PASS)
    assert _month_rows(_page("5.1.7.3")) == {
        "2025-11": ["1 จัดซื้อวัสดุสำนักงาน (แก้ไข)"],
        "2025-12": [],
        "2026-01": ["1 จัดซื้อเครื่องคอมพิวเตอร์"],
        "2026-03": ["1 จ้างซ่อมแซมอาคาร"],
    }
    assert EntryVersion.objects.get(pk=draft.pk).superseded_at is not None


def test_plan_progress_on_the_portal_is_the_approved_snapshot(dept: Department, unit: Any, plan: ActionPlan) -> None:
    editor, reviewer = dept.people["editor"], dept.people["reviewer1"]
    version = plan_publish(actor=editor, organization=unit, fiscal_year=2569, code="5.1.5", as_of=AS_OF)
    version_submit(actor=editor, version=version)
    version_approve(actor=reviewer, version=version, verdicts=ALL_PASS)

    def plan_total() -> list[str]:
        row = _page("5.1.5").xpath(
            "//table[@class='records'][.//caption[contains(., 'ความก้าวหน้ารายโครงการ')]]/tfoot/tr"
        )
        return [cell.text_content().strip() for cell in row[0]]

    expected = ["รวมทั้งแผน", "4,500,000.00", "43.33", "1,780,000.00", "39.56", ""]
    assert plan_total() == expected
    # A late report on 2.1 and a bigger budget: the published figures stay as approved.
    building = Project.objects.get(programme__plan=plan, name_th="ปรับปรุงอาคาร")
    ProgressReport.objects.create(
        project=building, period=dt.date(2026, 4, 1) + dt.timedelta(days=30), as_of=dt.date(2026, 5, 2),
        progress_percent=Decimal("50.00"), disbursed=Decimal("500000.00"), status="on_schedule", recorded_at=RECORDED,
    )  # fmt: skip
    Project.objects.filter(pk=building.pk).update(budget=Decimal("2000000.00"))
    assert plan_total() == expected


def test_a_declaration_saved_over_a_records_draft_drops_the_records(
    dept: Department, unit: Any, procurement: dict[str, Any]
) -> None:
    editor = dept.people["editor"]
    draft = procurement_publish(actor=editor, organization=unit, fiscal_year=2569, code="5.1.7.3", as_of=AS_OF)
    assert VersionRecords.objects.filter(version=draft).count() == 1

    declared = version_save_draft(
        actor=editor,
        entry=entry_of(unit, "5.1.7.3"),
        content=DraftContent(nothing_to_publish=True, as_of=AS_OF, nothing_note_th="ไม่มีการจัดซื้อจัดจ้างในเดือนนี้"),
        now=RECORDED.replace(month=4, day=10),
    )

    assert declared.pk == draft.pk
    assert VersionRecords.objects.filter(version=draft).count() == 0
