"""package_search over HTTP on a catalogue of 136 datasets: filters, text, sorting, paging, facets, query counts.

The world is api_world.build_large_world(): world.py's department (16 datasets) and sixty more units
extra-00 … extra-59 with a register and channel statistics each (120 more). Every dataset was
synced at 2026-04-11 08:00 +07:00; unit-1's channel statistics are then made to change on
2026-04-21 (`later_submission`, synced at RESYNCED), and so are the department's.
"""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from prongsai.opendata.catalogue import catalogue_sync
from prongsai.opendata.entities import organization_uuid
from prongsai.opendata.models import Dataset
from prongsai.thaitext import thai_sort_key

from .api_world import (
    RESYNCED,
    RESYNCED_CKAN,
    SYNCED_CKAN,
    UNIT_0_NAMES,
    build_large_world,
    later_submission,
    module_world,
)
from .world import OpendataWorld

EXTRA_NAMES = sorted(f"extra-{index:02d}-{kind}" for index in range(60) for kind in ("register", "channel-statistics"))


def _build() -> OpendataWorld:
    world = build_large_world()
    later_submission(world.quiet)
    catalogue_sync(now=RESYNCED, organization_ids=[world.quiet.pk])
    return world


@pytest.fixture(scope="module")
def shared_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[OpendataWorld]:
    with module_world(django_db_blocker, _build) as built:
        yield built


@pytest.fixture
def world(shared_world: OpendataWorld, db: None) -> OpendataWorld:
    return shared_world


def search(client: Client, **params: Any) -> dict[str, Any]:
    response = client.get("/api/3/action/package_search", params)
    body: dict[str, Any] = json.loads(response.content)
    assert response.status_code == 200, body
    result: dict[str, Any] = body["result"]
    return result


def names(client: Client, **params: Any) -> list[str]:
    return [package["name"] for package in search(client, rows=1000, **params)["results"]]


def test_the_catalogue_holds_what_the_world_says(world: OpendataWorld) -> None:
    assert Dataset.objects.count() == 136
    changed = Dataset.objects.filter(metadata_modified=RESYNCED).values_list("name", flat=True)
    assert sorted(changed) == ["ops-channel-statistics", "unit-1-channel-statistics"]


def test_paging_by_id_returns_every_dataset_exactly_once(world: OpendataWorld, client: Client) -> None:
    seen: list[str] = []
    start = 0
    while True:
        page = search(client, sort="id asc", rows=7, start=start)
        assert page["count"] == 136
        if not page["results"]:
            break
        seen.extend(package["id"] for package in page["results"])
        start += 7
    assert start == 140  # twenty pages of seven (the last of three), then an empty one
    assert seen == sorted(str(uuid) for uuid in Dataset.objects.values_list("uuid", flat=True))
    assert len(set(seen)) == 136


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({}, 3),
        ({"facet.field": '["organization", "groups", "tags", "res_format", "license_id"]'}, 4),
        ({"fq": "owner_org:{unit_0}"}, 4),
        ({"sort": "title_string asc"}, 3),
        ({"q": "register", "fq": "-organization:ops", "sort": "name desc"}, 3),
    ],
)
def test_queries_do_not_grow_with_rows(
    world: OpendataWorld, client: Client, django_assert_num_queries: Any, params: dict[str, str], queries: int
) -> None:
    params = {key: value.format(unit_0=organization_uuid(world.published.pk)) for key, value in params.items()}
    with django_assert_num_queries(queries):
        one = search(client, rows=1, **params)
    with django_assert_num_queries(queries):
        thousand = search(client, rows=1000, **params)
    assert len(one["results"]) == 1
    assert len(thousand["results"]) == thousand["count"] > 1
    assert thousand["results"][0] == one["results"][0]


def test_the_harvesters_filter_finds_what_changed_since(world: OpendataWorld, client: Client) -> None:
    # The second sync ran at 2026-04-21 01:00 UTC; the first at 2026-04-11 01:00 UTC.
    assert names(client, fq="metadata_modified:[2026-04-15T00:00:00Z TO *]", sort="name asc") == [
        "ops-channel-statistics",
        "unit-1-channel-statistics",
    ]
    assert names(client, fq=f"metadata_modified:[{RESYNCED_CKAN}Z TO *]", sort="name asc") == [
        "ops-channel-statistics",
        "unit-1-channel-statistics",
    ]
    assert names(client, fq=f"metadata_modified:{{{RESYNCED_CKAN}Z TO *]") == []
    assert len(names(client, fq=f"metadata_modified:[* TO {SYNCED_CKAN}Z]")) == 134
    assert names(
        client, fq="metadata_modified:[2026-04-21T08:00:00+07:00 TO 2026-04-21T08:00:00+07:00]", sort="name asc"
    ) == [
        "ops-channel-statistics",
        "unit-1-channel-statistics",
    ]
    assert len(names(client, fq="metadata_created:[2026-04-11 TO *]")) == 136
    assert names(client, fq="metadata_created:[2026-04-12 TO *]") == []


def test_filters_by_organization_group_tag_format_name_and_id(world: OpendataWorld, client: Client) -> None:
    unit_0 = organization_uuid(world.published.pk)
    assert names(client, fq="organization:unit-0", sort="name asc") == UNIT_0_NAMES
    assert names(client, fq=f"owner_org:{unit_0}", sort="name asc") == UNIT_0_NAMES
    assert names(client, fq="organization:unit-0 OR organization:unit-1", sort="name asc") == [
        *UNIT_0_NAMES,
        "unit-1-channel-statistics",
        "unit-1-register",
    ]
    assert names(client, fq="organization:(unit-1 OR ops) groups:participation", sort="name asc") == [
        "ops-channel-statistics",
        "unit-1-channel-statistics",
    ]
    assert len(names(client, fq="-organization:ops -organization:unit-0")) == 122
    assert names(client, fq="groups:procurement", sort="name asc") == [
        "ops-procurement-plans",
        "ops-procurement-records",
        "unit-0-procurement-plans",
        "unit-0-procurement-records",
    ]
    assert names(client, fq='tags:"สขร.1"', sort="name asc") == [
        "ops-procurement-records",
        "unit-0-procurement-records",
    ]
    assert names(client, fq="res_format:OCDS", sort="name asc") == [
        "ops-procurement-records",
        "unit-0-procurement-records",
    ]
    assert len(names(client, fq="res_format:CSV type:dataset")) == 136
    assert names(client, fq="name:unit-1-register") == ["unit-1-register"]
    register = Dataset.objects.get(name="extra-07-register")
    assert names(client, fq=f"id:{register.uuid}") == ["extra-07-register"]
    assert names(client, fq_list=["organization:unit-0", "groups:monitoring"]) == ["unit-0-monitor-scores"]
    assert search(client, fq="organization:nowhere")["count"] == 0


def test_free_text_matches_thai_phrases_whole_and_every_word(world: OpendataWorld, client: Client) -> None:
    # "จัดซื้อ" is inside the titles of procurement plans and results (แผนการจัดซื้อจัดจ้าง, ผลการจัดซื้อจัดจ้าง).
    assert names(client, q="จัดซื้อ", sort="name asc") == [
        "ops-procurement-plans",
        "ops-procurement-records",
        "unit-0-procurement-plans",
        "unit-0-procurement-records",
    ]
    assert names(client, q="ผลการจัดซื้อจัดจ้าง", sort="name asc") == [
        "ops-procurement-records",
        "unit-0-procurement-records",
    ]
    assert names(client, q="procurement results OCDS", sort="name asc") == [
        "ops-procurement-records",
        "unit-0-procurement-records",
    ]
    assert names(client, q='"website check scores"', sort="name asc") == ["ops-monitor-scores", "unit-0-monitor-scores"]
    # Titles name the unit; both words must be found ("หน่วยเพิ่มที่" is in sixty titles, "42" in two).
    assert names(client, q="หน่วยเพิ่มที่ 42", sort="name asc") == ["extra-42-channel-statistics", "extra-42-register"]
    assert names(client, q="extra-42", sort="name asc") == ["extra-42-channel-statistics", "extra-42-register"]
    assert names(client, q="๕.๑.๗.๒", sort="name asc") == ["ops-procurement-records", "unit-0-procurement-records"]
    assert names(client, q="organization:unit-0 -groups:planning", sort="name asc") == [
        "unit-0-channel-statistics",
        "unit-0-monitor-scores",
        "unit-0-procurement-plans",
        "unit-0-procurement-records",
        "unit-0-register",
    ]
    assert search(client, q="ไม่มีคำนี้")["count"] == 0


def test_sorting(world: OpendataWorld, client: Client) -> None:
    everything = sorted(Dataset.objects.values_list("name", flat=True))
    assert names(client, sort="name asc") == everything
    assert names(client, sort="name desc") == everything[::-1]
    newest = names(client)  # score desc, metadata_modified desc: the two changed on the 21st first, then by id
    assert newest[:2] == sorted(
        ["ops-channel-statistics", "unit-1-channel-statistics"],
        key=lambda name: str(Dataset.objects.get(name=name).uuid),
    )
    assert newest[2:] == [row.name for row in Dataset.objects.exclude(metadata_modified=RESYNCED).order_by("uuid")]
    assert names(client, sort="metadata_modified asc, name desc")[-2:] == [
        "unit-1-channel-statistics",
        "ops-channel-statistics",
    ]
    titles = dict(Dataset.objects.values_list("name", "title_th"))
    by_title = names(client, sort="title_string asc, name asc")
    assert by_title == sorted(everything, key=lambda name: (thai_sort_key(titles[name]), name))
    assert names(client, sort="title_string desc") == by_title[::-1]
    # First: ความก้าวหน้า… (ค), the department's " ทุกหน่วยงาน" before a unit's " — " (ท before the dash).
    # Last: สถิติ… (ส after every other first letter; แผน… sorts as ผ), of the unit whose name is largest,
    # หน่วยเพิ่มที่ 9 (ห after ก, and "9" after "59").
    assert (by_title[0], by_title[-1]) == ("ops-plan-progress", "extra-09-channel-statistics")
    assert search(client, sort="title_string asc", rows=3, start=134)["results"][-1]["name"] == by_title[-1]
    assert search(client, sort="id asc")["sort"] == "id asc"
    assert search(client)["sort"] == "score desc, metadata_modified desc"


def test_rows_start_and_counts(world: OpendataWorld, client: Client) -> None:
    assert search(client)["count"] == 136
    assert len(search(client)["results"]) == 10
    assert search(client, rows=0) == {
        "count": 136,
        "facets": {},
        "results": [],
        "sort": "score desc, metadata_modified desc",
        "search_facets": {},
    }
    assert search(client, rows=5000)["results"].__len__() == 136
    assert search(client, start=136)["results"] == []
    assert search(client, start=10**12)["results"] == []
    assert [p["name"] for p in search(client, sort="name asc", rows=2, start=134)["results"]] == [
        "unit-1-channel-statistics",
        "unit-1-register",
    ]


def test_facets(world: OpendataWorld, client: Client) -> None:
    found = search(
        client,
        rows=0,
        **{"facet.field": '["organization", "groups", "res_format", "license_id", "type"]', "facet.limit": "3"},
    )
    assert found["facets"] == {
        "organization": {"ops": 7, "unit-0": 7, "extra-00": 2},
        "groups": {"participation": 63, "transparency": 63, "planning": 4},
        "res_format": {"CSV": 136, "JSON": 136, "XLSX": 136},
        "license_id": {"Creative Commons Attributions": 136},
        "type": {"dataset": 136},
    }
    assert found["search_facets"]["organization"] == {
        "title": "organization",
        "items": [
            # By display name, last first, as CKAN lists them: ห, then ส, then ก.
            {"name": "extra-00", "display_name": "หน่วยเพิ่มที่ 0", "count": 2},
            {"name": "ops", "display_name": "สำนักงานปลัด", "count": 7},
            {"name": "unit-0", "display_name": "กองทดสอบที่ 0", "count": 7},
        ],
    }
    every = search(client, rows=0, **{"facet.field": '["organization"]', "facet.limit": "-1"})["facets"]["organization"]
    assert len(every) == 63
    filtered = search(client, rows=0, fq="groups:procurement", **{"facet.field": '["res_format", "organization"]'})
    assert filtered["facets"] == {
        "res_format": {"CSV": 4, "JSON": 4, "XLSX": 4, "OCDS": 2},
        "organization": {"ops": 2, "unit-0": 2},
    }
    unit_0 = organization_uuid(world.published.pk)
    owners = search(client, rows=0, fq="organization:unit-0", **{"facet.field": '["owner_org"]'})
    assert owners["facets"] == {"owner_org": {unit_0: 7}}
    assert search(client, rows=0, facet="false", **{"facet.field": '["organization"]'})["facets"] == {}


def test_search_errors_are_ckans_types(world: OpendataWorld, client: Client) -> None:
    for params, error in [
        ({"rows": "-1"}, {"__type": "Validation Error", "rows": ["ต้องเป็นจำนวนเต็มที่ไม่ติดลบ / Must be a natural number"]}),
        (
            {"start": "abc", "facet.limit": "x"},
            {
                "__type": "Validation Error",
                "start": ["ต้องเป็นจำนวนเต็ม / Invalid integer"],
                "facet.limit": ["ต้องเป็นจำนวนเต็ม / Invalid integer"],
            },
        ),
        (
            {"fq": "metadata_modified:[yesterday TO *]"},
            {
                "__type": "Search Query Error",
                "message": "ค้นหาไม่ได้ / Search Query is invalid: อ่านวันที่ 'yesterday' ไม่ได้"
                " / cannot read the date 'yesterday'",
            },
        ),
        (
            {"sort": "popularity desc"},
            {
                "__type": "Search Query Error",
                "message": "ค้นหาไม่ได้ / Search Query is invalid: "
                "เรียงตาม 'popularity' ไม่ได้ (ใช้ได้: score, id, name, metadata_modified, metadata_created, title_string)"
                " / cannot sort by 'popularity' "
                "(sortable: score, id, name, metadata_modified, metadata_created, title_string)",
            },
        ),
    ]:
        response = client.get("/api/3/action/package_search", params)
        assert response.status_code == 409
        assert json.loads(response.content) == {
            "help": "http://testserver/api/3/action/help_show?name=package_search",
            "success": False,
            "error": error,
        }
