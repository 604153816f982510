"""Every OCDS package validates against the official OCDS 1.1.5 release-package schema with the bids extension.

The schemas and codelists are the official files in shared/standards (tests/opendata/standards.py).
The release-package schema refers to the release schema by its absolute URL: a `referencing`
registry maps that URL to the local release schema, after the bids extension's release-schema patch
is merged into it (JSON merge patch, RFC 7386). Formats (date-time, uri) are checked by the checker
below, since jsonschema checks them only with optional packages. No network is used: the socket
layer and urllib are made to refuse and record any attempt, and the test asserts none was made.
Codelist values are checked against the codelists' CSV files.
"""

import csv
import datetime as dt
import json
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT4

from .ocds_world import publish_second_unit
from .standards import standards_dir
from .world import OpendataWorld

RELEASE_SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"

PATHS = [
    "/opendata/ocds/unit-0.json",
    "/opendata/ocds/unit-0/2025-11.json",
    "/opendata/ocds/unit-0/2026-01.json",
    "/opendata/ocds/unit-0/2026-03.json",
    "/opendata/ocds/unit-0/2025-11/1.json",
    "/opendata/ocds/unit-0/2026-01/1.json",
    "/opendata/ocds/unit-0/2026-03/1.json",
    "/opendata/ocds/unit-1.json",
    "/opendata/ocds/unit-1/2026-01.json",
    "/opendata/ocds/unit-1/2026-01/1.json",
    "/opendata/ocds/ops.json",
    "/opendata/ocds/ops/2025-11.json",
    "/opendata/ocds/ops/2026-01.json",
    "/opendata/ocds/ops/2026-03.json",
]


def merge_patch(target: Any, patch: Any) -> Any:
    """Apply a JSON merge patch (RFC 7386): objects merge key by key, null removes, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def test_merge_patch_follows_rfc_7386() -> None:
    # The example of RFC 7386 section 3.
    target = {"title": "Goodbye!", "author": {"givenName": "John", "familyName": "Doe"}, "tags": ["example", "sample"]}
    patch = {"title": "Hello!", "phoneNumber": "+01-234-567-8910", "author": {"familyName": None}, "tags": ["example"]}
    assert merge_patch(target, patch) == {
        "title": "Hello!",
        "author": {"givenName": "John"},
        "tags": ["example"],
        "phoneNumber": "+01-234-567-8910",
    }


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())

    def date_time(value: object) -> bool:
        # RFC 3339: a date, "T", a time and an offset.
        if not isinstance(value, str):
            return True
        return "T" in value and dt.datetime.fromisoformat(value).tzinfo is not None

    def uri(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return parts.scheme in {"http", "https"} and bool(parts.netloc)

    checker.checks("date-time", raises=ValueError)(date_time)
    checker.checks("uri")(uri)
    return checker


@pytest.fixture
def validator() -> Draft4Validator:
    root = standards_dir()
    release = json.loads((root / "ocds-1.1.5" / "release-schema.json").read_text())
    bids = json.loads((root / "ocds-bid-extension-1.1.5" / "release-schema.json").read_text())
    package = json.loads((root / "ocds-1.1.5" / "release-package-schema.json").read_text())
    patched = merge_patch(release, bids)
    assert "bids" in patched["properties"]
    assert "relatedBid" in patched["definitions"]["Award"]["properties"]
    registry: Registry[Any] = Registry().with_resource(RELEASE_SCHEMA_URL, DRAFT4.create_resource(patched))
    Draft4Validator.check_schema(package)
    Draft4Validator.check_schema(patched)
    return Draft4Validator(package, registry=registry, format_checker=_format_checker())


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Refuse, and record, every attempt to open a connection."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> Any:
        attempts.append(args)
        raise OSError("the OCDS tests use no network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    return attempts


def codelist(path: Path) -> set[str]:
    with path.open(newline="", encoding="utf-8") as file:
        return {row["Code"] for row in csv.DictReader(file)}


def codelist_problems(package: dict[str, Any]) -> list[str]:
    """Return every value of a codelist field that its CSV codelist does not hold."""
    root = standards_dir()
    core, bids = root / "ocds-1.1.5" / "codelists", root / "ocds-bid-extension-1.1.5" / "codelists"
    lists = {
        "tag": codelist(core / "releaseTag.csv"),
        "initiationType": codelist(core / "initiationType.csv"),
        "roles": codelist(core / "partyRole.csv"),
        "procurementMethod": codelist(core / "method.csv"),
        "tenderStatus": codelist(core / "tenderStatus.csv"),
        "bidStatus": codelist(bids / "bidStatus.csv"),
        "measure": codelist(bids / "bidStatistics.csv"),
        "awardStatus": codelist(core / "awardStatus.csv"),
        "contractStatus": codelist(core / "contractStatus.csv"),
        "currency": codelist(core / "currency.csv"),
    }

    def found() -> Iterator[tuple[str, Any]]:
        for release in package["releases"]:
            yield from (("tag", tag) for tag in release["tag"])
            yield "initiationType", release["initiationType"]
            yield from (("roles", role) for party in release["parties"] for role in party["roles"])
            tender = release["tender"]
            yield "procurementMethod", tender["procurementMethod"]
            if "status" in tender:
                yield "tenderStatus", tender["status"]
            yield from (("bidStatus", bid["status"]) for bid in release["bids"]["details"] if "status" in bid)
            yield from (("measure", statistic["measure"]) for statistic in release["bids"]["statistics"])
            yield from (("awardStatus", award["status"]) for award in release.get("awards", []))
            yield from (("contractStatus", c["status"]) for c in release.get("contracts", []) if "status" in c)
            yield from (("currency", currency) for currency in _currencies(release))

    return [f"{name}: {value!r}" for name, value in found() if value not in lists[name]]


def _currencies(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        if "currency" in value:
            yield value["currency"]
        for inner in value.values():
            yield from _currencies(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _currencies(inner)


def test_every_package_validates_against_the_official_schema_and_codelists(
    world: OpendataWorld, client: Any, validator: Draft4Validator, no_network: list[object]
) -> None:
    publish_second_unit(world)
    checked = 0
    for path in PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
        package = json.loads(response.content)
        errors = [f"{path} {list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(package)]
        assert errors == []
        assert codelist_problems(package) == [], path
        checked += len(package["releases"])
    # unit-0: 3 + 3 × 1 + 3 × 1; unit-1: 1 + 1 + 1; ops: 4 + 1 + 2 + 1
    assert checked == 20
    assert no_network == []


def test_the_validator_refuses_what_ocds_forbids(
    world: OpendataWorld, client: Any, validator: Draft4Validator, no_network: list[object]
) -> None:
    # The checks are not vacuous: an amount as a string, a bid status outside the codelist, a date
    # without its offset, a currency outside the codelist, a package without releases, a date that is no date.
    package = json.loads(client.get("/opendata/ocds/unit-0/2026-01/1.json").content)
    release = package["releases"][0]
    broken = [
        ("planning", {"budget": {"amount": {"amount": "450000.00", "currency": "THB"}}}),
        ("bids", {"details": [{"id": "bid-1", "status": "accepted"}]}),
        ("date", "2026-04-10 10:00:00"),
        ("awards", [{"id": "award-1", "value": {"amount": 1, "currency": "BAHT"}}]),
    ]
    for field, value in broken:
        assert list(validator.iter_errors({**package, "releases": [{**release, field: value}]})) != [], field
    assert list(validator.iter_errors({**package, "releases": []})) != []
    assert list(validator.iter_errors({**package, "publishedDate": "10 April 2026"})) != []
    assert no_network == []


def test_a_schema_the_registry_does_not_hold_is_unresolvable_not_fetched(
    validator: Draft4Validator, no_network: list[object]
) -> None:
    elsewhere = validator.evolve(
        schema={"$ref": "https://standard.open-contracting.org/schema/1__1__4/release-schema.json"}
    )
    with pytest.raises(Unresolvable):
        elsewhere.validate({})
    assert no_network == []
