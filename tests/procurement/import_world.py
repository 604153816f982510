"""The import tests' world: a department with two units and the people who may or may not import, and workbooks.

People: `editor_a` edits unit A (EDIT), `reviewer_a` reviews it (VIEW only), `editor_b` edits unit B,
`outsider` has no role, `root` is a superuser. NOW is Monday 20 April 2026 (20 เมษายน 2569), 10:00 in
Bangkok: March 2569 is over, April is the current month, May lies ahead.

Workbooks are built here cell by cell with openpyxl, the way units' own files are laid out: `form_sheet`
gives a สขร.1 sheet (title rows, the form's header, rows), `xlsx` saves sheets as bytes.
"""

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from prongsai.organizations.models import Organization, Role
from prongsai.organizations.services import organization_create, role_assign
from tests.register.conftest import make_person, world_kept_for_module

BANGKOK = ZoneInfo("Asia/Bangkok")
NOW = dt.datetime(2026, 4, 20, 10, 0, tzinfo=BANGKOK)
TODAY = NOW.date()

HEADER = [
    "ลำดับ",
    "งานที่จัดซื้อ\nจัดจ้าง",
    "วงเงินที่จะซื้อ\nหรือจ้าง (บาท)",
    "ราคากลาง\n(บาท)",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
]
COLUMN_NUMBERS = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"]

# March 2569, as a unit's own workbook writes it: joined names and prices, Thai digits, bidders one a line.
MARCH_ROWS: list[list[Any]] = [
    [
        1,
        "ซื้อวัสดุสำนักงาน",
        "95,000.00",
        95000,
        "วิธีเฉพาะเจาะจง",
        "1. บริษัท ก จำกัด / 95,000.00 บาท\n2. บริษัท ข จำกัด / 97,500.00 บาท",
        "บริษัท ก จำกัด / 95,000.00 บาท",
        "ราคาต่ำสุดและคุณสมบัติถูกต้อง",
        "สัญญาเลขที่ 4/2569 ลงวันที่ 18 มีนาคม 2569",
    ],
    [
        2,
        "จ้างซ่อมรถยนต์ราชการ",
        12500,
        "-",
        "เฉพาะเจาะจง",
        "หจก. ข (ราคา 12,500 บาท)",
        "หจก. ข (ราคา 12,500 บาท)",
        "ราคาเหมาะสม",
        "ใบสั่งจ้าง เลขที่ 7/2569 ลงวันที่ 2 มี.ค. 2569",
    ],
    [
        "๓",
        "ซื้อกระดาษถ่ายเอกสาร",
        "๘,๐๐๐.๐๐",
        None,
        "ตกลงราคา",
        "ร้านค้า ค เสนอราคา ๘,๐๐๐.๐๐ บาท",
        "ร้านค้า ค\nราคาที่ตกลง ๘,๐๐๐.๐๐ บาท",
        "ราคาต่ำสุด",
        "ใบสั่งซื้อเลขที่ ๑๕/๒๕๖๙ ลว. ๓ มี.ค. ๖๙",
    ],
]


def form_sheet(
    sheet: Any,
    rows: Sequence[Sequence[Any]],
    *,
    titles: Sequence[str] = ("แบบ สขร.1", "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มีนาคม 2569", "กองเกษตร"),
    header: Sequence[str] = HEADER,
    numbers: bool = True,
    footer: Sequence[Sequence[Any]] = ((None, "(ลงชื่อ) ผู้รายงาน"), (None, "(นางสาว ก ข)")),
) -> None:
    """Lay out a สขร.1 sheet: titles, header (and the column numbers row), the rows, then the footer."""
    for title in titles:
        sheet.append([title])
    sheet.append(list(header))
    if numbers:
        sheet.append(COLUMN_NUMBERS)
    for row in rows:
        sheet.append(list(row))
    sheet.append([])
    for line in footer:
        sheet.append(list(line))


def xlsx(*sheets: tuple[str, Any]) -> bytes:
    """Return a workbook of the given (sheet name, filler) pairs; a filler is called with the new sheet."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, fill in sheets:
        fill(book.create_sheet(name))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def march_workbook(rows: Sequence[Sequence[Any]] = MARCH_ROWS, **layout: Any) -> bytes:
    """Return one สขร.1 sheet of March 2569 (by default the three MARCH_ROWS)."""
    return xlsx(("มี.ค.69", lambda sheet: form_sheet(sheet, rows, **layout)))


@dataclass
class ImportWorld:
    org_ids: dict[str, int]

    def org(self, key: str) -> Organization:
        return Organization.objects.get(pk=self.org_ids[key])

    @property
    def unit_a(self) -> Organization:
        return self.org("unit_a")

    @property
    def unit_b(self) -> Organization:
        return self.org("unit_b")

    def person(self, username: str) -> Any:
        return get_user_model().objects.get(username=username)


def build_import_world() -> ImportWorld:
    root = make_person("root", is_superuser=True, is_staff=True)
    department = organization_create(
        actor=root, kind="department", slug="dept", name_th="สำนักงานปลัดกระทรวง", name_en="Permanent Secretary"
    )
    unit_a = organization_create(
        actor=root, kind="unit", slug="unit-a", parent=department, name_th="กองเกษตร", name_en="Agriculture Division"
    )
    unit_b = organization_create(
        actor=root, kind="unit", slug="unit-b", parent=department, name_th="ศูนย์ขนส่ง", name_en="Transport Centre"
    )
    for username, role, unit in (
        ("editor_a", Role.EDITOR, unit_a),
        ("reviewer_a", Role.REVIEWER_2, unit_a),
        ("editor_b", Role.EDITOR, unit_b),
    ):
        role_assign(actor=root, role=role, organization=unit, user=make_person(username))
    make_person("outsider")
    return ImportWorld(org_ids={"department": department.pk, "unit_a": unit_a.pk, "unit_b": unit_b.pk})


@pytest.fixture(scope="module")
def shared_import_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[ImportWorld]:
    with world_kept_for_module(django_db_blocker, cast(Any, build_import_world)) as built:
        yield cast(ImportWorld, built)


@pytest.fixture
def import_world(shared_import_world: ImportWorld, db: None) -> ImportWorld:
    return shared_import_world


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield
