"""The unit report of a round carries the unit's action plan at the cut-off: its facts, page, print and workbook."""

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
from django.test import Client
from django.urls import reverse

from prongsai.reports.documents import unit_report_xlsx
from prongsai.reports.documents.printing import unit_report_html
from prongsai.reports.models import Round
from prongsai.reports.prefill import unit_facts
from prongsai.reports.services import round_open, unit_report_start
from tests.plans.conftest import ReferencePlan
from tests.register.conftest import World
from tests.signin.verified import login_verified

BANGKOK = ZoneInfo("Asia/Bangkok")
OPENED = dt.datetime(2026, 3, 1, 9, 0, tzinfo=BANGKOK)
AFTER_SIX = dt.datetime(2026, 4, 10, 10, 0, tzinfo=BANGKOK)

SIX_MONTHS: dict[str, object] = {
    "fiscal_year": 2569,
    "title_th": "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569",
    "title_en": "Action plan 2569",
    "as_of": "2026-03-31",
    "budget": "2000000.00",
    "disbursed": "450000.00",
    "disbursed_percent": "22.50",
    "progress_percent": "26.50",
    "projects": 3,
    "completed": 0,
    "behind": 1,
    "not_reported": 1,
}


def _round(world: World, kind: str = "6", deadline: dt.date = dt.date(2026, 4, 30)) -> Round:
    return round_open(actor=world.person("ict_monitor"), fiscal_year=2569, kind=kind, deadline=deadline, now=OPENED)


def test_the_facts_hold_the_plan_rolled_up_at_the_rounds_cut_off(world: World, reference: ReferencePlan) -> None:
    six = _round(world)
    assert unit_facts(round=six, organization=world.unit_a, now=AFTER_SIX)["plans"] == SIX_MONTHS
    # Taken during the round, the figures stop at that day: on 1 March the March report did not count yet.
    early = unit_facts(round=six, organization=world.unit_a, now=dt.datetime(2026, 3, 1, 12, 0, tzinfo=BANGKOK))[
        "plans"
    ]
    assert early is not None
    # (1,000,000 × 20 + 250,000 × 30) / 2,000,000 = 13.75 %; 200,000 of 2,000,000 disbursed.
    assert (early["as_of"], early["progress_percent"], early["disbursed"], early["disbursed_percent"]) == (
        "2026-03-01", "13.75", "200000.00", "10.00",
    )  # fmt: skip
    twelve = _round(world, "12", dt.date(2026, 10, 31))
    late = unit_facts(round=twelve, organization=world.unit_a, now=dt.datetime(2026, 10, 5, tzinfo=BANGKOK))["plans"]
    changed = {
        "as_of": "2026-09-30",
        "disbursed": "1030000.00",
        "disbursed_percent": "51.50",
        "progress_percent": "57.50",
    }
    assert late == dict(SIX_MONTHS) | changed | {"completed": 1, "not_reported": 0}
    # A unit without a plan of the year.
    assert unit_facts(round=six, organization=world.unit_b, now=AFTER_SIX)["plans"] is None


def _started(world: World) -> Any:
    return unit_report_start(
        actor=world.person("reporter_a"), round=_round(world), organization=world.unit_a, now=AFTER_SIX
    )


def test_the_unit_reports_page_shows_the_plan(world: World, reference: ReferencePlan) -> None:
    _started(world)
    client = login_verified(Client(), world.person("reporter_a"))
    page = client.get(reverse("reports:unit_report", args=["2569-6", "unit-a"]))
    text = " ".join(page.content.decode().split())
    assert '<h2 id="plan">Action plan and its progress</h2>' in text
    assert "Action plan 2569 · fiscal year 2569, as of 31 March 2026" in text
    assert "<div><dt>Physical progress</dt><dd>26.50 %</dd></div>" in text
    assert "<div><dt>Disbursed</dt><dd>450,000.00 (22.50 %)</dd></div>" in text
    assert '<a href="/en/workspace/plans/unit-a/2569/">The plan today</a>' in text


def test_the_printed_report_and_its_workbook_carry_the_plan(world: World, reference: ReferencePlan) -> None:
    version = _started(world)
    html = " ".join(unit_report_html(version, language="th").split())
    assert (
        "<h2>แผนปฏิบัติราชการและผลการดำเนินงาน</h2> <table> <tbody> "
        "<tr><th>แผน</th><td>แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569</td></tr> "
        "<tr><th>ปีงบประมาณ</th><td>2569</td></tr> "
        "<tr><th>ข้อมูล ณ วันที่</th><td>31 มีนาคม 2569</td></tr> "
        "<tr><th>งบประมาณ (บาท)</th><td>2,000,000.00</td></tr> "
        "<tr><th>เบิกจ่ายแล้ว (บาท)</th><td>450,000.00</td></tr> "
        "<tr><th>เบิกจ่ายแล้ว (ร้อยละของงบประมาณ)</th><td>22.50 %</td></tr> "
        "<tr><th>ความก้าวหน้าของงาน (ถัวเฉลี่ยตามงบประมาณ)</th><td>26.50 %</td></tr> "
        "<tr><th>โครงการและกิจกรรม</th><td>3</td></tr> "
        "<tr><th>แล้วเสร็จ</th><td>0</td></tr> "
        "<tr><th>ล่าช้ากว่าแผน</th><td>1</td></tr> "
        "<tr><th>โครงการที่ยังไม่รายงานผล</th><td>1</td></tr> </tbody> </table>"
    ) in html
    workbook = openpyxl.load_workbook(io.BytesIO(unit_report_xlsx(version, language="en")))
    assert workbook.sheetnames == ["Summary", "Items", "Monitor", "Problems", "Channels", "Plan"]
    rows = [tuple(row) for row in workbook["Plan"].iter_rows(values_only=True)]
    assert rows == [
        ("Field", "Value"),
        ("Plan", "Action plan 2569"),
        ("Fiscal year", 2569),
        ("Figures as of", dt.datetime(2026, 3, 31)),
        ("Budget (baht)", 2000000),
        ("Disbursed (baht)", 450000),
        ("Share of the budget disbursed (%)", 22.5),
        ("Physical progress (weighted by budget)", 26.5),
        ("Projects and activities", 3),
        ("Completed", 0),
        ("Behind schedule", 1),
        ("Projects not yet reported", 1),
    ]
    assert workbook["Plan"]["B4"].number_format == "yyyy-mm-dd"


def test_a_unit_without_a_plan_says_so(world: World) -> None:
    version = unit_report_start(
        actor=world.person("reporter_a"), round=_round(world), organization=world.unit_a, now=AFTER_SIX
    )
    assert version.facts["plans"] is None
    html = unit_report_html(version, language="en")
    assert "<p>The unit keeps no action plan of this fiscal year in the system.</p>" in html
    workbook = openpyxl.load_workbook(io.BytesIO(unit_report_xlsx(version, language="th")))
    assert [tuple(row) for row in workbook["Plan"].iter_rows(values_only=True)] == [
        ("หัวข้อ", "ค่า"),
        ("แผน", "หน่วยงานไม่มีแผนปฏิบัติราชการของปีงบประมาณนี้ในระบบ"),
    ]
