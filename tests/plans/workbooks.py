"""Workbooks for the import tests, written cell by cell the way units write them."""

import datetime as dt

from openpyxl import Workbook

from prongsai.rendering.xlsx import workbook_bytes

Rows = list[list[object]]

PROJECT_HEADER: list[object] = [
    "ลำดับ", "แผนงาน", "ชื่อโครงการ/กิจกรรม", "ประเภท", "งบประมาณ (บาท)", "วันเริ่มต้น", "วันสิ้นสุด",
    "หน่วยงานที่รับผิดชอบ", "ตัวชี้วัด",
]  # fmt: skip
TITLE_ROWS: Rows = [["แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. ๒๕๖๙ กองเกษตร"], []]

# The reference plan (tests/plans/conftest.py) as a unit keeps it: title rows, Thai digits, BE and CE dates,
# amounts with commas and บาท, a blank row, months written in several ways, its own headings.
UNIT_PROJECTS: Rows = [
    *TITLE_ROWS,
    PROJECT_HEADER,
    [1, "แผนงานพื้นฐาน", "โครงการอบรมเกษตรกร", "โครงการ", "1,000,000.00 บาท", "๑ ต.ค. ๒๕๖๘", "30/09/2569", "กลุ่มส่งเสริม",
     "เกษตรกรผ่านการอบรม"],
    [2, "แผนงานพื้นฐาน", "กิจกรรมประชาสัมพันธ์", "กิจกรรม", 250000, dt.datetime(2025, 10, 1), "2026-09-30", "ฝ่ายบริหาร",
     None],
    [],
    [3, "แผนงานยุทธศาสตร์", "โครงการจัดซื้อเครื่องมือ", None, "750,000", "1 ม.ค. 69", "31 ส.ค. 2569", "กลุ่มส่งเสริม", ""],
]  # fmt: skip
UNIT_PROGRESS: Rows = [
    ["ชื่อโครงการ", "เดือน", "ณ วันที่", "ร้อยละความก้าวหน้า", "ผลการเบิกจ่ายสะสม", "สถานะ", "หมายเหตุ"],
    ["โครงการอบรมเกษตรกร", "ธ.ค. 68", "31 ธ.ค. 2568", 20, "150,000.00", "เป็นไปตามแผน", None],
    ["โครงการอบรมเกษตรกร", "มี.ค. 69", "31/03/2569", "45.5%", 400000, "เป็นไปตามแผน", "ตามแผน"],
    ["โครงการอบรมเกษตรกร", "2569-09", "30 ก.ย. 2569", 100, "980,000.00 บาท", "แล้วเสร็จ", None],
    ["กิจกรรมประชาสัมพันธ์", "กุมภาพันธ์", "28 ก.พ. 2569", "30", "50,000", "ล่าช้า", None],
    ["โครงการจัดซื้อเครื่องมือ", "04/2569", "10 เม.ย. 2569", 10, 0, "เป็นไปตามแผน", None],
]


def xlsx(sheets: dict[str, Rows]) -> bytes:
    """Write the sheets (name → rows) as an XLSX file, the same bytes every time (its times fixed)."""
    workbook = Workbook()
    default = workbook.active
    workbook.remove(default)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    return workbook_bytes(workbook, stamped=dt.datetime(2026, 1, 1))


def unit_workbook() -> bytes:
    return xlsx({"โครงการ": UNIT_PROJECTS, "ผลการดำเนินงาน": UNIT_PROGRESS})
