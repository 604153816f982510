"""The holdout farm's wording: a second, independently written way units phrase their transparency pages.

The main farm (`wording.py`) is what a classifier may be looked at against while it is developed; this
set is only ever scored, never read for tuning. Its labels come from other habits of agency sites:
long formal names and short colloquial ones, OIT indicator codes in front of labels, English-only
sections, Thai digits throughout and common-era years. Anything not bearing on whether an item is
present (people, provinces, purchases) is shared with the main set.
"""

import datetime as dt
import random

from prongsai.thaidate import format_english_date, format_thai_date, thai_digits, to_be_year
from prongsai.thaidate.months import THAI_MONTHS, THAI_MONTHS_ABBR

from .wording import (
    DIVISIONS,
    FIRST_NAMES,
    LAST_NAMES,
    METHODS,
    PROJECTS,
    PROVINCES,
    PURCHASES,
    UNIT_KINDS,
    VENDORS,
    ItemWording,
    person,
)

__all__ = [
    "DIVISIONS",
    "ENGLISH_BODIES",
    "FIRST_NAMES",
    "HUB_TITLES",
    "ITEMS",
    "LAST_NAMES",
    "METHODS",
    "NEWS_TOPICS",
    "NOISE_DOCUMENTS",
    "PASSING_MENTIONS",
    "PLACEHOLDERS_TH",
    "PROJECTS",
    "PROVINCES",
    "PURCHASES",
    "SECTIONS_EN",
    "SECTIONS_TH",
    "UNIT_KINDS",
    "VENDORS",
    "as_of_line",
    "month_label",
    "person",
    "written_date",
]

SECTIONS_TH = {
    "about": "ข้อมูลหน่วยงาน",
    "news": "ประชาสัมพันธ์",
    "plans": "ยุทธศาสตร์และแผนงาน",
    "procurement": "ประกาศจัดซื้อ-จัดจ้าง",
    "manuals": "มาตรฐานงาน",
    "contact": "บริการประชาชน",
}
SECTIONS_EN = {
    "about": "Who we are",
    "news": "Media",
    "plans": "Strategy",
    "procurement": "Tenders",
    "manuals": "Standards",
    "contact": "Services",
}
HUB_TITLES = {
    "ita-2566": "ITA | ข้อมูลเปิดเผยต่อสาธารณะ ประจำปี 2566",
    "ita-2568": "ศูนย์ข้อมูลข่าวสาร OIT",
}

ITEMS: dict[str, ItemWording] = {
    "5.1.1.1": ItemWording(
        ("ผังโครงสร้างหน่วยงาน", "โครงสร้างการบริหารงาน", "แผนภูมิองค์กร", "โครงสร้างและอัตรากำลัง"),
        ("Organisation structure", "Organizational chart"),
        ("page", "pdf"),
        "about",
    ),
    "5.1.1.2": ItemWording(
        ("รายนามผู้บริหาร", "ผู้บริหารสำนักงาน", "ทำเนียบผู้บริหาร", "คณะผู้บริหารและหัวหน้าส่วน"),
        ("Our executives", "Executive team"),
        ("page",),
        "about",
    ),
    "5.1.1.3": ItemWording(
        ("ภารกิจ/อำนาจหน้าที่", "อำนาจหน้าที่ตามกฎหมาย", "หน้าที่ความรับผิดชอบ", "ภารกิจหลักของสำนักงาน"),
        ("Mandate", "Roles and responsibilities"),
        ("page", "pdf"),
        "about",
    ),
    "5.1.1.4": ItemWording(
        ("แผนยุทธศาสตร์ 5 ปี", "แผนพัฒนาองค์กร", "แผนกลยุทธ์ของสำนักงาน", "ยุทธศาสตร์การพัฒนาหน่วยงาน"),
        ("Five-year plan", "Corporate strategy"),
        ("pdf", "docx"),
        "plans",
    ),
    "5.1.1.5": ItemWording(
        ("ติดต่อสอบถาม", "ช่องทางการติดต่อ", "ที่ตั้งและแผนที่", "ติดต่อเจ้าหน้าที่"),
        ("Contact", "Get in touch"),
        ("page",),
        "contact",
    ),
    "5.1.1.6": ItemWording(
        ("ระเบียบ/กฎหมาย", "กฎหมายและหนังสือเวียน", "ข้อกฎหมายที่ใช้ในการปฏิบัติงาน", "คลังกฎหมาย"),
        ("Legislation", "Regulations"),
        ("page",),
        "about",
    ),
    "5.1.2": ItemWording(
        ("ข่าวสารและกิจกรรม", "ข่าวหน่วยงาน", "ภาพข่าวกิจกรรม", "ข่าวประจำสัปดาห์"),
        ("Latest news", "News and events"),
        ("news",),
        "news",
    ),
    "5.1.3": ItemWording(
        ("ประกาศเจตจำนงการบริหารงานอย่างซื่อสัตย์สุจริต", "เจตจำนงสุจริตในการบริหารงาน", "การแสดงเจตจำนงสุจริตของผู้บริหาร"),
        ("Integrity statement", "Statement of integrity"),
        ("pdf", "page"),
        "about",
    ),
    "5.1.4": ItemWording(
        ("แผนปฏิบัติการประจำปี", "แผนการดำเนินงานประจำปี", "แผนปฏิบัติราชการ ประจำปีงบประมาณ"),
        ("Action plan", "Annual work plan"),
        ("pdf", "xlsx"),
        "plans",
    ),
    "5.1.5": ItemWording(
        ("ผลการดำเนินงานรอบ 6 เดือน", "รายงานการกำกับติดตามการดำเนินงาน", "ความก้าวหน้าการดำเนินงานและการใช้จ่ายงบประมาณ"),
        ("Six-month report", "Monitoring report"),
        ("xlsx", "pdf"),
        "plans",
    ),
    "5.1.6": ItemWording(
        ("รายงานผลการปฏิบัติงานประจำปี", "ผลการดำเนินงานปีที่ผ่านมา", "รายงานผลการดำเนินงานประจำปี"),
        ("Annual results", "Annual performance report"),
        ("pdf",),
        "plans",
    ),
    "5.1.7.1": ItemWording(
        ("ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง", "แผนจัดหาพัสดุประจำปี", "แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ"),
        ("Purchasing plan", "Annual procurement plan"),
        ("xlsx", "pdf"),
        "procurement",
    ),
    "5.1.7.2": ItemWording(
        ("ผลการจัดซื้อจัดจ้างรายโครงการ", "ประกาศผลผู้ได้รับการคัดเลือก", "ข้อมูลการจัดซื้อจัดจ้างรายการ"),
        ("Contract awards", "Bid results"),
        ("page", "pdf"),
        "procurement",
    ),
    "5.1.7.3": ItemWording(
        ("แบบ สขร.1", "สรุปผลการดำเนินการจัดซื้อจัดจ้าง", "รายงานผลการจัดซื้อจัดจ้างประจำเดือน"),
        ("Procurement summary",),
        ("monthly",),
        "procurement",
    ),
    "5.1.8": ItemWording(
        ("คู่มือการทำงาน", "แนวทางการปฏิบัติงาน", "มาตรฐานการปฏิบัติงาน (Work Manual)"),
        ("Operations manual", "Work standards"),
        ("pdf", "docx"),
        "manuals",
    ),
    "5.1.9": ItemWording(
        ("ขั้นตอนการให้บริการ", "คู่มือประชาชน", "มาตรฐานและระยะเวลาการให้บริการ"),
        ("Service guide", "Service charter"),
        ("pdf", "docx"),
        "manuals",
    ),
    "5.1.10": ItemWording(
        ("แบบประเมินความพึงพอใจ", "ถาม-ตอบ", "รับฟังความคิดเห็นผู้รับบริการ"),
        ("Satisfaction survey", "Share your opinion"),
        ("page",),
        "contact",
    ),
    "5.1.11": ItemWording(
        ("ร้องเรียน/ข้อเสนอแนะ", "ศูนย์รับเรื่องร้องเรียน", "แจ้งเบาะแสการทุจริต"),
        ("File a complaint", "Complaints and suggestions"),
        ("page",),
        "contact",
    ),
}

PLACEHOLDERS_TH = (
    "อยู่ระหว่างปรับปรุงข้อมูล",
    "หน้านี้กำลังจัดทำเนื้อหา",
    "Coming soon",
    "ขออภัย ยังไม่ได้เผยแพร่ข้อมูล",
)

NEWS_TOPICS = (
    "ประชุมชี้แจงแนวทางการจัดทำงบประมาณรายจ่ายประจำปี",
    "มอบเกียรติบัตรแก่บุคลากรดีเด่นประจำปี",
    "ออกหน่วยบริการเคลื่อนที่ร่วมกับอำเภอ",
    "บรรยายพิเศษเรื่องการบริหารความเสี่ยงทางการคลัง",
    "ร่วมปลูกต้นไม้เฉลิมพระเกียรติ",
    "ตรวจเยี่ยมการเบิกจ่ายเงินของส่วนราชการในพื้นที่",
)
NOISE_DOCUMENTS = (
    ("คำสั่งแต่งตั้งคณะทำงานจัดงานวันสถาปนา", "แต่งตั้งคณะทำงานเพื่อจัดกิจกรรมวันสถาปนาสำนักงาน"),
    ("แบบฟอร์มขอใช้ห้องประชุม", "กรอกแบบฟอร์มล่วงหน้าอย่างน้อย 3 วันทำการ"),
    ("สรุปการประชุมผู้บริหาร", "ที่ประชุมมอบหมายให้ทบทวนแผนปฏิบัติการประจำปีและคู่มือการทำงานของแต่ละกลุ่ม"),
)
PASSING_MENTIONS = (
    "ผู้บริหารเน้นย้ำให้ทุกกลุ่มงานติดตามแผนการดำเนินงานประจำปีอย่างใกล้ชิด",
    "ประชาชนสามารถแจ้งเบาะแสการทุจริตได้ที่ศูนย์ดำรงธรรมจังหวัด",
    "ที่ประชุมหารือการปรับปรุงขั้นตอนการให้บริการให้รวดเร็วขึ้น",
    "เจ้าหน้าที่พัสดุบรรยายเรื่องแบบ สขร.1 ให้หน่วยงานภาคีฟัง",
)

ENGLISH_BODIES: dict[str, tuple[str, ...]] = {
    "5.1.1.1": (
        "Five groups report to the Director: administration, policy and planning, fiscal analysis,"
        " information services and procurement.",
    ),
    "5.1.1.2": (
        "Director, Deputy Director and five group heads; each entry lists a phone number and e-mail.",
        "The post of senior fiscal expert is vacant.",
    ),
    "5.1.1.3": (
        "By ministerial regulation the office analyses the provincial economy, advises agencies on"
        " disbursement and supplies rules and runs the provincial fiscal database.",
    ),
    "5.1.1.5": ("Provincial Hall, 2nd floor. Phone 0 5311 2233, e-mail info@example.go.th.",),
    "5.1.1.6": (
        "Budget Procedures Act 2018; Public Procurement Act 2017; Regulation on Disbursement from the Treasury 2019.",
    ),
    "5.1.10": ("Rate our service online; results are published every quarter.",),
    "5.1.11": ("We log every complaint, reply within 15 days and publish a yearly summary of how they were handled.",),
}


def written_date(rng: random.Random, day: dt.date, *, english: bool = False) -> str:
    """Return `day` the holdout's ways: Thai digits, common-era years with Thai months, long and short forms."""
    if english:
        return rng.choice((format_english_date(day), f"{day:%d %b %Y}", f"{day:%Y-%m-%d}"))
    style = rng.randrange(5)
    if style == 0:
        return f"{day.day} {THAI_MONTHS[day.month]} {day.year}"
    if style == 1:
        return thai_digits(f"{day.day} {THAI_MONTHS_ABBR[day.month]} {to_be_year(day.year)}")
    if style == 2:
        year = thai_digits(str(to_be_year(day.year)))
        return f"วันที่ {thai_digits(str(day.day))} เดือน{THAI_MONTHS[day.month]} พ.ศ. {year}"
    if style == 3:
        return f"{day.day:02d}.{day.month:02d}.{to_be_year(day.year)}"
    return format_thai_date(day, abbreviated=True, thai_digits=True)


def as_of_line(rng: random.Random, day: dt.date, *, english: bool = False) -> str:
    """Return the line that dates a page ("ข้อมูลล่าสุด ณ …", "แก้ไขล่าสุด …", "Updated on …")."""
    if english:
        return (
            f"{rng.choice(('Updated on', 'Information as of', 'Last update:'))} {written_date(rng, day, english=True)}"
        )
    lead = rng.choice(("ข้อมูลล่าสุด ณ", "แก้ไขล่าสุด", "อัปเดตข้อมูล", "ข้อมูล ณ"))
    return f"{lead} {written_date(rng, day)}"


def month_label(day: dt.date, rng: random.Random) -> str:
    """Return a month as the holdout's procurement lists write it ("เดือน ๓/๒๕๖๙", "มีนาคม 2026")."""
    style = rng.randrange(3)
    if style == 0:
        return thai_digits(f"{day.month}/{to_be_year(day.year)}")
    if style == 1:
        return f"{THAI_MONTHS[day.month]} {day.year}"
    return f"{THAI_MONTHS_ABBR[day.month]}{thai_digits(str(to_be_year(day.year) % 100))}"
