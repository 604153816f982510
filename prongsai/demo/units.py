"""The demo department and its units: an illustrative Office of the Permanent Secretary, Ministry of Finance.

The data is illustrative. Division and office names follow the kind of structure such an office
has, but the sections, duties, addresses, telephone numbers and websites are invented for the
demo; every e-mail address lives under the reserved `.example` top-level domain so nothing real
is implied, and every unit's website is a demo site served on the local machine (sites.py).
"""

from dataclasses import dataclass
from enum import StrEnum

DEMO_DOMAIN = "mof-demo.example"
DEPARTMENT_SLUG = "ops"


class UnitKind(StrEnum):
    DEPARTMENT = "department"
    CENTRAL = "central"
    PROVINCIAL = "provincial"


@dataclass(frozen=True)
class UnitSpec:
    """One organization of the demo: the department, a central division or a provincial office."""

    slug: str
    name_th: str
    name_en: str
    short_name_th: str
    kind: UnitKind
    head_title_th: str
    head_title_en: str
    sections: tuple[str, ...]
    duties: tuple[str, ...]
    is_support_unit: bool = False
    uses_review_groups: bool = False
    province_th: str = ""
    province_en: str = ""
    postcode: str = ""
    floor: int = 0

    @property
    def website(self) -> str:
        """The unit's own website: served by the demo itself (see sites.py) so the monitor can check it."""
        from .sites import demo_site_url

        return demo_site_url(self.slug)

    def page(self, path: str) -> str:
        """Return the address of a page on the unit's website."""
        return f"{self.website}{path.lstrip('/')}"

    @property
    def email(self) -> str:
        return f"saraban.{self.slug}@{DEMO_DOMAIN}"

    @property
    def address_th(self) -> str:
        if self.kind is UnitKind.PROVINCIAL:
            return (
                f"ศาลากลางจังหวัด{self.province_th} (อาคารหลังที่ 2 ชั้น 3) อำเภอเมือง{self.province_th} "
                f"จังหวัด{self.province_th} {self.postcode}"
            )
        floor = f" ชั้น {self.floor}" if self.floor else ""
        return f"อาคารสำนักงานปลัดกระทรวงการคลัง{floor} ถนนพระรามที่ 6 แขวงพญาไท เขตพญาไท กรุงเทพมหานคร 10400"

    @property
    def address_en(self) -> str:
        if self.kind is UnitKind.PROVINCIAL:
            return (
                f"{self.province_en} Provincial Hall, Building 2, 3rd floor, Mueang {self.province_en} District, "
                f"{self.province_en} {self.postcode}"
            )
        floor = f", floor {self.floor}" if self.floor else ""
        return f"Office of the Permanent Secretary Building{floor}, Rama VI Road, Phaya Thai, Bangkok 10400"


DEPARTMENT = UnitSpec(
    slug=DEPARTMENT_SLUG,
    name_th="สำนักงานปลัดกระทรวงการคลัง",
    name_en="Office of the Permanent Secretary, Ministry of Finance",
    short_name_th="สป.กค.",
    kind=UnitKind.DEPARTMENT,
    head_title_th="ปลัดกระทรวงการคลัง",
    head_title_en="Permanent Secretary for Finance",
    sections=(
        "สำนักบริหารกลาง",
        "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
        "กองกฎหมาย",
        "กองยุทธศาสตร์และแผนงาน",
        "กองการเจ้าหน้าที่",
        "กลุ่มพัฒนาระบบบริหาร",
        "กลุ่มตรวจสอบภายใน",
        "ศูนย์ปฏิบัติการต่อต้านการทุจริต",
        "สำนักงานคลังจังหวัด 20 แห่ง",
    ),
    duties=(
        "ดำเนินการเกี่ยวกับราชการทั่วไปของกระทรวงการคลัง และราชการที่มิได้กำหนดให้เป็นหน้าที่ของส่วนราชการใดในกระทรวงโดยเฉพาะ",
        "พัฒนายุทธศาสตร์ แปลงนโยบายเป็นแนวทางและแผนการปฏิบัติราชการของกระทรวง",
        "กำกับ ติดตาม และประเมินผลการปฏิบัติราชการของส่วนราชการในสังกัดกระทรวง",
        "ประสานราชการระหว่างส่วนราชการในสังกัดกระทรวง และกับส่วนราชการอื่นที่เกี่ยวข้อง",
        "ส่งเสริมการบริหารราชการอย่างโปร่งใส ตรวจสอบได้ และการเปิดเผยข้อมูลต่อสาธารณะ",
    ),
    uses_review_groups=True,
    floor=4,
)


def _central(
    slug: str,
    name_th: str,
    name_en: str,
    short: str,
    sections: tuple[str, ...],
    duties: tuple[str, ...],
    *,
    floor: int,
    support: bool = False,
    groups: bool = False,
) -> UnitSpec:
    return UnitSpec(
        slug=slug,
        name_th=name_th,
        name_en=name_en,
        short_name_th=short,
        kind=UnitKind.CENTRAL,
        head_title_th=f"ผู้อำนวยการ{name_th}",
        head_title_en=f"Director, {name_en}",
        sections=sections,
        duties=duties,
        is_support_unit=support,
        uses_review_groups=groups,
        floor=floor,
    )


CENTRAL_UNITS: tuple[UnitSpec, ...] = (
    _central(
        "cao", "สำนักบริหารกลาง", "Central Administration Office", "สบก.",
        ("ฝ่ายบริหารทั่วไป", "กลุ่มงานการคลัง", "กลุ่มงานพัสดุ", "กลุ่มงานอาคารสถานที่", "กลุ่มงานสารบรรณ"),
        (
            "ดำเนินการเกี่ยวกับงานสารบรรณ งานช่วยอำนวยการ และงานเลขานุการของสำนักงานปลัดกระทรวง",
            "ดำเนินการเกี่ยวกับการเงิน การบัญชี งบประมาณ และการพัสดุของสำนักงานปลัดกระทรวง",
            "ดูแลอาคารสถานที่ ยานพาหนะ และการรักษาความปลอดภัย",
            "ประสานการจัดซื้อจัดจ้างผ่านระบบการจัดซื้อจัดจ้างภาครัฐด้วยอิเล็กทรอนิกส์ (e-GP)",
        ),
        floor=2, support=True, groups=True,
    ),
    _central(
        "ict", "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร", "Information and Communication Technology Center", "ศทส.",
        ("ฝ่ายบริหารทั่วไป", "กลุ่มระบบสารสนเทศ", "กลุ่มโครงสร้างพื้นฐานและความมั่นคงปลอดภัย", "กลุ่มข้อมูลและเว็บไซต์"),
        (
            "จัดทำแผนแม่บทเทคโนโลยีสารสนเทศและการสื่อสารของสำนักงานปลัดกระทรวง",
            "พัฒนาและดูแลระบบสารสนเทศ เครือข่าย และความมั่นคงปลอดภัยไซเบอร์",
            "กำกับและติดตามการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงานในสังกัด",
            "ส่งเสริมการเปิดเผยข้อมูลภาครัฐในรูปแบบข้อมูลเปิด",
        ),
        floor=5, support=True, groups=True,
    ),
    _central(
        "legal", "กองกฎหมาย", "Legal Affairs Division", "กกม.",
        ("ฝ่ายบริหารทั่วไป", "กลุ่มงานนิติการ", "กลุ่มงานคดี", "กลุ่มงานความรับผิดทางแพ่ง"),
        (
            "ให้ความเห็นและคำปรึกษาทางกฎหมายแก่สำนักงานปลัดกระทรวงและหน่วยงานในสังกัด",
            "ดำเนินการเกี่ยวกับคดีปกครอง คดีแพ่ง และคดีอาญาที่สำนักงานปลัดกระทรวงเป็นคู่กรณี",
            "ยกร่างและพิจารณาร่างกฎหมาย กฎ ระเบียบ และประกาศที่เกี่ยวข้อง",
            "ดำเนินการเกี่ยวกับความรับผิดทางละเมิดของเจ้าหน้าที่",
        ),
        floor=3,
    ),
    _central(
        "psdg", "กลุ่มพัฒนาระบบบริหาร", "Public Sector Development Group", "กพบ.",
        ("งานพัฒนาองค์การ", "งานมาตรฐานการปฏิบัติงาน", "งานการบริหารความเสี่ยง"),
        (
            "เสนอแนะและให้คำปรึกษาเกี่ยวกับยุทธศาสตร์การพัฒนาระบบราชการภายในสำนักงานปลัดกระทรวง",
            "ติดตาม ประเมินผล และจัดทำรายงานเกี่ยวกับการพัฒนาระบบราชการ",
            "จัดทำคู่มือและมาตรฐานการปฏิบัติงานและการให้บริการ",
            "ประสานงานด้านการรับฟังความคิดเห็นของผู้รับบริการ",
        ),
        floor=3, support=True,
    ),
    _central(
        "plan", "กองยุทธศาสตร์และแผนงาน", "Strategy and Planning Division", "กยผ.",
        ("ฝ่ายบริหารทั่วไป", "กลุ่มยุทธศาสตร์", "กลุ่มแผนงานและงบประมาณ", "กลุ่มติดตามและประเมินผล"),
        (
            "จัดทำแผนยุทธศาสตร์และแผนปฏิบัติราชการของสำนักงานปลัดกระทรวง",
            "จัดทำคำของบประมาณและบริหารงบประมาณรายจ่ายประจำปี",
            "ติดตามและประเมินผลการดำเนินงานตามแผนปฏิบัติราชการ",
            "จัดทำรายงานผลการปฏิบัติราชการประจำปีเสนอผู้บริหาร",
        ),
        floor=4, groups=True,
    ),
    _central(
        "hr", "กองการเจ้าหน้าที่", "Human Resources Division", "กจ.",
        ("ฝ่ายบริหารทั่วไป", "กลุ่มอัตรากำลัง", "กลุ่มสรรหาและบรรจุแต่งตั้ง", "กลุ่มพัฒนาทรัพยากรบุคคล"),
        (
            "บริหารอัตรากำลัง การสรรหา การบรรจุและแต่งตั้งข้าราชการและลูกจ้าง",
            "พัฒนาทรัพยากรบุคคลและจัดทำแผนพัฒนาบุคลากร",
            "ดำเนินการเกี่ยวกับทะเบียนประวัติ สวัสดิการ และบำเหน็จความชอบ",
        ),
        floor=2, support=True,
    ),
    _central(
        "audit", "กลุ่มตรวจสอบภายใน", "Internal Audit Group", "ตสน.",
        ("งานตรวจสอบการเงินและบัญชี", "งานตรวจสอบการดำเนินงาน", "งานตรวจสอบเทคโนโลยีสารสนเทศ"),
        (
            "ตรวจสอบการเงิน การบัญชี และการพัสดุของสำนักงานปลัดกระทรวง",
            "ตรวจสอบการดำเนินงานและประเมินประสิทธิภาพของการควบคุมภายใน",
            "ให้คำปรึกษาแก่ผู้บริหารเกี่ยวกับการบริหารความเสี่ยงและการควบคุมภายใน",
        ),
        floor=6, support=True,
    ),
    _central(
        "acoc", "ศูนย์ปฏิบัติการต่อต้านการทุจริต", "Anti-Corruption Operation Center", "ศปท.",
        ("งานป้องกันการทุจริต", "งานรับเรื่องร้องเรียน", "งานส่งเสริมคุณธรรมและความโปร่งใส"),
        (
            "จัดทำแผนปฏิบัติการป้องกันและปราบปรามการทุจริตและประพฤติมิชอบ",
            "รับและตรวจสอบเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่",
            "ขับเคลื่อนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
        ),
        floor=6,
    ),
    _central(
        "inspect", "กองตรวจราชการ", "Inspection Division", "กตร.",
        ("ฝ่ายบริหารทั่วไป", "กลุ่มตรวจราชการเขต", "กลุ่มติดตามนโยบายสำคัญ"),
        (
            "สนับสนุนการตรวจราชการของผู้ตรวจราชการกระทรวงการคลัง",
            "ติดตามการดำเนินงานตามนโยบายสำคัญของรัฐบาลและกระทรวงในพื้นที่",
            "จัดทำรายงานผลการตรวจราชการเสนอผู้บริหาร",
        ),
        floor=7,
    ),
    _central(
        "pr", "กองประชาสัมพันธ์", "Public Relations Division", "กปส.",
        ("ฝ่ายบริหารทั่วไป", "กลุ่มข่าวและสื่อมวลชนสัมพันธ์", "กลุ่มสื่อดิจิทัล"),
        (
            "เผยแพร่ข่าวสารและผลการดำเนินงานของกระทรวงการคลังต่อสาธารณะ",
            "ประสานงานกับสื่อมวลชนและจัดแถลงข่าว",
            "ดูแลสื่อสังคมออนไลน์และสื่อดิจิทัลของสำนักงานปลัดกระทรวง",
        ),
        floor=1,
    ),
    _central(
        "ethics", "กองวินัยและจริยธรรม", "Discipline and Ethics Division", "กวจ.",
        ("ฝ่ายบริหารทั่วไป", "กลุ่มงานวินัย", "กลุ่มงานจริยธรรม"),
        (
            "ดำเนินการทางวินัยและการอุทธรณ์ร้องทุกข์ของข้าราชการ",
            "ส่งเสริมและกำกับการปฏิบัติตามประมวลจริยธรรมข้าราชการพลเรือน",
            "รับเรื่องร้องเรียนเกี่ยวกับพฤติกรรมของเจ้าหน้าที่และประสานการสอบข้อเท็จจริง",
        ),
        floor=7,
    ),
    _central(
        "secretary", "สำนักงานเลขานุการปลัดกระทรวง", "Office of the Secretary to the Permanent Secretary", "สลป.",
        ("งานเลขานุการผู้บริหาร", "งานประชุม", "งานพิธีการ"),
        (
            "ปฏิบัติงานเลขานุการและช่วยอำนวยการแก่ปลัดกระทรวงและรองปลัดกระทรวง",
            "จัดการประชุมผู้บริหารและติดตามมติที่ประชุม",
            "ประสานงานพิธีการและการต้อนรับ",
        ),
        floor=4,
    ),
)  # fmt: skip


_PROVINCES: tuple[tuple[str, str, str, str], ...] = (
    ("cmi", "เชียงใหม่", "Chiang Mai", "50200"),
    ("cri", "เชียงราย", "Chiang Rai", "57000"),
    ("lpg", "ลำปาง", "Lampang", "52000"),
    ("plk", "พิษณุโลก", "Phitsanulok", "65000"),
    ("nsn", "นครสวรรค์", "Nakhon Sawan", "60000"),
    ("kkn", "ขอนแก่น", "Khon Kaen", "40000"),
    ("udn", "อุดรธานี", "Udon Thani", "41000"),
    ("nma", "นครราชสีมา", "Nakhon Ratchasima", "30000"),
    ("ubn", "อุบลราชธานี", "Ubon Ratchathani", "34000"),
    ("skn", "สกลนคร", "Sakon Nakhon", "47000"),
    ("ayt", "พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya", "13000"),
    ("kri", "กาญจนบุรี", "Kanchanaburi", "71000"),
    ("cbi", "ชลบุรี", "Chon Buri", "20000"),
    ("ryg", "ระยอง", "Rayong", "21000"),
    ("cti", "จันทบุรี", "Chanthaburi", "22000"),
    ("sni", "สุราษฎร์ธานี", "Surat Thani", "84000"),
    ("nst", "นครศรีธรรมราช", "Nakhon Si Thammarat", "80000"),
    ("pkt", "ภูเก็ต", "Phuket", "83000"),
    ("skh", "สงขลา", "Songkhla", "90000"),
    ("yla", "ยะลา", "Yala", "95000"),
)
_PROVINCES_WITH_GROUPS = {"cmi", "kkn", "skh"}


def _provincial(slug: str, province_th: str, province_en: str, postcode: str) -> UnitSpec:
    return UnitSpec(
        slug=slug,
        name_th=f"สำนักงานคลังจังหวัด{province_th}",
        name_en=f"{province_en} Provincial Finance Office",
        short_name_th=f"คจ.{province_th}",
        kind=UnitKind.PROVINCIAL,
        head_title_th=f"คลังจังหวัด{province_th}",
        head_title_en=f"Provincial Finance Officer, {province_en}",
        sections=(
            "ฝ่ายบริหารทั่วไป",
            "กลุ่มงานเศรษฐกิจการคลังจังหวัด",
            "กลุ่มงานการเงินและบัญชีภาครัฐ",
            "กลุ่มงานตรวจสอบและให้คำปรึกษา",
        ),
        duties=(
            f"เป็นผู้แทนกระทรวงการคลังในจังหวัด{province_th} และประสานงานกับส่วนราชการในพื้นที่",
            f"วิเคราะห์และรายงานภาวะเศรษฐกิจการคลังของจังหวัด{province_th}",
            "ให้คำปรึกษาด้านการเงิน การบัญชี การพัสดุ และการบริหารงบประมาณแก่ส่วนราชการในจังหวัด",
            "ติดตามการเบิกจ่ายงบประมาณของส่วนราชการในจังหวัดให้เป็นไปตามเป้าหมาย",
        ),
        uses_review_groups=slug in _PROVINCES_WITH_GROUPS,
        province_th=province_th,
        province_en=province_en,
        postcode=postcode,
    )


PROVINCIAL_UNITS: tuple[UnitSpec, ...] = tuple(_provincial(*row) for row in _PROVINCES)

UNITS: tuple[UnitSpec, ...] = CENTRAL_UNITS + PROVINCIAL_UNITS
ALL_ORGANIZATIONS: tuple[UnitSpec, ...] = (DEPARTMENT, *UNITS)
