"""What a procurement record, a bid and a plan line are made of before they are stored, and their checks.

The workspace forms, the workbook import and the demo all build these inputs and run the same
checks, so a record is refused for the same reasons however it arrives. Each problem names the
field and says what is wrong in Thai and in English (the import lists them by row and column).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from prongsai.money import MAX_AMOUNT
from prongsai.problems import InvalidInput, Problem

from .models import ContractKind, Method, RecordStatus

__all__ = [
    "RECORD_COLUMNS",
    "BidInput",
    "InvalidInput",
    "PlanLineInput",
    "Problem",
    "RecordInput",
    "plan_line_problems",
    "record_problems",
]

_EGP_NUMBER = re.compile(r"^\d{1,30}$")


@dataclass(frozen=True)
class BidInput:
    bidder: str
    price: Decimal | None = None


@dataclass(frozen=True)
class RecordInput:
    """A procurement as the สขร.1 form and the ITA table describe it. `month` is the first day of its month."""

    month: dt.date
    sequence: int
    item: str
    budget: Decimal | None
    method: str
    reference_price: Decimal | None = None
    method_detail: str = ""
    bids: tuple[BidInput, ...] = ()
    winner: str = ""
    winner_price: Decimal | None = None
    reason: str = ""
    contract_kind: str = ""
    contract_number: str = ""
    contract_date: dt.date | None = None
    egp_number: str = ""
    budget_source: str = ""
    status: str = ""
    plan_line_id: int | None = None


# The fields of a RecordInput a ProcurementRecord stores under the same names (bids and the plan
# line are stored apart), in the form's order.
RECORD_COLUMNS = (
    "month",
    "sequence",
    "item",
    "budget",
    "reference_price",
    "method",
    "method_detail",
    "winner",
    "winner_price",
    "reason",
    "contract_kind",
    "contract_number",
    "contract_date",
    "egp_number",
    "budget_source",
    "status",
)


@dataclass(frozen=True)
class PlanLineInput:
    name: str
    budget: Decimal | None
    method: str
    expected_month: dt.date
    budget_source: str = ""
    note: str = ""


def _amount_problems(name: str, value: Decimal | None, *, required: bool, th: str, en: str) -> list[Problem]:
    if value is None:
        return [Problem(name, f"ต้องระบุ{th}", f"The {en} is required.")] if required else []
    if value < 0:
        return [Problem(name, f"{th}ต้องไม่ติดลบ", f"The {en} cannot be negative.")]
    if value > MAX_AMOUNT:
        return [Problem(name, f"{th}สูงเกินกว่าที่ระบบรับได้", f"The {en} is larger than the system accepts.")]
    return []


def _length_problem(name: str, value: str, limit: int, th: str, en: str) -> list[Problem]:
    if len(value) > limit:
        return [Problem(name, f"{th}ยาวเกิน {limit} ตัวอักษร", f"The {en} is longer than {limit} characters.")]
    return []


def record_problems(data: RecordInput, *, today: dt.date) -> list[Problem]:
    """Return every problem of a procurement record (an empty list: it may be stored)."""
    problems: list[Problem] = []
    if data.month.day != 1:
        problems.append(Problem("month", "เดือนต้องเป็นวันที่ 1 ของเดือน", "The month must be its first day."))
    if (data.month.year, data.month.month) > (today.year, today.month):
        problems.append(Problem("month", "เดือนต้องไม่อยู่ในอนาคต", "The month cannot be in the future."))
    if data.sequence < 1:
        problems.append(Problem("sequence", "ลำดับต้องเป็นเลขตั้งแต่ 1 ขึ้นไป", "The row number must be 1 or more."))
    if not data.item.strip():
        problems.append(Problem("item", "ต้องระบุงานที่จัดซื้อจัดจ้าง", "The item procured is required."))
    problems += _length_problem("item", data.item, 2000, "งานที่จัดซื้อจัดจ้าง", "item procured")
    problems += _amount_problems("budget", data.budget, required=True, th="วงเงินที่จะซื้อหรือจ้าง", en="budget")
    problems += _amount_problems(
        "reference_price", data.reference_price, required=False, th="ราคากลาง", en="reference price"
    )
    if data.method not in Method.values:
        problems.append(Problem("method", "วิธีซื้อหรือจ้างไม่ถูกต้อง", "The procurement method is not one we know."))
    for position, bid in enumerate(data.bids, start=1):
        if not bid.bidder.strip():
            problems.append(Problem("bids", f"ผู้เสนอราคารายที่ {position} ไม่มีชื่อ", f"Bidder {position} has no name."))
        problems += _length_problem("bids", bid.bidder, 500, "ชื่อผู้เสนอราคา", "bidder's name")
        problems += _amount_problems("bids", bid.price, required=False, th="ราคาที่เสนอ", en="price offered")
    cancelled = data.status == RecordStatus.CANCELLED
    if not data.winner.strip() and not cancelled:
        problems.append(
            Problem("winner", "ต้องระบุผู้ได้รับการคัดเลือก", "The selected vendor is required (unless cancelled).")
        )
    if data.winner.strip() and data.winner_price is None:
        problems.append(Problem("winner_price", "ต้องระบุราคาที่ตกลงซื้อหรือจ้าง", "The agreed price is required."))
    problems += _amount_problems("winner_price", data.winner_price, required=False, th="ราคาที่ตกลง", en="agreed price")
    problems += _length_problem("winner", data.winner, 500, "ชื่อผู้ได้รับการคัดเลือก", "selected vendor")
    problems += _length_problem("reason", data.reason, 1000, "เหตุผลที่คัดเลือก", "reason")
    problems += _length_problem("contract_number", data.contract_number, 100, "เลขที่สัญญา", "contract number")
    if data.contract_kind not in ContractKind.values:
        problems.append(Problem("contract_kind", "ประเภทสัญญาไม่ถูกต้อง", "The kind of contract is not one we know."))
    if data.contract_date is not None and data.contract_date > today:
        problems.append(
            Problem("contract_date", "วันที่ของสัญญาต้องไม่อยู่ในอนาคต", "The contract date cannot be in the future.")
        )
    if data.egp_number and not _EGP_NUMBER.match(data.egp_number):
        problems.append(
            Problem("egp_number", "เลขที่โครงการ e-GP ต้องเป็นตัวเลข", "The e-GP project number must be digits.")
        )
    problems += _length_problem("budget_source", data.budget_source, 200, "แหล่งที่มาของงบประมาณ", "source of funds")
    if data.status not in RecordStatus.values:
        problems.append(Problem("status", "สถานะไม่ถูกต้อง", "The status is not one we know."))
    return problems


def plan_line_problems(data: PlanLineInput, *, fiscal_year_months: list[dt.date]) -> list[Problem]:
    """Return every problem of a procurement plan line; its month must fall in the plan's fiscal year."""
    problems: list[Problem] = []
    if not data.name.strip():
        problems.append(Problem("name", "ต้องระบุรายการที่จะจัดซื้อจัดจ้าง", "The item to procure is required."))
    problems += _length_problem("name", data.name, 1000, "รายการ", "item")
    problems += _amount_problems("budget", data.budget, required=True, th="วงเงินงบประมาณ", en="planned budget")
    if data.method not in Method.values:
        problems.append(Problem("method", "วิธีซื้อหรือจ้างไม่ถูกต้อง", "The procurement method is not one we know."))
    if data.expected_month not in fiscal_year_months:
        problems.append(
            Problem(
                "expected_month",
                "เดือนที่คาดว่าจะจัดซื้อต้องอยู่ในปีงบประมาณของแผน",
                "The expected month must fall in the plan's fiscal year.",
            )
        )
    return problems
