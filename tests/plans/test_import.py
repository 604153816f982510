"""Importing a plan workbook: a unit's own file and our template, all or nothing, every problem by row and column."""

import datetime as dt
import hashlib
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from prongsai.audit.models import AuditEvent
from prongsai.plans.importing import PlanImportRejected, PlanImportResult, plan_import
from prongsai.plans.models import ActionPlan, Programme, ProgressReport, Project
from prongsai.plans.rollup import Figures
from prongsai.plans.selectors import plan_figures, plan_for
from prongsai.plans.templates import plan_template_xlsx, plan_workbook_xlsx
from tests.plans.conftest import NOW, ReferencePlan
from tests.plans.workbooks import PROJECT_HEADER, TITLE_ROWS, UNIT_PROGRESS, UNIT_PROJECTS, Rows, unit_workbook, xlsx
from tests.register.conftest import World, events_after, last_sequence

D = Decimal
TWELVE = Figures(D("2000000.00"), D("1030000.00"), D("51.50"), D("57.50"), 3, 1, 1, 0)


def _import(
    world: World, content: bytes, *, unit: str = "unit_a", actor: str | None = "editor_a", fiscal_year: int = 2569
) -> PlanImportResult:
    return plan_import(
        actor=world.person(actor) if actor else None,
        organization=world.org(unit),
        fiscal_year=fiscal_year,
        content=content,
        filename="plan.xlsx",
        now=NOW,
    )


def _rejected(world: World, content: bytes, **kwargs: Any) -> list[str]:
    with pytest.raises(PlanImportRejected) as error:
        _import(world, content, **kwargs)
    return [problem.text("en") for problem in error.value.problems]


def _stored_projects() -> list[tuple[object, ...]]:
    return list(
        Project.objects.order_by("programme__position", "position").values_list(
            "programme__name_th", "position", "kind", "name_th", "budget", "start", "end", "division", "kpi"
        )
    )


def _stored_reports() -> list[tuple[object, ...]]:
    return list(
        ProgressReport.objects.order_by("project__programme__position", "project__position", "period").values_list(
            "project__name_th", "period", "as_of", "progress_percent", "disbursed", "status", "note_th", "recorded_by"
        )
    )


def test_a_units_own_workbook_is_imported(world: World) -> None:
    start = last_sequence()
    result = _import(world, unit_workbook())
    assert (result.plan_created, result.rows, result.programmes_created) == (True, 8, 2)
    assert (result.projects_created, result.projects_updated, result.projects_unchanged) == (3, 0, 0)
    assert (result.reports_created, result.reports_updated, result.reports_unchanged) == (5, 0, 0)
    plan = ActionPlan.objects.get()
    assert (plan.organization_id, plan.fiscal_year, plan.title_th, plan.title_en) == (
        world.unit_a.pk, 2569, "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569", "Annual action plan, fiscal year 2569",
    )  # fmt: skip
    assert _stored_projects() == [
        ("แผนงานพื้นฐาน", 1, "project", "โครงการอบรมเกษตรกร", D("1000000.00"), dt.date(2025, 10, 1),
         dt.date(2026, 9, 30), "กลุ่มส่งเสริม", "เกษตรกรผ่านการอบรม"),
        ("แผนงานพื้นฐาน", 2, "activity", "กิจกรรมประชาสัมพันธ์", D("250000.00"), dt.date(2025, 10, 1),
         dt.date(2026, 9, 30), "ฝ่ายบริหาร", ""),
        ("แผนงานยุทธศาสตร์", 1, "project", "โครงการจัดซื้อเครื่องมือ", D("750000.00"), dt.date(2026, 1, 1),
         dt.date(2026, 8, 31), "กลุ่มส่งเสริม", ""),
    ]  # fmt: skip
    editor = world.person("editor_a").pk
    day = dt.date
    assert _stored_reports() == [
        ("โครงการอบรมเกษตรกร", day(2025, 12, 1), day(2025, 12, 31), D("20.00"), D("150000.00"), "on_schedule", "",
         editor),
        ("โครงการอบรมเกษตรกร", day(2026, 3, 1), day(2026, 3, 31), D("45.50"), D("400000.00"), "on_schedule", "ตามแผน",
         editor),
        ("โครงการอบรมเกษตรกร", day(2026, 9, 1), day(2026, 9, 30), D("100.00"), D("980000.00"), "completed", "", editor),
        ("กิจกรรมประชาสัมพันธ์", day(2026, 2, 1), day(2026, 2, 28), D("30.00"), D("50000.00"), "behind", "", editor),
        ("โครงการจัดซื้อเครื่องมือ", day(2026, 4, 1), day(2026, 4, 10), D("10.00"), D("0.00"), "on_schedule", "",
         editor),
    ]  # fmt: skip
    # The same figures as the plan entered through the forms (tests/plans/conftest.py).
    assert plan_figures(plan=plan, as_of=dt.date(2026, 9, 30)).total == TWELVE
    [event] = events_after(start)
    assert (event.action, event.actor_label, event.object_id) == ("plan.import", "editor_a", str(plan.pk))
    assert event.data == {
        "unit": "unit-a", "fiscal_year": 2569, "filename": "plan.xlsx",
        "sha256": hashlib.sha256(unit_workbook()).hexdigest(),
        "plan_created": True, "rows": 8, "programmes_created": 2, "projects_created": 3, "projects_updated": 0,
        "projects_unchanged": 0, "reports_created": 5, "reports_updated": 0, "reports_unchanged": 0,
    }  # fmt: skip


def test_importing_the_same_file_again_adds_nothing(world: World) -> None:
    _import(world, unit_workbook())
    before = (_stored_projects(), _stored_reports())
    again = _import(world, unit_workbook())
    assert (again.plan_created, again.programmes_created, again.projects_created, again.projects_updated) == (
        False,
        0,
        0,
        0,
    )
    assert (again.projects_unchanged, again.reports_created, again.reports_updated, again.reports_unchanged) == (
        3,
        0,
        0,
        5,
    )
    assert (_stored_projects(), _stored_reports()) == before
    assert (Programme.objects.count(), Project.objects.count(), ProgressReport.objects.count()) == (2, 3, 5)


def test_an_amended_file_updates_what_it_changes_and_keeps_the_rest(world: World, reference: ReferencePlan) -> None:
    projects: Rows = [list(row) for row in UNIT_PROJECTS]
    projects[3][4] = "1,100,000.00"  # the training project's budget
    projects[3][2] = "โครงการอบรม  เกษตรกร"  # spacing does not make it another project
    progress: Rows = [UNIT_PROGRESS[0], ["โครงการอบรมเกษตรกร", "มี.ค. 69", "31/03/2569", "47", 410000, "ล่าช้า", "ปรับ"]]
    result = _import(world, xlsx({"โครงการ": projects, "ผลการดำเนินงาน": progress}))
    assert (result.projects_created, result.projects_updated, result.projects_unchanged) == (0, 1, 2)
    assert (result.reports_created, result.reports_updated, result.reports_unchanged) == (0, 1, 0)
    training = Project.objects.get(pk=reference.training.pk)
    # The file's spelling of the name is kept.
    assert (training.budget, training.name_th, training.kpi) == (
        D("1100000.00"),
        "โครงการอบรม เกษตรกร",
        "เกษตรกรผ่านการอบรม",
    )
    march = ProgressReport.objects.get(project=training, period=dt.date(2026, 3, 1))
    assert (march.progress_percent, march.disbursed, march.status, march.note_th) == (
        D("47.00"),
        D("410000.00"),
        "behind",
        "ปรับ",
    )
    # The reports the file does not mention stay; the publicity project's target column was not in the file.
    assert ProgressReport.objects.count() == 5
    assert Project.objects.get(pk=reference.training.pk).target == "500 คน"


def test_our_own_workbook_of_a_plan_imports_back_unchanged(world: World, reference: ReferencePlan) -> None:
    content = plan_workbook_xlsx(plan=reference.plan)
    again = _import(world, content)
    assert (again.projects_unchanged, again.reports_unchanged, again.projects_updated, again.reports_updated) == (
        3,
        5,
        0,
        0,
    )
    # Into another unit it makes the same plan.
    copy = _import(world, content, unit="unit_b", actor="editor_b")
    assert (copy.projects_created, copy.reports_created) == (3, 5)
    other = plan_for(organization=world.unit_b, fiscal_year=2569)
    assert other is not None
    assert plan_figures(plan=other, as_of=dt.date(2026, 9, 30)).total == TWELVE


def test_the_empty_template_has_its_three_sheets_and_always_the_same_bytes() -> None:
    content = plan_template_xlsx()
    assert content == plan_template_xlsx()
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["โครงการ", "ผลการดำเนินงาน", "คำอธิบาย"]
    projects = workbook["โครงการ"]
    assert [cell.value for cell in projects[3]] == [
        "แผนงาน\nProgramme", "ประเภท\nKind", "ชื่อโครงการ/กิจกรรม\nName (Thai)", "ชื่อภาษาอังกฤษ\nName (English)",
        "งบประมาณ (บาท)\nBudget (baht)", "แหล่งงบประมาณ\nSource of funds", "วันเริ่มต้น\nStart", "วันสิ้นสุด\nEnd",
        "หน่วยงานที่รับผิดชอบ\nResponsible division", "ตัวชี้วัด\nIndicator (KPI)", "ค่าเป้าหมาย\nTarget",
    ]  # fmt: skip
    assert [cell.value for cell in workbook["ผลการดำเนินงาน"][3]] == [
        "แผนงาน\nProgramme", "ชื่อโครงการ/กิจกรรม\nProject or activity", "เดือนที่รายงาน\nReporting month",
        "ข้อมูล ณ วันที่\nAs of", "ความก้าวหน้า (ร้อยละ)\nProgress (%)", "เบิกจ่ายสะสม (บาท)\nDisbursed to date (baht)",
        "สถานะ\nStatus", "หมายเหตุ\nNotes", "หมายเหตุภาษาอังกฤษ\nNotes (English)",
    ]  # fmt: skip
    assert projects.freeze_panes == "A4"
    [kinds] = projects.data_validations.dataValidation
    assert (kinds.formula1, str(kinds.sqref)) == ('"โครงการ,กิจกรรม"', "B4:B2000")
    [statuses] = workbook["ผลการดำเนินงาน"].data_validations.dataValidation
    assert statuses.formula1 == '"ยังไม่เริ่ม,เป็นไปตามแผน,ล่าช้า,แล้วเสร็จ,ยกเลิก"'
    assert projects.max_row == 3


def test_the_template_filled_in_imports(world: World) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(plan_template_xlsx()))
    workbook["โครงการ"].append(
        [
            "แผนงานหลัก",
            "กิจกรรม",
            "กิจกรรมรณรงค์",
            "Campaign",
            12345.67,
            "งบดำเนินงาน",
            "1 พ.ย. 2568",
            "31 ม.ค. 2569",
            "ฝ่ายบริหาร",
            "",
            "",
        ]
    )
    workbook["ผลการดำเนินงาน"].append(
        ["", "กิจกรรมรณรงค์", "ธันวาคม", "20 ธ.ค. 2568", 50, "6,000.00", "เป็นไปตามแผน", "", "Halfway"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = _import(world, buffer.getvalue())
    assert (result.projects_created, result.reports_created) == (1, 1)
    project = Project.objects.get()
    assert (project.kind, project.name_en, project.budget, project.start, project.end) == (
        "activity", "Campaign", D("12345.67"), dt.date(2025, 11, 1), dt.date(2026, 1, 31),
    )  # fmt: skip
    report = ProgressReport.objects.get()
    assert (report.period, report.disbursed, report.note_th, report.note_en) == (
        dt.date(2025, 12, 1),
        D("6000.00"),
        "",
        "Halfway",
    )


# --- refusals: each case named; nothing is stored ---------------------------------------------------------------------

BAD_PROJECTS: Rows = [
    *TITLE_ROWS,
    PROJECT_HEADER,
    # 4: an amount in words
    [1, "แผนงานพื้นฐาน", "โครงการอบรมเกษตรกร", "โครงการ", "หนึ่งล้าน", "๑ ต.ค. ๒๕๖๘", "30/09/2569", "กลุ่มส่งเสริม", None],
    # 5: no programme, an unknown kind, 31 February, no division
    [2, None, "กิจกรรมประชาสัมพันธ์", "แผนงาน", 250000, "31 ก.พ. 2569", "2026-09-30", "", None],
    # 6: the next fiscal year
    [3, "แผนงานยุทธศาสตร์", "โครงการจัดซื้อเครื่องมือ", None, 750000, "1 ต.ค. 2569", "30 ก.ย. 2570", "กลุ่มส่งเสริม", None],
    # 7: ends before it starts; a division name of 301 characters
    [4, "แผนงานยุทธศาสตร์", "โครงการสร้างอาคาร", None, 500000, "1 มี.ค. 2569", "1 ก.พ. 2569", "ก" * 301, None],
    # 8: row 4 again
    [5, "แผนงานพื้นฐาน", "โครงการอบรมเกษตรกร", None, 1, "1 ต.ค. 2568", "2 ต.ค. 2568", "กอง", None],
]  # fmt: skip
BAD_PROGRESS: Rows = [
    ["แผนงาน", "ชื่อโครงการ", "เดือน", "ณ วันที่", "ร้อยละความก้าวหน้า", "ผลการเบิกจ่ายสะสม", "สถานะ"],
    # 2: a project neither sheet nor plan has
    [None, "โครงการที่ไม่มี", "มี.ค. 69", "31/03/2569", 10, 0, "ล่าช้า"],
    # 3: (found by its name alone) no such month, above 100 %, more than the 250,000 budget, an unknown status
    [None, "กิจกรรมประชาสัมพันธ์", "สิบสาม", "31/03/2569", "120", 300000, "ดี"],
    # 4: a month of the next fiscal year
    ["แผนงานพื้นฐาน", "โครงการอบรมเกษตรกร", "ต.ค. 2569", "1 ต.ค. 2569", 10, 1000, "เป็นไปตามแผน"],
    # 5: as of a day after the import (5 October 2026)
    ["แผนงานพื้นฐาน", "โครงการอบรมเกษตรกร", "มี.ค. 69", "15 ต.ค. 2569", 10, 1000, "เป็นไปตามแผน"],
    # 6: the same month as row 5, as of a day before the month
    ["แผนงานพื้นฐาน", "โครงการอบรมเกษตรกร", "มี.ค. 69", "28 ก.พ. 2569", 10, 1000, "เป็นไปตามแผน"],
    # 7: no month, no progress, no amount
    [None, "โครงการจัดซื้อเครื่องมือ", None, "31/03/2569", None, None, "เป็นไปตามแผน"],
]
STATUS_WORDS = (
    "The status must be ยังไม่เริ่ม, เป็นไปตามแผน, ล่าช้า, แล้วเสร็จ or ยกเลิก "
    "(not started, on schedule, behind, completed, cancelled)."
)


def test_a_file_with_bad_rows_is_refused_with_every_problem_by_row_and_column(world: World) -> None:
    start = last_sequence()
    problems = _rejected(world, xlsx({"โครงการ": BAD_PROJECTS, "ผลการดำเนินงาน": BAD_PROGRESS}))
    projects, progress = "sheet โครงการ", "sheet ผลการดำเนินงาน"
    assert problems == [
        f"{projects}, row 4, column E (งบประมาณ (บาท)): This is not an amount of baht.",
        f"{projects}, row 5, column B (แผนงาน): This cell must be filled in.",
        f"{projects}, row 5, column D (ประเภท): The kind must be โครงการ (project) or กิจกรรม (activity).",
        f"{projects}, row 5, column F (วันเริ่มต้น): This is not a date (such as 15 มี.ค. 2569 or 15/03/2569).",
        f"{projects}, row 5, column H (หน่วยงานที่รับผิดชอบ): This cell must be filled in.",
        f"{projects}, row 6, column F (วันเริ่มต้น): The duration must overlap fiscal year 2569.",
        f"{projects}, row 7, column G (วันสิ้นสุด): The end cannot be before the start.",
        f"{projects}, row 7, column H (หน่วยงานที่รับผิดชอบ): The text is longer than 300 characters.",
        f"{projects}, row 8, column C (ชื่อโครงการ/กิจกรรม): This project repeats row 4 (the same programme and name).",
        f"{progress}, row 2, column B (ชื่อโครงการ): "
        "No project of this name, in the projects sheet or in the stored plan.",
        f"{progress}, row 3, column C (เดือน): This is not a month (such as มี.ค. 2569 or 2569-03).",
        f"{progress}, row 3, column E (ร้อยละความก้าวหน้า): Progress must be between 0 and 100 %.",
        f"{progress}, row 3, column F (ผลการเบิกจ่ายสะสม): The amount disbursed cannot exceed the budget.",
        f"{progress}, row 3, column G (สถานะ): {STATUS_WORDS}",
        f"{progress}, row 4, column C (เดือน): The reporting month must be in fiscal year 2569.",
        f"{progress}, row 5, column D (ณ วันที่): The as-of date cannot be in the future.",
        f"{progress}, row 6, column C (เดือน): This project's report of this month repeats row 5.",
        f"{progress}, row 6, column D (ณ วันที่): The as-of date cannot be before the month.",
        f"{progress}, row 7, column C (เดือน): This cell must be filled in.",
        f"{progress}, row 7, column E (ร้อยละความก้าวหน้า): This cell must be filled in.",
        f"{progress}, row 7, column F (ผลการเบิกจ่ายสะสม): This cell must be filled in.",
    ]
    assert (ActionPlan.objects.count(), Programme.objects.count(), Project.objects.count()) == (0, 0, 0)
    assert events_after(start) == []


def test_the_problems_are_said_in_thai(world: World) -> None:
    with pytest.raises(PlanImportRejected) as error:
        _import(world, xlsx({"โครงการ": BAD_PROJECTS[:4]}))
    assert [p.text("th") for p in error.value.problems] == [
        "แผ่นงาน โครงการ แถว 4 คอลัมน์ E (งบประมาณ (บาท)): ไม่ใช่จำนวนเงินบาท"
    ]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("not_a_workbook", "ชื่อ,งบประมาณ\n".encode(), ["The file is not an Excel workbook (.xlsx)."]),
        (
            "no_header_row",
            xlsx({"Sheet1": [["สวัสดี"], ["ข้อมูล", 1, 2]]}),
            [
                "No sheet has the header row of projects or of progress (such as แผนงาน, ชื่อโครงการ/กิจกรรม, "
                "งบประมาณ, วันเริ่มต้น, วันสิ้นสุด, หน่วยงานที่รับผิดชอบ)."
            ],
        ),
        (
            "header_lacks_a_required_column",
            xlsx({"Sheet1": [["แผนงาน", "ชื่อโครงการ", "งบประมาณ", "วันเริ่มต้น", "วันสิ้นสุด"], ["ก", "ข", 1, None, None]]}),
            [
                "No sheet has the header row of projects or of progress (such as แผนงาน, ชื่อโครงการ/กิจกรรม, "
                "งบประมาณ, วันเริ่มต้น, วันสิ้นสุด, หน่วยงานที่รับผิดชอบ)."
            ],
        ),
        (
            "two_projects_sheets",
            xlsx({"ก": [PROJECT_HEADER], "ข": [[], PROJECT_HEADER]}),
            ["sheet ข, row 2: There is more than one projects sheet (the first is ก)."],
        ),
    ],
)
def test_a_file_we_cannot_read_is_refused(world: World, name: str, content: bytes, expected: list[str]) -> None:
    assert _rejected(world, content) == expected, name
    assert not ActionPlan.objects.exists()


def test_a_project_name_in_two_programmes_needs_its_programme(world: World, reference: ReferencePlan) -> None:
    projects: Rows = [
        *TITLE_ROWS,
        PROJECT_HEADER,
        [1, "แผนงานยุทธศาสตร์", "โครงการอบรมเกษตรกร", None, 10, "1 ต.ค. 2568", "2 ต.ค. 2568", "กอง", None],
    ]
    progress: Rows = [
        ["ชื่อโครงการ", "เดือน", "ณ วันที่", "ร้อยละความก้าวหน้า", "ผลการเบิกจ่ายสะสม", "สถานะ"],
        ["โครงการอบรมเกษตรกร", "ต.ค. 68", "2 ต.ค. 2568", 100, 10, "แล้วเสร็จ"],
    ]
    assert _rejected(world, xlsx({"p": projects, "r": progress})) == [
        "sheet r, row 2, column A (ชื่อโครงการ): Several programmes have a project of this name: give the programme."
    ]
    named: Rows = [["แผนงาน", *progress[0]], ["แผนงานยุทธศาสตร์", *progress[1]]]
    result = _import(world, xlsx({"p": projects, "r": named}))
    assert (result.projects_created, result.reports_created) == (1, 1)


def test_a_budget_below_what_stored_reports_disbursed_is_refused_unless_the_file_replaces_them(
    world: World, reference: ReferencePlan
) -> None:
    projects: Rows = [list(row) for row in UNIT_PROJECTS]
    projects[3][4] = "900,000.00"  # the September report says 980,000 disbursed
    assert _rejected(world, xlsx({"โครงการ": projects})) == [
        "sheet โครงการ, row 4, column E (งบประมาณ (บาท)): "
        "The budget cannot be less than the amount already reported as disbursed."
    ]
    progress: Rows = [
        UNIT_PROGRESS[0],
        ["โครงการอบรมเกษตรกร", "ก.ย. 69", "30 ก.ย. 2569", 100, "890,000", "แล้วเสร็จ", None],
    ]
    result = _import(world, xlsx({"โครงการ": projects, "ผลการดำเนินงาน": progress}))
    assert (result.projects_updated, result.reports_updated) == (1, 1)


def test_only_the_units_editors_import_and_the_year_is_buddhist(world: World) -> None:
    with pytest.raises(PermissionDenied):
        _import(world, unit_workbook(), actor="editor_b")
    assert _rejected(world, unit_workbook(), fiscal_year=2026) == [
        "The fiscal year must be a Buddhist-era year from 2500 to 2700."
    ]
    assert not ActionPlan.objects.exists()


# --- the command ------------------------------------------------------------------------------------------------------


def test_the_import_command_stores_and_counts(world: World, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(unit_workbook())
    out = io.StringIO()
    call_command("plans", "import", "--unit", "unit-a", "--fiscal-year", "๒๕๖๙", str(path), stdout=out)
    assert out.getvalue().strip() == (
        "นำเข้าแผนปีงบประมาณ 2569 ของ unit-a แล้ว: 8 แถว โครงการใหม่ 3 ปรับปรุง 0 คงเดิม 0 รายงานผลใหม่ 5 ปรับปรุง 0 คงเดิม 0 / "
        "imported the 2569 plan of unit-a: 8 rows; projects 3 new, 0 updated, 0 unchanged; "
        "reports 5 new, 0 updated, 0 unchanged"
    )
    event = AuditEvent.objects.get(action="plan.import")
    assert (event.actor_id, event.actor_label) == (None, "manage.py plans import")
    assert ProgressReport.objects.filter(recorded_by__isnull=True).count() == 5


def test_the_import_command_lists_every_problem_and_stores_nothing(world: World, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx({"โครงการ": BAD_PROJECTS[:5]}))
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("plans", "import", "--unit", "unit-a", "--fiscal-year", "2569", str(path), stderr=err)
    assert (
        str(error.value) == "ไม่ได้นำเข้า: พบปัญหา 5 รายการ ไม่มีการบันทึกข้อมูลใด / nothing imported: 5 problems, nothing stored"
    )
    lines = err.getvalue().splitlines()
    assert len(lines) == 5
    assert lines[0] == (
        "แผ่นงาน โครงการ แถว 4 คอลัมน์ E (งบประมาณ (บาท)): ไม่ใช่จำนวนเงินบาท / "
        "sheet โครงการ, row 4, column E (งบประมาณ (บาท)): This is not an amount of baht."
    )
    assert not ActionPlan.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--unit", "nowhere", "--fiscal-year", "2569"], "ไม่พบหน่วยงาน nowhere / no unit named nowhere"),
        (
            ["--unit", "unit-a", "--fiscal-year", "ปีนี้"],
            "ปีงบประมาณ ปีนี้ ไม่ถูกต้อง ใช้ปี พ.ศ. เช่น 2569 / ปีนี้ is not a fiscal year: write it like 2569",
        ),
        (["--unit", "unit-a", "--fiscal-year", "2569", "--actor", "ghost"], "ไม่พบผู้ใช้ ghost / no active user ghost"),
        (
            ["--unit", "unit-a", "--fiscal-year", "2569", "--actor", "editor_b"],
            "editor_b แก้ไขแผนของหน่วยงาน unit-a ไม่ได้ / editor_b may not edit the plans of unit-a",
        ),
    ],
)
def test_the_import_command_refuses_bad_arguments(
    world: World, tmp_path: Path, arguments: list[str], message: str
) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(unit_workbook())
    with pytest.raises(CommandError) as error:
        call_command("plans", "import", *arguments, str(path))
    assert str(error.value) == message


def test_the_template_and_export_commands_write_their_workbooks(
    world: World, reference: ReferencePlan, tmp_path: Path
) -> None:
    template = tmp_path / "template.xlsx"
    out = io.StringIO()
    call_command("plans", "template", "--out", str(template), stdout=out)
    assert template.read_bytes() == plan_template_xlsx()
    size = len(plan_template_xlsx())
    assert out.getvalue().strip() == f"เขียน {template} แล้ว ({size} ไบต์) / wrote {template} ({size} bytes)"
    export = tmp_path / "plan.xlsx"
    call_command(
        "plans", "export", "--unit", "unit-a", "--fiscal-year", "2569", "--out", str(export), stdout=io.StringIO()
    )
    workbook = openpyxl.load_workbook(export)
    first, last = dt.datetime(2025, 10, 1), dt.datetime(2026, 9, 30)
    assert [tuple(c.value for c in row) for row in workbook["โครงการ"].iter_rows(min_row=4)] == [
        ("แผนงานพื้นฐาน", "โครงการ", "โครงการอบรมเกษตรกร", None, 1000000, None, first, last,
         "กลุ่มส่งเสริม", "เกษตรกรผ่านการอบรม", "500 คน"),
        ("แผนงานพื้นฐาน", "กิจกรรม", "กิจกรรมประชาสัมพันธ์", None, 250000, None, first, last,
         "ฝ่ายบริหาร", None, None),
        ("แผนงานยุทธศาสตร์", "โครงการ", "โครงการจัดซื้อเครื่องมือ", None, 750000, None, dt.datetime(2026, 1, 1),
         dt.datetime(2026, 8, 31), "กลุ่มส่งเสริม", None, None),
    ]  # fmt: skip
    assert [tuple(c.value for c in row)[:7] for row in workbook["ผลการดำเนินงาน"].iter_rows(min_row=4)] == [
        ("แผนงานพื้นฐาน", "โครงการอบรมเกษตรกร", "2025-12", dt.datetime(2025, 12, 31), 20, 150000, "เป็นไปตามแผน"),
        ("แผนงานพื้นฐาน", "โครงการอบรมเกษตรกร", "2026-03", dt.datetime(2026, 3, 31), 45.5, 400000, "เป็นไปตามแผน"),
        ("แผนงานพื้นฐาน", "โครงการอบรมเกษตรกร", "2026-09", dt.datetime(2026, 9, 30), 100, 980000, "แล้วเสร็จ"),
        ("แผนงานพื้นฐาน", "กิจกรรมประชาสัมพันธ์", "2026-02", dt.datetime(2026, 2, 28), 30, 50000, "ล่าช้า"),
        ("แผนงานยุทธศาสตร์", "โครงการจัดซื้อเครื่องมือ", "2026-04", dt.datetime(2026, 4, 10), 10, 0, "เป็นไปตามแผน"),
    ]
    with pytest.raises(CommandError, match="unit-b ไม่มีแผนปีงบประมาณ 2569 / unit-b has no plan for 2569"):
        call_command("plans", "export", "--unit", "unit-b", "--fiscal-year", "2569", "--out", str(export))
