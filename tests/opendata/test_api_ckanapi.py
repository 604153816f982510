"""The real `ckanapi` client against a live server: lists, shows, search paging and errors mapped to its exceptions.

`ckanapi.RemoteCKAN` posts JSON (or, with get_only, sends a GET with the parameters in the query
string) and turns an error envelope back into the exception the action raised, by `__type`
(ckanapi/common.py `reverse_apicontroller_action`): Not Found Error → NotFound (its text after the
first ": "), Validation Error → ValidationError (the whole error dict), Authorization Error →
NotAuthorized, Search Query Error → SearchQueryError, anything else → CKANAPIError.

The world is world.py's, built in one committed transaction (the live server reads it from another
thread); expected values come from its docstring.
"""

from collections.abc import Iterator
from typing import Any

import ckanapi
import pytest
import requests

from prongsai.opendata.entities import organization_uuid

from .api_world import UNIT_0_NAMES, WORLD_NAMES, build_committed_world, records_package, records_resources

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=[False, True], ids=["post", "get"])
def remote(request: pytest.FixtureRequest, live_server: Any) -> Iterator[ckanapi.RemoteCKAN]:
    session = requests.Session()
    session.trust_env = False  # loopback only: no proxy from the environment
    with ckanapi.RemoteCKAN(live_server.url, get_only=request.param, session=session) as client:
        yield client


def test_ckanapi_lists_shows_pages_and_maps_errors(remote: ckanapi.RemoteCKAN, live_server: Any, settings: Any) -> None:
    settings.PRONGSAI_OPENDATA_CONTACT_EMAIL = "opendata@example.go.th"
    world = build_committed_world()
    base = live_server.url

    assert remote.action.package_list() == WORLD_NAMES
    assert remote.action.package_list(limit=2, offset=14) == ["unit-1-channel-statistics", "unit-1-register"]
    assert remote.action.package_show(id="unit-0-procurement-records") == records_package(world, base)

    # Paging with rows and start until a page comes back empty: every dataset exactly once.
    seen: list[str] = []
    start = 0
    while page := remote.action.package_search(sort="id asc", rows=3, start=start)["results"]:
        assert len(page) <= 3
        seen.extend(package["name"] for package in page)
        start += 3
    assert start == 18
    assert sorted(seen) == WORLD_NAMES
    assert len(seen) == len(set(seen)) == 16

    found = remote.action.package_search(
        fq="organization:unit-0", rows=1000, **{"facet.field": ["groups"], "facet.limit": -1}
    )
    assert found["count"] == 7
    assert sorted(package["name"] for package in found["results"]) == UNIT_0_NAMES
    assert found["facets"] == {
        "groups": {"planning": 2, "procurement": 2, "monitoring": 1, "participation": 1, "transparency": 1}
    }

    assert remote.action.organization_list() == ["unit-0", "unit-1", "ops"]
    organizations = remote.action.organization_list(all_fields=True)
    assert [(item["name"], item["title"], item["package_count"]) for item in organizations] == [
        ("unit-0", "กองทดสอบที่ 0", 7),
        ("unit-1", "กองทดสอบที่ 1", 2),
        ("ops", "สำนักงานปลัด", 7),
    ]
    unit = remote.action.organization_show(id="unit-0", include_datasets=True)
    assert (unit["id"], unit["title_en"], unit["package_count"]) == (
        organization_uuid(world.published.pk),
        "Test division 0",
        7,
    )
    assert sorted(package["name"] for package in unit["packages"]) == UNIT_0_NAMES
    assert remote.action.resource_show(id="unit-0-procurement-records-ocds-2026-01") == records_resources(base)[5]
    status = remote.action.status_show()
    assert (status["site_url"], status["ckan_version"]) == (base, "2.10.0")
    assert remote.action.group_list() == ["procurement", "monitoring", "transparency", "participation", "planning"]

    with pytest.raises(ckanapi.NotFound) as missing:
        remote.action.package_show(id="unit-9-register")
    assert str(missing.value) == "ไม่พบชุดข้อมูล unit-9-register / Dataset not found: unit-9-register"
    with pytest.raises(ckanapi.NotFound) as missing_resource:
        remote.action.resource_show(id="unit-0-register-pdf")
    assert str(missing_resource.value) == "ไม่พบแหล่งข้อมูล unit-0-register-pdf / Resource not found: unit-0-register-pdf"
    with pytest.raises(ckanapi.ValidationError) as invalid:
        remote.action.package_search(rows=-1)
    assert invalid.value.error_dict == {
        "__type": "Validation Error",
        "rows": ["ต้องเป็นจำนวนเต็มที่ไม่ติดลบ / Must be a natural number"],
    }
    with pytest.raises(ckanapi.NotAuthorized) as refused:
        remote.action.package_create(name="new-dataset", owner_org="unit-0")
    assert refused.value.extra_msg == {
        "__type": "Authorization Error",
        "message": "ไม่มีสิทธิ์ / Access denied: บัญชีข้อมูลนี้เปิดให้อ่านอย่างเดียว ใช้คำสั่ง package_create ไม่ได้"
        " / this catalogue is read-only, package_create is not available",
    }
    with pytest.raises(ckanapi.SearchQueryError) as unreadable:
        remote.action.package_search(fq="metadata_modified:[yesterday TO *]")
    assert str(unreadable.value) == "อ่านวันที่ 'yesterday' ไม่ได้ / cannot read the date 'yesterday'"
    with pytest.raises(ckanapi.CKANAPIError) as unknown:
        remote.action.package_magic()
    assert type(unknown.value) is ckanapi.CKANAPIError
    assert "Action name not known: package_magic" in str(unknown.value)
