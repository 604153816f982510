"""More data for the CKAN API's tests, on top of the open-data world (world.py).

`add_units(department, 60)` adds sixty units, extra-00 … extra-59 (หน่วยเพิ่มที่ 0 … / Extra unit 0 …),
that have published nothing and received nothing: after a sync each has a register and channel
statistics, so the catalogue grows from 16 to 136 datasets (16 + 60 × 2), enough for a page of 1000
rows to differ from a page of one. The department-wide register and channel statistics change with
them (their digests cover every unit).

`later_submission(unit)` is a complaint received on 20 April 2026, after the world's sync: it
changes the unit's channel statistics and, through them, the department's.

The API's answers are compared with what the catalogue holds; expected names, counts and times are
written from world.py's docstring and this one.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

from prongsai.channels.models import Submission
from prongsai.opendata.catalogue import catalogue_sync
from prongsai.opendata.ckan import entity_uuid
from prongsai.opendata.entities import organization_uuid
from prongsai.opendata.models import Dataset
from prongsai.organizations.models import Organization
from prongsai.organizations.services import organization_create

from ..register.conftest import world_kept_for_module
from .world import SYNCED, WORLD_NAMES, OpendataWorld, build_opendata_world, receive

BANGKOK = SYNCED.tzinfo
SYNCED_CKAN = "2026-04-11T01:00:00.000000"  # SYNCED as CKAN writes it: naive UTC
COMPLAINED = dt.datetime(2026, 4, 20, 9, 0, tzinfo=BANGKOK)
RESYNCED = dt.datetime(2026, 4, 21, 8, 0, tzinfo=BANGKOK)
RESYNCED_CKAN = "2026-04-21T01:00:00.000000"

UNIT_0_NAMES = [name for name in WORLD_NAMES if name.startswith("unit-0-")]


def add_units(department: Organization, count: int) -> list[Organization]:
    """Add `count` units that have published nothing (the module's docstring), then sync the catalogue at SYNCED."""
    units = [
        organization_create(
            actor=None,
            kind="unit",
            parent=department,
            slug=f"extra-{index:02d}",
            name_th=f"หน่วยเพิ่มที่ {index}",
            name_en=f"Extra unit {index}",
        )
        for index in range(count)
    ]
    catalogue_sync(now=SYNCED)
    return units


def build_large_world() -> OpendataWorld:
    """Build the open-data world and add sixty units (136 datasets)."""
    world = build_opendata_world()
    add_units(world.department, 60)
    return world


def later_submission(unit: Organization) -> Submission:
    """Receive a complaint on 20 April 2026 (after the world's sync)."""
    return receive(unit, tracking_code="TEST-0099", received=COMPLAINED, kind="complaint", topic="fraud")


def build_committed_world() -> OpendataWorld:
    """Build the world in one transaction, for a live server's tests (transactional database).

    The receivers sync the catalogue after each commit with the clock's time; in one transaction
    their sync runs once, after the world's own sync at SYNCED, and finds nothing to change, so
    the catalogue is exactly the one the `world` fixture gives.
    """
    with transaction.atomic():
        return build_opendata_world()


@contextmanager
def module_world(django_db_blocker: Any, builder: Any = build_opendata_world) -> Iterator[OpendataWorld]:
    """Build a world once for a test module, rolled back when the module ends (tests/register/conftest.py)."""
    with world_kept_for_module(django_db_blocker, builder) as built:
        assert isinstance(built, OpendataWorld)
        yield built


# --- unit-0's procurement records as package_show gives them -------------------------------------


def ckan_time(moment: dt.datetime) -> str:
    """Return a time as CKAN writes it (naive UTC with microseconds), written out here by hand."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _resource(
    base: str, position: int, suffix: str, fmt: str, path: str, th: str, en: str, description: tuple[str, str]
) -> dict[str, Any]:
    mimetypes = {
        "CSV": "text/csv",
        "JSON": "application/json",
        "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "OCDS": "application/json",
    }
    return {
        "id": f"unit-0-procurement-records-{suffix}",
        "package_id": str(Dataset.objects.get(name="unit-0-procurement-records").uuid),
        "name": f"ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0 ({th})",
        "name_translated": {
            "th": f"ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0 ({th})",
            "en": f"Procurement results — Test division 0 ({en})",
        },
        "description": description[0],
        "description_translated": {"th": description[0], "en": description[1]},
        "format": fmt,
        "mimetype": mimetypes[fmt],
        "mimetype_inner": None,
        "url": base + path,
        "url_type": None,
        "position": position,
        "state": "active",
        "created": SYNCED_CKAN,
        "last_modified": SYNCED_CKAN,
        "metadata_modified": SYNCED_CKAN,
        "resource_type": None,
        "size": None,
        "hash": "",
        "cache_url": None,
        "cache_last_updated": None,
        "datastore_active": False,
    }


CSV = (
    "ไฟล์ CSV (UTF-8 มี BOM เปิดใน Excel ได้ทันที) ชื่อคอลัมน์เป็นภาษาอังกฤษ",
    "CSV (UTF-8 with a BOM, so Excel opens it as is), English column names",
)
JSON_ = ("ไฟล์ JSON ชื่อฟิลด์เป็นภาษาอังกฤษ", "JSON, English field names")
XLSX = ("ไฟล์ Excel (XLSX) ชื่อคอลัมน์เป็นภาษาอังกฤษ", "Excel workbook (XLSX), English column names")


def ocds_month(month: str) -> tuple[str, str]:
    return (
        f"ชุดข่าวสาร OCDS 1.1.5 ของการจัดซื้อจัดจ้างเดือน {month}",
        f"OCDS 1.1.5 release package of the procurements of {month}",
    )


def records_resources(base: str) -> list[dict[str, Any]]:
    """Return the resources package_show gives for unit-0's procurement records, asked at `base`."""
    return [
        _resource(base, 0, "csv", "CSV", "/opendata/datasets/unit-0-procurement-records.csv", "CSV", "CSV", CSV),
        _resource(base, 1, "json", "JSON", "/opendata/datasets/unit-0-procurement-records.json", "JSON", "JSON", JSON_),
        _resource(base, 2, "xlsx", "XLSX", "/opendata/datasets/unit-0-procurement-records.xlsx", "XLSX", "XLSX", XLSX),
        _resource(
            base,
            3,
            "ocds",
            "OCDS",
            "/opendata/ocds/unit-0.json",
            "OCDS ทุกรายการ",
            "OCDS, every record",
            (
                "ชุดข่าวสาร OCDS 1.1.5 (release package พร้อมส่วนขยาย bids) ของการจัดซื้อจัดจ้างทุกรายการ",
                "OCDS 1.1.5 release package (with the bids extension) of every procurement",
            ),
        ),
        *(
            _resource(
                base,
                4 + index,
                f"ocds-{month}",
                "OCDS",
                f"/opendata/ocds/unit-0/{month}.json",
                f"OCDS เดือน {month}",
                f"OCDS, {month}",
                ocds_month(month),
            )
            for index, month in enumerate(["2025-11", "2026-01", "2026-03"])
        ),
    ]


def records_package(world: OpendataWorld, base: str) -> dict[str, Any]:
    """Return unit-0's procurement records as package_show gives them, asked at `base` (contact e-mail set)."""
    unit = world.published
    notes_th = (
        "ผลการจัดซื้อจัดจ้างทุกรายการตามแบบ สขร.1: วงเงิน ราคากลาง วิธีการ ผู้เสนอราคา ผู้ได้รับการคัดเลือก "
        "ราคาที่ตกลง เหตุผล และสัญญา (ข้อ 5.1.7.2) รวมทั้งในรูปแบบ OCDS"
    )
    notes_en = (
        "Every procurement as in the form สขร.1: budget, reference price, method, bidders, the selected vendor, "
        "the agreed price, the reason and the contract (item 5.1.7.2); also as OCDS."
    )
    return {
        "id": str(Dataset.objects.get(name="unit-0-procurement-records").uuid),
        "name": "unit-0-procurement-records",
        "title": "ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0",
        "title_translated": {"th": "ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0", "en": "Procurement results — Test division 0"},
        "notes": notes_th,
        "notes_translated": {"th": notes_th, "en": notes_en},
        "url": f"{base}/th/opendata/unit-0-procurement-records/",
        "state": "active",
        "private": False,
        "type": "dataset",
        "license_id": "Creative Commons Attributions",
        "license_title": "Creative Commons Attribution 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "isopen": True,
        "owner_org": organization_uuid(unit.pk),
        "organization": {
            "id": organization_uuid(unit.pk),
            "name": "unit-0",
            "title": "กองทดสอบที่ 0",
            "title_en": "Test division 0",
            "type": "organization",
            "description": "ชุดข้อมูลเปิดของกองทดสอบที่ 0",
            "image_url": "",
            "created": ckan_time(unit.created_at),
            "is_organization": True,
            "approval_status": "approved",
            "state": "active",
        },
        "author": "กองทดสอบที่ 0",
        "author_email": None,
        "maintainer": "กองทดสอบที่ 0",
        "maintainer_email": "opendata@example.go.th",
        "creator_user_id": None,
        "metadata_created": SYNCED_CKAN,
        "metadata_modified": SYNCED_CKAN,
        "version": None,
        "num_resources": 7,
        "num_tags": 4,
        "resources": records_resources(base),
        "tags": [
            {
                "id": entity_uuid("tag", name),
                "name": name,
                "display_name": name,
                "state": "active",
                "vocabulary_id": None,
            }
            for name in ("จัดซื้อจัดจ้าง", "สขร.1", "procurement", "OCDS")
        ],
        "groups": [
            {
                "id": entity_uuid("group", "procurement"),
                "name": "procurement",
                "title": "การจัดซื้อจัดจ้าง",
                "display_name": "การจัดซื้อจัดจ้าง",
                "description": "แผนการจัดซื้อจัดจ้างและผลการจัดซื้อจัดจ้างรายเดือน",
                "image_display_url": "",
            }
        ],
        "extras": [],
        "relationships_as_object": [],
        "relationships_as_subject": [],
        "data_type": "ข้อมูลระเบียน",
        "objective": ["พันธกิจหน่วยงาน"],
        "update_frequency_unit": "เดือน",
        "update_frequency_interval": "1",
        "geo_coverage": "ประเทศ",
        "data_source": "กองทดสอบที่ 0",
        "data_format": ["CSV", "JSON", "XLSX"],
        "data_category": "ข้อมูลสาธารณะ",
        "data_classification": "เปิดเผย",
        "data_language": ["ไทย"],
        "created_date": "2026-04-11",
        "last_updated_date": "2026-04-11",
        "temporal_start": "2025-11-01",
        "temporal_end": "2026-09-30",
    }
