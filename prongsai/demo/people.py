"""The demo's people: invented Thai names and positions, and who holds which role where.

Names are made up from common Thai given names and surname elements (with their usual
romanisation) and drawn with a seeded generator, so every run creates the same people. Roles
follow measures 5.2 and 6: in each unit the head supervises and reviews general information
and manuals, the head of general administration reviews procurement and the channels and
reports, and an officer edits. Some units let a review group (the general administration
section, a complaints working group) hold steps 2 and 4.
"""

import random
from dataclasses import dataclass, field

from prongsai.organizations.models import Role

from .units import DEMO_DOMAIN, DEPARTMENT, UNITS, UnitKind, UnitSpec

_MALE = (
    ("สมชาย", "Somchai"), ("วิชัย", "Wichai"), ("สุรชัย", "Surachai"), ("ธนากร", "Thanakorn"),
    ("อนุชา", "Anucha"), ("กิตติพงษ์", "Kittiphong"), ("ณัฐวุฒิ", "Natthawut"), ("พงศกร", "Phongsakorn"),
    ("ธีรวัฒน์", "Thirawat"), ("ชัยวัฒน์", "Chaiwat"), ("วรวุฒิ", "Worawut"), ("สุทธิพงษ์", "Sutthiphong"),
    ("อภิชาติ", "Aphichat"), ("ปิยะ", "Piya"), ("ศุภชัย", "Suphachai"), ("เอกชัย", "Ekkachai"),
    ("ภานุวัฒน์", "Phanuwat"), ("ธนพล", "Thanaphon"), ("จิรายุ", "Chirayu"), ("กฤษดา", "Kritsada"),
    ("ปกรณ์", "Pakorn"), ("วีระพงษ์", "Weeraphong"), ("สมศักดิ์", "Somsak"), ("ณรงค์", "Narong"),
    ("ประสิทธิ์", "Prasit"), ("อดิศักดิ์", "Adisak"), ("ชาญวิทย์", "Chanwit"), ("ธวัชชัย", "Thawatchai"),
)  # fmt: skip
_FEMALE = (
    ("สุภาพร", "Supaporn"), ("วรรณา", "Wanna"), ("กนกวรรณ", "Kanokwan"), ("ศิริพร", "Siriporn"),
    ("นภาพร", "Napaporn"), ("จิราพร", "Jiraporn"), ("ปวีณา", "Paweena"), ("อรุณี", "Arunee"),
    ("รัชนี", "Ratchanee"), ("พรทิพย์", "Pornthip"), ("ดวงใจ", "Duangjai"), ("สุนันทา", "Sunanta"),
    ("วิไลวรรณ", "Wilaiwan"), ("ณัฐธิดา", "Natthida"), ("ชุติมา", "Chutima"), ("กมลชนก", "Kamonchanok"),
    ("อัญชลี", "Anchalee"), ("เบญจวรรณ", "Benjawan"), ("ปิยะนุช", "Piyanut"), ("มาลัย", "Malai"),
    ("ธิดารัตน์", "Thidarat"), ("ลัดดาวัลย์", "Laddawan"), ("สุกัญญา", "Sukanya"), ("วราภรณ์", "Waraporn"),
    ("พิมพ์ชนก", "Phimchanok"), ("อรอุมา", "Onuma"), ("เพ็ญศรี", "Phensri"), ("จันทร์เพ็ญ", "Chanphen"),
)  # fmt: skip
_SURNAME_HEADS = (
    ("ศรี", "Si"), ("แสง", "Saeng"), ("ทอง", "Thong"), ("บุญ", "Bun"), ("รัตน", "Rattana"),
    ("สุข", "Suk"), ("เจริญ", "Charoen"), ("ชัย", "Chai"), ("แก้ว", "Kaeo"), ("มณี", "Mani"),
    ("ศิริ", "Siri"), ("พร", "Phon"), ("กิจ", "Kit"), ("นาค", "Nak"), ("จันทร์", "Chan"),
)  # fmt: skip
_SURNAME_TAILS = (
    ("สวัสดิ์", "sawat"), ("ประเสริฐ", "prasoet"), ("วงศ์", "wong"), ("ศักดิ์", "sak"), ("สกุล", "sakun"),
    ("ทรัพย์", "sap"), ("พันธ์", "phan"), ("รักษ์", "rak"), ("เจริญ", "charoen"), ("สมบูรณ์", "sombun"),
    ("ประดิษฐ์", "pradit"), ("ไพศาล", "phaisan"), ("นิยม", "niyom"), ("อุดม", "udom"), ("ดี", "di"),
)  # fmt: skip


@dataclass(frozen=True)
class PersonName:
    title_th: str
    given_th: str
    surname_th: str
    title_en: str
    given_en: str
    surname_en: str

    @property
    def full_th(self) -> str:
        return f"{self.title_th}{self.given_th} {self.surname_th}"

    @property
    def full_en(self) -> str:
        return f"{self.title_en} {self.given_en} {self.surname_en}"


class NameBook:
    """Draw distinct invented Thai names from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        surnames = [(h_th + t_th, h_en + t_en) for h_th, h_en in _SURNAME_HEADS for t_th, t_en in _SURNAME_TAILS]
        surnames = [s for s in surnames if s[0] not in {"เจริญเจริญ"}]
        rng.shuffle(surnames)
        self._surnames = surnames

    def draw(self) -> PersonName:
        """Return a new name whose surname no one else in the demo has."""
        surname_th, surname_en = self._surnames.pop()
        if self._rng.random() < 0.5:
            given_th, given_en = self._rng.choice(_MALE)
            title_th, title_en = "นาย", "Mr."
        else:
            given_th, given_en = self._rng.choice(_FEMALE)
            title_th, title_en = ("นาง", "Mrs.") if self._rng.random() < 0.5 else ("นางสาว", "Ms.")
        return PersonName(title_th, given_th, surname_th, title_en, given_en, surname_en.capitalize())


@dataclass(frozen=True)
class Holding:
    """A role a person holds at an organization, directly or as a member of a review group."""

    role: Role
    organization: str
    through_group: bool = False


@dataclass
class PersonSpec:
    username: str
    name: PersonName
    position_th: str
    position_en: str
    home: str
    holdings: list[Holding] = field(default_factory=list)
    is_admin: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@{DEMO_DOMAIN}"


@dataclass(frozen=True)
class GroupSpec:
    """A review group holding one reviewer role at an organization."""

    organization: str
    name_th: str
    name_en: str
    role: Role
    members: tuple[str, ...]


@dataclass(frozen=True)
class UnitStaff:
    """The people a unit's content mentions: its head, head of general administration and editor."""

    head: PersonSpec
    general: PersonSpec
    editor: PersonSpec
    deputies: tuple[PersonName, ...]


@dataclass
class Cast:
    """Everyone in the demo, the review groups, and each organization's staff."""

    people: dict[str, PersonSpec]
    groups: list[GroupSpec]
    staff: dict[str, UnitStaff]

    def reviewers(self, organization: str, role: Role) -> list[str]:
        """Return the usernames who may decide the role's step at the organization (persons or group members)."""
        return [
            p.username
            for p in self.people.values()
            if any(h.role == role and h.organization == organization for h in p.holdings)
        ]


def _editor_position(rng: random.Random) -> tuple[str, str]:
    return rng.choice(
        (
            ("นักวิชาการคอมพิวเตอร์ปฏิบัติการ", "Computer Technical Officer, Practitioner Level"),
            ("นักวิชาการคอมพิวเตอร์ชำนาญการ", "Computer Technical Officer, Professional Level"),
            ("เจ้าพนักงานธุรการชำนาญงาน", "Administrative Officer, Experienced Level"),
            ("นักประชาสัมพันธ์ปฏิบัติการ", "Public Relations Officer, Practitioner Level"),
        )
    )


def _unit_people(unit: UnitSpec, names: NameBook, rng: random.Random) -> tuple[list[PersonSpec], list[GroupSpec]]:
    slug = unit.slug
    head = PersonSpec(f"{slug}.head", names.draw(), unit.head_title_th, unit.head_title_en, slug)
    general = PersonSpec(
        f"{slug}.general",
        names.draw(),
        f"หัวหน้าฝ่ายบริหารทั่วไป {unit.name_th}" if unit.kind is UnitKind.CENTRAL else "หัวหน้าฝ่ายบริหารทั่วไป",
        f"Head of General Administration, {unit.name_en}",
        slug,
    )
    editor_th, editor_en = _editor_position(rng)
    editor = PersonSpec(f"{slug}.editor", names.draw(), editor_th, editor_en, slug)
    head.holdings += [Holding(Role.SUPERVISOR, slug), Holding(Role.REVIEWER_1, slug), Holding(Role.REVIEWER_3, slug)]
    general.holdings += [Holding(Role.REPORTER, slug)]
    editor.holdings += [Holding(Role.EDITOR, slug)]
    groups: list[GroupSpec] = []
    if unit.uses_review_groups:
        members = (head.username, general.username)
        groups += [
            GroupSpec(slug, f"ฝ่ายบริหารทั่วไป {unit.short_name_th}", f"General Administration, {unit.name_en}",
                      Role.REVIEWER_2, members),
            GroupSpec(slug, f"คณะทำงานรับฟังความคิดเห็นและเรื่องร้องเรียน {unit.short_name_th}",
                      f"Opinions and Complaints Working Group, {unit.name_en}", Role.REVIEWER_4, members),
        ]  # fmt: skip
        for person in (head, general):
            person.holdings += [
                Holding(Role.REVIEWER_2, slug, through_group=True),
                Holding(Role.REVIEWER_4, slug, through_group=True),
            ]
    else:
        general.holdings += [Holding(Role.REVIEWER_2, slug), Holding(Role.REVIEWER_4, slug)]
    return [head, general, editor], groups


def build_cast(seed: int) -> Cast:
    """Return every person and review group of the demo, the same for the same seed."""
    rng = random.Random(seed)
    names = NameBook(rng)
    people: dict[str, PersonSpec] = {}
    groups: list[GroupSpec] = []
    staff: dict[str, UnitStaff] = {}
    ops = DEPARTMENT.slug

    def add(person: PersonSpec) -> PersonSpec:
        people[person.username] = person
        return person

    executive = add(PersonSpec("executive", names.draw(), DEPARTMENT.head_title_th, DEPARTMENT.head_title_en, ops))
    executive.holdings.append(Holding(Role.EXECUTIVE, ops))
    supervisor = add(
        PersonSpec(
            "ops.supervisor",
            names.draw(),
            "รองปลัดกระทรวงการคลัง (กำกับดูแลศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร)",
            "Deputy Permanent Secretary for Finance (overseeing the ICT Center)",
            ops,
        )
    )
    supervisor.holdings += [Holding(Role.SUPERVISOR, ops), Holding(Role.REVIEWER_1, ops)]
    admin = add(
        PersonSpec(
            "admin",
            names.draw(),
            "นักวิชาการคอมพิวเตอร์ชำนาญการ (ผู้ดูแลระบบ)",
            "Computer Technical Officer, Professional Level (system administrator)",
            ops,
            is_admin=True,
        )
    )
    admin.holdings.append(Holding(Role.ADMINISTRATOR, ops))
    for username, position_th, position_en in (
        ("ict.monitor", "นักวิชาการคอมพิวเตอร์ชำนาญการพิเศษ", "Computer Technical Officer, Senior Professional Level"),
        ("ict.monitor2", "นักวิชาการคอมพิวเตอร์ปฏิบัติการ", "Computer Technical Officer, Practitioner Level"),
    ):
        monitor = add(PersonSpec(username, names.draw(), position_th, position_en, ops))
        monitor.holdings.append(Holding(Role.ICT_MONITOR, ops))
    ops_editor = add(
        PersonSpec(
            "ops.editor",
            names.draw(),
            "เจ้าพนักงานเครื่องคอมพิวเตอร์ชำนาญงาน (ผู้ดูแลเว็บไซต์)",
            "Computer Officer, Experienced Level (webmaster)",
            ops,
        )
    )
    ops_editor.holdings.append(Holding(Role.EDITOR, ops))

    for unit in UNITS:
        unit_people, unit_groups = _unit_people(unit, names, rng)
        for person in unit_people:
            add(person)
        groups += unit_groups
        head, general, editor = unit_people
        staff[unit.slug] = UnitStaff(head, general, editor, (names.draw(),))

    # Department level (measure 5.2 and 6): the ICT Center's director reports and reviews step 1 with
    # the deputy permanent secretary; the Central Administration Office reviews procurement as a
    # body; the Public Sector Development Group reviews manuals, and with the Discipline and Ethics
    # Division the opinion and complaint channels.
    people["ict.head"].holdings += [Holding(Role.REPORTER, ops), Holding(Role.REVIEWER_1, ops)]
    people["psdg.head"].holdings.append(Holding(Role.REVIEWER_3, ops))
    cao_members = ("cao.head", "cao.general")
    channel_members = ("psdg.head", "ethics.head")
    groups += [
        GroupSpec(ops, "สำนักบริหารกลาง", "Central Administration Office", Role.REVIEWER_2, cao_members),
        GroupSpec(ops, "คณะทำงานช่องทางรับฟังความคิดเห็นและเรื่องร้องเรียน สป.กค.",
                  "OPS Opinions and Complaints Working Group", Role.REVIEWER_4, channel_members),
    ]  # fmt: skip
    for username in cao_members:
        people[username].holdings.append(Holding(Role.REVIEWER_2, ops, through_group=True))
    for username in channel_members:
        people[username].holdings.append(Holding(Role.REVIEWER_4, ops, through_group=True))
    staff[ops] = UnitStaff(executive, people["cao.general"], ops_editor, (supervisor.name, names.draw()))
    return Cast(people, groups, staff)
