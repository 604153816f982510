"""The OpenAPI description of every machine address of the open data. Pure: no Django.

`openapi_document` returns, as plain JSON values, an OpenAPI 3.1 document of:
- the CKAN Action API (read-only), each action at `/api/3/action/<name>` and `/api/action/<name>`, by GET
  (parameters in the query string) and by POST (a JSON object), with the envelope CKAN answers
  with (`{"help", "success": true, "result"}`) and its errors (`{"help", "success": false, "error":
  {"__type", "message", …}}`) per status: 400 bad request, 403 "Authorization Error" (the catalogue
  takes no writes), 404 "Not Found Error", 409 "Validation Error" or "Search Query Error". Any other
  action name is described too (`/api/3/action/{name}`), since the address pattern takes every name;
- the OCDS release packages of a unit (every record, one month's, one record);
- each dataset's downloads (CSV, JSON, XLSX), and the DCAT-AP catalogue in Turtle and JSON-LD, paged;
- this document itself.

Why 3.1 and not 3.0: its schemas are JSON Schema 2020-12, so a field that may be null is `"type": [..., "null"]`
and `success` is a `const`, which the fuzzing test (schemathesis) reads as written; 3.0's `nullable` needs
translating and has known ambiguities.

What clients may rely on is described and no more: every object allows properties that are not listed
(CKAN adds fields between versions, and so may we), and only the fields a CKAN client or harvester needs
are required. The package dict lists the fields the API emits, the DGA GD-Catalog ones among them, with
types loose where the catalogue's choice is a presentation (a list or one string).

`examples` (values of the catalogue being described: a dataset, its publisher, a resource, an OCDS
month) are offered on every parameter they fit, so a developer's first call, and a fuzzer's, hits data.
"""

import copy
from dataclasses import dataclass
from typing import Any, Final

from .entities import DatasetEntry, ocds_path, table_path
from .kinds import GROUPS, License

OPENAPI_VERSION: Final = "3.1.0"
# package_search answers at most this many datasets a page (CKAN's own default ceiling).
ROWS_MAX: Final = 1000
ROWS_DEFAULT: Final = 10

Json = dict[str, Any]

ACTION_PREFIXES: Final = ("/api/3/action/", "/api/action/")
TITLE: Final = "Prongsai open data API (API ข้อมูลเปิดของระบบโปร่งใส)"
DESCRIPTION: Final = (
    "ข้อมูลเปิดที่หน่วยงานเผยแพร่ผ่านระบบโปร่งใส: API แบบ CKAN (อ่านอย่างเดียว) สำหรับค้นหาและอ่านรายละเอียดชุดข้อมูล "
    "ซึ่งใช้ได้กับเครื่องมือ ckanapi และระบบเก็บเกี่ยวข้อมูล (harvester) ของ CKAN โดยไม่ต้องแก้ไข "
    "ข้อมูลการจัดซื้อจัดจ้างตามมาตรฐาน OCDS 1.1 ไฟล์ดาวน์โหลด CSV, JSON และ XLSX "
    "และบัญชีชุดข้อมูลตามมาตรฐาน DCAT-AP 3.0\n\n"
    "The open data the units publish through Prongsai: a read-only CKAN Action API to search and read the "
    "datasets, which the ckanapi client and CKAN's harvester use unchanged; procurement as OCDS 1.1 release "
    "packages; CSV, JSON and XLSX downloads; and the DCAT-AP 3.0 catalogue.\n\n"
    "ไม่ต้องยืนยันตัวตน ใช้ได้ทั้ง GET และ POST / No authentication; GET and POST alike, never a redirect."
)

OCDS_SCHEMA_DOCS: Final = "https://standard.open-contracting.org/1.1/en/schema/release_package/"
CKAN_API_DOCS: Final = "https://docs.ckan.org/en/latest/api/"
DCAT_AP_DOCS: Final = "https://semiceu.github.io/DCAT-AP/releases/3.0.1/"

MONTH_PATTERN: Final = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
# Django's `slug` converter: what a dataset name or a unit's slug may be in an address.
SLUG_PATTERN: Final = r"^[-a-zA-Z0-9_]+$"
# CKAN writes times naive, in UTC, with microseconds; a zone suffix is tolerated.
CKAN_TIME_PATTERN: Final = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$"
)


@dataclass(frozen=True)
class Examples:
    """Values of the catalogue being described that the document offers as examples (None: none to offer)."""

    dataset_name: str | None = None
    dataset_id: str | None = None
    organization_name: str | None = None
    organization_id: str | None = None
    resource_id: str | None = None
    ocds_slug: str | None = None
    ocds_month: str | None = None
    ocds_sequence: int | None = None


def examples_of(entry: DatasetEntry | None) -> Examples:
    """Return the examples one dataset gives: its names, its publisher's, its first download and, for
    procurement records, its first month's first record (each month's records are numbered from 1)."""
    if entry is None:
        return Examples()
    distributions = entry.distributions()
    month = entry.months[0] if entry.spec.ocds and entry.months else None
    return Examples(
        dataset_name=entry.name,
        dataset_id=entry.id,
        organization_name=entry.publisher.name,
        organization_id=entry.publisher.id,
        resource_id=distributions[0].id if distributions else None,
        ocds_slug=entry.publisher.slug if entry.spec.ocds else None,
        ocds_month=month,
        ocds_sequence=1 if month is not None else None,
    )


# --- schemas --------------------------------------------------------------------------------------------

_STRING: Final[Json] = {"type": "string"}
_NULLABLE_STRING: Final[Json] = {"type": ["string", "null"]}
_STRINGS: Final[Json] = {"type": "array", "items": {"type": "string"}}
_STRING_OR_STRINGS: Final[Json] = {"anyOf": [_STRING, _STRINGS]}
_CKAN_TIME: Final[Json] = {"type": "string", "pattern": CKAN_TIME_PATTERN}
_TRANSLATED: Final[Json] = {
    "type": "object",
    "description": "ภาษาไทยและภาษาอังกฤษ / Thai and English",
    "properties": {"th": _STRING, "en": _STRING},
}


def _ref(name: str) -> Json:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: Json, required: tuple[str, ...] = (), description: str = "") -> Json:
    """Return an object schema that allows properties beyond those listed (so it stays true as fields are added)."""
    schema: Json = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def _schemas() -> Json:
    """Return the components' schemas: CKAN's dicts, the envelopes, OCDS's package, the JSON download."""
    return {
        "Tag": _object(
            {
                "id": _STRING,
                "name": _STRING,
                "display_name": _STRING,
                "state": _STRING,
                "vocabulary_id": _NULLABLE_STRING,
            },
            ("name",),
            "A keyword of datasets (CKAN tag).",
        ),
        "Resource": _object(
            {
                "id": {"type": "string", "description": "<dataset name>-csv|json|xlsx|ocds|ocds-YYYY-MM"},
                "package_id": _STRING,
                "name": _STRING,
                "description": _NULLABLE_STRING,
                "format": {"type": "string", "examples": ["CSV", "JSON", "XLSX", "OCDS"]},
                "mimetype": _NULLABLE_STRING,
                "url": {"type": "string", "format": "uri"},
                "position": {"type": "integer", "minimum": 0},
                "state": _STRING,
                "created": {"type": ["string", "null"]},
                "last_modified": {"type": ["string", "null"]},
                "url_type": _NULLABLE_STRING,
            },
            ("id", "url", "format"),
            "One download of a dataset (CKAN resource; DCAT distribution).",
        ),
        "Group": _object(
            {
                "id": _STRING,
                "name": {"type": "string", "enum": [group.name for group in GROUPS]},
                "title": _STRING,
                "display_name": _STRING,
                "description": _NULLABLE_STRING,
                "type": _STRING,
                "is_organization": {"type": "boolean"},
                "state": _STRING,
                "image_url": _NULLABLE_STRING,
                "package_count": {"type": "integer", "minimum": 0},
                # With include_datasets: the datasets, as CKAN abridges them here.
                "packages": {"type": "array", "items": {"type": "object"}},
            },
            ("name",),
            "A theme datasets are grouped under (CKAN group).",
        ),
        "Organization": _object(
            {
                "id": {"type": "string", "format": "uuid"},
                "name": _STRING,
                "title": {"type": "string", "description": "ชื่อภาษาไทย / the Thai name"},
                "title_en": _STRING,
                "display_name": _STRING,
                "description": _NULLABLE_STRING,
                "type": {"const": "organization"},
                "is_organization": {"const": True},
                "state": _STRING,
                "approval_status": _STRING,
                "created": {"type": ["string", "null"]},
                "image_url": _NULLABLE_STRING,
                "package_count": {"type": "integer", "minimum": 0},
                # With include_datasets: the datasets, as CKAN abridges them here.
                "packages": {"type": "array", "items": {"type": "object"}},
            },
            ("id", "name", "title"),
            "A unit, or the department (CKAN organization).",
        ),
        "Package": _package_schema(),
        "SearchResult": _object(
            {
                "count": {"type": "integer", "minimum": 0},
                "results": {"type": "array", "items": _ref("Package"), "maxItems": ROWS_MAX},
                "sort": _STRING,
                "facets": {"type": "object"},
                "search_facets": {"type": "object"},
            },
            ("count", "results"),
            "One page of datasets and how many there are in all; each one as package_show gives it.",
        ),
        "Status": _object(
            {
                "ckan_version": _STRING,
                "site_url": _STRING,
                "site_title": _STRING,
                "site_description": _STRING,
                "locale_default": _STRING,
                "extensions": _STRINGS,
            },
            description="What the server is (CKAN status_show).",
        ),
        "Error": _object(
            {
                "__type": {
                    "type": "string",
                    "examples": ["Not Found Error", "Validation Error", "Search Query Error", "Authorization Error"],
                },
                "message": _STRING,
            },
            ("__type",),
            "What went wrong. A Validation Error also lists, per parameter, what is wrong with it.",
        ),
        "ErrorEnvelope": _object(
            {"help": _STRING, "success": {"const": False}, "error": _ref("Error")},
            ("success", "error"),
            "A refusal, as CKAN answers it.",
        ),
        "OcdsReleasePackage": _object(
            {
                "uri": {"type": "string", "format": "uri"},
                "version": {"const": "1.1"},
                "publishedDate": {"type": "string", "format": "date-time"},
                "publisher": _object({"name": _STRING, "uri": _STRING}, ("name",)),
                "license": _NULLABLE_STRING,
                "publicationPolicy": _NULLABLE_STRING,
                "extensions": _STRINGS,
                "releases": {
                    "type": "array",
                    "items": _object(
                        {
                            "ocid": _STRING,
                            "id": _STRING,
                            "date": _STRING,
                            "tag": _STRINGS,
                            "initiationType": {"const": "tender"},
                        },
                        ("ocid", "id", "date", "tag", "initiationType"),
                    ),
                },
            },
            ("uri", "version", "publishedDate", "publisher", "releases"),
            "An OCDS 1.1 release package with the bids extension (the official schema is the authority).",
        ),
        "TableDownload": _object(
            {
                "dataset": _STRING,
                "columns": {"type": "array"},
                "rows": {"type": "array", "items": {"type": "object"}},
            },
            description="A dataset's rows as JSON: English column names without spaces, money as exact strings.",
        ),
        "OpenApiDocument": _object(
            {"openapi": _STRING, "info": {"type": "object"}, "paths": {"type": "object"}},
            ("openapi", "info", "paths"),
        ),
    }


def _package_schema() -> Json:
    """Return the package dict (package_show's result; each of package_search's results)."""
    return _object(
        {
            "id": {"type": "string", "format": "uuid"},
            "name": _STRING,
            "title": {"type": "string", "description": "ชื่อภาษาไทย / the Thai title"},
            "notes": _NULLABLE_STRING,
            "title_translated": _TRANSLATED,
            "notes_translated": _TRANSLATED,
            "url": _NULLABLE_STRING,
            "state": {"type": "string", "examples": ["active"]},
            "private": {"type": "boolean"},
            "type": {"type": "string", "examples": ["dataset"]},
            "license_id": _NULLABLE_STRING,
            "license_title": _NULLABLE_STRING,
            "license_url": _NULLABLE_STRING,
            "isopen": {"type": "boolean"},
            "owner_org": _NULLABLE_STRING,
            "organization": {"anyOf": [_ref("Organization"), {"type": "null"}]},
            "author": _NULLABLE_STRING,
            "author_email": _NULLABLE_STRING,
            "maintainer": _NULLABLE_STRING,
            "maintainer_email": _NULLABLE_STRING,
            "metadata_created": _CKAN_TIME,
            "metadata_modified": _CKAN_TIME,
            "version": _NULLABLE_STRING,
            "num_resources": {"type": "integer", "minimum": 0},
            "num_tags": {"type": "integer", "minimum": 0},
            "resources": {"type": "array", "items": _ref("Resource")},
            "tags": {"type": "array", "items": _ref("Tag")},
            "groups": {"type": "array", "items": {"type": "object"}},
            "extras": {"type": "array", "items": _object({"key": _STRING, "value": {}})},
            # DGA GD-Catalog (the Thai government's dataset metadata).
            "data_type": _STRING,
            "objective": _STRING_OR_STRINGS,
            "update_frequency_unit": _STRING,
            "update_frequency_interval": {"type": ["integer", "string"]},
            "geo_coverage": _STRING_OR_STRINGS,
            "data_source": _STRING,
            "data_format": _STRING_OR_STRINGS,
            "data_category": _STRING,
            "data_classification": _STRING,
            "data_language": _STRING_OR_STRINGS,
            "created_date": _NULLABLE_STRING,
            "last_updated_date": _NULLABLE_STRING,
            "temporal_start": _NULLABLE_STRING,
            "temporal_end": _NULLABLE_STRING,
        },
        ("id", "name", "title", "metadata_created", "metadata_modified", "resources"),
        "A dataset (CKAN package) with the DGA GD-Catalog metadata as top-level fields.",
    )


def _error_response(description: str, types: tuple[str, ...] | None) -> Json:
    schema: Json = _ref("ErrorEnvelope")
    if types is not None:
        type_schema: Json = {"const": types[0]} if len(types) == 1 else {"enum": list(types)}
        schema = {"allOf": [schema, {"properties": {"error": {"properties": {"__type": type_schema}}}}]}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _responses() -> Json:
    """Return the CKAN API's refusals, one per status."""
    return {
        "BadRequest": _error_response(
            "คำขอไม่ถูกต้อง: ไม่รู้จักชื่อคำสั่ง หรือเนื้อหาไม่ใช่ออบเจกต์ JSON / "
            "Bad request: an action name not known, or a body that is not a JSON object.",
            None,
        ),
        "NotAuthorized": _error_response(
            "ไม่อนุญาต: บัญชีชุดข้อมูลอ่านได้อย่างเดียว / Authorization Error: the catalogue is read-only.",
            ("Authorization Error",),
        ),
        "NotFound": _error_response("ไม่พบ / Not Found Error.", ("Not Found Error",)),
        "Conflict": _error_response(
            "ค่าพารามิเตอร์ไม่ถูกต้อง หรือคำค้นที่อ่านไม่ได้ / "
            "Validation Error (per-parameter messages), or a Search Query Error (a q, fq or sort not understood).",
            ("Validation Error", "Search Query Error", "Search Error"),
        ),
    }


# --- CKAN actions ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A parameter of an action: a query parameter on GET, a key of the body on POST."""

    name: str
    schema: Json
    description: str
    required: bool = False
    examples: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Action:
    """A CKAN action the API answers."""

    name: str
    summary: str
    description: str
    result: Json
    params: tuple[Param, ...] = ()


def _boolean(name: str, description: str) -> Param:
    return Param(name, {"type": "boolean"}, description, examples=(True,))


def _limit_offset(what: str) -> tuple[Param, ...]:
    return (
        Param("limit", {"type": "integer", "minimum": 0}, f"จำนวนสูงสุด / at most this many {what}"),
        Param("offset", {"type": "integer", "minimum": 0}, f"ข้ามไปกี่รายการ / skip this many {what} first"),
    )


def _found(*values: str | None) -> tuple[str, ...]:
    return tuple(value for value in values if value)


def actions(examples: Examples) -> tuple[Action, ...]:
    """Return the actions the API answers, each with its parameters and the schema of its result."""
    dataset_ids = _found(examples.dataset_name, examples.dataset_id)
    organization_ids = _found(examples.organization_name, examples.organization_id)
    group_names = tuple(group.name for group in GROUPS)
    return (
        Action(
            "package_list",
            "Dataset names",
            "ชื่อชุดข้อมูลทั้งหมด / The names of every dataset.",
            {"type": "array", "items": _STRING},
            _limit_offset("names"),
        ),
        Action(
            "package_show",
            "One dataset",
            "ชุดข้อมูลหนึ่งชุด ค้นด้วยชื่อหรือรหัส / One dataset, by name or id.",
            _ref("Package"),
            (Param("id", _STRING, "ชื่อหรือรหัสชุดข้อมูล / the dataset's name or id", True, dataset_ids),),
        ),
        Action(
            "package_search",
            "Search datasets",
            "ค้นหาชุดข้อมูลและแบ่งหน้า ผลลัพธ์แต่ละรายการเหมือน package_show / "
            "Search the datasets, a page at a time; each result is the whole dataset, as package_show gives it. "
            "A harvester pages with `fq=metadata_modified:[<last run>Z TO *]`, `sort=id asc`, `rows` and `start` "
            "until a page comes back empty.",
            _ref("SearchResult"),
            _search_params(examples),
        ),
        Action(
            "organization_list",
            "Organizations",
            "หน่วยงาน (กรมและหน่วยงานในสังกัด) / The publishers: the department and its units.",
            {"type": "array", "items": {"anyOf": [_STRING, _ref("Organization")]}},
            (
                Param(
                    "sort", _STRING, "เช่น / e.g. `name asc`, `title asc`, `package_count desc`", examples=("name asc",)
                ),
                *_limit_offset("organizations"),
                _boolean("all_fields", "ทั้งออบเจกต์แทนชื่อ / whole dicts instead of names"),
                Param("organizations", _STRINGS, "เฉพาะหน่วยงานเหล่านี้ / only these organizations"),
                _boolean("include_dataset_count", "พร้อมจำนวนชุดข้อมูล / with package_count"),
            ),
        ),
        Action(
            "organization_show",
            "One organization",
            "หน่วยงานหนึ่ง ค้นด้วยชื่อหรือรหัส / One organization, by name or id.",
            _ref("Organization"),
            (
                Param("id", _STRING, "ชื่อหรือรหัสหน่วยงาน / the organization's name or id", True, organization_ids),
                _boolean("include_datasets", "พร้อมชุดข้อมูล / with its datasets"),
            ),
        ),
        Action(
            "group_list",
            "Themes",
            "หมวดหมู่ชุดข้อมูล / The themes datasets are grouped under.",
            {"type": "array", "items": {"anyOf": [_STRING, _ref("Group")]}},
            (
                Param("sort", _STRING, "เช่น / e.g. `name asc`", examples=("name asc",)),
                *_limit_offset("groups"),
                _boolean("all_fields", "ทั้งออบเจกต์แทนชื่อ / whole dicts instead of names"),
                Param("groups", _STRINGS, "เฉพาะหมวดหมู่เหล่านี้ / only these groups"),
            ),
        ),
        Action(
            "group_show",
            "One theme",
            "หมวดหมู่หนึ่ง / One theme.",
            _ref("Group"),
            (
                Param("id", _STRING, "ชื่อหมวดหมู่ / the group's name", True, group_names),
                _boolean("include_datasets", "พร้อมชุดข้อมูล / with its datasets"),
            ),
        ),
        Action(
            "tag_list",
            "Keywords",
            "คำสำคัญของชุดข้อมูล / The datasets' keywords.",
            {"type": "array", "items": {"anyOf": [_STRING, _ref("Tag")]}},
            (
                Param("query", _STRING, "คำสำคัญที่ขึ้นต้นหรือมีคำนี้ / keywords containing this", examples=("OCDS",)),
                _boolean("all_fields", "ทั้งออบเจกต์แทนชื่อ / whole dicts instead of names"),
            ),
        ),
        Action(
            "resource_show",
            "One download",
            "ไฟล์ดาวน์โหลดหนึ่งไฟล์ของชุดข้อมูล / One download of a dataset.",
            _ref("Resource"),
            (Param("id", _STRING, "รหัสไฟล์ / the resource's id", True, _found(examples.resource_id)),),
        ),
        Action(
            "status_show",
            "Server status",
            "สถานะของเซิร์ฟเวอร์ / What this server is.",
            _ref("Status"),
        ),
        Action(
            "help_show",
            "An action's documentation",
            "คำอธิบายของคำสั่ง / The documentation of an action.",
            _STRING,
            (Param("name", _STRING, "ชื่อคำสั่ง / the action's name", True, ("package_search", "package_show")),),
        ),
    )


def _search_params(examples: Examples) -> tuple[Param, ...]:
    """Return package_search's parameters (CKAN's; `include_private` is accepted and ignored: nothing is private)."""
    organization = examples.organization_name
    filters = ["metadata_modified:[2026-01-01T00:00:00Z TO *]", "groups:procurement", "res_format:CSV"]
    if organization:
        filters.insert(1, f"organization:{organization}")
    return (
        Param(
            "q",
            _STRING,
            "คำค้น (ทั้งวลี ไทยหรืออังกฤษ) หรือ field:value / words to find (a whole phrase, Thai or English), "
            "or field:value as in fq",
            examples=("จัดซื้อ", "procurement"),
        ),
        Param(
            "fq",
            _STRING,
            "ตัวกรอง / filter: metadata_modified:[<ISO> TO *], metadata_created, organization:<name>, "
            "owner_org:<id>, groups:<name>, tags:<tag>, res_format:<format>, name:<name>, id:<id>; "
            "+/- and AND between terms",
            examples=tuple(filters),
        ),
        Param("fq_list", _STRINGS, "ตัวกรองหลายตัว / several filters, all applied"),
        Param(
            "sort",
            _STRING,
            "id, name, metadata_modified, metadata_created, title_string; asc|desc; several comma-separated "
            "(default `score desc, metadata_modified desc`; relevance is not computed)",
            examples=("id asc", "metadata_modified desc"),
        ),
        Param(
            "rows",
            {"type": "integer", "minimum": 0, "maximum": ROWS_MAX, "default": ROWS_DEFAULT},
            f"จำนวนต่อหน้า (สูงสุด {ROWS_MAX}) / datasets a page (at most {ROWS_MAX})",
            examples=(100,),
        ),
        Param(
            "start",
            {"type": "integer", "minimum": 0, "default": 0},
            "ข้ามไปกี่รายการ / skip this many first",
            examples=(0,),
        ),
        _boolean("facet", "นับตามหมวด / count the results by field"),
        Param(
            "facet.field",
            _STRING,
            "รายการฟิลด์เป็น JSON / a JSON list of fields to count by",
            examples=('["organization", "groups", "tags", "res_format"]',),
        ),
        Param("facet.limit", {"type": "integer", "minimum": -1}, "ค่าต่อฟิลด์ / values a field (-1: all)"),
        Param("facet.mincount", {"type": "integer", "minimum": 0}, "นับขั้นต่ำ / the least count shown"),
        _boolean("include_private", "ไม่มีผล: ไม่มีชุดข้อมูลส่วนตัว / ignored: no dataset is private"),
    )


def _query_parameter(param: Param) -> Json:
    parameter: Json = {
        "name": param.name,
        "in": "query",
        "required": param.required,
        "description": param.description,
        "schema": param.schema,
    }
    if param.schema.get("type") == "array":
        parameter.update(style="form", explode=True)
    if param.examples:
        parameter["examples"] = {f"example{index + 1}": {"value": value} for index, value in enumerate(param.examples)}
    return parameter


def _body(action: Action) -> Json:
    """Return a POST's body: a JSON object of the parameters (CKAN ignores keys it does not know).

    ckanapi and CKAN's harvester send JSON; a form is accepted too but not described, as CKAN does not.
    """
    schema: Json = {"type": "object", "properties": {param.name: param.schema for param in action.params}}
    required = [param.name for param in action.params if param.required]
    if required:
        schema["required"] = required
    json_media: Json = {"schema": schema}
    example = {param.name: param.examples[0] for param in action.params if param.examples}
    if all(name in example for name in required):
        json_media["examples"] = {"example1": {"value": example}}
    return {
        "required": False,
        "content": {"application/json": json_media},
    }


def _envelope(result: Json) -> Json:
    return {
        "type": "object",
        "required": ["help", "success", "result"],
        "properties": {
            "help": {"type": "string", "description": "help_show of the action / the action's documentation"},
            "success": {"const": True},
            "result": result,
        },
    }


def _action_responses(result: Json) -> Json:
    return {
        "200": {"description": "สำเร็จ / Success", "content": {"application/json": {"schema": _envelope(result)}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "403": {"$ref": "#/components/responses/NotAuthorized"},
        "404": {"$ref": "#/components/responses/NotFound"},
        "409": {"$ref": "#/components/responses/Conflict"},
    }


def _action_operations(action: Action, prefix: str) -> Json:
    """Return the GET and POST operations of an action at one of its two addresses."""
    suffix = "" if prefix == ACTION_PREFIXES[0] else "_unversioned"
    common: Json = {
        "tags": ["CKAN Action API"],
        "summary": action.summary,
        "description": action.description,
        "x-ckan-action": action.name,
        "responses": _action_responses(action.result),
    }
    return {
        "get": {
            **common,
            "operationId": f"{action.name}{suffix}",
            "parameters": [_query_parameter(param) for param in action.params],
        },
        "post": {**common, "operationId": f"{action.name}{suffix}_post", "requestBody": _body(action)},
    }


def _any_action_operations(prefix: str) -> Json:
    """Return the operations of an action not listed: the address takes any name (write actions answer 403)."""
    suffix = "" if prefix == ACTION_PREFIXES[0] else "_unversioned"
    common: Json = {
        "tags": ["CKAN Action API"],
        "summary": "Any other action",
        "description": "คำสั่งที่ไม่มีในรายการ: คำสั่งเขียน (package_create …) ได้ 403 ชื่อที่ไม่รู้จักได้ 400 / "
        "An action not listed above: a write action (package_create, …) answers 403 Authorization Error, "
        "an unknown name 400.",
        "parameters": [
            {
                "name": "name",
                "in": "path",
                "required": True,
                "description": "ชื่อคำสั่ง / the action's name",
                "schema": {"type": "string", "pattern": "^[^/]*$"},
                "examples": {
                    "write": {"value": "package_create"},
                    "unknown": {"value": "no_such_action"},
                },
            }
        ],
        "responses": _action_responses({}),
    }
    return {
        "get": {**common, "operationId": f"action{suffix}"},
        "post": {
            **common,
            "operationId": f"action{suffix}_post",
            "requestBody": {
                "required": False,
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
        },
    }


# --- files ----------------------------------------------------------------------------------------------


def _path_parameter(name: str, schema: Json, description: str, example: Any) -> Json:
    parameter: Json = {"name": name, "in": "path", "required": True, "description": description, "schema": schema}
    if example is not None:
        parameter["example"] = example
    return parameter


_NOT_FOUND: Final[Json] = {"description": "ไม่พบ / Not found"}
_SLUG: Final[Json] = {"type": "string", "pattern": SLUG_PATTERN}


def _ocds_paths(examples: Examples) -> Json:
    slug = _path_parameter(
        "slug", _SLUG, "หน่วยงาน (หรือกรม: ทุกหน่วยงาน) / the unit (the department: all)", examples.ocds_slug
    )
    month = _path_parameter(
        "month", {"type": "string", "pattern": MONTH_PATTERN}, "เดือน / the month, YYYY-MM", examples.ocds_month
    )
    sequence = _path_parameter(
        "sequence",
        {"type": "integer", "minimum": 0},
        "ลำดับในเดือน / the record's number in its month",
        examples.ocds_sequence,
    )

    def operation(operation_id: str, summary: str, parameters: list[Json]) -> Json:
        return {
            "get": {
                "tags": ["OCDS"],
                "operationId": operation_id,
                "summary": summary,
                "externalDocs": {"url": OCDS_SCHEMA_DOCS},
                "parameters": parameters,
                "responses": {
                    "200": {
                        "description": "OCDS release package",
                        "content": {"application/json": {"schema": _ref("OcdsReleasePackage")}},
                    },
                    "404": _NOT_FOUND,
                },
            }
        }

    return {
        ocds_path("{slug}"): operation(
            "ocds_package", "Every published procurement of a unit (ผลการจัดซื้อจัดจ้างทุกรายการ)", [slug]
        ),
        ocds_path("{slug}", "{month}"): operation(
            "ocds_month", "A month's procurements (ผลการจัดซื้อจัดจ้างของเดือน)", [slug, month]
        ),
        "/opendata/ocds/{slug}/{month}/{sequence}.json": operation(
            "ocds_record", "One procurement (ผลการจัดซื้อจัดจ้างหนึ่งรายการ)", [slug, month, sequence]
        ),
    }


def _download_paths(examples: Examples) -> Json:
    name = _path_parameter("name", _SLUG, "ชื่อชุดข้อมูล / the dataset's name", examples.dataset_name)
    media = {
        "CSV": ("text/csv", {"type": "string", "description": "UTF-8 with a BOM (for Excel), CRLF, a header row"}),
        "JSON": ("application/json", _ref("TableDownload")),
        "XLSX": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {}),
    }
    paths: Json = {}
    for file_format, (media_type, schema) in media.items():
        paths[table_path("{name}", file_format)] = {
            "get": {
                "tags": ["Downloads"],
                "operationId": f"table_{file_format.lower()}",
                "summary": f"A dataset's rows as {file_format} (ข้อมูลของชุดข้อมูลเป็น {file_format})",
                "parameters": [name],
                "responses": {
                    "200": {"description": file_format, "content": {media_type: {"schema": schema}}},
                    "404": _NOT_FOUND,
                },
            }
        }
    return paths


def _catalog_paths() -> Json:
    page = {
        "name": "page",
        "in": "query",
        "required": False,
        "description": "หน้าที่ (เริ่มที่ 1) / the page, from 1",
        "schema": {"type": "integer", "minimum": 1, "default": 1},
        "example": 1,
    }
    media = {
        "catalog.ttl": ("catalog_ttl", "Turtle", "text/turtle", {"type": "string"}),
        "catalog.jsonld": ("catalog_jsonld", "JSON-LD", "application/ld+json", {"type": ["object", "array"]}),
    }
    return {
        f"/{path}": {
            "get": {
                "tags": ["DCAT"],
                "operationId": operation_id,
                "summary": f"The DCAT-AP 3.0 catalogue in {syntax}, a page at a time (บัญชีชุดข้อมูล DCAT-AP)",
                "externalDocs": {"url": DCAT_AP_DOCS},
                "parameters": [page],
                "responses": {
                    "200": {
                        "description": f"{syntax}; a page links the others (hydra:PartialCollectionView, Link)",
                        "content": {media_type: {"schema": schema}},
                    },
                    "400": {
                        "description": "หน้าไม่ถูกต้อง / a malformed page",
                        "content": {"text/plain": {"schema": _STRING}},
                    },
                    "404": {"description": "เกินหน้าสุดท้าย / beyond the last page"},
                },
            }
        }
        for path, (operation_id, syntax, media_type, schema) in media.items()
    }


def openapi_document(
    *,
    base_url: str,
    version: str,
    data_license: License,
    contact_email: str = "",
    developers_url: str = "",
    examples: Examples | None = None,
) -> Json:
    """Return the OpenAPI 3.1 document of the server at `base_url` (no trailing slash), as JSON values.

    `version` is the project's; `data_license` the data's (what the API serves is published under it).
    """
    found = examples or Examples()
    info: Json = {
        "title": TITLE,
        "version": version,
        "description": DESCRIPTION,
        "license": {"name": data_license.title, "url": data_license.url},
    }
    if contact_email:
        info["contact"] = {"email": contact_email}
    paths: Json = {}
    for prefix in ACTION_PREFIXES:
        for action in actions(found):
            paths[f"{prefix}{action.name}"] = _action_operations(action, prefix)
        paths[f"{prefix}{{name}}"] = _any_action_operations(prefix)
    paths.update(_ocds_paths(found))
    paths.update(_download_paths(found))
    paths.update(_catalog_paths())
    paths["/api/openapi.json"] = {
        "get": {
            "tags": ["Description"],
            "operationId": "openapi",
            "summary": "This document (เอกสารนี้)",
            "responses": {
                "200": {
                    "description": "OpenAPI 3.1",
                    "content": {"application/json": {"schema": _ref("OpenApiDocument")}},
                }
            },
        }
    }
    document: Json = {
        "openapi": OPENAPI_VERSION,
        "info": info,
        "servers": [{"url": base_url}],
        "tags": [
            {"name": "CKAN Action API", "externalDocs": {"url": CKAN_API_DOCS}},
            {"name": "OCDS", "externalDocs": {"url": OCDS_SCHEMA_DOCS}},
            {"name": "Downloads"},
            {"name": "DCAT", "externalDocs": {"url": DCAT_AP_DOCS}},
            {"name": "Description"},
        ],
        "paths": paths,
        "components": {"schemas": _schemas(), "responses": _responses()},
    }
    if developers_url:
        document["externalDocs"] = {"description": "สำหรับนักพัฒนา / For developers", "url": developers_url}
    # The schemas above share their small parts; a copy lets a reader (a fuzzer resolving references
    # in place) change its document without changing the next one.
    return copy.deepcopy(document)
