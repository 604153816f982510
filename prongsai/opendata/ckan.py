"""The CKAN Action API's shapes: its envelope, its errors and the dicts of its actions. Pure: no Django.

Harvesters and the `ckanapi` client read these shapes unchanged, so they follow CKAN's own (its
`logic/action/get.py` results and the error handling of its API view), with these choices:

- Every message is in Thai and English, Thai first ("ไม่พบชุดข้อมูล … / Dataset not found: …").
  Not-found, access and search errors keep CKAN's "<kind>: <detail>" form, because `ckanapi`
  shows the detail after the first ": ".
- Times are as CKAN writes them: naive UTC with microseconds ("2026-04-11T01:00:00.000000").
- `license_id` is the licence's DGA GD-Catalog value ("Creative Commons Attributions"): Thailand's
  catalogues harvest into the GD-Catalog schema, which accepts only its own values; `license_title`
  and `license_url` name the licence exactly (several licences share a GD-Catalog value).
- The DGA GD-Catalog fields are top-level keys of a dataset, as the GD-Catalog's CKAN schema stores
  them. `data_language` is Thai for the datasets of records units type in Thai (plans, procurement)
  and Thai and English for the register, the channel statistics and the monitor's scores, whose
  rows carry English names and codes beside the Thai.
- A unit is an organization whose `groups` name its department, as CKAN's organization hierarchy does.
"""

import datetime as dt
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote
from zoneinfo import ZoneInfo

from prongsai.thaitext import fold

from .entities import NAMESPACE, OCDS, TABLE_FORMATS, DatasetEntry, Distribution, Publisher, dataset_page_path
from .kinds import (
    GD_DATA_CATEGORY,
    GD_DATA_CLASSIFICATION,
    GD_GEO_COVERAGE,
    GD_OBJECTIVE,
    GROUPS,
    KIND_SPECS,
    STATISTICS,
    DatasetKind,
    Group,
    License,
    data_languages,
)

type JSON = dict[str, object]

BANGKOK = ZoneInfo("Asia/Bangkok")
# The CKAN version whose Action API (the read actions) this one answers like; clients that check it see a 2.10.
CKAN_VERSION = "2.10.0"
SITE_TITLE = "โปร่งใส (Prongsai)"
SITE_DESCRIPTION = (
    "ข้อมูลเปิดด้านความโปร่งใสของส่วนราชการและหน่วยงานในสังกัด / Open data on the transparency of a department and its units"
)

# The GD-Catalog's fixed answers for every dataset the catalogue publishes.

ACTIVE = "active"
APPROVED = "approved"


# --- Errors ----------------------------------------------------------------------------------------


def bilingual(th: str, en: str) -> str:
    """Return a message in both languages, Thai first."""
    return f"{th} / {en}"


class ActionError(Exception):
    """An action failed; `error` is the envelope's `error` object and `status` the HTTP status."""

    status = 500
    kind = "Internal Server Error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def error(self) -> JSON:
        return {"__type": self.kind, "message": self.message}


class NotFound(ActionError):
    """CKAN's "Not Found Error" (404): no dataset, resource, organization, group or action of that name."""

    status = 404
    kind = "Not Found Error"

    def __init__(self, th: str, en: str) -> None:
        super().__init__(f"ไม่พบ / Not found: {bilingual(th, en)}")


class NotAuthorized(ActionError):
    """CKAN's "Authorization Error" (403): the catalogue is read-only, so every write action is refused."""

    status = 403
    kind = "Authorization Error"

    def __init__(self, action: str) -> None:
        super().__init__(
            "ไม่มีสิทธิ์ / Access denied: "
            + bilingual(
                f"บัญชีข้อมูลนี้เปิดให้อ่านอย่างเดียว ใช้คำสั่ง {shorten(action)} ไม่ได้",
                f"this catalogue is read-only, {shorten(action)} is not available",
            )
        )


class SearchQueryError(ActionError):
    """CKAN's "Search Query Error": a q, fq or sort the catalogue cannot read.

    CKAN answers it with 400 and answers a search its index refuses with "Search Error" 409; this
    catalogue has no separate index, so a query it cannot read is both, and it answers 409 as the
    project's API contract says (clients tell errors apart by `__type`, not by status).
    """

    status = 409
    kind = "Search Query Error"

    def __init__(self, th: str, en: str) -> None:
        super().__init__(f"ค้นหาไม่ได้ / Search Query is invalid: {bilingual(th, en)}")
        self.th = th
        self.en = en


class ValidationError(ActionError):
    """CKAN's "Validation Error" (409): each parameter that is wrong, with every message about it."""

    status = 409
    kind = "Validation Error"

    def __init__(self, errors: Mapping[str, Sequence[str]]) -> None:
        super().__init__("; ".join(f"{key}: {' '.join(found)}" for key, found in errors.items()))
        self.errors = {key: list(found) for key, found in errors.items()}

    @property
    def error(self) -> JSON:
        # CKAN puts the fields beside `__type`, with no `message`; `ckanapi` hands the whole dict to its exception.
        return {"__type": self.kind, **self.errors}


class BadRequest(ActionError):
    """A request that is not an action call: an unknown action, or a body that is not a JSON object (400)."""

    status = 400
    kind = "Bad Request"

    def __init__(self, th: str, en: str) -> None:
        super().__init__(f"คำขอไม่ถูกต้อง - {th} / Bad request - {en}")


class MethodNotAllowed(ActionError):
    """A method other than GET, HEAD, POST and OPTIONS (405)."""

    status = 405
    kind = "Method Not Allowed"

    def __init__(self, method: str) -> None:
        super().__init__(
            bilingual(
                f"ใช้วิธี {shorten(method)} ไม่ได้ ใช้ GET หรือ POST",
                f"method {shorten(method)} is not allowed, use GET or POST",
            )
        )


def shorten(text: str, limit: int = 80) -> str:
    """Return text cut to `limit` characters, so that a hostile input never fills an error message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unknown_action(name: str) -> BadRequest:
    """Return the error of an action name the API does not know (CKAN: "Action name not known")."""
    return BadRequest(f"ไม่รู้จักคำสั่ง: {shorten(name)}", f"Action name not known: {shorten(name)}")


_WRITE_SUFFIX = re.compile(r"_(create|update|patch|delete|purge|revise|reorder|upsert|revoke|invite|clear)$")
_WRITE_PREFIX = ("follow_", "unfollow_", "bulk_update_", "send_", "job_")


def is_write_action(name: str) -> bool:
    """Return whether `name` is one of CKAN's actions that change something (refused: the catalogue is read-only)."""
    return bool(_WRITE_SUFFIX.search(name)) or name.startswith(_WRITE_PREFIX) or name == "package_owner_org_update"


# --- Parameters --------------------------------------------------------------------------------------
# A GET gives strings (a list for a repeated key), a POST's JSON any JSON value; these read both.

MAX_OFFSET = 2**31 - 1  # beyond any catalogue; keeps a hostile offset inside every database's integers
_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")
_TRUE = frozenset({"true", "yes", "on", "y", "t", "1"})
_FALSE = frozenset({"false", "no", "off", "n", "f", "0", ""})
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
_SURROGATE = re.compile("[\ud800-\udfff\x00]")

NOT_A_STRING = bilingual("ต้องเป็นข้อความ", "Must be a string")
BAD_CHARACTERS = bilingual("มีอักขระที่ใช้ไม่ได้", "Contains characters that are not allowed")
TOO_LONG = bilingual("ยาวเกินไป", "Too long")
INVALID_INTEGER = bilingual("ต้องเป็นจำนวนเต็ม", "Invalid integer")
NOT_NATURAL = bilingual("ต้องเป็นจำนวนเต็มที่ไม่ติดลบ", "Must be a natural number")
NOT_BOOLEAN = bilingual("ต้องเป็นจริงหรือเท็จ (true/false)", "Must be true or false")
NOT_A_LIST = bilingual("ต้องเป็นรายการข้อความ", "Not a list of strings")
NOT_JSON = bilingual("อ่านเป็น JSON ไม่ได้", "Could not parse as valid JSON")
MISSING = bilingual("ต้องระบุ", "Missing value")


class Params:
    """An action's parameters, read one by one; every problem is kept and raised together by `check`."""

    def __init__(self, raw: Mapping[str, object]) -> None:
        self.raw = raw
        self.errors: dict[str, list[str]] = defaultdict(list)

    def problem(self, key: str, message: str) -> None:
        self.errors[key].append(message)

    def check(self) -> None:
        """Raise a ValidationError listing every problem found so far."""
        if self.errors:
            raise ValidationError(dict(self.errors))

    def text(self, key: str, default: str | None = None, *, limit: int = 4000) -> str | None:
        """Return a string parameter (a number is taken as its text), or `default` when absent."""
        value = self.raw.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(key, NOT_A_STRING)
            return default
        found = str(value)
        if _SURROGATE.search(found):
            self.problem(key, BAD_CHARACTERS)
            return default
        if len(found) > limit:
            self.problem(key, TOO_LONG)
            return default
        return found

    def required(self, key: str) -> str:
        """Return a string parameter that must be given and not empty ("" when it is missing, with the problem kept)."""
        found = self.text(key)
        if found is None or not found.strip():
            if key not in self.errors:
                self.problem(key, MISSING)
            return ""
        return found.strip()

    def integer(self, key: str, default: int, *, minimum: int | None = 0, maximum: int | None = None) -> int:
        """Return a whole number (CKAN's int and natural-number validators); above `maximum` it is `maximum`."""
        value = self.raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return default
        # A JSON true counts as 1, as in CKAN; a float must be whole; a string may carry a sign and spaces.
        whole = (
            isinstance(value, int)
            or (isinstance(value, float) and value.is_integer())
            or (isinstance(value, str) and len(value) <= 100 and bool(_INTEGER.match(value)))
        )
        found = int(value) if whole and isinstance(value, int | float | str) else None
        if found is None:
            self.problem(key, INVALID_INTEGER)
            return default
        if minimum is not None and found < minimum:
            self.problem(
                key, NOT_NATURAL if minimum == 0 else bilingual(f"ต้องไม่น้อยกว่า {minimum}", f"Must be at least {minimum}")
            )
            return default
        if maximum is not None and found > maximum:
            return maximum
        return found

    def boolean(self, key: str, default: bool) -> bool:
        """Return a true/false parameter as CKAN reads one ("true", "1", "yes"… or a JSON boolean)."""
        value = self.raw.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        self.problem(key, NOT_BOOLEAN)
        return default

    def strings(
        self, key: str, *, separator: str | None = None, parse_json: bool = False, limit: int = 200
    ) -> list[str] | None:
        """Return a list-of-strings parameter: a list, or one string (a JSON list, or split at `separator`).

        With `parse_json`, a bare name ("organization") is a list of itself: a GET sends a one-item
        list that way (`ckanapi` with get_only), where CKAN would refuse it as invalid JSON.
        """
        value = self.raw.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            if parse_json and _NAME.match(value):
                value = [value]
            elif parse_json:
                try:
                    value = json.loads(value)
                except (ValueError, RecursionError):
                    self.problem(key, NOT_JSON)
                    return None
            elif separator is not None:
                value = [part.strip() for part in value.split(separator) if part.strip()]
            else:
                value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.problem(key, NOT_A_LIST)
            return None
        items = [str(item) for item in value]
        if len(items) > limit or any(len(item) > 4000 for item in items):
            self.problem(key, TOO_LONG)
            return None
        if any(_SURROGATE.search(item) for item in items):
            self.problem(key, BAD_CHARACTERS)
            return None
        return items


# --- Shapes ------------------------------------------------------------------------------------------


def ckan_time(moment: dt.datetime | None) -> str | None:
    """Return a time as CKAN writes it: naive UTC, ISO 8601 with microseconds."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds")


def thai_date(moment: dt.datetime) -> str:
    """Return the date of a moment in Thailand (the GD-Catalog's created and updated dates), ISO."""
    local = moment.astimezone(BANGKOK) if moment.tzinfo is not None else moment
    return local.date().isoformat()


def help_url(base_url: str, action: str) -> str:
    """Return the address of an action's help (the envelope's `help`)."""
    return f"{base_url}/api/3/action/help_show?name={quote(action, safe='')}"


def envelope(base_url: str, action: str, result: object) -> JSON:
    """Return the answer of an action that succeeded."""
    return {"help": help_url(base_url, action), "success": True, "result": result}


def error_envelope(base_url: str, action: str, failure: ActionError) -> JSON:
    """Return the answer of an action that failed."""
    return {"help": help_url(base_url, action), "success": False, "error": failure.error}


def entity_uuid(kind: str, name: str) -> str:
    """Return the stable id of a thing CKAN gives an id and the catalogue does not store (a group, a tag)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{name}"))


def translated(th: str, en: str) -> dict[str, str]:
    return {"th": th, "en": en}


def _description(publisher: Publisher) -> tuple[str, str]:
    title_en = publisher.title_en or publisher.title_th
    return f"ชุดข้อมูลเปิดของ{publisher.title_th}", f"Open datasets of {title_en}"


def organization_summary(publisher: Publisher) -> JSON:
    """Return an organization as a dataset shows it (`organization` of package_show)."""
    description_th, _ = _description(publisher)
    return {
        "id": publisher.id,
        "name": publisher.name,
        "title": publisher.title_th,
        "title_en": publisher.title_en,
        "type": "organization",
        "description": description_th,
        "image_url": "",
        "created": ckan_time(publisher.created),
        "is_organization": True,
        "approval_status": APPROVED,
        "state": ACTIVE,
    }


def organization_dict(
    publisher: Publisher,
    *,
    package_count: int | None,
    include_extras: bool = True,
    include_groups: bool = True,
    include_users: bool = False,
) -> JSON:
    """Return an organization as organization_show and organization_list (all_fields) give it."""
    description_th, description_en = _description(publisher)
    found: JSON = {
        "id": publisher.id,
        "name": publisher.name,
        "title": publisher.title_th,
        "title_en": publisher.title_en,
        "title_translated": translated(publisher.title_th, publisher.title_en),
        "display_name": publisher.title_th,
        "type": "organization",
        "is_organization": True,
        "state": ACTIVE,
        "approval_status": APPROVED,
        "created": ckan_time(publisher.created),
        "description": description_th,
        "description_translated": translated(description_th, description_en),
        "image_url": "",
        "image_display_url": "",
        "num_followers": 0,
    }
    if package_count is not None:
        found["package_count"] = package_count
    if include_extras:
        found["extras"] = [{"key": "website", "value": publisher.website, "state": ACTIVE}] if publisher.website else []
    if include_groups:
        found["groups"] = (
            [{"name": publisher.parent_name, "capacity": "public"}] if publisher.parent_name is not None else []
        )
    if include_users:
        found["users"] = []  # the people who keep the data are staff accounts, never published
    found["tags"] = []
    return found


def group_by_name(name: str) -> Group | None:
    """Return the theme of that name (or of that id), or None."""
    return next((group for group in GROUPS if name in (group.name, entity_uuid("group", group.name))), None)


def group_summary(group: Group) -> JSON:
    """Return a theme as a dataset shows it (an item of `groups` of package_show)."""
    return {
        "id": entity_uuid("group", group.name),
        "name": group.name,
        "title": group.title_th,
        "display_name": group.title_th,
        "description": group.description_th,
        "image_display_url": "",
    }


def group_dict(group: Group, *, package_count: int | None, created: dt.datetime | None) -> JSON:
    """Return a theme as group_show and group_list (all_fields) give it; `created` is its first dataset's."""
    found: JSON = {
        "id": entity_uuid("group", group.name),
        "name": group.name,
        "title": group.title_th,
        "title_en": group.title_en,
        "title_translated": translated(group.title_th, group.title_en),
        "display_name": group.title_th,
        "type": "group",
        "is_organization": False,
        "state": ACTIVE,
        "approval_status": APPROVED,
        "created": ckan_time(created),
        "description": group.description_th,
        "description_translated": translated(group.description_th, group.description_en),
        "image_url": "",
        "image_display_url": "",
        "num_followers": 0,
        "extras": [],
        "groups": [],
        "tags": [],
    }
    if package_count is not None:
        found["package_count"] = package_count
    return found


def tag_dict(name: str) -> JSON:
    """Return a free tag (no vocabulary) as CKAN gives one."""
    return {"id": entity_uuid("tag", name), "name": name, "display_name": name, "state": ACTIVE, "vocabulary_id": None}


def license_dict(license_: License) -> JSON:
    """Return the catalogue's licence as license_list gives it."""
    return {
        "id": license_.gdc_value,
        "title": license_.title,
        "url": license_.url,
        "od_conformance": "approved" if license_.od_conformance else "not reviewed",
        "osd_conformance": "not reviewed",
        "status": ACTIVE,
        "is_generic": False,
        "is_okd_compliant": license_.od_conformance,
        "is_osi_compliant": False,
        "family": "",
        "maintainer": "",
        "domain_content": True,
        "domain_data": True,
        "domain_software": False,
        "spdx_id": license_.id,
    }


_FORMAT_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "CSV": (
        "ไฟล์ CSV (UTF-8 มี BOM เปิดใน Excel ได้ทันที) ชื่อคอลัมน์เป็นภาษาอังกฤษ",
        "CSV (UTF-8 with a BOM, so Excel opens it as is), English column names",
    ),
    "JSON": ("ไฟล์ JSON ชื่อฟิลด์เป็นภาษาอังกฤษ", "JSON, English field names"),
    "XLSX": ("ไฟล์ Excel (XLSX) ชื่อคอลัมน์เป็นภาษาอังกฤษ", "Excel workbook (XLSX), English column names"),
}


def _resource_description(distribution: Distribution) -> tuple[str, str]:
    if distribution.format != OCDS:
        return _FORMAT_DESCRIPTIONS[distribution.format]
    if distribution.month is None:
        return (
            "ชุดข่าวสาร OCDS 1.1.5 (release package พร้อมส่วนขยาย bids) ของการจัดซื้อจัดจ้างทุกรายการ",
            "OCDS 1.1.5 release package (with the bids extension) of every procurement",
        )
    return (
        f"ชุดข่าวสาร OCDS 1.1.5 ของการจัดซื้อจัดจ้างเดือน {distribution.month}",
        f"OCDS 1.1.5 release package of the procurements of {distribution.month}",
    )


def resource_dict(entry: DatasetEntry, distribution: Distribution, position: int, base_url: str) -> JSON:
    """Return a download of a dataset as a CKAN resource."""
    description_th, description_en = _resource_description(distribution)
    return {
        "id": distribution.id,
        "package_id": entry.id,
        "name": distribution.title_th,
        "name_translated": translated(distribution.title_th, distribution.title_en),
        "description": description_th,
        "description_translated": translated(description_th, description_en),
        "format": distribution.format,
        "mimetype": distribution.media_type,
        "mimetype_inner": None,
        "url": base_url + distribution.path,
        "url_type": None,
        "position": position,
        "state": ACTIVE,
        "created": ckan_time(entry.created),
        "last_modified": ckan_time(entry.modified),
        "metadata_modified": ckan_time(entry.modified),
        "resource_type": None,
        "size": None,
        "hash": "",
        "cache_url": None,
        "cache_last_updated": None,
        "datastore_active": False,
    }


def package_dict(entry: DatasetEntry, *, base_url: str, contact_email: str) -> JSON:
    """Return a dataset as package_show gives it, every download a resource; `base_url` has no trailing slash."""
    spec = entry.spec
    publisher = entry.publisher
    group = next(group for group in GROUPS if group.name == spec.group)
    resources = [resource_dict(entry, item, index, base_url) for index, item in enumerate(entry.distributions())]
    tags = [tag_dict(tag) for tag in spec.tags]
    found: JSON = {
        "id": entry.id,
        "name": entry.name,
        "title": entry.title_th,
        "title_translated": translated(entry.title_th, entry.title_en),
        "notes": entry.notes_th,
        "notes_translated": translated(entry.notes_th, entry.notes_en),
        "url": base_url + dataset_page_path(entry.name, "th"),
        "state": ACTIVE,
        "private": False,
        "type": "dataset",
        "license_id": entry.license.gdc_value,
        "license_title": entry.license.title,
        "license_url": entry.license.url,
        "isopen": entry.license.od_conformance,
        "owner_org": publisher.id,
        "organization": organization_summary(publisher),
        "author": publisher.title_th,
        "author_email": None,
        "maintainer": publisher.title_th,
        "maintainer_email": contact_email or None,
        "creator_user_id": None,
        "metadata_created": ckan_time(entry.created),
        "metadata_modified": ckan_time(entry.modified),
        "version": None,
        "num_resources": len(resources),
        "num_tags": len(tags),
        "resources": resources,
        "tags": tags,
        "groups": [group_summary(group)],
        "extras": [],
        "relationships_as_object": [],
        "relationships_as_subject": [],
        # The DGA GD-Catalog's fields.
        "data_type": spec.data_type,
        "objective": [GD_OBJECTIVE],
        "update_frequency_unit": spec.update_frequency_unit,
        "update_frequency_interval": str(spec.update_frequency_interval),
        "geo_coverage": GD_GEO_COVERAGE,
        "data_source": publisher.title_th,
        "data_format": list(TABLE_FORMATS),
        "data_category": GD_DATA_CATEGORY,
        "data_classification": GD_DATA_CLASSIFICATION,
        "data_language": data_languages(entry.kind),
        "created_date": thai_date(entry.created),
        "last_updated_date": thai_date(entry.modified),
        "temporal_start": entry.temporal_start.isoformat() if entry.temporal_start else None,
        "temporal_end": entry.temporal_end.isoformat() if entry.temporal_end else None,
    }
    if spec.data_type == STATISTICS:
        # Buddhist-era fiscal years, as the GD-Catalog's statistics fields are written.
        found["first_year_of_data"] = str(min(entry.fiscal_years)) if entry.fiscal_years else None
        found["last_year_of_data"] = str(max(entry.fiscal_years)) if entry.fiscal_years else None
    return found


def text_matches(query: str, *texts: str) -> bool:
    """Return whether a list's `q` is part of one of the texts, compared folded (Thai, digits, case)."""
    wanted = fold(query).strip()
    return not wanted or any(wanted in fold(text) for text in texts)


def tags_of(kinds: Iterable[DatasetKind]) -> list[str]:
    """Return the tags of datasets of the given kinds, each once, in character order."""
    return sorted({tag for kind in kinds for tag in KIND_SPECS[kind].tags})


# --- Facets ------------------------------------------------------------------------------------------

FACET_FIELDS = ("organization", "owner_org", "groups", "tags", "res_format", "license_id", "type")


@dataclass(frozen=True)
class FacetRow:
    """How many matching datasets one organization has of one kind (one row of the facet query)."""

    organization_name: str
    organization_title: str
    organization_id: str
    kind: DatasetKind
    count: int


def facet_counts(
    rows: Iterable[FacetRow], fields: Sequence[str], *, license_: License, limit: int, mincount: int
) -> tuple[dict[str, dict[str, int]], dict[str, JSON]]:
    """Return `facets` and `search_facets` of package_search for the given fields.

    As Solr does, values are counted, those under `mincount` dropped, the rest ordered by count
    (then value) and cut to `limit` (negative: no limit); then, as CKAN does, `search_facets`
    lists each field's items by display name, last first.
    """
    counted: dict[str, dict[str, int]] = {field: defaultdict(int) for field in fields}
    titles: dict[str, dict[str, str]] = {field: {} for field in fields}
    for row in rows:
        spec = KIND_SPECS[row.kind]
        values: dict[str, list[tuple[str, str]]] = {
            "organization": [(row.organization_name, row.organization_title)],
            "owner_org": [(row.organization_id, row.organization_title)],
            "groups": [(spec.group, next(g.title_th for g in GROUPS if g.name == spec.group))],
            "tags": [(tag, tag) for tag in spec.tags],
            "res_format": [(name, name) for name in (*TABLE_FORMATS, *((OCDS,) if spec.ocds else ()))],
            "license_id": [(license_.gdc_value, license_.title)],
            "type": [("dataset", "dataset")],
        }
        for field in fields:
            for value, title in values[field]:
                counted[field][value] += row.count
                titles[field][value] = title
    facets: dict[str, dict[str, int]] = {}
    search_facets: dict[str, JSON] = {}
    for field in fields:
        kept = sorted(
            ((value, count) for value, count in counted[field].items() if count >= mincount),
            key=lambda pair: (-pair[1], pair[0]),
        )
        if limit >= 0:
            kept = kept[:limit]
        facets[field] = dict(kept)
        items = [{"name": value, "display_name": titles[field][value], "count": count} for value, count in kept]
        items.sort(key=lambda item: str(item["display_name"]), reverse=True)
        search_facets[field] = {"title": field, "items": items}
    return facets, search_facets


def status_dict(base_url: str) -> JSON:
    """Return what status_show tells about the site."""
    return {
        "site_title": SITE_TITLE,
        "site_description": SITE_DESCRIPTION,
        "site_url": base_url,
        "ckan_version": CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": "th",
        "extensions": [],
    }
