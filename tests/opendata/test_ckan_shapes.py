"""The CKAN shapes (ckan.py): a dataset, its resources, organizations, groups, tags, facets and errors. Pure.

The entities are built here by hand; the expected dicts are written from CKAN's documented keys,
the kinds' metadata in kinds.py and the module docstring's choices (GD-Catalog licence value,
naive-UTC times, Thai first).
"""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from prongsai.opendata import ckan
from prongsai.opendata.ckan import FacetRow, Params
from prongsai.opendata.entities import DatasetEntry, Publisher
from prongsai.opendata.kinds import GROUPS, LICENSES, DatasetKind, Scope

BANGKOK = ZoneInfo("Asia/Bangkok")
BASE = "https://data.example.go.th"
CREATED = dt.datetime(2026, 1, 5, 6, 30, tzinfo=BANGKOK)  # 2026-01-04 23:30 UTC: a different day in UTC
MODIFIED = dt.datetime(2026, 4, 11, 8, 0, 0, 250000, tzinfo=BANGKOK)

UNIT = Publisher(
    pk=7,
    id="11111111-2222-5333-8444-555555555555",
    name="unit-7",
    slug="Unit-7",
    title_th="กองทดสอบที่ 7",
    title_en="Test division 7",
    is_department=False,
    created=dt.datetime(2025, 12, 31, 17, 0, tzinfo=dt.UTC),
    website="https://unit-7.example.go.th/",
    parent_name="ops",
)
SCORES = DatasetEntry(
    id="99999999-8888-5777-8666-555555555555",
    name="unit-7-monitor-scores",
    kind=DatasetKind.MONITOR_SCORES,
    scope=Scope.UNIT,
    publisher=UNIT,
    title_th="ผลการตรวจเว็บไซต์รายรอบ — กองทดสอบที่ 7",
    title_en="Website check scores by round — Test division 7",
    notes_th="คะแนน",
    notes_en="Scores",
    created=CREATED,
    modified=MODIFIED,
    license=LICENSES["CC-BY-4.0"],
    rows=2,
    fiscal_years=(2568, 2569),
    temporal_start=dt.date(2024, 10, 1),
    temporal_end=dt.date(2026, 9, 30),
)


def _resource(format_: str, position: int, description: tuple[str, str]) -> dict[str, object]:
    extension = format_.lower()
    return {
        "id": f"unit-7-monitor-scores-{extension}",
        "package_id": "99999999-8888-5777-8666-555555555555",
        "name": f"ผลการตรวจเว็บไซต์รายรอบ — กองทดสอบที่ 7 ({format_})",
        "name_translated": {
            "th": f"ผลการตรวจเว็บไซต์รายรอบ — กองทดสอบที่ 7 ({format_})",
            "en": f"Website check scores by round — Test division 7 ({format_})",
        },
        "description": description[0],
        "description_translated": {"th": description[0], "en": description[1]},
        "format": format_,
        "mimetype": {
            "CSV": "text/csv",
            "JSON": "application/json",
            "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }[format_],
        "mimetype_inner": None,
        "url": f"https://data.example.go.th/opendata/datasets/unit-7-monitor-scores.{extension}",
        "url_type": None,
        "position": position,
        "state": "active",
        "created": "2026-01-04T23:30:00.000000",
        "last_modified": "2026-04-11T01:00:00.250000",
        "metadata_modified": "2026-04-11T01:00:00.250000",
        "resource_type": None,
        "size": None,
        "hash": "",
        "cache_url": None,
        "cache_last_updated": None,
        "datastore_active": False,
    }


def test_a_statistics_dataset_is_a_ckan_package_with_gd_catalog_fields() -> None:
    assert ckan.package_dict(SCORES, base_url=BASE, contact_email="opendata@example.go.th") == {
        "id": "99999999-8888-5777-8666-555555555555",
        "name": "unit-7-monitor-scores",
        "title": "ผลการตรวจเว็บไซต์รายรอบ — กองทดสอบที่ 7",
        "title_translated": {
            "th": "ผลการตรวจเว็บไซต์รายรอบ — กองทดสอบที่ 7",
            "en": "Website check scores by round — Test division 7",
        },
        "notes": "คะแนน",
        "notes_translated": {"th": "คะแนน", "en": "Scores"},
        "url": "https://data.example.go.th/th/opendata/unit-7-monitor-scores/",
        "state": "active",
        "private": False,
        "type": "dataset",
        "license_id": "Creative Commons Attributions",
        "license_title": "Creative Commons Attribution 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "isopen": True,
        "owner_org": "11111111-2222-5333-8444-555555555555",
        "organization": {
            "id": "11111111-2222-5333-8444-555555555555",
            "name": "unit-7",
            "title": "กองทดสอบที่ 7",
            "title_en": "Test division 7",
            "type": "organization",
            "description": "ชุดข้อมูลเปิดของกองทดสอบที่ 7",
            "image_url": "",
            "created": "2025-12-31T17:00:00.000000",
            "is_organization": True,
            "approval_status": "approved",
            "state": "active",
        },
        "author": "กองทดสอบที่ 7",
        "author_email": None,
        "maintainer": "กองทดสอบที่ 7",
        "maintainer_email": "opendata@example.go.th",
        "creator_user_id": None,
        "metadata_created": "2026-01-04T23:30:00.000000",
        "metadata_modified": "2026-04-11T01:00:00.250000",
        "version": None,
        "num_resources": 3,
        "num_tags": 4,
        "resources": [
            _resource(
                "CSV",
                0,
                (
                    "ไฟล์ CSV (UTF-8 มี BOM เปิดใน Excel ได้ทันที) ชื่อคอลัมน์เป็นภาษาอังกฤษ",
                    "CSV (UTF-8 with a BOM, so Excel opens it as is), English column names",
                ),
            ),
            _resource("JSON", 1, ("ไฟล์ JSON ชื่อฟิลด์เป็นภาษาอังกฤษ", "JSON, English field names")),
            _resource(
                "XLSX",
                2,
                ("ไฟล์ Excel (XLSX) ชื่อคอลัมน์เป็นภาษาอังกฤษ", "Excel workbook (XLSX), English column names"),
            ),
        ],
        "tags": [
            {
                "id": ckan.entity_uuid("tag", name),
                "name": name,
                "display_name": name,
                "state": "active",
                "vocabulary_id": None,
            }
            for name in ("ITA", "เว็บไซต์", "website", "monitoring")
        ],
        "groups": [
            {
                "id": ckan.entity_uuid("group", "monitoring"),
                "name": "monitoring",
                "title": "การตรวจติดตามเว็บไซต์",
                "display_name": "การตรวจติดตามเว็บไซต์",
                "description": "ผลการตรวจเว็บไซต์ของหน่วยงานในแต่ละรอบการรายงาน",
                "image_display_url": "",
            }
        ],
        "extras": [],
        "relationships_as_object": [],
        "relationships_as_subject": [],
        "data_type": "ข้อมูลสถิติ",
        "objective": ["พันธกิจหน่วยงาน"],
        "update_frequency_unit": "ครึ่งปี",
        "update_frequency_interval": "1",
        "geo_coverage": "ประเทศ",
        "data_source": "กองทดสอบที่ 7",
        "data_format": ["CSV", "JSON", "XLSX"],
        "data_category": "ข้อมูลสาธารณะ",
        "data_classification": "เปิดเผย",
        "data_language": ["ไทย", "อังกฤษ"],
        "created_date": "2026-01-05",
        "last_updated_date": "2026-04-11",
        "temporal_start": "2024-10-01",
        "temporal_end": "2026-09-30",
        "first_year_of_data": "2568",
        "last_year_of_data": "2569",
    }


def test_ids_of_tags_and_groups_are_stable_uuids() -> None:
    assert ckan.entity_uuid("tag", "ITA") == ckan.entity_uuid("tag", "ITA")
    assert ckan.entity_uuid("tag", "ITA") != ckan.entity_uuid("group", "ITA")
    assert len(ckan.entity_uuid("group", "monitoring")) == 36


def test_a_records_dataset_is_in_thai_and_has_no_statistics_years_and_no_contact_is_none() -> None:
    records = DatasetEntry(
        **{**SCORES.__dict__, "kind": DatasetKind.PROCUREMENT_RECORDS, "months": ("2026-03",), "name": "unit-7-p"}
    )
    found = ckan.package_dict(records, base_url=BASE, contact_email="")
    assert found["data_language"] == ["ไทย"]
    assert found["data_type"] == "ข้อมูลระเบียน"
    assert "first_year_of_data" not in found
    assert found["maintainer_email"] is None
    resources = found["resources"]
    assert isinstance(resources, list)
    assert [(r["id"], r["format"], r["url"], r["position"]) for r in resources] == [
        ("unit-7-p-csv", "CSV", f"{BASE}/opendata/datasets/unit-7-p.csv", 0),
        ("unit-7-p-json", "JSON", f"{BASE}/opendata/datasets/unit-7-p.json", 1),
        ("unit-7-p-xlsx", "XLSX", f"{BASE}/opendata/datasets/unit-7-p.xlsx", 2),
        ("unit-7-p-ocds", "OCDS", f"{BASE}/opendata/ocds/Unit-7.json", 3),
        ("unit-7-p-ocds-2026-03", "OCDS", f"{BASE}/opendata/ocds/Unit-7/2026-03.json", 4),
    ]
    assert [(r["description"], r["mimetype"]) for r in resources[3:]] == [
        ("ชุดข่าวสาร OCDS 1.1.5 (release package พร้อมส่วนขยาย bids) ของการจัดซื้อจัดจ้างทุกรายการ", "application/json"),
        ("ชุดข่าวสาร OCDS 1.1.5 ของการจัดซื้อจัดจ้างเดือน 2026-03", "application/json"),
    ]


def test_a_unit_is_an_organization_under_its_department() -> None:
    assert ckan.organization_dict(UNIT, package_count=3, include_users=True) == {
        "id": "11111111-2222-5333-8444-555555555555",
        "name": "unit-7",
        "title": "กองทดสอบที่ 7",
        "title_en": "Test division 7",
        "title_translated": {"th": "กองทดสอบที่ 7", "en": "Test division 7"},
        "display_name": "กองทดสอบที่ 7",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "created": "2025-12-31T17:00:00.000000",
        "description": "ชุดข้อมูลเปิดของกองทดสอบที่ 7",
        "description_translated": {"th": "ชุดข้อมูลเปิดของกองทดสอบที่ 7", "en": "Open datasets of Test division 7"},
        "image_url": "",
        "image_display_url": "",
        "num_followers": 0,
        "package_count": 3,
        "extras": [{"key": "website", "value": "https://unit-7.example.go.th/", "state": "active"}],
        "groups": [{"name": "ops", "capacity": "public"}],
        "users": [],
        "tags": [],
    }
    short = ckan.organization_dict(UNIT, package_count=None, include_extras=False, include_groups=False)
    assert set(short) == {
        "id",
        "name",
        "title",
        "title_en",
        "title_translated",
        "display_name",
        "type",
        "is_organization",
        "state",
        "approval_status",
        "created",
        "description",
        "description_translated",
        "image_url",
        "image_display_url",
        "num_followers",
        "tags",
    }


def test_a_theme_is_a_group() -> None:
    procurement = next(group for group in GROUPS if group.name == "procurement")
    assert ckan.group_dict(procurement, package_count=4, created=CREATED) == {
        "id": ckan.entity_uuid("group", "procurement"),
        "name": "procurement",
        "title": "การจัดซื้อจัดจ้าง",
        "title_en": "Procurement",
        "title_translated": {"th": "การจัดซื้อจัดจ้าง", "en": "Procurement"},
        "display_name": "การจัดซื้อจัดจ้าง",
        "type": "group",
        "is_organization": False,
        "state": "active",
        "approval_status": "approved",
        "created": "2026-01-04T23:30:00.000000",
        "description": "แผนการจัดซื้อจัดจ้างและผลการจัดซื้อจัดจ้างรายเดือน",
        "description_translated": {
            "th": "แผนการจัดซื้อจัดจ้างและผลการจัดซื้อจัดจ้างรายเดือน",
            "en": "Procurement plans and each month's procurement results.",
        },
        "image_url": "",
        "image_display_url": "",
        "num_followers": 0,
        "extras": [],
        "groups": [],
        "tags": [],
        "package_count": 4,
    }
    assert ckan.group_by_name("procurement") == procurement
    assert ckan.group_by_name(ckan.entity_uuid("group", "procurement")) == procurement
    assert ckan.group_by_name("elsewhere") is None


TIMES = [
    (dt.datetime(2026, 4, 11, 8, 0, tzinfo=BANGKOK), "2026-04-11T01:00:00.000000"),
    (dt.datetime(2026, 4, 11, 1, 0, 0, 7, tzinfo=dt.UTC), "2026-04-11T01:00:00.000007"),
    (dt.datetime(2026, 4, 11, 1, 0), "2026-04-11T01:00:00.000000"),
    (None, None),
]


@pytest.mark.parametrize(("moment", "written"), TIMES)
def test_times_are_written_as_ckan_writes_them(moment: dt.datetime | None, written: str | None) -> None:
    assert ckan.ckan_time(moment) == written


def test_facets_count_like_solr_and_list_like_ckan() -> None:
    rows = [
        FacetRow("unit-0", "กองทดสอบที่ 0", "id-0", DatasetKind.PROCUREMENT_RECORDS, 1),
        FacetRow("unit-0", "กองทดสอบที่ 0", "id-0", DatasetKind.PROCUREMENT_PLANS, 1),
        FacetRow("unit-0", "กองทดสอบที่ 0", "id-0", DatasetKind.REGISTER, 1),
        FacetRow("ops", "สำนักงานปลัด", "id-ops", DatasetKind.PROCUREMENT_RECORDS, 1),
        FacetRow("unit-1", "กองทดสอบที่ 1", "id-1", DatasetKind.REGISTER, 1),
    ]
    facets, search = ckan.facet_counts(
        rows,
        ["organization", "groups", "res_format", "license_id", "type"],
        license_=LICENSES["CC-BY-4.0"],
        limit=50,
        mincount=1,
    )
    assert facets == {
        "organization": {"unit-0": 3, "ops": 1, "unit-1": 1},
        "groups": {"procurement": 3, "transparency": 2},
        "res_format": {"CSV": 5, "JSON": 5, "XLSX": 5, "OCDS": 2},
        "license_id": {"Creative Commons Attributions": 5},
        "type": {"dataset": 5},
    }
    # CKAN lists items by display name, last first.
    assert search["organization"] == {
        "title": "organization",
        "items": [
            {"name": "ops", "display_name": "สำนักงานปลัด", "count": 1},
            {"name": "unit-1", "display_name": "กองทดสอบที่ 1", "count": 1},
            {"name": "unit-0", "display_name": "กองทดสอบที่ 0", "count": 3},
        ],
    }
    assert search["license_id"] == {
        "title": "license_id",
        "items": [
            {"name": "Creative Commons Attributions", "display_name": "Creative Commons Attribution 4.0", "count": 5}
        ],
    }
    limited, _ = ckan.facet_counts(rows, ["organization"], license_=LICENSES["CC-BY-4.0"], limit=1, mincount=1)
    assert limited == {"organization": {"unit-0": 3}}
    common, _ = ckan.facet_counts(rows, ["organization"], license_=LICENSES["CC-BY-4.0"], limit=-1, mincount=2)
    assert common == {"organization": {"unit-0": 3}}


WRITES = [
    ("package_create", True),
    ("package_update", True),
    ("package_patch", True),
    ("package_delete", True),
    ("package_revise", True),
    ("package_owner_org_update", True),
    ("resource_create", True),
    ("resource_view_reorder", True),
    ("organization_create", True),
    ("organization_member_delete", True),
    ("group_purge", True),
    ("datastore_upsert", True),
    ("follow_dataset", True),
    ("bulk_update_private", True),
    ("api_token_revoke", True),
    ("package_show", False),
    ("package_search", False),
    ("user_list", False),
    ("current_package_list_with_resources", False),
]


@pytest.mark.parametrize(("name", "writes"), WRITES)
def test_write_actions_are_known_by_their_shape(name: str, writes: bool) -> None:
    assert ckan.is_write_action(name) is writes


def test_errors_keep_ckans_kind_status_and_the_prefix_ckanapi_strips() -> None:
    missing = ckan.NotFound("ไม่พบชุดข้อมูล x", "Dataset not found: x")
    assert (missing.status, missing.error) == (
        404,
        {"__type": "Not Found Error", "message": "ไม่พบ / Not found: ไม่พบชุดข้อมูล x / Dataset not found: x"},
    )
    refused = ckan.NotAuthorized("package_create")
    assert (refused.status, refused.error) == (
        403,
        {
            "__type": "Authorization Error",
            "message": "ไม่มีสิทธิ์ / Access denied: บัญชีข้อมูลนี้เปิดให้อ่านอย่างเดียว ใช้คำสั่ง package_create ไม่ได้"
            " / this catalogue is read-only, package_create is not available",
        },
    )
    unknown = ckan.unknown_action("x" * 200)
    assert unknown.status == 400
    assert unknown.message == (
        f"คำขอไม่ถูกต้อง - ไม่รู้จักคำสั่ง: {'x' * 79}… / Bad request - Action name not known: {'x' * 79}…"
    )
    assert ckan.error_envelope(BASE, "a b/c", missing) == {
        "help": "https://data.example.go.th/api/3/action/help_show?name=a%20b%2Fc",
        "success": False,
        "error": missing.error,
    }


PARAMS = [
    ({"n": "5"}, 5),
    ({"n": " 5 "}, 5),
    ({"n": "+5"}, 5),
    ({"n": 5}, 5),
    ({"n": 5.0}, 5),
    ({"n": True}, 1),
    ({"n": ""}, 10),
    ({}, 10),
    ({"n": "๕"}, 5),
    ({"n": "1" * 30}, 1000),
]


@pytest.mark.parametrize(("raw", "value"), PARAMS)
def test_integers_are_read_as_ckan_reads_them(raw: dict[str, object], value: int) -> None:
    params = Params(raw)
    assert params.integer("n", 10, maximum=1000) == value
    params.check()


BAD_INTEGERS = [
    ({"n": "5.5"}, "ต้องเป็นจำนวนเต็ม / Invalid integer"),
    ({"n": 5.5}, "ต้องเป็นจำนวนเต็ม / Invalid integer"),
    ({"n": float("nan")}, "ต้องเป็นจำนวนเต็ม / Invalid integer"),
    ({"n": float("inf")}, "ต้องเป็นจำนวนเต็ม / Invalid integer"),
    ({"n": "1" * 101}, "ต้องเป็นจำนวนเต็ม / Invalid integer"),
    ({"n": [5]}, "ต้องเป็นจำนวนเต็ม / Invalid integer"),
    ({"n": {"a": 1}}, "ต้องเป็นจำนวนเต็ม / Invalid integer"),
    ({"n": "-1"}, "ต้องเป็นจำนวนเต็มที่ไม่ติดลบ / Must be a natural number"),
]


@pytest.mark.parametrize(("raw", "message"), BAD_INTEGERS)
def test_a_bad_integer_is_a_validation_error(raw: dict[str, object], message: str) -> None:
    params = Params(raw)
    assert params.integer("n", 10) == 10
    with pytest.raises(ckan.ValidationError) as raised:
        params.check()
    assert raised.value.error == {"__type": "Validation Error", "n": [message]}
    json.dumps(raised.value.error)


BOOLEANS = [("true", True), ("True", True), ("1", True), ("yes", True), (True, True), (1, True)]
BOOLEANS += [("false", False), ("0", False), ("", False), ("no", False), (False, False), (0, False)]


@pytest.mark.parametrize(("value", "read"), BOOLEANS)
def test_booleans_are_read_as_ckan_reads_them(value: object, read: bool) -> None:
    assert Params({"b": value}).boolean("b", not read) is read


def test_lists_come_as_lists_json_or_comma_separated() -> None:
    params = Params(
        {"a": ["x", "y"], "b": '["x", "y"]', "c": "x, y,", "d": "x", "e": '{"x": 1}', "f": [1], "g": "res_format"}
    )
    assert params.strings("a") == ["x", "y"]
    assert params.strings("b", parse_json=True) == ["x", "y"]
    assert params.strings("g", parse_json=True) == ["res_format"]
    assert params.strings("c", separator=",") == ["x", "y"]
    assert params.strings("d") == ["x"]
    assert params.strings("e", parse_json=True) is None
    assert params.strings("f") is None
    assert params.strings("missing") is None
    assert dict(params.errors) == {
        "e": ["ต้องเป็นรายการข้อความ / Not a list of strings"],
        "f": ["ต้องเป็นรายการข้อความ / Not a list of strings"],
    }


def test_required_text_is_missing_when_absent_or_blank() -> None:
    params = Params({"b": "  ", "c": {"x": 1}})
    assert (params.required("a"), params.required("b"), params.required("c")) == ("", "", "")
    assert dict(params.errors) == {
        "a": ["ต้องระบุ / Missing value"],
        "b": ["ต้องระบุ / Missing value"],
        "c": ["ต้องเป็นข้อความ / Must be a string"],
    }


def test_status_tells_the_site_and_the_ckan_api_it_answers_like() -> None:
    assert ckan.status_dict(BASE) == {
        "site_title": "โปร่งใส (Prongsai)",
        "site_description": "ข้อมูลเปิดด้านความโปร่งใสของส่วนราชการและหน่วยงานในสังกัด / "
        "Open data on the transparency of a department and its units",
        "site_url": "https://data.example.go.th",
        "ckan_version": "2.10.0",
        "error_emails_to": None,
        "locale_default": "th",
        "extensions": [],
    }
