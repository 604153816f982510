"""`manage.py procurement summary`: the month's สขร.1 written to a file; bad input refused in Thai and English."""

import io
from pathlib import Path
from typing import Any

import openpyxl
import pymupdf
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prongsai.procurement.documents import summary_xlsx
from tests.procurement.summary_samples import MARCH_SUMMARY, unit
from tests.procurement.summary_world import World, needs_chromium, world

FIXTURES = (world,)


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("procurement", "summary", *args, stdout=out)
    return out.getvalue()


def test_writes_the_months_xlsx_and_says_what_it_wrote(world: World, tmp_path: Path) -> None:
    target = tmp_path / "march.xlsx"
    said = _run("--unit", "unit-a", "--month", "2026-03", "--format", "xlsx", "--out", str(target))

    content = target.read_bytes()
    assert said == (
        f"wrote {target}: สขร.1 of unit-a 2026-03 (xlsx, th), 3 rows, closed as of 2026-04-05, {len(content)} bytes\n"
    )
    assert content == summary_xlsx(MARCH_SUMMARY, organization=unit())


def test_a_buddhist_era_month_in_english(world: World, tmp_path: Path) -> None:
    target = tmp_path / "april.xlsx"
    said = _run("--unit", "unit-a", "--month", "2569-04", "--format", "xlsx", "--out", str(target), "--language", "en")
    assert said.startswith(f"wrote {target}: สขร.1 of unit-a 2026-04 (xlsx, en), 1 rows, not closed yet, ")
    sheet: Any = openpyxl.load_workbook(target).active
    assert sheet["A2"].value == "Summary of procurement results for the month of April 2026"
    assert sheet["B7"].value == "จัดซื้อหมึกพิมพ์"


def test_writes_the_months_pdf(world: World, tmp_path: Path) -> None:
    needs_chromium()
    target = tmp_path / "february.pdf"
    said = _run("--unit", "unit-a", "--month", "2026-02", "--format", "pdf", "--out", str(target))
    assert said.startswith(f"wrote {target}: สขร.1 of unit-a 2026-02 (pdf, th), 0 rows, closed as of 2026-03-02, ")
    text = pymupdf.open(target)[0].get_text().split("\n")
    assert "ไม่มีการจัดซื้อจัดจ้างในรอบเดือน กุมภาพันธ์ 2569 (ข้อมูล ณ วันที่ 2 มีนาคม 2569)" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--unit", "nowhere", "--month", "2026-03", "--format", "xlsx"],
            "ไม่พบหน่วยงาน 'nowhere' / There is no unit 'nowhere'.",
        ),
        (
            ["--unit", "unit-a", "--month", "03/2026", "--format", "xlsx"],
            "เดือนต้องเขียนเป็น ปปปป-ดด เช่น 2026-03 หรือ 2569-03 ไม่ใช่ '03/2026' / "
            "Write the month as YYYY-MM, such as 2026-03 or 2569-03, not '03/2026'.",
        ),
        (
            ["--unit", "unit-a", "--month", "2026-13", "--format", "xlsx"],
            "เดือนต้องเขียนเป็น ปปปป-ดด เช่น 2026-03 หรือ 2569-03 ไม่ใช่ '2026-13' / "
            "Write the month as YYYY-MM, such as 2026-03 or 2569-03, not '2026-13'.",
        ),
        (
            ["--unit", "unit-a", "--month", "2026-03", "--format", "csv"],
            "รูปแบบไฟล์ต้องเป็น xlsx หรือ pdf ไม่ใช่ 'csv' / The format must be xlsx or pdf, not 'csv'.",
        ),
        (
            ["--unit", "unit-a", "--month", "2026-03", "--format", "xlsx", "--language", "fr"],
            "ภาษาต้องเป็น th หรือ en ไม่ใช่ 'fr' / The language must be th or en, not 'fr'.",
        ),
    ],
)
def test_bad_input_is_refused_in_thai_and_english_and_writes_nothing(
    world: World, tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "out.file"
    with pytest.raises(CommandError) as refused:
        _run(*args, "--out", str(target))
    assert str(refused.value) == message
    assert not target.exists()


def test_without_chromium_a_pdf_is_refused_with_the_way_out(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("prongsai.rendering.pdf.chromium_path", lambda: None)
    target = tmp_path / "march.pdf"
    with pytest.raises(CommandError) as refused:
        _run("--unit", "unit-a", "--month", "2026-03", "--format", "pdf", "--out", str(target))
    assert str(refused.value) == (
        "เครื่องนี้ยังพิมพ์ไฟล์ PDF ไม่ได้ (ไม่มี Chromium) ใช้ --format xlsx ได้ / "
        "This machine cannot print PDF files (Chromium is not installed); use --format xlsx."
    )
    assert not target.exists()


def test_a_file_that_cannot_be_written_is_refused(world: World, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "march.xlsx"
    with pytest.raises(CommandError) as refused:
        _run("--unit", "unit-a", "--month", "2026-03", "--format", "xlsx", "--out", str(target))
    assert str(refused.value) == (f"เขียนไฟล์ {target} ไม่ได้ / Cannot write {target}: No such file or directory")
