"""One Thai ordering: the Python sort and the database's ORDER BY put real unit names in dictionary order."""

from typing import Any

import pytest

from prongsai.disclosures.selectors import thai_sorted
from prongsai.organizations.models import Organization
from prongsai.organizations.services import organization_create
from prongsai.publication.models import SearchDocument
from prongsai.thaitext import thai_sort_key

# Written by hand in the order of the Royal Institute Dictionary (พจนานุกรม ฉบับราชบัณฑิตยสถาน): letter by letter
# ก … ฮ, a consonant with no vowel after it before any vowel (กลุ่ม, กอง before กะ…), a leading vowel (เ แ โ ใ ไ)
# read after the consonant it stands before (แผนก under ผ, โรงพิมพ์ under ร, เลขานุการ under ล), tone marks ignored.
DICTIONARY_ORDER = [
    "กลุ่มตรวจสอบภายใน",
    "กลุ่มพัฒนาระบบบริหาร",
    "กองกฎหมาย",
    "กองการเจ้าหน้าที่",
    "กองคลัง",
    "กองแผนงาน",
    "แผนกพัสดุ",
    "ฝ่ายบริหารทั่วไป",
    "โรงพิมพ์ตำรวจ",
    "เลขานุการกรม",
    "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
    "สถาบันพัฒนาบุคลากร",
    "สำนักงานปลัดกระทรวง",
    "สำนักงานรัฐมนตรี",
    "สำนักบริหารกลาง",
    "หน่วยตรวจสอบภายใน",
]
# A scrambled order to create them in, so neither primary keys nor slugs follow the dictionary.
CREATION_ORDER = [DICTIONARY_ORDER[index] for index in (9, 3, 15, 0, 12, 6, 1, 14, 4, 10, 7, 2, 13, 8, 5, 11)]


def test_the_sort_key_gives_dictionary_order_where_code_point_order_does_not() -> None:
    assert sorted(CREATION_ORDER, key=thai_sort_key) == DICTIONARY_ORDER
    assert sorted(CREATION_ORDER) != DICTIONARY_ORDER  # plain sorting puts แผนก, โรงพิมพ์, เลขานุการ after ห


@pytest.fixture
def units(db: Any) -> list[Organization]:
    department = organization_create(
        actor=None, kind="department", slug="dept", name_th="กรมบัญชีกลาง", name_en="Comptroller General's Department"
    )
    return [
        organization_create(
            actor=None, kind="unit", parent=department, slug=f"u{index:02d}", name_th=name, name_en=f"Unit {index}"
        )
        for index, name in enumerate(reversed(CREATION_ORDER))
    ]


def test_python_and_database_order_units_alike(units: list[Organization]) -> None:
    in_python = [o.name_th for o in thai_sorted(list(Organization.objects.filter(kind="unit")))]
    in_database = list(
        SearchDocument.objects.filter(kind="unit", language="th", organization__kind="unit")
        .order_by("unit_order")
        .values_list("organization__name_th", flat=True)
    )

    assert in_python == DICTIONARY_ORDER
    assert in_database == DICTIONARY_ORDER


def test_the_department_comes_first_and_configured_order_before_the_name(units: list[Organization]) -> None:
    from prongsai.organizations.services import organization_update

    root = _root()
    organization_update(actor=root, organization=units[0], sort_order=1)  # configured order outranks the name
    moved = units[0].name_th
    expected = ["กรมบัญชีกลาง", *[name for name in DICTIONARY_ORDER if name != moved], moved]

    assert [o.name_th for o in thai_sorted(list(Organization.objects.all()))] == expected
    in_database = SearchDocument.objects.filter(kind="unit", language="th").order_by("unit_order")
    assert list(in_database.values_list("organization__name_th", flat=True)) == expected


def _root() -> Any:
    from prongsai.accounts.models import User

    return User.objects.create_superuser("root", password="pw-for-tests-only")
