"""The test world of procurement records: the register's world (tests/register/conftest.py) and record helpers.

People used here: `editor_a` edits unit A (slug "unit-a"); `editor_b` edits unit B; `reviewer1_a` and
`supervisor_a` see unit A without editing it; `executive` sees every unit from the department;
`outsider` has no role. Moments are Bangkok times: NOW is Monday 16 March 2026, 10:00, in fiscal
year 2569 (1 October 2025 - 30 September 2026).

Import the fixtures into a test module with `from tests.procurement.records_world import _english, shared_world, world`
and name them once (`FIXTURES = (_english, shared_world, world)`), so the import counts as used.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from prongsai.procurement.inputs import BidInput, PlanLineInput, RecordInput
from tests.register.conftest import (
    BANGKOK,
    NOW,
    World,
    _english,
    actions_after,
    events_after,
    last_sequence,
    shared_world,
    world,
)

__all__ = [
    "BANGKOK",
    "NOW",
    "World",
    "_english",
    "actions_after",
    "at",
    "events_after",
    "last_sequence",
    "line_input",
    "record_input",
    "shared_world",
    "world",
]


def at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    """Return a Bangkok moment."""
    return dt.datetime(year, month, day, hour, 0, tzinfo=BANGKOK)


def record_input(**changes: Any) -> RecordInput:
    """Return a complete, valid record of March 2026 (row 1, two bids), with `changes` applied."""
    values: dict[str, Any] = {
        "month": dt.date(2026, 3, 1),
        "sequence": 1,
        "item": "จัดซื้อวัสดุสำนักงาน",
        "budget": Decimal("100000.00"),
        "method": "specific",
        "reference_price": Decimal("98000.00"),
        "method_detail": "เฉพาะเจาะจง",
        "bids": (
            BidInput("บริษัท ก จำกัด", Decimal("95000.00")),
            BidInput("ห้างหุ้นส่วนจำกัด ข", Decimal("97500.50")),
        ),
        "winner": "บริษัท ก จำกัด",
        "winner_price": Decimal("95000.00"),
        "reason": "เสนอราคาต่ำสุด",
        "contract_kind": "purchase_order",
        "contract_number": "15/2569",
        "contract_date": dt.date(2026, 3, 3),
        "egp_number": "69039000123",
        "budget_source": "งบดำเนินงาน",
        "status": "completed",
    }
    values.update(changes)
    return RecordInput(**values)


def line_input(**changes: Any) -> PlanLineInput:
    """Return a valid plan line of fiscal year 2569 (expected in March 2026), with `changes` applied."""
    values: dict[str, Any] = {
        "name": "จัดซื้อวัสดุสำนักงาน",
        "budget": Decimal("120000.00"),
        "method": "specific",
        "expected_month": dt.date(2026, 3, 1),
        "budget_source": "งบดำเนินงาน",
        "note": "",
    }
    values.update(changes)
    return PlanLineInput(**values)
