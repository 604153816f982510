"""Month summaries written out by hand in the snapshot shape, for the documents' tests (no database needed).

MARCH_SUMMARY is unit A's March 2026 of summary_world as month_summary reads it; FEBRUARY_SUMMARY
its closed month without records; APRIL_OPEN a month not yet closed.
"""

from prongsai.organizations.models import Organization
from prongsai.procurement.snapshot import MonthSummary, RecordData


def unit() -> Organization:
    """Return unit A unsaved: the documents need only its names."""
    return Organization(kind="unit", slug="unit-a", name_th="กองพัสดุ", name_en="Supply Division")


def _row(**fields: object) -> RecordData:
    row: dict[str, object] = {
        "id": 0,
        "month": "2026-03",
        "fiscal_year": 2569,
        "sequence": 1,
        "item": "",
        "budget": "0.00",
        "reference_price": None,
        "method": "specific",
        "method_detail": "",
        "bids": [],
        "winner": "",
        "winner_price": None,
        "reason": "",
        "contract_kind": "",
        "contract_number": "",
        "contract_date": None,
        "egp_number": "",
        "budget_source": "",
        "status": "",
        "plan_line": None,
    }
    row.update(fields)
    return row  # type: ignore[return-value]


MARCH_SUMMARY: MonthSummary = {
    "organization": "unit-a",
    "month": "2026-03",
    "fiscal_year": 2569,
    "closed": True,
    "as_of": "2026-04-05",
    "rows": [
        _row(
            id=1,
            sequence=1,
            item="จัดซื้อวัสดุสำนักงาน",
            budget="95000.00",
            reference_price="95000.00",
            method="specific",
            method_detail="เฉพาะเจาะจง",
            bids=[{"bidder": "บริษัท ก จำกัด", "price": "95000.00"}],
            winner="บริษัท ก จำกัด",
            winner_price="95000.00",
            reason="เป็นผู้มีอาชีพขายโดยตรงและเสนอราคาไม่เกินวงเงิน",
            contract_kind="purchase_order",
            contract_number="15/2569",
            contract_date="2026-03-03",
        ),
        _row(
            id=2,
            sequence=2,
            item="จ้างซ่อมเครื่องปรับอากาศ",
            budget="12500.50",
            reference_price="12000.00",
            method="selection",
            bids=[{"bidder": "ร้าน ข", "price": "11900.25"}, {"bidder": "ร้าน ค", "price": "12100.00"}],
            winner="ร้าน ข",
            winner_price="11900.25",
            reason="ราคาต่ำสุด",
            contract_kind="contract",
            contract_number="4/2569",
            contract_date="2026-03-18",
        ),
        _row(id=3, sequence=3, item="จ้างเหมาทำความสะอาดอาคาร", budget="240000.00", method="e_bidding"),
    ],
    "totals": {"count": 3, "budget": "347500.50", "agreed": "106900.25"},
}

FEBRUARY_SUMMARY: MonthSummary = {
    "organization": "unit-a",
    "month": "2026-02",
    "fiscal_year": 2569,
    "closed": True,
    "as_of": "2026-03-02",
    "rows": [],
    "totals": {"count": 0, "budget": "0.00", "agreed": "0.00"},
}

APRIL_OPEN: MonthSummary = {
    "organization": "unit-a",
    "month": "2026-04",
    "fiscal_year": 2569,
    "closed": False,
    "as_of": None,
    "rows": [
        _row(
            id=4,
            month="2026-04",
            sequence=1,
            item="จัดซื้อหมึกพิมพ์",
            budget="4815.00",
            bids=[{"bidder": "ร้าน ง", "price": None}],
            winner="ร้าน ง",
            winner_price="4815.00",
            contract_date="2026-04-09",  # a date without a number or kind
        )
    ],
    "totals": {"count": 1, "budget": "4815.00", "agreed": "4815.00"},
}
