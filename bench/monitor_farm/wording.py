"""The farm's own wording: labels, headings and body text for each checklist item, noise and people.

Written for the farm only, in the varied ways agency sites phrase things (synonyms, abbreviations, the
OIT hub wording). It deliberately does not reuse the checklist's keyword lists: the monitor's classifier
is judged on how well it generalises, so it must never be tuned to these strings either.
"""

import datetime as dt
import random
from dataclasses import dataclass

from prongsai.thaidate import (
    format_english_date,
    format_thai_date,
    format_thai_month,
    thai_digits,
    to_be_year,
)


@dataclass(frozen=True)
class ItemWording:
    """How one checklist item shows up on a farm site.

    `labels_th`/`labels_en` are menu and heading variants; `kinds` the forms its content takes, first the
    most common ("page" is text on an HTML page, the others a document linked from the item's page).
    `section` is the menu group the item sits under on sites that spread items through menus.
    """

    labels_th: tuple[str, ...]
    labels_en: tuple[str, ...]
    kinds: tuple[str, ...]
    section: str


SECTIONS_TH = {
    "about": "เกี่ยวกับเรา",
    "news": "ข่าวสาร",
    "plans": "แผนงานและผลการดำเนินงาน",
    "procurement": "จัดซื้อจัดจ้าง",
    "manuals": "คู่มือ",
    "contact": "ติดต่อและร้องเรียน",
}
SECTIONS_EN = {
    "about": "About us",
    "news": "News",
    "plans": "Plans and results",
    "procurement": "Procurement",
    "manuals": "Manuals",
    "contact": "Contact us",
}

ITEMS: dict[str, ItemWording] = {
    "5.1.1.1": ItemWording(
        ("โครงสร้างองค์กร", "โครงสร้างหน่วยงาน", "แผนผังองค์กร", "โครงสร้างการแบ่งงานภายใน"),
        ("Organization chart", "Our structure"),
        ("page", "pdf"),
        "about",
    ),
    "5.1.1.2": ItemWording(
        ("ผู้บริหาร", "ทำเนียบผู้บริหาร", "คณะผู้บริหาร", "ผู้บริหารหน่วยงาน"),
        ("Executives", "Management"),
        ("page",),
        "about",
    ),
    "5.1.1.3": ItemWording(
        ("อำนาจหน้าที่", "หน้าที่และอำนาจ", "ภารกิจและหน้าที่", "บทบาทหน้าที่ของหน่วยงาน"),
        ("Powers and duties", "What we do"),
        ("page", "pdf"),
        "about",
    ),
    "5.1.1.4": ItemWording(
        ("แผนยุทธศาสตร์", "แผนพัฒนาหน่วยงาน", "แผนยุทธศาสตร์ระยะ 5 ปี", "แผนกลยุทธ์"),
        ("Strategic plan", "Development plan"),
        ("pdf", "docx"),
        "plans",
    ),
    "5.1.1.5": ItemWording(
        ("ติดต่อเรา", "ข้อมูลการติดต่อ", "ติดต่อหน่วยงาน", "ที่อยู่และเบอร์โทรศัพท์"),
        ("Contact us", "How to reach us"),
        ("page",),
        "contact",
    ),
    "5.1.1.6": ItemWording(
        ("กฎหมายที่เกี่ยวข้อง", "ระเบียบและกฎหมาย", "กฎหมาย ระเบียบ ข้อบังคับ", "กฎหมายน่ารู้"),
        ("Related laws", "Laws and regulations"),
        ("page",),
        "about",
    ),
    "5.1.2": ItemWording(
        ("ข่าวประชาสัมพันธ์", "ข่าวสารประชาสัมพันธ์", "ข่าวกิจกรรม", "ข่าวเด่น"),
        ("News", "Press releases"),
        ("news",),
        "news",
    ),
    "5.1.3": ItemWording(
        ("เจตจำนงสุจริตของผู้บริหาร", "ประกาศเจตจำนงสุจริต", "เจตนารมณ์การบริหารงานด้วยความสุจริต"),
        ("Declaration of integrity", "Integrity pledge of the Director"),
        ("pdf", "page"),
        "about",
    ),
    "5.1.4": ItemWording(
        ("แผนปฏิบัติราชการประจำปี", "แผนปฏิบัติราชการ", "แผนปฏิบัติการประจำปีงบประมาณ"),
        ("Annual action plan", "Operational plan"),
        ("pdf", "xlsx"),
        "plans",
    ),
    "5.1.5": ItemWording(
        ("รายงานความก้าวหน้า", "ผลการดำเนินงานตามแผน รอบ 6 เดือน", "การติดตามผลการดำเนินงานและการใช้จ่ายงบประมาณ"),
        ("Progress report", "Plan monitoring"),
        ("xlsx", "pdf"),
        "plans",
    ),
    "5.1.6": ItemWording(
        ("รายงานผลการดำเนินงานประจำปี", "รายงานประจำปี", "ผลการปฏิบัติราชการประจำปี"),
        ("Annual report", "Annual performance report"),
        ("pdf",),
        "plans",
    ),
    "5.1.7.1": ItemWording(
        ("แผนการจัดซื้อจัดจ้าง", "แผนจัดซื้อจัดจ้างประจำปี", "แผนการจัดหาพัสดุ"),
        ("Procurement plan",),
        ("xlsx", "pdf"),
        "procurement",
    ),
    "5.1.7.2": ItemWording(
        ("ประกาศผู้ชนะการเสนอราคา", "ผลการจัดซื้อจัดจ้าง", "ประกาศผลการจัดซื้อจัดจ้างรายโครงการ"),
        ("Procurement results", "Award notices"),
        ("page", "pdf"),
        "procurement",
    ),
    "5.1.7.3": ItemWording(
        ("สรุปผลการจัดซื้อจัดจ้างประจำเดือน (สขร.1)", "สขร.1 รายเดือน", "รายงานสรุปผลการจัดหาพัสดุรายเดือน"),
        ("Monthly procurement summary",),
        ("monthly",),
        "procurement",
    ),
    "5.1.8": ItemWording(
        ("คู่มือการปฏิบัติงาน", "มาตรฐานการปฏิบัติงาน", "คู่มือปฏิบัติงาน (SOP)"),
        ("Work manuals", "Standard operating procedures"),
        ("pdf", "docx"),
        "manuals",
    ),
    "5.1.9": ItemWording(
        ("คู่มือการให้บริการ", "มาตรฐานการให้บริการ", "คู่มือสำหรับประชาชน"),
        ("Service manual", "Service standards"),
        ("pdf", "docx"),
        "manuals",
    ),
    "5.1.10": ItemWording(
        ("ช่องทางรับฟังความคิดเห็น", "แสดงความคิดเห็น", "แบบสอบถามความพึงพอใจ"),
        ("Feedback", "Tell us what you think"),
        ("page",),
        "contact",
    ),
    "5.1.11": ItemWording(
        ("ช่องทางร้องเรียน", "ร้องเรียน/ร้องทุกข์", "แจ้งเรื่องร้องเรียนการทุจริต"),
        ("Complaints", "Report a problem"),
        ("page",),
        "contact",
    ),
}

PLACEHOLDERS_TH = (
    "กำลังปรับปรุงข้อมูล",
    "อยู่ระหว่างปรับปรุงข้อมูล โปรดติดตามในภายหลัง",
    "ขออภัย หน้านี้อยู่ระหว่างจัดทำ",
    "ยังไม่มีข้อมูลในขณะนี้",
)

PROVINCES = (
    ("เชียงใหม่", "Chiang Mai"),
    ("ขอนแก่น", "Khon Kaen"),
    ("นครราชสีมา", "Nakhon Ratchasima"),
    ("สงขลา", "Songkhla"),
    ("ภูเก็ต", "Phuket"),
    ("อุบลราชธานี", "Ubon Ratchathani"),
    ("พิษณุโลก", "Phitsanulok"),
    ("ชลบุรี", "Chon Buri"),
    ("สุราษฎร์ธานี", "Surat Thani"),
    ("ลำปาง", "Lampang"),
    ("อุดรธานี", "Udon Thani"),
    ("ราชบุรี", "Ratchaburi"),
    ("นครสวรรค์", "Nakhon Sawan"),
    ("ตรัง", "Trang"),
    ("เลย", "Loei"),
    ("น่าน", "Nan"),
    ("สกลนคร", "Sakon Nakhon"),
    ("กาญจนบุรี", "Kanchanaburi"),
)
UNIT_KINDS = (
    ("สำนักงานคลังจังหวัด", "Provincial Finance Office", "สคจ."),
    ("ศูนย์บริการข้อมูลการคลังจังหวัด", "Provincial Fiscal Information Centre", "ศบค."),
    ("สำนักงานพัฒนาระบบงานการคลังเขต", "Regional Fiscal Systems Office", "สพค."),
)
FIRST_NAMES = ("สมชาย", "วิไลวรรณ", "ประเสริฐ", "กนกพร", "ธนากร", "สุภาวดี", "อนุชา", "พัชรินทร์", "ชัยวัฒน์", "รัตนา")
LAST_NAMES = ("ใจดี", "ศรีสุข", "วงศ์ทอง", "บุญมา", "แก้วประเสริฐ", "สายสุวรรณ", "ทองคำ", "พรหมมา", "จันทร์เพ็ญ", "มีสุข")
DIVISIONS = ("ฝ่ายบริหารทั่วไป", "กลุ่มงานแผนและงบประมาณ", "กลุ่มงานเศรษฐกิจการคลัง", "กลุ่มงานบริการข้อมูล", "งานพัสดุ")
PROJECTS = (
    "โครงการพัฒนาระบบฐานข้อมูลการคลังท้องถิ่น",
    "โครงการอบรมเจ้าหน้าที่ด้านการเงินและบัญชี",
    "โครงการเผยแพร่ความรู้ด้านวินัยการเงินการคลัง",
    "กิจกรรมติดตามการเบิกจ่ายงบประมาณของส่วนราชการ",
    "โครงการปรับปรุงระบบสารสนเทศภายในสำนักงาน",
)
PURCHASES = (
    "จัดซื้อวัสดุสำนักงาน",
    "จ้างเหมาทำความสะอาดอาคาร",
    "จัดซื้อเครื่องคอมพิวเตอร์โน้ตบุ๊ก",
    "จ้างซ่อมแซมเครื่องปรับอากาศ",
    "จัดซื้อหมึกพิมพ์",
    "จ้างเหมารถตู้พร้อมคนขับ",
)
VENDORS = ("ห้างหุ้นส่วนจำกัด รุ่งเรืองพาณิชย์", "บริษัท สยามออฟฟิศ จำกัด", "ร้านเจริญภัณฑ์", "บริษัท ไทยเทคโนโลยี จำกัด")
METHODS = ("เฉพาะเจาะจง", "คัดเลือก", "ตลาดอิเล็กทรอนิกส์ (e-market)", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)")
NEWS_TOPICS = (
    "ประชุมคณะทำงานติดตามการเบิกจ่ายงบประมาณ",
    "ลงพื้นที่ให้ความรู้ด้านการเงินแก่องค์กรปกครองส่วนท้องถิ่น",
    "ร่วมกิจกรรมจิตอาสาพัฒนาชุมชน",
    "จัดสัมมนาเศรษฐกิจการคลังประจำไตรมาส",
    "ต้อนรับคณะศึกษาดูงานจากหน่วยงานภาคี",
    "ร่วมพิธีถวายพระพรชัยมงคล",
    "แถลงภาวะเศรษฐกิจจังหวัดประจำเดือน",
)
NOISE_DOCUMENTS = (
    ("ประกาศวันหยุดราชการประจำปี", "แจ้งวันหยุดและการให้บริการในช่วงเทศกาล ขออภัยในความไม่สะดวก"),
    ("แบบฟอร์มใบลา", "แบบฟอร์มสำหรับบุคลากรภายใน กรอกแล้วส่งงานบุคคล"),
    ("รายงานการประชุมประจำเดือน", "ที่ประชุมรับทราบกำหนดการทบทวนคู่มือการปฏิบัติงานและแผนการจัดซื้อจัดจ้างในรอบถัดไป"),
)
# Sentences that mention item words in passing: a page carrying them is not evidence for the item.
PASSING_MENTIONS = (
    "ในการประชุมครั้งนี้ ผู้อำนวยการได้กล่าวถึงแผนปฏิบัติราชการประจำปีโดยสังเขป",
    "ผู้เข้าร่วมได้รับทราบช่องทางร้องเรียนของหน่วยงานอื่นเป็นตัวอย่าง",
    "คณะทำงานจะจัดทำคู่มือการให้บริการฉบับใหม่ในปีถัดไป",
    "วิทยากรบรรยายเรื่องการจัดทำสรุปผลการจัดซื้อจัดจ้างของส่วนราชการทั่วไป",
    "กิจกรรมนี้สอดคล้องกับเจตจำนงสุจริตที่ภาครัฐรณรงค์",
)


def person(rng: random.Random) -> str:
    """Return a made-up Thai full name with its title."""
    title = rng.choice(("นาย", "นางสาว", "นาง"))
    return f"{title}{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def written_date(rng: random.Random, day: dt.date, *, english: bool = False) -> str:
    """Return `day` written one of the ways sites write dates (BE or CE, full or abbreviated, Thai digits)."""
    if english:
        return rng.choice((format_english_date(day), day.isoformat(), day.strftime("%d/%m/%Y")))
    style = rng.randrange(5)
    if style == 0:
        return format_thai_date(day)
    if style == 1:
        return format_thai_date(day, abbreviated=True)
    if style == 2:
        return format_thai_date(day, thai_digits=True)
    if style == 3:
        return f"{day.day:02d}/{day.month:02d}/{to_be_year(day.year)}"
    return thai_digits(f"{day.day}/{day.month}/{to_be_year(day.year)}")


def as_of_line(rng: random.Random, day: dt.date, *, english: bool = False) -> str:
    """Return the line that dates a page or document ("ข้อมูล ณ วันที่ …", "ปรับปรุงล่าสุด …")."""
    if english:
        return f"{rng.choice(('Updated', 'As of', 'Last revised'))} {written_date(rng, day, english=True)}"
    lead = rng.choice(("ข้อมูล ณ วันที่", "ปรับปรุงล่าสุด", "ปรับปรุงข้อมูลเมื่อ", "วันที่ปรับปรุง"))
    return f"{lead} {written_date(rng, day)}"


def month_label(day: dt.date, rng: random.Random) -> str:
    """Return the month of `day` as sites label monthly reports ("มีนาคม 2569", "มี.ค. 69")."""
    return format_thai_month(day, abbreviated=rng.random() < 0.3, thai_digits=rng.random() < 0.2)


# English pages of the sites that keep an English mirror: short, but real content for the item.
ENGLISH_BODIES: dict[str, tuple[str, ...]] = {
    "5.1.1.1": (
        "The office has five parts: general administration, planning and budget, fiscal economy,"
        " data services and supplies.",
    ),
    "5.1.1.2": (
        "Director: see the Thai page for names and photos.",
        "Deputy Director and the heads of each group report to the Director.",
    ),
    "5.1.1.3": (
        "We advise on fiscal policy in the province, report on the local economy every month"
        " and help agencies with disbursement and supplies rules.",
    ),
    "5.1.1.5": ("Address: Provincial Hall, Ratchadamnoen Road.", "Telephone and e-mail are listed on the Thai page."),
    "5.1.1.6": (
        "State Fiscal and Financial Discipline Act B.E. 2561 (2018).",
        "Public Procurement and Supplies Administration Act B.E. 2560 (2017).",
    ),
    "5.1.10": ("Send us your opinion of our services by e-mail or through the form on the Thai page.",),
    "5.1.11": ("Complaints are acknowledged within one working day and answered within fifteen days.",),
}
