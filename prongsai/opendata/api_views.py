"""The CKAN Action API, read-only, at /api/3/action/<name> and /api/action/<name> (DOMAIN.md §6).

Harvesters and the `ckanapi` client use it unchanged. Parameters come as CKAN's API reads them: a
GET's query string (a repeated key gives a list), a POST's JSON object, or a POST's form (a form
whose one field is a JSON object, as `curl -d '{…}'` sends, is read as that object). Every answer
is JSON in CKAN's envelope, never a redirect, open to every origin (CORS) and needs no cookie:
the catalogue is public and nothing here writes, so the API is exempt from CSRF, and each write
action of CKAN answers "Authorization Error". The shapes are in ckan.py, the search language in
ckanquery.py, the reads in api_selectors.py; each action below reads its parameters, calls a
selector and shapes the result, and its docstring is what help_show returns for it.
"""

import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from . import api_selectors, ckan, ckanquery
from .ckan import JSON, ActionError, BadRequest, MethodNotAllowed, NotFound, Params
from .ckanquery import search_params
from .entities import DatasetEntry
from .kinds import GROUPS, KIND_SPECS, Group
from .selectors import dataset_find, dataset_for_resource
from .settings import contact_email, opendata_license

METHODS = "GET, HEAD, POST, OPTIONS"
_HEADER_NAMES = re.compile(r"^[A-Za-z0-9, -]*$")


@dataclass(frozen=True)
class Call:
    """One call of an action: its parameters and the address of the server that was asked."""

    params: Params
    base_url: str


type Action = Callable[[Call], object]
ACTIONS: dict[str, Action] = {}


def _action(function: Action) -> Action:
    ACTIONS[function.__name__] = function
    return function


# --- Datasets --------------------------------------------------------------------------------------


def _package(entry: DatasetEntry, call: Call) -> JSON:
    return ckan.package_dict(entry, base_url=call.base_url, contact_email=contact_email())


@_action
def package_list(call: Call) -> object:
    """Return the names of the catalogue's datasets, in name order.

    :param limit: the most names to return (optional; 0 or none: all of them)
    :type limit: int
    :param offset: how many names to skip first (optional, default 0)
    :type offset: int

    :rtype: list of strings
    """
    limit = call.params.integer("limit", 0, maximum=ckan.MAX_OFFSET)
    offset = call.params.integer("offset", 0, maximum=ckan.MAX_OFFSET)
    call.params.check()
    return api_selectors.dataset_names(limit=limit or None, offset=offset)


@_action
def package_show(call: Call) -> object:
    """Return a dataset (package) with its downloads as resources and its DGA GD-Catalog metadata.

    :param id: the id or the name of the dataset
    :type id: string

    :rtype: dictionary
    """
    if call.params.raw.get("id") is None and call.params.raw.get("name_or_id") is not None:
        name_or_id = call.params.required("name_or_id")
    else:
        name_or_id = call.params.required("id")
    call.params.check()
    entry = dataset_find(name_or_id)
    if entry is None:
        raise NotFound(f"ไม่พบชุดข้อมูล {ckan.shorten(name_or_id)}", f"Dataset not found: {ckan.shorten(name_or_id)}")
    return _package(entry, call)


@_action
def package_search(call: Call) -> object:
    """Search the datasets and return one page of them as full dataset dicts (as package_show gives them).

    :param q: free text, each word (or "quoted phrase") part of the title, description, tags or
        organization; or field:value terms as in fq (optional, default: every dataset)
    :type q: string
    :param fq: a filter, e.g. ``metadata_modified:[2026-04-01T00:00:00Z TO *]``,
        ``organization:unit-0``, ``owner_org:<id>``, ``groups:procurement``, ``tags:OCDS``,
        ``res_format:CSV``, ``name:<name>``, ``id:<id>``, ``type:dataset``; terms side by side all
        apply, ``OR`` and ``-term`` as in Solr (optional)
    :type fq: string
    :param fq_list: more filters, each as fq (optional)
    :type fq_list: list of strings
    :param sort: comma-separated ``field asc|desc`` of id, name, metadata_modified,
        metadata_created, title_string, score (optional, default ``score desc, metadata_modified
        desc``; relevance is not computed, so score orders nothing)
    :type sort: string
    :param rows: how many datasets to return (optional, default 10, at most 1000)
    :type rows: int
    :param start: how many matching datasets to skip first (optional, default 0)
    :type start: int
    :param facet: whether to count facets (optional, default true)
    :type facet: string
    :param facet.field: the fields to count, a JSON list of organization, owner_org, groups,
        tags, res_format, license_id, type (optional)
    :type facet.field: list of strings
    :param facet.limit: the most values per field (optional, default 50; negative: all)
    :type facet.limit: int
    :param facet.mincount: the fewest datasets a value needs to be listed (optional, default 1)
    :type facet.mincount: int
    :param include_private: accepted and ignored: every dataset is public
    :type include_private: bool

    ``fl`` is not supported: results are always full dataset dicts, as harvesters need them.

    :rtype: dictionary with count, results, sort, facets and search_facets
    """
    license_ = opendata_license()
    found = search_params(call.params.raw, license_=license_, now=timezone.now())
    page = api_selectors.dataset_search(
        found.filter, found.sort, start=found.start, rows=found.rows, facets=bool(found.facet_fields)
    )
    facets, search_facets = ckan.facet_counts(
        page.facet_rows,
        found.facet_fields,
        license_=license_,
        limit=found.facet_limit,
        mincount=found.facet_mincount,
    )
    return {
        "count": page.count,
        "facets": facets,
        "results": [_package(entry, call) for entry in page.entries],
        "sort": found.sort_text,
        "search_facets": search_facets,
    }


@_action
def resource_show(call: Call) -> object:
    """Return a download of a dataset (a resource): its format, address and dates.

    :param id: the id of the resource, e.g. ``unit-0-procurement-records-csv``
    :type id: string

    :rtype: dictionary
    """
    resource_id = call.params.required("id")
    call.params.check()
    entry = dataset_for_resource(resource_id)
    if entry is not None:
        for position, distribution in enumerate(entry.distributions()):
            if distribution.id == resource_id:
                return ckan.resource_dict(entry, distribution, position, call.base_url)
    raise NotFound(f"ไม่พบแหล่งข้อมูล {ckan.shorten(resource_id)}", f"Resource not found: {ckan.shorten(resource_id)}")


@_action
def license_list(call: Call) -> object:
    """Return the licence every dataset of the catalogue is published under.

    :rtype: list of dictionaries
    """
    return [ckan.license_dict(opendata_license())]


# --- Organizations and groups ----------------------------------------------------------------------


@_action
def organization_list(call: Call) -> object:
    """Return the organizations: the department and its units, by name or as dicts.

    :param sort: ``name``, ``title`` or ``package_count``, then ``asc`` or ``desc`` (optional,
        default ``title asc``, Thai dictionary order of the Thai title)
    :type sort: string
    :param limit: the most organizations to return (optional, default and maximum 1000)
    :type limit: int
    :param offset: how many to skip first (optional)
    :type offset: int
    :param organizations: only these names (optional; a list, or names separated by commas)
    :type organizations: list of strings
    :param q: only organizations whose name or title contains this (optional)
    :type q: string
    :param all_fields: return dicts instead of names (optional, default false)
    :type all_fields: bool
    :param include_dataset_count: with all_fields, give package_count (optional, default true)
    :type include_dataset_count: bool
    :param include_extras: with all_fields, give extras (the unit's website) (optional, default false)
    :type include_extras: bool
    :param include_groups: with all_fields, give the department a unit belongs to (optional, default false)
    :type include_groups: bool

    :rtype: list of strings, or of dictionaries with all_fields
    """
    options = ckanquery.list_params(call.params, "organizations")
    if call.params.raw.get("type") not in (None, "organization"):
        return []
    publishers = api_selectors.publisher_list()
    if options.names is not None:
        wanted = {name.lower() for name in options.names}
        publishers = [publisher for publisher in publishers if publisher.name in wanted]
    publishers = [p for p in publishers if ckan.text_matches(options.q, p.name, p.title_th, p.title_en)]
    needs_counts = options.sort_field == "package_count" or (options.all_fields and options.include_dataset_count)
    counts = api_selectors.dataset_count_by_organization() if needs_counts else {}
    publishers = ckanquery.ordered(
        publishers,
        options,
        name=lambda p: p.name,
        title=lambda p: p.title_th,
        count=lambda p: counts.get(p.pk, 0),
    )
    if not options.all_fields:
        return [publisher.name for publisher in publishers]
    return [
        ckan.organization_dict(
            publisher,
            package_count=counts.get(publisher.pk, 0) if options.include_dataset_count else None,
            include_extras=options.include_extras,
            include_groups=options.include_groups,
            include_users=options.include_users,
        )
        for publisher in publishers
    ]


@_action
def organization_show(call: Call) -> object:
    """Return an organization (the department or a unit), with its datasets if asked.

    :param id: the id or name of the organization
    :type id: string
    :param include_datasets: give its datasets as ``packages`` (optional, default false)
    :type include_datasets: bool
    :param include_dataset_count: give package_count (optional, default true)
    :type include_dataset_count: bool
    :param include_extras: give extras (its website) (optional, default true)
    :type include_extras: bool
    :param include_groups: give the department a unit belongs to (optional, default true)
    :type include_groups: bool
    :param include_users: give users, always an empty list: staff accounts are never published
        (optional, default false)
    :type include_users: bool

    :rtype: dictionary
    """
    params = call.params
    name_or_id = params.required("id")
    include_datasets = params.boolean("include_datasets", False)
    include_count = params.boolean("include_dataset_count", True)
    include_extras = params.boolean("include_extras", True)
    include_groups = params.boolean("include_groups", True)
    include_users = params.boolean("include_users", False)
    params.check()
    publisher = api_selectors.publisher_find(name_or_id)
    if publisher is None:
        raise NotFound(f"ไม่พบหน่วยงาน {ckan.shorten(name_or_id)}", f"Organization not found: {ckan.shorten(name_or_id)}")
    count = api_selectors.dataset_count_by_organization().get(publisher.pk, 0) if include_count else None
    found = ckan.organization_dict(
        publisher,
        package_count=count,
        include_extras=include_extras,
        include_groups=include_groups,
        include_users=include_users,
    )
    if include_datasets:
        entries = api_selectors.organization_datasets(publisher, limit=ckanquery.LIST_MAX)
        found["packages"] = [_package(entry, call) for entry in entries]
    return found


def _group_numbers() -> dict[str, api_selectors.KindSummary]:
    """Return how many datasets each theme has and when its first was created (one query)."""
    found: dict[str, api_selectors.KindSummary] = {}
    for kind, summary in api_selectors.kind_summaries().items():
        group = KIND_SPECS[kind].group
        before = found.get(group, api_selectors.KindSummary(0, None))
        firsts = [moment for moment in (before.first_created, summary.first_created) if moment is not None]
        found[group] = api_selectors.KindSummary(before.count + summary.count, min(firsts) if firsts else None)
    return found


@_action
def group_list(call: Call) -> object:
    """Return the themes datasets are grouped under, by name or as dicts.

    :param sort: ``name``, ``title`` or ``package_count``, then ``asc`` or ``desc`` (optional,
        default ``title asc``)
    :type sort: string
    :param limit: the most groups to return (optional)
    :type limit: int
    :param offset: how many to skip first (optional)
    :type offset: int
    :param groups: only these names (optional; a list, or names separated by commas)
    :type groups: list of strings
    :param q: only groups whose name or title contains this (optional)
    :type q: string
    :param all_fields: return dicts instead of names (optional, default false)
    :type all_fields: bool
    :param include_dataset_count: with all_fields, give package_count (optional, default true)
    :type include_dataset_count: bool

    :rtype: list of strings, or of dictionaries with all_fields
    """
    options = ckanquery.list_params(call.params, "groups")
    if call.params.raw.get("type") not in (None, "group"):
        return []
    groups: list[Group] = list(GROUPS)
    if options.names is not None:
        groups = [group for group in groups if group.name in options.names]
    groups = [g for g in groups if ckan.text_matches(options.q, g.name, g.title_th, g.title_en)]
    numbers = _group_numbers() if options.all_fields or options.sort_field == "package_count" else {}
    empty = api_selectors.KindSummary(0, None)
    groups = ckanquery.ordered(
        groups,
        options,
        name=lambda g: g.name,
        title=lambda g: g.title_th,
        count=lambda g: numbers.get(g.name, empty).count,
    )
    if not options.all_fields:
        return [group.name for group in groups]
    return [
        ckan.group_dict(
            group,
            package_count=numbers.get(group.name, empty).count if options.include_dataset_count else None,
            created=numbers.get(group.name, empty).first_created,
        )
        for group in groups
    ]


@_action
def group_show(call: Call) -> object:
    """Return a theme, with its datasets if asked.

    :param id: the id or name of the group
    :type id: string
    :param include_datasets: give its datasets as ``packages`` (optional, default false)
    :type include_datasets: bool
    :param include_dataset_count: give package_count (optional, default true)
    :type include_dataset_count: bool

    :rtype: dictionary
    """
    name_or_id = call.params.required("id")
    include_datasets = call.params.boolean("include_datasets", False)
    include_count = call.params.boolean("include_dataset_count", True)
    call.params.check()
    group = ckan.group_by_name(name_or_id.lower())
    if group is None:
        raise NotFound(f"ไม่พบกลุ่ม {ckan.shorten(name_or_id)}", f"Group not found: {ckan.shorten(name_or_id)}")
    numbers = _group_numbers().get(group.name, api_selectors.KindSummary(0, None))
    found = ckan.group_dict(
        group, package_count=numbers.count if include_count else None, created=numbers.first_created
    )
    if include_datasets:
        kinds = [kind for kind, spec in KIND_SPECS.items() if spec.group == group.name]
        entries = api_selectors.dataset_entries_of_kinds(kinds, limit=ckanquery.LIST_MAX)
        found["packages"] = [_package(entry, call) for entry in entries]
    return found


@_action
def tag_list(call: Call) -> object:
    """Return the tags of the catalogue's datasets (free tags; there are no vocabularies).

    :param query: only tags that contain this (optional; ``q`` is read the same)
    :type query: string
    :param vocabulary_id: a vocabulary: none exists, so the list is empty (optional)
    :type vocabulary_id: string
    :param all_fields: return tag dicts instead of names (optional, default false)
    :type all_fields: bool

    :rtype: list of strings, or of dictionaries with all_fields
    """
    query = call.params.text("query", limit=200) or call.params.text("q", limit=200) or ""
    vocabulary = call.params.text("vocabulary_id", limit=200)
    all_fields = call.params.boolean("all_fields", False)
    call.params.check()
    if vocabulary:
        return []
    kinds = [kind for kind, summary in api_selectors.kind_summaries().items() if summary.count]
    tags = [tag for tag in ckan.tags_of(kinds) if ckan.text_matches(query, tag)]
    return [ckan.tag_dict(tag) for tag in tags] if all_fields else tags


# --- The site --------------------------------------------------------------------------------------


@_action
def status_show(call: Call) -> object:
    """Return what the site is and which CKAN API it answers like.

    :rtype: dictionary
    """
    return ckan.status_dict(call.base_url)


@_action
def help_show(call: Call) -> object:
    """Return the help of an action: what it does and its parameters.

    :param name: the action's name, e.g. ``package_search``
    :type name: string

    :rtype: string
    """
    name = call.params.required("name")
    call.params.check()
    function = ACTIONS.get(name)
    if function is None:
        raise NotFound(f"ไม่พบคำสั่ง {ckan.shorten(name)}", f"Action function not found: {ckan.shorten(name)}")
    return inspect.cleandoc(function.__doc__ or "")


# --- HTTP ------------------------------------------------------------------------------------------


def _mixed(values: QueryDict) -> dict[str, object]:
    """Return a query string or form as CKAN reads it: one value as a string, a repeated key as a list."""
    found: dict[str, object] = {}
    for key, items in values.lists():
        found[key] = items[0] if len(items) == 1 else list(items)
    found.pop("callback", None)  # JSONP is not offered: the API answers every origin with CORS instead
    return found


def _json_object(body: bytes) -> dict[str, object]:
    """Return a body that must be a JSON object."""
    try:
        found = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as problem:
        detail = ckan.shorten(str(problem), 120)
        raise BadRequest(f"อ่าน JSON ไม่ได้: {detail}", f"JSON Error: {detail}") from None
    if not isinstance(found, dict):
        shown = ckan.shorten(repr(found), 60)
        raise BadRequest(
            f"ข้อมูลที่ส่งมาเป็น {shown} แต่ต้องเป็นออบเจกต์ JSON",
            f"Request data JSON decoded to {shown} but it needs to be a dictionary.",
        )
    return found


def _request_data(request: HttpRequest) -> dict[str, object]:
    """Return the parameters of a call (the module's docstring says where they are read from)."""
    try:
        if request.method == "POST":
            if request.content_type == "multipart/form-data":
                return _mixed(request.POST) if request.POST else _mixed(request.GET)
            body = request.body
            if request.content_type == "application/x-www-form-urlencoded" and not body.lstrip().startswith(b"{"):
                form = request.POST
                if len(form) == 1 and next(iter(form.values())) in ("1", ""):
                    # A JSON object sent as a form's only field name, as some clients post it.
                    return _json_object(next(iter(form.keys())).encode("utf-8"))
                if form:
                    return _mixed(form)
            elif body.strip():
                return _json_object(body)
        return _mixed(request.GET)
    except (SuspiciousOperation, MultiPartParserError) as problem:
        detail = ckan.shorten(str(problem), 120)
        raise BadRequest(f"อ่านคำขอไม่ได้: {detail}", f"cannot read the request: {detail}") from None


def _respond(payload: JSON, status: int, request: HttpRequest) -> HttpResponse:
    try:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate someone sent, echoed in a message, cannot be UTF-8: escape everything instead.
        body = json.dumps(payload).encode("ascii")
    response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    _cors(response, request)
    if status == MethodNotAllowed.status:
        response["Allow"] = METHODS
    return response


def _cors(response: HttpResponse, request: HttpRequest) -> None:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    # No credentials are ever used, so any header a client wants to send may be allowed.
    asked = request.headers.get("Access-Control-Request-Headers", "")
    plain = asked if len(asked) <= 500 and _HEADER_NAMES.match(asked) else ""
    response["Access-Control-Allow-Headers"] = plain or "Content-Type, Authorization, X-CKAN-API-Key"
    response["Access-Control-Max-Age"] = "86400"


@csrf_exempt
def action(request: HttpRequest, name: str) -> HttpResponse:
    """Answer a call of a CKAN action: GET, HEAD or POST; OPTIONS is a CORS preflight."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    if request.method == "OPTIONS":
        preflight = HttpResponse(status=204)
        _cors(preflight, request)
        preflight["Allow"] = METHODS
        return preflight
    try:
        if request.method not in ("GET", "HEAD", "POST"):
            raise MethodNotAllowed(request.method or "")
        function = ACTIONS.get(name)
        if function is None:
            raise ckan.NotAuthorized(name) if ckan.is_write_action(name) else ckan.unknown_action(name)
        result = function(Call(Params(_request_data(request)), base_url))
    except ActionError as failure:
        return _respond(ckan.error_envelope(base_url, name, failure), failure.status, request)
    return _respond(ckan.envelope(base_url, name, result), 200, request)
