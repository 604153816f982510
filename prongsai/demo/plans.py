"""Invented plans, projects and procurements of a demo unit for a fiscal year.

Each is derived from the unit's slug and the fiscal year alone, so the action plan (5.1.4), its
progress report (5.1.5), the annual report (5.1.6), the procurement plan (5.1.7.1) and the
procurement records (5.1.7.2, 5.1.7.3) of one unit agree with each other and with the attached
spreadsheets. Money is Decimal baht with satang, never float.
"""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from prongsai.thaidate import fiscal_year_bounds, fiscal_year_of, to_be_year

from .units import UnitKind, UnitSpec

SATANG = Decimal("0.01")


def baht(value: Decimal) -> str:
    """Format an amount as Thai documents do: 1,234,567.50."""
    return f"{value.quantize(SATANG, rounding=ROUND_HALF_UP):,.2f}"


@dataclass(frozen=True)
class Project:
    name: str
    budget: Decimal
    start_month: int  # 1 = October, the first month of the fiscal year
    end_month: int
    indicator: str
    target: str


_COMMON_PROJECTS = (
    ("โครงการส่งเสริมคุณธรรมและความโปร่งใสในการปฏิบัติงาน", "ร้อยละของบุคลากรที่เข้าร่วมกิจกรรม", "ร้อยละ 90"),
    ("โครงการพัฒนาบุคลากรด้านการเงิน การคลัง และการพัสดุ", "จำนวนบุคลากรที่ผ่านการอบรม", "60 คน"),
    ("โครงการเพิ่มประสิทธิภาพการให้บริการผ่านช่องทางดิจิทัล", "ระดับความพึงพอใจของผู้รับบริการ", "ร้อยละ 85"),
    ("โครงการบริหารความเสี่ยงและการควบคุมภายใน", "ร้อยละของความเสี่ยงที่ได้รับการจัดการ", "ร้อยละ 80"),
    ("โครงการประชาสัมพันธ์และเผยแพร่ผลการดำเนินงาน", "จำนวนช่องทางการเผยแพร่", "6 ช่องทาง"),
)
_CENTRAL_PROJECTS = {
    "cao": ("โครงการปรับปรุงระบบบริหารงานพัสดุ", "ร้อยละของการจัดซื้อจัดจ้างที่แล้วเสร็จตามแผน", "ร้อยละ 95"),
    "ict": ("โครงการพัฒนาระบบเฝ้าระวังการเผยแพร่ข้อมูลบนเว็บไซต์", "จำนวนเว็บไซต์หน่วยงานที่ได้รับการตรวจ", "33 เว็บไซต์"),
    "legal": ("โครงการพัฒนาฐานข้อมูลกฎหมายด้านการคลัง", "จำนวนกฎหมายที่นำเข้าฐานข้อมูล", "250 ฉบับ"),
    "psdg": ("โครงการพัฒนาคู่มือมาตรฐานการปฏิบัติงาน", "จำนวนคู่มือที่ได้รับการทบทวน", "12 ฉบับ"),
    "plan": ("โครงการทบทวนแผนยุทธศาสตร์สำนักงานปลัดกระทรวง", "ร้อยละความสำเร็จของการทบทวนแผน", "ร้อยละ 100"),
    "hr": ("โครงการพัฒนาสมรรถนะข้าราชการรุ่นใหม่", "จำนวนผู้ผ่านหลักสูตร", "80 คน"),
    "audit": ("โครงการตรวจสอบภายในแบบบูรณาการ", "จำนวนหน่วยรับตรวจ", "15 หน่วย"),
    "acoc": ("โครงการขับเคลื่อนการประเมิน ITA", "คะแนนการประเมิน ITA", "ไม่น้อยกว่า 90 คะแนน"),
    "inspect": ("โครงการติดตามนโยบายสำคัญในพื้นที่", "จำนวนจังหวัดที่ลงพื้นที่ติดตาม", "20 จังหวัด"),
    "pr": ("โครงการสื่อสารนโยบายการคลังสู่ประชาชน", "จำนวนผู้เข้าถึงสื่อออนไลน์", "500,000 ครั้ง"),
    "ethics": ("โครงการเสริมสร้างวินัยและจริยธรรมข้าราชการ", "ร้อยละของข้าราชการที่ผ่านการอบรม", "ร้อยละ 85"),
    "secretary": ("โครงการพัฒนาระบบติดตามมติที่ประชุมผู้บริหาร", "ร้อยละของมติที่ได้รับการติดตาม", "ร้อยละ 100"),
}
_PROVINCIAL_PROJECT = (
    "โครงการติดตามและวิเคราะห์ภาวะเศรษฐกิจการคลังจังหวัด",
    "จำนวนรายงานภาวะเศรษฐกิจจังหวัด",
    "12 ฉบับ",
)


def _round_budget(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low, high, 500))


def projects(unit: UnitSpec, fiscal_year: int) -> list[Project]:
    """Return the unit's action-plan projects of a fiscal year (Buddhist era)."""
    rng = random.Random(f"projects:{unit.slug}:{fiscal_year}")
    if unit.kind is UnitKind.PROVINCIAL:
        own = _PROVINCIAL_PROJECT
    else:
        own = _CENTRAL_PROJECTS.get(unit.slug, _COMMON_PROJECTS[0])
    chosen = [own, *rng.sample(_COMMON_PROJECTS, 3)]
    scale = 3 if unit.kind is UnitKind.DEPARTMENT else 1
    result = []
    for name, indicator, target in dict.fromkeys(chosen):
        start = rng.choice((1, 1, 2, 3, 4))
        result.append(
            Project(
                name=name,
                budget=_round_budget(rng, 80_000, 1_500_000) * scale,
                start_month=start,
                end_month=rng.choice((9, 11, 12, 12)),
                indicator=indicator,
                target=target,
            )
        )
    return result


def month_of_fiscal_year(fiscal_year: int, month_index: int) -> dt.date:
    """Return the first day of the n-th month (1 = October) of a fiscal year."""
    start, _end = fiscal_year_bounds(fiscal_year)
    year = start.year + (start.month - 1 + month_index - 1) // 12
    month = (start.month - 1 + month_index - 1) % 12 + 1
    return dt.date(year, month, 1)


class Method:
    SPECIFIC = "เฉพาะเจาะจง"
    SELECTION = "คัดเลือก"
    E_BIDDING = "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"
    E_MARKET = "ตลาดอิเล็กทรอนิกส์ (e-market)"


@dataclass(frozen=True)
class Procurement:
    """One line of the annual procurement plan and, once done, its สขร.1 record."""

    name: str
    budget: Decimal
    reference_price: Decimal
    method: str
    planned_month: int  # 1 = October
    bids: tuple[tuple[str, Decimal], ...]
    reason: str
    contract_no: str
    contract_date: dt.date

    @property
    def winner(self) -> tuple[str, Decimal]:
        return min(self.bids, key=lambda bid: bid[1])


_VENDORS: dict[str, tuple[str, ...]] = {
    "office": ("ร้านมั่นคงเครื่องเขียน", "บริษัท ไทยรุ่งเรืองออฟฟิศ จำกัด", "ห้างหุ้นส่วนจำกัด ทรัพย์อนันต์ซัพพลาย"),
    "it": ("บริษัท เอ็นเทคโซลูชั่นส์ จำกัด", "บริษัท ดาต้าไลน์ซิสเต็ม จำกัด", "บริษัท ไอคิวเน็ตเวิร์ค จำกัด",
           "บริษัท สยามคอมพ์เซ็นเตอร์ จำกัด"),
    "print": ("ห้างหุ้นส่วนจำกัด รุ่งทวีการพิมพ์", "ห้างหุ้นส่วนจำกัด ศรีนครการพิมพ์", "ร้านก๊อปปี้พลัส"),
    "building": ("บริษัท คลีนแอนด์แคร์เซอร์วิส จำกัด", "บริษัท การ์ดเดียนซีเคียวริตี้ จำกัด",
                 "บริษัท แอร์เซอร์วิสเอ็นจิเนียริ่ง จำกัด", "ห้างหุ้นส่วนจำกัด เย็นฉ่ำการช่าง"),
    "travel": ("บริษัท สยามทรานสปอร์ตเซอร์วิส จำกัด", "ห้างหุ้นส่วนจำกัด ทวีโชคทัวร์"),
    "event": ("บริษัท อีเวนต์พลัสออร์แกไนเซอร์ จำกัด", "บริษัท มีตติ้งโปรเซอร์วิส จำกัด",
              "ห้างหุ้นส่วนจำกัด ศรีนครพาณิชย์"),
    "supplies": ("ร้านเจริญพาณิชย์", "ห้างหุ้นส่วนจำกัด ทรัพย์อนันต์ซัพพลาย", "ร้านน้ำดื่มใสสะอาด"),
}  # fmt: skip
_GOODS = (
    ("จัดซื้อวัสดุสำนักงาน", 30_000, 180_000, False, "office"),
    ("จัดซื้อหมึกพิมพ์และวัสดุคอมพิวเตอร์", 40_000, 250_000, False, "it"),
    ("จ้างเหมาบริการทำความสะอาดอาคารสำนักงาน", 300_000, 1_400_000, False, "building"),
    ("จัดซื้อเครื่องคอมพิวเตอร์โน้ตบุ๊กสำหรับงานประมวลผล", 150_000, 900_000, True, "it"),
    ("จ้างเหมาบำรุงรักษาระบบปรับอากาศ", 60_000, 300_000, False, "building"),
    ("จ้างพิมพ์รายงานประจำปี", 50_000, 200_000, False, "print"),
    ("เช่าเครื่องถ่ายเอกสารระบบดิจิทัล", 80_000, 400_000, False, "office"),
    ("จ้างเหมารถตู้พร้อมพนักงานขับรถสำหรับการตรวจราชการ", 90_000, 450_000, False, "travel"),
    ("จ้างจัดประชุมสัมมนาเชิงปฏิบัติการ", 100_000, 600_000, False, "event"),
    ("จ้างพัฒนาและปรับปรุงเว็บไซต์หน่วยงาน", 200_000, 2_500_000, True, "it"),
    ("จัดซื้อลิขสิทธิ์ซอฟต์แวร์ป้องกันไวรัส", 100_000, 700_000, True, "it"),
    ("จ้างเหมาบริการรักษาความปลอดภัยอาคาร", 400_000, 1_800_000, False, "building"),
)


def _method_for(budget: Decimal, commodity: bool, rng: random.Random) -> str:
    if budget <= 500_000:
        return Method.SPECIFIC
    if commodity:
        return Method.E_MARKET
    return rng.choice((Method.E_BIDDING, Method.E_BIDDING, Method.SELECTION))


def procurements(unit: UnitSpec, fiscal_year: int) -> list[Procurement]:
    """Return the unit's procurements of a fiscal year, in the order of the plan."""
    rng = random.Random(f"procurements:{unit.slug}:{fiscal_year}")
    count = 7 if unit.kind is UnitKind.DEPARTMENT else rng.randint(4, 6)
    result = []
    for index, (name, low, high, commodity, trade) in enumerate(rng.sample(_GOODS, count), start=1):
        budget = _round_budget(rng, low, high)
        reference = (budget * Decimal(rng.randint(93, 100)) / 100).quantize(SATANG)
        method = _method_for(budget, commodity, rng)
        bidders = 1 if method == Method.SPECIFIC else rng.randint(2, len(_VENDORS[trade]))
        vendors = rng.sample(_VENDORS[trade], bidders)
        bids = tuple((vendor, (reference * Decimal(rng.randint(88, 100)) / 100).quantize(SATANG)) for vendor in vendors)
        if method == Method.SPECIFIC:
            reason = "ผู้เสนอราคามีคุณสมบัติตรงตามเงื่อนไข มีอาชีพขายหรือรับจ้างโดยตรง และเสนอราคาไม่เกินวงเงินงบประมาณ"
        else:
            reason = "เป็นผู้เสนอราคาต่ำสุด มีคุณสมบัติและข้อเสนอทางเทคนิคถูกต้องครบถ้วนตามเอกสารประกวดราคา"
        planned = rng.randint(1, 9)
        contract_month = month_of_fiscal_year(fiscal_year, planned)
        result.append(
            Procurement(
                name=name,
                budget=budget,
                reference_price=reference,
                method=method,
                planned_month=planned,
                bids=bids,
                reason=reason,
                contract_no=f"{index + rng.randint(0, 40)}/{fiscal_year}",
                contract_date=contract_month.replace(day=rng.randint(3, 27)),
            )
        )
    return sorted(result, key=lambda p: (p.planned_month, p.name))


_SMALL_PURCHASES = (
    ("จัดซื้อน้ำดื่มสำหรับบริการประชาชน", 1_500, 6_000, "supplies"),
    ("จ้างซ่อมแซมเครื่องพิมพ์", 1_200, 9_500, "it"),
    ("จัดซื้อวัสดุงานบ้านงานครัว", 2_000, 12_000, "supplies"),
    ("จ้างถ่ายเอกสารและเข้าเล่มรายงาน", 1_000, 8_000, "print"),
    ("จัดซื้อวัสดุไฟฟ้า", 2_500, 15_000, "building"),
    ("จ้างเหมาทำป้ายประชาสัมพันธ์", 3_000, 18_000, "print"),
)


def monthly_purchases(unit: UnitSpec, month: dt.date) -> list[Procurement]:
    """Return what the unit bought or hired in one calendar month (empty for a month without any)."""
    rng = random.Random(f"month:{unit.slug}:{month.year}-{month.month:02d}")
    if rng.random() < 0.2:
        return []
    result = []
    for index, (name, low, high, trade) in enumerate(rng.sample(_SMALL_PURCHASES, rng.randint(1, 3)), start=1):
        budget = Decimal(rng.randrange(low, high, 100))
        vendor = rng.choice(_VENDORS[trade])
        price = (budget * Decimal(rng.randint(90, 100)) / 100).quantize(SATANG)
        result.append(
            Procurement(
                name=name,
                budget=budget,
                reference_price=budget,
                method=Method.SPECIFIC,
                planned_month=0,
                bids=((vendor, price),),
                reason="ผู้ขายหรือผู้รับจ้างมีอาชีพโดยตรง เสนอราคาเหมาะสมและไม่เกินวงเงินที่กำหนด",
                contract_no=f"{month.month:02d}{index:02d}/{to_be_year(month.year)}",
                contract_date=month.replace(day=rng.randint(2, 26)),
            )
        )
    return sorted(result, key=lambda p: p.contract_date)


def month_procurements(unit: UnitSpec, month: dt.date) -> list[Procurement]:
    """Return every procurement of one calendar month in the order of its สขร.1: by contract date.

    The planned procurements signed that month come with the month's small purchases, which the
    annual plan does not list (they are bought as the need arises).
    """
    year_plan = procurements(unit, fiscal_year_of(month))
    signed = [p for p in year_plan if (p.contract_date.year, p.contract_date.month) == (month.year, month.month)]
    return sorted(signed + monthly_purchases(unit, month), key=lambda p: p.contract_date)


# --- the same data as records: codes of the procurement and plans apps ------------------------------------

METHOD_CODES = {
    Method.SPECIFIC: "specific",
    Method.SELECTION: "selection",
    Method.E_BIDDING: "e_bidding",
    Method.E_MARKET: "e_market",
}


def contract_kind(p: Procurement) -> str:
    """Return how the deal was sealed: a contract above 100,000 baht, else a purchase or work order."""
    if p.budget > 100_000:
        return "contract"
    return "purchase_order" if p.name.startswith("จัดซื้อ") else "work_order"


def record_status(p: Procurement) -> str:
    """Return where a procurement stands: a service hired or rented runs on; goods bought are delivered."""
    return "in_contract" if p.name.startswith(("จ้างเหมาบริการ", "เช่า")) else "completed"


def egp_number(unit: UnitSpec, p: Procurement) -> str:
    """Return the e-GP project number: planned procurements and purchases from 5,000 baht have one.

    Eleven digits: the Buddhist-era year's last two, the month, and a serial (drawn from the unit
    and the contract, so it is the same on every run).
    """
    if p.planned_month == 0 and p.budget < 5_000:
        return ""
    serial = random.Random(f"egp:{unit.slug}:{p.contract_no}:{p.name}").randrange(10_000, 9_999_999)
    return f"{to_be_year(p.contract_date.year) % 100:02d}{p.contract_date.month:02d}{serial:07d}"


def budget_source(fiscal_year: int) -> str:
    """Return where the money comes from, as the forms write it."""
    return f"งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {fiscal_year}"


PROGRAMMES = (
    ("แผนงานยุทธศาสตร์ตามภารกิจของหน่วยงาน", "Strategic programme of the unit's mission"),
    ("แผนงานพื้นฐานด้านการบริหารจัดการองค์การ", "Basic programme of organizational management"),
)


def programme_of(position: int) -> int:
    """Return the programme (index in PROGRAMMES) of the n-th project (0 first): the unit's own comes first."""
    return 0 if position == 0 else 1


def division_of(unit: UnitSpec, position: int) -> str:
    """Return the section responsible for the n-th project (0 first)."""
    return unit.sections[(position + 1) % len(unit.sections)]


@dataclass(frozen=True)
class MonthProgress:
    """A project's cumulative progress reported for one month of the fiscal year."""

    month_index: int  # 1 = October
    percent: Decimal  # physical progress, 0-100 with two decimals
    disbursed: Decimal  # baht disbursed to date, never above the budget
    status: str  # a ProgressStatus value of the plans app
    note_th: str = ""
    note_en: str = ""


_BEHIND_BY = Decimal(10)  # percentage points under the schedule that make a project "behind"


def project_progress(unit: UnitSpec, fiscal_year: int, project: Project, position: int) -> list[MonthProgress]:
    """Return a project's monthly progress over the fiscal year, each month cumulative.

    Before its start month a project is reported "not started". Each project has a pace: the last
    of the plan always lags (procurement took longer than planned) and is still behind in September;
    the others keep to their schedule or run a little ahead and finish by their end month. A project
    that reaches 100 % is completed, with most of its budget disbursed; one short of its schedule by
    ten points or more is behind. Progress and disbursement never go down, and disbursement never
    exceeds the budget.
    """
    rng = random.Random(f"progress:{unit.slug}:{fiscal_year}:{project.name}")
    lagging = position == len(projects(unit, fiscal_year)) - 1
    pace = rng.uniform(0.55, 0.72) if lagging else rng.uniform(1.0, 1.2)
    spending = Decimal(rng.randint(82, 95)) / 100  # of the progress, while work goes on
    final = Decimal(rng.randint(max(95, int(spending * 100)), 100)) / 100  # of the budget, once completed
    months = project.end_month - project.start_month + 1
    result = []
    percent = 0
    for index in range(1, 13):
        if index < project.start_month:
            result.append(MonthProgress(index, Decimal("0.00"), Decimal("0.00"), "not_started"))
            continue
        elapsed = min(1.0, (index - project.start_month + 1) / months)
        late_push = 0 if index <= project.end_month else (2 if lagging else 6) * (index - project.end_month)
        percent = max(percent, min(100, round(100 * elapsed * pace) + rng.randint(0, 3) + late_push))
        planned = round(100 * elapsed)
        share = final if percent == 100 else spending * Decimal(percent) / 100
        disbursed = (project.budget * share).quantize(SATANG, rounding=ROUND_DOWN)
        if result and disbursed < result[-1].disbursed:
            disbursed = result[-1].disbursed
        if percent == 100:
            status, note_th, note_en = "completed", "ดำเนินการแล้วเสร็จตามแผน", "Completed."
        elif percent <= planned - _BEHIND_BY:
            status = "behind"
            note_th = "ล่าช้ากว่าแผนเนื่องจากการจัดซื้อจัดจ้างใช้เวลามากกว่าที่กำหนด"
            note_en = "Behind schedule: the procurement took longer than planned."
        else:
            status, note_th, note_en = "on_schedule", "", ""
        result.append(MonthProgress(index, Decimal(percent).quantize(SATANG), disbursed, status, note_th, note_en))
    return result
