"""Procurement records as OCDS 1.1.5 release packages with the bids extension. Pure: no Django.

Each published procurement record (one row of a unit's สขร.1, in the shape of
prongsai/procurement/snapshot.py `RecordData`) becomes one release. What the form says, and where it goes:

- The contracting process is the record's own key, the unit's (month, ลำดับ): `ocid` is
  `<prefix>-<unit slug>-<YYYY-MM>-<sequence>`, so it never changes while the record is corrected.
  The release `id` is the ocid and a short hash of the rest of the release: a corrected record, or
  the same record published again by a later version, is a new release of the same process.
- `date` is when the version that published the record was published (Bangkok time); `language` is
  "th" (the names and texts are the Thai the unit wrote); `initiationType` is "tender", the only code.
- `tag` names the sections the release carries: "tender" always, "award" when a vendor, an agreed
  price or a contract is recorded, "contract" when a contract (or order) number or date is known.
  "planning" is not used although the budget is given: the process is past planning. A cancelled
  procurement keeps its tags; the statuses say it was cancelled.
- Parties: the unit is the buyer and procuring entity (id `<prefix>-<unit slug>`, Thai name).
  Each bidder is a tenderer, and the selected vendor also a supplier. The form gives names only
  and no tax (or other registration) identifiers are known, so a party's id is derived from its
  name: `<prefix>-party-` and the first 12 hex digits of the SHA-256 of the name folded
  (prongsai.thaitext.fold: Thai normalised, ASCII digits, lower case, spaces collapsed). The same
  written name gives the same id in every release; two spellings of one company ("บริษัท ก จำกัด",
  "บจก. ก") stay two parties, since nothing on the form says they are one. No identifier,
  address or contact point is published.
- `planning.budget.amount` is the budget (วงเงินที่จะซื้อหรือจ้าง), its `description` the source of
  funds when the form names one.
- `tender`: `id` the e-GP project number when the form has one (it finds the process in the
  national e-GP system), else the ocid; `title` the item; `value` the reference price (ราคากลาง)
  when there is one; `procurementMethod` from the method (below) and `procurementMethodDetails`
  the method as the unit wrote it, or the method's Thai name when it wrote none; the tenderers and
  their number (distinct parties, so two bids by one company count once); `status` "complete"
  once a vendor is selected, "cancelled" for a cancelled procurement, absent otherwise.
- Methods, onto OCDS's closed method codelist (open, selective, limited, direct): e-bidding,
  e-market, price inquiry (สอบราคา) and bidding (ประกวดราคา) are announced to every supplier:
  "open". Selection (คัดเลือก) invites qualified suppliers: "selective". Specific (เฉพาะเจาะจง),
  price agreement (ตกลงราคา) and the special method (วิธีพิเศษ) let the unit choose whom to ask:
  "limited". The special case (กรณีพิเศษ) buys from a state agency named by law without
  competition: "direct". An unknown method leaves `procurementMethod` out.
- Bids extension: `bids.details[]` one per bid the form lists, in its order (`id` "bid-<n>"), with
  its tenderer and offered price. The winning bid is the selected vendor's bid at the agreed price
  (else its first); its `status` is "valid". The form does not say whether the other bids were
  valid, disqualified or withdrawn, so their status is left out. `bids.statistics` counts the
  bids ("bids") and the distinct bidders ("bidders").
- `awards[]` (one, id "award-1"): `status` "active" ("cancelled" for a cancelled procurement),
  the selected vendor as supplier, `value` the agreed price, `description` the reason for the
  selection, `date` the contract date, and `relatedBid` the winning bid.
- `contracts[]` (one): `id` the contract or order number, "contract-1" when there is none; `awardID`
  "award-1"; `title` the item; `description` the kind of document (สัญญา, ใบสั่งซื้อ, ใบสั่งจ้าง,
  ข้อตกลง); `value` the agreed price; `dateSigned` the contract date; `status` from the record's
  status: not yet signed "pending", within the contract period "active", completed "terminated"
  (the codelist's word for a contract that has come to a close), cancelled "cancelled".
- Dates without a time (the contract date) are given as midnight in Bangkok (UTC+07:00, which has
  no daylight saving), since OCDS dates are date-times.
- Amounts: OCDS's `amount` is a JSON number, while the project keeps baht as exact Decimal strings
  ("30000.50"). A whole amount becomes an int (440000); any other becomes the float whose shortest
  representation reads back as the same Decimal (30000.50 → 30000.5), so the JSON text is the
  exact amount. Every amount the project stores has at most 15 significant digits (13 baht digits
  and 2 satang), which a float always carries exactly in this sense; an amount that would not is
  refused with ValueError rather than rounded. The currency is always "THB".

Not known, so not published: tax or registration ids of the vendors, a breakdown into items
(quantities, units, classifications), documents (announcements, contracts as files), tender and
contract periods, and amendments. The plan line a record belongs to is not carried either: the
procurement plan is a dataset of its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from prongsai.procurement.snapshot import RecordData
from prongsai.thaitext import fold

__all__ = [
    "BID_EXTENSION_URL",
    "OCDS_VERSION",
    "Buyer",
    "PackageMeta",
    "PublishedRecord",
    "buyer_id",
    "is_month",
    "json_amount",
    "ocid",
    "package_json",
    "party_id",
    "release",
    "release_package",
]

OCDS_VERSION = "1.1"
BID_EXTENSION_URL = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json"
)
CURRENCY = "THB"
BANGKOK = dt.timezone(dt.timedelta(hours=7))

# Method value (prongsai.procurement.models.Method) → (OCDS method code, the method's Thai name).
METHODS: dict[str, tuple[str, str]] = {
    "specific": ("limited", "เฉพาะเจาะจง"),
    "selection": ("selective", "คัดเลือก"),
    "e_bidding": ("open", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"),
    "e_market": ("open", "ตลาดอิเล็กทรอนิกส์ (e-market)"),
    "price_agreement": ("limited", "ตกลงราคา"),
    "price_inquiry": ("open", "สอบราคา"),
    "bidding": ("open", "ประกวดราคา"),
    "special": ("limited", "วิธีพิเศษ"),
    "special_case": ("direct", "กรณีพิเศษ"),
}
# ContractKind value → the document's Thai name.
CONTRACT_KINDS: dict[str, str] = {
    "contract": "สัญญา",
    "purchase_order": "ใบสั่งซื้อ",
    "work_order": "ใบสั่งจ้าง",
    "agreement": "ข้อตกลง",
}
# RecordStatus value → contract status code.
CONTRACT_STATUSES: dict[str, str] = {
    "not_signed": "pending",
    "in_contract": "active",
    "completed": "terminated",
    "cancelled": "cancelled",
}
_CANCELLED = "cancelled"
_AWARD_ID = "award-1"
_AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_MONTH = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])")


@dataclass(frozen=True)
class Buyer:
    """The unit whose procurement a record is."""

    slug: str
    name: str  # Thai, authoritative


@dataclass(frozen=True)
class PublishedRecord:
    """A procurement record as an approved version published it."""

    buyer: Buyer
    published_at: dt.datetime  # aware
    record: RecordData


@dataclass(frozen=True)
class PackageMeta:
    """What a release package says of itself: its address, its publisher, its licence and policy."""

    uri: str
    publisher_name: str
    publisher_uri: str
    license_url: str
    publication_policy_url: str


def is_month(text: str) -> bool:
    """Return whether text is a month as addresses write it: "2026-03" (CE, ASCII digits)."""
    return _MONTH.fullmatch(text) is not None


def ocid(prefix: str, buyer_slug: str, month: str, sequence: int) -> str:
    """Return the open contracting id of a unit's procurement: its month and ลำดับ on the form."""
    return f"{prefix}-{buyer_slug}-{month}-{sequence}"


def buyer_id(prefix: str, buyer_slug: str) -> str:
    """Return the party id of a unit."""
    return f"{prefix}-{buyer_slug}"


def party_id(prefix: str, name: str) -> str:
    """Return the party id of a bidder or vendor, derived from its folded name (no tax id is known)."""
    return f"{prefix}-party-{hashlib.sha256(fold(name).encode()).hexdigest()[:12]}"


def json_amount(text: str) -> int | float:
    """Return an exact Decimal amount ("30000.50") as a JSON number: an int when whole, else an exact float.

    Raises ValueError for text that is not an amount as snapshots write it (ASCII digits, an
    optional sign and decimals), or whose float would not read back as the same Decimal (more
    significant digits than a float carries).
    """
    if _AMOUNT.fullmatch(text) is None:
        raise ValueError(f"not an amount: {text!r}")
    value = Decimal(text)
    if value == value.to_integral_value():
        return int(value)
    number = float(value)
    if Decimal(repr(number)) != value:
        raise ValueError(f"{text!r} has more significant digits than a JSON number carries exactly")
    return number


def _value(text: str | None) -> dict[str, Any] | None:
    return None if text is None else {"amount": json_amount(text), "currency": CURRENCY}


def _date_time(iso_date: str | None) -> str | None:
    """Return a date as the date-time OCDS wants: midnight in Bangkok."""
    if iso_date is None:
        return None
    return dt.datetime.combine(dt.date.fromisoformat(iso_date), dt.time(), BANGKOK).isoformat()


def _published(moment: dt.datetime) -> str:
    return moment.astimezone(BANGKOK).isoformat(timespec="seconds")


def _reference(party: dict[str, Any]) -> dict[str, Any]:
    return {"id": party["id"], "name": party["name"]}


def _content_hash(content: dict[str, Any]) -> str:
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def release(item: PublishedRecord, *, prefix: str) -> dict[str, Any]:
    """Return the OCDS release of one published procurement record (the mapping of the module's docstring)."""
    record = item.record
    cancelled = record["status"] == _CANCELLED
    the_ocid = ocid(prefix, item.buyer.slug, record["month"], record["sequence"])
    buyer = {"id": buyer_id(prefix, item.buyer.slug), "name": item.buyer.name, "roles": ["buyer", "procuringEntity"]}

    # Bidders in the form's order, one party per folded name; the selected vendor joins them.
    parties: dict[str, dict[str, Any]] = {}
    bid_parties: list[dict[str, Any]] = []
    for bid in record["bids"]:
        key = fold(bid["bidder"])
        party = parties.setdefault(key, {"id": party_id(prefix, bid["bidder"]), "name": bid["bidder"].strip()})
        party.setdefault("roles", ["tenderer"])
        bid_parties.append(party)
    winner_name = record["winner"].strip()
    supplier: dict[str, Any] | None = None
    if winner_name:
        supplier = parties.setdefault(fold(winner_name), {"id": party_id(prefix, winner_name), "name": winner_name})
        supplier["roles"] = [*supplier.get("roles", []), "supplier"]

    winning = _winning_bid(record, bid_parties, supplier)
    method = METHODS.get(record["method"])
    tender: dict[str, Any] = {
        "id": record["egp_number"].strip() or the_ocid,
        "title": record["item"],
        "procuringEntity": _reference(buyer),
    }
    if (reference_price := _value(record["reference_price"])) is not None:
        tender["value"] = reference_price
    if method is not None:
        tender["procurementMethod"] = method[0]
    details = record["method_detail"].strip() or (method[1] if method is not None else "")
    if details:
        tender["procurementMethodDetails"] = details
    if bid_parties:
        tenderers = list({party["id"]: _reference(party) for party in bid_parties}.values())
        tender["numberOfTenderers"] = len(tenderers)
        tender["tenderers"] = tenderers
    has_contract = bool(record["contract_number"].strip() or record["contract_date"])
    has_award = bool(supplier is not None or record["winner_price"] is not None or has_contract)
    if cancelled:
        tender["status"] = "cancelled"
    elif supplier is not None:
        tender["status"] = "complete"

    content: dict[str, Any] = {
        "ocid": the_ocid,
        "date": _published(item.published_at),
        "tag": ["tender", *(["award"] if has_award else []), *(["contract"] if has_contract else [])],
        "initiationType": "tender",
        "language": "th",
        "parties": [buyer, *parties.values()],
        "buyer": _reference(buyer),
        "planning": {"budget": _budget(record)},
        "tender": tender,
    }
    if bid_parties:
        content["bids"] = _bids(record, bid_parties, winning)
    if has_award:
        content["awards"] = [_award(record, supplier, winning, cancelled)]
    if has_contract:
        content["contracts"] = [_contract(record)]
    return {"ocid": the_ocid, "id": f"{the_ocid}-{_content_hash(content)}", **content}


def _budget(record: RecordData) -> dict[str, Any]:
    budget: dict[str, Any] = {"amount": _value(record["budget"])}
    if record["budget_source"].strip():
        budget["description"] = record["budget_source"].strip()
    return budget


def _winning_bid(record: RecordData, bid_parties: list[dict[str, Any]], supplier: dict[str, Any] | None) -> int | None:
    """Return the position of the selected vendor's bid: its bid at the agreed price, else its first; None for none."""
    mine = [position for position, party in enumerate(bid_parties, start=1) if party is supplier]
    agreed = record["winner_price"]
    at_price = [
        position
        for position in mine
        if agreed is not None
        and (offered := record["bids"][position - 1]["price"]) is not None
        and json_amount(offered) == json_amount(agreed)
    ]
    found = at_price or mine
    return found[0] if found else None


def _bids(record: RecordData, bid_parties: list[dict[str, Any]], winning: int | None) -> dict[str, Any]:
    details = []
    for position, (bid, party) in enumerate(zip(record["bids"], bid_parties, strict=True), start=1):
        detail: dict[str, Any] = {"id": f"bid-{position}", "tenderers": [_reference(party)]}
        if (price := _value(bid["price"])) is not None:
            detail["value"] = price
        if position == winning:
            detail["status"] = "valid"
        details.append(detail)
    distinct = len({party["id"] for party in bid_parties})
    return {
        "statistics": [
            {"id": "bids", "measure": "bids", "value": len(details)},
            {"id": "bidders", "measure": "bidders", "value": distinct},
        ],
        "details": details,
    }


def _award(record: RecordData, supplier: dict[str, Any] | None, winning: int | None, cancelled: bool) -> dict[str, Any]:
    award: dict[str, Any] = {"id": _AWARD_ID, "status": "cancelled" if cancelled else "active"}
    if supplier is not None:
        award["suppliers"] = [_reference(supplier)]
    if (price := _value(record["winner_price"])) is not None:
        award["value"] = price
    if record["reason"].strip():
        award["description"] = record["reason"].strip()
    if (signed := _date_time(record["contract_date"])) is not None:
        award["date"] = signed
    if winning is not None:
        award["relatedBid"] = f"bid-{winning}"
    return award


def _contract(record: RecordData) -> dict[str, Any]:
    contract: dict[str, Any] = {
        "id": record["contract_number"].strip() or "contract-1",
        "awardID": _AWARD_ID,
        "title": record["item"],
    }
    if kind := CONTRACT_KINDS.get(record["contract_kind"]):
        contract["description"] = kind
    if (price := _value(record["winner_price"])) is not None:
        contract["value"] = price
    if (signed := _date_time(record["contract_date"])) is not None:
        contract["dateSigned"] = signed
    if status := CONTRACT_STATUSES.get(record["status"]):
        contract["status"] = status
    return contract


def release_package(records: Sequence[PublishedRecord], *, prefix: str, meta: PackageMeta) -> dict[str, Any]:
    """Return the release package of some published records, in the order given.

    `publishedDate` is the latest publication among them (the package is made on demand, and OCDS
    asks for the time its contents last changed). Raises ValueError for no records: a package
    holds at least one release.
    """
    if not records:
        raise ValueError("a release package holds at least one release")
    return {
        "uri": meta.uri,
        "version": OCDS_VERSION,
        "extensions": [BID_EXTENSION_URL],
        "publishedDate": _published(max(item.published_at for item in records)),
        "publisher": {"name": meta.publisher_name, "uri": meta.publisher_uri},
        "license": meta.license_url,
        "publicationPolicy": meta.publication_policy_url,
        "releases": [release(item, prefix=prefix) for item in records],
    }


def package_json(package: dict[str, Any]) -> bytes:
    """Return a package as UTF-8 JSON (Thai as written, not escaped; amounts as built by `json_amount`)."""
    return json.dumps(package, ensure_ascii=False, indent=1).encode()
