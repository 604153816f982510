"""Hostile input to every machine address, written by hand: whatever is sent, the answer is below 500,
and the API never redirects.

schemathesis (test_fuzz_openapi.py) generates what the description allows and its near misses; these
are the inputs it does not think of: 10 kB names, NUL bytes (PostgreSQL refuses them in text), percent
escapes that are not UTF-8, numbers no integer or float holds, JSON that is not an object or nests
deeper than the parser recurses, bodies of the wrong type, and methods the API does not take.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from .world import OpendataWorld

LONG = "a" * 10_240
HUGE = "99999999999999999999"
# Deeper than Python's json module recurses: json.loads raises RecursionError, not ValueError.
TOO_DEEP = "[" * 100_000 + "]" * 100_000
DEEP_VALUE = '{"id": ' + "[" * 500 + "]" * 500 + "}"


@dataclass(frozen=True)
class Hostile:
    """One request: its method, path (with any query string), body and content type."""

    label: str
    path: str
    method: str = "GET"
    body: bytes = b""
    content_type: str = "application/json"
    extra: dict[str, str] = field(default_factory=dict)


def _json(label: str, action: str, body: str | bytes, content_type: str = "application/json") -> Hostile:
    data = body.encode() if isinstance(body, str) else body
    return Hostile(label, f"/api/3/action/{action}", "POST", data, content_type)


API = (
    # Names and ids
    Hostile("10 kB action name", f"/api/3/action/{LONG}"),
    Hostile("10 kB action name, unversioned, POST", f"/api/action/{LONG}", "POST", b"{}"),
    Hostile("10 kB id", f"/api/3/action/package_show?id={LONG}"),
    _json("10 kB id, POST", "package_show", '{"id": "' + LONG + '"}'),
    Hostile("10 kB q", f"/api/3/action/package_search?q={LONG}"),
    Hostile("10 kB fq", f"/api/3/action/package_search?fq=organization:{LONG}"),
    Hostile("10 kB resource id", f"/api/3/action/resource_show?id={LONG}-csv"),
    Hostile("10 kB organization id", f"/api/3/action/organization_show?id={LONG}"),
    # NUL bytes
    Hostile("NUL action name", "/api/3/action/package%00show"),
    Hostile("NUL id", "/api/3/action/package_show?id=unit-0-register%00"),
    _json("NUL id, POST", "package_show", '{"id": "\\u0000"}'),
    Hostile("NUL q", "/api/3/action/package_search?q=%E0%B8%88%00"),
    Hostile("NUL fq", "/api/3/action/package_search?fq=organization:unit-0%00"),
    Hostile("NUL sort", "/api/3/action/package_search?sort=id%00asc"),
    Hostile("NUL resource id", "/api/3/action/resource_show?id=unit-0-register%00-csv"),
    Hostile("NUL organization id", "/api/3/action/organization_show?id=%00"),
    Hostile("NUL tag query", "/api/3/action/tag_list?query=%00"),
    Hostile("NUL help name", "/api/3/action/help_show?name=%00"),
    # Percent escapes that are not UTF-8
    Hostile("invalid UTF-8 action name", "/api/3/action/%FF%FE"),
    Hostile("invalid UTF-8 id", "/api/3/action/package_show?id=%FF%FE%C0%AF"),
    Hostile("invalid UTF-8 q", "/api/3/action/package_search?q=%E0%B8"),
    Hostile("invalid UTF-8 parameter name", "/api/3/action/package_search?%FF=1"),
    Hostile("odd unicode q", "/api/3/action/package_search?q=%EF%BF%BF%F0%9F%98%80%E2%80%AE%CC%81"),
    # Numbers nothing holds
    Hostile("rows 1e309", "/api/3/action/package_search?rows=1e309"),
    Hostile("rows 20 digits", f"/api/3/action/package_search?rows={HUGE}"),
    Hostile("start 20 digits", f"/api/3/action/package_search?start={HUGE}"),
    Hostile("start 1e309", "/api/3/action/package_search?start=1e309"),
    Hostile("rows -1", "/api/3/action/package_search?rows=-1"),
    Hostile("rows NaN", "/api/3/action/package_search?rows=NaN"),
    Hostile("rows Thai digits", "/api/3/action/package_search?rows=%E0%B9%91%E0%B9%90"),
    Hostile("rows twice", "/api/3/action/package_search?rows=1&rows=1001"),
    Hostile("facet.limit 20 digits", f"/api/3/action/package_search?facet=true&facet.limit={HUGE}"),
    Hostile("facet.mincount -20 digits", f"/api/3/action/package_search?facet=true&facet.mincount=-{HUGE}"),
    Hostile("facet.field not JSON", "/api/3/action/package_search?facet.field=%5B%5B%5B"),
    Hostile("facet.field deep JSON", "/api/3/action/package_search?facet.field=" + "%5B" * 5000 + "%5D" * 5000),
    Hostile(
        "fq time 1000 digits", "/api/3/action/package_search?fq=metadata_modified:%5B" + "9" * 1000 + "%20TO%20*%5D"
    ),
    Hostile("package_list limit 20 digits", f"/api/3/action/package_list?limit={HUGE}&offset={HUGE}"),
    Hostile("organization_list limit 20 digits", f"/api/3/action/organization_list?limit={HUGE}&offset={HUGE}"),
    Hostile("group_list offset 1e309", "/api/3/action/group_list?offset=1e309&all_fields=maybe"),
    _json("rows 1e309 in JSON (infinity)", "package_search", '{"rows": 1e309}'),
    _json("rows 20 digits in JSON", "package_search", '{"rows": ' + HUGE + ', "start": ' + HUGE + "}"),
    _json("rows true in JSON", "package_search", '{"rows": true, "start": null}'),
    _json("rows NaN in JSON", "package_search", '{"rows": NaN}'),
    _json("rows as an object", "package_search", '{"rows": {"$gt": 1}}'),
    _json("q as a list", "package_search", '{"q": ["a", "b"], "fq": 5, "sort": {}}'),
    _json("facet.field as a number", "package_search", '{"facet": "true", "facet.field": 5}'),
    # JSON bodies that are not an object
    _json("array body", "package_show", "[1, 2, 3]"),
    _json("string body", "package_show", '"unit-0-register"'),
    _json("number body", "package_search", "123"),
    _json("null body", "package_list", "null"),
    _json("unparsable body", "package_show", '{"id": '),
    _json("empty body", "status_show", ""),
    _json("body nested past the parser's recursion", "package_search", TOO_DEEP),
    _json("id nested 500 deep", "package_show", DEEP_VALUE),
    _json("not UTF-8 body", "package_show", b'{"id": "\xff\xfe"}'),
    _json("UTF-16 body", "package_show", '{"id": "unit-0-register"}'.encode("utf-16")),
    _json("duplicate keys", "package_show", '{"id": "unit-0-register", "id": "x"}'),
    # Wrong content types
    _json("JSON sent as text/plain", "package_show", '{"id": "unit-0-register"}', "text/plain"),
    _json("XML", "package_show", "<id>unit-0-register</id>", "application/xml"),
    _json("form with huge rows", "package_search", f"rows={HUGE}&start=1e309", "application/x-www-form-urlencoded"),
    _json("form with NUL", "package_show", "id=%00", "application/x-www-form-urlencoded"),
    _json("broken multipart", "package_show", "--x\r\ngarbage", "multipart/form-data; boundary=x"),
    _json("multipart without boundary", "package_show", "garbage", "multipart/form-data"),
    _json("octet stream", "package_show", b"\x00\x01\x02", "application/octet-stream"),
    _json("JSON in an unknown charset", "package_show", '{"id": "x"}', "application/json; charset=klingon"),
    _json("a body over the upload limit", "package_search", '{"q": "' + "a" * (5 * 1024 * 1024 + 1) + '"}'),
    # Methods the API does not take
    Hostile("PUT", "/api/3/action/package_show", "PUT", b'{"id": "unit-0-register"}'),
    Hostile("PATCH", "/api/3/action/package_patch", "PATCH", b'{"id": "unit-0-register"}'),
    Hostile("DELETE", "/api/3/action/package_delete", "DELETE"),
    Hostile("OPTIONS", "/api/3/action/package_search", "OPTIONS"),
    Hostile("HEAD", "/api/3/action/package_search?rows=1e309", "HEAD"),
    Hostile("TRACE", "/api/action/package_show", "TRACE"),
    # A write action with a hostile body
    _json("package_create with a deep body", "package_create", DEEP_VALUE),
)

FILES = (
    Hostile("10 kB OCDS slug", f"/opendata/ocds/{LONG}.json"),
    Hostile("NUL OCDS slug month", "/opendata/ocds/unit-0/%00.json"),
    Hostile("invalid UTF-8 OCDS month", "/opendata/ocds/unit-0/%FF%FE.json"),
    Hostile("OCDS month 13", "/opendata/ocds/unit-0/2026-13.json"),
    Hostile("OCDS month of 10 kB", f"/opendata/ocds/unit-0/{LONG}.json"),
    Hostile("OCDS month year 0", "/opendata/ocds/unit-0/0000-01.json"),
    Hostile("OCDS sequence 20 digits", f"/opendata/ocds/unit-0/2026-01/{HUGE}.json"),
    Hostile("OCDS sequence 0", "/opendata/ocds/unit-0/2026-01/0.json"),
    Hostile("10 kB download name", f"/opendata/datasets/{LONG}.csv"),
    Hostile("download with a query", "/opendata/datasets/unit-0-register.xlsx?%FF=%00"),
    Hostile("catalogue page 1e309", "/catalog.ttl?page=1e309"),
    Hostile("catalogue page 20 digits", f"/catalog.ttl?page={HUGE}"),
    Hostile("catalogue page -1", "/catalog.jsonld?page=-1"),
    Hostile("catalogue page 0", "/catalog.jsonld?page=0"),
    Hostile("catalogue page NUL", "/catalog.ttl?page=%00"),
    Hostile("catalogue page invalid UTF-8", "/catalog.jsonld?page=%FF"),
    Hostile("catalogue page twice", "/catalog.ttl?page=1&page=2"),
    Hostile("catalogue POST", "/catalog.ttl", "POST", b"page=1", "application/x-www-form-urlencoded"),
    Hostile("description with a hostile query", "/api/openapi.json?%FF=%00"),
)


def _send(client: Client, hostile: Hostile) -> Any:
    return client.generic(
        hostile.method,
        hostile.path,
        data=hostile.body,
        content_type=hostile.content_type,
        **hostile.extra,
    )


def test_the_api_answers_hostile_input_without_a_server_error_or_a_redirect(
    client: Client, world: OpendataWorld, subtests: pytest.Subtests
) -> None:
    for hostile in API:
        with subtests.test(hostile.label):
            response = _send(client, hostile)
            assert response.status_code < 500, (hostile.label, response.status_code, response.content[:500])
            assert not 300 <= response.status_code < 400, (hostile.label, response.status_code)
            # It reached the API, not a 404 of the URL patterns: the hostile value was delivered.
            assert response.resolver_match.view_name in {"opendata:action", "opendata:action_unversioned"}


def test_the_files_answer_hostile_input_without_a_server_error(
    client: Client, world: OpendataWorld, subtests: pytest.Subtests
) -> None:
    for hostile in FILES:
        with subtests.test(hostile.label):
            response = _send(client, hostile)
            assert response.status_code < 500, (hostile.label, response.status_code, response.content[:500])
