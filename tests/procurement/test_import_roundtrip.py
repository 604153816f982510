"""The monthly summary we print as XLSX is a สขร.1 workbook like any: importing it gives back the same records."""

import datetime as dt
from typing import Any

from prongsai.procurement.documents import summary_xlsx
from prongsai.procurement.importing import procurement_import
from prongsai.procurement.selectors import month_summary
from prongsai.procurement.snapshot import MonthSummary
from tests.procurement.import_world import NOW, ImportWorld, import_world, shared_import_world
from tests.procurement.summary_samples import MARCH_SUMMARY

FIXTURES = (import_world, shared_import_world)
COMPARED = (
    "sequence",
    "item",
    "budget",
    "reference_price",
    "method",
    "bids",
    "winner",
    "winner_price",
    "reason",
    "contract_kind",
    "contract_number",
    "contract_date",
)


def _compared(summary: MonthSummary) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [dict(row) for row in summary["rows"]]
    return [{key: row[key] for key in COMPARED} for row in rows]


def test_a_printed_month_imports_back_as_the_same_records(import_world: ImportWorld) -> None:
    # Rows 1 and 2 of the sample March: every column filled (row 3 names no vendor, which an import refuses).
    printed: MonthSummary = {
        **MARCH_SUMMARY,
        "rows": MARCH_SUMMARY["rows"][:2],
        "totals": {"count": 2, "budget": "107500.50", "agreed": "106900.25"},
    }
    content = summary_xlsx(printed, organization=import_world.unit_a)

    result = procurement_import(
        actor=import_world.person("editor_a"), organization=import_world.unit_a, content=content,
        filename="march.xlsx", now=NOW,
    )  # fmt: skip

    assert (result.rows, result.created, result.updated, result.unchanged) == (2, 2, 0, 0)
    stored = month_summary(organization=import_world.unit_a, month=dt.date(2026, 3, 1))
    assert _compared(stored) == _compared(printed)
    assert [row["method_detail"] for row in stored["rows"]] == ["เฉพาะเจาะจง", "คัดเลือก"]
