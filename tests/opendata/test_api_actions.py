"""The CKAN Action API over HTTP: each action's exact answer, the envelope, errors, methods and query counts.

The world is tests/opendata/world.py's (built once for the module): a department "ops" with unit-0,
which has published everything, and unit-1, which has published nothing; 16 datasets, all synced at
2026-04-11 08:00 +07:00 (01:00 UTC). Expected values are written from its docstring and kinds.py.
"""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from prongsai.opendata.ckan import entity_uuid
from prongsai.opendata.entities import organization_uuid
from prongsai.opendata.models import Dataset

from .api_world import (
    SYNCED_CKAN,
    UNIT_0_NAMES,
    WORLD_NAMES,
    ckan_time,
    module_world,
    records_package,
    records_resources,
)
from .world import OpendataWorld

BASE = "http://testserver"


@pytest.fixture(scope="module")
def shared_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[OpendataWorld]:
    with module_world(django_db_blocker) as built:
        yield built


@pytest.fixture
def world(shared_world: OpendataWorld, db: None) -> OpendataWorld:
    return shared_world


def get(client: Client, action: str, **params: Any) -> tuple[int, dict[str, Any]]:
    response = client.get(f"/api/3/action/{action}", params)
    return response.status_code, json.loads(response.content)


def ok(client: Client, action: str, **params: Any) -> Any:
    status, body = get(client, action, **params)
    assert status == 200, body
    assert body["success"] is True
    assert body["help"] == f"{BASE}/api/3/action/help_show?name={action}"
    assert set(body) == {"help", "success", "result"}
    return body["result"]


@pytest.fixture
def contact(settings: Any) -> None:
    settings.PRONGSAI_OPENDATA_CONTACT_EMAIL = "opendata@example.go.th"


def test_package_show_gives_the_whole_dataset_with_every_download_a_resource(
    world: OpendataWorld, client: Client, contact: None, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):
        result = ok(client, "package_show", id="unit-0-procurement-records")
    assert result == records_package(world, BASE)


def test_every_way_of_calling_answers_alike(world: OpendataWorld, client: Client, contact: None) -> None:
    expected = {
        "help": f"{BASE}/api/3/action/help_show?name=package_show",
        "success": True,
        "result": records_package(world, BASE),
    }
    name = "unit-0-procurement-records"
    uuid = str(Dataset.objects.get(name=name).uuid)
    answers = [
        client.get("/api/3/action/package_show", {"id": name}),
        client.get("/api/3/action/package_show/", {"id": name}),
        client.get("/api/action/package_show", {"id": name}),
        client.get("/api/action/package_show/", {"id": name.upper()}),
        client.get("/api/3/action/package_show", {"id": uuid.upper()}),
        client.get("/api/3/action/package_show", {"name_or_id": name}),
        client.post("/api/3/action/package_show", {"id": name}, content_type="application/json"),
        client.post("/api/action/package_show/", {"id": uuid}, content_type="application/json"),
        client.post("/api/3/action/package_show", {"id": name}),  # multipart form
        client.post("/api/3/action/package_show", f"id={name}", content_type="application/x-www-form-urlencoded"),
        # curl -d '{"id": …}' sends JSON as a form; so do clients that post the object as the form's only field.
        client.post(
            "/api/3/action/package_show", json.dumps({"id": name}), content_type="application/x-www-form-urlencoded"
        ),
        client.post(
            "/api/3/action/package_show",
            f"%7B%22id%22%3A%22{name}%22%7D=",
            content_type="application/x-www-form-urlencoded",
        ),
        client.post(f"/api/3/action/package_show?id={name}", b"", content_type="application/json"),
    ]
    for response in answers:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Set-Cookie" not in response
        assert json.loads(response.content) == expected


def test_package_show_of_a_dataset_that_does_not_exist(world: OpendataWorld, client: Client) -> None:
    assert get(client, "package_show", id="unit-9-register") == (
        404,
        {
            "help": f"{BASE}/api/3/action/help_show?name=package_show",
            "success": False,
            "error": {
                "__type": "Not Found Error",
                "message": "ไม่พบ / Not found: ไม่พบชุดข้อมูล unit-9-register / Dataset not found: unit-9-register",
            },
        },
    )
    assert get(client, "package_show")[1]["error"] == {"__type": "Validation Error", "id": ["ต้องระบุ / Missing value"]}
    assert get(client, "package_show", id="x" * 5000)[1]["error"] == {
        "__type": "Validation Error",
        "id": ["ยาวเกินไป / Too long"],
    }
    status, body = get(client, "package_show", id="unit-0-register\x00")
    assert (status, body["error"]["id"]) == (409, ["มีอักขระที่ใช้ไม่ได้ / Contains characters that are not allowed"])


def test_package_list_names_every_dataset_in_name_order(
    world: OpendataWorld, client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        assert ok(client, "package_list") == WORLD_NAMES
    assert ok(client, "package_list", limit=3, offset=7) == WORLD_NAMES[7:10]
    assert ok(client, "package_list", limit=0) == WORLD_NAMES
    assert ok(client, "package_list", offset=10**30) == []
    assert get(client, "package_list", limit="-2")[1]["error"] == {
        "__type": "Validation Error",
        "limit": ["ต้องเป็นจำนวนเต็มที่ไม่ติดลบ / Must be a natural number"],
    }


def test_organizations_are_the_department_and_its_units(
    world: OpendataWorld, client: Client, django_assert_num_queries: Any
) -> None:
    # Thai dictionary order of the Thai names: กองทดสอบที่ 0, กองทดสอบที่ 1, สำนักงานปลัด.
    with django_assert_num_queries(2):
        assert ok(client, "organization_list") == ["unit-0", "unit-1", "ops"]
    assert ok(client, "organization_list", sort="name asc") == ["ops", "unit-0", "unit-1"]
    assert ok(client, "organization_list", sort="title desc") == ["ops", "unit-1", "unit-0"]
    # Most datasets first (ops and unit-0 have seven each, then by name), as CKAN sorts "package_count".
    with django_assert_num_queries(3):
        assert ok(client, "organization_list", sort="package_count") == ["ops", "unit-0", "unit-1"]
    assert ok(client, "organization_list", sort="package_count asc") == ["unit-1", "ops", "unit-0"]
    assert ok(client, "organization_list", limit=1, offset=1) == ["unit-1"]
    assert ok(client, "organization_list", organizations="ops,unit-1") == ["unit-1", "ops"]
    assert ok(client, "organization_list", q="Test division") == ["unit-0", "unit-1"]
    assert ok(client, "organization_list", type="group") == []
    with django_assert_num_queries(3):
        found = ok(client, "organization_list", all_fields="true", include_extras="true", include_groups="true")
    department = world.department
    assert found[2] == {
        "id": organization_uuid(department.pk),
        "name": "ops",
        "title": "สำนักงานปลัด",
        "title_en": "OPS",
        "title_translated": {"th": "สำนักงานปลัด", "en": "OPS"},
        "display_name": "สำนักงานปลัด",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "created": ckan_time(department.created_at),
        "description": "ชุดข้อมูลเปิดของสำนักงานปลัด",
        "description_translated": {"th": "ชุดข้อมูลเปิดของสำนักงานปลัด", "en": "Open datasets of OPS"},
        "image_url": "",
        "image_display_url": "",
        "num_followers": 0,
        "package_count": 7,
        "extras": [],
        "groups": [],
        "tags": [],
    }
    assert [(item["name"], item["package_count"], item["groups"]) for item in found] == [
        ("unit-0", 7, [{"name": "ops", "capacity": "public"}]),
        ("unit-1", 2, [{"name": "ops", "capacity": "public"}]),
        ("ops", 7, []),
    ]
    assert get(client, "organization_list", sort="created desc")[1]["error"] == {
        "__type": "Validation Error",
        "sort": ["เรียงตาม `created desc` ไม่ได้ / Cannot sort by field `created desc`"],
    }
    assert get(client, "organization_list", sort="name sideways")[1]["error"] == {
        "__type": "Validation Error",
        "sort": ["ทิศทางการเรียง `sideways` ไม่ถูกต้อง / Invalid sort direction `sideways`"],
    }


def test_organization_show_by_name_or_id_with_its_datasets(
    world: OpendataWorld, client: Client, django_assert_num_queries: Any
) -> None:
    unit = world.published
    with django_assert_num_queries(3):
        found = ok(client, "organization_show", id="unit-0")
    assert found == {
        "id": organization_uuid(unit.pk),
        "name": "unit-0",
        "title": "กองทดสอบที่ 0",
        "title_en": "Test division 0",
        "title_translated": {"th": "กองทดสอบที่ 0", "en": "Test division 0"},
        "display_name": "กองทดสอบที่ 0",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "created": ckan_time(unit.created_at),
        "description": "ชุดข้อมูลเปิดของกองทดสอบที่ 0",
        "description_translated": {"th": "ชุดข้อมูลเปิดของกองทดสอบที่ 0", "en": "Open datasets of Test division 0"},
        "image_url": "",
        "image_display_url": "",
        "num_followers": 0,
        "package_count": 7,
        "extras": [],
        "groups": [{"name": "ops", "capacity": "public"}],
        "tags": [],
    }
    assert ok(client, "organization_show", id=organization_uuid(unit.pk)) == found
    with django_assert_num_queries(5):
        with_datasets = ok(client, "organization_show", id="UNIT-0", include_datasets="true")
    assert sorted(package["name"] for package in with_datasets["packages"]) == UNIT_0_NAMES
    assert all(package["organization"]["name"] == "unit-0" for package in with_datasets["packages"])
    assert get(client, "organization_show", id="unit-9") == (
        404,
        {
            "help": f"{BASE}/api/3/action/help_show?name=organization_show",
            "success": False,
            "error": {
                "__type": "Not Found Error",
                "message": "ไม่พบ / Not found: ไม่พบหน่วยงาน unit-9 / Organization not found: unit-9",
            },
        },
    )


def test_groups_are_the_five_themes(world: OpendataWorld, client: Client, django_assert_num_queries: Any) -> None:
    # Thai dictionary order: การจัดซื้อ…, การตรวจ…, การเปิดเผย… (เ sorts after its consonant ป), การมีส่วนร่วม…, แผน…
    with django_assert_num_queries(0):
        assert ok(client, "group_list") == ["procurement", "monitoring", "transparency", "participation", "planning"]
    assert ok(client, "group_list", sort="name") == [
        "monitoring",
        "participation",
        "planning",
        "procurement",
        "transparency",
    ]
    with django_assert_num_queries(1):
        found = ok(client, "group_list", all_fields=True, sort="package_count desc")
    # planning: ops and unit-0 action plans and progress (4); procurement: plans and records (4); participation:
    # three channel statistics; transparency: three registers; monitoring: ops and unit-0 scores (2).
    assert [(group["name"], group["package_count"], group["created"]) for group in found] == [
        ("planning", 4, SYNCED_CKAN),
        ("procurement", 4, SYNCED_CKAN),
        ("participation", 3, SYNCED_CKAN),
        ("transparency", 3, SYNCED_CKAN),
        ("monitoring", 2, SYNCED_CKAN),
    ]
    with django_assert_num_queries(1):
        shown = ok(client, "group_show", id="procurement")
    assert (shown["name"], shown["title"], shown["title_en"], shown["package_count"]) == (
        "procurement",
        "การจัดซื้อจัดจ้าง",
        "Procurement",
        4,
    )
    assert ok(client, "group_show", id=entity_uuid("group", "procurement")) == shown
    with django_assert_num_queries(3):
        packages = ok(client, "group_show", id="procurement", include_datasets=True)["packages"]
    assert sorted(package["name"] for package in packages) == [
        "ops-procurement-plans",
        "ops-procurement-records",
        "unit-0-procurement-plans",
        "unit-0-procurement-records",
    ]
    assert get(client, "group_show", id="sport")[1]["error"] == {
        "__type": "Not Found Error",
        "message": "ไม่พบ / Not found: ไม่พบกลุ่ม sport / Group not found: sport",
    }


TAGS = [
    "ITA",
    "OCDS",
    "action plan",
    "budget",
    "complaints",
    "monitoring",
    "opinions",
    "performance",
    "procurement",
    "procurement plan",
    "progress",
    "transparency",
    "website",
    "การเปิดเผยข้อมูล",
    "ความคิดเห็น",
    "ความโปร่งใส",
    "งบประมาณ",
    "จัดซื้อจัดจ้าง",
    "ผลการดำเนินงาน",
    "สขร.1",
    "เรื่องร้องเรียน",
    "เว็บไซต์",
    "แผนการจัดซื้อจัดจ้าง",
    "แผนปฏิบัติการ",
]


def test_tags_are_those_of_the_kinds_in_the_catalogue(
    world: OpendataWorld, client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        assert ok(client, "tag_list") == TAGS
    assert ok(client, "tag_list", query="จัดซื้อ") == ["จัดซื้อจัดจ้าง", "แผนการจัดซื้อจัดจ้าง"]
    assert ok(client, "tag_list", q="PROCUREMENT") == ["procurement", "procurement plan"]
    assert ok(client, "tag_list", query="ita", all_fields=True) == [
        {
            "id": entity_uuid("tag", "ITA"),
            "name": "ITA",
            "display_name": "ITA",
            "state": "active",
            "vocabulary_id": None,
        }
    ]
    assert ok(client, "tag_list", vocabulary_id="countries") == []


def test_resource_show_gives_one_download(world: OpendataWorld, client: Client, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(2):
        found = ok(client, "resource_show", id="unit-0-procurement-records-ocds-2026-01")
    assert found == records_resources(BASE)[5]
    assert ok(client, "resource_show", id="unit-0-procurement-records-csv") == records_resources(BASE)[0]
    for missing in ("unit-0-procurement-records-ocds-2099-01", "unit-1-register-ocds", "nothing"):
        assert get(client, "resource_show", id=missing) == (
            404,
            {
                "help": f"{BASE}/api/3/action/help_show?name=resource_show",
                "success": False,
                "error": {
                    "__type": "Not Found Error",
                    "message": f"ไม่พบ / Not found: ไม่พบแหล่งข้อมูล {missing} / Resource not found: {missing}",
                },
            },
        )


def test_status_license_and_help(world: OpendataWorld, client: Client, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        status = ok(client, "status_show")
        help_text = ok(client, "help_show", name="package_show")
        licenses = ok(client, "license_list")
    assert (status["site_url"], status["ckan_version"], status["locale_default"]) == (BASE, "2.10.0", "th")
    assert help_text == (
        "Return a dataset (package) with its downloads as resources and its DGA GD-Catalog metadata.\n\n"
        ":param id: the id or the name of the dataset\n:type id: string\n\n:rtype: dictionary"
    )
    assert [(item["id"], item["title"], item["url"], item["spdx_id"]) for item in licenses] == [
        (
            "Creative Commons Attributions",
            "Creative Commons Attribution 4.0",
            "https://creativecommons.org/licenses/by/4.0/",
            "CC-BY-4.0",
        )
    ]
    assert get(client, "help_show", name="package_create")[1]["error"] == {
        "__type": "Not Found Error",
        "message": "ไม่พบ / Not found: ไม่พบคำสั่ง package_create / Action function not found: package_create",
    }
    assert get(client, "help_show")[1]["error"] == {"__type": "Validation Error", "name": ["ต้องระบุ / Missing value"]}


def test_the_license_is_a_setting(world: OpendataWorld, client: Client, settings: Any) -> None:
    settings.PRONGSAI_OPENDATA_LICENSE = "CC0-1.0"
    found = ok(client, "package_show", id="unit-1-register")
    assert (found["license_id"], found["license_title"], found["license_url"], found["isopen"]) == (
        "Open Data Common",
        "Creative Commons CCZero 1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        True,
    )


WRITES = [
    "package_create",
    "package_update",
    "package_patch",
    "package_delete",
    "resource_create",
    "organization_create",
    "group_member_create",
]


@pytest.mark.parametrize("action", WRITES)
def test_write_actions_are_refused_the_catalogue_is_read_only(
    world: OpendataWorld, client: Client, action: str
) -> None:
    expected = {
        "help": f"{BASE}/api/3/action/help_show?name={action}",
        "success": False,
        "error": {
            "__type": "Authorization Error",
            "message": f"ไม่มีสิทธิ์ / Access denied: บัญชีข้อมูลนี้เปิดให้อ่านอย่างเดียว ใช้คำสั่ง {action} ไม่ได้"
            f" / this catalogue is read-only, {action} is not available",
        },
    }
    for response in (
        client.post(f"/api/3/action/{action}", {"name": "x"}, content_type="application/json"),
        client.get(f"/api/action/{action}", {"name": "x"}),
    ):
        assert (response.status_code, json.loads(response.content)) == (403, expected)
    assert Dataset.objects.count() == 16


def test_unknown_actions_and_bodies_that_are_not_json_objects_are_bad_requests(
    world: OpendataWorld, client: Client
) -> None:
    response = client.get("/api/3/action/package_magic")
    assert (response.status_code, json.loads(response.content)) == (
        400,
        {
            "help": f"{BASE}/api/3/action/help_show?name=package_magic",
            "success": False,
            "error": {
                "__type": "Bad Request",
                "message": "คำขอไม่ถูกต้อง - ไม่รู้จักคำสั่ง: package_magic"
                " / Bad request - Action name not known: package_magic",
            },
        },
    )
    empty = client.get("/api/3/action/")
    assert (empty.status_code, json.loads(empty.content)["error"]["message"]) == (
        400,
        "คำขอไม่ถูกต้อง - ไม่รู้จักคำสั่ง:  / Bad request - Action name not known: ",
    )
    broken = client.post("/api/3/action/package_show", b'{"id": ', content_type="application/json")
    assert broken.status_code == 400
    assert json.loads(broken.content)["error"] == {
        "__type": "Bad Request",
        "message": "คำขอไม่ถูกต้อง - อ่าน JSON ไม่ได้: Expecting value: line 1 column 8 (char 7)"
        " / Bad request - JSON Error: Expecting value: line 1 column 8 (char 7)",
    }
    listed = client.post("/api/3/action/package_show", b'["unit-0-register"]', content_type="application/json")
    assert (listed.status_code, json.loads(listed.content)["error"]) == (
        400,
        {
            "__type": "Bad Request",
            "message": "คำขอไม่ถูกต้อง - ข้อมูลที่ส่งมาเป็น ['unit-0-register'] แต่ต้องเป็นออบเจกต์ JSON"
            " / Bad request - Request data JSON decoded to ['unit-0-register'] but it needs to be a dictionary.",
        },
    )
    latin = client.post("/api/3/action/package_show", b'{"id": "\xff"}', content_type="application/json")
    assert (latin.status_code, json.loads(latin.content)["error"]["__type"]) == (400, "Bad Request")


def test_methods_other_than_get_and_post_are_refused_with_json_and_options_is_a_preflight(
    world: OpendataWorld, client: Client
) -> None:
    for method in ("put", "patch", "delete"):
        response = getattr(client, method)("/api/3/action/package_list")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
        assert json.loads(response.content)["error"] == {
            "__type": "Method Not Allowed",
            "message": f"ใช้วิธี {method.upper()} ไม่ได้ ใช้ GET หรือ POST"
            f" / method {method.upper()} is not allowed, use GET or POST",
        }
    head = client.head("/api/3/action/package_list")
    assert (head.status_code, head["Content-Type"]) == (200, "application/json; charset=utf-8")
    preflight = client.options(
        "/api/3/action/package_search",
        headers={
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Headers": "content-type, x-ckan-api-key",
        },
    )
    assert preflight.status_code == 204
    assert preflight.content == b""
    assert (preflight["Access-Control-Allow-Origin"], preflight["Access-Control-Allow-Methods"]) == (
        "*",
        "GET, POST, OPTIONS",
    )
    assert preflight["Access-Control-Allow-Headers"] == "content-type, x-ckan-api-key"
    assert preflight["Access-Control-Max-Age"] == "86400"
    odd = client.options("/api/3/action/package_search", headers={"Access-Control-Request-Headers": "x\u00e9"})
    assert odd["Access-Control-Allow-Headers"] == "Content-Type, Authorization, X-CKAN-API-Key"


def test_nothing_ever_redirects_and_nothing_is_a_server_error(world: OpendataWorld, client: Client) -> None:
    paths = ["/api/3/action/", "/api/action/", "/api/3/action/package_list", "/api/action/package_list/"]
    paths += ["/api/3/action/%E0%B8%81", "/api/3/action/package_show?id=%E0%B8%81", "/api/3/action/help_show?name=%00"]
    paths += ["/api/3/action/package_search?rows=99999999999999999999999&start=99999999999999999999"]
    paths += ["/api/3/action/package_search?fq=metadata_modified:[0000-01-01T00:00:00Z TO *]"]
    paths += ["/api/3/action/package_search?fq=" + "(" * 300, "/api/3/action/package_search?q=" + "-" * 3000 + "x"]
    paths += ["/api/3/action/organization_show?id=%F0%9F%98%80", "/api/3/action/package_search?facet.field=[[[[]]]]"]
    for path in paths:
        for method in ("get", "post", "head", "options", "put"):
            response = getattr(client, method)(path)
            assert response.status_code not in range(300, 400), (method, path)
            assert response.status_code < 500, (method, path, response.content[:200])
            assert response["Access-Control-Allow-Origin"] == "*"
    deep = client.post("/api/3/action/package_show", b"[" * 100000, content_type="application/json")
    assert deep.status_code == 400
    surrogate = client.post("/api/3/action/package_show", b'{"id": "\\ud800"}', content_type="application/json")
    assert (surrogate.status_code, json.loads(surrogate.content)["error"]) == (
        409,
        {"__type": "Validation Error", "id": ["มีอักขระที่ใช้ไม่ได้ / Contains characters that are not allowed"]},
    )
    named = client.post("/api/3/action/\ud800x".encode("utf-8", "surrogatepass").decode("latin-1"))
    assert named.status_code == 400


QUERIES = [
    ("package_list", {}, 1),
    ("package_show", {"id": "unit-0-register"}, 2),
    ("package_search", {}, 3),
    ("package_search", {"rows": 0}, 1),
    ("package_search", {"facet.field": '["organization", "tags"]'}, 4),
    # The organization's id is put in below: its primary key depends on what ran before.
    ("package_search", {"fq": "owner_org:<unit-0>"}, 4),
    ("package_search", {"sort": "title_string asc"}, 3),
    ("resource_show", {"id": "unit-0-register-csv"}, 2),
    ("organization_list", {}, 2),
    ("organization_list", {"all_fields": "true"}, 3),
    ("organization_show", {"id": "unit-0"}, 3),
    ("organization_show", {"id": "unit-0", "include_datasets": "true"}, 5),
    ("group_list", {}, 0),
    ("group_list", {"all_fields": "true"}, 1),
    ("group_show", {"id": "planning"}, 1),
    ("tag_list", {}, 1),
    ("license_list", {}, 0),
    ("status_show", {}, 0),
    ("help_show", {"name": "tag_list"}, 0),
]


@pytest.mark.parametrize(
    ("action", "params", "queries"), QUERIES, ids=[f"{a}-{i}" for i, (a, _, _) in enumerate(QUERIES)]
)
def test_each_action_issues_a_fixed_number_of_queries(
    world: OpendataWorld,
    client: Client,
    django_assert_num_queries: Any,
    action: str,
    params: dict[str, str],
    queries: int,
) -> None:
    unit_0 = organization_uuid(world.published.pk)
    params = {
        key: value.replace("<unit-0>", unit_0) if isinstance(value, str) else value for key, value in params.items()
    }
    with django_assert_num_queries(queries):
        ok(client, action, **params)
