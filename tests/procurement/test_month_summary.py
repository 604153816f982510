"""A month's summary (สขร.1) read from its records: the snapshot shape, the totals, the closing, three queries."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from prongsai.organizations.models import Organization
from prongsai.procurement.models import Bid, ProcurementMonth, ProcurementRecord
from prongsai.procurement.selectors import month_summary

NOW = dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC)
MARCH = dt.date(2026, 3, 1)


@pytest.fixture
def unit(db: None) -> Organization:
    department = Organization.objects.create(kind="department", slug="dept", name_th="กรม", name_en="Department")
    return Organization.objects.create(kind="unit", parent=department, slug="unit-a", name_th="กอง ก", name_en="A")


def _record(unit: Organization, sequence: int, **fields: Any) -> ProcurementRecord:
    values: dict[str, Any] = {
        "organization": unit,
        "fiscal_year": 2569,
        "month": MARCH,
        "sequence": sequence,
        "item": f"งานที่ {sequence}",
        "budget": Decimal("1000.00"),
        "method": "specific",
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(fields)
    return ProcurementRecord.objects.create(**values)


def test_month_summary_lists_rows_in_form_order_with_bids_and_totals(
    unit: Organization, django_assert_num_queries: Any
) -> None:
    second = _record(
        unit,
        2,
        item="จ้างซ่อมเครื่องปรับอากาศ",
        budget=Decimal("12500.50"),
        reference_price=Decimal("12000.00"),
        winner="ร้าน ข",
        winner_price=Decimal("11900.25"),
        contract_kind="work_order",
        contract_number="7/2569",
        contract_date=dt.date(2026, 3, 18),
        egp_number="69037123456",
    )
    Bid.objects.create(record=second, position=2, bidder="ร้าน ค", price=Decimal("12100.00"))
    Bid.objects.create(record=second, position=1, bidder="ร้าน ข", price=Decimal("11900.25"))
    _record(unit, 1, status="cancelled")
    _record(unit, 1, month=dt.date(2026, 4, 1), fiscal_year=2569)  # another month: not listed

    with django_assert_num_queries(3):
        summary = month_summary(organization=unit, month=MARCH)

    assert [row["sequence"] for row in summary["rows"]] == [1, 2]
    assert summary["rows"][1] == {
        "id": second.pk,
        "month": "2026-03",
        "fiscal_year": 2569,
        "sequence": 2,
        "item": "จ้างซ่อมเครื่องปรับอากาศ",
        "budget": "12500.50",
        "reference_price": "12000.00",
        "method": "specific",
        "method_detail": "",
        "bids": [{"bidder": "ร้าน ข", "price": "11900.25"}, {"bidder": "ร้าน ค", "price": "12100.00"}],
        "winner": "ร้าน ข",
        "winner_price": "11900.25",
        "reason": "",
        "contract_kind": "work_order",
        "contract_number": "7/2569",
        "contract_date": "2026-03-18",
        "egp_number": "69037123456",
        "budget_source": "",
        "status": "",
        "plan_line": None,
    }
    assert summary["totals"] == {"count": 2, "budget": "13500.50", "agreed": "11900.25"}
    assert (summary["closed"], summary["as_of"], summary["fiscal_year"]) == (False, None, 2569)


def test_a_closed_month_without_records_is_a_dated_declaration(unit: Organization) -> None:
    person = get_user_model().objects.create_user("editor")
    ProcurementMonth.objects.create(
        organization=unit, month=MARCH, fiscal_year=2569, as_of=dt.date(2026, 4, 1), closed_by=person, closed_at=NOW
    )

    summary = month_summary(organization=unit, month=MARCH)

    assert summary == {
        "organization": "unit-a",
        "month": "2026-03",
        "fiscal_year": 2569,
        "closed": True,
        "as_of": "2026-04-01",
        "rows": [],
        "totals": {"count": 0, "budget": "0.00", "agreed": "0.00"},
    }
