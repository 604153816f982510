"""Our plan workbook as XLSX: the empty template units fill in, and a plan written out in the same layout.

Three sheets: projects (โครงการ), progress (ผลการดำเนินงาน) and how to fill them in (คำอธิบาย).
Each data sheet has a title row, a hint row, and the header row with each column's Thai and
English heading (workbook.PROJECTS, workbook.PROGRESS), so the import reads back exactly what
the template writes. Kinds and statuses come as drop-down lists. The bytes are stable: the same
template (or the same plan) gives the same file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from prongsai.rendering.xlsx import workbook_bytes

from .models import ActionPlan, ProgressStatus, Project
from .selectors import plan_projects
from .workbook import PROGRESS, PROJECTS, Layout, column_letter

__all__ = ["TEMPLATE_FILENAME", "plan_template_xlsx", "plan_workbook_xlsx"]

TEMPLATE_FILENAME = "prongsai-action-plan-template.xlsx"
# The template changes only with the code: stamp it with a fixed time so it always has the same bytes.
_TEMPLATE_STAMP = dt.datetime(2026, 1, 1)
_HEADER_ROW = 3
_FIRST_DATA_ROW = _HEADER_ROW + 1
_LAST_VALIDATED_ROW = 2000
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_KIND_LABELS = {Project.Kind.PROJECT: "โครงการ", Project.Kind.ACTIVITY: "กิจกรรม"}
_STATUS_LABELS = {
    ProgressStatus.NOT_STARTED: "ยังไม่เริ่ม",
    ProgressStatus.ON_SCHEDULE: "เป็นไปตามแผน",
    ProgressStatus.BEHIND: "ล่าช้า",
    ProgressStatus.COMPLETED: "แล้วเสร็จ",
    ProgressStatus.CANCELLED: "ยกเลิก",
}
_HINTS = {
    PROJECTS.key: (
        "กรอกหนึ่งแถวต่อหนึ่งโครงการ/กิจกรรม ใต้แถวหัวตาราง วันที่เป็น พ.ศ. หรือ ค.ศ. ก็ได้ (เช่น 1 ต.ค. 2568) "
        "/ One row per project or activity below the header row; dates in BE or CE (such as 1 ต.ค. 2568)."
    ),
    PROGRESS.key: (
        "กรอกหนึ่งแถวต่อหนึ่งโครงการต่อเดือน ผลการเบิกจ่ายเป็นยอดสะสมถึงวันที่ข้อมูล "
        "/ One row per project and month; the amount disbursed is the total to the as-of date."
    ),
}
_INSTRUCTIONS: Sequence[tuple[str, str]] = (
    ("แผ่นงาน โครงการ", "Sheet Projects"),
    ("แผนงาน: ชื่อแผนงานที่โครงการอยู่ภายใต้", "Programme: the programme the project sits under"),
    (
        "ประเภท: โครงการ หรือ กิจกรรม (ว่างไว้ = โครงการ)",
        "Kind: โครงการ (project) or กิจกรรม (activity); blank is a project",
    ),
    ("งบประมาณ: จำนวนเงินบาท เช่น 1,250,000.00", "Budget: baht, such as 1,250,000.00"),
    (
        "วันเริ่มต้น/วันสิ้นสุด: เช่น 1 ต.ค. 2568, 01/10/2568 หรือ 2025-10-01",
        "Start/end: such as 1 ต.ค. 2568, 01/10/2568 or 2025-10-01",
    ),
    ("แผ่นงาน ผลการดำเนินงาน", "Sheet Progress"),
    ("แผนงาน: ว่างได้ถ้าชื่อโครงการไม่ซ้ำกัน", "Programme: may be blank when the project's name is unique"),
    ("เดือนที่รายงาน: เช่น มี.ค. 2569 หรือ 2569-03", "Reporting month: such as มี.ค. 2569 or 2569-03"),
    ("ความก้าวหน้า: ร้อยละ 0 ถึง 100", "Progress: a percentage from 0 to 100"),
    ("เบิกจ่ายสะสม: ยอดเบิกจ่ายรวมถึงวันที่ข้อมูล ไม่เกินงบประมาณ", "Disbursed: the total to the as-of date, at most the budget"),
    ("สถานะ: " + " ".join(_STATUS_LABELS.values()), "Status: not started, on schedule, behind, completed, cancelled"),
    (
        "นำเข้าซ้ำได้: โครงการที่มีแผนงานและชื่อเดิมจะถูกปรับปรุง ไม่เพิ่มซ้ำ",
        "Importing again updates projects with the same programme and name; nothing is added twice",
    ),
)


def _data_sheet(workbook: Workbook, layout: Layout, title: str) -> Worksheet:
    sheet = workbook.create_sheet(layout.title_th)
    sheet["A1"] = title
    sheet["A1"].font = _TITLE
    sheet["A2"] = _HINTS[layout.key]
    for index, column in enumerate(layout.columns):
        cell = sheet.cell(row=_HEADER_ROW, column=index + 1, value=column.heading)
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[column_letter(index)].width = column.width
    sheet.freeze_panes = f"A{_FIRST_DATA_ROW}"
    return sheet


def _choices(sheet: Worksheet, layout: Layout, key: str, labels: Iterable[str]) -> None:
    index = next(i for i, column in enumerate(layout.columns) if column.key == key)
    letter = column_letter(index)
    listed = ",".join(labels)
    validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
    validation.add(f"{letter}{_FIRST_DATA_ROW}:{letter}{_LAST_VALIDATED_ROW}")
    sheet.add_data_validation(validation)


def _workbook(title_th: str) -> tuple[Workbook, Worksheet, Worksheet]:
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    projects = _data_sheet(workbook, PROJECTS, f"{title_th}: โครงการ/กิจกรรม")
    _choices(projects, PROJECTS, "kind", _KIND_LABELS.values())
    progress = _data_sheet(workbook, PROGRESS, f"{title_th}: ผลการดำเนินงาน")
    _choices(progress, PROGRESS, "status", _STATUS_LABELS.values())
    instructions = workbook.create_sheet("คำอธิบาย")
    instructions.append(["คำอธิบาย", "Instructions"])
    instructions["A1"].font = _BOLD
    instructions["B1"].font = _BOLD
    for thai, english in _INSTRUCTIONS:
        instructions.append([thai, english])
    instructions.column_dimensions["A"].width = 70
    instructions.column_dimensions["B"].width = 70
    return workbook, projects, progress


def plan_template_xlsx() -> bytes:
    """Return the empty plan workbook units fill in and import."""
    workbook, _projects, _progress = _workbook("แผนปฏิบัติราชการประจำปี")
    return workbook_bytes(workbook, stamped=_TEMPLATE_STAMP)


def _append(sheet: Worksheet, values: Sequence[object]) -> None:
    """Add a row; dates get a date format, amounts a money format, so the cells stay typed and readable."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        elif isinstance(cell.value, Decimal):
            cell.number_format = "#,##0.00"


def plan_workbook_xlsx(*, plan: ActionPlan) -> bytes:
    """Return a plan with its progress in the template's layout, to edit and import again (three queries)."""
    workbook, projects_sheet, progress_sheet = _workbook(plan.title_th)
    for programme, projects in plan_projects(plan=plan):
        for project in projects:
            _append(
                projects_sheet,
                [
                    programme.name_th,
                    _KIND_LABELS.get(Project.Kind(project.kind), project.kind),
                    project.name_th,
                    project.name_en,
                    project.budget,
                    project.budget_source,
                    project.start,
                    project.end,
                    project.division,
                    project.kpi,
                    project.target,
                ],
            )
            for report in project.progress.all():
                _append(
                    progress_sheet,
                    [
                        programme.name_th,
                        project.name_th,
                        report.period.strftime("%Y-%m"),
                        report.as_of,
                        report.progress_percent,
                        report.disbursed,
                        _STATUS_LABELS.get(ProgressStatus(report.status), report.status),
                        report.note_th,
                        report.note_en,
                    ],
                )
    return workbook_bytes(workbook, stamped=plan.updated_at)
