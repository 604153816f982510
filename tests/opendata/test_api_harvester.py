"""A CKAN harvester's gather stage, replayed over HTTP against a live server.

ckanext-harvest's CKANHarvester gathers with plain GETs of /api/3/action/package_search:
rows=100, start=0, sort=id asc, and an fq made of its organization filter (include:
"organization:a OR organization:b"; exclude: "-organization:a -organization:b") and, after an
error-free harvest, "metadata_modified:[<that harvest's start, UTC, minus an hour, isoformat>Z TO *]",
the terms joined by spaces. It pages by adding rows to start until a page has no results, drops
ids it has already seen, and gives up if a page repeats the previous one. With remote_orgs and
remote_groups it then asks organization_show?id=<owner_org> and group_show?id=<group id>.

`gather` below makes exactly those calls (the facts are the harvester's; the code is this test's).
The world is api_world.build_large_world() (136 datasets, so a full harvest takes two pages of 100
and an empty third), committed for the live server; then unit-1 receives a complaint and the
catalogue syncs at RESYNCED (2026-04-21 08:00 +07:00): unit-1's and the department's channel
statistics change, nothing else.
"""

import datetime as dt
import json
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from django.db import transaction

from prongsai.opendata.catalogue import catalogue_sync
from prongsai.opendata.models import Dataset

from .api_world import RESYNCED, RESYNCED_CKAN, build_large_world, later_submission

pytestmark = pytest.mark.django_db(transaction=True)


class Harvester:
    """The gather stage's requests (the module's docstring), with a log of the pages it read."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session = requests.Session()
        self.session.trust_env = False
        self.pages: list[dict[str, str]] = []

    def get(self, url: str) -> str:
        response = self.session.get(url, allow_redirects=False)
        assert response.status_code == 200, response.text[:300]
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
        return response.text

    def gather(
        self, *, last_started: dt.datetime | None = None, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()
    ) -> list[dict[str, Any]]:
        terms: list[str] = []
        if include:
            terms.append(" OR ".join(f"organization:{name}" for name in include))
        elif exclude:
            terms.extend(f"-organization:{name}" for name in exclude)
        if last_started is not None:
            since = (last_started - dt.timedelta(hours=1)).isoformat()
            terms.append(f"metadata_modified:[{since}Z TO *]")
        params = {"rows": "100", "start": "0", "sort": "id asc"}
        if terms:
            params["fq"] = " ".join(terms)
        found: list[dict[str, Any]] = []
        seen: set[str] = set()
        previous = None
        while True:
            self.pages.append(dict(params))
            content = self.get(f"{self.base}/api/3/action/package_search?{urlencode(params)}")
            assert content != previous, "the paging does not work"
            previous = content
            page = json.loads(content).get("result", {}).get("results", [])
            found.extend(package for package in page if package["id"] not in seen)
            seen |= {package["id"] for package in page}
            if not page:
                return found
            params["start"] = str(int(params["start"]) + int(params["rows"]))


def test_a_full_harvest_then_an_incremental_one_gets_exactly_what_changed(live_server: Any) -> None:
    with transaction.atomic():
        world = build_large_world()
    harvester = Harvester(live_server.url)

    everything = harvester.gather()
    assert [page["start"] for page in harvester.pages] == ["0", "100", "200"]
    assert len(everything) == 136
    assert [package["id"] for package in everything] == sorted(
        str(uuid) for uuid in Dataset.objects.values_list("uuid", flat=True)
    )
    # What the import stage reads of each dataset.
    for package in everything:
        assert package["type"] == "dataset"
        assert package["resources"]
        assert all(resource["url"].startswith(f"{live_server.url}/opendata/") for resource in package["resources"])
        assert all(resource["url_type"] is None for resource in package["resources"])
        assert isinstance(package["extras"], list)
        assert package["owner_org"] == package["organization"]["id"]

    # The first harvest started on 12 April 2026 at 00:00 UTC, after the world's sync.
    first_started = dt.datetime(2026, 4, 12, 0, 0)
    harvester.pages.clear()
    assert harvester.gather(last_started=first_started) == []
    assert harvester.pages == [
        {"rows": "100", "start": "0", "sort": "id asc", "fq": "metadata_modified:[2026-04-11T23:00:00Z TO *]"}
    ]

    with transaction.atomic():
        later_submission(world.quiet)
        catalogue_sync(now=RESYNCED, organization_ids=[world.quiet.pk])

    changed = harvester.gather(last_started=first_started)
    assert sorted(package["name"] for package in changed) == ["ops-channel-statistics", "unit-1-channel-statistics"]
    assert {package["metadata_modified"] for package in changed} == {RESYNCED_CKAN}
    assert harvester.gather(last_started=first_started, include=("unit-0", "unit-1")) == [
        package for package in changed if package["name"] == "unit-1-channel-statistics"
    ]
    assert [package["name"] for package in harvester.gather(last_started=first_started, exclude=("unit-1",))] == [
        "ops-channel-statistics"
    ]
    # The next harvest goes back an hour before the last one started: one that started at 02:00 UTC on the 21st
    # still sees the change of 01:00 (the bound is inclusive); one that started at 03:00 sees nothing new.
    assert len(harvester.gather(last_started=dt.datetime(2026, 4, 21, 2, 0))) == 2
    assert harvester.gather(last_started=dt.datetime(2026, 4, 21, 3, 0)) == []

    # Filters by organization alone, as a first harvest with a filter makes them.
    assert sorted(p["name"] for p in harvester.gather(include=("unit-0",))) == sorted(
        Dataset.objects.filter(organization=world.published).values_list("name", flat=True)
    )
    assert len(harvester.gather(exclude=("ops", "unit-0"))) == 122

    # remote_orgs / remote_groups "create": the organization and group of a harvested dataset.
    package = changed[0]
    organization = json.loads(
        harvester.get(f"{live_server.url}/api/3/action/organization_show?id={package['owner_org']}")
    )
    assert organization["result"]["name"] == package["organization"]["name"]
    group = json.loads(harvester.get(f"{live_server.url}/api/3/action/group_show?id={package['groups'][0]['id']}"))
    assert group["result"]["name"] == "participation"
