"""What the demo units publish for each checklist item: Thai (and where needed English) HTML.

Written for the demo: every text is invented and illustrative, specific to its item and unit,
dated consistently with the version's "as of" date. `draft_content` returns the DraftContent an
editor would type; `return_verdicts` the reviewer's comments when a version is sent back.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from html import escape

from prongsai.disclosures.services import DraftContent, Verdicts
from prongsai.thaidate import (
    ENGLISH_MONTHS,
    add_months,
    first_day_of_month,
    fiscal_year_bounds,
    fiscal_year_of,
    format_english_date,
    format_thai_date,
    format_thai_month,
    last_day_of_month,
    to_be_year,
)

from .people import UnitStaff
from .plans import Procurement, baht, month_of_fiscal_year, month_procurements, procurements, projects
from .units import UnitKind, UnitSpec


class Presentation(StrEnum):
    """How an editor fills an item in: text only, text and a page address, or the page address only."""

    TEXT = "text"
    TEXT_AND_LINK = "text_and_link"
    LINK_ONLY = "link_only"


@dataclass(frozen=True)
class ItemContext:
    """What an item's text depends on: the unit, its people, the "as of" date and how it is presented."""

    unit: UnitSpec
    staff: UnitStaff
    as_of: dt.date
    presentation: Presentation
    rng: random.Random
    change_note: str = ""


def _date(d: dt.date) -> str:
    return format_thai_date(d)


def _as_of_line(d: dt.date) -> str:
    return f"<p><em>ข้อมูล ณ วันที่ {_date(d)}</em></p>"


def _phone(unit: UnitSpec, extension: int) -> str:
    if unit.kind is UnitKind.PROVINCIAL:
        return f"0 {unit.postcode[:2]}00 0{extension % 1000:03d}"
    return f"0 2000 {1000 + extension % 9000:04d}"


def _list(items: list[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _table(header: list[str], rows: list[list[str]], caption: str = "") -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def _head_line(unit: UnitSpec, staff: UnitStaff) -> str:
    return f"{staff.head.name.full_th} {unit.head_title_th}"


def _fiscal_label(fiscal_year: int) -> str:
    start, end = fiscal_year_bounds(fiscal_year)
    return f"ปีงบประมาณ พ.ศ. {fiscal_year} ({_date(start)} – {_date(end)})"


# --- 5.1.1 basic information -------------------------------------------------------------------


def _structure(ctx: ItemContext) -> tuple[str, str]:
    unit, staff = ctx.unit, ctx.staff
    rows = [f"<strong>{escape(unit.head_title_th)}</strong> – {escape(staff.head.name.full_th)}"]
    for section in unit.sections:
        if section == "ฝ่ายบริหารทั่วไป":
            rows.append(f"{section} – หัวหน้าฝ่าย: {escape(staff.general.name.full_th)}")
        elif section.startswith("สำนักงานคลังจังหวัด"):
            rows.append(f"{section} – คลังจังหวัดเป็นผู้บังคับบัญชาของแต่ละแห่ง")
        elif unit.kind is UnitKind.DEPARTMENT:
            rows.append(f"{section} – ผู้อำนวยการ{section}")
        else:
            rows.append(f"{section} – หัวหน้า{section.split()[0]}")
    body = (
        f"<h3>โครงสร้างองค์กร {escape(unit.name_th)}</h3>"
        f"<p>{escape(unit.name_th)} แบ่งส่วนงานภายในออกเป็น {len(unit.sections)} ส่วน "
        f"อยู่ภายใต้การบังคับบัญชาของ{escape(unit.head_title_th)} ดังนี้</p>"
        + _list(rows)
        + "<p>แผนผังโครงสร้างแสดงสายการบังคับบัญชาและตำแหน่งสำคัญของแต่ละส่วนงาน "
        "ปรับปรุงตามคำสั่งมอบหมายงานฉบับล่าสุด</p>"
    )
    return body, unit.page("about/structure")


def _executives(ctx: ItemContext) -> tuple[str, str]:
    unit, staff, rng = ctx.unit, ctx.staff, ctx.rng
    rows = [[escape(staff.head.name.full_th), escape(unit.head_title_th), _phone(unit, 101), staff.head.email]]
    if unit.kind is UnitKind.DEPARTMENT:
        deputy_titles = ["รองปลัดกระทรวงการคลัง (กำกับดูแลศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร)", "รองปลัดกระทรวงการคลัง"]
    elif unit.kind is UnitKind.CENTRAL:
        deputy_titles = [f"รองผู้อำนวยการ{unit.name_th}"]
    else:
        deputy_titles = ["ผู้เชี่ยวชาญด้านเศรษฐกิจการคลัง"]
    for index, (name, title) in enumerate(zip(staff.deputies, deputy_titles, strict=False), start=2):
        rows.append([escape(name.full_th), escape(title), _phone(unit, 100 + index), "–"])
    if rng.random() < 0.3:
        rows.append(["<strong>ว่าง</strong> (อยู่ระหว่างการสรรหา)", "ผู้อำนวยการกลุ่มงาน", "–", "–"])
    body = (
        f"<h3>ผู้บริหาร{escape(unit.name_th)}</h3>"
        + _table(["ชื่อ-สกุล", "ตำแหน่ง", "โทรศัพท์", "อีเมล"], rows)
        + "<p>ภาพถ่ายผู้บริหารแสดงอยู่ในหน้าทำเนียบผู้บริหารของเว็บไซต์หน่วยงาน</p>"
    )
    return body, unit.page("about/executives")


def _duties(ctx: ItemContext) -> tuple[str, str]:
    unit = ctx.unit
    duties = [escape(d) for d in unit.duties]
    duties.append("ปฏิบัติงานร่วมกับหรือสนับสนุนการปฏิบัติงานของหน่วยงานอื่นที่เกี่ยวข้องหรือที่ได้รับมอบหมาย")
    body = (
        f"<h3>อำนาจหน้าที่ของ{escape(unit.name_th)}</h3>"
        "<p>ตามกฎกระทรวงแบ่งส่วนราชการสำนักงานปลัดกระทรวง กระทรวงการคลัง และคำสั่งมอบหมายงาน "
        "สรุปอำนาจหน้าที่ได้ดังนี้</p>" + _list(duties, ordered=True)
    )
    return body, unit.page("about/duties")


def _strategic_plan(ctx: ItemContext) -> tuple[str, str]:
    unit = ctx.unit
    fiscal_year = fiscal_year_of(ctx.as_of)
    first = 2566 + 5 * ((fiscal_year - 2566) // 5)
    last = first + 4
    issues = [
        "ยกระดับการบริหารจัดการด้านการคลังให้มีประสิทธิภาพ โปร่งใส และตรวจสอบได้",
        "พัฒนาองค์กรสู่การเป็นองค์กรดิจิทัลและใช้ข้อมูลในการตัดสินใจ",
        "เสริมสร้างธรรมาภิบาลและการมีส่วนร่วมของประชาชน",
        "พัฒนาบุคลากรให้มีสมรรถนะสูงและมีความสุขในการทำงาน",
    ]
    if unit.kind is UnitKind.PROVINCIAL:
        issues[0] = f"เสริมสร้างเสถียรภาพทางเศรษฐกิจการคลังของจังหวัด{escape(unit.province_th)}"
    body = (
        f"<h3>แผนยุทธศาสตร์{escape(unit.name_th)} พ.ศ. {first}–{last} (ฉบับทบทวน ปีงบประมาณ พ.ศ. {fiscal_year})</h3>"
        "<p><strong>วิสัยทัศน์:</strong> เป็นองค์กรหลักในการบริหารจัดการด้านการคลังที่ทันสมัย "
        "โปร่งใส และเป็นที่เชื่อมั่นของประชาชน</p>"
        "<p><strong>ประเด็นยุทธศาสตร์</strong></p>"
        + _list(issues, ordered=True)
        + f"<p>แผนฉบับนี้ครอบคลุมปีงบประมาณ พ.ศ. {first} ถึง พ.ศ. {last} และได้รับการทบทวนเป็นประจำทุกปี "
        "เพื่อใช้เป็นกรอบในการจัดทำแผนปฏิบัติราชการประจำปี</p>"
    )
    return body, unit.page(f"plans/strategic-{first}-{last}")


def _contacts(ctx: ItemContext) -> tuple[str, str]:
    unit = ctx.unit
    body = (
        f"<h3>ติดต่อ{escape(unit.name_th)}</h3>"
        + _list(
            [
                f"<strong>ที่อยู่:</strong> {escape(unit.address_th)}",
                f"<strong>โทรศัพท์:</strong> {_phone(unit, 100)}",
                f"<strong>โทรสาร:</strong> {_phone(unit, 199)}",
                f"<strong>อีเมล:</strong> {_link('mailto:' + unit.email, unit.email)}",
                f"<strong>เว็บไซต์:</strong> {_link(unit.website, unit.website)}",
                f"<strong>แผนที่:</strong> {_link(unit.page('contact/map'), 'แผนที่และการเดินทาง')}",
            ]
        )
        + "<p>เวลาทำการ วันจันทร์–วันศุกร์ เวลา 08.30–16.30 น. (เว้นวันหยุดราชการ)</p>"
    )
    return body, unit.page("contact")


def _contacts_en(ctx: ItemContext) -> str:
    unit = ctx.unit
    return (
        f"<h3>Contact the {escape(unit.name_en)}</h3>"
        + _list(
            [
                f"Address: {escape(unit.address_en)}",
                f"Telephone: {_phone(unit, 100)}",
                f"E-mail: {_link('mailto:' + unit.email, unit.email)}",
            ]
        )
        + "<p>Office hours: Monday to Friday, 8.30 a.m. – 4.30 p.m., except public holidays.</p>"
    )


_LAWS = (
    ("laws/state-administration", "พระราชบัญญัติระเบียบบริหารราชการแผ่นดิน พ.ศ. 2534 และที่แก้ไขเพิ่มเติม"),
    ("laws/good-governance", "พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546"),
    ("laws/official-information", "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540"),
    ("laws/procurement", "พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560"),
    ("laws/fiscal-discipline", "พระราชบัญญัติวินัยการเงินการคลังของรัฐ พ.ศ. 2561"),
    ("laws/digital-government", "พระราชบัญญัติการบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. 2562"),
    ("laws/personal-data", "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562"),
    ("laws/organization", "กฎกระทรวงแบ่งส่วนราชการสำนักงานปลัดกระทรวง กระทรวงการคลัง"),
)


def _laws(ctx: ItemContext) -> tuple[str, str]:
    unit = ctx.unit
    chosen = list(_LAWS)
    if unit.slug == "legal":
        chosen.append(("laws/tort-liability", "พระราชบัญญัติความรับผิดทางละเมิดของเจ้าหน้าที่ พ.ศ. 2539"))
    if unit.slug in {"hr", "ethics"}:
        chosen.append(("laws/civil-service", "พระราชบัญญัติระเบียบข้าราชการพลเรือน พ.ศ. 2551"))
    items = [_link(unit.page(path), title) for path, title in chosen]
    body = (
        f"<h3>กฎหมายที่เกี่ยวข้องกับการปฏิบัติงานของ{escape(unit.name_th)}</h3>"
        + _list(items, ordered=True)
        + "<p>ตัวบทฉบับเต็มเชื่อมโยงไปยังหน้าคลังกฎหมายของเว็บไซต์หน่วยงาน</p>"
    )
    return body, unit.page("laws")


_NEWS = (
    "{unit}จัดประชุมคณะทำงานขับเคลื่อนการประเมินคุณธรรมและความโปร่งใส (ITA) ครั้งที่ {n}",
    "{unit}จัดกิจกรรมรณรงค์ “ไม่รับ ไม่ให้” (No Gift Policy) แก่บุคลากร",
    "{unit}อบรมการใช้งานระบบการจัดซื้อจัดจ้างภาครัฐด้วยอิเล็กทรอนิกส์ (e-GP) รุ่นที่ {n}",
    "{unit}ร่วมกิจกรรมจิตอาสาพัฒนาพื้นที่สาธารณะ",
    "{unit}ประชุมชี้แจงแนวทางการเบิกจ่ายงบประมาณไตรมาสที่ {n}",
    "{unit}เปิดรับฟังความคิดเห็นต่อร่างคู่มือการให้บริการ",
    "{unit}จัดสัมมนาเผยแพร่ความรู้ด้านการเงินการคลังแก่ส่วนราชการ",
    "{unit}ต้อนรับคณะผู้ตรวจราชการกระทรวงการคลังในการติดตามงาน",
)


def _news(ctx: ItemContext) -> tuple[str, str]:
    unit, rng = ctx.unit, ctx.rng
    short = unit.short_name_th
    days = sorted(rng.sample(range(28), 3))
    items = []
    for offset, template in zip(days, rng.sample(_NEWS, 3), strict=True):
        day = ctx.as_of - dt.timedelta(days=offset)
        title = template.format(unit=short + " ", n=rng.randint(1, 4))
        items.append(f"<strong>{_date(day)}</strong> – {escape(title)}")
    body = "<h3>ข่าวประชาสัมพันธ์</h3>" + _list(items) + f"<p>{_link(unit.page('news'), 'ดูข่าวทั้งหมด')}</p>"
    return body, unit.page("news")


# --- 5.1.3 integrity statement -----------------------------------------------------------------


def _integrity(ctx: ItemContext) -> tuple[str, str, str]:
    unit, head = ctx.unit, ctx.staff.head
    be_year = fiscal_year_of(ctx.as_of)
    body_th = (
        f"<h3>ประกาศเจตจำนงสุจริตในการบริหารงาน ปีงบประมาณ พ.ศ. {be_year}</h3>"
        f"<p>ข้าพเจ้า {escape(head.name.full_th)} {escape(unit.head_title_th)} ขอประกาศเจตจำนงว่า "
        f"จะบริหารงาน{escape(unit.name_th)}ด้วยความซื่อสัตย์สุจริต โปร่งใส และตรวจสอบได้ "
        "ตามหลักธรรมาภิบาล ดังนี้</p>"
        + _list(
            [
                "ปฏิบัติหน้าที่ด้วยความซื่อสัตย์ สุจริต ไม่แสวงหาประโยชน์โดยมิชอบ และไม่รับของขวัญหรือประโยชน์ใด ๆ",
                "เปิดเผยข้อมูลการดำเนินงานและการจัดซื้อจัดจ้างต่อสาธารณะอย่างถูกต้อง ครบถ้วน และเป็นปัจจุบัน",
                "เปิดโอกาสให้ประชาชนมีส่วนร่วมและร้องเรียนได้โดยไม่ถูกตอบโต้",
                "ป้องกันผลประโยชน์ทับซ้อน และดำเนินการทางวินัยอย่างเคร่งครัดกับผู้กระทำผิด",
            ],
            ordered=True,
        )
        + f"<p>ประกาศ ณ วันที่ {_date(ctx.as_of)}</p><p>({escape(head.name.full_th)})<br>{escape(unit.head_title_th)}</p>"
    )
    body_en = (
        f"<h3>Declaration of Integrity Intent, Fiscal Year {be_year - 543}</h3>"
        f"<p>I, {escape(head.name.full_en)}, {escape(unit.head_title_en)}, declare my intent to manage the "
        f"{escape(unit.name_en)} with honesty, transparency and accountability, in line with good governance:</p>"
        + _list(
            [
                "to perform my duties honestly, seek no undue benefit and accept no gifts or favours;",
                "to disclose our operations and procurement to the public correctly, completely and currently;",
                "to let the public take part and complain without fear of retaliation;",
                "to prevent conflicts of interest and to discipline wrongdoing strictly.",
            ],
            ordered=True,
        )
        + f"<p>Declared on {format_english_date(ctx.as_of)}.</p><p>({escape(head.name.full_en)})<br>"
        f"{escape(unit.head_title_en)}</p>"
    )
    return body_th, body_en, unit.page("integrity")


# --- 5.1.4–5.1.6 plan, progress, results -----------------------------------------------------


def _month_span(fiscal_year: int, first: int, last: int) -> str:
    start = month_of_fiscal_year(fiscal_year, first)
    end = month_of_fiscal_year(fiscal_year, last)
    return f"{format_thai_month(start, abbreviated=True)} – {format_thai_month(end, abbreviated=True)}"


def _action_plan(ctx: ItemContext) -> tuple[str, str]:
    unit = ctx.unit
    fiscal_year = fiscal_year_of(ctx.as_of)
    plan = projects(unit, fiscal_year)
    rows = [
        [str(i), escape(p.name), baht(p.budget), _month_span(fiscal_year, p.start_month, p.end_month),
         escape(f"{p.indicator}: {p.target}")]
        for i, p in enumerate(plan, start=1)
    ]  # fmt: skip
    total = sum((p.budget for p in plan), Decimal(0))
    rows.append(["", "<strong>รวม</strong>", f"<strong>{baht(total)}</strong>", "", ""])
    body = (
        f"<h3>แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {fiscal_year} {escape(unit.name_th)}</h3>"
        f"<p>{_fiscal_label(fiscal_year)} ประกอบด้วย {len(plan)} โครงการ งบประมาณรวม {baht(total)} บาท</p>"
        + _table(["ลำดับ", "โครงการ/กิจกรรม", "งบประมาณ (บาท)", "ระยะเวลาดำเนินการ", "ตัวชี้วัดและค่าเป้าหมาย"], rows)
    )
    return body, unit.page(f"plans/action-plan-{fiscal_year}")


def _progress(ctx: ItemContext) -> tuple[str, str]:
    unit, rng = ctx.unit, ctx.rng
    fiscal_year = fiscal_year_of(ctx.as_of)
    start, end = fiscal_year_bounds(fiscal_year)
    elapsed = min(1.0, max(0.05, (ctx.as_of - start).days / (end - start).days))
    rows = []
    spent_total = Decimal(0)
    plan = projects(unit, fiscal_year)
    for i, project in enumerate(plan, start=1):
        progress = min(100, round(elapsed * 100 * rng.uniform(0.6, 1.3)))
        spent = (project.budget * Decimal(progress) / 100 * Decimal(str(round(rng.uniform(0.7, 1.0), 2)))).quantize(
            Decimal("0.01")
        )
        spent_total += spent
        status = "แล้วเสร็จ" if progress >= 100 else ("ตามแผน" if progress >= elapsed * 90 else "ล่าช้ากว่าแผน")
        rows.append([str(i), escape(project.name), baht(project.budget), baht(spent), f"{progress}%", status])
    budget_total = sum((p.budget for p in plan), Decimal(0))
    rows.append(["", "<strong>รวม</strong>", baht(budget_total), baht(spent_total), "", ""])
    rate = spent_total / budget_total * 100 if budget_total else Decimal(0)
    body = (
        f"<h3>รายงานการกำกับติดตามการดำเนินงานตามแผนปฏิบัติราชการ ปีงบประมาณ พ.ศ. {fiscal_year}</h3>"
        f"<p>ผลการดำเนินงานและการใช้จ่ายงบประมาณ ณ วันที่ {_date(ctx.as_of)} "
        f"เบิกจ่ายแล้ว {baht(spent_total)} บาท คิดเป็นร้อยละ {rate:.2f} ของงบประมาณทั้งหมด</p>"
        + _table(["ลำดับ", "โครงการ/กิจกรรม", "งบประมาณ (บาท)", "เบิกจ่ายแล้ว (บาท)", "ความก้าวหน้า", "สถานะ"], rows)
    )
    return body, unit.page(f"plans/progress-{fiscal_year}")


def _annual_report(ctx: ItemContext) -> tuple[str, str]:
    unit, rng = ctx.unit, ctx.rng
    year = fiscal_year_of(ctx.as_of) - 1
    plan = projects(unit, year)
    rows = []
    achieved = 0
    for project in plan:
        met = rng.random() < 0.8
        achieved += met
        rows.append([escape(project.indicator), escape(project.target), "บรรลุ" if met else "ไม่บรรลุ"])
    spent_rate = rng.uniform(91, 99.5)
    body = (
        f"<h3>รายงานผลการปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {year}</h3>"
        f"<p>{escape(unit.name_th)} ดำเนินโครงการตามแผนปฏิบัติราชการ {len(plan)} โครงการ "
        f"บรรลุเป้าหมาย {achieved} โครงการ และเบิกจ่ายงบประมาณร้อยละ {spent_rate:.2f}</p>"
        + _table(["ตัวชี้วัด", "ค่าเป้าหมาย", "ผลการดำเนินงาน"], rows)
        + "<p><strong>ผลการประเมิน:</strong> การดำเนินงานส่วนใหญ่เป็นไปตามแผน "
        "โครงการที่ไม่บรรลุเป้าหมายเกิดจากการปรับแผนการจัดซื้อจัดจ้างระหว่างปี</p>"
        "<p><strong>ข้อเสนอแนะ:</strong></p>"
        + _list(
            [
                "เร่งรัดการจัดซื้อจัดจ้างให้แล้วเสร็จภายในไตรมาสที่ 2",
                "ทบทวนตัวชี้วัดให้สะท้อนผลลัพธ์ต่อผู้รับบริการ",
                "ติดตามความก้าวหน้ารายเดือนและรายงานผู้บริหารอย่างสม่ำเสมอ",
            ],
            ordered=True,
        )
    )
    return body, unit.page(f"reports/annual-{year}")


# --- 5.1.7 procurement -------------------------------------------------------------------------


def _procurement_plan(ctx: ItemContext) -> tuple[str, str]:
    unit = ctx.unit
    fiscal_year = fiscal_year_of(ctx.as_of)
    plan = procurements(unit, fiscal_year)
    rows = [
        [str(i), escape(p.name), baht(p.budget), escape(p.method),
         format_thai_month(month_of_fiscal_year(fiscal_year, p.planned_month))]
        for i, p in enumerate(plan, start=1)
    ]  # fmt: skip
    total = sum((p.budget for p in plan), Decimal(0))
    body = (
        f"<h3>แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {fiscal_year} {escape(unit.name_th)}</h3>"
        f"<p>จำนวน {len(plan)} รายการ วงเงินงบประมาณรวม {baht(total)} บาท "
        "ประกาศในระบบการจัดซื้อจัดจ้างภาครัฐ (e-GP) แล้ว</p>"
        + _table(["ลำดับ", "รายการ", "วงเงินงบประมาณ (บาท)", "วิธีจัดหา", "คาดว่าจะประกาศจัดซื้อจัดจ้าง"], rows)
    )
    return body, unit.page(f"procurement/plan-{fiscal_year}")


_SKR1_HEADER = [
    "ลำดับ",
    "งานที่จัดซื้อจัดจ้าง",
    "วงเงินที่จะซื้อหรือจ้าง (บาท)",
    "ราคากลาง (บาท)",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
]


def _skr1_rows(records: list[Procurement]) -> list[list[str]]:
    rows = []
    for i, p in enumerate(records, start=1):
        winner, price = p.winner
        bidders = "<br>".join(f"{escape(name)} {baht(amount)} บาท" for name, amount in p.bids)
        kind = "สัญญาเลขที่" if p.budget > 100_000 else "ใบสั่งซื้อ/สั่งจ้างเลขที่"
        rows.append(
            [
                str(i), escape(p.name), baht(p.budget), baht(p.reference_price), escape(p.method), bidders,
                f"{escape(winner)} {baht(price)} บาท", escape(p.reason),
                f"{kind} {escape(p.contract_no)} ลงวันที่ {format_thai_date(p.contract_date, abbreviated=True)}",
            ]
        )  # fmt: skip
    return rows


def _procurement_records(ctx: ItemContext) -> DraftContent:
    unit = ctx.unit
    fiscal_year = fiscal_year_of(ctx.as_of)
    done = [p for p in procurements(unit, fiscal_year) if p.contract_date <= ctx.as_of]
    year_start, _end = fiscal_year_bounds(fiscal_year)
    if not done and ctx.rng.random() < 0.35:
        return DraftContent(
            as_of=ctx.as_of,
            nothing_to_publish=True,
            nothing_note_th=(
                f"ตั้งแต่วันที่ {_date(year_start)} ถึงวันที่ {_date(ctx.as_of)} {unit.name_th} "
                "ยังไม่มีการจัดซื้อจัดจ้างตามแผนที่ลงนามในสัญญา"
            ),
            nothing_note_en=(
                f"From {format_english_date(year_start)} to {format_english_date(ctx.as_of)} the {unit.name_en} "
                "signed no contract under its procurement plan."
            ),
        )
    shown_year = fiscal_year if done else fiscal_year - 1
    if not done:
        done = procurements(unit, shown_year)
    body = (
        f"<h3>ผลการจัดซื้อจัดจ้างรายโครงการ ปีงบประมาณ พ.ศ. {shown_year}</h3>"
        + _table(_SKR1_HEADER, _skr1_rows(done))
        + f"<p>ข้อมูลทุกรายการตรงกับระบบการจัดซื้อจัดจ้างภาครัฐ (e-GP) ณ วันที่ {_date(ctx.as_of)}</p>"
    )
    return _with_presentation(ctx, body, unit.page(f"procurement/results-{shown_year}"))


def _monthly_summary(ctx: ItemContext) -> DraftContent:
    unit = ctx.unit
    month = first_day_of_month(ctx.as_of)
    records = month_procurements(unit, month)
    label = format_thai_month(month)
    if not records:
        return DraftContent(
            as_of=ctx.as_of,
            nothing_to_publish=True,
            nothing_note_th=f"ในเดือน{label} {unit.name_th} ไม่มีการจัดซื้อจัดจ้าง",
            nothing_note_en=f"The {unit.name_en} made no procurement in {ENGLISH_MONTHS[month.month]} {month.year}.",
        )
    total = sum((r.winner[1] for r in records), Decimal(0))
    body = (
        f"<h3>สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน{label} (แบบ สขร.1)</h3>"
        f"<p>{escape(unit.name_th)} จำนวน {len(records)} รายการ รวมเป็นเงิน {baht(total)} บาท</p>"
        + _table(_SKR1_HEADER, _skr1_rows(records))
    )
    return _with_presentation(ctx, body, unit.page(f"procurement/summary-{month:%Y-%m}"))


# --- 5.1.8–5.1.11 manuals and channels ---------------------------------------------------------


def _operating_manuals(ctx: ItemContext) -> tuple[str, str]:
    unit = ctx.unit
    year = to_be_year(ctx.as_of.year)
    manuals = [f"คู่มือการปฏิบัติงาน{section}" for section in unit.sections[:3]]
    manuals += ["คู่มือการปฏิบัติงานด้านการจัดซื้อจัดจ้างและการบริหารพัสดุ", "มาตรฐานการปฏิบัติงานด้านสารบรรณอิเล็กทรอนิกส์"]
    items = [
        f"{_link(unit.page(f'manuals/operating-{i}'), manual)} (ปรับปรุง พ.ศ. {year - (i % 3)})"
        for i, manual in enumerate(manuals, start=1)
    ]
    body = f"<h3>คู่มือหรือมาตรฐานการปฏิบัติงาน {escape(unit.name_th)}</h3>" + _list(items, ordered=True)
    return body, unit.page("manuals/operating")


def _service_manuals(ctx: ItemContext) -> tuple[str, str]:
    unit = ctx.unit
    services = ["คู่มือการให้บริการข้อมูลข่าวสารของราชการ", "คู่มือการรับและจัดการเรื่องร้องเรียน"]
    if unit.kind is UnitKind.PROVINCIAL:
        services.append("คู่มือการให้คำปรึกษาด้านการเงิน การบัญชี และการพัสดุแก่ส่วนราชการในจังหวัด")
    else:
        services.append(f"คู่มือการให้บริการของ{unit.name_th}")
    body = f"<h3>คู่มือหรือมาตรฐานการให้บริการ {escape(unit.name_th)}</h3>" + _list(
        [f"{escape(s)} – ระยะเวลาให้บริการตามมาตรฐาน 1–15 วันทำการ" for s in services], ordered=True
    )
    if unit.is_support_unit:
        flows = []
        for duty in unit.duties[:3]:
            steps = ["รับคำขอ/เรื่องผ่านระบบสารบรรณ", "ตรวจสอบความครบถ้วน", "ดำเนินการตามภารกิจ",
                     "เสนอผู้อำนวยการพิจารณา", "แจ้งผลและจัดเก็บหลักฐาน"]  # fmt: skip
            flows.append(f"<strong>{escape(duty)}</strong>: " + " → ".join(steps))
        body += "<h4>แผนผังขั้นตอนการปฏิบัติงาน (Flow Chart) รายภารกิจ</h4>" + _list(flows)
    return body, unit.page("manuals/service")


def _opinion_channels(ctx: ItemContext) -> tuple[str, str]:
    unit, rng = ctx.unit, ctx.rng
    score = rng.uniform(82, 95)
    body = (
        "<h3>ช่องทางการรับฟังความคิดเห็นของผู้รับบริการ</h3>"
        + _list(
            [
                f"แบบฟอร์มแสดงความคิดเห็นออนไลน์: {_link(unit.page('feedback'), unit.page('feedback'))}",
                f"แบบสำรวจความพึงพอใจหลังรับบริการ (QR Code ณ จุดบริการ และ {_link(unit.page('survey'), 'ออนไลน์')})",
                f"อีเมล: {_link('mailto:' + unit.email, unit.email)}",
                f"โทรศัพท์: {_phone(unit, 100)} ในวันและเวลาราชการ",
                "กล่องรับความคิดเห็น ณ จุดให้บริการ ชั้น 1",
            ]
        )
        + f"<p>ผลการสำรวจความพึงพอใจรอบล่าสุด ร้อยละ {score:.1f} "
        "ความคิดเห็นทุกเรื่องได้รับการพิจารณาและรายงานผู้บริหารทุกไตรมาส</p>"
    )
    return body, unit.page("feedback")


def _complaint_channels(ctx: ItemContext) -> tuple[str, str]:
    unit = ctx.unit
    body = (
        "<h3>ช่องทางการร้องเรียน/ข้อเสนอแนะ</h3>"
        + _list(
            [
                f"ระบบรับเรื่องร้องเรียนออนไลน์: {_link(unit.page('complaints'), unit.page('complaints'))}",
                f"อีเมล: {_link('mailto:' + unit.email, unit.email)}",
                f"หนังสือถึง{escape(unit.head_title_th)} {escape(unit.address_th)}",
                f"โทรศัพท์ {_phone(unit, 100)} หรือยื่นด้วยตนเองในวันและเวลาราชการ",
            ]
        )
        + "<p><strong>ขั้นตอนการจัดการเรื่องร้องเรียน</strong></p>"
        + _list(
            [
                "ลงทะเบียนรับเรื่องภายใน 1 วันทำการ และแจ้งผู้ร้องเรียนทราบภายใน 3 วันทำการ",
                "ส่งเรื่องให้ส่วนงานที่เกี่ยวข้องตรวจสอบข้อเท็จจริง",
                "ดำเนินการให้แล้วเสร็จภายใน 15 วันทำการ (เรื่องทุจริตภายใน 30 วัน)",
                "แจ้งผลการดำเนินการให้ผู้ร้องเรียนทราบ และรายงานผู้บริหารทุกเดือน",
            ],
            ordered=True,
        )
        + "<p>ข้อมูลของผู้ร้องเรียนจะถูกเก็บเป็นความลับ และผู้ร้องเรียนจะได้รับความคุ้มครองจากการถูกกลั่นแกล้ง</p>"
    )
    return body, unit.page("complaints")


# --- assembling ---------------------------------------------------------------------------------


def _with_presentation(ctx: ItemContext, body_th: str, url: str, body_en: str = "", url_en: str = "") -> DraftContent:
    if ctx.presentation is Presentation.LINK_ONLY:
        body_th, body_en = "", ""
    if ctx.presentation is Presentation.TEXT:
        url, url_en = "", ""
    if body_th:
        body_th += _as_of_line(ctx.as_of)
    return DraftContent(
        body_th=body_th,
        body_en=body_en,
        url_th=url,
        url_en=url_en,
        as_of=ctx.as_of,
        change_note=ctx.change_note,
    )


_SIMPLE: dict[str, Callable[[ItemContext], tuple[str, str]]] = {
    "5.1.1.1": _structure,
    "5.1.1.2": _executives,
    "5.1.1.3": _duties,
    "5.1.1.4": _strategic_plan,
    "5.1.1.5": _contacts,
    "5.1.1.6": _laws,
    "5.1.2": _news,
    "5.1.4": _action_plan,
    "5.1.5": _progress,
    "5.1.6": _annual_report,
    "5.1.7.1": _procurement_plan,
    "5.1.8": _operating_manuals,
    "5.1.9": _service_manuals,
    "5.1.10": _opinion_channels,
    "5.1.11": _complaint_channels,
}


def draft_content(code: str, ctx: ItemContext) -> DraftContent:
    """Return what the unit's editor enters for the item with this code."""
    if code == "5.1.3":
        body_th, body_en, url = _integrity(ctx)
        # The statement must be published in both languages (measure 5.1.3): always carry both texts.
        url_th, url_en = ("", "") if ctx.presentation is Presentation.TEXT else (url, url + "?lang=en")
        return DraftContent(
            body_th=body_th, body_en=body_en, url_th=url_th, url_en=url_en, as_of=ctx.as_of,
            change_note=ctx.change_note,
        )  # fmt: skip
    if code == "5.1.7.2":
        return _procurement_records(ctx)
    if code == "5.1.7.3":
        return _monthly_summary(ctx)
    body_th, url = _SIMPLE[code](ctx)
    body_en = _contacts_en(ctx) if code == "5.1.1.5" else ""
    return _with_presentation(ctx, body_th, url, body_en)


def as_of_for(code: str, written_on: dt.date, rng: random.Random) -> dt.date:
    """Return the "information as of" date an editor writing on `written_on` gives the item."""
    if code == "5.1.7.3":
        # The monthly summary reports the month just ended.
        return last_day_of_month(add_months(first_day_of_month(written_on), -1))
    return written_on - dt.timedelta(days=rng.randint(0, 3))


_RETURN_REASONS: dict[str, tuple[str, str]] = {
    "5.1.1.1": ("complete", "แผนผังยังไม่แสดงกลุ่มงานที่จัดตั้งใหม่ตามคำสั่งล่าสุด และยังไม่ระบุตำแหน่งหัวหน้ากลุ่มงาน"),
    "5.1.1.2": ("current", "รายชื่อผู้บริหารยังเป็นชุดก่อนการแต่งตั้งครั้งล่าสุด กรุณาปรับปรุงและระบุตำแหน่งที่ว่าง"),
    "5.1.1.3": ("correct", "สรุปอำนาจหน้าที่ยังอ้างคำสั่งมอบหมายงานฉบับเดิม กรุณาอ้างอิงฉบับที่ใช้บังคับในปัจจุบัน"),
    "5.1.1.4": ("current", "แผนที่แนบยังเป็นฉบับก่อนทบทวน กรุณาแนบแผนฉบับทบทวนที่ครอบคลุมปีงบประมาณปัจจุบัน"),
    "5.1.1.5": ("correct", "หมายเลขโทรสารไม่ถูกต้อง และลิงก์แผนที่ยังเปิดไม่ได้"),
    "5.1.1.6": ("complete", "ยังขาดกฎหมายว่าด้วยการบริหารงานภาครัฐผ่านระบบดิจิทัล และลิงก์บางรายการเปิดไม่ได้"),
    "5.1.2": ("current", "ข่าวล่าสุดเก่ากว่า 1 เดือน กรุณาเพิ่มข่าวการดำเนินงานของเดือนนี้"),
    "5.1.3": ("correct", "ฉบับภาษาอังกฤษระบุวันที่ไม่ตรงกับฉบับภาษาไทย กรุณาแก้ไขให้เป็นฉบับเดียวกัน"),
    "5.1.4": ("complete", "โครงการลำดับที่ 3 ยังไม่ระบุระยะเวลาดำเนินการ"),
    "5.1.5": ("current", "ข้อมูลความก้าวหน้ายังเป็นข้อมูลไตรมาสก่อน กรุณาปรับเป็นข้อมูล ณ สิ้นรอบรายงาน"),
    "5.1.6": ("complete", "ยังไม่มีผลการประเมินและข้อเสนอแนะสำหรับปีถัดไป"),
    "5.1.7.1": ("complete", "แผนยังไม่ครบทุกรายการที่ได้รับจัดสรรงบประมาณ กรุณาเพิ่มรายการจ้างเหมาบริการ"),
    "5.1.7.2": ("complete", "รายการที่ 2 ยังไม่ระบุเลขที่และวันที่ของสัญญา และเหตุผลที่คัดเลือกโดยสรุป"),
    "5.1.7.3": ("correct", "ยอดรวมในแบบ สขร.1 ไม่ตรงกับรายการในระบบ e-GP กรุณาตรวจสอบอีกครั้ง"),
    "5.1.8": ("current", "คู่มือบางฉบับจัดทำเกิน 3 ปี กรุณาทบทวนหรือยืนยันว่ายังใช้บังคับ"),
    "5.1.9": ("complete", "ยังขาดแผนผังขั้นตอนของภารกิจด้านการพัสดุ"),
    "5.1.10": ("correct", "แบบฟอร์มแสดงความคิดเห็นออนไลน์ส่งข้อความไม่สำเร็จเมื่อทดสอบ กรุณาตรวจสอบ"),
    "5.1.11": ("complete", "ยังไม่ได้ระบุระยะเวลาแจ้งผลการดำเนินการให้ผู้ร้องเรียนทราบ"),
}

FIXES: dict[str, str] = {
    "5.1.1.1": "เพิ่มกลุ่มงานที่จัดตั้งใหม่และตำแหน่งหัวหน้ากลุ่มงานในแผนผัง",
    "5.1.1.2": "ปรับรายชื่อผู้บริหารตามคำสั่งแต่งตั้งล่าสุด และระบุตำแหน่งที่ว่าง",
    "5.1.1.3": "อ้างอิงคำสั่งมอบหมายงานฉบับปัจจุบัน",
    "5.1.1.4": "แนบแผนยุทธศาสตร์ฉบับทบทวน",
    "5.1.1.5": "แก้ไขหมายเลขโทรสารและลิงก์แผนที่",
    "5.1.1.6": "เพิ่มกฎหมายที่ขาดและแก้ไขลิงก์",
    "5.1.2": "เพิ่มข่าวประจำเดือน",
    "5.1.3": "แก้ไขวันที่ฉบับภาษาอังกฤษให้ตรงกับฉบับภาษาไทย",
    "5.1.4": "ระบุระยะเวลาดำเนินการครบทุกโครงการ",
    "5.1.5": "ปรับข้อมูลความก้าวหน้า ณ สิ้นรอบรายงาน",
    "5.1.6": "เพิ่มผลการประเมินและข้อเสนอแนะ",
    "5.1.7.1": "เพิ่มรายการจ้างเหมาบริการให้ครบตามงบประมาณที่ได้รับจัดสรร",
    "5.1.7.2": "เพิ่มเลขที่และวันที่ของสัญญา และเหตุผลที่คัดเลือก",
    "5.1.7.3": "แก้ไขยอดรวมให้ตรงกับระบบ e-GP",
    "5.1.8": "ทบทวนคู่มือที่จัดทำเกิน 3 ปี",
    "5.1.9": "เพิ่มแผนผังขั้นตอนภารกิจด้านการพัสดุ",
    "5.1.10": "แก้ไขแบบฟอร์มออนไลน์ให้ใช้งานได้",
    "5.1.11": "ระบุระยะเวลาแจ้งผลแก่ผู้ร้องเรียน",
}

REVISIONS: dict[str, str] = {
    "5.1.1.1": "ปรับโครงสร้างตามคำสั่งมอบหมายงานใหม่",
    "5.1.1.2": "ปรับปรุงรายชื่อผู้บริหารหลังการแต่งตั้งโยกย้าย",
    "5.1.1.4": "เผยแพร่แผนยุทธศาสตร์ฉบับทบทวนประจำปี",
    "5.1.2": "เพิ่มข่าวประชาสัมพันธ์ประจำเดือน",
    "5.1.4": "แผนปฏิบัติราชการปีงบประมาณใหม่",
    "5.1.5": "รายงานความก้าวหน้ารอบใหม่",
    "5.1.7.1": "แผนการจัดซื้อจัดจ้างปีงบประมาณใหม่",
    "5.1.7.2": "เพิ่มรายการจัดซื้อจัดจ้างที่ลงนามสัญญาแล้ว",
    "5.1.7.3": "สรุปผลการจัดซื้อจัดจ้างประจำเดือน",
}


def revision_note(code: str) -> str:
    """Return the "what changed" note of a routine update of the item."""
    return REVISIONS.get(code, "ทบทวนและปรับปรุงข้อมูลให้เป็นปัจจุบันตามรอบ 6 เดือน")


def return_verdicts(code: str) -> Verdicts:
    """Return the verdicts and comments of a reviewer who sends the item back."""
    failing, comment = _RETURN_REASONS[code]
    return Verdicts(
        correct=failing != "correct",
        complete=failing != "complete",
        current=failing != "current",
        correct_comment=comment if failing == "correct" else "",
        complete_comment=comment if failing == "complete" else "",
        current_comment=comment if failing == "current" else "",
        comment="กรุณาแก้ไขแล้วส่งตรวจสอบอีกครั้ง",
    )


def approve_verdicts(rng: random.Random) -> Verdicts:
    """Return the verdicts of a reviewer who approves, sometimes with a short remark."""
    remark = rng.choice(("", "", "ถูกต้อง ครบถ้วน เป็นปัจจุบัน อนุมัติให้เผยแพร่", "ตรวจสอบแล้ว เผยแพร่ได้"))
    return Verdicts(correct=True, complete=True, current=True, comment=remark)
