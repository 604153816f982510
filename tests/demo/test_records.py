"""The demo's structured plans, progress and procurement (records.py), and their publication through the register.

The demo is loaded as on 20 May 2026, 10:00 in Bangkok: fiscal year 2569 (October 2025 - September
2026) is current and April 2026 is the last month that has ended, so each unit has the complete
fiscal year 2568 and seven months of 2569 (19 months). The expected values were read off the demo's
invented data (plans.py) once and are written here by hand: a change to that data shows up here.
"""

import datetime as dt
import io
import itertools
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from prongsai.audit.models import AuditEvent
from prongsai.demo.builder import demo_load
from prongsai.demo.plans import month_procurements, procurements, project_progress, projects
from prongsai.demo.records import RECORD_UNITS, RecordsOutcome
from prongsai.demo.units import ALL_ORGANIZATIONS
from prongsai.disclosures.models import Entry, Review, VersionRecords
from prongsai.disclosures.selectors import entry_status_of
from prongsai.disclosures.workflow import EntryStatus
from prongsai.notifications.models import Delivery, Notice
from prongsai.organizations.access import access_scope_for, review_capability
from prongsai.plans.models import ActionPlan, ProgressReport, Project
from prongsai.procurement.models import PlanLine, ProcurementMonth, ProcurementPlan, ProcurementRecord

NOW = dt.datetime(2026, 5, 20, 10, 0, tzinfo=ZoneInfo("Asia/Bangkok"))
TODAY = NOW.date()
UNITS = ("ict", "ethics", "cri", "kri", "nst", "skh")
KINDS = {
    "5.1.4": "action_plan",
    "5.1.5": "plan_progress",
    "5.1.7.1": "procurement_plan",
    "5.1.7.2": "procurement_records",
    "5.1.7.3": "procurement_summaries",
}
# The months closed without any procurement: the dated "ไม่มีการจัดซื้อจัดจ้าง".
EMPTY_MONTHS = [
    ("ict", dt.date(2024, 12, 1)), ("ict", dt.date(2025, 7, 1)), ("ict", dt.date(2025, 9, 1)),
    ("ethics", dt.date(2024, 10, 1)), ("ethics", dt.date(2025, 7, 1)), ("ethics", dt.date(2025, 11, 1)),
    ("ethics", dt.date(2026, 2, 1)), ("ethics", dt.date(2026, 4, 1)),
    ("cri", dt.date(2025, 4, 1)), ("cri", dt.date(2025, 8, 1)), ("cri", dt.date(2026, 4, 1)),
    ("kri", dt.date(2025, 3, 1)), ("kri", dt.date(2025, 8, 1)),
    ("nst", dt.date(2024, 10, 1)), ("nst", dt.date(2025, 1, 1)), ("nst", dt.date(2025, 2, 1)),
    ("nst", dt.date(2025, 5, 1)), ("nst", dt.date(2025, 7, 1)), ("nst", dt.date(2025, 8, 1)),
    ("nst", dt.date(2026, 4, 1)),
]  # fmt: skip


def _check_outcome(outcome: Any) -> None:
    assert outcome.records == RecordsOutcome(
        units=list(UNITS),
        fiscal_years=[2568, 2569],
        months_closed=114,
        empty_months=EMPTY_MONTHS,
        versions_approved=310,
    )
    assert outcome.off_plan == []  # the other entries' histories still reach their planned statuses


def _check_plans() -> None:
    """Each unit has its action plan of both years, two programmes, its projects with dates and KPIs."""
    plans = ActionPlan.objects.filter(organization__slug__in=UNITS)
    assert sorted(plans.values_list("organization__slug", "fiscal_year")) == sorted(
        (slug, year) for slug in UNITS for year in (2568, 2569)
    )
    assert ActionPlan.objects.count() == 12
    plan = ActionPlan.objects.get(organization__slug="cri", fiscal_year=2569)
    assert plan.title_th == "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569 สำนักงานคลังจังหวัดเชียงราย"
    assert plan.title_en == "Action plan of the Chiang Rai Provincial Finance Office, fiscal year 2026"
    assert plan.approved_on == dt.date(2025, 9, 19)
    stored = Project.objects.filter(programme__plan=plan).select_related("programme")
    rows = [
        (p.programme.position, p.name_th, p.budget, p.start, p.end, p.division, p.kpi, p.target)
        for p in stored.order_by("programme__position", "position")
    ]
    assert [p.name_th for p in plan.programmes.order_by("position")] == [
        "แผนงานยุทธศาสตร์ตามภารกิจของหน่วยงาน",
        "แผนงานพื้นฐานด้านการบริหารจัดการองค์การ",
    ]
    assert rows == [
        (1, "โครงการติดตามและวิเคราะห์ภาวะเศรษฐกิจการคลังจังหวัด", Decimal("1067500.00"), dt.date(2025, 10, 1),
         dt.date(2026, 9, 30), "กลุ่มงานเศรษฐกิจการคลังจังหวัด", "จำนวนรายงานภาวะเศรษฐกิจจังหวัด", "12 ฉบับ"),
        (2, "โครงการพัฒนาบุคลากรด้านการเงิน การคลัง และการพัสดุ", Decimal("562000.00"), dt.date(2025, 11, 1),
         dt.date(2026, 9, 30), "กลุ่มงานการเงินและบัญชีภาครัฐ", "จำนวนบุคลากรที่ผ่านการอบรม", "60 คน"),
        (2, "โครงการเพิ่มประสิทธิภาพการให้บริการผ่านช่องทางดิจิทัล", Decimal("798000.00"), dt.date(2026, 1, 1),
         dt.date(2026, 9, 30), "กลุ่มงานตรวจสอบและให้คำปรึกษา", "ระดับความพึงพอใจของผู้รับบริการ", "ร้อยละ 85"),
        (2, "โครงการบริหารความเสี่ยงและการควบคุมภายใน", Decimal("387500.00"), dt.date(2026, 1, 1),
         dt.date(2026, 9, 30), "ฝ่ายบริหารทั่วไป", "ร้อยละของความเสี่ยงที่ได้รับการจัดการ", "ร้อยละ 80"),
    ]  # fmt: skip


def _check_progress() -> None:
    """Monthly cumulative progress up to April 2026; the last year ends with projects completed and behind."""
    assert Project.objects.count() == 48
    assert ProgressReport.objects.count() == 6 * 4 * 19
    first = Project.objects.get(
        programme__plan__organization__slug="cri", programme__plan__fiscal_year=2569, name_th__startswith="โครงการติดตาม"
    )
    reports = [(r.period, r.as_of, r.progress_percent, r.disbursed, r.status) for r in first.progress.all()]
    assert reports == [
        (dt.date(2025, 10, 1), dt.date(2025, 10, 31), Decimal("10.00"), Decimal("96075.00"), "on_schedule"),
        (dt.date(2025, 11, 1), dt.date(2025, 11, 30), Decimal("20.00"), Decimal("192150.00"), "on_schedule"),
        (dt.date(2025, 12, 1), dt.date(2025, 12, 31), Decimal("29.00"), Decimal("278617.50"), "on_schedule"),
        (dt.date(2026, 1, 1), dt.date(2026, 1, 31), Decimal("39.00"), Decimal("374692.50"), "on_schedule"),
        (dt.date(2026, 2, 1), dt.date(2026, 2, 28), Decimal("50.00"), Decimal("480375.00"), "on_schedule"),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 31), Decimal("59.00"), Decimal("566842.50"), "on_schedule"),
        (dt.date(2026, 4, 1), dt.date(2026, 4, 30), Decimal("68.00"), Decimal("653310.00"), "on_schedule"),
    ]
    september = ProgressReport.objects.filter(period=dt.date(2025, 9, 1)).values_list("status", flat=True)
    assert Counter(september) == {"completed": 18, "behind": 6}  # the end of 2568: each plan's last project lags
    march = ProgressReport.objects.filter(period=dt.date(2026, 3, 1)).values_list("status", flat=True)
    assert Counter(march) == {"on_schedule": 19, "behind": 5}


def _check_procurement() -> None:
    """Plans with lines, records with bids linked to their plan line, every month closed, the empty ones declared."""
    assert ProcurementPlan.objects.count() == 12
    plan = ProcurementPlan.objects.get(organization__slug="cri", fiscal_year=2569)
    assert plan.announced_on == dt.date(2025, 10, 2)
    lines = [(line.name, line.budget, line.method, line.expected_month) for line in plan.lines.order_by("position")]
    assert lines == [
        ("จ้างเหมาบำรุงรักษาระบบปรับอากาศ", Decimal("74000.00"), "specific", dt.date(2025, 11, 1)),
        ("จัดซื้อวัสดุสำนักงาน", Decimal("65500.00"), "specific", dt.date(2025, 12, 1)),
        ("จ้างเหมาบริการทำความสะอาดอาคารสำนักงาน", Decimal("884500.00"), "e_bidding", dt.date(2025, 12, 1)),
        ("จ้างพัฒนาและปรับปรุงเว็บไซต์หน่วยงาน", Decimal("1860000.00"), "e_market", dt.date(2026, 3, 1)),
        ("จ้างเหมาบริการรักษาความปลอดภัยอาคาร", Decimal("1591000.00"), "e_bidding", dt.date(2026, 5, 1)),
    ]
    assert ProcurementRecord.objects.count() == 215
    record = ProcurementRecord.objects.get(organization__slug="cri", month=dt.date(2026, 3, 1), sequence=1)
    assert (record.item, record.budget, record.reference_price, record.method, record.method_detail) == (
        "จ้างพัฒนาและปรับปรุงเว็บไซต์หน่วยงาน", Decimal("1860000.00"), Decimal("1804200.00"), "e_market",
        "ตลาดอิเล็กทรอนิกส์ (e-market)",
    )  # fmt: skip
    assert [(b.position, b.bidder, b.price) for b in record.bids.order_by("position")] == [
        (1, "บริษัท เอ็นเทคโซลูชั่นส์ จำกัด", Decimal("1605738.00")),
        (2, "บริษัท สยามคอมพ์เซ็นเตอร์ จำกัด", Decimal("1641822.00")),
        (3, "บริษัท ไอคิวเน็ตเวิร์ค จำกัด", Decimal("1768116.00")),
        (4, "บริษัท ดาต้าไลน์ซิสเต็ม จำกัด", Decimal("1786158.00")),
    ]
    contract = (record.contract_kind, record.contract_number, record.contract_date)
    assert (record.winner, record.winner_price) == ("บริษัท เอ็นเทคโซลูชั่นส์ จำกัด", Decimal("1605738.00"))
    assert contract == ("contract", "45/2569", dt.date(2026, 3, 11))
    assert (record.egp_number, record.status, record.fiscal_year) == ("69030029591", "completed", 2569)
    assert record.budget_source == "งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2569"
    assert record.plan_line is not None
    assert record.plan_line.name == record.item
    # Reconciliation has something to show: planned lines still to come, small purchases no plan lists.
    reconciliation = {
        slug: [
            (
                year,
                ProcurementRecord.objects.filter(organization__slug=slug, fiscal_year=year).count(),
                ProcurementRecord.objects.filter(organization__slug=slug, fiscal_year=year, plan_line=None).count(),
                PlanLine.objects.filter(plan__organization__slug=slug, plan__fiscal_year=year, records=None).count(),
            )
            for year in (2568, 2569)
        ]
        for slug in UNITS
    }
    assert reconciliation == {
        "ict": [(2568, 19, 15, 0), (2569, 12, 9, 3)],
        "ethics": [(2568, 24, 20, 0), (2569, 12, 8, 1)],
        "cri": [(2568, 20, 15, 0), (2569, 12, 8, 1)],
        "kri": [(2568, 22, 16, 0), (2569, 20, 16, 0)],
        "nst": [(2568, 16, 10, 0), (2569, 11, 9, 4)],
        "skh": [(2568, 27, 21, 0), (2569, 20, 17, 1)],
    }
    # Every month up to April 2026 is closed as of its last day, early the next month.
    assert ProcurementMonth.objects.count() == 6 * 19
    empty = ProcurementMonth.objects.get(organization__slug="cri", month=dt.date(2026, 4, 1))
    assert (empty.as_of, empty.fiscal_year) == (dt.date(2026, 4, 30), 2569)
    assert empty.note_th == "ในเดือนเมษายน 2569 ไม่มีการจัดซื้อจัดจ้าง"
    assert empty.closed_at == dt.datetime(2026, 5, 3, 9, 30, tzinfo=ZoneInfo("Asia/Bangkok"))
    assert empty.closed_by is not None
    assert empty.closed_by.username == "cri.editor"
    closed_empty = [
        (m.organization.slug, m.month)
        for m in ProcurementMonth.objects.select_related("organization").order_by("organization__sort_order", "month")
        if not ProcurementRecord.objects.filter(organization=m.organization, month=m.month).exists()
    ]
    assert sorted(closed_empty) == sorted(EMPTY_MONTHS)


def _check_publications() -> None:
    """Every entry's latest approved version is the records' snapshot, approved by the reviewer of its step."""
    expected_versions = {"5.1.4": 4, "5.1.5": 6, "5.1.7.1": 4, "5.1.7.3": 19}
    # 5.1.7.2 is published once the year has a procurement: ethics and nst bought nothing in October 2024.
    details = {"ict": 19, "ethics": 18, "cri": 19, "kri": 19, "nst": 18, "skh": 19}
    as_of = {
        "5.1.4": dt.date(2026, 4, 10),  # reviewed again after the 6-month round
        "5.1.5": dt.date(2026, 3, 31),  # the quarter to March, with the 6-month figures
        "5.1.7.1": dt.date(2026, 4, 10),
        "5.1.7.2": dt.date(2026, 4, 30),
        "5.1.7.3": dt.date(2026, 4, 30),
    }
    for slug in UNITS:
        for code, kind in KINDS.items():
            entry = Entry.objects.select_related("published_version", "item", "organization").get(
                organization__slug=slug, item__code=code
            )
            versions = entry.versions.all()
            assert Counter(versions.values_list("state", flat=True)) == {
                "approved": details[slug] if code == "5.1.7.2" else expected_versions[code]
            }, (slug, code)
            assert VersionRecords.objects.filter(version__entry=entry).count() == versions.count()
            published = entry.published_version
            assert published is not None
            assert published.as_of == as_of[code]
            records = VersionRecords.objects.get(version=published)
            assert (records.kind, records.data["organization"], records.data["fiscal_year"]) == (kind, slug, 2569)
            assert published.url_th.endswith(f"/sites/{slug}/" + {
                "5.1.4": "plans/action-plan-2569", "5.1.5": "plans/progress-2569",
                "5.1.7.1": "procurement/plan-2569", "5.1.7.2": "procurement/results-2569",
                "5.1.7.3": "procurement/summaries-2569",
            }[code])  # fmt: skip
            assert entry_status_of(entry, TODAY) is EntryStatus.PUBLISHED
            for review in Review.objects.filter(version__entry=entry).select_related("reviewer"):
                assert review.step == entry.item.review_step
                assert review.reviewer.username != f"{slug}.editor"
                assert access_scope_for(review.reviewer).can(review_capability(review.step), entry.organization_id)
        plan_reviews = Review.objects.filter(
            version__entry__organization__slug=slug, version__entry__item__code__in=("5.1.4", "5.1.5")
        )
        assert set(plan_reviews.values_list("reviewer__username", flat=True)) == {f"{slug}.head"}
    summaries = VersionRecords.objects.get(
        version__entry__organization__slug="cri", version__entry__item__code="5.1.7.3", version__superseded_at=None
    ).data
    assert [m["month"] for m in summaries["months"]] == [
        "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04"
    ]  # fmt: skip
    april = summaries["months"][-1]
    assert (april["closed"], april["as_of"], april["rows"], april["totals"]["count"]) == (True, "2026-04-30", [], 0)
    progress = VersionRecords.objects.get(
        version__entry__organization__slug="cri", version__entry__item__code="5.1.5", version__superseded_at=None
    ).data
    assert list(progress["rounds"]) == ["6"]
    six = progress["rounds"]["6"]
    assert (six["budget"], six["disbursed"]) == ("2815000.00", "1168864.70")
    assert (six["progress_percent"], six["disbursed_percent"]) == ("46.52", "41.52")


def _cells(document: Any) -> list[tuple[Any, ...]]:
    with document.file.open("rb") as stream:
        workbook = openpyxl.load_workbook(io.BytesIO(stream.read()), read_only=True)
    sheet = workbook.worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def _check_spreadsheets_agree() -> None:
    """The spreadsheets attached to the plans list what the records hold, item by item."""
    for slug in UNITS:
        plan = Entry.objects.get(organization__slug=slug, item__code="5.1.4").published_version
        assert plan is not None
        (document,) = plan.documents.all()
        assert document.original_name == f"action-plan-{slug}-2569.xlsx"
        stored = Project.objects.filter(programme__plan__organization__slug=slug, programme__plan__fiscal_year=2569)
        rows = stored.order_by("programme__position", "position")
        assert [(row[1], Decimal(str(row[2]))) for row in _cells(document)] == [(p.name_th, p.budget) for p in rows]
        procurement = Entry.objects.get(organization__slug=slug, item__code="5.1.7.1").published_version
        assert procurement is not None
        (document,) = procurement.documents.all()
        assert document.original_name == f"procurement-plan-{slug}-2569.xlsx"
        lines = PlanLine.objects.filter(plan__organization__slug=slug, plan__fiscal_year=2569).order_by("position")
        assert [(row[1], Decimal(str(row[2]))) for row in _cells(document)] == [(ln.name, ln.budget) for ln in lines]


def _check_audit_and_silence() -> None:
    """Each record was written by the unit's editor through a service that audited it; nobody was notified."""
    for model, count in (("procurement.procurementrecord", 215), ("procurement.procurementmonth", 114),
                         ("plans.progressreport", 456)):  # fmt: skip
        events = AuditEvent.objects.filter(object_type=model)
        assert events.count() == count
        assert set(events.values_list("actor__username", flat=True)) == {f"{slug}.editor" for slug in UNITS}
    assert AuditEvent.objects.filter(action="entry.records_save").count() == 310
    assert not Notice.objects.exists()
    assert not Delivery.objects.exists()


def _article(page: str) -> str:
    """Return the text of the page's item (its records), without the markup or the item's own description."""
    article = page[page.index("<article") : page.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))


def _check_portal() -> None:
    """The units' item pages show the approved records; a month without procurement is declared, dated."""
    client = Client()
    pages = {}
    for slug in UNITS:
        for code in KINDS:
            response = client.get(reverse("portal:item", args=[slug, code]), follow=True)
            assert response.status_code == 200, (slug, code)
            pages[slug, code] = _article(response.text)
    assert "โครงการติดตามและวิเคราะห์ภาวะเศรษฐกิจการคลังจังหวัด" in pages["cri", "5.1.4"]
    assert "1,067,500.00" in pages["cri", "5.1.4"]
    assert "46.52" in pages["cri", "5.1.5"]
    assert "จ้างเหมาบริการรักษาความปลอดภัยอาคาร" in pages["cri", "5.1.7.1"]
    assert "1,591,000.00" in pages["cri", "5.1.7.1"]
    assert "บริษัท เอ็นเทคโซลูชั่นส์ จำกัด" in pages["cri", "5.1.7.2"]
    assert "1,605,738.00" in pages["cri", "5.1.7.2"]
    for slug in ("ethics", "cri", "nst"):  # April 2026 without procurement
        assert "ไม่มีการจัดซื้อจัดจ้าง" in pages[slug, "5.1.7.3"], slug
        assert "30 เมษายน 2569" in pages[slug, "5.1.7.3"], slug
    for slug in ("ict", "kri", "skh"):  # every month of 2569 had some
        assert "ไม่มีการจัดซื้อจัดจ้าง" not in pages[slug, "5.1.7.3"], slug


@pytest.mark.django_db
def test_demo_records_plans_progress_and_procurement_published_through_the_register(
    settings: Any, tmp_path: Path
) -> None:
    settings.VAR_DIR = tmp_path
    outcome = demo_load(now=NOW)
    assert outcome.loaded
    _check_outcome(outcome)
    _check_plans()
    _check_progress()
    _check_procurement()
    _check_publications()
    _check_spreadsheets_agree()
    _check_audit_and_silence()
    _check_portal()


def test_record_units_span_the_kinds_of_unit() -> None:
    kinds = {unit.slug: unit.kind.value for unit in ALL_ORGANIZATIONS}
    assert RECORD_UNITS == UNITS
    assert Counter(kinds[slug] for slug in RECORD_UNITS) == {"central": 2, "provincial": 4}


@pytest.mark.parametrize("fiscal_year", [2568, 2569, 2570])
def test_progress_is_cumulative_within_budget_with_some_behind_and_some_completed(fiscal_year: int) -> None:
    """For every demo unit: progress and disbursement never go down, disbursement stays within the budget,
    nothing is reported before the start, and by September the lagging project is behind, the others done."""
    for unit in ALL_ORGANIZATIONS:
        plan = projects(unit, fiscal_year)
        year_end = []
        for position, project in enumerate(plan):
            months = project_progress(unit, fiscal_year, project, position)
            assert [m.month_index for m in months] == list(range(1, 13))
            for earlier, later in itertools.pairwise(months):
                assert earlier.percent <= later.percent
                assert earlier.disbursed <= later.disbursed
            assert all(Decimal(0) <= m.disbursed <= project.budget for m in months)
            assert all(m.disbursed == m.disbursed.quantize(Decimal("0.01")) for m in months)
            started = [m.month_index >= project.start_month for m in months]
            assert [m.status != "not_started" for m in months] == started, project.name
            assert all((m.status == "completed") == (m.percent == 100) for m in months)
            year_end.append(months[-1].status)
        assert year_end[-1] == "behind", unit.slug
        assert "completed" in year_end[:-1] or unit.slug == "ops", unit.slug


def test_a_months_procurement_lists_the_planned_contracts_and_small_purchases_by_date() -> None:
    cri = next(unit for unit in ALL_ORGANIZATIONS if unit.slug == "cri")
    december = month_procurements(cri, dt.date(2025, 12, 1))
    assert [(p.name, p.contract_date, p.planned_month) for p in december] == [
        ("จ้างเหมาบริการทำความสะอาดอาคารสำนักงาน", dt.date(2025, 12, 10), 3),
        ("จัดซื้อวัสดุสำนักงาน", dt.date(2025, 12, 13), 3),
        ("จัดซื้อวัสดุงานบ้านงานครัว", dt.date(2025, 12, 17), 0),
        ("จ้างเหมาทำป้ายประชาสัมพันธ์", dt.date(2025, 12, 23), 0),
    ]
    assert {p.name for p in december if p.planned_month} <= {p.name for p in procurements(cri, 2569)}
    assert month_procurements(cri, dt.date(2026, 4, 1)) == []
