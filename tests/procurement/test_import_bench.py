"""The import bench's workbook stays readable: a small one, generated the same way, reads without a problem."""

import datetime as dt
from collections import Counter
from pathlib import Path

from bench.procurement_import.generate import MONTHS, generate
from prongsai.procurement.workbook import read_workbook


def test_the_generated_workbook_reads_whole(tmp_path: Path) -> None:
    path = tmp_path / "bench.xlsx"
    generate(path, rows=30, seed=7)
    read = read_workbook(path.read_bytes(), today=dt.date(2026, 10, 15))
    assert read.problems == []
    assert (read.kind, read.rows) == ("summary_form", 30)
    # 30 rows over twelve months: the first six months take three, the others two, numbered from 1 in each.
    assert Counter(record.data.month for record in read.records) == {
        month: 3 if index < 6 else 2 for index, month in enumerate(MONTHS)
    }
    assert [record.data.sequence for record in read.records[:5]] == [1, 2, 3, 1, 2]
    assert all(record.data.bids and record.data.winner_price is not None for record in read.records)
    assert {record.data.method for record in read.records} <= {"specific", "selection", "e_bidding", "e_market"}
