"""A dataset's downloads as the catalogue lists them (pure)."""

import dataclasses
import datetime as dt

from prongsai.opendata.entities import DatasetEntry, Publisher
from prongsai.opendata.kinds import LICENSES, DatasetKind, Scope

MOMENT = dt.datetime(2026, 4, 11, 1, 0, tzinfo=dt.UTC)
DEPARTMENT = Publisher(
    pk=1, id="id", name="ops", slug="ops", title_th="สำนักงานปลัด", title_en="OPS", is_department=True, created=MOMENT
)
RECORDS = DatasetEntry(
    id="id",
    name="ops-procurement-records",
    kind=DatasetKind.PROCUREMENT_RECORDS,
    scope=Scope.DEPARTMENT,
    publisher=DEPARTMENT,
    title_th="ผลการจัดซื้อจัดจ้าง",
    title_en="Procurement results",
    notes_th="",
    notes_en="",
    created=MOMENT,
    modified=MOMENT,
    license=LICENSES["CC-BY-4.0"],
    rows=3,
    months=("2025-11", "2026-01"),
)


def test_procurement_records_download_as_tables_and_as_ocds_all_and_by_month() -> None:
    assert [(item.id, item.format, item.path) for item in RECORDS.distributions()] == [
        ("ops-procurement-records-csv", "CSV", "/opendata/datasets/ops-procurement-records.csv"),
        ("ops-procurement-records-json", "JSON", "/opendata/datasets/ops-procurement-records.json"),
        ("ops-procurement-records-xlsx", "XLSX", "/opendata/datasets/ops-procurement-records.xlsx"),
        ("ops-procurement-records-ocds", "OCDS", "/opendata/ocds/ops.json"),
        ("ops-procurement-records-ocds-2025-11", "OCDS", "/opendata/ocds/ops/2025-11.json"),
        ("ops-procurement-records-ocds-2026-01", "OCDS", "/opendata/ocds/ops/2026-01.json"),
    ]


def test_more_records_than_one_package_holds_are_offered_by_month_only() -> None:
    national = dataclasses.replace(RECORDS, rows=20_001)
    assert "ops-procurement-records-ocds" not in [item.id for item in national.distributions()]
    assert national.distribution("ops-procurement-records-ocds-2026-01") is not None
    assert dataclasses.replace(RECORDS, rows=20_000).distribution("ops-procurement-records-ocds") is not None
