"""The OCDS addresses: exact releases of the world's records, the ocid prefix, bilingual 404s, only what is published.

Every expected value is written by hand from tests/publish/world.py and tests/opendata/world.py
(and ocds_world.py for unit-1); the party ids and the release id's hash are worked out here from
the rule the mapping's docstring states.
"""

import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from django.test import override_settings

from prongsai.disclosures.models import EntryVersion
from prongsai.disclosures.services import Verdicts, version_approve, version_submit
from prongsai.opendata import ocds_views
from prongsai.organizations.models import Organization
from prongsai.organizations.services import organization_update
from prongsai.procurement.publishing import procurement_publish

from ..publish.conftest import publish_records
from ..publish.world import AS_OF, BANGKOK
from .ocds_world import add_record, publish_second_unit
from .world import OpendataWorld

BASE = "http://testserver"
EXTENSION = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json"
PUBLISHER = {"name": "สำนักงานปลัด", "uri": f"{BASE}/th/units/ops/"}
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
POLICY = f"{BASE}/en/developers/"


def published_at(unit: Organization) -> str:
    """Return when the unit's latest approved procurement records (5.1.7.2) were published, as OCDS writes it."""
    version = (
        EntryVersion.objects.filter(entry__organization=unit, entry__item__code="5.1.7.2", state="approved")
        .order_by("-published_at")
        .first()
    )
    assert version is not None
    assert version.published_at is not None
    return version.published_at.astimezone(BANGKOK).isoformat(timespec="seconds")


def party(prefix: str, name: str) -> str:
    return f"{prefix}-party-{hashlib.sha256(name.encode()).hexdigest()[:12]}"


def with_id(release: dict[str, Any]) -> dict[str, Any]:
    """Give a hand-written release its id by the rule: ocid, "-", 12 hex digits of the content's SHA-256."""
    text = json.dumps(release, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {**release, "id": f"{release['ocid']}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"}


def january_release(prefix: str, date: str) -> dict[str, Any]:
    """unit-0's e-bidding of January 2026, by hand from tests/publish/world.py."""
    unit = {"id": f"{prefix}-unit-0", "name": "กองทดสอบที่ 0"}
    a = {"id": party(prefix, "บริษัท ก จำกัด"), "name": "บริษัท ก จำกัด"}
    b = {"id": party(prefix, "บริษัท ข จำกัด"), "name": "บริษัท ข จำกัด"}
    ocid = f"{prefix}-unit-0-2026-01-1"
    return with_id(
        {
            "ocid": ocid,
            "date": date,
            "tag": ["tender", "award", "contract"],
            "initiationType": "tender",
            "language": "th",
            "parties": [
                {**unit, "roles": ["buyer", "procuringEntity"]},
                {**a, "roles": ["tenderer", "supplier"]},
                {**b, "roles": ["tenderer"]},
            ],
            "buyer": unit,
            "planning": {"budget": {"amount": {"amount": 450000, "currency": "THB"}}},
            "tender": {
                "id": "69019000002",
                "title": "จัดซื้อเครื่องคอมพิวเตอร์",
                "procuringEntity": unit,
                "value": {"amount": 448000, "currency": "THB"},
                "procurementMethod": "open",
                "procurementMethodDetails": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
                "numberOfTenderers": 2,
                "tenderers": [a, b],
                "status": "complete",
            },
            "bids": {
                "statistics": [
                    {"id": "bids", "measure": "bids", "value": 2},
                    {"id": "bidders", "measure": "bidders", "value": 2},
                ],
                "details": [
                    {
                        "id": "bid-1",
                        "tenderers": [a],
                        "value": {"amount": 440000, "currency": "THB"},
                        "status": "valid",
                    },
                    {"id": "bid-2", "tenderers": [b], "value": {"amount": 445500, "currency": "THB"}},
                ],
            },
            "awards": [
                {
                    "id": "award-1",
                    "status": "active",
                    "suppliers": [a],
                    "value": {"amount": 440000, "currency": "THB"},
                    "description": "ราคาต่ำสุด",
                    "date": "2026-01-28T00:00:00+07:00",
                    "relatedBid": "bid-1",
                }
            ],
            "contracts": [
                {
                    "id": "4/2569",
                    "awardID": "award-1",
                    "title": "จัดซื้อเครื่องคอมพิวเตอร์",
                    "description": "สัญญา",
                    "value": {"amount": 440000, "currency": "THB"},
                    "dateSigned": "2026-01-28T00:00:00+07:00",
                    "status": "active",
                }
            ],
        }
    )


def get_json(client: Any, path: str, status: int = 200) -> Any:
    response = client.get(path)
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def ocids(package: dict[str, Any]) -> list[str]:
    return [release["ocid"] for release in package["releases"]]


def test_the_record_package_holds_the_january_release_field_for_field(world: OpendataWorld, client: Any) -> None:
    date = published_at(world.published)
    package = get_json(client, "/opendata/ocds/unit-0/2026-01/1.json")
    assert package == {
        "uri": f"{BASE}/opendata/ocds/unit-0/2026-01/1.json",
        "version": "1.1",
        "extensions": [EXTENSION],
        "publishedDate": date,
        "publisher": PUBLISHER,
        "license": LICENSE,
        "publicationPolicy": POLICY,
        "releases": [january_release("ocds-prongsai", date)],
    }


def test_the_unit_package_holds_every_published_record_in_form_order(world: OpendataWorld, client: Any) -> None:
    date = published_at(world.published)
    response = client.get("/opendata/ocds/unit-0.json")
    package = json.loads(response.content)
    assert package["uri"] == f"{BASE}/opendata/ocds/unit-0.json"
    assert package["publishedDate"] == date
    assert ocids(package) == [
        "ocds-prongsai-unit-0-2025-11-1",
        "ocds-prongsai-unit-0-2026-01-1",
        "ocds-prongsai-unit-0-2026-03-1",
    ]
    assert package["releases"][1] == january_release("ocds-prongsai", date)
    november, _, march = package["releases"]
    # 30000.50 baht is the JSON number 30000.5: exact, without the satang's trailing zero.
    assert november["planning"]["budget"] == {
        "amount": {"amount": 30000.5, "currency": "THB"},
        "description": "งบดำเนินงาน",
    }
    assert november["tender"]["value"] == {"amount": 30000.5, "currency": "THB"}
    assert b'"amount": 30000.5,' in response.content
    assert b"30000.50" not in response.content
    assert november["tender"]["id"] == "68119000001"
    assert november["tender"]["procurementMethod"] == "limited"
    assert november["contracts"][0] | {"value": None} == {
        "id": "15/2569",
        "awardID": "award-1",
        "title": "จัดซื้อวัสดุสำนักงาน",
        "description": "ใบสั่งซื้อ",
        "value": None,
        "dateSigned": "2025-11-20T00:00:00+07:00",
        "status": "terminated",
    }
    # March: no reference price, no method written (its Thai name stands in), no reason, no status, no e-GP number.
    assert march["tender"] == {
        "id": "ocds-prongsai-unit-0-2026-03-1",
        "title": "จ้างซ่อมแซมอาคาร",
        "procuringEntity": {"id": "ocds-prongsai-unit-0", "name": "กองทดสอบที่ 0"},
        "procurementMethod": "limited",
        "procurementMethodDetails": "เฉพาะเจาะจง",
        "numberOfTenderers": 1,
        "tenderers": [{"id": party("ocds-prongsai", "หจก. ค"), "name": "หจก. ค"}],
        "status": "complete",
    }
    assert "description" not in march["awards"][0]
    assert march["contracts"][0]["id"] == "7/2569"
    assert "status" not in march["contracts"][0]


def test_a_month_package_holds_that_month_only(world: OpendataWorld, client: Any) -> None:
    for month, expected in [
        ("2025-11", ["ocds-prongsai-unit-0-2025-11-1"]),
        ("2026-01", ["ocds-prongsai-unit-0-2026-01-1"]),
        ("2026-03", ["ocds-prongsai-unit-0-2026-03-1"]),
    ]:
        package = get_json(client, f"/opendata/ocds/unit-0/{month}.json")
        assert package["uri"] == f"{BASE}/opendata/ocds/unit-0/{month}.json"
        assert ocids(package) == expected


@override_settings(PRONGSAI_OCDS_OCID_PREFIX="ocds-a1b2c3")
def test_the_ocid_prefix_setting_names_every_process_and_party(world: OpendataWorld, client: Any) -> None:
    date = published_at(world.published)
    package = get_json(client, "/opendata/ocds/unit-0/2026-01/1.json")
    assert package["releases"] == [january_release("ocds-a1b2c3", date)]
    assert package["releases"][0]["ocid"] == "ocds-a1b2c3-unit-0-2026-01-1"
    assert package["releases"][0]["buyer"]["id"] == "ocds-a1b2c3-unit-0"


def test_the_department_package_holds_every_units_records(world: OpendataWorld, client: Any) -> None:
    publish_second_unit(world)
    every = get_json(client, "/opendata/ocds/ops.json")
    assert every["uri"] == f"{BASE}/opendata/ocds/ops.json"
    assert every["publisher"] == PUBLISHER
    assert every["publishedDate"] == max(published_at(world.published), published_at(world.quiet))
    assert ocids(every) == [
        "ocds-prongsai-unit-0-2025-11-1",
        "ocds-prongsai-unit-0-2026-01-1",
        "ocds-prongsai-unit-0-2026-03-1",
        "ocds-prongsai-unit-1-2026-01-1",
    ]
    january = get_json(client, "/opendata/ocds/ops/2026-01.json")
    assert ocids(january) == ["ocds-prongsai-unit-0-2026-01-1", "ocds-prongsai-unit-1-2026-01-1"]
    assert january["releases"][0] == january_release("ocds-prongsai", published_at(world.published))
    # unit-1's own package and record are at its address.
    assert ocids(get_json(client, "/opendata/ocds/unit-1.json")) == ["ocds-prongsai-unit-1-2026-01-1"]
    cleaning = get_json(client, "/opendata/ocds/unit-1/2026-01/1.json")["releases"][0]
    assert cleaning == january["releases"][1]
    d = {"id": party("ocds-prongsai", "บริษัท ง จำกัด"), "name": "บริษัท ง จำกัด"}
    e = {"id": party("ocds-prongsai", "บริษัท จ จำกัด"), "name": "บริษัท จ จำกัด"}
    f = {"id": party("ocds-prongsai", "บริษัท ฉ จำกัด"), "name": "บริษัท ฉ จำกัด"}
    unit = {"id": "ocds-prongsai-unit-1", "name": "กองทดสอบที่ 1"}
    assert cleaning == with_id(
        {
            "ocid": "ocds-prongsai-unit-1-2026-01-1",
            "date": published_at(world.quiet),
            "tag": ["tender", "award", "contract"],
            "initiationType": "tender",
            "language": "th",
            "parties": [
                {**unit, "roles": ["buyer", "procuringEntity"]},
                {**d, "roles": ["tenderer", "supplier"]},
                {**e, "roles": ["tenderer"]},
                {**f, "roles": ["tenderer"]},
            ],
            "buyer": unit,
            "planning": {"budget": {"amount": {"amount": 120000, "currency": "THB"}}},
            "tender": {
                "id": "ocds-prongsai-unit-1-2026-01-1",
                "title": "จ้างทำความสะอาด",
                "procuringEntity": unit,
                "value": {"amount": 118000, "currency": "THB"},
                "procurementMethod": "selective",
                "procurementMethodDetails": "คัดเลือก",
                "numberOfTenderers": 3,
                "tenderers": [d, e, f],
                "status": "complete",
            },
            "bids": {
                "statistics": [
                    {"id": "bids", "measure": "bids", "value": 3},
                    {"id": "bidders", "measure": "bidders", "value": 3},
                ],
                "details": [
                    {
                        "id": "bid-1",
                        "tenderers": [d],
                        "value": {"amount": 115000, "currency": "THB"},
                        "status": "valid",
                    },
                    {"id": "bid-2", "tenderers": [e], "value": {"amount": 117500.25, "currency": "THB"}},
                    {"id": "bid-3", "tenderers": [f]},
                ],
            },
            "awards": [
                {
                    "id": "award-1",
                    "status": "active",
                    "suppliers": [d],
                    "value": {"amount": 115000, "currency": "THB"},
                    "description": "ราคาต่ำสุด",
                    "date": "2026-01-30T00:00:00+07:00",
                    "relatedBid": "bid-1",
                }
            ],
            "contracts": [
                {
                    "id": "contract-1",
                    "awardID": "award-1",
                    "title": "จ้างทำความสะอาด",
                    "description": "สัญญา",
                    "value": {"amount": 115000, "currency": "THB"},
                    "dateSigned": "2026-01-30T00:00:00+07:00",
                    "status": "pending",
                }
            ],
        }
    )


NO_ORGANIZATION = (
    "ไม่มีหน่วยงานหรือกรมที่ใช้ชื่อในที่อยู่ “{}”",
    "No unit or department has the address name “{}”.",
)
BAD_MONTH = (
    "“{}” ไม่ใช่เดือน ให้เขียนเป็น ปปปป-ดด แบบคริสต์ศักราช เช่น 2026-03",
    "“{}” is not a month: write it as YYYY-MM (CE), for example 2026-03.",
)


@pytest.mark.parametrize(
    ("path", "th", "en"),
    [
        ("/opendata/ocds/nobody.json", NO_ORGANIZATION[0].format("nobody"), NO_ORGANIZATION[1].format("nobody")),
        ("/opendata/ocds/nobody/2026-01.json", *(text.format("nobody") for text in NO_ORGANIZATION)),
        ("/opendata/ocds/nobody/2026-01/1.json", *(text.format("nobody") for text in NO_ORGANIZATION)),
        (
            "/opendata/ocds/unit-1.json",
            "กองทดสอบที่ 1 ยังไม่ได้เผยแพร่ผลการจัดซื้อจัดจ้าง",
            "Test division 1 has published no procurement records.",
        ),
        (
            "/opendata/ocds/unit-1/2026-01.json",
            "กองทดสอบที่ 1 ยังไม่ได้เผยแพร่ผลการจัดซื้อจัดจ้าง",
            "Test division 1 has published no procurement records.",
        ),
        (
            "/opendata/ocds/unit-0/2026-02.json",
            "กองทดสอบที่ 0 ไม่มีผลการจัดซื้อจัดจ้างของเดือน 2026-02 ที่เผยแพร่แล้ว",
            "Test division 0 has published no procurement records of 2026-02.",
        ),
        (
            "/opendata/ocds/ops/2025-12.json",
            "สำนักงานปลัด ไม่มีผลการจัดซื้อจัดจ้างของเดือน 2025-12 ที่เผยแพร่แล้ว",
            "OPS has published no procurement records of 2025-12.",
        ),
        (
            "/opendata/ocds/unit-0/2026-01/2.json",
            "กองทดสอบที่ 0 ไม่มีผลการจัดซื้อจัดจ้างลำดับที่ 2 ของเดือน 2026-01 ที่เผยแพร่แล้ว",
            "Test division 0 has published no procurement numbered 2 in 2026-01.",
        ),
        (
            "/opendata/ocds/unit-0/2026-02/1.json",
            "กองทดสอบที่ 0 ไม่มีผลการจัดซื้อจัดจ้างลำดับที่ 1 ของเดือน 2026-02 ที่เผยแพร่แล้ว",
            "Test division 0 has published no procurement numbered 1 in 2026-02.",
        ),
        (
            "/opendata/ocds/unit-0/2026-01/99999999999999999999.json",
            "กองทดสอบที่ 0 ไม่มีผลการจัดซื้อจัดจ้างลำดับที่ 99999999999999999999 ของเดือน 2026-01 ที่เผยแพร่แล้ว",
            "Test division 0 has published no procurement numbered 99999999999999999999 in 2026-01.",
        ),
        (
            "/opendata/ocds/ops/2026-01/1.json",
            "ผลการจัดซื้อจัดจ้างแต่ละรายการเผยแพร่ที่ที่อยู่ของหน่วยงานที่จัดซื้อจัดจ้าง ไม่ใช่ของสำนักงานปลัด",
            "Each procurement is published at the address of the unit that made it, not of OPS.",
        ),
        ("/opendata/ocds/unit-0/2026-13.json", *(text.format("2026-13") for text in BAD_MONTH)),
        ("/opendata/ocds/unit-0/abcd.json", *(text.format("abcd") for text in BAD_MONTH)),
        ("/opendata/ocds/unit-0/2026-1.json", *(text.format("2026-1") for text in BAD_MONTH)),
        ("/opendata/ocds/unit-0/๒๐๒๖-๐๑.json", *(text.format("๒๐๒๖-๐๑") for text in BAD_MONTH)),
        ("/opendata/ocds/unit-0/2026-13/1.json", *(text.format("2026-13") for text in BAD_MONTH)),
        ("/opendata/ocds/unit-0/abcd/1.json", *(text.format("abcd") for text in BAD_MONTH)),
        ("/opendata/ocds/nobody/2026-00.json", *(text.format("2026-00") for text in BAD_MONTH)),
    ],
)
def test_what_cannot_be_given_is_a_404_said_in_thai_and_english(
    world: OpendataWorld, client: Any, path: str, th: str, en: str
) -> None:
    assert get_json(client, path, status=404) == {"error": {"status": 404, "message": {"th": th, "en": en}}}


def test_hostile_addresses_are_404s_with_the_echo_cut_short(world: OpendataWorld, client: Any) -> None:
    month = "ก" * 5000
    body = get_json(client, f"/opendata/ocds/unit-0/{month}.json", status=404)
    assert body["error"]["message"]["en"] == BAD_MONTH[1].format("ก" * 40 + "…")
    slug = "x" * 5000
    body = get_json(client, f"/opendata/ocds/{slug}.json", status=404)
    assert body["error"]["message"]["en"] == NO_ORGANIZATION[1].format("x" * 40 + "…")
    odd = "2026-01\u200b"  # a zero-width space after a good month
    body = get_json(client, f"/opendata/ocds/unit-0/{odd}.json", status=404)
    assert body["error"]["message"]["en"] == BAD_MONTH[1].format(odd)


def test_an_inactive_unit_publishes_nothing(world: OpendataWorld, client: Any) -> None:
    Organization.objects.filter(pk=world.published.pk).update(is_active=False)
    for path in (
        "/opendata/ocds/unit-0.json",
        "/opendata/ocds/unit-0/2026-01.json",
        "/opendata/ocds/unit-0/2026-01/1.json",
    ):
        assert get_json(client, path, status=404)["error"]["message"]["en"] == NO_ORGANIZATION[1].format("unit-0")
    # The department's package no longer holds it, and it had no other unit with records.
    assert get_json(client, "/opendata/ocds/ops.json", status=404)["error"]["message"]["en"] == (
        "OPS has published no procurement records."
    )


def test_only_published_records_are_given(world: OpendataWorld, client: Any) -> None:
    unit = world.published
    add_record(
        unit, dt.date(2026, 3, 1), 2, [("ร้าน ข", "1200.00")],
        item="จัดซื้อหมึกพิมพ์", budget="1500.00", winner="ร้าน ข", winner_price="1200.00",
    )  # fmt: skip
    assert ocids(get_json(client, "/opendata/ocds/unit-0/2026-03.json")) == ["ocds-prongsai-unit-0-2026-03-1"]
    get_json(client, "/opendata/ocds/unit-0/2026-03/2.json", status=404)

    # Put into a version and submitted, not yet approved: still out.
    editor = world.dept.people["editor"]
    version = procurement_publish(actor=editor, organization=unit, fiscal_year=2569, code="5.1.7.2", as_of=AS_OF)
    version_submit(actor=editor, version=version)
    assert ocids(get_json(client, "/opendata/ocds/unit-0/2026-03.json")) == ["ocds-prongsai-unit-0-2026-03-1"]

    version_approve(actor=world.dept.people["reviewer2"], version=version, verdicts=Verdicts(True, True, True))
    assert ocids(get_json(client, "/opendata/ocds/unit-0/2026-03.json")) == [
        "ocds-prongsai-unit-0-2026-03-1",
        "ocds-prongsai-unit-0-2026-03-2",
    ]
    ink = get_json(client, "/opendata/ocds/unit-0/2026-03/2.json")["releases"][0]
    assert ink["tender"]["title"] == "จัดซื้อหมึกพิมพ์"
    assert ink["awards"][0]["value"] == {"amount": 1200, "currency": "THB"}
    assert "contracts" not in ink
    assert ink["tag"] == ["tender", "award"]


def test_a_corrected_record_is_a_new_release_of_the_same_process(world: OpendataWorld, client: Any) -> None:
    before = get_json(client, "/opendata/ocds/unit-0/2026-01/1.json")["releases"][0]
    world.procurement["january"].reason = "ราคาต่ำสุดและผ่านเกณฑ์คุณภาพ"
    world.procurement["january"].save()
    assert get_json(client, "/opendata/ocds/unit-0/2026-01/1.json")["releases"][0] == before  # not yet published
    publish_records(world.dept, world.published, "5.1.7.2", as_of=AS_OF)
    after = get_json(client, "/opendata/ocds/unit-0/2026-01/1.json")["releases"][0]
    assert after["ocid"] == before["ocid"] == "ocds-prongsai-unit-0-2026-01-1"
    assert after["id"] != before["id"]
    assert after["awards"][0]["description"] == "ราคาต่ำสุดและผ่านเกณฑ์คุณภาพ"
    assert after["date"] == published_at(world.published)


@pytest.mark.parametrize(
    ("path", "status", "queries"),
    [
        # The address's procurement dataset (its digest) and the public edition, which key the cache; then
        # the organization with its department and units, and the published snapshots (two).
        ("/opendata/ocds/unit-0.json", 200, 5),
        ("/opendata/ocds/unit-0/2026-01.json", 200, 5),
        ("/opendata/ocds/unit-0/2026-01/1.json", 200, 5),
        ("/opendata/ocds/ops.json", 200, 5),
        ("/opendata/ocds/ops/2026-01.json", 200, 5),
        # No procurement dataset: no cache key, and the organization is looked for.
        ("/opendata/ocds/nobody.json", 404, 2),
        ("/opendata/ocds/unit-0/2026-13.json", 404, 0),
        ("/opendata/ocds/ops/2026-01/1.json", 404, 5),
        # No approved version: the snapshots' second query (their data) is not needed.
        ("/opendata/ocds/unit-1.json", 404, 3),
    ],
)
def test_query_counts(
    world: OpendataWorld, client: Any, django_assert_num_queries: Any, path: str, status: int, queries: int
) -> None:
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == status


def test_the_department_packages_queries_do_not_grow_with_its_units(
    world: OpendataWorld, client: Any, django_assert_num_queries: Any
) -> None:
    publish_second_unit(world)
    with django_assert_num_queries(5):
        response = client.get("/opendata/ocds/ops.json")
    assert len(json.loads(response.content)["releases"]) == 4


def test_a_package_is_kept_until_its_records_or_names_change(
    world: OpendataWorld, client: Any, django_assert_num_queries: Any
) -> None:
    first = client.get("/opendata/ocds/unit-0.json")
    with django_assert_num_queries(2):  # the digest and the edition
        again = client.get("/opendata/ocds/unit-0.json")
    assert (again.content, again["ETag"]) == (first.content, first["ETag"])
    assert again["Access-Control-Allow-Origin"] == "*"
    with django_assert_num_queries(2):
        unchanged = client.get("/opendata/ocds/unit-0.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    # The department is renamed: its name is the packages' publisher, and the edition moves on.
    organization_update(actor=None, organization=world.department, name_th="สำนักงานปลัดกระทรวง")
    renamed = client.get("/opendata/ocds/unit-0.json")
    assert renamed["ETag"] != first["ETag"]
    assert json.loads(renamed.content)["publisher"]["name"] == "สำนักงานปลัดกระทรวง"


def test_an_address_with_more_records_than_a_package_holds_points_to_the_months(
    world: OpendataWorld, client: Any, monkeypatch: pytest.MonkeyPatch, django_assert_num_queries: Any
) -> None:
    monkeypatch.setattr(ocds_views, "OCDS_PACKAGE_MAX_RELEASES", 2)
    # The catalogue's count refuses it before any record is read: the dataset and the edition.
    with django_assert_num_queries(2):
        response = client.get("/opendata/ocds/ops.json")
    assert response.status_code == 404
    assert json.loads(response.content)["error"]["message"] == {
        "th": "สำนักงานปลัด เผยแพร่ผลการจัดซื้อจัดจ้างแล้ว 3 รายการ มากกว่าที่หนึ่งชุดข้อมูลจะบรรจุได้ (2) "
        "โปรดขอเป็นรายเดือน เช่น /opendata/ocds/ops/2026-03.json",
        "en": "OPS has published 3 procurement records, more than one package holds (2): take them a month at a time, "
        "e.g. /opendata/ocds/ops/2026-03.json.",
    }
    assert client.get("/opendata/ocds/ops/2026-03.json").status_code == 200


def test_the_packages_are_read_only(world: OpendataWorld, client: Any) -> None:
    for path in (
        "/opendata/ocds/unit-0.json",
        "/opendata/ocds/unit-0/2026-01.json",
        "/opendata/ocds/unit-0/2026-01/1.json",
    ):
        assert client.post(path).status_code == 405
        assert client.head(path).status_code == 200
