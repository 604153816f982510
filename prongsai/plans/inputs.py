"""What a project and a progress report are made of before they are stored, and their checks.

The workspace forms, the plan workbook import and the demo build these inputs and run the same
checks; each problem is said in Thai and in English (prongsai.problems).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from prongsai.money import MAX_AMOUNT
from prongsai.problems import InvalidInput, Problem
from prongsai.thaidate import fiscal_year_bounds

from .models import ProgressStatus, Project

__all__ = ["InvalidInput", "Problem", "ProgressInput", "ProjectInput", "progress_problems", "project_problems"]


@dataclass(frozen=True)
class ProjectInput:
    name_th: str
    budget: Decimal | None
    start: dt.date
    end: dt.date
    division: str
    kind: str = Project.Kind.PROJECT
    name_en: str = ""
    budget_source: str = ""
    kpi: str = ""
    target: str = ""


@dataclass(frozen=True)
class ProgressInput:
    period: dt.date  # the first day of the month reported on
    as_of: dt.date
    progress_percent: Decimal | None
    disbursed: Decimal | None
    status: str
    note_th: str = ""
    note_en: str = ""


def project_problems(data: ProjectInput, *, fiscal_year: int) -> list[Problem]:
    """Return every problem of a project or activity of a plan for `fiscal_year` (BE)."""
    problems: list[Problem] = []
    if not data.name_th.strip():
        problems.append(Problem("name_th", "ต้องระบุชื่อโครงการ/กิจกรรม", "The project's Thai name is required."))
    if len(data.name_th) > 500 or len(data.name_en) > 500:
        problems.append(Problem("name_th", "ชื่อยาวเกิน 500 ตัวอักษร", "The name is longer than 500 characters."))
    if data.kind not in Project.Kind.values:
        problems.append(Problem("kind", "ประเภทต้องเป็นโครงการหรือกิจกรรม", "The kind must be project or activity."))
    if data.budget is None:
        problems.append(Problem("budget", "ต้องระบุงบประมาณ", "The budget is required."))
    elif data.budget < 0 or data.budget > MAX_AMOUNT:
        problems.append(Problem("budget", "งบประมาณไม่ถูกต้อง", "The budget must be between 0 and the largest amount."))
    if data.start > data.end:
        problems.append(Problem("end", "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น", "The end cannot be before the start."))
    first, last = fiscal_year_bounds(fiscal_year)
    if data.end < first or data.start > last:
        problems.append(
            Problem(
                "start",
                f"ระยะเวลาต้องอยู่ในปีงบประมาณ {fiscal_year}",
                f"The duration must overlap fiscal year {fiscal_year}.",
            )
        )
    if not data.division.strip():
        problems.append(Problem("division", "ต้องระบุหน่วยงานที่รับผิดชอบ", "The responsible division is required."))
    return problems


def progress_problems(data: ProgressInput, *, budget: Decimal, today: dt.date) -> list[Problem]:
    """Return every problem of a progress report on a project with `budget`."""
    problems: list[Problem] = []
    if data.period.day != 1:
        problems.append(Problem("period", "เดือนที่รายงานต้องเป็นวันที่ 1", "The reporting month must be its first day."))
    if data.as_of < data.period:
        problems.append(Problem("as_of", "วันที่ข้อมูลต้องไม่ก่อนเดือนที่รายงาน", "The as-of date cannot be before the month."))
    if data.as_of > today:
        problems.append(Problem("as_of", "วันที่ข้อมูลต้องไม่อยู่ในอนาคต", "The as-of date cannot be in the future."))
    if data.progress_percent is None or not 0 <= data.progress_percent <= 100:
        problems.append(
            Problem("progress_percent", "ความก้าวหน้าต้องอยู่ระหว่าง 0 ถึง 100", "Progress must be between 0 and 100 %.")
        )
    if data.disbursed is None or data.disbursed < 0:
        problems.append(Problem("disbursed", "ต้องระบุผลการเบิกจ่ายที่ไม่ติดลบ", "The amount disbursed is required."))
    elif data.disbursed > budget:
        problems.append(
            Problem("disbursed", "ผลการเบิกจ่ายต้องไม่เกินงบประมาณ", "The amount disbursed cannot exceed the budget.")
        )
    if data.status not in ProgressStatus.values:
        problems.append(Problem("status", "สถานะไม่ถูกต้อง", "The status is not one we know."))
    return problems
