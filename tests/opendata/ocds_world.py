"""More procurement for the OCDS tests, on top of the open-data world (tests/opendata/world.py).

unit-1 (กองทดสอบที่ 1), which has published nothing in the shared world, publishes one record of
January 2026 (FY 2569) through the register as of 10 April 2026, so the department's packages
hold two units' records:
  2026-01 #1 จ้างทำความสะอาด  budget 120000.00, reference price 118000.00, selection (คัดเลือก) with no
             method written, three bids: บริษัท ง จำกัด 115000.00, บริษัท จ จำกัด 117500.25, บริษัท ฉ จำกัด
             (no price); บริษัท ง จำกัด selected at 115000.00 ("ราคาต่ำสุด"); a contract (สัญญา) dated
             2026-01-30 with no number yet; not yet signed; no source of funds, no e-GP number.
The editor and reviewer2 of unit-0 are given the same roles at unit-1 to publish it.

`add_record` writes a record straight into a unit's procurement (not published until
`publish_records` runs again).
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from prongsai.organizations.models import Organization
from prongsai.organizations.services import role_assign
from prongsai.procurement.models import Bid, ProcurementRecord

from ..publish.conftest import publish_records
from ..publish.world import AS_OF, RECORDED
from .world import OpendataWorld


def add_record(
    unit: Organization, month: dt.date, sequence: int, bids: list[tuple[str, str | None]], **fields: Any
) -> ProcurementRecord:
    """Create a record of FY 2569 (specific method unless said) with its bids in the order given."""
    values: dict[str, Any] = {
        "organization": unit,
        "fiscal_year": 2569,
        "month": month,
        "sequence": sequence,
        "method": "specific",
        "created_at": RECORDED,
        "updated_at": RECORDED,
    }
    values.update(fields)
    record = ProcurementRecord.objects.create(**values)
    for position, (bidder, price) in enumerate(bids, start=1):
        Bid.objects.create(
            record=record, position=position, bidder=bidder, price=Decimal(price) if price is not None else None
        )
    return record


def publish_second_unit(world: OpendataWorld) -> ProcurementRecord:
    """Give unit-1 the record of the module's docstring and publish it; return the record."""
    unit = world.quiet
    role_assign(actor=None, role="editor", organization=unit, user=world.dept.people["editor"])
    role_assign(actor=None, role="reviewer_2", organization=unit, user=world.dept.people["reviewer2"])
    record = add_record(
        unit, dt.date(2026, 1, 1), 1,
        [("บริษัท ง จำกัด", "115000.00"), ("บริษัท จ จำกัด", "117500.25"), ("บริษัท ฉ จำกัด", None)],
        item="จ้างทำความสะอาด", budget=Decimal("120000.00"), reference_price=Decimal("118000.00"),
        method="selection", winner="บริษัท ง จำกัด", winner_price=Decimal("115000.00"), reason="ราคาต่ำสุด",
        contract_kind="contract", contract_date=dt.date(2026, 1, 30), status="not_signed",
    )  # fmt: skip
    publish_records(world.dept, unit, "5.1.7.2", as_of=AS_OF)
    return record
