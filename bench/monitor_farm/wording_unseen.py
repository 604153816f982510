"""The unseen farm's wording: a third way units name their transparency pages, sharing no phrase with the checklist.

The main and holdout sets name items largely with the phrases of the checklist's own keyword lists, so
they mostly measure keyword lookup. Here no label (menu entry, page or document title, heading, link
text, OIT row) contains any keyword or item name of the checklist once both are folded (lower case,
whitespace and separators removed): items are named the way agencies word them in their own words —
synonyms, paraphrases, longer or shorter forms, another word order, office-specific phrasing. The set
was written without looking at the classifier and is only ever scored. Anything not bearing on whether
an item is present (people, provinces, purchases) is shared with the main set.
"""

import datetime as dt
import random

from prongsai.thaidate import format_english_date, format_thai_date, thai_digits, to_be_year
from prongsai.thaidate.months import THAI_MONTHS

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
    month_label,
    person,
)

__all__ = [
    "CONTENT_TITLES",
    "DIVISIONS",
    "ENGLISH_BODIES",
    "FIRST_NAMES",
    "HUB_TITLES",
    "INTEGRITY_TITLES",
    "ITEMS",
    "LAST_NAMES",
    "METHODS",
    "MONTHLY_LABELS",
    "NEWS_LIST_TITLE",
    "NEWS_TOPICS",
    "NOISE_DOCUMENTS",
    "PASSING_MENTIONS",
    "PLACEHOLDERS_TH",
    "PROJECTS",
    "PROVINCES",
    "PURCHASES",
    "SECTIONS_EN",
    "SECTIONS_TH",
    "TRAP_LABELS",
    "UNIT_KINDS",
    "VENDORS",
    "as_of_line",
    "month_label",
    "person",
    "written_date",
]

SECTIONS_TH = {
    "about": "รู้จักเรา",
    "news": "ข่าวสารและสื่อ",
    "plans": "แผนและผลงาน",
    "procurement": "พัสดุและการซื้อจ้าง",
    "manuals": "คู่มือและแนวทาง",
    "contact": "บริการและติดต่อ",
}
SECTIONS_EN = {
    "about": "About the office",
    "news": "Media",
    "plans": "Plans and results",
    "procurement": "Buying and hiring",
    "manuals": "Guides",
    "contact": "Services and contact",
}
HUB_TITLES = {
    "ita-2566": "ข้อมูลสาธารณะตามเกณฑ์ ITA 2566 (OIT)",
    "ita-2568": "OIT: ข้อมูลที่เปิดเผยต่อสาธารณะ",
}

ITEMS: dict[str, ItemWording] = {
    "5.1.1.1": ItemWording(
        ("แผนภูมิการจัดองค์กร", "โครงสร้างภายในสำนักงาน", "ผังโครงสร้างบุคลากร", "แผนภูมิการแบ่งส่วนงาน", "โครงสร้างกลุ่มงานและฝ่าย"),
        ("Office structure", "How the office is organised", "Divisions and groups"),
        ("page", "pdf"),
        "about",
    ),
    "5.1.1.2": ItemWording(
        ("ทีมผู้บริหาร", "ผู้บริหารและหัวหน้ากลุ่มงาน", "ผู้ดำรงตำแหน่งบริหาร", "ผู้นำองค์กร", "บุคลากรระดับบริหาร"),
        ("Senior management", "Director and group heads", "Our leaders"),
        ("page",),
        "about",
    ),
    "5.1.1.3": ItemWording(
        ("ภารกิจที่รับผิดชอบ", "หน้าที่ตามกฎกระทรวง", "ภาระหน้าที่", "ขอบเขตงานที่รับผิดชอบ", "หน้าที่ของส่วนราชการ"),
        ("Our functions", "Our mission", "Responsibilities of the office"),
        ("page", "pdf"),
        "about",
    ),
    "5.1.1.4": ItemWording(
        (
            "ทิศทางและประเด็นยุทธศาสตร์",
            "แผนพัฒนาสำนักงาน 5 ปี",
            "ยุทธศาสตร์สำนักงาน",
            "วิสัยทัศน์ พันธกิจ และยุทธศาสตร์",
            "แผนระยะยาว 5 ปี",
        ),
        ("Five-year strategy", "Vision and strategy", "Strategic framework"),
        ("pdf", "docx"),
        "plans",
    ),
    "5.1.1.5": ItemWording(
        ("ติดต่อ", "ช่องทางติดต่อ", "ที่ตั้งและการเดินทาง", "ที่อยู่ / โทรศัพท์ / อีเมล", "ติดต่อสำนักงาน"),
        ("Contact", "Visit us", "Address and phone"),
        ("page",),
        "contact",
    ),
    "5.1.1.6": ItemWording(
        (
            "กฎหมายที่ใช้ในการปฏิบัติงาน",
            "พระราชบัญญัติ กฎกระทรวง ระเบียบ",
            "ระเบียบ คำสั่ง และหนังสือสั่งการ",
            "ระเบียบการเงินการคลังน่ารู้",
            "ห้องสมุดกฎหมาย",
        ),
        ("Legal references", "Acts and rules we apply", "Legal basis"),
        ("page",),
        "about",
    ),
    "5.1.2": ItemWording(
        ("ข่าวสารสำนักงาน", "ประชาสัมพันธ์", "กิจกรรมสำนักงาน", "ห้องข่าว", "ข่าวและภาพกิจกรรม"),
        ("Updates", "Press room", "Events and activities"),
        ("news",),
        "news",
    ),
    "5.1.3": ItemWording(
        (
            "ประกาศเจตนารมณ์ต่อต้านการทุจริต",
            "คำประกาศความซื่อตรงของผู้บริหาร",
            "เจตนารมณ์บริหารงานโปร่งใส ตรวจสอบได้",
            "คำมั่นของผู้บริหารว่าด้วยความสุจริต",
            "การแสดงเจตนาสุจริตในการบริหารงาน",
        ),
        ("Anti-corruption pledge", "Pledge of honesty and transparency", "Director's integrity commitment"),
        ("pdf", "page"),
        "about",
    ),
    "5.1.4": ItemWording(
        (
            "โครงการและงบประมาณประจำปี",
            "แผนงาน/โครงการ ปีงบประมาณปัจจุบัน",
            "โครงการตามแผนปฏิบัติราชการ",
            "แผนการดำเนินงานรายปี",
            "แผนปฏิบัติราชการ (รายโครงการ)",
        ),
        ("Plan for the year", "Projects and budget", "This year's projects"),
        ("pdf", "xlsx"),
        "plans",
    ),
    "5.1.5": ItemWording(
        (
            "ความคืบหน้าโครงการและการเบิกจ่าย",
            "ผลการดำเนินงานครึ่งปีงบประมาณ",
            "ติดตามผลการดำเนินงาน",
            "ผลการเบิกจ่ายงบประมาณรายไตรมาส",
            "ความคืบหน้าการดำเนินงานตามแผน",
        ),
        ("Half-year results", "Spending and progress", "Mid-year review"),
        ("xlsx", "pdf"),
        "plans",
    ),
    "5.1.6": ItemWording(
        (
            "สรุปผลงานประจำปี",
            "ผลการปฏิบัติราชการของปีที่ผ่านมา",
            "รายงานผลงานสิ้นปีงบประมาณ",
            "ผลสัมฤทธิ์การปฏิบัติราชการ",
            "ผลงานรอบปีที่ผ่านมา",
        ),
        ("Year in review", "Last year's results", "Results for the fiscal year"),
        ("pdf",),
        "plans",
    ),
    "5.1.7.1": ItemWording(
        (
            "รายการจัดซื้อจัดจ้างที่จะดำเนินการประจำปี",
            "การจัดซื้อจัดจ้างตามแผนประจำปี",
            "ประกาศแผนพัสดุประจำปี",
            "กำหนดการจัดซื้อจัดจ้างล่วงหน้า",
            "โครงการที่จะจัดซื้อจัดจ้างในปีงบประมาณ",
        ),
        ("Planned purchases", "Procurement forecast", "Tenders planned this year"),
        ("xlsx", "pdf"),
        "procurement",
    ),
    "5.1.7.2": ItemWording(
        (
            "ผลการพิจารณาคัดเลือกผู้ขายและผู้รับจ้าง",
            "ข้อมูลสาระสำคัญในสัญญา",
            "ผลการซื้อ/จ้างแต่ละโครงการ",
            "รายชื่อผู้ชนะการเสนอราคา",
            "ผลการจัดซื้อจัดจ้างแต่ละรายการ",
        ),
        ("Contracts awarded", "Tender outcomes", "Who won our tenders"),
        ("page", "pdf"),
        "procurement",
    ),
    "5.1.7.3": ItemWording(
        (
            "ผลการพิจารณาจัดซื้อจัดจ้างแต่ละเดือน",
            "ผลการจัดซื้อจัดจ้างในรอบเดือน",
            "ผลการจัดหาพัสดุในรอบเดือน",
            "สรุปการซื้อ/จ้างประจำเดือน",
            "การซื้อและการจ้างรายเดือน",
        ),
        ("Purchases by month", "Monthly purchasing results", "Month-by-month buying"),
        ("monthly",),
        "procurement",
    ),
    "5.1.8": ItemWording(
        (
            "คู่มือกระบวนงานหลัก",
            "ขั้นตอนการทำงานของกลุ่มงาน",
            "คู่มือ SOP สำหรับบุคลากร",
            "มาตรฐานกระบวนงานภายใน",
            "ขั้นตอนและวิธีทำงาน (SOP)",
        ),
        ("Process manuals", "SOPs", "Internal procedures"),
        ("pdf", "docx"),
        "manuals",
    ),
    "5.1.9": ItemWording(
        (
            "คู่มือผู้รับบริการ",
            "กระบวนการให้บริการ",
            "แนวทางการรับบริการ",
            "ผังขั้นตอนงานบริการ",
            "บริการของเรา: เอกสาร ขั้นตอน ระยะเวลา",
        ),
        ("How to use our services", "Service steps and timelines", "Guide for service users"),
        ("pdf", "docx"),
        "manuals",
    ),
    "5.1.10": ItemWording(
        (
            "ฟังเสียงผู้รับบริการ",
            "กล่องความคิดเห็นออนไลน์",
            "ข้อคิดเห็นต่อการให้บริการ",
            "ประเมินความพึงพอใจการให้บริการ",
            "ความเห็นของท่านมีค่า",
        ),
        ("Have your say", "Rate our service", "Comments and ideas"),
        ("page",),
        "contact",
    ),
    "5.1.11": ItemWording(
        ("แจ้งปัญหา/ร้องเรียน", "ร้องทุกข์ออนไลน์", "รับแจ้งการทุจริตและประพฤติมิชอบ", "ร้องเรียนการปฏิบัติงานของเจ้าหน้าที่", "ศูนย์ร้องทุกข์"),
        ("Make a complaint", "Raise a concern", "Report misconduct"),
        ("page",),
        "contact",
    ),
}

# The title an item's content carries (its document's title and heading, the first line of its page), in
# this set's words. Fields: {unit} the site's Thai name, {division} one of DIVISIONS, {fy} the fiscal year
# (BE) of the content's date, {fy_prev} the year before, {fy_from}–{fy_to} a five-year span around {fy}.
CONTENT_TITLES: dict[str, tuple[str, ...]] = {
    "5.1.1.1": ("แผนภูมิการจัดองค์กร {unit}", "โครงสร้างภายใน{unit}"),
    "5.1.1.2": ("ทีมผู้บริหาร{unit}", "ผู้ดำรงตำแหน่งบริหาร {unit}"),
    "5.1.1.3": ("ภารกิจของ{unit}", "หน้าที่ของ{unit} ตามกฎกระทรวง"),
    "5.1.1.4": ("ยุทธศาสตร์{unit} ระยะ 5 ปี (พ.ศ. {fy_from}–{fy_to})", "ทิศทางการพัฒนา{unit} พ.ศ. {fy_from}–{fy_to}"),
    "5.1.1.5": ("ติดต่อ{unit}", "ที่ตั้งและการเดินทางมา{unit}"),
    "5.1.1.6": ("กฎหมายที่ใช้ในการปฏิบัติงานของ{unit}", "พระราชบัญญัติ กฎกระทรวง และระเบียบที่{unit}ใช้บังคับ"),
    "5.1.4": ("แผนปฏิบัติราชการ{unit} ปีงบประมาณ พ.ศ. {fy}", "โครงการและงบประมาณ ปีงบประมาณ พ.ศ. {fy}"),
    "5.1.5": (
        "ความคืบหน้าโครงการและการเบิกจ่าย ปีงบประมาณ พ.ศ. {fy} (ครึ่งปีแรก)",
        "ผลการดำเนินงานครึ่งปีงบประมาณ พ.ศ. {fy} ของ{unit}",
    ),
    "5.1.6": ("สรุปผลงานของ{unit} ปีงบประมาณ พ.ศ. {fy_prev}", "ผลการปฏิบัติราชการ ปีงบประมาณ พ.ศ. {fy_prev}"),
    "5.1.7.1": ("รายการจัดซื้อจัดจ้างที่จะดำเนินการ ปีงบประมาณ พ.ศ. {fy}", "ประกาศแผนพัสดุ ปีงบประมาณ พ.ศ. {fy}"),
    "5.1.8": ("คู่มือกระบวนงาน {division}", "ขั้นตอนการทำงาน (SOP) {division}"),
    "5.1.9": ("คู่มือผู้รับบริการ {division}", "ขั้นตอนและระยะเวลาให้บริการ {division}"),
}
# The integrity statement's titles, Thai ({fy}: BE fiscal year) and English ({year}: CE).
INTEGRITY_TITLES = (
    "ประกาศเจตนารมณ์การบริหารงานโปร่งใส ปีงบประมาณ พ.ศ. {fy}",
    "Director's Pledge of Honesty and Transparency, Fiscal Year {year}",
)
# One monthly procurement report's link text and title ({month}: `month_label`); a site keeps one form.
MONTHLY_LABELS = (
    "ผลการพิจารณาจัดซื้อจัดจ้าง เดือน{month}",
    "ผลการจัดซื้อจัดจ้างในรอบเดือน{month}",
    "การซื้อและการจ้าง ประจำเดือน{month}",
)
NEWS_LIST_TITLE = "ข่าวสารสำนักงาน"
TRAP_LABELS = {
    "calendar": "ปฏิทินงาน",
    "session_ids": "กระดานสนทนา",
    "redirect_loop": "บริการออนไลน์ (e-Service)",
    "slow_page": "สถิติการเข้าชม",
}

PLACEHOLDERS_TH = (
    "อยู่ระหว่างรวบรวมข้อมูล",
    "เนื้อหาส่วนนี้จะเผยแพร่เร็ว ๆ นี้",
    "Under construction",
    "รอการอัปโหลดเอกสาร",
)

NEWS_TOPICS = (
    "ประชุมหัวหน้าส่วนราชการประจำเดือน",
    "อบรมการเบิกจ่ายเงินผ่านระบบ New GFMIS Thai",
    "มอบทุนการศึกษาแก่นักเรียนในพื้นที่",
    "ร่วมพิธีเปิดงานกาชาดประจำปี",
    "ประชุมคณะกรรมการเร่งรัดการเบิกจ่ายงบประมาณจังหวัด",
    "Big Cleaning Day ทำความสะอาดสำนักงาน",
    "บริจาคโลหิตร่วมกับเหล่ากาชาดจังหวัด",
)
NOISE_DOCUMENTS = (
    ("ประกาศงดให้บริการชั่วคราว", "งดให้บริการในวันที่มีการปรับปรุงระบบไฟฟ้าของอาคาร ขออภัยในความไม่สะดวก"),
    ("แบบคำขอใช้รถราชการ", "สำหรับบุคลากรภายใน ยื่นต่อฝ่ายบริหารทั่วไปล่วงหน้าอย่างน้อย 2 วันทำการ"),
    (
        "บันทึกการประชุมคณะทำงานประจำไตรมาส",
        "ที่ประชุมรับทราบกำหนดทบทวนคู่มือกระบวนงานหลักและรายการจัดซื้อจัดจ้างที่จะดำเนินการในรอบถัดไป",
    ),
)
# Sentences that mention items in passing, in this set's words: a page carrying them is not evidence.
PASSING_MENTIONS = (
    "ในการประชุม ผู้อำนวยการได้ทบทวนโครงการตามแผนปฏิบัติราชการของสำนักงานโดยสังเขป",
    "ผู้เข้าร่วมได้รับทราบวิธีร้องทุกข์ออนไลน์ของจังหวัดเป็นตัวอย่าง",
    "ที่ประชุมมอบหมายให้ปรับปรุงคู่มือผู้รับบริการให้ทันสมัยภายในปีนี้",
    "วิทยากรอธิบายวิธีเผยแพร่ผลการพิจารณาจัดซื้อจัดจ้างแต่ละเดือนของส่วนราชการทั่วไป",
    "กิจกรรมนี้เป็นส่วนหนึ่งของเจตนารมณ์ต่อต้านการทุจริตที่ภาครัฐรณรงค์",
)

ENGLISH_BODIES: dict[str, tuple[str, ...]] = {
    "5.1.1.1": (
        "Under the Director are five units: general administration, planning and budget, fiscal economy,"
        " data services and supplies; each is led by a group head.",
    ),
    "5.1.1.2": (
        "The Director leads the office with one Deputy Director; the five group heads are listed with their"
        " phone numbers on the Thai page.",
        "One senior fiscal expert post is currently unfilled.",
    ),
    "5.1.1.3": (
        "Under the ministerial regulation the office follows the provincial economy, reports on it monthly,"
        " advises government agencies on spending and supplies rules and keeps the provincial fiscal data.",
    ),
    "5.1.1.5": (
        "Provincial Hall, 3rd floor, Ratchadamnoen Road.",
        "Phone 0 5311 4455; e-mail saraban@example.go.th.",
    ),
    "5.1.1.6": (
        "State Fiscal and Financial Discipline Act B.E. 2561 (2018); Public Procurement and Supplies"
        " Administration Act B.E. 2560 (2017); Finance Ministry rule on payments from the Treasury B.E. 2562.",
    ),
    "5.1.10": ("Write to us about our service by e-mail or with the form on the Thai page; we read every message.",),
    "5.1.11": ("Every case is registered within one working day; you hear from us within fifteen days.",),
}


def written_date(rng: random.Random, day: dt.date, *, english: bool = False) -> str:
    """Return `day` as this set writes it: BE years in full or short, Thai digits, the formal long form."""
    if english:
        return rng.choice((format_english_date(day), f"{day:%d %b %Y}", day.strftime("%d/%m/%Y")))
    style = rng.randrange(5)
    if style == 0:
        return format_thai_date(day)
    if style == 1:
        return format_thai_date(day, abbreviated=True, thai_digits=True)
    if style == 2:
        return f"{day.day:02d}/{day.month:02d}/{to_be_year(day.year)}"
    if style == 3:
        year = thai_digits(str(to_be_year(day.year)))
        return f"วันที่ {thai_digits(str(day.day))} เดือน{THAI_MONTHS[day.month]} พ.ศ. {year}"
    return format_thai_date(day, abbreviated=True)


def as_of_line(rng: random.Random, day: dt.date, *, english: bool = False) -> str:
    """Return the line that dates a page or document ("ข้อมูล ณ วันที่ …", "เผยแพร่เมื่อ …", "Published …")."""
    if english:
        return f"{rng.choice(('Published', 'Current as of', 'Updated'))} {written_date(rng, day, english=True)}"
    lead = rng.choice(("ข้อมูล ณ วันที่", "เผยแพร่เมื่อ", "ปรับปรุงเมื่อ", "อัปเดตล่าสุด"))
    return f"{lead} {written_date(rng, day)}"
