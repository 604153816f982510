"""The OpenAPI description at /api/openapi.json: what it serves, that it is a valid OpenAPI 3.1 document,
that it describes exactly the project's machine addresses, and that its schemas hold what the CKAN
contract (DOMAIN.md §6) says and refuse what it does not.

Expected values are written by hand from the world's docstring (tests/opendata/world.py) and the task.
"""

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.test import Client, override_settings
from django.urls import resolve
from jsonschema import Draft202012Validator

from prongsai.opendata import urls as opendata_urls
from prongsai.opendata.entities import DatasetEntry, Publisher, organization_uuid
from prongsai.opendata.kinds import LICENSES, DatasetKind, Scope
from prongsai.opendata.models import Dataset
from prongsai.opendata.openapi import Examples, examples_of, openapi_document

from .world import OpendataWorld

ROOT = Path(__file__).resolve().parents[2]
PROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]

ACTIONS = (
    "package_list",
    "package_show",
    "package_search",
    "organization_list",
    "organization_show",
    "group_list",
    "group_show",
    "tag_list",
    "resource_show",
    "status_show",
    "help_show",
)
FILES = {
    "/opendata/ocds/{slug}.json": ("opendata:ocds_all", {"slug": "unit-0"}),
    "/opendata/ocds/{slug}/{month}.json": ("opendata:ocds_month", {"slug": "unit-0", "month": "2026-01"}),
    "/opendata/ocds/{slug}/{month}/{sequence}.json": (
        "opendata:ocds_record",
        {"slug": "unit-0", "month": "2026-01", "sequence": 1},
    ),
    "/opendata/datasets/{name}.csv": ("opendata:table_csv", {"name": "unit-0-register", "file_format": "CSV"}),
    "/opendata/datasets/{name}.json": ("opendata:table_json", {"name": "unit-0-register", "file_format": "JSON"}),
    "/opendata/datasets/{name}.xlsx": ("opendata:table_xlsx", {"name": "unit-0-register", "file_format": "XLSX"}),
    "/catalog.ttl": ("opendata:catalog_ttl", {"syntax": "turtle"}),
    "/catalog.jsonld": ("opendata:catalog_jsonld", {"syntax": "json-ld"}),
    "/api/openapi.json": ("opendata:openapi", {}),
}
# What each path template becomes in a request, for resolving it.
SAMPLE = {"{name}": "unit-0-register", "{slug}": "unit-0", "{month}": "2026-01", "{sequence}": "1"}
ACTION_STATUSES = {"200", "400", "403", "404", "409"}

CKAN_NOT_FOUND = {
    "help": "http://testserver/api/3/action/help_show?name=package_show",
    "success": False,
    "error": {"__type": "Not Found Error", "message": "ไม่พบชุดข้อมูล / Not found: no-such-dataset"},
}
CKAN_VALIDATION_ERROR = {
    "help": "http://testserver/api/3/action/help_show?name=package_search",
    "success": False,
    "error": {"__type": "Validation Error", "rows": ["ต้องไม่เกิน 1000 / Must be at most 1000"]},
}
# A package dict as the api task specifies it (abridged: the schema allows what it does not list).
PACKAGE = {
    "id": "0b9d6c0e-1d0a-5f5b-9b1e-2f1f6f0e8a11",
    "name": "unit-0-procurement-records",
    "title": "ผลการจัดซื้อจัดจ้าง",
    "notes": "ผลการจัดซื้อจัดจ้างทุกรายการตามแบบ สขร.1",
    "title_translated": {"th": "ผลการจัดซื้อจัดจ้าง", "en": "Procurement results"},
    "url": "http://testserver/th/opendata/unit-0-procurement-records/",
    "state": "active",
    "private": False,
    "type": "dataset",
    "license_id": "CC-BY-4.0",
    "isopen": True,
    "owner_org": "5c3f2d1e-0a9b-5c8d-8e7f-6a5b4c3d2e1f",
    "organization": {
        "id": "5c3f2d1e-0a9b-5c8d-8e7f-6a5b4c3d2e1f",
        "name": "unit-0",
        "title": "กองทดสอบที่ 0",
        "type": "organization",
        "is_organization": True,
    },
    "maintainer_email": None,
    "metadata_created": "2026-04-11T01:00:00.000000",
    "metadata_modified": "2026-04-11T01:00:00.000000",
    "version": None,
    "num_resources": 1,
    "num_tags": 1,
    "resources": [
        {
            "id": "unit-0-procurement-records-csv",
            "package_id": "0b9d6c0e-1d0a-5f5b-9b1e-2f1f6f0e8a11",
            "format": "CSV",
            "url": "http://testserver/opendata/datasets/unit-0-procurement-records.csv",
            "position": 0,
            "url_type": None,
        }
    ],
    "tags": [{"name": "OCDS", "display_name": "OCDS", "vocabulary_id": None}],
    "groups": [{"name": "procurement"}],
    "extras": [],
    "data_type": "ข้อมูลระเบียน",
    "objective": ["พันธกิจหน่วยงาน"],
    "update_frequency_unit": "เดือน",
    "update_frequency_interval": 1,
    "data_format": ["CSV", "JSON", "XLSX"],
    "data_language": ["ไทย"],
    "temporal_start": "2025-10-01",
    "temporal_end": None,
}


def _document(examples: Examples | None = None) -> dict[str, Any]:
    return openapi_document(
        base_url="https://opendata.example.go.th",
        version="1.2.3",
        data_license=LICENSES["CC-BY-4.0"],
        examples=examples,
    )


def _validator(document: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    """Return a validator of `schema` whose `#/components/…` references resolve in the document."""
    return Draft202012Validator({**schema, "components": document["components"]})


def _parameters(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {parameter["name"]: parameter for parameter in operation.get("parameters", [])}


# --- what the site serves -------------------------------------------------------------------------------


def test_the_description_is_served_as_json_open_to_every_origin(
    client: Client, world: OpendataWorld, django_assert_num_queries: Any
) -> None:
    # The examples' dataset: its row and its publisher's websites.
    with django_assert_num_queries(2):
        response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=300"
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    document = json.loads(response.content.decode("utf-8"))
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] == "Prongsai open data API (API ข้อมูลเปิดของระบบโปร่งใส)"
    assert document["info"]["version"] == PROJECT_VERSION
    assert document["info"]["license"] == {
        "name": "Creative Commons Attribution 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    description = document["info"]["description"]
    assert description.startswith("ข้อมูลเปิดที่หน่วยงานเผยแพร่ผ่านระบบโปร่งใส: API แบบ CKAN (อ่านอย่างเดียว)")
    assert "The open data the units publish through Prongsai: a read-only CKAN Action API" in description
    assert "contact" not in document["info"]
    assert document["servers"] == [{"url": "http://testserver"}]
    assert document["externalDocs"] == {
        "description": "สำหรับนักพัฒนา / For developers",
        "url": "http://testserver/th/developers/",
    }


def test_the_examples_are_the_catalogue_s_own(client: Client, world: OpendataWorld) -> None:
    document = client.get("/api/openapi.json").json()
    paths = document["paths"]
    dataset_id = str(Dataset.objects.get(name="unit-0-procurement-records").uuid)
    unit_id = organization_uuid(world.published.pk)

    def examples(path: str, name: str, method: str = "get") -> list[Any]:
        parameter = _parameters(paths[path][method])[name]
        return [example["value"] for example in parameter["examples"].values()]

    for prefix in ("/api/3/action/", "/api/action/"):
        assert examples(f"{prefix}package_show", "id") == ["unit-0-procurement-records", dataset_id]
        assert examples(f"{prefix}organization_show", "id") == ["unit-0", unit_id]
        assert examples(f"{prefix}resource_show", "id") == ["unit-0-procurement-records-csv"]
        assert examples(f"{prefix}group_show", "id") == [
            "transparency",
            "planning",
            "procurement",
            "participation",
            "monitoring",
        ]
        assert examples(f"{prefix}package_search", "fq") == [
            "metadata_modified:[2026-01-01T00:00:00Z TO *]",
            "organization:unit-0",
            "groups:procurement",
            "res_format:CSV",
        ]
        body = paths[f"{prefix}package_show"]["post"]["requestBody"]["content"]["application/json"]
        assert body["examples"] == {"example1": {"value": {"id": "unit-0-procurement-records"}}}
    record = _parameters(paths["/opendata/ocds/{slug}/{month}/{sequence}.json"]["get"])
    # unit-0's first month with records is November 2025; each month's records are numbered from 1.
    assert {name: parameter["example"] for name, parameter in record.items()} == {
        "slug": "unit-0",
        "month": "2025-11",
        "sequence": 1,
    }
    for file_format in ("csv", "json", "xlsx"):
        download = _parameters(paths[f"/opendata/datasets/{{name}}.{file_format}"]["get"])
        assert download["name"]["example"] == "unit-0-procurement-records"


def test_the_description_is_cached_and_answers_a_conditional_get(
    client: Client, world: OpendataWorld, django_assert_num_queries: Any
) -> None:
    first = client.get("/api/openapi.json")
    with django_assert_num_queries(0):
        again = client.get("/api/openapi.json")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    with django_assert_num_queries(0):
        unchanged = client.get("/api/openapi.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["Access-Control-Allow-Origin"] == "*"


def test_each_address_of_the_server_gets_its_own_servers_entry(client: Client, world: OpendataWorld) -> None:
    assert client.get("/api/openapi.json").json()["servers"] == [{"url": "http://testserver"}]
    other = client.get("/api/openapi.json", HTTP_HOST="localhost").json()
    assert other["servers"] == [{"url": "http://localhost"}]
    assert other["externalDocs"]["url"] == "http://localhost/th/developers/"


@override_settings(PRONGSAI_OPENDATA_LICENSE="CC0-1.0", PRONGSAI_OPENDATA_CONTACT_EMAIL="opendata@example.go.th")
def test_the_licence_and_contact_are_the_settings(client: Client, world: OpendataWorld) -> None:
    info = client.get("/api/openapi.json").json()["info"]
    assert info["license"] == {
        "name": "Creative Commons CCZero 1.0",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    }
    assert info["contact"] == {"email": "opendata@example.go.th"}


def test_an_empty_catalogue_gets_a_description_without_examples(
    client: Client, db: Any, django_assert_num_queries: Any
) -> None:
    # No procurement records, then no dataset at all (an empty result prefetches nothing).
    with django_assert_num_queries(2):
        document = client.get("/api/openapi.json").json()
    schemathesis.openapi.from_dict(document).validate()
    show = _parameters(document["paths"]["/api/3/action/package_show"]["get"])["id"]
    assert "examples" not in show
    record = _parameters(document["paths"]["/opendata/ocds/{slug}/{month}/{sequence}.json"]["get"])
    assert [name for name, parameter in record.items() if "example" in parameter] == []


def test_only_get_and_head_are_answered(client: Client, world: OpendataWorld) -> None:
    head = client.head("/api/openapi.json")
    assert head.status_code == 200
    assert head.content == b""
    assert client.post("/api/openapi.json").status_code == 405
    assert client.put("/api/openapi.json").status_code == 405


def test_the_served_description_conforms_to_its_own_schema_of_itself(client: Client, world: OpendataWorld) -> None:
    # schemathesis does not fuzz the address it reads the description from, so this checks that operation.
    document = client.get("/api/openapi.json").json()
    response = document["paths"]["/api/openapi.json"]["get"]["responses"]["200"]
    schema = response["content"]["application/json"]["schema"]
    assert list(_validator(document, schema).iter_errors(document)) == []


# --- the document ---------------------------------------------------------------------------------------


def test_the_document_is_a_valid_openapi_3_1_document() -> None:
    document = _document(Examples(dataset_name="unit-0-register", organization_name="unit-0"))
    # schemathesis checks it against the official OpenAPI 3.1 schema (openapi-spec-validator is not installed).
    schemathesis.openapi.from_dict(document).validate()
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                Draft202012Validator.check_schema(parameter["schema"])
            assert operation["responses"], (method, path)
    operation_ids = [op["operationId"] for ops in document["paths"].values() for op in ops.values()]
    assert len(operation_ids) == len(set(operation_ids)) == 57


def test_the_validator_refuses_a_broken_document() -> None:
    # The check above would be worth nothing if schemathesis accepted anything.
    document = _document()
    document["paths"]["/catalog.ttl"]["get"]["parameters"][0]["in"] = "body"
    with pytest.raises(Exception, match="is not one of"):
        schemathesis.openapi.from_dict(document).validate()


def test_the_document_describes_every_operation_and_no_other() -> None:
    described = {(method, path) for path, operations in _document()["paths"].items() for method in operations}
    expected = {
        (method, f"{prefix}{action}")
        for prefix in ("/api/3/action/", "/api/action/")
        for action in (*ACTIONS, "{name}")
        for method in ("get", "post")
    } | {("get", path) for path in FILES}
    assert described == expected


def test_every_described_path_resolves_to_its_address_and_every_address_is_described() -> None:
    resolved = {}
    for path in _document()["paths"]:
        concrete = path
        for template, value in SAMPLE.items():
            concrete = concrete.replace(template, value)
        match = resolve(concrete)
        resolved[path] = (match.view_name, match.kwargs)
    expected: dict[str, tuple[str, dict[str, Any]]] = dict(FILES)
    for prefix, view_name in (("/api/3/action/", "opendata:action"), ("/api/action/", "opendata:action_unversioned")):
        for action in ACTIONS:
            expected[f"{prefix}{action}"] = (view_name, {"name": action})
        expected[f"{prefix}{{name}}"] = (view_name, {"name": "unit-0-register"})
    assert resolved == expected
    # The addresses without an action name only answer "action not known"; they are no operation.
    addresses = {f"opendata:{pattern.name}" for pattern in opendata_urls.urlpatterns} - {"opendata:action_missing"}
    assert {view_name for view_name, _ in resolved.values()} == addresses


def test_package_search_takes_the_ckan_parameters() -> None:
    operation = _document()["paths"]["/api/3/action/package_search"]
    parameters = _parameters(operation["get"])
    assert list(parameters) == [
        "q",
        "fq",
        "fq_list",
        "sort",
        "rows",
        "start",
        "facet",
        "facet.field",
        "facet.limit",
        "facet.mincount",
        "include_private",
    ]
    assert parameters["rows"]["schema"] == {"type": "integer", "minimum": 0, "maximum": 1000, "default": 10}
    assert parameters["start"]["schema"] == {"type": "integer", "minimum": 0, "default": 0}
    assert parameters["fq_list"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert parameters["fq_list"]["explode"] is True
    body = operation["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert list(body["properties"]) == list(parameters)
    assert "required" not in body
    show = _document()["paths"]["/api/3/action/package_show"]["post"]["requestBody"]
    assert show["required"] is False
    assert show["content"]["application/json"]["schema"]["required"] == ["id"]


def test_every_operation_names_its_responses() -> None:
    for path, operations in _document()["paths"].items():
        for operation in operations.values():
            statuses = set(operation["responses"])
            if path.startswith("/api/") and path != "/api/openapi.json":
                assert statuses == ACTION_STATUSES, path
            elif path.startswith("/catalog"):
                assert statuses == {"200", "400", "404"}, path
            elif path.startswith("/opendata/"):
                assert statuses == {"200", "404"}, path
            else:
                assert statuses == {"200"}, path


# --- the schemas say what the contract says -------------------------------------------------------------


def _response_schema(document: dict[str, Any], path: str, status: str) -> dict[str, Any]:
    response = document["paths"][path]["post"]["responses"][status]
    if "$ref" in response:
        response = document["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    schema: dict[str, Any] = response["content"]["application/json"]["schema"]
    return schema


def test_the_error_envelopes_take_ckan_s_errors_and_refuse_others() -> None:
    document = _document()
    not_found = _validator(document, _response_schema(document, "/api/3/action/package_show", "404"))
    conflict = _validator(document, _response_schema(document, "/api/3/action/package_show", "409"))
    forbidden = _validator(document, _response_schema(document, "/api/3/action/{name}", "403"))
    assert not_found.is_valid(CKAN_NOT_FOUND)
    assert conflict.is_valid(CKAN_VALIDATION_ERROR)
    assert conflict.is_valid({**CKAN_VALIDATION_ERROR, "error": {"__type": "Search Query Error", "message": "fq"}})
    assert forbidden.is_valid({"success": False, "error": {"__type": "Authorization Error", "message": "read-only"}})
    assert not not_found.is_valid(CKAN_VALIDATION_ERROR)
    assert not conflict.is_valid(CKAN_NOT_FOUND)
    assert not not_found.is_valid({"help": "h", "success": True, "result": None})
    assert not not_found.is_valid({"success": False, "error": {"message": "no __type"}})


def test_the_success_envelope_takes_a_package_as_ckan_writes_it() -> None:
    document = _document()
    show = _validator(document, _response_schema(document, "/api/3/action/package_show", "200"))
    help_url = "http://testserver/api/3/action/help_show?name=package_show"
    assert show.is_valid({"help": help_url, "success": True, "result": PACKAGE})
    assert not show.is_valid({"success": True, "result": PACKAGE})
    assert not show.is_valid({"help": help_url, "success": False, "result": PACKAGE})
    # CKAN writes times naive (UTC) with a "T"; a harvester compares them as such.
    late = {**PACKAGE, "metadata_modified": "2026-04-11 08:00"}
    assert [error.message for error in show.iter_errors({"help": help_url, "success": True, "result": late})] == [
        "'2026-04-11 08:00' does not match "
        "'^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$'"
    ]
    without_resources = {key: value for key, value in PACKAGE.items() if key != "resources"}
    assert not show.is_valid({"help": help_url, "success": True, "result": without_resources})
    search = _validator(document, _response_schema(document, "/api/3/action/package_search", "200"))
    page = {"count": 16, "results": [PACKAGE], "sort": "id asc", "facets": {}, "search_facets": {}}
    assert search.is_valid({"help": help_url, "success": True, "result": page})
    assert not search.is_valid({"help": help_url, "success": True, "result": {"count": 16, "results": ["name"]}})


# --- the pure parts -------------------------------------------------------------------------------------

PUBLISHER = Publisher(
    pk=7,
    id="7b0e3c9a-0000-5000-8000-000000000007",
    name="unit-9",
    slug="unit-9",
    title_th="กองทดสอบที่ 9",
    title_en="Test division 9",
    is_department=False,
    created=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
)


def _entry(kind: DatasetKind, months: tuple[str, ...] = ()) -> DatasetEntry:
    return DatasetEntry(
        id="d0000000-0000-5000-8000-000000000001",
        name=f"unit-9-{kind.value}",
        kind=kind,
        scope=Scope.UNIT,
        publisher=PUBLISHER,
        title_th="ชื่อ",
        title_en="Title",
        notes_th="",
        notes_en="",
        created=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        modified=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        license=LICENSES["CC-BY-4.0"],
        months=months,
    )


def test_examples_of_a_dataset() -> None:
    assert examples_of(None) == Examples()
    assert examples_of(_entry(DatasetKind.PROCUREMENT_RECORDS, ("2026-02", "2026-05"))) == Examples(
        dataset_name="unit-9-procurement-records",
        dataset_id="d0000000-0000-5000-8000-000000000001",
        organization_name="unit-9",
        organization_id="7b0e3c9a-0000-5000-8000-000000000007",
        resource_id="unit-9-procurement-records-csv",
        ocds_slug="unit-9",
        ocds_month="2026-02",
        ocds_sequence=1,
    )
    # A register has no OCDS packages: no OCDS examples.
    assert examples_of(_entry(DatasetKind.REGISTER)) == Examples(
        dataset_name="unit-9-register",
        dataset_id="d0000000-0000-5000-8000-000000000001",
        organization_name="unit-9",
        organization_id="7b0e3c9a-0000-5000-8000-000000000007",
        resource_id="unit-9-register-csv",
    )


def test_each_document_is_its_own() -> None:
    first = _document()
    first["components"]["schemas"]["Package"]["properties"]["name"]["type"] = "integer"
    second = _document()
    assert second["components"]["schemas"]["Package"]["properties"]["name"] == {"type": "string"}
    assert json.loads(json.dumps(second)) == _document()
