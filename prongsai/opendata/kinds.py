"""The datasets the department publishes, one of each kind per unit and one department-wide. Pure: no Django.

A kind says what a dataset holds, where its rows come from (a register item's published records,
the register itself, the opinion and complaint channels or the website monitor), how it is
described in Thai and English, and the DGA GD-Catalog metadata it carries.
"""

from dataclasses import dataclass
from enum import StrEnum


class DatasetKind(StrEnum):
    """What a dataset holds; the value is the last part of the dataset's name (`<unit slug>-<kind>`)."""

    REGISTER = "register"
    ACTION_PLANS = "action-plans"
    PLAN_PROGRESS = "plan-progress"
    PROCUREMENT_PLANS = "procurement-plans"
    PROCUREMENT_RECORDS = "procurement-records"
    CHANNEL_STATISTICS = "channel-statistics"
    MONITOR_SCORES = "monitor-scores"


class Scope(StrEnum):
    """Whose rows a dataset holds: one unit's, or every unit's of a department."""

    UNIT = "unit"
    DEPARTMENT = "department"


# GD-Catalog's data_type values (ประเภทชุดข้อมูล).
RECORDS = "ข้อมูลระเบียน"
STATISTICS = "ข้อมูลสถิติ"
# GD-Catalog's values that are the same for every dataset of the catalogue: published for the agency's
# mission, covering the country, public data, open to everyone.
GD_OBJECTIVE = "พันธกิจหน่วยงาน"
GD_GEO_COVERAGE = "ประเทศ"
GD_DATA_CATEGORY = "ข้อมูลสาธารณะ"
GD_DATA_CLASSIFICATION = "เปิดเผย"
GD_THAI = "ไทย"
GD_ENGLISH = "อังกฤษ"


@dataclass(frozen=True)
class Group:
    """A theme datasets are grouped under (CKAN's groups, DCAT's themes)."""

    name: str
    title_th: str
    title_en: str
    description_th: str
    description_en: str


GROUPS: tuple[Group, ...] = (
    Group(
        "transparency",
        "การเปิดเผยข้อมูลต่อสาธารณะ",
        "Public disclosure",
        "ข้อมูลที่หน่วยงานต้องเปิดเผยตามมาตรการและเกณฑ์การประเมิน ITA",
        "What the units must disclose under the measure and the ITA criteria.",
    ),
    Group(
        "planning",
        "แผนและผลการดำเนินงาน",
        "Plans and performance",
        "แผนปฏิบัติการประจำปีและความก้าวหน้าของโครงการ",
        "Annual action plans and the progress of their projects.",
    ),
    Group(
        "procurement",
        "การจัดซื้อจัดจ้าง",
        "Procurement",
        "แผนการจัดซื้อจัดจ้างและผลการจัดซื้อจัดจ้างรายเดือน",
        "Procurement plans and each month's procurement results.",
    ),
    Group(
        "participation",
        "การมีส่วนร่วมของประชาชน",
        "Public participation",
        "สถิติความคิดเห็นและเรื่องร้องเรียนที่หน่วยงานได้รับ",
        "Statistics of the opinions and complaints the units receive.",
    ),
    Group(
        "monitoring",
        "การตรวจติดตามเว็บไซต์",
        "Website monitoring",
        "ผลการตรวจเว็บไซต์ของหน่วยงานในแต่ละรอบการรายงาน",
        "The results of checking the units' websites in each reporting round.",
    ),
)
GROUP_NAMES = tuple(group.name for group in GROUPS)


@dataclass(frozen=True)
class KindSpec:
    """How a kind of dataset is described and where its rows come from."""

    kind: DatasetKind
    title_th: str
    title_en: str
    notes_th: str
    notes_en: str
    group: str
    tags: tuple[str, ...]
    data_type: str
    update_frequency_unit: str  # GD-Catalog หน่วยความถี่ของการปรับปรุงข้อมูล
    update_frequency_interval: int
    # The register item whose published records the rows come from (None: not from records).
    item_code: str | None = None
    # Procurement records are also published as OCDS release packages.
    ocds: bool = False


KIND_SPECS: dict[DatasetKind, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            DatasetKind.REGISTER,
            "ทะเบียนการเปิดเผยข้อมูล",
            "Disclosure register",
            "รายการข้อมูลที่ต้องเปิดเผยตามมาตรการทุกข้อ ข้อใดเผยแพร่แล้ว ฉบับใด เผยแพร่เมื่อใด และข้อมูล ณ วันที่ใด",
            "Every item the measure requires: whether it is published, which version, when it was published "
            "and the date its information is as of.",
            "transparency",
            ("ITA", "การเปิดเผยข้อมูล", "ความโปร่งใส", "transparency"),
            RECORDS,
            "วัน",
            1,
        ),
        KindSpec(
            DatasetKind.ACTION_PLANS,
            "แผนปฏิบัติการประจำปี",
            "Annual action plans",
            "แผนงาน โครงการและกิจกรรมตามแผนปฏิบัติการประจำปีงบประมาณ พร้อมงบประมาณ ระยะเวลา ผู้รับผิดชอบ "
            "ตัวชี้วัดและค่าเป้าหมาย (ข้อ 5.1.4)",
            "The programmes, projects and activities of each fiscal year's action plan, with budget, dates, "
            "responsible division, indicator and target (item 5.1.4).",
            "planning",
            ("แผนปฏิบัติการ", "งบประมาณ", "action plan", "budget"),
            RECORDS,
            "ปี",
            1,
            item_code="5.1.4",
        ),
        KindSpec(
            DatasetKind.PLAN_PROGRESS,
            "ความก้าวหน้าการดำเนินงานตามแผนปฏิบัติการ",
            "Action plan progress",
            "ผลการดำเนินงานรายเดือนของแต่ละโครงการ: ความก้าวหน้า การเบิกจ่ายงบประมาณ และสถานะ (ข้อ 5.1.5)",
            "Each project's monthly progress: physical progress, budget disbursed and status (item 5.1.5).",
            "planning",
            ("แผนปฏิบัติการ", "ผลการดำเนินงาน", "progress", "performance"),
            RECORDS,
            "เดือน",
            1,
            item_code="5.1.5",
        ),
        KindSpec(
            DatasetKind.PROCUREMENT_PLANS,
            "แผนการจัดซื้อจัดจ้าง",
            "Procurement plans",
            "แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ: รายการ วงเงิน วิธีการ และเดือนที่คาดว่าจะจัดซื้อจัดจ้าง (ข้อ 5.1.7.1)",
            "Each fiscal year's procurement plan: item, budget, method and the expected month (item 5.1.7.1).",
            "procurement",
            ("จัดซื้อจัดจ้าง", "แผนการจัดซื้อจัดจ้าง", "procurement", "procurement plan"),
            RECORDS,
            "ปี",
            1,
            item_code="5.1.7.1",
        ),
        KindSpec(
            DatasetKind.PROCUREMENT_RECORDS,
            "ผลการจัดซื้อจัดจ้าง",
            "Procurement results",
            "ผลการจัดซื้อจัดจ้างทุกรายการตามแบบ สขร.1: วงเงิน ราคากลาง วิธีการ ผู้เสนอราคา ผู้ได้รับการคัดเลือก "
            "ราคาที่ตกลง เหตุผล และสัญญา (ข้อ 5.1.7.2) รวมทั้งในรูปแบบ OCDS",
            "Every procurement as in the form สขร.1: budget, reference price, method, bidders, the selected vendor, "
            "the agreed price, the reason and the contract (item 5.1.7.2); also as OCDS.",
            "procurement",
            ("จัดซื้อจัดจ้าง", "สขร.1", "procurement", "OCDS"),
            RECORDS,
            "เดือน",
            1,
            item_code="5.1.7.2",
            ocds=True,
        ),
        KindSpec(
            DatasetKind.CHANNEL_STATISTICS,
            "สถิติความคิดเห็นและเรื่องร้องเรียน",
            "Opinion and complaint statistics",
            "จำนวนความคิดเห็นและเรื่องร้องเรียนที่ได้รับในแต่ละเดือน จำแนกตามประเภท หัวข้อ และสถานะ (ไม่มีข้อมูลส่วนบุคคล)",
            "The number of opinions and complaints received each month, by kind, topic and status (no personal data).",
            "participation",
            ("เรื่องร้องเรียน", "ความคิดเห็น", "complaints", "opinions"),
            STATISTICS,
            "วัน",
            1,
        ),
        KindSpec(
            DatasetKind.MONITOR_SCORES,
            "ผลการตรวจเว็บไซต์รายรอบ",
            "Website check scores by round",
            "คะแนนการตรวจเว็บไซต์ของหน่วยงานในแต่ละรอบการรายงาน (6 เดือนและ 12 เดือน) จากการตรวจครั้งล่าสุดของรอบ",
            "Each unit's website check score in each reporting round (6 and 12 months), from the round's last check.",
            "monitoring",
            ("ITA", "เว็บไซต์", "website", "monitoring"),
            STATISTICS,
            "ครึ่งปี",
            1,
        ),
    )
}
RECORD_KINDS = tuple(spec.kind for spec in KIND_SPECS.values() if spec.item_code)


# Kinds whose rows carry English names or codes beside the Thai; the records units type (plans, procurement) are Thai.
BILINGUAL_KINDS = frozenset({DatasetKind.REGISTER, DatasetKind.CHANNEL_STATISTICS, DatasetKind.MONITOR_SCORES})


def data_languages(kind: DatasetKind) -> list[str]:
    """Return GD-Catalog's data_language of a kind: Thai, and English where the rows carry it beside the Thai."""
    return [GD_THAI, GD_ENGLISH] if kind in BILINGUAL_KINDS else [GD_THAI]


def dataset_name(organization_slug: str, kind: DatasetKind) -> str:
    """Return a dataset's name: the organization's slug and the kind, lower case (CKAN names are lower case)."""
    return f"{organization_slug.lower()}-{kind.value}"


@dataclass(frozen=True)
class License:
    """A licence the catalogue may publish under (PRONGSAI_OPENDATA_LICENSE names one by id)."""

    id: str
    title: str
    url: str
    gdc_value: str  # GD-Catalog's license_id choice
    od_conformance: bool = True


LICENSES: dict[str, License] = {
    item.id: item
    for item in (
        License(
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0",
            "https://creativecommons.org/licenses/by/4.0/",
            "Creative Commons Attributions",
        ),
        License(
            "CC-BY-SA-4.0",
            "Creative Commons Attribution Share-Alike 4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            "Creative Commons Attribution Share-Alike",
        ),
        License(
            "CC0-1.0",
            "Creative Commons CCZero 1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "Open Data Common",
        ),
        License(
            "ODC-BY-1.0",
            "Open Data Commons Attribution License 1.0",
            "https://opendatacommons.org/licenses/by/1-0/",
            "Open Data Common",
        ),
    )
}
