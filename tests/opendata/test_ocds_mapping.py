"""The OCDS mapping on its own (prongsai.opendata.ocds, pure): amounts, months, party ids, records the world lacks."""

import datetime as dt
import hashlib
import json
import re
from decimal import Decimal
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.opendata import ocds
from prongsai.procurement.models import Method
from prongsai.procurement.snapshot import RecordData

from .standards import standards_dir

PREFIX = "ocds-test"
PUBLISHED = dt.datetime(2026, 4, 10, 3, 30, 15, 123456, tzinfo=dt.UTC)  # 10:30:15 in Bangkok
BUYER = ocds.Buyer(slug="unit-9", name="กองทดสอบที่ 9")


def record(**fields: Any) -> RecordData:
    """A record of unit-9, March 2026, ลำดับ 4: a specific-method purchase with one bid, changed by `fields`."""
    values: dict[str, Any] = {
        "id": 1,
        "month": "2026-03",
        "fiscal_year": 2569,
        "sequence": 4,
        "item": "จัดซื้อกระดาษ",
        "budget": "5000.00",
        "reference_price": None,
        "method": "specific",
        "method_detail": "",
        "bids": [{"bidder": "ร้าน ก", "price": "4800.00"}],
        "winner": "ร้าน ก",
        "winner_price": "4800.00",
        "reason": "",
        "contract_kind": "",
        "contract_number": "",
        "contract_date": None,
        "egp_number": "",
        "budget_source": "",
        "status": "",
        "plan_line": None,
    }
    values.update(fields)
    return cast(RecordData, values)


def release(**fields: Any) -> dict[str, Any]:
    return ocds.release(ocds.PublishedRecord(BUYER, PUBLISHED, record(**fields)), prefix=PREFIX)


def party(name: str) -> str:
    return f"{PREFIX}-party-{hashlib.sha256(name.encode()).hexdigest()[:12]}"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("30000.50", 30000.5),
        ("440000.00", 440000),
        ("0.00", 0),
        ("0.10", 0.1),
        ("0.01", 0.01),
        ("117500.25", 117500.25),
        ("9999999999999.99", 9999999999999.99),
        ("9999999999999.00", 9999999999999),
        ("1", 1),
    ],
)
def test_amounts_become_exact_json_numbers(text: str, number: int | float) -> None:
    value = ocds.json_amount(text)
    assert value == number
    assert type(value) is type(number)
    assert Decimal(json.dumps(value)) == Decimal(text)


@pytest.mark.parametrize("text", ["", "abc", "1e5", ".5", "NaN", "Infinity", "-Infinity", "1,000.00", "๑๐๐.๐๐", " 1"])
def test_what_is_not_an_amount_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=f"^not an amount: {re.escape(repr(text))}$"):
        ocds.json_amount(text)


def test_an_amount_a_float_cannot_carry_exactly_is_refused() -> None:
    message = "'1.00000000000000000001' has more significant digits than a JSON number carries exactly"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        ocds.json_amount("1.00000000000000000001")


@given(st.decimals(min_value=0, max_value=Decimal("9999999999999.99"), places=2))
def test_every_storable_amount_reads_back_exactly(amount: Decimal) -> None:
    # Any amount a money column holds (15 digits, 2 decimals) is written as the same number.
    assert Decimal(json.dumps(ocds.json_amount(str(amount)))) == amount


@pytest.mark.parametrize(
    ("text", "is_month"),
    [
        ("2026-03", True),
        ("2025-12", True),
        ("2026-13", False),
        ("2026-00", False),
        ("2026-3", False),
        ("26-03", False),
        ("abcd", False),
        ("2026-03\n", False),
        (" 2026-03", False),
        ("๒๐๒๖-๐๓", False),
        ("２０２６-０３", False),
        ("2569-03-01", False),
        ("", False),
    ],
)
def test_months_are_written_yyyy_mm(text: str, is_month: bool) -> None:
    assert ocds.is_month(text) is is_month


def test_party_ids_come_from_the_folded_name() -> None:
    expected = party("บริษัท ก จำกัด")
    for written in ("บริษัท ก จำกัด", "  บริษัท  ก จำกัด ", "บริษัท ก\u200b จำกัด", "บริษัท\u00a0ก จำกัด"):
        assert ocds.party_id(PREFIX, written) == expected, written
    assert party("acme co., ltd.") == ocds.party_id(PREFIX, "ACME Co., Ltd.")
    assert ocds.party_id(PREFIX, "บจก. ก") != expected  # another spelling is another party
    assert ocds.party_id("ocds-other", "บริษัท ก จำกัด") == f"ocds-other-party-{expected.rsplit('-', 1)[1]}"


def test_every_method_maps_onto_the_method_codelist() -> None:
    codes = (standards_dir() / "ocds-1.1.5" / "codelists" / "method.csv").read_text().splitlines()[1:]
    assert set(ocds.METHODS) == set(Method.values)
    assert {code for code, _ in ocds.METHODS.values()} <= {line.split(",")[0] for line in codes}
    assert {key: code for key, (code, _) in ocds.METHODS.items()} == {
        "specific": "limited",
        "selection": "selective",
        "e_bidding": "open",
        "e_market": "open",
        "price_agreement": "limited",
        "price_inquiry": "open",
        "bidding": "open",
        "special": "limited",
        "special_case": "direct",
    }


def test_the_release_date_is_the_publication_in_bangkok_to_the_second() -> None:
    assert release()["date"] == "2026-04-10T10:30:15+07:00"


def test_the_release_id_follows_the_content() -> None:
    first, again = release(), release()
    assert first["id"] == again["id"]
    assert first["id"].startswith("ocds-test-unit-9-2026-03-4-")
    assert len(first["id"]) == len("ocds-test-unit-9-2026-03-4-") + 12
    corrected = release(reason="ราคาต่ำสุด")
    assert corrected["ocid"] == first["ocid"]
    assert corrected["id"] != first["id"]
    republished = ocds.release(ocds.PublishedRecord(BUYER, PUBLISHED + dt.timedelta(days=1), record()), prefix=PREFIX)
    assert republished["id"] != first["id"]


def test_two_bids_by_one_company_are_one_tenderer() -> None:
    found = release(
        bids=[{"bidder": "บริษัท ก จำกัด", "price": "4900.00"}, {"bidder": " บริษัท  ก จำกัด", "price": "4700.00"}],
        winner="บริษัท ก จำกัด",
        winner_price="4700.00",
    )
    a = {"id": party("บริษัท ก จำกัด"), "name": "บริษัท ก จำกัด"}
    assert found["parties"][1:] == [{**a, "roles": ["tenderer", "supplier"]}]
    assert found["tender"]["numberOfTenderers"] == 1
    assert found["tender"]["tenderers"] == [a]
    assert found["bids"] == {
        "statistics": [
            {"id": "bids", "measure": "bids", "value": 2},
            {"id": "bidders", "measure": "bidders", "value": 1},
        ],
        "details": [
            {"id": "bid-1", "tenderers": [a], "value": {"amount": 4900, "currency": "THB"}},
            {"id": "bid-2", "tenderers": [a], "value": {"amount": 4700, "currency": "THB"}, "status": "valid"},
        ],
    }
    # The winning bid is the one at the agreed price; without a price that matches, the vendor's first.
    assert found["awards"][0]["relatedBid"] == "bid-2"
    unpriced = release(
        bids=[{"bidder": "บริษัท ก จำกัด", "price": None}, {"bidder": "บริษัท ก จำกัด", "price": "4700.00"}],
        winner="บริษัท ก จำกัด",
        winner_price="4650.00",
    )
    assert unpriced["awards"][0]["relatedBid"] == "bid-1"
    assert [bid.get("status") for bid in unpriced["bids"]["details"]] == ["valid", None]


def test_a_vendor_selected_without_a_bid_is_a_supplier_only() -> None:
    found = release(winner="ร้าน ข", winner_price="4900.00")
    assert found["parties"][1:] == [
        {"id": party("ร้าน ก"), "name": "ร้าน ก", "roles": ["tenderer"]},
        {"id": party("ร้าน ข"), "name": "ร้าน ข", "roles": ["supplier"]},
    ]
    assert found["bids"]["details"] == [
        {
            "id": "bid-1",
            "tenderers": [{"id": party("ร้าน ก"), "name": "ร้าน ก"}],
            "value": {"amount": 4800, "currency": "THB"},
        }
    ]
    assert found["awards"] == [
        {
            "id": "award-1",
            "status": "active",
            "suppliers": [{"id": party("ร้าน ข"), "name": "ร้าน ข"}],
            "value": {"amount": 4900, "currency": "THB"},
        }
    ]


def test_a_cancelled_procurement_says_so_in_every_section() -> None:
    found = release(status="cancelled", contract_kind="purchase_order", contract_number="9/2569")
    assert found["tag"] == ["tender", "award", "contract"]
    assert found["tender"]["status"] == "cancelled"
    assert found["awards"][0]["status"] == "cancelled"
    assert found["contracts"] == [
        {
            "id": "9/2569",
            "awardID": "award-1",
            "title": "จัดซื้อกระดาษ",
            "description": "ใบสั่งซื้อ",
            "value": {"amount": 4800, "currency": "THB"},
            "status": "cancelled",
        }
    ]


def test_a_procurement_without_bids_or_vendor_is_a_tender_only() -> None:
    found = release(bids=[], winner="", winner_price=None, method="unknown_method", method_detail="  ")
    assert found["tag"] == ["tender"]
    assert found["parties"] == [
        {"id": "ocds-test-unit-9", "name": "กองทดสอบที่ 9", "roles": ["buyer", "procuringEntity"]}
    ]
    assert found["tender"] == {
        "id": "ocds-test-unit-9-2026-03-4",
        "title": "จัดซื้อกระดาษ",
        "procuringEntity": {"id": "ocds-test-unit-9", "name": "กองทดสอบที่ 9"},
    }
    assert {"bids", "awards", "contracts"}.isdisjoint(found)


@pytest.mark.parametrize(
    ("status", "contract_status"),
    [("not_signed", "pending"), ("in_contract", "active"), ("completed", "terminated"), ("cancelled", "cancelled")],
)
def test_contract_statuses(status: str, contract_status: str) -> None:
    assert release(status=status, contract_date="2026-03-02")["contracts"][0]["status"] == contract_status


def test_a_package_needs_a_release_and_takes_the_latest_publication() -> None:
    meta = ocds.PackageMeta(
        "https://x.example/p.json", "กรม", "https://x.example/", "https://l.example/", "https://x.example/d/"
    )
    with pytest.raises(ValueError, match="at least one release"):
        ocds.release_package([], prefix=PREFIX, meta=meta)
    later = ocds.PublishedRecord(BUYER, PUBLISHED + dt.timedelta(hours=1), record(sequence=5))
    package = ocds.release_package([ocds.PublishedRecord(BUYER, PUBLISHED, record()), later], prefix=PREFIX, meta=meta)
    assert package["publishedDate"] == "2026-04-10T11:30:15+07:00"
    assert [item["ocid"] for item in package["releases"]] == [
        "ocds-test-unit-9-2026-03-4",
        "ocds-test-unit-9-2026-03-5",
    ]
    assert json.loads(ocds.package_json(package)) == package
    assert "กรม".encode() in ocds.package_json(package)  # Thai as written, not \u-escaped
